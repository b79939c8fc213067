"""A video's length from its MP4 header (for the video list), None whenever it cannot be told."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from app.model.video_duration import format_duration, mp4_duration_ms

DATA = Path(__file__).resolve().parents[1] / "data"
MEDIA = DATA / "media"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (DATA / "kits" / "night-orbit" / "video" / "trailer.mp4", 4000),
        (DATA / "kits" / "night-orbit" / "video" / "interview.mp4", 8000),
        (MEDIA / "valid.mp4", 3000),
        (MEDIA / "garbage.mp4", None),
        (MEDIA / "empty.mp4", None),
        (MEDIA / "truncated_header.mp4", None),
        (MEDIA / "does-not-exist.mp4", None),
    ],
)
def test_lengths_of_real_files(path: Path, expected: int | None) -> None:
    assert mp4_duration_ms(path) == expected


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def test_version_1_header_and_unknown_duration(tmp_path: Path) -> None:
    v1 = b"\x01\x00\x00\x00" + bytes(16) + struct.pack(">IQ", 1000, 90_500)
    path = tmp_path / "v1.mp4"
    path.write_bytes(_box(b"ftyp", b"isom") + _box(b"moov", _box(b"mvhd", v1)))
    assert mp4_duration_ms(path) == 90_500
    unknown = b"\x00\x00\x00\x00" + bytes(8) + struct.pack(">II", 600, 0xFFFFFFFF)
    path.write_bytes(_box(b"ftyp", b"isom") + _box(b"moov", _box(b"mvhd", unknown)))
    assert mp4_duration_ms(path) is None


def test_a_box_claiming_more_than_the_file_stops_the_walk(tmp_path: Path) -> None:
    path = tmp_path / "lies.mp4"
    path.write_bytes(struct.pack(">I4s", 1 << 30, b"ftyp") + bytes(8))
    assert mp4_duration_ms(path) is None


@pytest.mark.parametrize(
    ("ms", "text"),
    [(None, "—"), (0, "—"), (4000, "0:04"), (65_400, "1:05"), (3_725_000, "1:02:05")],
)
def test_format_duration(ms: int | None, text: str) -> None:
    assert format_duration(ms) == text
