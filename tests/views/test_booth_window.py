"""Booth mode driven for real with pytest-qt on a ManualClock: attract → visitor → countdown →
reset, the lock, the exit gesture and PIN, and that nothing a visitor does is written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from booth_support import PIN, clock_of
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from app.model.booth_session import BoothPhase
from app.views.booth.booth_window import BoothWindow
from app.views.contacts_tab import ContactsTab
from app.views.notes_tab import NotesTab
from app.views.stills_tab import StillsTab
from app.views.synopsis_tab import SynopsisTab
from app.views.trailer.trailer_tab import TrailerTab

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def wake(qtbot, window: BoothWindow) -> None:
    """A visitor touches the screen."""
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert window.session.phase is BoothPhase.VISITOR


def visible_top_levels(window: BoothWindow) -> list[str]:
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and w.windowType() != Qt.WindowType.ToolTip
    ]


# -- the phases ---------------------------------------------------------------------------------


def test_starts_locked_full_screen_in_the_attract_loop(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.menuBar().isHidden()
    assert window.stack.currentWidget() is window.attract
    assert window.attract.running
    assert window.session.phase is BoothPhase.ATTRACT


def test_attract_visitor_countdown_reset_resets_every_piece_of_state(
    qtbot, make_booth, booth_kit
) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    phases: list[str] = []
    window.phase_changed.connect(phases.append)

    wake(qtbot, window)
    assert window.stack.currentWidget() is window.tab_widget
    assert not window.attract.running
    assert window.tab_widget.currentIndex() == 0

    # The visitor: selects stills and opens one, scrolls the synopsis, turns the trailer's
    # volume down and its captions off, and leaves it on the trailer tab.
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab)
    qtbot.waitUntil(lambda: stills.view is not None)
    assert stills.view is not None
    fresh_selection = stills.selected_stills()
    stills.view.selectAll()
    stills_selected = stills.selected_stills()
    assert len(stills_selected) == 3
    stills.open_viewer(0)
    viewer = stills.viewer
    assert viewer is not None and viewer.isVisible()

    synopsis = window.show_tab(SynopsisTab)
    assert isinstance(synopsis, SynopsisTab)
    synopsis.text_view.setFixedHeight(60)  # short enough to scroll whatever the screen
    qtbot.waitUntil(lambda: synopsis.text_view.verticalScrollBar().maximum() > 0)
    bar = synopsis.text_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    synopsis.short_button.click()

    trailer = window.show_tab(TrailerTab)
    assert isinstance(trailer, TrailerTab)
    qtbot.waitUntil(lambda: trailer.player is not None)
    trailer.controls.volume_slider.setValue(20)
    trailer.toggle_captions()
    assert not trailer.captions_on
    old_tabs = {type(host.tab).__name__: host.tab for host in window.hosts if host.tab}

    # Idle: nothing for 90 s brings the countdown, which counts down visibly.
    clock.advance(89.5)
    assert not window.countdown.isVisible()
    clock.advance(0.5)
    assert window.session.phase is BoothPhase.COUNTDOWN
    assert window.countdown.isVisible()
    assert window.countdown.seconds == 10
    clock.advance(4)
    assert window.countdown.seconds == 6
    clock.advance(6)

    # Reset: back to the attract loop with everything as it was at the start.
    assert window.session.phase is BoothPhase.ATTRACT
    assert not window.countdown.isVisible()
    assert window.stack.currentWidget() is window.attract
    assert window.attract.running
    assert window.tab_widget.currentIndex() == 0
    qtbot.waitUntil(lambda: "StillViewer" not in visible_top_levels(window))
    assert window.booth_settings.changed_keys() == []
    assert phases == ["visitor", "countdown", "attract"]

    # The next visitor finds every tab as new.
    wake(qtbot, window)
    assert window.tab_widget.currentIndex() == 0
    new_stills = window.show_tab(StillsTab)
    assert isinstance(new_stills, StillsTab)
    assert new_stills is not old_tabs["StillsTab"]
    qtbot.waitUntil(lambda: new_stills.view is not None)
    assert new_stills.selected_stills() == fresh_selection != stills_selected
    assert new_stills.viewer is None
    new_synopsis = window.show_tab(SynopsisTab)
    assert isinstance(new_synopsis, SynopsisTab)
    assert new_synopsis is not old_tabs["SynopsisTab"]
    assert new_synopsis.text_view.verticalScrollBar().value() == 0
    assert new_synopsis.long_button.isChecked()
    new_trailer = window.show_tab(TrailerTab)
    assert isinstance(new_trailer, TrailerTab)
    qtbot.waitUntil(lambda: new_trailer.player is not None)
    assert new_trailer is not old_tabs["TrailerTab"]
    assert new_trailer.controls.volume_slider.value() == 80
    assert new_trailer.player is not None and new_trailer.player.volume() == 80
    assert new_trailer.captions_on


def test_input_or_continue_during_the_countdown_keeps_the_visit(
    qtbot, make_booth, booth_kit
) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    wake(qtbot, window)
    clock.advance(92)
    assert window.countdown.isVisible()
    qtbot.mouseClick(window.countdown.continue_button, Qt.MouseButton.LeftButton)
    assert window.session.phase is BoothPhase.VISITOR
    assert not window.countdown.isVisible()
    clock.advance(89)
    assert not window.countdown.isVisible()
    clock.advance(2)
    assert window.countdown.isVisible()
    qtbot.keyClick(window.tab_widget, Qt.Key.Key_Right)  # any key continues too
    assert window.session.phase is BoothPhase.VISITOR
    assert not window.countdown.isVisible()
    assert window.resets == 0


def test_a_playing_trailer_is_not_idle_time(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    wake(qtbot, window)
    trailer = window.show_tab(TrailerTab)
    assert isinstance(trailer, TrailerTab)
    qtbot.waitUntil(lambda: trailer.player is not None)
    assert trailer.player is not None
    trailer.player.play()
    qtbot.waitUntil(trailer.player.is_playing, timeout=5000)
    clock.advance(120)
    assert window.session.phase is BoothPhase.VISITOR
    trailer.player.pause()
    clock.advance(89)
    assert window.session.phase is BoothPhase.VISITOR
    clock.advance(1.5)
    assert window.session.phase is BoothPhase.COUNTDOWN


def test_cursor_hides_after_a_few_still_seconds(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    clock.advance(3.25)
    assert window.cursor_hider.hidden
    assert QGuiApplication.overrideCursor() is not None
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseMove(window.attract, QPoint(200, 200))
    assert not window.cursor_hider.hidden
    assert window.session.phase is BoothPhase.ATTRACT  # a nudge of the mouse does not wake it
    window.leave()
    assert QGuiApplication.overrideCursor() is None


# -- the lock -----------------------------------------------------------------------------------


def test_closing_alt_f4_esc_f11_and_quit_do_not_leave(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    assert not window.close()
    close_event = QCloseEvent()  # what Alt+F4 or the window menu's Close sends
    QApplication.sendEvent(window, close_event)
    assert not close_event.isAccepted()
    for woken in (False, True):
        if woken:
            wake(qtbot, window)
        for key, modifier in (
            (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
            (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
            (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier),
        ):
            qtbot.keyClick(window, key, modifier)
            assert window.isVisible() and window.isFullScreen() and not window.leaving
    for action in (
        window.quit_action,
        window.full_screen_action,
        window.open_folder_action,
        window.open_archive_action,
        window.open_bundled_action,
    ):
        assert not action.isEnabled()
    assert visible_top_levels(window) == []
    # Leaving full screen by other means (a window manager's key) is undone.
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen)


def test_links_file_dialogs_and_the_crash_dialog_are_off(
    qtbot, make_booth, booth_kit, monkeypatch
) -> None:
    opened: list[str] = []
    window = make_booth(booth_kit)
    wake(qtbot, window)

    # Links: the tabs do not follow them, and nothing else can open one either.
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab)
    qtbot.waitUntil(lambda: notes.browser is not None)
    assert notes.browser is not None and not notes.browser.open_links
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    notes.browser.anchorClicked.emit(QUrl("https://example.org"))
    contacts = window.show_tab(ContactsTab)
    assert isinstance(contacts, ContactsTab)
    contacts.text_view.anchorClicked.emit(QUrl("mailto:pat@example.org"))
    assert opened == []
    monkeypatch.undo()
    for url in ("https://example.org", "mailto:pat@example.org", "file:///tmp"):
        QDesktopServices.openUrl(QUrl(url))
    assert window.lockdown.refused == [
        "https://example.org",
        "mailto:pat@example.org",
        "file:///tmp",
    ]

    # File dialogs: none is offered, and one that opens anyway is refused at once.
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab)
    qtbot.waitUntil(lambda: stills.view is not None)
    assert stills.export_button.isHidden()
    stills.open_viewer(1)
    viewer = stills.viewer
    assert viewer is not None
    assert viewer.save_button.isHidden() and viewer.full_screen_button.isHidden()
    assert viewer.size() == window.size()  # covers the booth (less a frame, if any)
    close = viewer.findChild(QPushButton, "boothCloseViewer")
    assert close is not None
    qtbot.waitUntil(close.isVisible)
    trailer = window.show_tab(TrailerTab)
    assert isinstance(trailer, TrailerTab)
    qtbot.waitUntil(lambda: trailer.player is not None)
    for button in (
        trailer.controls.save_button,
        trailer.controls.frame_button,
        trailer.controls.full_screen_button,
    ):
        assert button.isHidden()
    trailer.toggle_full_screen()
    assert not trailer.is_full_screen()

    def give_up() -> None:  # only if the lock failed: never leave the test hanging
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog):
                widget.reject()

    QTimer.singleShot(3000, give_up)
    chosen, _ = QFileDialog.getOpenFileName(window, "Open a press kit archive")
    assert chosen == ""
    assert any(item.startswith("file dialog") for item in window.lockdown.refused)

    # The crash dialog: the error is logged, no dialog opens.
    from app.views.error_dialog import install_exception_hook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook(None)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert shown == []


# -- leaving ------------------------------------------------------------------------------------


def test_exit_hold_then_the_pin(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    clock.advance(2.5)
    qtbot.keyRelease(window, Qt.Key.Key_Q, CTRL_SHIFT)  # let go too early
    clock.advance(2)
    assert not window.exit_prompt.isVisible()
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    clock.advance(3)
    qtbot.keyRelease(window, Qt.Key.Key_Q, CTRL_SHIFT)
    prompt = window.exit_prompt
    assert prompt.isVisible()
    assert prompt.parentWidget() is window  # inside the booth window, not a window of its own
    assert not window.leaving
    # Cancel keeps the booth; the gesture brings the prompt back.
    qtbot.mouseClick(prompt.cancel_button, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible() and not window.leaving
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    clock.advance(3)
    assert prompt.isVisible()
    qtbot.keyClicks(prompt.pin_edit, PIN)
    with qtbot.waitSignal(window.exit_confirmed, timeout=2000):
        qtbot.keyClick(prompt.pin_edit, Qt.Key.Key_Return)
    assert window.leaving
    qtbot.waitUntil(lambda: not window.isVisible())


def test_wrong_pins_back_off_with_a_growing_delay(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    clock.advance(3)
    prompt = window.exit_prompt
    keys = {key.text(): key for key in prompt.keys}

    def tap(pin: str) -> None:
        for digit in pin:
            qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(keys["OK"], Qt.MouseButton.LeftButton)

    tap("1111")
    assert prompt.waiting and not keys["5"].isEnabled() and not prompt.pin_edit.isEnabled()
    assert "Wrong PIN" in prompt.status.text() and "1 s" in prompt.status.text()
    clock.advance(1)
    assert not prompt.waiting and keys["5"].isEnabled()
    tap("2222")
    assert "2 s" in prompt.status.text()
    clock.advance(1)
    assert prompt.waiting  # the second wait is longer
    clock.advance(1)
    tap("3333")
    assert "4 s" in prompt.status.text()
    # Cancelling and coming back does not reset the wait.
    prompt.cancel_button.click()
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    clock.advance(3)
    assert prompt.isVisible() and prompt.waiting
    assert window.pin_gate is not None and window.pin_gate.failures == 3
    assert not window.leaving
    clock.advance(2)
    tap(PIN)
    assert window.leaving


def test_five_taps_in_the_top_left_corner_ask_for_the_pin(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    for _ in range(4):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(12, 12))
        clock.advance(0.25)
    assert not window.exit_prompt.isVisible()
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(12, 12))
    qtbot.waitUntil(window.exit_prompt.isVisible)
    # Taps elsewhere do not add up.
    window.exit_prompt.cancel_button.click()
    for index in range(6):
        position = QPoint(12, 12) if index % 2 else QPoint(500, 400)
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=position)
        clock.advance(0.2)
    qtbot.wait(50)
    assert not window.exit_prompt.isVisible()


def test_without_a_pin_the_hold_alone_leaves(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, pin=None)
    clock = clock_of(window)
    assert window.pin_gate is None
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)
    with qtbot.waitSignal(window.exit_confirmed, timeout=2000):
        clock.advance(3)
    assert not window.exit_prompt.isVisible()


def test_a_booth_needing_a_pin_cannot_be_made_without_one(qtbot, booth_kit) -> None:
    from app.model.booth_session import BoothConfig
    from app.views.booth.booth_window import booth_settings

    with pytest.raises(ValueError):
        BoothWindow(booth_settings(), BoothConfig(require_pin=True), None)


# -- settings -----------------------------------------------------------------------------------


def test_nothing_a_visitor_does_is_written(qtbot, make_booth, booth_kit, booth_ini: Path) -> None:
    stored = QSettings(str(booth_ini), QSettings.Format.IniFormat)
    stored.setValue("trailer/volume", 33)  # someone's own volume, from viewer mode
    stored.sync()
    before = booth_ini.read_bytes()

    window = make_booth(booth_kit)
    wake(qtbot, window)
    trailer = window.show_tab(TrailerTab)
    assert isinstance(trailer, TrailerTab)
    qtbot.waitUntil(lambda: trailer.player is not None)
    assert trailer.controls.volume_slider.value() == 80  # the booth's default, not the stored 33
    trailer.controls.volume_slider.setValue(10)
    trailer.toggle_captions()
    trailer.toggle_mute()
    synopsis = window.show_tab(SynopsisTab)
    assert isinstance(synopsis, SynopsisTab)
    synopsis.short_button.click()
    window.settings.add_recent_kit("/somewhere/else")
    assert window.booth_settings.changed_keys()
    window.leave()  # closing saves geometry, last tab and syncs: into memory only

    assert booth_ini.read_bytes() == before
    reread = QSettings(str(booth_ini), QSettings.Format.IniFormat)
    assert reread.allKeys() == ["trailer/volume"]
    assert int(reread.value("trailer/volume")) == 33
