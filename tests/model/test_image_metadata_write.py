"""Writing the kit's fields into JPEG, PNG and WebP files, read back by exiftool."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from image_samples import (
    KINDS,
    UTF8_NAME,
    decoded,
    exiftool,
    exiftool_read,
    exiftool_warnings,
    image_bytes,
    make_image,
    needs_exiftool,
)

from app.model.image_metadata import (
    ImageFields,
    MetadataWriteError,
    merge_metadata,
    read_metadata,
    write_with_metadata,
)
from app.model.image_metadata import jpeg as jpeg_format
from app.model.image_metadata.iptc_iim import cut_utf8, parse_resources

FIELDS = ImageFields(
    caption=f"{UTF8_NAME} floats past the cupola window at dawn.",
    credit=f"Photo: {UTF8_NAME} / Bleecker Street",
    photographer=UTF8_NAME,
    copyright=f"© 2023 {UTF8_NAME}",
    usage="Editorial use only, in connection with the film.",
    alt="An astronaut in a blue suit beside a round window.",
    people=("Ariana DeBose", UTF8_NAME),
    title="I.S.S.",
    max_avail_width=6000,
    max_avail_height=4000,
)


def write(src: Path, dst: Path, fields: ImageFields = FIELDS) -> list[str]:
    with dst.open("wb") as out:
        return write_with_metadata(src, out, fields)


@needs_exiftool
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_reads_back_with_exiftool(tmp_path: Path, kind: str) -> None:
    src = make_image(tmp_path, kind)
    dst = tmp_path / f"out{KINDS[kind][2]}"
    assert write(src, dst) == []
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == FIELDS.caption
    assert tags["XMP-photoshop:Credit"] == FIELDS.credit
    assert tags["XMP-dc:Creator"] == UTF8_NAME
    assert tags["XMP-dc:Rights"] == FIELDS.copyright
    assert tags["XMP-xmpRights:UsageTerms"] == FIELDS.usage
    assert tags["XMP-iptcCore:AltTextAccessibility"] == FIELDS.alt
    assert tags["XMP-iptcExt:PersonInImage"] == list(FIELDS.people)
    assert tags["XMP-dc:Title"] == "I.S.S."
    assert tags["XMP-iptcExt:MaxAvailWidth"] == 6000
    assert tags["XMP-iptcExt:MaxAvailHeight"] == 4000
    assert exiftool_warnings(dst) == []


@needs_exiftool
def test_jpeg_carries_iim_marked_utf8_and_cut_at_character_boundaries(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    dst = tmp_path / "out.jpg"
    write(src, dst)
    tags = exiftool_read(dst)
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Caption-Abstract"] == FIELDS.caption
    assert tags["IPTC:By-line"] == UTF8_NAME
    assert tags["IPTC:CopyrightNotice"] == FIELDS.copyright
    # The credit is longer than IIM's 32 bytes: cut, never in the middle of a character.
    assert FIELDS.credit is not None
    credit = tags["IPTC:Credit"]
    assert len(credit.encode("utf-8")) <= 32
    assert FIELDS.credit.startswith(credit) and len(credit) < len(FIELDS.credit)
    assert "\ufffd" not in credit
    # The digest matches the new IIM, so readers that check it do not ignore the IIM.
    assert tags["Photoshop:IPTCDigest"] == tags["File:CurrentIPTCDigest"]


@needs_exiftool
def test_long_caption_fills_iim_to_its_limit_and_xmp_keeps_it_whole(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    dst = tmp_path / "out.jpg"
    caption = "Zoë — " * 500  # 3,500 characters, well past IIM's 2,000 bytes
    write(src, dst, ImageFields(caption=caption))
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == caption
    iim = tags["IPTC:Caption-Abstract"]
    assert 1995 <= len(iim.encode("utf-8")) <= 2000 and caption.startswith(iim)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abc", 32, b"abc"),
        ("aé", 2, b"a"),  # é is two bytes: the second would be cut in half
        ("aé", 3, "aé".encode()),
        ("x🎬y", 4, b"x"),  # a four-byte character at the cut
        ("x🎬y", 5, "x🎬".encode()),
        ("ÆÆÆ", 5, "ÆÆ".encode()),
        ("", 10, b""),
    ],
)
def test_cut_utf8_never_splits_a_character(text: str, limit: int, expected: bytes) -> None:
    result = cut_utf8(text, limit)
    assert result == expected
    result.decode("utf-8")  # always whole characters


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_decoded_pixels_are_the_originals(tmp_path: Path, kind: str) -> None:
    src = make_image(tmp_path, kind)
    dst = tmp_path / f"out{KINDS[kind][2]}"
    write(src, dst)
    assert dst.read_bytes() != src.read_bytes()
    original, written = decoded(src), decoded(dst)
    assert written.size() == original.size()
    assert written == original


def _after_scan(data: bytes) -> bytes:
    return data[data.index(b"\xff\xda") :]


def _jpeg_with_other_segments(tmp_path: Path) -> Path:
    """A JPEG with EXIF, an ICC-profile APP2 and a COM segment, as a studio's files have."""
    data = image_bytes("jpeg")
    icc = b"ICC_PROFILE\x00\x01\x01" + bytes(range(256)) * 4
    app2 = b"\xff\xe2" + struct.pack(">H", len(icc) + 2) + icc
    note = b"studio note"
    comment = b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note
    path = tmp_path / "studio.jpg"
    path.write_bytes(data[:2] + app2 + comment + data[2:])
    return path


