"""The project's WebVTT/SRT parser (pure Python, no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.captions import (
    MAX_CAPTION_BYTES,
    CaptionError,
    CaptionTrack,
    Cue,
    parse_captions,
    read_caption_file,
)

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"


def test_vtt_fixture_cues_timing_multiline_and_stripped_tags() -> None:
    track = read_caption_file(MEDIA / "valid.en.vtt")
    assert track.cues == (
        Cue(200, 1000, "Ground control to I.S.S."),
        Cue(1200, 2000, "Two lines of caption,\nthe second & last one."),
        Cue(2200, 2900, "Signal lost."),
    )


def test_srt_fixture_gives_the_same_cues() -> None:
    assert read_caption_file(MEDIA / "valid.en.srt") == read_caption_file(MEDIA / "valid.en.vtt")


@pytest.mark.parametrize(
    ("position", "text"),
    [
        (0, ""),
        (199, ""),
        (200, "Ground control to I.S.S."),
        (999, "Ground control to I.S.S."),
        (1000, ""),  # the end time is exclusive
        (1600, "Two lines of caption,\nthe second & last one."),
        (2899, "Signal lost."),
        (5000, ""),
        (-1, ""),
    ],
)
def test_text_at(position: int, text: str) -> None:
    assert read_caption_file(MEDIA / "valid.en.vtt").text_at(position) == text


def test_overlapping_cues_show_together_in_start_order() -> None:
    track = parse_captions(
        "WEBVTT\n\n00:01.000 --> 00:05.000\nLong one\n\n00:02.000 --> 00:03.000\nShort one\n"
    )
    assert track.text_at(2500) == "Long one\nShort one"
    assert track.text_at(4000) == "Long one"


def test_vtt_details_hours_cue_settings_notes_styles_crlf_and_bom() -> None:
    text = (
        "\ufeffWEBVTT - a title\r\n\r\n"
        "STYLE\r\n::cue { color: yellow }\r\n\r\n"
        "NOTE a comment\r\nover two lines\r\n\r\n"
        "intro\r\n"
        "01:00:00.500 --> 01:00:01.000 align:start position:10%\r\n"
        "<c.yellow>Hello</c> <00:00:00.700>there &lt;3\r\n"
    )
    assert parse_captions(text).cues == (Cue(3_600_500, 3_601_000, "Hello there <3"),)


def test_srt_with_comma_milliseconds_and_numbering() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,500\n<font color=red>Red</font>\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nNext\n"
    )
    assert parse_captions(text).cues == (Cue(1000, 2500, "Red"), Cue(3000, 4000, "Next"))


def test_zero_length_cue_is_dropped() -> None:
    track = parse_captions(
        "WEBVTT\n\n00:01.000 --> 00:01.000\nNever seen\n\n00:02.000 --> 00:03.000\nSeen\n"
    )
    assert track.cues == (Cue(2000, 3000, "Seen"),)


def test_malformed_fixture_names_the_file_and_line() -> None:
    with pytest.raises(CaptionError) as caught:
        read_caption_file(MEDIA / "malformed.vtt")
    assert str(caught.value) == (
        "malformed.vtt, line 6: cannot read the cue timing '00:00:01.2OO --> soon'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("WEBVTT\n\n00:02.000 --> 00:01.000\nBackwards\n", "line 3: the cue ends before it starts"),
        ("WEBVTT\n\nNo cues at all.\n", "no caption cues were found"),
        ("", "no caption cues were found"),
    ],
)
def test_unusable_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(CaptionError, match=message):
        parse_captions(text)


def test_file_problems_name_the_file(tmp_path: Path) -> None:
    latin = tmp_path / "latin.srt"
    latin.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(CaptionError, match=r"latin\.srt, line 3: the text is not UTF-8"):
        read_caption_file(latin)
    with pytest.raises(CaptionError, match=r"gone\.vtt: does not exist"):
        read_caption_file(tmp_path / "gone.vtt")
    huge = tmp_path / "huge.vtt"
    huge.write_bytes(b"WEBVTT\n" + b"x" * MAX_CAPTION_BYTES)
    with pytest.raises(CaptionError, match=r"huge\.vtt: .* too large"):
        read_caption_file(huge)


def test_empty_track_shows_nothing() -> None:
    assert CaptionTrack(()).text_at(100) == ""
