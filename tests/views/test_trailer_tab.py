"""The Trailer tab with real QtMultimedia decoding (offscreen), on small real kits.

Waits are bounded (``waitUntil`` / ``waitSignal`` with timeouts): a hang fails the test.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices, QMediaPlayer
from PySide6.QtWidgets import QFileDialog

from app import settings as keys
from app.model.opening import open_kit_location
from app.views.feedback import TOAST_NAME, Toast
from app.views.trailer.controls import AUDIO_UNAVAILABLE
from app.views.trailer.trailer_tab import SOUND_ONLY, TrailerTab

CUE_1 = "Ground control to I.S.S."
CUE_2 = "Two lines of caption,\nthe second & last one."


def _frames(qtbot, tab: TrailerTab, count: int = 10, timeout: int = 6000) -> None:
    assert tab.player is not None
    qtbot.waitUntil(lambda: tab.player.frames_seen >= count, timeout=timeout)


def _loaded(qtbot, tab: TrailerTab) -> None:
    assert tab.player is not None
    qtbot.waitUntil(
        lambda: tab.player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
        timeout=5000,
    )


@pytest.fixture
def with_audio_device(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the tab believe a sound device exists where there is none.

    This machine has no sound server, so ``QMediaDevices.audioOutputs()`` is empty; the
    QAudioOutput then plays into nothing, which is all the volume and mute tests need.
    """
    if not QMediaDevices.audioOutputs():
        monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: [QAudioDevice()]))


# -- lifecycle --------------------------------------------------------------------------------


def test_nothing_is_opened_until_the_tab_is_first_shown(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit(), show=False)
    assert tab.player is None and tab.canvas is None
    assert not tab.findChildren(QMediaPlayer)
    tab.window().show()
    qtbot.waitExposed(tab.window())
    assert tab.player is not None
    assert tab.player.player.source().toLocalFile().endswith("trailer/valid.mp4")
    _loaded(qtbot, tab)
    assert tab.player.frames_seen == 0  # loaded, not playing


def test_poster_shows_before_play_and_after_the_end(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit())
    assert tab.canvas is not None and tab.player is not None
    assert tab.canvas.showing_poster() and tab.canvas.poster_view.has_poster()
    assert tab.canvas.message_text() == ""
    tab.player.play()
    _frames(qtbot, tab)
    assert not tab.canvas.showing_poster()
    with qtbot.waitSignal(tab.player.ended, timeout=8000):
        pass
    assert tab.canvas.showing_poster()
    assert tab.controls.play_button.accessibleName() == "Replay"
    assert tab.canvas.message_text() == ""


def test_plays_frames_and_updates_time(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit())
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Space)
    _frames(qtbot, tab, 10)
    assert tab.player.is_playing()
    assert tab.controls.play_button.accessibleName() == "Pause"
    qtbot.waitUntil(lambda: tab.controls.time_label.text().startswith("0:01 / 0:03"), timeout=5000)
    assert tab.controls.seek_slider.maximum() == pytest.approx(3000, abs=50)


def test_replay_after_the_end_starts_again(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit())
    with qtbot.waitSignal(tab.player.ended, timeout=8000):
        tab.player.play()
    frames_first_time = tab.player.frames_seen
    qtbot.keyClick(tab.canvas, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: tab.player.frames_seen >= frames_first_time + 10, timeout=5000)
    assert tab.player.position() < 2000
    assert not tab.canvas.showing_poster()


def test_seek_bar_and_skip_keys_seek(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit())
    tab.player.play()
    _frames(qtbot, tab, 2)
    tab.player.pause()
    bar = tab.controls.seek_slider
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() * 2 // 3, bar.height() // 2)
    )
    clicked = bar.value()
    assert 1500 < clicked < 2500  # the bar jumps where it is clicked
    qtbot.waitUntil(lambda: abs(tab.player.position() - clicked) <= 80, timeout=5000)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_J)  # back 5 s: clamps at the start
    qtbot.waitUntil(lambda: tab.player.position() <= 80, timeout=5000)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Right)  # forward 5 s: clamps at the end
    qtbot.waitUntil(lambda: tab.player.position() >= 2900, timeout=5000)


