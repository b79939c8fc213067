"""A video's length read from its MP4 header, without decoding: for the video list.

Only the ``moov/mvhd`` box is read (bounded walk, a few reads); Matroska and anything unusual
give None, and the list shows the player's duration once that video is loaded instead.
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

# A kit's video may hold thousands of boxes before ``moov`` (fragmented files): the walk stops
# after this many, so a hostile file cannot keep a worker busy.
_MAX_BOXES = 256


def mp4_duration_ms(path: Path) -> int | None:
    """The movie's duration in milliseconds from ``mvhd``, or None when it cannot be read."""
    try:
        with path.open("rb") as stream:
            size = path.stat().st_size
            moov = _find_box(stream, 0, size, b"moov")
            if moov is None:
                return None
            mvhd = _find_box(stream, moov[0], moov[1], b"mvhd")
            if mvhd is None:
                return None
            stream.seek(mvhd[0])
            version = stream.read(4)[:1]
            if version == b"\x01":
                body = stream.read(28)
                if len(body) < 28:
                    return None
                timescale, duration = struct.unpack(">IQ", body[16:28])
            else:
                body = stream.read(16)
                if len(body) < 16:
                    return None
                timescale, duration = struct.unpack(">II", body[8:16])
    except OSError as exc:
        log.info("video length unreadable: %s: %s", path.name, exc)
        return None
    if timescale == 0 or duration in (0, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF):
        return None  # "unknown" in the header: the player will say
    return int(duration * 1000 // timescale)


def _find_box(stream: BinaryIO, start: int, end: int, wanted: bytes) -> tuple[int, int] | None:
    """(content start, content end) of the first ``wanted`` box in [start, end)."""
    offset = start
    for _ in range(_MAX_BOXES):
        if offset + 8 > end:
            return None
        stream.seek(offset)
        header = stream.read(8)
        if len(header) < 8:
            return None
        box_size, box_type = struct.unpack(">I4s", header)
        content = offset + 8
        if box_size == 1:  # a 64-bit size follows
            large = stream.read(8)
            if len(large) < 8:
                return None
            box_size = struct.unpack(">Q", large)[0]
            content += 8
        elif box_size == 0:  # to the end of the enclosing box
            box_size = end - offset
        if box_size < content - offset or offset + box_size > end:
            return None
        if box_type == wanted:
            return content, offset + box_size
        offset += box_size
    return None


def format_duration(duration_ms: int | None) -> str:
    """``1:05`` or ``1:02:05``; an em dash while unknown."""
    if duration_ms is None or duration_ms <= 0:
        return "\u2014"
    seconds = round(duration_ms / 1000)
    hours, minutes, secs = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
