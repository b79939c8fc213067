"""The presskit/1.1 sections about people and the press: ``people:``, ``awards:``, ``quotes:``,
``screenings:`` and ``translations:``. Read with the rules of :mod:`app.model.manifest_nodes`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import yaml

from app.model.kit import (
    AWARD_RESULTS,
    Award,
    LinkTarget,
    Person,
    Quote,
    Screening,
    Synopsis,
    Translation,
    name_key,
)
from app.model.manifest_nodes import Missing, NodeReader, child_key, is_null
from app.model.manifest_yaml import describe_node
from app.model.note_links import note_links
from app.model.problems import quote_value

log = logging.getLogger(__name__)

PERSON_KEYS = ("name", "pronunciation", "bio", "photo", "photo_credit")
AWARD_KEYS = ("festival", "year", "result", "category", "laurel")
QUOTE_KEYS = ("text", "source", "author", "date", "url")
SCREENING_KEYS = ("title", "start", "venue", "city", "address", "note")
TRANSLATION_KEYS = ("title", "tagline", "logline", "synopsis")
TRANSLATED_SYNOPSIS_KEYS = ("short", "long", "attribution")

# The shape of a BCP 47 (RFC 5646) language tag: language with optional extended subtags,
# script, region, variants, extensions and a private-use part, or a private-use tag alone.
# The language is two or three letters: the grammar's four to eight are reserved and none is
# registered, and allowing them would pass a name such as "french" as a tag. Whether a subtag
# is registered is not checked: that needs the IANA registry, which changes.
_LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE | re.ASCII,
)

# Whether a name is in the credits: the loader's credits, compared as kit.name_key compares.
IsCredited = Callable[[str], bool]


def is_language_tag(text: str) -> bool:
    return _LANGUAGE_TAG.fullmatch(text) is not None


def warn_uncredited(reader: NodeReader, node: yaml.Node, key: str, name: str) -> None:
    reader.warning(
        node,
        key,
        f"{quote_value(name)} is not in the credits (write the name exactly as credited)",
    )


def read_person(
    reader: NodeReader,
    node: yaml.Node,
    key: str,
    source: str,
    is_credited: IsCredited,
    described: dict[str, str],
) -> Person:
    """One ``people`` entry; ``described`` maps each name read so far (as ``name_key`` has
    it) to its entry's key, so a second entry for one person is caught."""
    values = reader.mapping(node, key, PERSON_KEYS)
    if values is None:
        raise Missing
    name = reader.required_text(values, "name", key, node)
    name_place = child_key(key, "name")
    if not is_credited(name):
        warn_uncredited(reader, values["name"], name_place, name)
    first = described.setdefault(name_key(name), key)
    if first != key:  # a name opens one card: the viewer can show only the first entry's
        reader.warning(
            values["name"], name_place, f"{quote_value(name)} is described already in {first}"
        )
    bio = reader.text(values, "bio", key)
    links: tuple[LinkTarget, ...] = ()
    if bio:
        bio_key = child_key(key, "bio")
        links = note_links(reader, values["bio"], bio, bio_key, source, "biographies")
    return Person(
        name=name,
        pronunciation=reader.text(values, "pronunciation", key),
        bio=bio,
        photo=reader.kit_file(values, "photo", key),
        photo_credit=reader.text(values, "photo_credit", key),
        bio_links=links,
    )


def read_award(reader: NodeReader, node: yaml.Node, key: str) -> Award:
    values = reader.mapping(node, key, AWARD_KEYS)
    if values is None:
        raise Missing
    festival = reader.required_text(values, "festival", key, node)
    if "result" not in values:
        reader.error(node, key, f"'result' is required (one of: {' | '.join(AWARD_RESULTS)})")
        raise Missing
    result = reader.choice(values, "result", key, AWARD_RESULTS, what="result")
    if result is None:
        raise Missing
    return Award(
        festival=festival,
        result=result,
        year=reader.positive_int(values, "year", key),
        category=reader.text(values, "category", key),
        laurel=reader.kit_file(values, "laurel", key),
    )