def test_pause_when_the_tab_is_left_or_the_window_minimized(qtbot, settings, write_trailer_kit):
    from app.views.main_window import MainWindow
    from app.views.tab_specs import tab_index

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(write_trailer_kit()), remember=False)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.tab_widget.setCurrentIndex(tab_index("trailer"))
    tab = window.tab(TrailerTab)
    assert isinstance(tab, TrailerTab)
    qtbot.waitUntil(lambda: tab.player is not None, timeout=3000)  # built when shown
    tab.player.play()
    _frames(qtbot, tab, 3)
    window.tab_widget.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not tab.player.is_playing(), timeout=3000)

    window.tab_widget.setCurrentIndex(tab_index("trailer"))
    tab.player.play()
    qtbot.waitUntil(tab.player.is_playing, timeout=3000)
    window.showMinimized()
    qtbot.waitUntil(lambda: not tab.player.is_playing(), timeout=3000)
    window.showNormal()


def test_closing_the_window_stops_cleanly(qtbot, settings, write_trailer_kit):
    from app.views.main_window import MainWindow
    from app.views.tab_specs import tab_index

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(write_trailer_kit()), remember=False)
    window.show()
    qtbot.waitExposed(window)
    window.tab_widget.setCurrentIndex(tab_index("trailer"))
    tab = window.tab(TrailerTab)
    assert isinstance(tab, TrailerTab)
    qtbot.waitUntil(lambda: tab.player is not None, timeout=3000)  # built when shown
    media_player = tab.player.player
    tab.player.play()
    _frames(qtbot, tab, 3)
    window.close()
    assert media_player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert media_player.source().isEmpty()  # the file is released


# -- captions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("captions", ["valid.en.vtt", "valid.en.srt"])
def test_cue_text_at_a_known_time_shows_on_the_canvas(
    qtbot, make_trailer_tab, write_trailer_kit, captions
):
    tab = make_trailer_tab(write_trailer_kit(captions=captions))
    tab.player.play()
    qtbot.waitUntil(lambda: 300 <= tab.player.position() <= 900, timeout=5000)
    qtbot.waitUntil(lambda: tab.canvas.caption_text() == CUE_1, timeout=2000)  # tags stripped
    tab.player.pause()
    tab.player.seek(1600)
    qtbot.waitUntil(lambda: tab.canvas.caption_text() == CUE_2, timeout=5000)
    # The video widget draws what its sink holds as subtitle text, over the picture.
    assert tab.canvas.video_sink().subtitleText() == CUE_2


@pytest.mark.parametrize("toggle", ["key", "button"])
def test_captions_toggled_while_paused_redraw_at_once(
    qtbot, make_trailer_tab, write_trailer_kit, toggle
):
    """The video widget draws the subtitle text that travels with a frame; paused, no new frame
    comes, so the canvas hands the paused frame back with the new text."""
    tab = make_trailer_tab(write_trailer_kit())
    tab.player.play()
    _frames(qtbot, tab, 1)
    tab.player.pause()
    tab.player.seek(1600)
    sink = tab.canvas.video_sink()
    qtbot.waitUntil(lambda: sink.videoFrame().subtitleText() == CUE_2, timeout=5000)
    assert not tab.player.is_playing()

    def press() -> None:
        if toggle == "key":
            qtbot.keyClick(tab.canvas, Qt.Key.Key_C)
        else:
            qtbot.mouseClick(tab.controls.captions_button, Qt.MouseButton.LeftButton)

    press()  # off: the frame on screen loses its caption now, not at the next frame
    assert sink.videoFrame().isValid() and sink.videoFrame().subtitleText() == ""
    press()  # on again
    assert sink.videoFrame().subtitleText() == CUE_2
    assert not tab.player.is_playing()


def test_captions_toggle_with_c_and_the_button_and_persist(
    qtbot, make_trailer_tab, write_trailer_kit, settings
):
    tab = make_trailer_tab(write_trailer_kit())
    tab.player.play()
    _frames(qtbot, tab, 1)
    tab.player.pause()
    tab.player.seek(1600)
    qtbot.waitUntil(lambda: tab.canvas.caption_text() == CUE_2, timeout=5000)
    assert tab.controls.captions_button.isChecked()

    qtbot.keyClick(tab.canvas, Qt.Key.Key_C)
    assert tab.canvas.caption_text() == ""
    assert not tab.controls.captions_button.isChecked()
    assert settings.get(keys.TRAILER_CAPTIONS) is False

    qtbot.mouseClick(tab.controls.captions_button, Qt.MouseButton.LeftButton)
    assert tab.canvas.caption_text() == CUE_2
    assert settings.get(keys.TRAILER_CAPTIONS) is True

    qtbot.keyClick(tab.canvas, Qt.Key.Key_C)
    tab.shutdown()
    again = make_trailer_tab(write_trailer_kit())
    assert not again.controls.captions_button.isChecked() and not again.captions_on


