"""A video's transcript: timed text of what is said, read as captions are, and quoted.

The transcript file is WebVTT or SRT, read by the caption reader (same size limit, same
decoding, same cue parsing), so ``validate`` and the viewer agree on what a file holds. WebVTT
voice tags (``<v Name>``) name who speaks; a quote names them and, when they are credited, what
they did on the film, as a journalist would attribute it.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.model.captions import CaptionTrack, Cue, read_caption_file
from app.model.kit import PressKit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transcript:
    cues: tuple[Cue, ...]  # sorted by start, as the caption reader gives them

    @classmethod
    def from_track(cls, track: CaptionTrack) -> Transcript:
        return cls(track.cues)

    def index_at(self, position_ms: int) -> int | None:
        """The cue being spoken at ``position_ms`` (the latest started, if cues overlap);
        None before the first cue and in the silences between cues."""
        starts = [cue.start_ms for cue in self.cues]
        longest = max((cue.end_ms - cue.start_ms for cue in self.cues), default=0)
        index = bisect.bisect_right(starts, position_ms) - 1
        # An earlier, longer cue may still run under a later one that has ended; only cues
        # started within the longest cue's length before now can still be running.
        while index >= 0 and self.cues[index].start_ms > position_ms - longest:
            if position_ms < self.cues[index].end_ms:
                return index
            index -= 1
        return None


def read_transcript(path: Path) -> Transcript:
    """Read a transcript file; :class:`app.model.captions.CaptionError` names file and line."""
    return Transcript.from_track(read_caption_file(path))


def format_timestamp(position_ms: int) -> str:
    """``HH:MM:SS``, as a quote's time reference is written (always with hours)."""
    seconds = max(0, position_ms) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def speaker_label(kit: PressKit, voice: str | None) -> str | None:
    """``Name, Role`` when the voice is credited, ``Name`` when not, None without a voice."""
    if not voice:
        return None
    role = kit.credited_role(voice)
    return f"{voice}, {role}" if role else voice


def format_quote(kit: PressKit, video_title: str, cues: Sequence[Cue]) -> str:
    """A passage of ``cues`` as a quote: ``"…" — Name, Role (Title, 00:02:13)`` (straight quotes:
    they paste the same into every editor and CMS).

    The time is where the passage starts. The speaker is named only when every cue of the
    passage has the same voice: a passage spoken by two people cannot honestly be given to one.
    """
    if not cues:
        return ""
    text = " ".join(" ".join(cue.text.split()) for cue in cues if cue.text.strip())
    voices = {cue.voice for cue in cues}
    speaker = speaker_label(kit, cues[0].voice) if len(voices) == 1 else None
    reference = f"({video_title}, {format_timestamp(cues[0].start_ms)})"
    if speaker:
        return f'"{text}" \u2014 {speaker} {reference}'
    return f'"{text}" {reference}'
