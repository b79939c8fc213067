"""The few EXIF tags that stand in for a caption, a photographer and a copyright notice when a
file has neither XMP nor IPTC IIM: ImageDescription, Artist, Copyright, and the Windows
XPComment / XPAuthor and UserComment as fallbacks. Read-only; every offset is checked, so a
damaged or hostile TIFF structure only yields a problem."""

from __future__ import annotations

import logging
import struct

from app.model.image_metadata.fields import ImageMetadata

log = logging.getLogger(__name__)

_IMAGE_DESCRIPTION = 0x010E
_ARTIST = 0x013B
_COPYRIGHT = 0x8298
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_XP_COMMENT = 0x9C9C
_XP_AUTHOR = 0x9C9D
_USER_COMMENT = 0x9286
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
MAX_ENTRIES = 1000


def _ifd(tiff: bytes, offset: int, order: str, problems: list[str]) -> dict[int, bytes]:
    """The raw values of the IFD at ``offset``; ValueError if it lies outside the data."""
    if offset < 8 or offset + 2 > len(tiff):
        raise ValueError(f"an IFD offset ({offset}) points outside the EXIF data")
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    if count > MAX_ENTRIES or offset + 2 + 12 * count > len(tiff):
        raise ValueError(f"an IFD claims {count} entries, more than the EXIF data holds")
    values: dict[int, bytes] = {}
    for index in range(count):
        at = offset + 2 + 12 * index
        tag, kind, number = struct.unpack_from(order + "HHI", tiff, at)
        size = _TYPE_SIZES.get(kind, 1) * number
        if size <= 4:
            values[tag] = tiff[at + 8 : at + 8 + size]
            continue
        (value_at,) = struct.unpack_from(order + "I", tiff, at + 8)
        if value_at + size > len(tiff):
            # One damaged entry does not spoil the others.
            problems.append(f"EXIF tag 0x{tag:04x} points outside the EXIF data")
            continue
        values[tag] = tiff[value_at : value_at + size]
    return values


def _ascii(data: bytes) -> str:
    text = data.split(b"\x00", 1)[0]
    try:
        return text.decode("utf-8").strip()
    except UnicodeDecodeError:
        return text.decode("cp1252", errors="replace").strip()


def _xp(data: bytes) -> str:
    return data.decode("utf-16-le", errors="replace").split("\x00", 1)[0].strip()


def _user_comment(data: bytes, order: str) -> str:
    prefix, body = data[:8], data[8:]
    if prefix.startswith(b"UNICODE"):
        codec = "utf-16-le" if order == "<" else "utf-16-be"
        return body.decode(codec, errors="replace").split("\x00", 1)[0].strip()
    if prefix.startswith(b"ASCII") or prefix == b"\x00" * 8:
        return _ascii(body)
    return ""  # JIS or an unknown code: nothing a reader could rely on


def read_exif_into(tiff: bytes, found: ImageMetadata) -> None:
    """Fill the fields ``found`` lacks from a TIFF structure (EXIF without its ``Exif\\0\\0``)."""
    try:
        if tiff[:4] == b"II*\x00":
            order = "<"
        elif tiff[:4] == b"MM\x00*":
            order = ">"
        else:
            raise ValueError("the EXIF data does not start with a TIFF header")
        (first,) = struct.unpack_from(order + "I", tiff, 4)
        ifd0 = _ifd(tiff, first, order, found.problems)
        exif: dict[int, bytes] = {}
        if len(ifd0.get(_EXIF_IFD, b"")) == 4:
            (exif_at,) = struct.unpack(order + "I", ifd0[_EXIF_IFD])
            if exif_at == first:
                raise ValueError("the EXIF sub-IFD points back at the first IFD")
            exif = _ifd(tiff, exif_at, order, found.problems)
    except (ValueError, struct.error) as error:
        found.problems.append(f"the EXIF data is damaged: {error}")
        return
    orientation = ifd0.get(_ORIENTATION, b"")
    if len(orientation) >= 2 and found.orientation is None:
        (value,) = struct.unpack_from(order + "H", orientation)
        found.orientation = value if 1 <= value <= 8 else None
    candidates = {
        "caption": [
            _ascii(ifd0.get(_IMAGE_DESCRIPTION, b"")),
            _xp(ifd0.get(_XP_COMMENT, b"")),
            _user_comment(exif.get(_USER_COMMENT, b""), order),
        ],
        "photographer": [_ascii(ifd0.get(_ARTIST, b"")), _xp(ifd0.get(_XP_AUTHOR, b""))],
        "copyright": [_ascii(ifd0.get(_COPYRIGHT, b""))],
    }
    for name, texts in candidates.items():
        text = next((t for t in texts if t), "")
        if text and name not in found.sources:
            setattr(found, name, text)
            found.sources[name] = "exif"
