"""IPTC IIM inside a Photoshop image resource block (the JPEG APP13 segment).

Older newsroom systems read captions and credits only from IIM. The kit's text is written
marked as UTF-8 (1:90 = ESC % G) and cut at a character boundary to each dataset's length
limit; the full text stays in XMP. The IPTC digest (resource 0x0425) is rewritten to match,
because readers following the Metadata Working Group's guidance ignore IIM whose digest does
not match it.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from typing import NamedTuple

from app.model.image_metadata.fields import ImageFields, ImageMetadata

log = logging.getLogger(__name__)

PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
IPTC_RESOURCE = 0x0404
DIGEST_RESOURCE = 0x0425
UTF8_MARKER = b"\x1b%G"

# field -> (record, dataset, byte limit) per the IIM 4.2 specification.
DATASETS: dict[str, tuple[int, int, int]] = {
    "caption": (2, 120, 2000),
    "credit": (2, 110, 32),
    "photographer": (2, 80, 32),
    "copyright": (2, 116, 128),
}
_CODED_CHARSET = (1, 90)
_RECORD_VERSION = (2, 0)
_OBJECT_NAME = (2, 5)


class Resource(NamedTuple):
    ident: int
    name: bytes  # the Pascal string as stored, length byte and padding included
    data: bytes


class Record(NamedTuple):
    record: int
    dataset: int
    data: bytes


def cut_utf8(text: str, limit: int) -> bytes:
    """``text`` as UTF-8, cut to at most ``limit`` bytes without splitting a character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return data
    end = limit
    while end > 0 and (data[end] & 0xC0) == 0x80:
        end -= 1
    return data[:end]


def parse_resources(block: bytes) -> list[Resource]:
    """The 8BIM resources of a Photoshop block (after its signature); ValueError if damaged."""
    resources: list[Resource] = []
    pos = 0
    while pos < len(block):
        if len(block) - pos < 4 and not block[pos:].strip(b"\x00"):
            break  # trailing padding some writers leave
        if block[pos : pos + 4] != b"8BIM":
            raise ValueError(f"an image resource at byte {pos} does not start with 8BIM")
        if pos + 7 > len(block):
            raise ValueError("the last image resource is cut short")
        (ident,) = struct.unpack_from(">H", block, pos + 4)
        name_length = block[pos + 6]
        name_size = name_length + 1 + ((name_length + 1) & 1)
        size_at = pos + 6 + name_size
        if size_at + 4 > len(block):
            raise ValueError(f"image resource 0x{ident:04x} is cut short")
        (size,) = struct.unpack_from(">I", block, size_at)
        data_at = size_at + 4
        if data_at + size > len(block):
            raise ValueError(f"image resource 0x{ident:04x} claims {size} bytes past the end")
        resources.append(Resource(ident, block[pos + 6 : size_at], block[data_at : data_at + size]))
        pos = data_at + size + (size & 1)
    return resources


def build_resources(resources: list[Resource]) -> bytes:
    parts = []
    for resource in resources:
        padding = b"\x00" if len(resource.data) & 1 else b""
        parts.append(
            b"8BIM"
            + struct.pack(">H", resource.ident)
            + resource.name
            + struct.pack(">I", len(resource.data))
            + resource.data
            + padding
        )
    return b"".join(parts)


def parse_records(data: bytes) -> list[Record]:
    """The IIM datasets; ValueError if damaged."""
    records: list[Record] = []
    pos = 0
    while pos < len(data):
        if data[pos] != 0x1C:
            if not data[pos:].strip(b"\x00"):
                break
            raise ValueError(f"IIM dataset at byte {pos} does not start with its tag marker")
        if pos + 5 > len(data):
            raise ValueError("the last IIM dataset is cut short")
        record, dataset = data[pos + 1], data[pos + 2]
        (length,) = struct.unpack_from(">H", data, pos + 3)
        pos += 5
        if length & 0x8000:  # extended dataset: the next N bytes hold the length
            count = length & 0x7FFF
            if count > 4 or pos + count > len(data):
                raise ValueError(f"IIM dataset {record}:{dataset} has a bad extended length")
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        if pos + length > len(data):
            raise ValueError(f"IIM dataset {record}:{dataset} claims bytes past the end")
        records.append(Record(record, dataset, data[pos : pos + length]))
        pos += length
    return records


def build_records(records: list[Record]) -> bytes:
    return b"".join(
        bytes((0x1C, r.record, r.dataset)) + struct.pack(">H", len(r.data)) + r.data
        for r in records
    )


def _is_utf8(records: list[Record]) -> bool:
    return any((r.record, r.dataset) == _CODED_CHARSET and r.data == UTF8_MARKER for r in records)


