"""WebVTT and SRT captions parsed by the project: cue timing, multi-line cues, tags stripped."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

# A two-hour film's captions are about 150 KB; anything far larger is not a caption file.
MAX_CAPTION_BYTES = 4 * 1024 * 1024

_TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_TAG = re.compile(r"<[^>]*>")


class CaptionError(Exception):
    """The caption file cannot be used; the message names the line."""


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class CaptionTrack:
    cues: tuple[Cue, ...]  # sorted by start
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _longest_ms: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(cue.start_ms for cue in self.cues))
        longest = max((cue.end_ms - cue.start_ms for cue in self.cues), default=0)
        object.__setattr__(self, "_longest_ms", longest)

    def text_at(self, position_ms: int) -> str:
        """The text of every cue showing at ``position_ms``, joined by line breaks."""
        last = bisect.bisect_right(self._starts, position_ms)
        # Only cues starting within the longest cue's length before now can still be showing.
        first = bisect.bisect_left(self._starts, position_ms - self._longest_ms)
        showing = [
            cue.text
            for cue in self.cues[first:last]
            if cue.start_ms <= position_ms < cue.end_ms and cue.text
        ]
        return "\n".join(showing)


def read_caption_file(path: Path) -> CaptionTrack:
    """Read and parse a caption file; :class:`CaptionError` names the file and says why."""
    try:
        size = path.stat().st_size
        if size > MAX_CAPTION_BYTES:
            raise CaptionError(f"{path.name}: {size // 1024} KB is too large for a caption file")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CaptionError(f"{path.name} cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise CaptionError(f"{path.name}, line {line}: the text is not UTF-8") from None
    try:
        return parse_captions(text)
    except CaptionError as exc:
        joiner = ", " if str(exc).startswith("line ") else ": "
        raise CaptionError(f"{path.name}{joiner}{exc}") from None


def parse_captions(text: str) -> CaptionTrack:
    """Parse WebVTT (``WEBVTT`` header) or SRT text. Raises :class:`CaptionError`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    is_vtt = lines[0].startswith("WEBVTT")
    cues: list[Cue] = []
    index = 1 if is_vtt else 0
    while index < len(lines):
        line = lines[index]
        match = _TIMING.match(line)
        if match is None:
            if is_vtt and line.startswith(("NOTE", "STYLE", "REGION")):
                index = _skip_block(lines, index)
                continue
            if line.strip() and "-->" in line:
                raise CaptionError(f"line {index + 1}: cannot read the cue timing {line.strip()!r}")
            index += 1
            continue
        start, end = _to_ms(match.group(1)), _to_ms(match.group(2))
        if end < start:
            raise CaptionError(f"line {index + 1}: the cue ends before it starts")
        index += 1
        body: list[str] = []
        while index < len(lines) and lines[index].strip():
            body.append(_clean(lines[index]))
            index += 1
        if end > start:  # a zero-length cue is never on screen
            cues.append(Cue(start, end, "\n".join(part for part in body if part)))
    if not cues:
        raise CaptionError("no caption cues were found")
    cues.sort(key=lambda cue: cue.start_ms)
    return CaptionTrack(tuple(cues))


def _skip_block(lines: list[str], index: int) -> int:
    while index < len(lines) and lines[index].strip():
        index += 1
    return index


def _to_ms(stamp: str) -> int:
    parts = stamp.replace(",", ".").split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return round(((hours * 60 + minutes) * 60 + seconds) * 1000)


def _clean(line: str) -> str:
    return html.unescape(_TAG.sub("", line)).strip()
