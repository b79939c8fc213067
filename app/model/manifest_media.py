"""The presskit/1.1 media sections: ``artwork:``, ``videos:`` and the ``trailer:`` shorthand for
one video. Paths follow the rules of every kit file (inside the kit, existing); whether a file
is the right type of media is ``validate``'s header check, as for stills.
"""

from __future__ import annotations

import logging

import yaml

from app.model.kit import ARTWORK_KINDS, VIDEO_KINDS, Artwork, KitFile, Video
from app.model.manifest_nodes import Missing, NodeReader, is_null
from app.model.manifest_terms import own_embargo

log = logging.getLogger(__name__)

ARTWORK_KEYS = ("file", "title", "kind", "credit", "caption", "alt")
# ``trailer:`` keeps presskit/1's shape exactly; a video with a kind, a transcript or terms of
# its own is written under ``videos:`` (the published schema says the same).
TRAILER_KEYS = ("file", "title", "poster", "captions")
VIDEO_KEYS = (*TRAILER_KEYS, "kind", "transcript", "usage", "embargo")


def read_artwork(reader: NodeReader, node: yaml.Node, key: str) -> Artwork:
    values = reader.mapping(node, key, ARTWORK_KEYS)
    if values is None:
        raise Missing
    file_text = reader.required_text(values, "file", key, node)
    found = reader.kit_file_or_reason(values, "file", key)
    return Artwork(
        file_text=file_text,
        file=found if isinstance(found, KitFile) else None,
        title=reader.text(values, "title", key),
        kind=reader.choice(values, "kind", key, ARTWORK_KINDS),
        credit=reader.text(values, "credit", key),
        caption=reader.text(values, "caption", key),
        alt=reader.text(values, "alt", key),
        problem=found if isinstance(found, str) else None,
    )


def read_video(reader: NodeReader, node: yaml.Node, key: str) -> Video:
    """One item of ``videos:``."""
    values = reader.mapping(node, key, VIDEO_KEYS)
    if values is None:
        raise Missing
    return _video(reader, values, key, node)


def read_trailer(reader: NodeReader, node: yaml.Node | None) -> Video | None:
    """The ``trailer:`` shorthand: one video, of kind trailer."""
    if node is None or is_null(node):  # ``trailer:`` with nothing under it
        return None
    # A presskit/1 kit reads as it always did: any other key is simply unknown there.
    known = VIDEO_KEYS if reader.format_minor >= 1 else TRAILER_KEYS
    values = reader.mapping(node, "trailer", known)
    if values is None:
        return None
    for name in [name for name in values if name not in TRAILER_KEYS]:
        # Said plainly rather than as an unknown key: the key is right, the place is not.
        reader.warning(
            values.pop(name),
            f"trailer.{name}",
            f"the 'trailer' shorthand takes presskit/1's keys only; to give a video a {name}, "
            "write it under 'videos'; ignored",
        )
    try:
        return _video(reader, values, "trailer", node)._replace(kind="trailer")
    except Missing:
        return None


def _video(reader: NodeReader, values: dict[str, yaml.Node], key: str, node: yaml.Node) -> Video:
    file_text = reader.required_text(values, "file", key, node)
    found = reader.kit_file_or_reason(values, "file", key)
    return Video(
        file_text=file_text,
        file=found if isinstance(found, KitFile) else None,
        title=reader.text(values, "title", key),
        poster=reader.kit_file(values, "poster", key),
        captions=reader.kit_file(values, "captions", key),
        problem=found if isinstance(found, str) else None,
        kind=reader.choice(values, "kind", key, VIDEO_KINDS),
        transcript=reader.kit_file(values, "transcript", key),
        usage=reader.text(values, "usage", key),
        embargo=own_embargo(reader, values, key),
    )