def test_malformed_captions_warn_and_play_without(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit(captions="malformed.vtt"))
    assert tab.notice_label.isVisible()
    assert "malformed.vtt, line 6" in tab.notice_label.text()
    assert "plays without captions" in tab.notice_label.text()
    assert not tab.controls.captions_button.isEnabled()
    tab.player.play()
    _frames(qtbot, tab, 10)
    qtbot.waitUntil(lambda: tab.player.position() >= 400, timeout=5000)
    assert tab.canvas.caption_text() == "" and tab.player.failure is None


# -- when it cannot play ----------------------------------------------------------------------

FAILURES = {
    "missing": ("valid.mp4", True, "does not exist"),
    "empty": ("empty.mp4", False, "empty"),
    "garbage": ("garbage.mp4", False, "damaged or is not a video"),
    "text renamed .mp4": ("text.mp4", False, "damaged or is not a video"),
    "truncated header": ("truncated_header.mp4", False, "damaged or is not a video"),
    "AV1 (no decoder)": ("av1.mp4", False, "cannot be decoded"),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_each_failure_shows_a_clear_message_over_the_poster(
    qtbot, make_trailer_tab, write_trailer_kit, case
):
    video, missing, expected = FAILURES[case]
    tab = make_trailer_tab(write_trailer_kit(video=video, missing=missing))
    assert tab.player is not None and tab.canvas is not None
    tab.player.play()  # a no-op once failed; the AV1 file fails only once it plays
    qtbot.waitUntil(lambda: expected in tab.canvas.message_text(), timeout=8000)
    assert tab.canvas.showing_poster() and tab.canvas.poster_view.has_poster()
    assert tab.player.failure is not None and not tab.player.is_playing()
    assert not tab.controls.play_button.isEnabled() and not tab.controls.seek_slider.isEnabled()
    # Keys and buttons stay harmless on a failed trailer.
    for key in (Qt.Key.Key_Space, Qt.Key.Key_L, Qt.Key.Key_C, Qt.Key.Key_M):
        qtbot.keyClick(tab.canvas, key)
    assert expected in tab.canvas.message_text()


@pytest.mark.parametrize("video", ["truncated_midway.mp4", "corrupted_middle.mp4"])
def test_damaged_midway_plays_what_it_can_then_ends_calmly(
    qtbot, make_trailer_tab, write_trailer_kit, video
):
    tab = make_trailer_tab(write_trailer_kit(video=video))
    with qtbot.waitSignal(tab.player.ended, timeout=8000):
        tab.player.play()
    assert tab.player.frames_seen >= 10
    assert tab.player.failure is None
    assert tab.canvas.message_text() == ""
    assert tab.canvas.showing_poster()
    assert (
        tab.controls.play_button.isEnabled()
        and tab.controls.play_button.accessibleName() == "Replay"
    )


def test_sound_only_says_so_and_plays(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit(video="sound_only.m4a"))
    qtbot.waitUntil(lambda: tab.canvas.message_text() == SOUND_ONLY, timeout=5000)
    tab.player.play()
    qtbot.waitUntil(lambda: tab.player.position() >= 1000, timeout=5000)
    assert tab.player.is_playing() and tab.player.failure is None
    assert tab.canvas.showing_poster()  # no picture: the poster and the message stay
    with qtbot.waitSignal(tab.player.ended, timeout=6000):
        pass


def test_no_audio_device_disables_volume_and_still_plays(
    qtbot, make_trailer_tab, write_trailer_kit, monkeypatch
):
    # The one thing that cannot be made real on demand: taking the sound device away.
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    tab = make_trailer_tab(write_trailer_kit())
    assert not tab.player.audio_available
    assert not tab.controls.volume_slider.isEnabled() and not tab.controls.mute_button.isEnabled()
    assert tab.controls.volume_slider.toolTip() == AUDIO_UNAVAILABLE
    assert tab.controls.audio_label.isVisible() and tab.controls.audio_label.text() == "No audio"
    qtbot.keyClick(tab.canvas, Qt.Key.Key_M)  # nothing to mute: nothing happens
    tab.player.play()
    _frames(qtbot, tab, 10)
    assert tab.player.failure is None


def test_volume_and_mute_persist(
    qtbot, make_trailer_tab, write_trailer_kit, settings, with_audio_device
):
    settings.set(keys.TRAILER_VOLUME, 35)
    settings.set(keys.TRAILER_MUTED, False)
    tab = make_trailer_tab(write_trailer_kit())
    assert tab.controls.volume_slider.isEnabled() and not tab.controls.audio_label.isVisible()
    assert tab.controls.volume_slider.value() == 35 and tab.player.volume() == 35
    assert not tab.player.is_muted()
    tab.controls.volume_slider.setValue(60)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_M)
    assert tab.player.is_muted() and tab.controls.mute_button.accessibleName() == "Unmute"
    assert settings.get(keys.TRAILER_VOLUME) == 60
    assert settings.get(keys.TRAILER_MUTED) is True
    tab.shutdown()

    again = make_trailer_tab(write_trailer_kit())
    assert again.controls.volume_slider.value() == 60 and again.player.volume() == 60
    assert again.player.is_muted()
    qtbot.mouseClick(again.controls.mute_button, Qt.MouseButton.LeftButton)
    assert not again.player.is_muted() and settings.get(keys.TRAILER_MUTED) is False


