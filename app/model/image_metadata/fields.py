"""The fields the press kit writes into, and reads out of, an image file's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


class MetadataWriteError(Exception):
    """The image cannot be written with metadata: its structure is damaged, or the metadata
    would not fit where the format puts it. The message names the problem in words a person
    can act on; the caller adds the file's name."""


@dataclass(frozen=True)
class ImageFields:
    """What to set in an image's XMP (and, for JPEG, IPTC IIM). ``None`` (or an empty
    ``people``) leaves whatever the file already holds for that field untouched, so a kit that
    says nothing about a still never erases what the studio wrote."""

    caption: str | None = None  # dc:description, IIM 2:120
    credit: str | None = None  # photoshop:Credit, IIM 2:110
    photographer: str | None = None  # dc:creator, IIM 2:80
    copyright: str | None = None  # dc:rights, IIM 2:116
    usage: str | None = None  # xmpRights:UsageTerms
    alt: str | None = None  # Iptc4xmpCore:AltTextAccessibility
    people: tuple[str, ...] = ()  # Iptc4xmpExt:PersonInImage
    title: str | None = None  # dc:title (the film's title)
    max_avail_width: int | None = None  # Iptc4xmpExt:MaxAvailWidth (web-size exports)
    max_avail_height: int | None = None  # Iptc4xmpExt:MaxAvailHeight


@dataclass
class ImageMetadata:
    """What :func:`read_metadata` found. ``sources`` says where each field came from
    (``xmp``, ``iim`` or ``exif``); ``problems`` holds one sentence for each damaged or
    refused part of the file (the caller adds the file's name)."""

    caption: str | None = None
    credit: str | None = None
    photographer: str | None = None
    copyright: str | None = None
    usage: str | None = None
    alt: str | None = None
    people: tuple[str, ...] = ()
    title: str | None = None
    max_avail_width: int | None = None
    max_avail_height: int | None = None
    # EXIF Orientation (1-8) when the file has one: 5-8 turn the stored pixels a quarter turn,
    # so a viewer (Qt among them) shows a landscape-stored image as portrait.
    orientation: int | None = None
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


# The text fields the reader fills, in the order the sources are consulted for each.
TEXT_FIELDS = ("caption", "credit", "photographer", "copyright", "usage", "alt", "title")


# Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): a
# packet holding one is not XML, and every reader would throw the whole packet away.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: str | None) -> str | None:
    """``value`` without characters XML cannot hold; None when nothing is left to say (an
    empty or blank field sets nothing, so it never erases what the studio wrote)."""
    if value is None:
        return None
    text = _NOT_XML.sub("", value)
    return text if text.strip() else None


def clean_fields(fields: ImageFields) -> ImageFields:
    """``fields`` ready to write: text cleaned as :func:`clean_text` does, blank names out."""
    people = tuple(p for p in (clean_text(person) for person in fields.people) if p is not None)
    return replace(
        fields,
        caption=clean_text(fields.caption),
        credit=clean_text(fields.credit),
        photographer=clean_text(fields.photographer),
        copyright=clean_text(fields.copyright),
        usage=clean_text(fields.usage),
        alt=clean_text(fields.alt),
        people=people,
        title=clean_text(fields.title),
    )
