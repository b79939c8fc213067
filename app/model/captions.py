"""WebVTT and SRT captions parsed by the project: cue timing, multi-line cues, tags stripped."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.model.kit_paths import UnreadableFile, read_regular_file
from app.model.problems import quote_value

# A two-hour film's captions are about 150 KB; anything far larger is not a caption file.
MAX_CAPTION_BYTES = 4 * 1024 * 1024

_TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_TAG = re.compile(r"<[^>]*>")
# WebVTT voice span: ``<v Name>`` or ``<v.class Name>``; the annotation is the speaker's name.
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")


class CaptionError(Exception):
    """The caption file cannot be used; the message names the file and line.

    ``reason`` and ``line`` are the same facts apart, for ``validate``, which names the file
    itself (by its path in the kit) and puts the line where every problem line has it.
    """

    def __init__(self, message: str, reason: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason if reason is not None else message
        self.line = line


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str
    # The speaker a WebVTT ``<v Name>`` tag names, kept for transcript quotes. Not part of a
    # cue's equality: two tracks are the same captions when they show the same text at the
    # same times (SRT cannot say who speaks).
    voice: str | None = field(default=None, compare=False)


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
    """Read and parse a caption file; :class:`CaptionError` names the file and says why.

    The player and ``validate`` both call this, so a file ``validate`` passes is one the
    player can use: same size limit, same decoding, every cue parsed.
    """

    def fail(reason: str, line: int | None = None) -> CaptionError:
        where = f"{path.name}, line {line}" if line is not None else path.name
        return CaptionError(f"{where}: {reason}", reason, line)

    try:
        data = read_regular_file(
            path,
            MAX_CAPTION_BYTES,
            lambda size: (
                f"{size // 1024:,} KB is too large for a caption file "
                f"(the limit is {MAX_CAPTION_BYTES // 1024:,} KB)"
            ),
        )
    except UnreadableFile as exc:
        raise fail(str(exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(
            f"the text is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)", line
        ) from None
    try:
        return parse_captions(text)
    except CaptionError as exc:
        raise fail(exc.reason, exc.line) from None


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
                raise _at_line(index, f"cannot read the cue timing {quote_value(line.strip())}")
            index += 1
            continue
        start, end = _to_ms(match.group(1)), _to_ms(match.group(2))
        if end < start:
            raise _at_line(index, "the cue ends before it starts")
        index += 1
        body: list[str] = []
        voice: str | None = None
        while index < len(lines) and lines[index].strip():
            if voice is None and is_vtt:
                found = _VOICE.search(lines[index])
                voice = (html.unescape(found.group(1)).strip() or None) if found else None
            body.append(_clean(lines[index]))
            index += 1
        if end > start:  # a zero-length cue is never on screen
            cues.append(Cue(start, end, "\n".join(part for part in body if part), voice))
    if not cues:
        raise CaptionError("no caption cues were found")
    cues.sort(key=lambda cue: cue.start_ms)
    return CaptionTrack(tuple(cues))


def _at_line(index: int, reason: str) -> CaptionError:
    return CaptionError(f"line {index + 1}: {reason}", reason, index + 1)


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