@needs_exiftool
def test_jpeg_merge_keeps_the_studios_fields_and_other_segments(tmp_path: Path) -> None:
    src = _jpeg_with_other_segments(tmp_path)
    exiftool(
        "-XMP-dc:Subject=space",
        "-XMP-dc:Subject=thriller",
        "-XMP-photoshop:City=Houston",
        "-XMP-dc:Description=The studio's own caption",
        "-IPTC:Keywords=space",
        "-IPTC:City=Houston",
        "-IPTC:Caption-Abstract=The studio's IIM caption",
        "-EXIF:Make=StudioCam",
        "-EXIF:Artist=Studio Photographer",
        src,
    )
    dst = tmp_path / "out.jpg"
    assert write(src, dst, ImageFields(caption="The kit's caption")) == []
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == "The kit's caption"
    assert tags["IPTC:Caption-Abstract"] == "The kit's caption"
    assert tags["XMP-dc:Subject"] == ["space", "thriller"]
    assert tags["XMP-photoshop:City"] == "Houston"
    assert tags["IPTC:Keywords"] == "space"
    assert tags["IPTC:City"] == "Houston"
    assert tags["IFD0:Make"] == "StudioCam"
    assert tags["IFD0:Artist"] == "Studio Photographer"
    assert tags["Photoshop:IPTCDigest"] == tags["File:CurrentIPTCDigest"]

    def others(path: Path) -> list[tuple[int, bytes]]:
        with path.open("rb") as stream:
            return [
                (s.marker, s.payload)
                for s in jpeg_format.scan(stream)
                if not jpeg_format._is_xmp(s) and not jpeg_format._is_photoshop(s)
            ]

    # EXIF, ICC, comment, quantisation and Huffman tables: the same bytes in the same order.
    assert others(dst) == others(src)
    assert _after_scan(dst.read_bytes()) == _after_scan(src.read_bytes())


