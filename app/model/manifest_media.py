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
TRAILER_KEYS = ("file", "title", "poster", "captions")
VIDEO_KEYS = (*TRAILER_KEYS, "kind", "transcript", "usage", "embargo")
# What presskit/1.1 lets the ``trailer:`` shorthand say besides presskit/1's keys.
TRAILER_KEYS_1_1 = tuple(name for name in VIDEO_KEYS if name not in TRAILER_KEYS)


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
    return _video(reader, values, key, node, None)


def read_trailer(reader: NodeReader, node: yaml.Node | None) -> Video | None:
    """The ``trailer:`` shorthand: one video, of kind trailer unless it says otherwise."""
    if node is None or is_null(node):  # ``trailer:`` with nothing under it
        return None
    values = reader.mapping(node, "trailer", TRAILER_KEYS, TRAILER_KEYS_1_1)
    if values is None:
        return None
    try:
        return _video(reader, values, "trailer", node, "trailer")
    except Missing:
        return None


def _video(
    reader: NodeReader,
    values: dict[str, yaml.Node],
    key: str,
    node: yaml.Node,
    default_kind: str | None,
) -> Video:
    file_text = reader.required_text(values, "file", key, node)
    found = reader.kit_file_or_reason(values, "file", key)
    kind = reader.choice(values, "kind", key, VIDEO_KINDS)
    if kind is None and "kind" not in values and default_kind == "trailer":
        kind = "trailer"
    return Video(
        file_text=file_text,
        file=found if isinstance(found, KitFile) else None,
        title=reader.text(values, "title", key),
        poster=reader.kit_file(values, "poster", key),
        captions=reader.kit_file(values, "captions", key),
        problem=found if isinstance(found, str) else None,
        kind=kind,
        transcript=reader.kit_file(values, "transcript", key),
        usage=reader.text(values, "usage", key),
        embargo=own_embargo(reader, values, key),
    )
