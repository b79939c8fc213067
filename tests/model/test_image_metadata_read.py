"""Reading caption, credit and terms out of stills that exiftool (an independent writer) made:
XMP first, then IPTC IIM, then EXIF, field by field."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from image_samples import KINDS, UTF8_NAME, exiftool, image_bytes, make_image, needs_exiftool

from app.model.image_metadata import ImageFields, merge_metadata, read_metadata

pytestmark = needs_exiftool

XMP_ARGS = (
    f"-XMP-dc:Description=XMP caption by {UTF8_NAME}",
    "-XMP-photoshop:Credit=XMP credit",
    f"-XMP-dc:Creator={UTF8_NAME}",
    "-XMP-dc:Rights=XMP rights",
    "-XMP-xmpRights:UsageTerms=XMP usage",
    "-XMP-iptcCore:AltTextAccessibility=XMP alt",
    "-XMP-iptcExt:PersonInImage=Ariana DeBose",
    "-XMP-iptcExt:PersonInImage=John Gallagher Jr.",
    "-XMP-dc:Title=XMP title",
)
IIM_ARGS = (
    "-IPTC:CodedCharacterSet=UTF8",
    f"-IPTC:Caption-Abstract=IIM caption by {UTF8_NAME}",
    "-IPTC:Credit=IIM credit",
    "-IPTC:By-line=IIM photographer",
    "-IPTC:CopyrightNotice=IIM copyright",
    "-IPTC:ObjectName=IIM title",
)
EXIF_ARGS = (
    "-EXIF:ImageDescription=EXIF caption",
    "-EXIF:Artist=EXIF photographer",
    "-EXIF:Copyright=EXIF copyright",
)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_xmp_only(tmp_path: Path, kind: str) -> None:
    path = make_image(tmp_path, kind)
    exiftool(*XMP_ARGS, path)
    found = read_metadata(path)
    assert found.problems == []
    assert found.caption == f"XMP caption by {UTF8_NAME}"
    assert found.credit == "XMP credit"
    assert found.photographer == UTF8_NAME
    assert found.copyright == "XMP rights"
    assert found.usage == "XMP usage"
    assert found.alt == "XMP alt"
    assert found.people == ("Ariana DeBose", "John Gallagher Jr.")
    assert found.title == "XMP title"
    assert set(found.sources.values()) == {"xmp"}


def test_iim_only(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    exiftool(*IIM_ARGS, path)
    found = read_metadata(path)
    assert found.problems == []
    assert found.caption == f"IIM caption by {UTF8_NAME}"
    assert found.credit == "IIM credit"
    assert found.photographer == "IIM photographer"
    assert found.copyright == "IIM copyright"
    assert found.title == "IIM title"
    assert found.usage is None and found.people == ()
    assert set(found.sources.values()) == {"iim"}


def test_iim_in_latin1_without_a_charset_marker(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    exiftool("-charset", "iptc=Latin1", "-IPTC:Caption-Abstract=Café on Mir, Zoë", path)
    assert read_metadata(path).caption == "Café on Mir, Zoë"


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp-lossy"])
def test_exif_only(tmp_path: Path, kind: str) -> None:
    path = make_image(tmp_path, kind)
    exiftool(*EXIF_ARGS, path)
    found = read_metadata(path)
    assert found.problems == []
    assert (found.caption, found.photographer, found.copyright) == (
        "EXIF caption",
        "EXIF photographer",
        "EXIF copyright",
    )
    assert set(found.sources.values()) == {"exif"}


def test_windows_comment_and_user_comment_are_fallbacks(tmp_path: Path) -> None:
    xp = make_image(tmp_path, "jpeg", "xp")
    exiftool(f"-EXIF:XPComment={UTF8_NAME} on the ISS", f"-EXIF:XPAuthor={UTF8_NAME}", xp)
    found = read_metadata(xp)
    assert (found.caption, found.photographer) == (f"{UTF8_NAME} on the ISS", UTF8_NAME)
    user = make_image(tmp_path, "jpeg", "user")
    exiftool(f"-EXIF:UserComment={UTF8_NAME} in the cupola", user)
    assert read_metadata(user).caption == f"{UTF8_NAME} in the cupola"


def test_all_three_disagreeing_xmp_wins(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    exiftool(*EXIF_ARGS, *IIM_ARGS, *XMP_ARGS, path)
    found = read_metadata(path)
    assert found.caption == f"XMP caption by {UTF8_NAME}"
    assert found.credit == "XMP credit"
    assert found.photographer == UTF8_NAME
    assert found.copyright == "XMP rights"
    assert set(found.sources.values()) == {"xmp"}


def test_each_field_falls_back_on_its_own(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    # XMP has the caption only, IIM the credit and caption, EXIF everything it can hold.
    exiftool(
        *EXIF_ARGS,
        "-IPTC:CodedCharacterSet=UTF8",
        "-IPTC:Caption-Abstract=IIM caption",
        "-IPTC:Credit=IIM credit",
        "-XMP-dc:Description=XMP caption",
        path,
    )
    found = read_metadata(path)
    assert found.caption == "XMP caption"
    assert found.credit == "IIM credit"
    assert found.photographer == "EXIF photographer"
    assert found.copyright == "EXIF copyright"
    assert found.sources == {
        "caption": "xmp",
        "credit": "iim",
        "photographer": "exif",
        "copyright": "exif",
    }


def test_a_lang_alt_prefers_x_default(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    exiftool("-XMP-dc:Description-fr=Légende", "-XMP-dc:Description=Caption", path)
    assert read_metadata(path).caption == "Caption"


def test_several_creators_are_joined(tmp_path: Path) -> None:
    path = make_image(tmp_path, "png")
    exiftool("-XMP-dc:Creator=One", "-XMP-dc:Creator=Two", path)
    assert read_metadata(path).photographer == "One; Two"


def test_a_file_without_metadata_reads_empty(tmp_path: Path) -> None:
    found = read_metadata(make_image(tmp_path, "webp-lossless"))
    assert found.sources == {} and found.problems == [] and found.caption is None


def test_a_simple_value_wrapped_in_an_array_is_read(tmp_path: Path) -> None:
    path = make_image(tmp_path, "jpeg")
    exiftool("-XMP-dc:Description=Caption", path)
    # Some writers put photoshop:Credit in an rdf:Alt; exiftool reads it, so must we.
    data = path.read_bytes().replace(
        b"<dc:description>",
        b"<photoshop:Credit xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/'><rdf:Alt>"
        b"<rdf:li xml:lang='x-default'>Wrapped</rdf:li></rdf:Alt></photoshop:Credit>"
        b"<dc:description>",
    )
    head = data.index(b"http://ns.adobe.com/xap/1.0/\x00")
    length = int.from_bytes(data[head - 2 : head], "big")
    extra = len(data) - len(path.read_bytes())
    data = data[: head - 2] + (length + extra).to_bytes(2, "big") + data[head:]
    path.write_bytes(data)
    found = read_metadata(path)
    assert found.problems == []
    assert (found.caption, found.credit) == ("Caption", "Wrapped")


def test_a_compressed_png_xmp_chunk_is_read(tmp_path: Path) -> None:
    packet = (
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
        "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
        f"xmlns:dc='http://purl.org/dc/elements/1.1/' dc:description='{UTF8_NAME}'/>"
        "</rdf:RDF></x:xmpmeta>"
    ).encode()
    body = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(packet)
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(body, zlib.crc32(b"iTXt")))
    png = image_bytes("png")
    path = tmp_path / "compressed.png"
    path.write_bytes(png[:33] + chunk + png[33:])
    found = read_metadata(path)
    assert (found.caption, found.problems) == (UTF8_NAME, [])


def test_a_structs_own_fields_are_not_the_images(tmp_path: Path) -> None:

    # An artwork shown in the still, described by a nested rdf:Description: its dc:title is
    # the artwork's, not the still's, and writing the still's title must leave it alone.
    packet = (
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
        b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        b"xmlns:dc='http://purl.org/dc/elements/1.1/' "
        b"xmlns:e='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'><rdf:Description rdf:about=''>"
        b"<e:ArtworkOrObject><rdf:Bag><rdf:li><rdf:Description><dc:title>Artwork</dc:title>"
        b"</rdf:Description></rdf:li></rdf:Bag></e:ArtworkOrObject>"
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    body = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + packet
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += struct.pack(">I", zlib.crc32(body, zlib.crc32(b"iTXt")))
    png = image_bytes("png")
    path = tmp_path / "artwork.png"
    path.write_bytes(png[:33] + chunk + png[33:])
    assert read_metadata(path).title is None
    path.write_bytes(merge_metadata(path.read_bytes(), "png", ImageFields(title="I.S.S.")))
    assert read_metadata(path).title == "I.S.S."
    assert b"<dc:title>Artwork</dc:title>" in path.read_bytes()
