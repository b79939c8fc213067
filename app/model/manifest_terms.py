"""The presskit/1.1 sections about the kit and the film as a whole: ``kit:``, ``film.specs`` and
``rights:`` (terms of use and the embargo). Read with the rules of :mod:`app.model.manifest_nodes`.
"""

from __future__ import annotations

import datetime
import logging
import re

import yaml

from app.model.kit import FilmSpecs, KitInfo, Rights
from app.model.manifest_nodes import Missing, NodeReader, is_null
from app.model.problems import quote_value

log = logging.getLogger(__name__)

KIT_KEYS = ("id", "version", "updated")
SPECS_KEYS = (
    "year",
    "countries",
    "languages",
    "aspect_ratio",
    "sound",
    "color",
    "exhibition_format",
)
RIGHTS_KEYS = ("usage", "copyright", "embargo")
# ASCII only: the id goes into calendar UIDs and file names, where other letters may not survive.
_KIT_ID = re.compile(r"[A-Za-z0-9_-]+")


def read_kit_info(reader: NodeReader, node: yaml.Node | None) -> KitInfo | None:
    if node is None or is_null(node):
        return None
    values = reader.mapping(node, "kit", KIT_KEYS)
    if values is None:
        return None
    try:
        kit_id = reader.required_text(values, "id", "kit", node)
    except Missing:
        return None
    if not _KIT_ID.fullmatch(kit_id):
        reader.error(
            values["id"],
            "kit.id",
            f"{quote_value(kit_id)} may hold only letters A-Z, digits, '-' and '_'",
        )
        return None
    return KitInfo(
        id=kit_id,
        version=reader.positive_int(values, "version", "kit"),
        updated=reader.optional_date(values, "updated", "kit"),
    )


def read_specs(reader: NodeReader, node: yaml.Node | None) -> FilmSpecs | None:
    if node is None or is_null(node):
        return None
    key = "film.specs"
    values = reader.mapping(node, key, SPECS_KEYS)
    if values is None:
        return None
    return FilmSpecs(
        year=reader.positive_int(values, "year", key),
        countries=reader.text_list(values, "countries", key),
        languages=reader.text_list(values, "languages", key),
        aspect_ratio=reader.text(values, "aspect_ratio", key),
        sound=reader.text(values, "sound", key),
        color=reader.text(values, "color", key),
        exhibition_format=reader.text(values, "exhibition_format", key),
    )


def read_rights(reader: NodeReader, node: yaml.Node | None) -> Rights | None:
    if node is None or is_null(node):
        return None
    values = reader.mapping(node, "rights", RIGHTS_KEYS)
    if values is None:
        return None
    embargo, problem = reader.time(values, "embargo", "rights")
    if problem is not None:
        log.info("the kit's embargo cannot be read; the kit counts as embargoed: %s", problem)
    return Rights(
        usage=reader.text(values, "usage", "rights"),
        copyright=reader.text(values, "copyright", "rights"),
        embargo=embargo,
        embargo_problem=problem,
    )


def own_embargo(
    reader: NodeReader, values: dict[str, yaml.Node], key: str
) -> datetime.datetime | None:
    """A still's or video's own embargo. One that cannot be read makes the item unreadable
    (skipped and marked in its place): shown without its embargo, a public screen could show
    what may not yet be published."""
    embargo, problem = reader.time(values, "embargo", key)
    if problem is not None:
        raise Missing
    return embargo
