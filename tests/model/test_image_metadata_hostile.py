"""Hostile and damaged metadata: the reader returns problems and never raises or hangs; the
writer either replaces damaged metadata (and says so) or refuses the image with a reason."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path

import pytest
from image_samples import KINDS, image_bytes, make_image

from app.model.image_metadata import (
    ImageFields,
    MetadataWriteError,
    merge_metadata,
    read_metadata,
    write_with_metadata,
)
from app.model.image_metadata.jpeg import XMP_SIGNATURE
from app.model.image_metadata.safe_xml import UnsafeXmlError, parse_xml

FIELDS = ImageFields(caption="Kit caption", credit="Kit credit", photographer="Kit photographer")

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b"]><x:xmpmeta xmlns:x='adobe:ns:meta/'>&j;</x:xmpmeta>"
)
EXTERNAL_ENTITY = (
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
    b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
    b"xmlns:dc='http://purl.org/dc/elements/1.1/' dc:description='&e;'/></rdf:RDF></x:xmpmeta>"
)
DEEP = b"<a>" * 100_000 + b"</a>" * 100_000
WIDE = b"<r>" + b"<a/>" * 200_000 + b"</r>"


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (BILLION_LAUGHS, "document type declaration"),
        (EXTERNAL_ENTITY, "document type declaration"),
        (b"<x>&undefined;</x>", "malformed"),
        (DEEP, "nests deeper"),
        (WIDE, "more than 100000 elements"),
        (b"<x>" + b" " * (9 * 1024 * 1024) + b"</x>", "over the"),
        (b"<a><b></a>", "malformed"),
        (b"", "malformed"),
        (b"\xff\xfe\x00<", "malformed"),
    ],
)
def test_the_xml_parser_refuses_what_xmp_never_needs(xml: bytes, reason: str) -> None:
    with pytest.raises(UnsafeXmlError, match=reason):
        parse_xml(xml)


def _jpeg_with_xmp(packet: bytes) -> bytes:
    data = image_bytes("jpeg")
    payload = XMP_SIGNATURE + packet
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + segment + data[2:]


@pytest.mark.parametrize("packet", [BILLION_LAUGHS, EXTERNAL_ENTITY, DEEP[:60000]])
def test_hostile_xmp_in_a_jpeg_is_a_problem_not_a_value(tmp_path: Path, packet: bytes) -> None:
    path = tmp_path / "hostile.jpg"
    path.write_bytes(_jpeg_with_xmp(packet))
    found = read_metadata(path)
    assert found.caption is None
    assert len(found.problems) == 1 and "XMP packet was not read" in found.problems[0]
    # The writer drops the hostile packet and writes a clean one.
    out = tmp_path / "out.jpg"
    with out.open("wb") as stream:
        problems = write_with_metadata(path, stream, FIELDS)
    assert any("could not be kept" in p for p in problems)
    assert read_metadata(out).caption == "Kit caption"
    assert b"ENTITY" not in out.read_bytes()


def _iim_jpeg(iim: bytes, resource_size: int | None = None) -> bytes:
    size = len(iim) if resource_size is None else resource_size
    block = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", size) + iim
    data = image_bytes("jpeg")
    return data[:2] + b"\xff\xed" + struct.pack(">H", len(block) + 2) + block + data[2:]


def _tiff(entries: list[tuple[int, int, int, int]], ifd_at: int = 8) -> bytes:
    head = b"II*\x00" + struct.pack("<I", ifd_at)
    body = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries)
    return head + body + b"\x00\x00\x00\x00"


def _exif_jpeg(tiff: bytes) -> bytes:
    payload = b"Exif\x00\x00" + tiff
    data = image_bytes("jpeg")
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:]


def _png_bomb() -> bytes:
    text = zlib.compress(b"<x>" + b" " * (64 * 1024 * 1024) + b"</x>", 9)
    data = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + text
    chunk = struct.pack(">I", len(data)) + b"iTXt" + data + b"\x00\x00\x00\x00"
    png = image_bytes("png")
    return png[:33] + chunk + png[33:]


HOSTILE_FILES = {
    "iim dataset past the end": _iim_jpeg(b"\x1c\x02\x78\xff\xffshort"),
    "iim extended length": _iim_jpeg(b"\x1c\x02\x78\x80\x08" + b"\xff" * 8),
    "iim garbage": _iim_jpeg(b"\x00\x01\x02garbage"),
    "8bim resource past the end": _iim_jpeg(b"\x1c\x02\x78\x00\x02ok", 0xFFFFFFFF),
    "8bim bad signature": (
        image_bytes("jpeg")[:2]
        + b"\xff\xed\x00\x16Photoshop 3.0\x00XXXX\x04\x04"
        + image_bytes("jpeg")[2:]
    ),
    "exif ifd count huge": _exif_jpeg(b"II*\x00\x08\x00\x00\x00\xff\xff"),
    "exif ifd offset outside": _exif_jpeg(b"II*\x00\xff\xff\xff\x7f"),
    "exif value outside": _exif_jpeg(_tiff([(0x010E, 2, 0xFFFFFFF, 0xFFFFFF0)])),
    "exif loops to itself": _exif_jpeg(_tiff([(0x8769, 4, 1, 8)])),
    "exif not tiff": _exif_jpeg(b"NOTATIFFHEADER"),
    "jpeg segment past the end": image_bytes("jpeg")[:2] + b"\xff\xe1\xff\xff" + b"x" * 100,
    "png chunk length huge": (
        b"\x89PNG\r\n\x1a\n" + b"\x7f\xff\xff\xffiTXt" + b"XML:com.adobe.xmp\x00" * 3
    ),
    "png chunk length impossible": b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffiTXt",
    "webp riff size huge": b"RIFF\xff\xff\xff\xffWEBPXMP \xff\xff\xff\x7f<x/>",
    "webp chunk past the end": b"RIFF\x40\x00\x00\x00WEBPXMP \x30\x00\x00\x00<x/>",
    "png compressed bomb": _png_bomb(),
    "empty": b"",
    "text": b"just some text, not an image",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_files_read_as_problems(tmp_path: Path, name: str) -> None:
    path = tmp_path / "hostile"
    path.write_bytes(HOSTILE_FILES[name])
    found = read_metadata(path)
    assert found.problems, f"{name}: no problem reported"
    assert all(isinstance(p, str) and p for p in found.problems)
    assert found.caption is None


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_files_write_or_refuse_with_a_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / "hostile"
    path.write_bytes(HOSTILE_FILES[name])
    out = tmp_path / "out"
    try:
        with out.open("wb") as stream:
            write_with_metadata(path, stream, FIELDS)
    except MetadataWriteError as error:
        assert str(error)
        return
    assert read_metadata(out).caption == "Kit caption"


def _merge_or_refuse(data: bytes, kind: str, scratch: Path) -> None:
    """Writing either refuses with a reason, or gives a file whose metadata reads back."""
    try:
        written = merge_metadata(data, kind, FIELDS)
    except MetadataWriteError as error:
        assert str(error)
        return
    scratch.write_bytes(written)
    assert read_metadata(scratch).caption == "Kit caption"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_truncation_of_a_written_file_reads_without_raising(
    tmp_path: Path, kind: str
) -> None:
    whole = merge_metadata(
        image_bytes(kind, 16, 16), "webp" if kind.startswith("webp") else kind, FIELDS
    )
    path = tmp_path / "cut"
    for length in range(0, len(whole), 7):
        path.write_bytes(whole[:length])
        read_metadata(path)  # must not raise
        _merge_or_refuse(whole[:length], "webp" if kind.startswith("webp") else kind, path)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_random_damage_reads_without_raising(tmp_path: Path, kind: str) -> None:
    name = "webp" if kind.startswith("webp") else kind
    whole = bytearray(merge_metadata(image_bytes(kind, 16, 16), name, FIELDS))
    generator = random.Random(f"image-metadata-{kind}")  # fixed seed: the same cases each run
    path = tmp_path / "damaged"
    for _ in range(300):
        damaged = bytearray(whole)
        for _ in range(generator.randint(1, 8)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        path.write_bytes(bytes(damaged))
        read_metadata(path)
        _merge_or_refuse(bytes(damaged), name, path)


def test_unreadable_paths_are_problems(tmp_path: Path) -> None:
    assert "cannot be read" in read_metadata(tmp_path / "missing.jpg").problems[0]
    assert read_metadata(tmp_path).problems == ["the file is not a regular file"]


def test_the_reader_reads_a_bounded_amount(tmp_path: Path) -> None:
    # A PNG whose first chunk claims 2 GB: the reader skips it by seeking, reading nothing.
    path = make_image(tmp_path, "png")
    data = path.read_bytes()
    huge = struct.pack(">I", 0x7FFFFFFF) + b"zzZz"
    path.write_bytes(data[:33] + huge + b"\x00" * 64)
    found = read_metadata(path)
    assert found.caption is None


def test_a_fifo_or_a_device_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "still.jpg"
    os.mkfifo(fifo)
    assert read_metadata(fifo).problems == ["the file is not a regular file"]
    with pytest.raises(MetadataWriteError, match="not a regular file"):
        write_with_metadata(fifo, io.BytesIO(), FIELDS)
    device = tmp_path / "zero.jpg"
    device.symlink_to("/dev/zero")
    assert read_metadata(device).problems == ["the file is not a regular file"]
