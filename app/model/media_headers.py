"""Header-depth media checks in pure Python: what a file is, and an image's size from its header.

This is the cheap check ``validate`` runs on every file and the viewer reuses before decoding:
it reads a few kilobytes at most, never decodes pixels.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO, NamedTuple

# 60 megapixels × 4 bytes a pixel fits Qt's default 256 MB image allocation limit.
MAX_IMAGE_PIXELS = 60_000_000

IMAGE_KINDS = ("jpeg", "png", "webp")
VIDEO_KINDS = ("mp4", "matroska")
CAPTION_KINDS = ("webvtt", "srt")

_EXTENSIONS = {
    "jpeg": (".jpg", ".jpeg", ".jpe"),
    "png": (".png",),
    "webp": (".webp",),
    "mp4": (".mp4", ".m4v", ".mov"),
    "matroska": (".mkv", ".webm"),
    "webvtt": (".vtt",),
    "srt": (".srt",),
}
_KIND_NAMES = {
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
    "mp4": "MP4/QuickTime",
    "matroska": "Matroska/WebM",
    "webvtt": "WebVTT",
    "srt": "SRT",
}
_MP4_FIRST_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot"}


class MediaInfo(NamedTuple):  # NamedTuples, as kit.py's records are: cheap to define
    kind: str
    width: int | None = None
    height: int | None = None


class MediaProblem(NamedTuple):
    message: str
    is_warning: bool = False


def check_media(path: Path, expected: str) -> tuple[MediaInfo | None, list[MediaProblem]]:
    """Check ``path`` holds the ``expected`` kind of media: ``image``, ``video`` or ``captions``."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
            if not head:
                return None, [MediaProblem("the file is empty")]
            if expected == "image":
                return _check_image(stream, head, path)
            if expected == "video":
                return _check_video(head, path)
            return _check_captions(stream, head, path)
    except OSError as exc:
        return None, [MediaProblem(f"cannot be read ({exc.strerror or exc})")]


def _check_image(
    stream: BinaryIO, head: bytes, path: Path
) -> tuple[MediaInfo | None, list[MediaProblem]]:
    kind = image_kind(head)
    if kind is None:
        other = _otherimage_kind(head)
        if other:
            return None, [MediaProblem(f"is a {other} image; use JPEG, PNG or WebP")]
        return None, [MediaProblem(f"not a JPEG, PNG or WebP image (starts with {_quote(head)})")]
    try:
        size = _image_size(stream, head, kind)
    except (struct.error, ValueError):
        size = None
    if size is None:
        return MediaInfo(kind), [
            MediaProblem(f"the {_KIND_NAMES[kind]} header is damaged or truncated")
        ]
    width, height = size
    problems = _extension_problem(path, kind)
    if width <= 0 or height <= 0:
        problems.append(MediaProblem(f"the {_KIND_NAMES[kind]} header gives an empty image"))
    elif width * height > MAX_IMAGE_PIXELS:
        problems.append(
            MediaProblem(
                f"is {width}×{height} pixels ({width * height / 1e6:.1f} megapixels); "
                f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
            )
        )
    return MediaInfo(kind, width, height), problems


