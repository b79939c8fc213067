"""``validate`` reports what the app would refuse later: captions read whole by the player's own
code and limits, images the grid would show truncated, stills without a credit."""

from __future__ import annotations

import io
import struct
import zlib
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from app.commands.validate_command import run_validate
from app.model.captions import MAX_CAPTION_BYTES, CaptionError, read_caption_file
from tests.model.conftest import MakeKit

MANIFEST = """\
format: presskit/1
film: {title: T}
synopsis: {short: s}
stills:
  - {file: still.FORMAT, credit: c}
trailer:
  file: t.mp4
  captions: t.CAPS
"""
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 100
GOOD_CUES = "00:00:01.000 --> 00:00:02.000\nHello\n\n"


def png(width: int = 4, height: int = 4) -> bytes:
    raw = b"".join(b"\x00" + b"\x80" * (width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int = 4, height: int = 4) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8"
        + sof
        + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
        + b"\x00" * 500
        + b"\xff\xd9"
    )


def webp(width: int = 4, height: int = 4) -> bytes:
    payload = b"VP8 " + struct.pack("<I", 10) + b"\x00\x00\x00\x9d\x01\x2a"
    payload += struct.pack("<HH", width, height) + b"\x00" * 200
    return b"RIFF" + struct.pack("<I", len(payload) + 4) + b"WEBP" + payload


def validate(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = run_validate(root, deep=False)
    return code, out.getvalue().splitlines()


def kit_with(make_kit: MakeKit, captions: bytes, suffix: str = "vtt") -> Path:
    manifest = MANIFEST.replace("FORMAT", "png").replace("CAPS", suffix)
    return make_kit(manifest, {"still.png": png(), "t.mp4": MP4, f"t.{suffix}": captions})


# -- captions ----------------------------------------------------------------------------------


def test_a_sound_kit_validates_clean(make_kit: MakeKit) -> None:
    code, lines = validate(kit_with(make_kit, ("WEBVTT\n\n" + GOOD_CUES).encode()))
    assert (code, lines) == (0, ["0 errors, 0 warnings"])


def test_captions_larger_than_the_players_limit_are_an_error(make_kit: MakeKit) -> None:
    body = ("WEBVTT\n\n" + GOOD_CUES * (MAX_CAPTION_BYTES // len(GOOD_CUES) + 10)).encode()
    code, lines = validate(kit_with(make_kit, body))
    assert code == 1
    assert lines[0].startswith("t.vtt: error: ")
    assert "KB is too large for a caption file (the limit is 4,096 KB)" in lines[0]


def test_a_latin1_byte_far_into_the_captions_is_an_error_with_its_line(
    make_kit: MakeKit,
) -> None:
    text = "WEBVTT\n\n" + GOOD_CUES * 400 + "00:10:00.000 --> 00:10:01.000\nCaf"
    body = text.encode() + b"\xe9\n"
    line = text.count("\n") + 1
    code, lines = validate(kit_with(make_kit, body))
    assert code == 1
    assert lines[0] == (f"t.vtt:{line}: error: the text is not UTF-8 (byte 0xe9 cannot be decoded)")


@pytest.mark.parametrize("suffix", ["vtt", "srt"])
def test_a_broken_cue_late_in_the_file_is_an_error_with_its_line(
    make_kit: MakeKit, suffix: str
) -> None:
    header = "WEBVTT\n\n" if suffix == "vtt" else "1\n"
    text = header + GOOD_CUES * 300 + "00:20:00.000 --> soon\nBroken\n"
    line = text.count("\n") - 1
    code, lines = validate(kit_with(make_kit, text.encode(), suffix))
    assert code == 1
    assert (
        lines[0] == f"t.{suffix}:{line}: error: cannot read the cue timing '00:20:00.000 --> soon'"
    )


def test_validate_and_the_player_agree_on_every_caption_file(
    make_kit: MakeKit, tmp_path: Path
) -> None:
    samples = {
        "fine": ("WEBVTT\n\n" + GOOD_CUES).encode(),
        "backwards": b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nx\n",
        "no cues": b"WEBVTT\n\nNOTE nothing here\n",
        "latin": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xe9t\xe9\n",
    }
    for name, body in samples.items():
        root = kit_with(make_kit, body)
        try:
            read_caption_file(root / "t.vtt")
            player_refuses = False
        except CaptionError:
            player_refuses = True
        code, _lines = validate(root)
        assert (code == 1) is player_refuses, name


# -- images the grid would show truncated -------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "make", "kind"), [("jpg", jpeg, "JPEG"), ("png", png, "PNG"), ("webp", webp, "WebP")]
)
def test_a_truncated_still_is_a_warning_from_plain_validate(
    make_kit: MakeKit, fmt: str, make: object, kind: str
) -> None:
    assert callable(make)
    whole: bytes = make()
    manifest = MANIFEST.replace("FORMAT", fmt).replace("CAPS", "vtt")
    files = {"t.mp4": MP4, "t.vtt": ("WEBVTT\n\n" + GOOD_CUES).encode()}
    code, lines = validate(make_kit(manifest, {**files, f"still.{fmt}": whole}))
    assert (code, lines) == (0, ["0 errors, 0 warnings"])
    cut = whole[: max(40, len(whole) // 50)]  # 98 % of the bytes missing
    code, lines = validate(make_kit(manifest, {**files, f"still.{fmt}": cut}))
    assert code == 0
    assert lines == [
        f"still.{fmt}: warning: the {kind} file is truncated (only part of the picture "
        "could be shown)",
        "0 errors, 1 warning",
    ]


# -- credits -----------------------------------------------------------------------------------


def test_a_still_without_credit_is_a_validate_warning(make_kit: MakeKit) -> None:
    manifest = MANIFEST.replace("FORMAT", "png").replace("CAPS", "vtt")
    manifest = manifest.replace("{file: still.png, credit: c}", "{file: still.png}")
    root = make_kit(
        manifest, {"still.png": png(), "t.mp4": MP4, "t.vtt": b"WEBVTT\n\n" + GOOD_CUES.encode()}
    )
    code, lines = validate(root)
    assert code == 0
    assert lines == [
        "presskit.yaml:5: warning: stills #1: has no credit (a journalist needs one to publish it)",
        "0 errors, 1 warning",
    ]
