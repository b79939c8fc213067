"""Transcripts: read by the caption reader with voice tags kept, followed by position, and
quoted with the speaker's credited role and the passage's start time."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.captions import CaptionError, Cue, parse_captions
from app.model.loader import load_press_kit
from app.model.transcript import (
    Transcript,
    format_quote,
    format_timestamp,
    read_transcript,
    speaker_label,
)

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


def test_night_orbit_transcript_keeps_every_voice() -> None:
    transcript = read_transcript(NIGHT_ORBIT / "video" / "interview.en.vtt")
    assert [cue.voice for cue in transcript.cues] == [
        "Ingrid Example",
        "Ola Example",
        "Åsmund Ødegård-Example",
        None,
    ]
    assert transcript.cues[0].text == "I wanted the dark to feel like a third character."
    assert transcript.cues[3].text == "Applause."


@pytest.mark.parametrize(
    ("line", "voice", "text"),
    [
        ("<v Kari Example>Hello", "Kari Example", "Hello"),
        ("<v.loud Kari Example>Hello</v>", "Kari Example", "Hello"),
        ("<v Tom &amp; Jerry>Hi", "Tom & Jerry", "Hi"),
        ("<i>No voice here</i>", None, "No voice here"),
        ("<v>Empty voice", None, "Empty voice"),
    ],
)
def test_voice_tag_shapes(line: str, voice: str | None, text: str) -> None:
    track = parse_captions(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{line}\n")
    assert (track.cues[0].voice, track.cues[0].text) == (voice, text)


def test_voice_is_kept_but_captions_compare_by_what_is_shown() -> None:
    media = Path(__file__).resolve().parents[1] / "data" / "media"
    vtt = read_transcript(media / "valid.en.vtt")
    srt = read_transcript(media / "valid.en.srt")
    assert vtt.cues[0].voice == "Narrator" and srt.cues[0].voice is None
    assert vtt.cues == srt.cues


def test_srt_has_no_voices_even_with_a_v_lookalike() -> None:
    # SRT has no voice spans: a <v …> there is a stray tag, stripped and not taken as a name.
    track = parse_captions("1\n00:00:01,000 --> 00:00:02,000\n<v Someone>Line\n")
    assert (track.cues[0].voice, track.cues[0].text) == (None, "Line")


def test_a_broken_transcript_is_a_caption_error_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v A>x\n", encoding="utf-8")
    with pytest.raises(CaptionError, match=r"talk\.vtt, line 3: the cue ends before it starts"):
        read_transcript(path)


def _cue(start: int, end: int, text: str = "t", voice: str | None = None) -> Cue:
    return Cue(start, end, text, voice)


def test_index_follows_position_with_gaps_and_overlaps() -> None:
    transcript = Transcript(
        (_cue(1000, 2000), _cue(1500, 9000), _cue(3000, 3500), _cue(10000, 11000))
    )
    assert transcript.index_at(0) is None
    assert transcript.index_at(1000) == 0
    assert transcript.index_at(1600) == 1  # the later of two running cues
    assert transcript.index_at(3200) == 2
    assert transcript.index_at(4000) == 1  # the long cue still runs after the short one ended
    assert transcript.index_at(9500) is None  # silence
    assert transcript.index_at(10999) == 3
    assert transcript.index_at(11000) is None
    assert Transcript(()).index_at(5) is None


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "00:00:00"), (133_999, "00:02:13"), (3_725_000, "01:02:05"), (-5, "00:00:00")],
)
def test_timestamps(ms: int, text: str) -> None:
    assert format_timestamp(ms) == text


def test_quotes_name_the_credited_role_or_just_the_name() -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    transcript = read_transcript(NIGHT_ORBIT / "video" / "interview.en.vtt")
    first, second, third, applause = transcript.cues
    assert format_quote(kit, "Interview", [first]) == (
        '"I wanted the dark to feel like a third character." — Ingrid Example, Director '
        "(Interview, 00:00:00)"
    )
    assert format_quote(kit, "Interview", [third]) == (
        '"Nobody could see their lines, so we learned them." — Åsmund Ødegård-Example, '
        "Engineer Berg (Interview, 00:00:05)"
    )
    assert format_quote(kit, "Interview", [applause]) == '"Applause." (Interview, 00:00:07)'
    # Two speakers in one passage: given to neither.
    assert format_quote(kit, "Interview", [first, second]).endswith("(Interview, 00:00:00)")
    assert " — " not in format_quote(kit, "Interview", [first, second])
    assert format_quote(kit, "Interview", []) == ""
    uncredited = _cue(133_000, 134_000, "Hi <b>there</b>", "Nobody Credited")
    assert (
        format_quote(kit, "T", [uncredited]) == '"Hi <b>there</b>" — Nobody Credited (T, 00:02:13)'
    )
    assert speaker_label(kit, None) is None