def image_kind(head: bytes) -> str | None:
    """``jpeg``, ``png`` or ``webp`` from a file's first 12 bytes; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _otherimage_kind(head: bytes) -> str | None:
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:2] == b"BM":
        return "BMP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "HEIF/AVIF"
    return None


def _image_size(stream: BinaryIO, head: bytes, kind: str) -> tuple[int, int] | None:
    if kind == "png":
        if head[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    if kind == "webp":
        return _webp_size(head)
    return _jpeg_size(stream)


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20:21] == b"\x2f" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    return None


_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(stream: BinaryIO) -> tuple[int, int] | None:
    """Walk the JPEG segments up to the frame header; reads only segment headers."""
    stream.seek(2)
    for _ in range(1000):  # a bound: a crafted file cannot make this loop forever
        if stream.read(1) != b"\xff":
            return None
        marker = stream.read(1)
        fill = 0
        while marker == b"\xff" and fill < 64:  # fill bytes before a marker; bounded
            marker = stream.read(1)
            fill += 1
        if not marker:
            return None
        code = marker[0]
        if code in (0xD8, 0x01) or 0xD0 <= code <= 0xD7:
            continue
        if code == 0xD9 or code == 0xDA:
            return None  # end of image or scan data before any frame header
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            return None
        (length,) = struct.unpack(">H", length_bytes)
        if length < 2:
            return None
        if code in _JPEG_SOF:
            frame = stream.read(5)
            if len(frame) < 5:
                return None
            _precision, height, width = struct.unpack(">BHH", frame)
            return int(width), int(height)
        stream.seek(length - 2, 1)
    return None


def _check_video(head: bytes, path: Path) -> tuple[MediaInfo | None, list[MediaProblem]]:
    if head[4:8] in _MP4_FIRST_BOXES:
        kind = "mp4"
    elif head.startswith(b"\x1a\x45\xdf\xa3"):
        kind = "matroska"
    else:
        return None, [
            MediaProblem(
                f"not an MP4/QuickTime or Matroska/WebM video (starts with {_quote(head)})"
            )
        ]
    return MediaInfo(kind), _extension_problem(path, kind)


def _check_captions(
    stream: BinaryIO, head: bytes, path: Path
) -> tuple[MediaInfo | None, list[MediaProblem]]:
    start = head + stream.read(4096)
    try:
        text = start.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(start) - 4:  # a character cut at the end of our read is fine
            return None, [MediaProblem("captions must be UTF-8 text")]
        text = start[: exc.start].decode("utf-8-sig")
    if text.startswith("WEBVTT") and (len(text) == 6 or text[6] in " \t\r\n"):
        return MediaInfo("webvtt"), _extension_problem(path, "webvtt")
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    if len(lines) >= 2 and lines[0].isdigit() and "-->" in lines[1]:
        return MediaInfo("srt"), _extension_problem(path, "srt")
    return None, [
        MediaProblem(f"not a WebVTT or SRT caption file (starts with {_quote(start[:8])})")
    ]


def _extension_problem(path: Path, kind: str) -> list[MediaProblem]:
    if path.suffix.lower() in _EXTENSIONS[kind]:
        return []
    suffix = path.suffix or "no extension"
    return [
        MediaProblem(
            f"is a {_KIND_NAMES[kind]} file but its name ends in {suffix}", is_warning=True
        )
    ]


def _quote(head: bytes) -> str:
    """The first 8 bytes, readable: ``'this is '`` or ``'\\x00\\x01…'``."""
    shown = "".join(chr(b) if 32 <= b < 127 and b != 0x27 else f"\\x{b:02x}" for b in head[:8])
    return f"'{shown}'"


def truncation_warning(path: Path) -> str | None:
    """Why an image that decodes may still be incomplete (Qt decodes truncated JPEGs partly,
    filling the rest with grey, and reports no error), from its last bytes.

    Plain descriptor calls, not a Python file object: a kit's second opening checks every
    still (on pool threads that share the GIL with the UI), and this is 4x quicker."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            head = os.read(fd, 16)
            size = os.lseek(fd, 0, os.SEEK_END)
            os.lseek(fd, max(0, size - 64), os.SEEK_SET)
            tail = os.read(fd, 64)
        finally:
            os.close(fd)
    except OSError:
        return None
    kind = image_kind(head)
    if kind == "jpeg" and b"\xff\xd9" not in tail:
        return "the JPEG file is truncated (only part of the picture could be shown)"
    if kind == "png" and b"IEND" not in tail:
        return "the PNG file is truncated (only part of the picture could be shown)"
    if kind == "webp" and int.from_bytes(head[4:8], "little") + 8 > size:
        return "the WebP file is truncated (only part of the picture could be shown)"
    return None
