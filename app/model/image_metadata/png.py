"""PNG: XMP in an uncompressed ``iTXt`` chunk with the keyword ``XML:com.adobe.xmp``.

Chunks are walked by their headers and copied through; only an existing XMP chunk is replaced
(the new one goes before the first ``IDAT``, where readers that stop at the image data still
find it). Every other chunk keeps its bytes, CRC and order.
"""

from __future__ import annotations

import logging
import os
import struct
import zlib
from typing import BinaryIO

from app.model.image_metadata import xmp
from app.model.image_metadata.exif import read_exif_into
from app.model.image_metadata.fields import ImageFields, ImageMetadata, MetadataWriteError
from app.model.image_metadata.safe_xml import UnsafeXmlError
from app.model.image_metadata.streams import copy_span, read_exactly

log = logging.getLogger(__name__)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_KEYWORD = b"XML:com.adobe.xmp"
MAX_METADATA_CHUNK = 8 * 1024 * 1024
MAX_CHUNKS = 1_000_000


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _xmp_text(data: bytes) -> bytes | None:
    """The XMP of an ``iTXt`` chunk's data, or None when it is another keyword's text."""
    if not data.startswith(XMP_KEYWORD + b"\x00"):
        return None
    rest = data[len(XMP_KEYWORD) + 1 :]
    if len(rest) < 2:
        raise ValueError("the XMP iTXt chunk is cut short")
    compressed = rest[0] == 1
    parts = rest[2:].split(b"\x00", 2)  # language tag, translated keyword, text
    if len(parts) != 3:
        raise ValueError("the XMP iTXt chunk is malformed")
    text = parts[2]
    if compressed:
        inflater = zlib.decompressobj()
        text = inflater.decompress(text, MAX_METADATA_CHUNK)
        if inflater.unconsumed_tail:
            raise ValueError("the compressed XMP iTXt chunk inflates past the size allowed")
    return text


def _header(src: BinaryIO) -> tuple[int, bytes] | None:
    head = src.read(8)
    if not head:
        return None
    if len(head) < 8:
        raise MetadataWriteError("the PNG ends inside a chunk header")
    length, kind = struct.unpack(">I4s", head)
    if length > 0x7FFFFFFF:
        raise MetadataWriteError(f"a PNG chunk claims an impossible length ({length})")
    return length, kind


def write(src: BinaryIO, dst: BinaryIO, fields: ImageFields) -> list[str]:
    """Copy the PNG ``src`` to ``dst`` with ``fields`` merged into its XMP."""
    problems: list[str] = []
    if src.read(8) != SIGNATURE:
        raise MetadataWriteError("the file is not a PNG (bad signature)")
    # First pass over the chunk headers: find the existing XMP (it may follow the image data)
    # without reading the image data itself.
    start = src.tell()
    existing: bytes | None = None
    count = 0
    while (header := _header(src)) is not None:
        length, kind = header
        count += 1
        if count > MAX_CHUNKS:
            raise MetadataWriteError(f"the PNG has more than {MAX_CHUNKS} chunks")
        if kind == b"iTXt" and length <= MAX_METADATA_CHUNK and existing is None:
            data = read_exactly(src, length, "a PNG text chunk")
            try:
                existing = _xmp_text(data)
            except (ValueError, zlib.error) as error:
                problems.append(f"the XMP chunk could not be kept: {error}")
            src.seek(4, 1)
        else:
            src.seek(length + 4, 1)
        if kind == b"IEND":
            break
    packet = xmp.merge_packet(existing, fields, problems)
    new_chunk = _chunk(b"iTXt", XMP_KEYWORD + b"\x00\x00\x00\x00\x00" + packet)
    src.seek(start)
    dst.write(SIGNATURE)
    placed = False
    while (header := _header(src)) is not None:
        length, kind = header
        if kind == b"iTXt" and length <= MAX_METADATA_CHUNK:
            data = read_exactly(src, length + 4, "a PNG text chunk")
            if data.startswith(XMP_KEYWORD + b"\x00"):
                continue  # the old XMP chunk: the new one replaces it
            dst.write(struct.pack(">I4s", length, kind) + data)
            continue
        if kind in (b"IDAT", b"IEND") and not placed:
            dst.write(new_chunk)
            placed = True
        dst.write(struct.pack(">I4s", length, kind))
        copy_span(src, dst, length + 4, "a PNG chunk")
        if kind == b"IEND":
            break
    if not placed:
        raise MetadataWriteError("the PNG has no image data (no IDAT chunk)")
    return problems


def read_into(src: BinaryIO, found: ImageMetadata) -> None:
    """Fill ``found`` from the PNG's XMP, then its ``eXIf`` chunk."""
    if src.read(8) != SIGNATURE:
        found.problems.append("the file is not a PNG (bad signature)")
        return
    exif: bytes | None = None
    packet: bytes | None = None
    file_size = src.seek(0, os.SEEK_END)
    src.seek(len(SIGNATURE))
    try:
        count = 0
        while (header := _header(src)) is not None:
            length, kind = header
            count += 1
            if count > MAX_CHUNKS:
                raise MetadataWriteError(f"the PNG has more than {MAX_CHUNKS} chunks")
            if src.tell() + length + 4 > file_size:
                name = kind.decode("latin-1")
                raise MetadataWriteError(f"the PNG ends inside its {name!r} chunk (truncated)")
            wanted = kind in (b"iTXt", b"eXIf") and length <= MAX_METADATA_CHUNK
            if not wanted:
                src.seek(length + 4, 1)
                if kind == b"IEND":
                    break
                continue
            data = read_exactly(src, length, f"the PNG {kind.decode('latin-1')} chunk")
            src.seek(4, 1)
            if kind == b"eXIf" and exif is None:
                exif = data
            elif kind == b"iTXt" and packet is None:
                try:
                    packet = _xmp_text(data)
                except (ValueError, zlib.error) as error:
                    found.problems.append(f"the XMP chunk was not read: {error}")
    except MetadataWriteError as error:
        found.problems.append(str(error))
    if packet is not None:
        try:
            root, _prefixes = xmp.parse_packet(packet)
        except UnsafeXmlError as error:
            found.problems.append(f"the XMP packet was not read: {error}")
        else:
            xmp.read_into(root, found)
    if exif is not None:
        read_exif_into(exif, found)