def read_quote(reader: NodeReader, node: yaml.Node, key: str) -> Quote:
    values = reader.mapping(node, key, QUOTE_KEYS)
    if values is None:
        raise Missing
    return Quote(
        text=reader.required_text(values, "text", key, node),
        source=reader.required_text(values, "source", key, node),
        author=reader.text(values, "author", key),
        date=reader.optional_date(values, "date", key),
        url=reader.web_url(values, "url", key),
    )


def read_screening(reader: NodeReader, node: yaml.Node, key: str) -> Screening:
    values = reader.mapping(node, key, SCREENING_KEYS)
    if values is None:
        raise Missing
    if "start" not in values:
        reader.error(node, key, "'start' is required (a date and time with its UTC offset)")
        raise Missing
    start, _problem = reader.time(values, "start", key)
    if start is None:  # a screening without a moment cannot be listed or put in a calendar
        if _problem is None:
            reader.error(values["start"], child_key(key, "start"), "must not be empty")
        raise Missing
    return Screening(
        start=start,
        title=reader.text(values, "title", key),
        venue=reader.text(values, "venue", key),
        city=reader.text(values, "city", key),
        address=reader.text(values, "address", key),
        note=reader.text(values, "note", key),
    )


def read_translations(reader: NodeReader, node: yaml.Node | None) -> tuple[Translation, ...]:
    """``translations:``: a mapping of BCP 47 language tags to the film's text in each."""
    if node is None or is_null(node):
        return ()
    if not isinstance(node, yaml.MappingNode):
        shown = describe_node(node)
        reader.error(node, "translations", f"expected a mapping of language tags, found {shown}")
        return ()
    found: list[Translation] = []
    seen: set[str] = set()
    for tag_node, value in node.value:
        tag = str(tag_node.value) if isinstance(tag_node, yaml.ScalarNode) else ""
        key = child_key("translations", tag)
        if not is_language_tag(tag):
            shown = quote_value(tag) if isinstance(tag_node, yaml.ScalarNode) else "a key"
            hyphenated = tag.replace("_", "-")  # fr_FR is how locales are often written
            hint = (
                f"write '{hyphenated}': BCP 47 joins its parts with '-'"
                if hyphenated != tag and is_language_tag(hyphenated)
                else "write a BCP 47 tag such as fr, pt-BR or zh-Hant"
            )
            reader.error(tag_node, "translations", f"{shown} is not a language tag ({hint})")
            continue
        if tag.casefold() in seen:  # tags are case-insensitive: fr and FR are one language
            reader.error(tag_node, key, "duplicate language (it appears more than once)")
            continue
        seen.add(tag.casefold())
        translation = _read_translation(reader, value, key, tag)
        if translation is not None:
            found.append(translation)
    return tuple(found)


def _read_translation(
    reader: NodeReader, node: yaml.Node, key: str, tag: str
) -> Translation | None:
    values = reader.mapping(node, key, TRANSLATION_KEYS)
    if values is None:
        return None
    synopsis: Synopsis | None = None
    synopsis_node = values.get("synopsis")
    if synopsis_node is not None and not is_null(synopsis_node):
        synopsis_key = child_key(key, "synopsis")
        parts = reader.mapping(synopsis_node, synopsis_key, TRANSLATED_SYNOPSIS_KEYS)
        if parts is not None:
            synopsis = Synopsis(
                short=reader.text(parts, "short", synopsis_key),
                long=reader.text(parts, "long", synopsis_key),
                attribution=reader.text(parts, "attribution", synopsis_key),
            )
    translation = Translation(
        language=tag,
        title=reader.text(values, "title", key),
        tagline=reader.text(values, "tagline", key),
        logline=reader.text(values, "logline", key),
        synopsis=synopsis,
    )
    if not any((translation.title, translation.tagline, translation.logline, synopsis)):
        reader.warning(node, key, "gives no text (title, tagline, logline or synopsis)")
    return translation