# -- full screen, saving ----------------------------------------------------------------------


def test_full_screen_with_f_and_double_click_esc_leaves(qtbot, make_trailer_tab, write_trailer_kit):
    tab = make_trailer_tab(write_trailer_kit())
    qtbot.keyClick(tab.canvas, Qt.Key.Key_F)
    assert tab.is_full_screen()
    assert tab.stage.window() is not tab.window()
    assert tab.stage.window().isFullScreen()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_Escape)
    assert not tab.is_full_screen() and tab.stage.window() is tab.window()

    qtbot.mouseDClick(tab.canvas.poster_view, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert tab.is_full_screen()
    tab.player.play()  # plays on while full screen
    _frames(qtbot, tab, 5)
    tab.stage.window().close()  # closed by the window manager: the video comes back
    assert not tab.is_full_screen() and tab.stage.window() is tab.window()
    assert tab.player.is_playing()


def test_save_current_frame_and_save_trailer(
    qtbot, make_trailer_tab, write_trailer_kit, tmp_path, monkeypatch, media
):
    targets = iter([tmp_path / "frame.png", tmp_path / "copy.mp4"])
    # A modal file dialog would block an unattended test: answer it.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(targets)), ""))
    )
    tab = make_trailer_tab(write_trailer_kit())
    tab.player.play()
    _frames(qtbot, tab, 5)
    tab.player.pause()
    qtbot.mouseClick(tab.controls.frame_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QImage

    saved = QImage(str(tmp_path / "frame.png"))
    assert (saved.width(), saved.height()) == (320, 180)
    toast = tab.window().findChild(Toast, TOAST_NAME)
    assert toast is not None and toast.isVisible() and toast.text() == "Saved frame.png"
    qtbot.mouseClick(tab.controls.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "copy.mp4").read_bytes() == (media / "valid.mp4").read_bytes()


def _answer_next_box(seen: list[tuple[str, str, Qt.TextFormat]]) -> None:
    """Record the next modal message box's title, text and format, then close it (a modal
    box would block an unattended test)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append((box.windowTitle(), box.text(), box.textFormat()))
        box.done(0)

    QTimer.singleShot(0, answer)


def test_save_frame_refusals_are_plain_message_boxes(
    qtbot, make_trailer_tab, write_trailer_kit, tmp_path, monkeypatch
):
    tab = make_trailer_tab(write_trailer_kit())
    _loaded(qtbot, tab)
    seen: list[tuple[str, str, Qt.TextFormat]] = []
    _answer_next_box(seen)
    tab.save_frame()  # nothing played yet: no frame
    assert seen == [("No frame to save", "Play the trailer first.", Qt.TextFormat.PlainText)]

    # A folder that does not exist, named like markup: the message quotes it as written.
    target = tmp_path / "<b>no such folder</b>" / "frame.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    tab.player.play()
    _frames(qtbot, tab, 5)
    tab.player.pause()
    _answer_next_box(seen)
    tab.save_frame()
    assert seen[1] == (
        "Cannot save the frame",
        f"“{target}” could not be written.",
        Qt.TextFormat.PlainText,
    )
    assert not target.exists()
    toast = tab.window().findChild(Toast, TOAST_NAME)
    assert toast is None or not toast.isVisible()  # nothing was saved, nothing is confirmed


def test_a_frame_saved_without_a_suffix_becomes_a_png(
    qtbot, make_trailer_tab, write_trailer_kit, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "shot"), ""))
    )
    tab = make_trailer_tab(write_trailer_kit())
    tab.player.play()
    _frames(qtbot, tab, 3)
    tab.player.pause()
    tab.save_frame()
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_kit_without_trailer_says_so(qtbot, make_trailer_tab, write_trailer_kit):
    from PySide6.QtWidgets import QLabel

    tab = make_trailer_tab(write_trailer_kit(video=None))
    assert tab.player is None
    texts = [label.text() for label in tab.findChildren(QLabel)]
    assert "This press kit has no trailer." in texts