@needs_exiftool
def test_writing_twice_replaces_rather_than_repeats(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    once, twice = tmp_path / "once.jpg", tmp_path / "twice.jpg"
    write(src, once)
    write(once, twice, ImageFields(caption="Second caption", people=("Only One",)))
    tags = exiftool_read(twice)
    assert tags["XMP-dc:Description"] == "Second caption"
    assert tags["IPTC:Caption-Abstract"] == "Second caption"
    assert tags["XMP-iptcExt:PersonInImage"] == "Only One"
    assert tags["XMP-photoshop:Credit"] == FIELDS.credit  # not set the second time: kept
    data = twice.read_bytes()
    assert data.count(jpeg_format.XMP_SIGNATURE) == 1
    assert data.count(b"Photoshop 3.0\x00") == 1


@needs_exiftool
def test_legacy_iim_text_becomes_utf8_with_the_marker(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    # Written in Latin-1 with no coded-character-set record, as older systems did.
    exiftool("-charset", "iptc=Latin1", "-IPTC:Keywords=Café Zoë", src)
    dst = tmp_path / "out.jpg"
    write(src, dst, ImageFields(caption="New"))
    tags = exiftool_read(dst)
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Keywords"] == "Café Zoë"


@needs_exiftool
def test_png_xmp_chunk_replaced_before_the_image_data_with_valid_crcs(tmp_path: Path) -> None:
    src = make_image(tmp_path, "png")
    exiftool("-XMP-dc:Description=Old", "-XMP-dc:Subject=kept", src)
    dst = tmp_path / "out.png"
    write(src, dst)
    data = dst.read_bytes()
    chunks: list[bytes] = []
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(body, zlib.crc32(kind)), f"bad CRC on {kind!r}"
        if kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00"):
            assert body[18:20] == b"\x00\x00"  # not compressed
            kind = b"XMP"
        chunks.append(kind)
        position += 12 + length
    assert chunks.count(b"XMP") == 1
    assert chunks.index(b"XMP") < chunks.index(b"IDAT")
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == FIELDS.caption
    assert tags["XMP-dc:Subject"] == "kept"


@needs_exiftool
@pytest.mark.parametrize("kind", ["webp-lossy", "webp-lossless"])
def test_simple_webp_becomes_extended_with_the_canvas_size(tmp_path: Path, kind: str) -> None:
    src = make_image(tmp_path, kind)
    dst = tmp_path / "out.webp"
    write(src, dst)
    data = dst.read_bytes()
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    assert data[12:16] == b"VP8X"
    flags = data[20]
    assert flags & 0x04, "the XMP flag is set"
    width = int.from_bytes(data[24:27], "little") + 1
    height = int.from_bytes(data[27:30], "little") + 1
    assert (width, height) == (48, 32)
    assert data.count(b"XMP ") == 1
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == FIELDS.caption
    assert (tags["RIFF:ImageWidth"], tags["RIFF:ImageHeight"]) == (48, 32)


@needs_exiftool
def test_extended_webp_keeps_exif_and_replaces_its_xmp(tmp_path: Path) -> None:
    src = make_image(tmp_path, "webp-lossy")
    exiftool("-EXIF:Artist=Studio", "-XMP-dc:Description=Old", "-XMP-dc:Subject=kept", src)
    dst = tmp_path / "out.webp"
    write(src, dst)
    tags = exiftool_read(dst)
    assert tags["IFD0:Artist"] == "Studio"
    assert tags["XMP-dc:Description"] == FIELDS.caption
    assert tags["XMP-dc:Subject"] == "kept"
    assert dst.read_bytes().count(b"XMP ") == 1
    assert exiftool_warnings(dst) == []
    assert decoded(dst) == decoded(src)


@needs_exiftool
def test_extended_xmp_is_kept_and_the_kits_property_taken_out_of_it(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    # Over 64 KB of XMP: exiftool moves the largest properties into extended XMP segments.
    history = "step " * 20_000
    exiftool(f"-XMP-photoshop:Instructions={history}", f"-XMP-dc:Description={history}Z", src)
    assert src.read_bytes().count(jpeg_format.EXTENSION_SIGNATURE) >= 2
    dst = tmp_path / "out.jpg"
    assert write(src, dst, ImageFields(caption="Kit caption")) == []
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == "Kit caption"
    assert tags["XMP-photoshop:Instructions"] == history
    assert "Warning" not in tags
    found = read_metadata(dst)
    assert found.caption == "Kit caption" and found.problems == []
    assert decoded(dst) == decoded(src)


def test_xmp_too_large_for_a_jpeg_segment_is_refused_clearly(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    with pytest.raises(MetadataWriteError, match="over the 65504 a JPEG segment holds"):
        write(src, tmp_path / "out.jpg", ImageFields(caption="x" * 70_000))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_merge_metadata_in_memory_gives_the_same_bytes(tmp_path: Path, kind: str) -> None:
    src = make_image(tmp_path, kind)
    dst = tmp_path / "out"
    write(src, dst)
    name = "webp" if kind.startswith("webp") else kind
    assert merge_metadata(src.read_bytes(), name, FIELDS) == dst.read_bytes()


def test_the_kind_asked_for_must_be_the_files(tmp_path: Path) -> None:
    with pytest.raises(MetadataWriteError, match="is a PNG, not a JPEG"):
        merge_metadata(image_bytes("png"), "jpeg", FIELDS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a JPEG, PNG or WebP"),
        (b"GIF89a" + b"\x00" * 20, "not a JPEG, PNG or WebP"),
        (b"\xff\xd8\xff\xe1\xff\xff" + b"\x00" * 10, "ends inside a JPEG segment"),
        (b"\xff\xd8\xff\xe0\x00\x01", "impossible length"),
        (b"\xff\xd8\xff\xd9", "ends before its image data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + b"\x00" * 17, "no image data"),
        (b"RIFF\x20\x00\x00\x00WEBPVP8 \x10\x00\x00\x00" + b"\x00" * 16, "no frame header"),
        (b"RIFF\x04\x00\x00\x00WEBP", "holds no chunks"),
    ],
)
def test_damaged_images_are_refused_with_a_reason(
    tmp_path: Path, data: bytes, message: str
) -> None:
    src = tmp_path / "bad"
    src.write_bytes(data)
    with pytest.raises(MetadataWriteError, match=message):
        write(src, tmp_path / "out")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_damaged_xmp_is_replaced_and_reported(tmp_path: Path, kind: str) -> None:
    clean = tmp_path / "clean"
    write(make_image(tmp_path, kind), clean, ImageFields(caption="MARKER-CAPTION"))
    broken = clean.read_bytes().replace(b"</rdf:RDF>", b"</rdf:RDX>")
    if kind == "png":  # keep the CRC right, so only the XML is damaged
        start = broken.index(b"iTXtXML:com.adobe.xmp")
        (length,) = struct.unpack(">I", broken[start - 4 : start])
        body = broken[start + 4 : start + 4 + length]
        crc = struct.pack(">I", zlib.crc32(body, zlib.crc32(b"iTXt")))
        broken = broken[: start + 4 + length] + crc + broken[start + 8 + length :]
    src = tmp_path / "broken"
    src.write_bytes(broken)
    dst = tmp_path / "out"
    problems = write(src, dst, ImageFields(credit="New credit"))
    assert any("XMP packet could not be kept" in p and "malformed" in p for p in problems)
    found = read_metadata(dst)
    assert found.credit == "New credit" and found.problems == []


@needs_exiftool
def test_a_photoshop_block_over_one_segment_is_kept_across_segments(tmp_path: Path) -> None:
    signature = b"Photoshop 3.0\x00"
    thumbnail = bytes(range(256)) * 400  # 102,400 bytes: a studio's big resource
    resources = b"8BIM\x04\x09\x00\x00" + struct.pack(">I", len(thumbnail)) + thumbnail
    room = 65533 - len(signature)
    segments = b"".join(
        b"\xff\xed" + struct.pack(">H", len(part) + len(signature) + 2) + signature + part
        for part in (resources[i : i + room] for i in range(0, len(resources), room))
    )
    data = image_bytes("jpeg")
    src = tmp_path / "big-block.jpg"
    src.write_bytes(data[:2] + segments + data[2:])
    dst = tmp_path / "out.jpg"
    assert write(src, dst) == []
    with dst.open("rb") as stream:
        block = jpeg_format._photoshop_block(jpeg_format.scan(stream))
    assert block is not None
    kept = {r.ident: r.data for r in parse_resources(block[len(signature) :])}
    assert kept[0x0409] == thumbnail
    tags = exiftool_read(dst)
    assert tags["IPTC:Caption-Abstract"] == FIELDS.caption
    assert tags["Photoshop:IPTCDigest"] == tags["File:CurrentIPTCDigest"]
    assert decoded(dst) == decoded(src)


@needs_exiftool
@pytest.mark.parametrize("kind", ["jpeg", "png", "webp-lossy"])
def test_characters_xml_cannot_hold_are_left_out(tmp_path: Path, kind: str) -> None:
    src = make_image(tmp_path, kind)
    dst = tmp_path / f"out{KINDS[kind][2]}"
    fields = ImageFields(
        caption="Bell\x07 and\x00 null \ud800 and \ufffe gone, tab\tkept",
        credit="Credit\x1b",
        people=("\x01", "Ariana DeBose"),
    )
    assert write(src, dst, fields) == []
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == "Bell and null  and  gone, tab\tkept"
    assert tags["XMP-photoshop:Credit"] == "Credit"
    assert tags["XMP-iptcExt:PersonInImage"] == "Ariana DeBose"
    assert exiftool_warnings(dst) == []


@needs_exiftool
def test_a_blank_field_keeps_what_the_studio_wrote(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    exiftool("-XMP-dc:Description=Studio caption", "-IPTC:Caption-Abstract=Studio caption", src)
    dst = tmp_path / "out.jpg"
    write(src, dst, ImageFields(caption="  ", credit="Kit credit"))
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == "Studio caption"
    assert tags["IPTC:Caption-Abstract"] == "Studio caption"
    assert tags["XMP-photoshop:Credit"] == "Kit credit"


@needs_exiftool
def test_the_kits_description_is_about_what_the_studios_is_about(tmp_path: Path) -> None:
    src = make_image(tmp_path, "png")
    exiftool("-XMP-dc:Subject=kept", src)
    data = src.read_bytes()
    start = data.index(b"iTXtXML:com.adobe.xmp")
    (length,) = struct.unpack(">I", data[start - 4 : start])
    body = data[start + 4 : start + 4 + length].replace(
        b"rdf:about=''", b"rdf:about='uuid:faf5bdd5-ba3d-11da-ad31-d33d75182f1b'"
    )
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(body, zlib.crc32(b"iTXt")))
    src.write_bytes(data[: start - 4] + chunk + data[start + 8 + length :])
    dst = tmp_path / "out.png"
    write(src, dst)
    packet = dst.read_bytes()
    assert packet.count(b'rdf:about="uuid:faf5bdd5-ba3d-11da-ad31-d33d75182f1b"') == 2
    assert b'rdf:about=""' not in packet
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Subject"] == "kept" and tags["XMP-dc:Description"] == FIELDS.caption
    assert exiftool_warnings(dst) == []


@needs_exiftool
def test_a_full_main_packet_spills_the_studios_largest_property_into_extended_xmp(
    tmp_path: Path,
) -> None:
    src = make_image(tmp_path, "jpeg")
    instructions = "hold " * 12_400  # 62,000 bytes: the studio's packet nearly fills its segment
    exiftool(f"-XMP-photoshop:Instructions={instructions}", "-XMP-dc:Subject=kept", src)
    assert src.read_bytes().count(jpeg_format.EXTENSION_SIGNATURE) == 0
    dst = tmp_path / "out.jpg"
    caption = "A long caption. " * 400  # 6,400 bytes more than the segment has room for
    assert write(src, dst, ImageFields(caption=caption, credit="Kit credit")) == []
    assert dst.read_bytes().count(jpeg_format.EXTENSION_SIGNATURE) >= 1
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Description"] == caption
    assert tags["XMP-photoshop:Credit"] == "Kit credit"
    assert tags["XMP-photoshop:Instructions"] == instructions
    assert tags["XMP-dc:Subject"] == "kept"
    assert "Warning" not in tags
    found = read_metadata(dst)
    assert (found.caption, found.problems) == (caption, [])
    assert decoded(dst) == decoded(src)


@needs_exiftool
def test_damaged_extended_xmp_is_reported_and_dropped(tmp_path: Path) -> None:
    src = make_image(tmp_path, "jpeg")
    exiftool(f"-XMP-photoshop:Instructions={'step ' * 20_000}", "-XMP-dc:Subject=kept", src)
    data = bytearray(src.read_bytes())
    at = data.index(jpeg_format.EXTENSION_SIGNATURE) + len(jpeg_format.EXTENSION_SIGNATURE) + 500
    data[at] ^= 0x01  # one flipped bit in the extension's XML text
    src.write_bytes(bytes(data))
    assert read_metadata(src).problems == [
        "the extended XMP does not match its GUID, so it is ignored"
    ]
    dst = tmp_path / "out.jpg"
    assert write(src, dst) == ["the extended XMP does not match its GUID, so it is ignored"]
    assert jpeg_format.EXTENSION_SIGNATURE not in dst.read_bytes()
    assert b"HasExtendedXMP" not in dst.read_bytes()
    tags = exiftool_read(dst)
    assert tags["XMP-dc:Subject"] == "kept" and tags["XMP-dc:Description"] == FIELDS.caption
    assert "Warning" not in tags
