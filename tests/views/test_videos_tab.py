"""The Videos tab on the Night Orbit kit (two videos, an interview with a voice-tagged
transcript), with real QtMultimedia decoding offscreen. Waits are bounded by timeouts."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication

from app.model.loader import load_press_kit
from app.views.tab_specs import tab_spec
from app.views.trailer.trailer_tab import TrailerTab
from app.views.trailer.transcript_view import CURRENT_MARK
from app.views.trailer.video_list import EMBARGO_BADGE

DATA = Path(__file__).resolve().parents[1] / "data"
NIGHT_ORBIT = DATA / "kits" / "night-orbit"


def _loaded(qtbot, tab: TrailerTab) -> None:
    assert tab.player is not None
    qtbot.waitUntil(
        lambda: (
            tab.player.player.mediaStatus()
            in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
        ),
        timeout=5000,
    )


def _choose_interview(qtbot, tab: TrailerTab) -> None:
    assert tab.panel is not None and tab.panel.video_list is not None
    video_list = tab.panel.video_list
    item = video_list.item(1)
    qtbot.mouseClick(
        video_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=video_list.visualItemRect(item).center(),
    )
    assert tab.video is not None and tab.video.file_text == "video/interview.mp4"


def test_the_tab_is_called_videos_only_with_several() -> None:
    spec = tab_spec("trailer")
    assert spec.title_for(load_press_kit(NIGHT_ORBIT).kit) == "Videos"
    assert spec.default_title == "Trailer"  # before any kit is open


def test_single_video_kit_stays_trailer_without_a_panel(qtbot, make_trailer_tab, write_trailer_kit):
    kit_dir = write_trailer_kit()
    assert tab_spec("trailer").title_for(load_press_kit(kit_dir).kit) == "Trailer"
    tab = make_trailer_tab(kit_dir)
    assert tab.panel is None and tab.player is not None


def test_list_shows_every_video_with_kind_length_poster_and_badge(qtbot, make_trailer_tab):
    tab = make_trailer_tab(NIGHT_ORBIT)
    assert tab.panel is not None and tab.panel.video_list is not None
    video_list = tab.panel.video_list
    assert video_list.count() == 2
    # Lengths come from the files' headers on a pool thread; posters are decoded there too.
    qtbot.waitUntil(lambda: "0:08" in video_list.item(1).text(), timeout=5000)
    qtbot.waitUntil(lambda: not video_list.item(1).icon().isNull(), timeout=5000)
    first, second = video_list.item(0).text(), video_list.item(1).text()
    assert first.splitlines()[:2] == ["Official trailer", "Trailer · 0:04"]
    assert second.splitlines()[:2] == ["Interview with the director and cast", "Interview · 0:08"]
    # The trailer's embargo passed in 2025; the interview's lasts until 2030.
    assert EMBARGO_BADGE not in first and EMBARGO_BADGE in second
    assert "Under embargo until 12 Jan 2030" in video_list.item(1).toolTip()
    assert video_list.currentRow() == 0  # the booth's choice plays first
    assert tab.video is not None and tab.video.file_text == "video/trailer.mp4"
    # The trailer has no transcript: the transcript panel is hidden.
    assert tab.panel.transcript.isHidden()


def test_the_badge_goes_when_the_embargo_passes_while_the_app_is_open(qtbot, make_trailer_tab):
    import datetime as dt

    from app.model.times import FixedWallClock

    tab = make_trailer_tab(NIGHT_ORBIT)
    assert tab.panel is not None and tab.panel.video_list is not None
    video_list = tab.panel.video_list
    qtbot.waitUntil(video_list.isVisible)  # the layout shows the panel on a queued event
    assert video_list.is_embargoed(1) and EMBARGO_BADGE in video_list.item(1).text()
    video_list.clock = FixedWallClock(dt.datetime(2030, 1, 12, 0, 0, 1, tzinfo=dt.UTC))
    tab.hide()
    tab.show()  # the journalist comes back to the tab after the interview's embargo
    assert not video_list.is_embargoed(1)
    assert EMBARGO_BADGE not in video_list.item(1).text()
    assert video_list.item(1).toolTip() == ""
    assert video_list.item(1).text().splitlines()[0] == "Interview with the director and cast"


def test_choosing_a_video_plays_it_and_shows_its_transcript(qtbot, make_trailer_tab):
    tab = make_trailer_tab(NIGHT_ORBIT)
    _loaded(qtbot, tab)
    _choose_interview(qtbot, tab)
    assert tab.player is not None and tab.player.source is not None
    assert tab.player.source.name == "interview.mp4"
    qtbot.waitUntil(lambda: tab.player.frames_seen >= 5, timeout=8000)
    transcript = tab.panel.transcript
    assert not transcript.isHidden()
    assert transcript.cues.count() == 4
    assert transcript.cues.item(1).text() == (
        "00:00:02  Ola Example: We rehearsed the cockpit scenes in total darkness."
    )
    # The cue being spoken is marked as the video plays past 2.5 s.
    qtbot.waitUntil(
        lambda: transcript.current is not None and transcript.current >= 1, timeout=8000
    )
    marked = transcript.current
    assert transcript.cues.item(marked).text().startswith(CURRENT_MARK)
    assert transcript.cues.item(marked).font().bold()
    assert sum(transcript.cues.item(i).text().startswith(CURRENT_MARK) for i in range(4)) == 1


def test_clicking_a_cue_seeks_there(qtbot, make_trailer_tab):
    tab = make_trailer_tab(NIGHT_ORBIT)
    _loaded(qtbot, tab)
    _choose_interview(qtbot, tab)
    _loaded(qtbot, tab)
    tab.player.pause()
    cues = tab.panel.transcript.cues
    item = cues.item(2)
    cues.scrollToItem(item)
    qtbot.mouseClick(
        cues.viewport(), Qt.MouseButton.LeftButton, pos=cues.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: tab.player.position() >= 5000, timeout=5000)
    assert tab.panel.transcript.current == 2


def test_selected_passage_copies_as_a_credited_quote(qtbot, make_trailer_tab):
    tab = make_trailer_tab(NIGHT_ORBIT)
    _loaded(qtbot, tab)
    _choose_interview(qtbot, tab)
    transcript = tab.panel.transcript
    assert not transcript.copy_button.isEnabled()
    transcript.cues.item(0).setSelected(True)
    assert transcript.copy_button.isEnabled()
    with qtbot.waitSignal(transcript.quote_copied, timeout=2000):
        qtbot.mouseClick(transcript.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        '"I wanted the dark to feel like a third character." — Ingrid Example, Director '
        "(Interview with the director and cast, 00:00:00)"
    )
    transcript.cues.clearSelection()
    transcript.cues.item(3).setSelected(True)
    transcript.cues.setFocus()
    qtbot.keyClick(transcript.cues, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == (
        '"Applause." (Interview with the director and cast, 00:00:07)'
    )


def test_unusable_transcript_says_why_and_the_video_still_plays(
    qtbot, make_trailer_tab, tmp_path: Path
):
    kit_dir = shutil.copytree(NIGHT_ORBIT, tmp_path / "kit")
    (kit_dir / "video" / "interview.en.vtt").write_bytes(
        b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nx\n"
    )
    tab = make_trailer_tab(kit_dir)
    _loaded(qtbot, tab)
    _choose_interview(qtbot, tab)
    transcript = tab.panel.transcript
    assert not transcript.message.isHidden()
    assert "interview.en.vtt, line 3: the cue ends before it starts" in transcript.message.text()
    assert transcript.message.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: tab.player.frames_seen >= 3, timeout=8000)
