"""Media checks from headers (the README's media rules): what a file is, and an image's size
from its header, without decoding. Huge images are crafted as headers only: the check never
reads more."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.media_headers import MAX_IMAGE_PIXELS, MediaInfo, MediaProblem, check_media
from app.model.validate import check_headers, validate_kit

MakeKit = Callable[..., Path]


# -- crafted files -----------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """The signature and IHDR chunk: all a header check reads."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)


def png_image(width: int = 2, height: int = 1) -> bytes:
    """A complete, valid RGB PNG."""
    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (
        png_header(width, height)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int, *, sof: int = 0xC0) -> bytes:
    """SOI, a JFIF APP0 segment, a comment, and a frame header (SOF) with the size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = b"\xff\xfe" + struct.pack(">H", 7) + b"hello"
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    sof_segment = bytes([0xFF, sof]) + struct.pack(">H", 2 + len(frame)) + frame
    return b"\xff\xd8" + app0 + comment + sof_segment


def riff_webp(chunk: bytes, payload: bytes) -> bytes:
    body = b"WEBP" + chunk + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8(width: int, height: int) -> bytes:
    frame_tag = b"\x50\x02\x00"  # a key frame
    return riff_webp(b"VP8 ", frame_tag + b"\x9d\x01\x2a" + struct.pack("<HH", width, height))


def webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    return riff_webp(b"VP8L", b"\x2f" + struct.pack("<I", bits))


def webp_vp8x(width: int, height: int) -> bytes:
    return riff_webp(
        b"VP8X",
        b"\x00\x00\x00\x00"
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little"),
    )


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def write_file(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write_file


Write = Callable[[str, bytes], Path]


def messages(found: tuple[MediaInfo | None, list[MediaProblem]]) -> list[str]:
    return [("warning: " if p.is_warning else "error: ") + p.message for p in found[1]]


# -- images ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind", "size"),
    [
        ("a.png", png_image(2, 1), "png", (2, 1)),
        ("a.jpg", jpeg_header(1920, 1080), "jpeg", (1920, 1080)),
        ("a.jpeg", jpeg_header(640, 480, sof=0xC2), "jpeg", (640, 480)),  # progressive
        ("a.webp", webp_vp8(2560, 1440), "webp", (2560, 1440)),
        ("b.webp", webp_vp8l(300, 200), "webp", (300, 200)),
        ("c.webp", webp_vp8x(4000, 3000), "webp", (4000, 3000)),
    ],
)
def test_image_kind_and_size_come_from_the_header(
    write: Write, name: str, data: bytes, kind: str, size: tuple[int, int]
) -> None:
    info, problems = check_media(write(name, data), "image")
    assert problems == []
    assert info == MediaInfo(kind, *size)


def test_real_images_of_the_full_kit_pass(full_kit: Path) -> None:
    for relative, kind, size in [
        ("stills/01.jpg", "jpeg", (32, 18)),
        ("stills/02.png", "png", (32, 18)),
        ("stills/03.webp", "webp", (32, 18)),
        ("art/key-art.jpg", "jpeg", (20, 30)),
    ]:
        assert check_media(full_kit / relative, "image") == (MediaInfo(kind, *size), [])


def test_text_file_named_jpg_is_not_an_image(write: Write) -> None:
    found = check_media(write("03.jpg", b"this is not an image\n"), "image")
    assert found == (
        None,
        [MediaProblem("not a JPEG, PNG or WebP image (starts with 'this is ')")],
    )


def test_binary_start_is_shown_escaped(write: Write) -> None:
    found = check_media(write("x.jpg", b"\x00\x01'abc\xff\xfe\x7f"), "image")
    assert messages(found) == [
        "error: not a JPEG, PNG or WebP image (starts with '\\x00\\x01\\x27abc\\xff\\xfe')"
    ]


@pytest.mark.parametrize("kind", ["image", "video", "captions"])
def test_empty_file_is_refused(write: Write, kind: str) -> None:
    assert check_media(write("empty.bin", b""), kind) == (None, [MediaProblem("the file is empty")])


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "GIF"),
        (b"GIF87a\x01\x00\x01\x00\x00\x00\x00;", "GIF"),
        (b"BM" + b"\x00" * 40, "BMP"),
        (b"II*\x00" + b"\x00" * 20, "TIFF"),
        (b"\x00\x00\x00\x1cftypheic" + b"\x00" * 20, "HEIF/AVIF"),
        (b"\x00\x00\x00\x1cftypavif" + b"\x00" * 20, "HEIF/AVIF"),
    ],
)
def test_other_image_formats_are_refused_by_name(write: Write, data: bytes, name: str) -> None:
    assert messages(check_media(write("x.jpg", data), "image")) == [
        f"error: is a {name} image; use JPEG, PNG or WebP"
    ]


def test_pixel_cap_is_60_megapixels() -> None:
    assert MAX_IMAGE_PIXELS == 60_000_000


@pytest.mark.parametrize(
    ("name", "data", "shown"),
    [
        ("big.png", png_header(10_000, 7_000), "10000×7000 pixels (70.0 megapixels)"),
        ("big.jpg", jpeg_header(65_535, 65_535), "65535×65535 pixels (4294.8 megapixels)"),
        ("big.webp", webp_vp8(16_000, 4_000), "16000×4000 pixels (64.0 megapixels)"),
        ("big2.webp", webp_vp8l(16_384, 16_384), "16384×16384 pixels (268.4 megapixels)"),
        ("big3.webp", webp_vp8x(100_000, 100_000), "100000×100000 pixels (10000.0 megapixels)"),
    ],
)
def test_image_over_the_pixel_cap_is_refused_from_its_header(
    write: Write, name: str, data: bytes, shown: str
) -> None:
    path = write(name, data)
    assert path.stat().st_size < 100  # a header only: nothing near that size is ever decoded
    info, problems = check_media(path, "image")
    assert info is not None and info.width is not None and info.height is not None
    assert info.width * info.height > MAX_IMAGE_PIXELS
    assert [p.message for p in problems] == [f"is {shown}; the limit is 60 megapixels"]


def test_image_at_the_pixel_cap_is_accepted(write: Write) -> None:
    assert check_media(write("cap.png", png_header(10_000, 6_000)), "image") == (
        MediaInfo("png", 10_000, 6_000),
        [],
    )
    _info, problems = check_media(write("over.png", png_header(10_000, 6_001)), "image")
    assert len(problems) == 1 and "the limit is 60 megapixels" in problems[0].message


def test_zero_size_image_is_refused(write: Write) -> None:
    assert messages(check_media(write("zero.png", png_header(0, 10)), "image")) == [
        "error: the PNG header gives an empty image"
    ]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("trunc.jpg", b"\xff\xd8\xff", "JPEG"),
        ("trunc2.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("trunc3.jpg", jpeg_header(800, 600)[:-12], "JPEG"),
        ("scan.jpg", b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 20, "JPEG"),
        ("eoi.jpg", b"\xff\xd8\xff\xd9", "JPEG"),
        ("garbage.jpg", b"\xff\xd8\xff\xe0\x00\x04\x00\x00garbage", "JPEG"),
        ("fill.jpg", b"\xff\xd8" + b"\xff" * 100_000, "JPEG"),
        ("loop.jpg", b"\xff\xd8" + b"\xff\xe0\x00\x02" * 2_000, "JPEG"),
        ("short-len.jpg", b"\xff\xd8\xff\xe0\x00\x01", "JPEG"),
        ("trunc.png", b"\x89PNG\r\n\x1a\n", "PNG"),
        ("trunc2.png", png_header(10, 10)[:20], "PNG"),
        ("noihdr.png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"tEXt", b"a\x00b"), "PNG"),
        ("trunc.webp", b"RIFF\x00\x00\x00\x00WEBPVP8L", "WebP"),
        ("trunc2.webp", b"RIFF\x00\x00\x00\x00WEBPVP8X", "WebP"),
        ("trunc3.webp", webp_vp8(10, 10)[:27], "WebP"),
        ("bad-sig.webp", riff_webp(b"VP8L", b"\x00" * 10), "WebP"),
        ("other.webp", riff_webp(b"ALPH", b"\x00" * 20), "WebP"),
    ],
)
def test_damaged_or_truncated_header_is_an_error(
    write: Write, name: str, data: bytes, kind: str
) -> None:
    assert messages(check_media(write(name, data), "image")) == [
        f"error: the {kind} header is damaged or truncated"
    ]


@pytest.mark.parametrize(
    ("name", "data", "warning"),
    [
        ("photo.jpg", png_image(), "is a PNG file but its name ends in .jpg"),
        ("photo.png", jpeg_header(4, 4), "is a JPEG file but its name ends in .png"),
        ("photo.jpg", webp_vp8(4, 4), "is a WebP file but its name ends in .jpg"),
        ("photo", png_image(), "is a PNG file but its name ends in no extension"),
    ],
)
def test_image_under_another_extension_is_a_warning(
    write: Write, name: str, data: bytes, warning: str
) -> None:
    info, problems = check_media(write(name, data), "image")
    assert info is not None
    assert problems == [MediaProblem(warning, is_warning=True)]


@pytest.mark.parametrize("name", ["a.JPG", "a.jpeg", "a.JPE"])
def test_jpeg_extensions_are_case_insensitive(write: Write, name: str) -> None:
    assert check_media(write(name, jpeg_header(4, 4)), "image")[1] == []


# -- video -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("t.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "mp4"),
        ("t.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "mp4"),
        ("t.m4v", b"\x00\x00\x00\x08free\x00\x00\x00\x08mdat", "mp4"),
        ("t.mkv", b"\x1a\x45\xdf\xa3\x01\x00\x00\x00\x00\x00\x00\x1fB\x86\x81\x01", "matroska"),
        ("t.webm", b"\x1a\x45\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01", "matroska"),
    ],
)
def test_video_containers_are_recognised(write: Write, name: str, data: bytes, kind: str) -> None:
    assert check_media(write(name, data), "video") == (MediaInfo(kind), [])


def test_real_teaser_of_the_full_kit_passes(full_kit: Path) -> None:
    assert check_media(full_kit / "trailer" / "teaser.mp4", "video") == (MediaInfo("mp4"), [])


def test_text_file_is_not_a_video(write: Write) -> None:
    assert messages(check_media(write("t.mp4", b"hello world, not a video"), "video")) == [
        "error: not an MP4/QuickTime or Matroska/WebM video (starts with 'hello wo')"
    ]


def test_image_is_not_a_video(write: Write) -> None:
    assert messages(check_media(write("t.mp4", png_image()), "video")) == [
        "error: not an MP4/QuickTime or Matroska/WebM video "
        "(starts with '\\x89PNG\\x0d\\x0a\\x1a\\x0a')"
    ]


def test_video_under_another_extension_is_a_warning(write: Write) -> None:
    assert messages(check_media(write("t.mkv", b"\x00\x00\x00\x18ftypmp42"), "video")) == [
        "warning: is a MP4/QuickTime file but its name ends in .mkv"
    ]


# -- captions ----------------------------------------------------------------------------------

SRT = b"1\n00:00:00,000 --> 00:00:01,000\nHello\n"


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("c.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", "webvtt"),
        ("c.vtt", b"WEBVTT - with a header\r\n\r\n", "webvtt"),
        ("c.vtt", b"\xef\xbb\xbfWEBVTT\n", "webvtt"),
        ("c.vtt", b"WEBVTT", "webvtt"),
        ("c.srt", SRT, "srt"),
        ("c.srt", b"\xef\xbb\xbf\r\n" + SRT.replace(b"\n", b"\r\n"), "srt"),
        ("c.srt", "1\n00:00:00,000 --> 00:00:01,000\nCa\u0301fe\u0301 ".encode() * 2, "srt"),
    ],
)
def test_caption_formats_are_recognised(write: Write, name: str, data: bytes, kind: str) -> None:
    assert check_media(write(name, data), "captions") == (MediaInfo(kind), [])


def test_real_captions_of_the_full_kit_pass(full_kit: Path) -> None:
    assert check_media(full_kit / "trailer" / "teaser.en.vtt", "captions") == (
        MediaInfo("webvtt"),
        [],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello\nworld\n", "not a WebVTT or SRT caption file (starts with 'hello\\x0awo')"),
        (b"WEBVTTX\n", "not a WebVTT or SRT caption file (starts with 'WEBVTTX\\x0a')"),
        (b"1\nno timing here\n", "not a WebVTT or SRT caption file (starts with '1\\x0ano tim')"),
        (b"WEBVTT \xff\xfe\xfd more text here", "captions must be UTF-8 text"),
    ],
)
def test_other_caption_files_are_refused(write: Write, data: bytes, message: str) -> None:
    assert messages(check_media(write("c.vtt", data), "captions")) == [f"error: {message}"]


def test_captions_under_another_extension_are_a_warning(write: Write) -> None:
    assert messages(check_media(write("c.vtt", SRT), "captions")) == [
        "warning: is a SRT file but its name ends in .vtt"
    ]


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    info, problems = check_media(tmp_path / "gone.jpg", "image")
    assert info is None
    assert len(problems) == 1 and problems[0].message.startswith("cannot be read")


# -- validate: header problems named by their kit-relative path ---------------------------------


def test_validate_names_each_bad_file_by_its_kit_path(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film: {title: Headers, key_art: art/key.jpg}
        synopsis: {short: s}
        stills:
          - {file: stills/01.png, credit: c}
          - {file: stills/02.jpg, credit: c}
          - {file: stills/03.jpg, credit: c}
          - {file: stills/04.gif, credit: c}
          - {file: stills/05.png, credit: c}
          - {file: stills/01.png, credit: c}
        trailer:
          file: trailer/t.mp4
          poster: stills/03.jpg
          captions: trailer/t.vtt
        """,
        {
            "art/key.jpg": jpeg_header(2000, 3000),
            "stills/01.png": png_image(),
            "stills/02.jpg": png_image(),
            "stills/03.jpg": b"this is not an image\n",
            "stills/04.gif": b"GIF89a\x01\x00\x01\x00",
            "stills/05.png": png_header(20_000, 20_000),
            "trailer/t.mp4": b"",
            "trailer/t.vtt": b"not captions",
        },
    )
    result, problems = validate_kit(root)
    assert result is not None
    assert [p.format() for p in problems] == [
        # a JPEG header alone: the grid would show part of a picture, and so validate warns
        "art/key.jpg: warning: the JPEG file is truncated (only part of the picture could be "
        "shown)",
        "stills/02.jpg: warning: is a PNG file but its name ends in .jpg",
        "stills/03.jpg: error: not a JPEG, PNG or WebP image (starts with 'this is ')",
        "stills/04.gif: error: is a GIF image; use JPEG, PNG or WebP",
        "stills/05.png: error: is 20000×20000 pixels (400.0 megapixels); "
        "the limit is 60 megapixels",
        "trailer/t.mp4: error: the file is empty",
        "trailer/t.vtt: error: not a WebVTT or SRT caption file (starts with 'not capt')",
    ]
    assert check_headers(result.kit) == problems  # the loader itself found nothing wrong
    assert all(p.line is None and p.key is None for p in problems)


