"""PNG: XMP in an uncompressed ``iTXt`` chunk with the keyword ``XML:com.adobe.xmp``.

The chunk headers are walked in a memory map and the runs of chunks that stay are copied
through in one piece each; only an existing XMP chunk is replaced (the new one goes before the
first ``IDAT``, where readers that stop at the image data still find it). Every other chunk
keeps its bytes, CRC and order.
"""

from __future__ import annotations

import logging
import mmap
import struct
import zlib
from typing import BinaryIO, NamedTuple

from app.model.image_metadata import xmp
from app.model.image_metadata.exif import read_exif_into
from app.model.image_metadata.fields import ImageFields, ImageMetadata, MetadataWriteError
from app.model.image_metadata.streams import copy_range, whole_view

log = logging.getLogger(__name__)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_KEYWORD = b"XML:com.adobe.xmp"
MAX_METADATA_CHUNK = 8 * 1024 * 1024
MAX_CHUNKS = 1_000_000


class Chunk(NamedTuple):
    kind: bytes
    offset: int  # of the chunk's length field
    length: int  # of its data

    @property
    def end(self) -> int:
        return self.offset + 12 + self.length


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


class Walk(NamedTuple):
    chunks: list[Chunk]  # every chunk but the IDATs after the first: the image data's run
    end: int  # where the last whole chunk ends
    damage: str | None  # why the walk stopped short, None when it did not


def _walk(view: bytes | mmap.mmap) -> Walk:
    """The chunks up to ``IEND``. A large image has thousands of IDAT chunks: the loop is kept
    tight and records only the first, so walking costs far less than copying the file."""
    if view[:8] != SIGNATURE:
        return Walk([], 8, "the file is not a PNG (bad signature)")
    chunks: list[Chunk] = []
    position, size, count = 8, len(view), 0
    unpack = struct.Struct(">I4s").unpack_from
    seen_idat = False
    damage: str | None = None
    while position < size:
        if position + 12 > size:
            damage = "the PNG ends inside a chunk header (truncated)"
            break
        length, kind = unpack(view, position)
        end = position + 12 + length
        if length > 0x7FFFFFFF:
            damage = f"a PNG chunk claims an impossible length ({length})"
            break
        if end > size:
            damage = f"the PNG ends inside its {kind.decode('latin-1')!r} chunk (truncated)"
            break
        count += 1
        if count > MAX_CHUNKS:
            damage = f"the PNG has more than {MAX_CHUNKS} chunks"
            break
        if kind != b"IDAT" or not seen_idat:
            chunks.append(Chunk(kind, position, length))
            seen_idat = seen_idat or kind == b"IDAT"
        position = end
        if kind == b"IEND":
            break
    return Walk(chunks, position, damage)


def _is_xmp(view: bytes | mmap.mmap, chunk: Chunk) -> bool:
    start = chunk.offset + 8
    return chunk.kind == b"iTXt" and view[start : start + 18] == XMP_KEYWORD + b"\x00"


def _xmp_text(data: bytes) -> bytes:
    """The XMP text of an XMP ``iTXt`` chunk's data (keyword included)."""
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


def _existing_xmp(
    view: bytes | mmap.mmap, chunks: list[Chunk], problems: list[str], verb: str
) -> bytes | None:
    for chunk in chunks:
        if not _is_xmp(view, chunk):
            continue
        if chunk.length > MAX_METADATA_CHUNK:
            problems.append(f"the XMP chunk is too large and was not {verb}")
            return None
        try:
            return _xmp_text(bytes(view[chunk.offset + 8 : chunk.offset + 8 + chunk.length]))
        except (ValueError, zlib.error) as error:
            problems.append(f"the XMP chunk could not be {verb}: {error}")
            return None
    return None


def write(src: BinaryIO, dst: BinaryIO, fields: ImageFields) -> list[str]:
    """Copy the PNG ``src`` to ``dst`` with ``fields`` merged into its XMP."""
    problems: list[str] = []
    with whole_view(src) as view:
        chunks, end, damage = _walk(view)
        if damage is not None:
            raise MetadataWriteError(damage)
        existing = _existing_xmp(view, chunks, problems, "kept")
        old_xmp = {chunk.offset for chunk in chunks if _is_xmp(view, chunk)}
    first_idat = next((i for i, c in enumerate(chunks) if c.kind == b"IDAT"), None)
    if first_idat is None:
        raise MetadataWriteError("the PNG has no image data (no IDAT chunk)")
    packet = xmp.merge_packet(existing, fields, problems)
    new_chunk = _chunk(b"iTXt", XMP_KEYWORD + b"\x00\x00\x00\x00\x00" + packet)
    # Runs of kept chunks, each copied in one piece; the new XMP chunk goes before the first
    # IDAT, and the old XMP chunks are left out wherever they were.
    dst.write(SIGNATURE)
    run_start = 8
    for index, chunk in enumerate(chunks):
        if index == first_idat or chunk.offset in old_xmp:
            copy_range(src, dst, run_start, chunk.offset - run_start, "a PNG chunk")
            run_start = chunk.offset
            if index == first_idat:
                dst.write(new_chunk)
        if chunk.offset in old_xmp:
            run_start = chunk.end
    copy_range(src, dst, run_start, end - run_start, "a PNG chunk")
    return problems


def read_into(src: BinaryIO, found: ImageMetadata) -> None:
    """Fill ``found`` from the PNG's XMP, then its ``eXIf`` chunk."""
    with whole_view(src) as view:
        chunks, _end, damage = _walk(view)
        if damage is not None:
            found.problems.append(damage)  # what came before the damage is still read
        packet = _existing_xmp(view, chunks, found.problems, "read")
        exif_chunk = next(
            (c for c in chunks if c.kind == b"eXIf" and c.length <= MAX_METADATA_CHUNK), None
        )
        exif = None
        if exif_chunk is not None:
            exif = bytes(view[exif_chunk.offset + 8 : exif_chunk.offset + 8 + exif_chunk.length])
    if packet is not None:
        xmp.read_packet_into(packet, found)
    if exif is not None:
        read_exif_into(exif, found)
