"""JPEG: XMP in APP1 (extended XMP across further APP1 segments), IPTC IIM in APP13.

Only the header segments before the first scan are parsed; everything from the scan on is
copied through untouched, so the decoded pixels cannot change. EXIF, ICC profiles and every
other segment keep their bytes and their order.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import xml.etree.ElementTree as ET
from typing import BinaryIO, NamedTuple

from app.model.image_metadata import iptc_iim, xmp
from app.model.image_metadata.exif import read_exif_into
from app.model.image_metadata.fields import ImageFields, ImageMetadata, MetadataWriteError
from app.model.image_metadata.safe_xml import UnsafeXmlError
from app.model.image_metadata.streams import copy_range, read_exactly

log = logging.getLogger(__name__)

XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
EXTENSION_SIGNATURE = b"http://ns.adobe.com/xmp/extension/\x00"
EXIF_SIGNATURE = b"Exif\x00\x00"
APP0, APP1, APP13, SOS = 0xE0, 0xE1, 0xED, 0xDA
MAX_PAYLOAD = 65533  # a segment's length field (65535) counts its own two bytes
MAX_XMP = MAX_PAYLOAD - len(XMP_SIGNATURE)
# An extension chunk carries a 32-byte GUID, the full length and its offset before its data.
MAX_EXTENSION_CHUNK = MAX_PAYLOAD - len(EXTENSION_SIGNATURE) - 40
MAX_SEGMENTS = 4096
MAX_HEADER_BYTES = 32 * 1024 * 1024  # far past any real header, well short of a memory problem
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


class Segment(NamedTuple):
    marker: int
    payload: bytes


def scan(src: BinaryIO) -> list[Segment]:
    """The segments between SOI and the first SOS; ``src`` is left at the SOS marker.

    MetadataWriteError if the file is not a JPEG or its header is damaged.
    """
    if src.read(2) != b"\xff\xd8":
        raise MetadataWriteError("the file is not a JPEG (no start-of-image marker)")
    segments: list[Segment] = []
    total = 0
    while True:
        byte = src.read(1)
        if not byte:
            raise MetadataWriteError("the JPEG ends before its image data")
        if byte != b"\xff":
            raise MetadataWriteError(f"the JPEG has stray bytes at offset {src.tell() - 1}")
        marker = src.read(1)
        while marker == b"\xff":  # fill bytes may pad before a marker
            marker = src.read(1)
        if not marker:
            raise MetadataWriteError("the JPEG ends before its image data")
        code = marker[0]
        if code == SOS:
            src.seek(-2, 1)
            return segments
        if code == 0xD9:
            raise MetadataWriteError("the JPEG ends before its image data")
        if code in _STANDALONE:
            continue
        (length,) = struct.unpack(">H", read_exactly(src, 2, "a JPEG segment header"))
        if length < 2:
            raise MetadataWriteError(f"a JPEG segment has an impossible length ({length})")
        segments.append(Segment(code, read_exactly(src, length - 2, "a JPEG segment")))
        total += length
        if len(segments) > MAX_SEGMENTS or total > MAX_HEADER_BYTES:
            raise MetadataWriteError(
                f"the JPEG's header segments pass {MAX_SEGMENTS} or {MAX_HEADER_BYTES} bytes"
            )


def _segment_bytes(marker: int, payload: bytes) -> bytes:
    if len(payload) > MAX_PAYLOAD:
        raise MetadataWriteError(
            f"a JPEG segment would hold {len(payload)} bytes, over the {MAX_PAYLOAD} allowed"
        )
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _extension(segments: list[Segment], guid: str | None, problems: list[str]) -> bytes | None:
    """The reassembled extended XMP the main packet names, or None (with a problem) when it
    is missing, incomplete or does not match its GUID."""
    if guid is None:
        return None
    chunks: dict[int, bytes] = {}
    full = 0
    for segment in segments:
        payload = segment.payload
        if segment.marker != APP1 or not payload.startswith(EXTENSION_SIGNATURE):
            continue
        head = payload[len(EXTENSION_SIGNATURE) : len(EXTENSION_SIGNATURE) + 40]
        if len(head) < 40 or head[:32].decode("ascii", "replace") != guid:
            continue
        full, offset = struct.unpack(">II", head[32:])
        chunks[offset] = payload[len(EXTENSION_SIGNATURE) + 40 :]
    data = b"".join(chunks[offset] for offset in sorted(chunks))
    if not chunks or len(data) != full:
        problems.append("the extended XMP is missing or incomplete, so it is ignored")
        return None
    if hashlib.md5(data, usedforsecurity=False).hexdigest().upper() != guid.upper():
        problems.append("the extended XMP does not match its GUID, so it is ignored")
        return None
    return data


def _extension_segments(data: bytes, guid: str) -> list[bytes]:
    return [
        _segment_bytes(
            APP1,
            EXTENSION_SIGNATURE
            + guid.encode("ascii")
            + struct.pack(">II", len(data), offset)
            + data[offset : offset + MAX_EXTENSION_CHUNK],
        )
        for offset in range(0, len(data), MAX_EXTENSION_CHUNK)
    ]


def _guid(extension: bytes) -> str:
    return hashlib.md5(extension, usedforsecurity=False).hexdigest().upper()


def _merged_xmp(segments: list[Segment], fields: ImageFields, problems: list[str]) -> list[bytes]:
    """The new XMP segments: the main packet, then any extended XMP it names."""
    main = next(
        (s.payload for s in segments if s.marker == APP1 and s.payload.startswith(XMP_SIGNATURE)),
        None,
    )
    root = xmp.new_root()
    prefixes: dict[str, str] = {}
    if main is not None:
        try:
            root, prefixes = xmp.parse_packet(main[len(XMP_SIGNATURE) :])
        except UnsafeXmlError as error:
            problems.append(f"the XMP packet could not be kept: {error}")
    extension = _extension(segments, xmp.extended_guid(root), problems)
    ext: tuple[ET.Element, dict[str, str]] | None = None
    if extension is not None:
        try:
            ext = xmp.parse_packet(extension)
        except UnsafeXmlError as error:
            problems.append(f"the extended XMP could not be kept: {error}")
            extension = None
        else:
            # A property the kit sets must not survive in the extension, where a reader would
            # merge it back over the kit's value.
            tags = {xmp.PROPERTIES[name][0] for name in xmp.field_values(fields)}
            if not xmp.remove_properties(ext[0], tags):
                ext = None  # unchanged: its bytes and GUID are kept as they are
    guid = _guid(extension) if extension is not None else None
    xmp.set_extended_guid(root, guid)
    packet = xmp.merged_packet_bytes(root, prefixes, fields)
    if len(packet) > MAX_XMP or ext is not None:
        # The kit's fields stay in the main packet, where every reader looks; the studio's
        # largest properties move to the extended XMP until the main packet fits its segment.
        if ext is None:
            ext = xmp.parse_packet(extension) if extension is not None else (xmp.new_root(), {})
        reserve = 200  # the HasExtendedXMP property added below
        while len(packet) + reserve > MAX_XMP:
            if not xmp.move_largest_property(root, ext[0]):
                raise MetadataWriteError(
                    f"the merged XMP packet is {len(packet)} bytes, over the {MAX_XMP} a JPEG "
                    "segment holds, and no property of the studio's is left to move out of it"
                )
            packet = xmp.merged_packet_bytes(root, prefixes, fields)
        extension = xmp.packet_bytes(ext[0], ext[1])
        guid = _guid(extension)
        xmp.set_extended_guid(root, guid)
        packet = xmp.merged_packet_bytes(root, prefixes, fields)
    result = [_segment_bytes(APP1, XMP_SIGNATURE + packet)]
    if guid is not None and extension is not None:
        result += _extension_segments(extension, guid)
    return result


def _is_xmp(segment: Segment) -> bool:
    return segment.marker == APP1 and (
        segment.payload.startswith(XMP_SIGNATURE) or segment.payload.startswith(EXTENSION_SIGNATURE)
    )


def _is_photoshop(segment: Segment) -> bool:
    return segment.marker == APP13 and segment.payload.startswith(iptc_iim.PHOTOSHOP_SIGNATURE)


def _photoshop_block(segments: list[Segment]) -> bytes | None:
    # Photoshop splits a large resource block over several APP13 segments, each starting
    # with the signature; the block is their concatenation.
    parts = [s.payload for s in segments if _is_photoshop(s)]
    if not parts:
        return None
    sig = len(iptc_iim.PHOTOSHOP_SIGNATURE)
    return iptc_iim.PHOTOSHOP_SIGNATURE + b"".join(part[sig:] for part in parts)


def _photoshop_segments(block: bytes) -> list[bytes]:
    """A resource block too big for one segment (a studio's thumbnail, say) continues in
    further APP13 segments, each starting with the signature, as Photoshop writes it."""
    signature = iptc_iim.PHOTOSHOP_SIGNATURE
    body = block[len(signature) :]
    room = MAX_PAYLOAD - len(signature)
    return [
        _segment_bytes(APP13, signature + body[start : start + room])
        for start in range(0, max(len(body), 1), room)
    ]


def write(src: BinaryIO, dst: BinaryIO, fields: ImageFields) -> list[str]:
    """Copy the JPEG ``src`` to ``dst`` with ``fields`` merged; the problems met on the way
    (metadata that was damaged and had to be replaced)."""
    problems: list[str] = []
    segments = scan(src)
    xmp_segments = _merged_xmp(segments, fields, problems)
    block = _photoshop_block(segments)
    iim_wanted = any(getattr(fields, name) for name in iptc_iim.DATASETS)
    app13: list[bytes] = []
    if block is not None or iim_wanted:
        merged = iptc_iim.merge_photoshop_block(block, fields, problems)
        app13 = _photoshop_segments(merged)
    # Where the new segments go: the old ones' places, else after JFIF and EXIF, which
    # readers expect right after the start-of-image marker.
    leading = 0
    while leading < len(segments) and (
        segments[leading].marker == APP0
        or (
            segments[leading].marker == APP1
            and segments[leading].payload.startswith(EXIF_SIGNATURE)
        )
    ):
        leading += 1
    out: list[bytes] = [b"\xff\xd8"]
    xmp_placed = app13_placed = False
    for index, segment in enumerate(segments):
        if index == leading and not xmp_placed:
            out += xmp_segments
            xmp_placed = True
        if _is_xmp(segment):
            if not xmp_placed:
                out += xmp_segments
                xmp_placed = True
            continue
        if _is_photoshop(segment):
            if not app13_placed:
                out += app13
                app13_placed = True
            continue
        if index == leading and not app13_placed and block is None:
            out += app13
            app13_placed = True
        out.append(_segment_bytes(segment.marker, segment.payload))
    if not xmp_placed:
        out += xmp_segments
    if not app13_placed:
        out += app13
    dst.write(b"".join(out))
    start = src.tell()
    end = src.seek(0, os.SEEK_END)
    copy_range(src, dst, start, end - start, "the JPEG image data")
    return problems


def read_into(src: BinaryIO, found: ImageMetadata) -> None:
    """Fill ``found`` from the JPEG's XMP, then IIM, then EXIF."""
    try:
        segments = scan(src)
    except MetadataWriteError as error:
        found.problems.append(str(error))
        return  # nothing after the damage can be trusted to be a segment
    main = next(
        (s.payload for s in segments if s.marker == APP1 and s.payload.startswith(XMP_SIGNATURE)),
        None,
    )
    if main is not None:
        root = xmp.read_packet_into(main[len(XMP_SIGNATURE) :], found)
        if root is not None:
            extension = _extension(segments, xmp.extended_guid(root), found.problems)
            if extension is not None:
                xmp.read_packet_into(extension, found, "the extended XMP")
    block = _photoshop_block(segments)
    if block is not None:
        iptc_iim.read_block_into(block, found)
    for segment in segments:
        if segment.marker == APP1 and segment.payload.startswith(EXIF_SIGNATURE):
            read_exif_into(segment.payload[len(EXIF_SIGNATURE) :], found)
            break
