"""Leaving the booth by holding Ctrl+Shift+Q for 3 s: X11's autorepeat (release/press pairs of
the held key, not marked as autorepeat) continues the hold, a real let-go ends it, and the
hold's progress is on screen. Synthetic pairs on the booth's ManualClock, then real X key
events under Xvfb with openbox while the attract trailer plays."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from booth_support import clock_of, write_booth_kit
from PySide6.QtCore import Qt
from x11_session import XSession, wait_for, x_session  # noqa: F401  (a fixture)

from app.views.booth.booth_window import BoothWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
AUTOREPEAT_DELAY_S = 0.66  # X's defaults: the first repeat after 660 ms, then 25 a second
AUTOREPEAT_INTERVAL_S = 0.04


def press(qtbot, window: BoothWindow) -> None:
    qtbot.keyPress(window, Qt.Key.Key_Q, CTRL_SHIFT)


def release(qtbot, window: BoothWindow) -> None:
    qtbot.keyRelease(window, Qt.Key.Key_Q, CTRL_SHIFT)


def hold_with_autorepeat_pairs(qtbot, window: BoothWindow, seconds: float) -> None:
    """The events X delivers for a held key when Qt cannot tell they are autorepeat."""
    clock = clock_of(window)
    press(qtbot, window)
    clock.advance(AUTOREPEAT_DELAY_S)
    held = AUTOREPEAT_DELAY_S
    while held < seconds:
        release(qtbot, window)
        press(qtbot, window)
        clock.advance(AUTOREPEAT_INTERVAL_S)
        held += AUTOREPEAT_INTERVAL_S


def test_autorepeat_pairs_continue_the_hold_to_the_pin(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    hold_with_autorepeat_pairs(qtbot, window, 2.9)
    assert not window.exit_prompt.isVisible()
    assert window.hold_progress.isVisible()
    hold_with_autorepeat_pairs(qtbot, window, 0.2)  # continues: no new 3 s from here
    assert window.exit_prompt.isVisible()
    assert not window.hold_progress.isVisible()


def test_without_a_pin_autorepeat_pairs_leave_after_3_s(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, pin=None)
    with qtbot.waitSignal(window.exit_confirmed):
        hold_with_autorepeat_pairs(qtbot, window, 3.1)


def test_a_release_pair_within_the_grace_continues_a_real_let_go_ends(
    qtbot, make_booth, booth_kit
) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    press(qtbot, window)
    clock.advance(1.5)
    release(qtbot, window)
    clock.advance(0.3)  # the press of the pair comes late: a busy main thread
    press(qtbot, window)
    clock.advance(1.2)
    assert window.exit_prompt.isVisible()  # 3 s since the first press
    window.exit_prompt.cancel_button.click()

    press(qtbot, window)
    clock.advance(2.0)
    release(qtbot, window)  # let go
    clock.advance(1.0)
    assert not window.hold_progress.isVisible()
    press(qtbot, window)
    clock.advance(2.0)
    assert not window.exit_prompt.isVisible()  # a new hold: 2 s of 3
    clock.advance(1.0)
    assert window.exit_prompt.isVisible()


def test_the_hold_shows_its_progress_and_the_seconds_left(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    clock = clock_of(window)
    assert not window.hold_progress.isVisible()
    press(qtbot, window)
    panel = window.hold_progress
    assert panel.isVisible() and panel.parentWidget() is window
    assert panel.message.text() == "Keep holding to leave… 3 s"
    clock.advance(1.2)
    assert panel.message.text() == "Keep holding to leave… 2 s"
    assert panel.bar.value() == pytest.approx(panel.bar.maximum() * 0.4, abs=2)
    clock.advance(1.0)
    assert panel.message.text() == "Keep holding to leave… 1 s"
    geometry = panel.geometry()
    assert window.rect().contains(geometry) and geometry.center() == window.rect().center()
    release(qtbot, window)
    clock.advance(1.0)
    assert not panel.isVisible()


# -- under a real X server: xdotool's held keys, X's own autorepeat ------------------------------


@pytest.mark.xvfb
def test_holding_the_keys_in_x_leaves_while_the_trailer_plays(
    qtbot,  # painting the kit's images needs fonts
    x_session: XSession,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    kit = write_booth_kit(tmp_path / "kit")
    app = x_session.start_app("--booth", "--booth-no-pin", str(kit), tmp_path=tmp_path)
    wait_for(lambda: bool(x_session.window_ids("Test Film")), "the booth window")
    booth = x_session.window_ids("Test Film")[0]
    x_session.xdotool("windowactivate", "--sync", booth)
    x_session.xdotool("keydown", "ctrl+shift+q")
    x_session.xdotool("sleep", "1.5")
    x_session.screenshot(tmp_path / "hold-in-progress.png")
    x_session.xdotool("sleep", "2.0")
    x_session.xdotool("keyup", "ctrl+shift+q")
    try:
        code = app.wait(timeout=60)
    except subprocess.TimeoutExpired:
        code = None
    assert code == 0, (tmp_path / "app-stderr.txt").read_text(errors="replace")[-2000:]