def test_header_problem_comes_after_manifest_problems(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film: {title: Order, tagline: [x]}
        synopsis: {short: s}
        stills: [{file: a.jpg, credit: c}]
        """,
        {"a.jpg": b"nope"},
    )
    _result, problems = validate_kit(root)
    assert [p.format() for p in problems] == [
        "presskit.yaml:2: error: film.tagline: expected text, found a list",
        "a.jpg: error: not a JPEG, PNG or WebP image (starts with 'nope')",
    ]


def test_truncated_images_are_told_from_their_last_bytes(write: Write, tmp_path: Path) -> None:
    from app.model.media_headers import truncation_warning

    jpeg = jpeg_header(4, 4) + b"\x00" * 200 + b"\xff\xd9"
    png = png_image(4, 4)
    webp = webp_vp8(4, 4)
    for name, whole, kind in (
        ("a.jpg", jpeg, "JPEG"),
        ("a.png", png, "PNG"),
        ("a.webp", webp, "WebP"),
    ):
        assert truncation_warning(write(name, whole)) is None
        cut = whole[:-13]  # past the PNG's 12-byte IEND chunk
        assert truncation_warning(write(f"cut-{name}", cut)) == (
            f"the {kind} file is truncated (only part of the picture could be shown)"
        )
    assert truncation_warning(write("short.jpg", b"\xff\xd8\xff\xd9")) is None  # under 64 bytes
    assert truncation_warning(tmp_path / "missing.jpg") is None  # unreadable: no claim