def merge_iim(existing: bytes | None, fields: ImageFields, problems: list[str]) -> bytes:
    """The IIM datasets of ``existing`` with ``fields`` set, marked UTF-8."""
    kept: list[Record] = []
    if existing:
        try:
            kept = parse_records(existing)
        except ValueError as error:
            problems.append(f"the IPTC IIM could not be kept: {error}")
    utf8 = _is_utf8(kept)
    ours = {(rec, ds) for name, (rec, ds, _limit) in DATASETS.items() if _value(fields, name)}
    records: list[Record] = []
    for record in kept:
        key = (record.record, record.dataset)
        if key in ours or key == _CODED_CHARSET:
            continue
        data = record.data
        if not utf8 and record.record == 2 and key != _RECORD_VERSION and not data.isascii():
            # Without a charset marker the text was written in a legacy 8-bit code page; it
            # must become UTF-8 now that the marker says so.
            data = _decode(data, utf8=False).encode("utf-8")
        records.append(Record(record.record, record.dataset, data))
    if not any((r.record, r.dataset) == _RECORD_VERSION for r in records):
        records.append(Record(2, 0, b"\x00\x04"))
    records.append(Record(1, 90, UTF8_MARKER))
    for name, (rec, ds, limit) in DATASETS.items():
        value = _value(fields, name)
        if value:
            records.append(Record(rec, ds, cut_utf8(value, limit)))
    # Datasets go record by record, in ascending number, as the IIM specification orders them.
    records.sort(key=lambda r: (r.record, r.dataset))
    return build_records(records)


def _value(fields: ImageFields, name: str) -> str | None:
    value = getattr(fields, name)
    return str(value) if value else None


def merge_photoshop_block(
    existing: bytes | None, fields: ImageFields, problems: list[str]
) -> bytes:
    """A whole Photoshop resource block (signature included) with the IIM merged, the other
    resources kept and the IPTC digest matching the new IIM."""
    resources: list[Resource] = []
    if existing is not None:
        try:
            resources = parse_resources(existing[len(PHOTOSHOP_SIGNATURE) :])
        except ValueError as error:
            problems.append(f"the Photoshop resources could not be kept: {error}")
    old_iim = next((r.data for r in resources if r.ident == IPTC_RESOURCE), None)
    iim = merge_iim(old_iim, fields, problems)
    digest = hashlib.md5(iim, usedforsecurity=False).digest()
    result: list[Resource] = []
    placed = False
    for resource in resources:
        if resource.ident == DIGEST_RESOURCE:
            continue
        if resource.ident == IPTC_RESOURCE:
            if not placed:
                result.append(Resource(IPTC_RESOURCE, resource.name, iim))
                placed = True
            continue
        result.append(resource)
    if not placed:
        result.append(Resource(IPTC_RESOURCE, b"\x00\x00", iim))
    result.append(Resource(DIGEST_RESOURCE, b"\x00\x00", digest))
    return PHOTOSHOP_SIGNATURE + build_resources(result)


# ---- reading ----------------------------------------------------------------------------


def _decode(data: bytes, utf8: bool) -> str:
    if utf8:
        return data.decode("utf-8", errors="replace")
    # No charset marker: UTF-8 when the bytes are valid UTF-8, as the Metadata Working Group
    # advises, else the Western code page most legacy writers used.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_block_into(block: bytes, found: ImageMetadata) -> None:
    """Fill the fields ``found`` lacks from a Photoshop resource block (signature included)."""
    try:
        resources = parse_resources(block[len(PHOTOSHOP_SIGNATURE) :])
    except ValueError as error:
        found.problems.append(f"the Photoshop resources are damaged: {error}")
        return
    iim = next((r.data for r in resources if r.ident == IPTC_RESOURCE), None)
    if iim is None:
        return
    try:
        records = parse_records(iim)
    except ValueError as error:
        found.problems.append(f"the IPTC IIM is damaged: {error}")
        return
    utf8 = _is_utf8(records)
    wanted = {(rec, ds): name for name, (rec, ds, _limit) in DATASETS.items()}
    wanted[_OBJECT_NAME] = "title"
    values: dict[str, list[str]] = {}
    for record in records:
        name = wanted.get((record.record, record.dataset))
        text = _decode(record.data, utf8).strip() if name else ""
        if name and text:
            values.setdefault(name, []).append(text)
    for name, texts in values.items():
        if name in found.sources:
            continue
        setattr(found, name, "; ".join(texts) if name == "photographer" else texts[0])
        found.sources[name] = "iim"
