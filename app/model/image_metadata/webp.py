"""WebP: XMP in an ``XMP `` chunk of the extended (VP8X) container.

A simple lossy (``VP8 ``) or lossless (``VP8L``) file is turned into the extended form: a
``VP8X`` chunk is put in front, with the canvas size read from the bitstream's own header.
Every other chunk is copied through untouched; the RIFF size is recomputed.
"""

from __future__ import annotations

import logging
import struct
from typing import BinaryIO, NamedTuple

from app.model.image_metadata import xmp
from app.model.image_metadata.exif import read_exif_into
from app.model.image_metadata.fields import ImageFields, ImageMetadata, MetadataWriteError
from app.model.image_metadata.streams import copy_range, read_exactly

log = logging.getLogger(__name__)

MAX_METADATA_CHUNK = 8 * 1024 * 1024
MAX_CHUNKS = 100_000
_XMP_FLAG = 0x04
_ALPHA_FLAG = 0x10
# The chunks that come before XMP in the extended layout; XMP goes after the last of them.
_BEFORE_XMP = {b"VP8X", b"ICCP", b"ANIM", b"ALPH", b"VP8 ", b"VP8L", b"ANMF", b"EXIF"}


class Chunk(NamedTuple):
    kind: bytes
    offset: int  # of the chunk's data in the file
    size: int  # without the padding byte


def _chunks(src: BinaryIO) -> list[Chunk]:
    head = src.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        raise MetadataWriteError("the file is not a WebP (no RIFF/WEBP header)")
    (riff_size,) = struct.unpack("<I", head[4:8])
    end = 8 + riff_size
    chunks: list[Chunk] = []
    position = 12
    while position + 8 <= end:
        src.seek(position)
        header = src.read(8)
        if len(header) < 8:
            break  # a RIFF size past the end of the file: take what is there
        kind, size = header[:4], struct.unpack("<I", header[4:])[0]
        chunks.append(Chunk(kind, position + 8, size))
        if len(chunks) > MAX_CHUNKS:
            raise MetadataWriteError(f"the WebP has more than {MAX_CHUNKS} chunks")
        position += 8 + size + (size & 1)
    if not chunks:
        raise MetadataWriteError("the WebP holds no chunks")
    return chunks


def _read(src: BinaryIO, chunk: Chunk, limit: int) -> bytes:
    size = min(chunk.size, limit)
    src.seek(chunk.offset)
    return read_exactly(src, size, f"the WebP {chunk.kind.decode('latin-1').strip()} chunk")


def canvas_size(src: BinaryIO, chunk: Chunk) -> tuple[int, int, bool]:
    """Width, height and whether alpha may be used, from a ``VP8 ``/``VP8L`` bitstream."""
    data = _read(src, chunk, 10)
    if chunk.kind == b"VP8 ":
        if len(data) < 10 or data[3:6] != b"\x9d\x01\x2a":
            raise MetadataWriteError("the WebP's VP8 bitstream has no frame header")
        width, height = struct.unpack("<HH", data[6:10])
        return width & 0x3FFF, height & 0x3FFF, False
    if len(data) < 5 or data[0] != 0x2F:
        raise MetadataWriteError("the WebP's VP8L bitstream has no signature")
    (bits,) = struct.unpack("<I", data[1:5])
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool((bits >> 28) & 1)


def _chunk_header(kind: bytes, size: int) -> bytes:
    return kind + struct.pack("<I", size)


def _padded(kind: bytes, data: bytes) -> bytes:
    return _chunk_header(kind, len(data)) + data + (b"\x00" if len(data) & 1 else b"")


def write(src: BinaryIO, dst: BinaryIO, fields: ImageFields) -> list[str]:
    """Copy the WebP ``src`` to ``dst`` with ``fields`` merged into its XMP."""
    problems: list[str] = []
    chunks = _chunks(src)
    kinds = [chunk.kind for chunk in chunks]
    old_xmp = next((c for c in chunks if c.kind == b"XMP "), None)
    existing = _read(src, old_xmp, MAX_METADATA_CHUNK) if old_xmp else None
    if old_xmp is not None and old_xmp.size > MAX_METADATA_CHUNK:
        problems.append("the XMP chunk is too large to keep; it was replaced")
        existing = None
    packet = xmp.merge_packet(existing, fields, problems)
    if b"VP8X" in kinds:
        vp8x = bytearray(_read(src, chunks[kinds.index(b"VP8X")], 10))
        if len(vp8x) < 10:
            raise MetadataWriteError("the WebP's VP8X chunk is cut short")
    elif kinds[0] in (b"VP8 ", b"VP8L"):
        width, height, alpha = canvas_size(src, chunks[0])
        vp8x = bytearray(10)
        vp8x[0] = _ALPHA_FLAG if alpha else 0
        vp8x[4:7] = (width - 1).to_bytes(3, "little")
        vp8x[7:10] = (height - 1).to_bytes(3, "little")
    else:
        raise MetadataWriteError("the WebP starts with neither VP8X nor an image bitstream")
    vp8x[0] |= _XMP_FLAG
    kept = [c for c in chunks if c.kind not in (b"VP8X", b"XMP ")]
    after = max((i for i, c in enumerate(kept) if c.kind in _BEFORE_XMP), default=-1)
    xmp_chunk = _padded(b"XMP ", packet)
    vp8x_chunk = _padded(b"VP8X", bytes(vp8x))
    body_size = 4 + len(vp8x_chunk) + len(xmp_chunk)
    body_size += sum(8 + c.size + (c.size & 1) for c in kept)
    dst.write(b"RIFF" + struct.pack("<I", body_size) + b"WEBP" + vp8x_chunk)
    if after == -1:
        dst.write(xmp_chunk)
    for index, chunk in enumerate(kept):
        dst.write(_chunk_header(chunk.kind, chunk.size))
        what = f"the WebP {chunk.kind.decode('latin-1')!r} chunk"
        copy_range(src, dst, chunk.offset, chunk.size, what)
        if chunk.size & 1:
            dst.write(b"\x00")  # the padding byte, whatever the original held there
        if index == after:
            dst.write(xmp_chunk)
    return problems


def read_into(src: BinaryIO, found: ImageMetadata) -> None:
    """Fill ``found`` from the WebP's XMP, then its EXIF."""
    try:
        chunks = _chunks(src)
        xmp_chunk = next((c for c in chunks if c.kind == b"XMP "), None)
        exif_chunk = next((c for c in chunks if c.kind == b"EXIF"), None)
        packet = _read(src, xmp_chunk, MAX_METADATA_CHUNK) if xmp_chunk else None
        exif = _read(src, exif_chunk, MAX_METADATA_CHUNK) if exif_chunk else None
    except MetadataWriteError as error:
        found.problems.append(str(error))
        return
    if packet is not None:
        xmp.read_packet_into(packet, found)
    if exif is not None:
        # Some writers keep JPEG's "Exif\0\0" prefix in the chunk; readers accept both.
        read_exif_into(exif[6:] if exif.startswith(b"Exif\x00\x00") else exif, found)
