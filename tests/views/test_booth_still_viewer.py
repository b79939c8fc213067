"""In booth mode the still viewer is a page inside the locked full-screen window: no window of
its own (no title bar, no minimise, no credit cut off at the bottom), closed by its Close
button or Esc, and gone at the reset. Outside booth mode it stays a window of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from booth_support import clock_of, write_booth_kit
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from x11_session import XSession, wait_for, x_session  # noqa: F401  (a fixture)

from app.model.booth_session import BoothPhase
from app.model.opening import open_kit_location
from app.views.booth.booth_window import BoothWindow
from app.views.main_window import MainWindow
from app.views.still_viewer import StillViewer
from app.views.stills_tab import StillsTab


def other_windows(window: QWidget) -> list[str]:
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and w.windowType() != Qt.WindowType.ToolTip
    ]


def open_in_booth(qtbot, window: BoothWindow, row: int = 0) -> tuple[StillsTab, StillViewer]:
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert window.session.phase is BoothPhase.VISITOR
    tab = window.show_tab(StillsTab)
    assert isinstance(tab, StillsTab)
    qtbot.waitUntil(lambda: tab.view is not None)
    tab.open_viewer(row)
    viewer = tab.viewer
    assert isinstance(viewer, StillViewer)
    qtbot.waitUntil(viewer.isVisible)
    # The picture has the focus, so the keys work at once (a keyboard at a booth).
    qtbot.waitUntil(lambda: QApplication.focusWidget() is viewer.canvas)
    return tab, viewer


def test_the_viewer_is_a_page_filling_the_booth_window(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    _, viewer = open_in_booth(qtbot, window, 1)
    assert not viewer.isWindow()
    assert viewer.parentWidget() is window
    assert viewer.geometry() == window.rect()
    assert other_windows(window) == []
    assert window.isFullScreen()
    # Every part of it is inside the screen: the credit is not cut off.
    for part in (viewer.caption, viewer.credit, viewer.close_button, viewer.canvas):
        assert part.isVisible()
        top_left = part.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(top_left)
        assert top_left.y() + part.height() <= window.height()
    assert viewer.credit.text() == "Credit: Photo Two"
    assert viewer.save_button.isHidden() and viewer.full_screen_button.isHidden()


def test_it_follows_the_booth_windows_size(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    _, viewer = open_in_booth(qtbot, window)
    window.resize(window.width() - 100, window.height() - 60)
    qtbot.waitUntil(lambda: viewer.geometry() == window.rect())


def test_close_esc_and_f_inside_the_booth(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    tab, viewer = open_in_booth(qtbot, window)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Right)
    assert viewer.row == 1
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F)  # no full screen of its own
    assert not viewer.isWindow() and window.isFullScreen()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.viewer is None)
    assert window.isFullScreen() and not window.leaving

    tab.open_viewer(0)
    viewer = tab.viewer
    assert viewer is not None
    viewer.close_button.click()
    qtbot.waitUntil(lambda: tab.viewer is None)


def test_the_reset_takes_the_viewer_away(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    open_in_booth(qtbot, window)
    clock = clock_of(window)
    clock.advance(window.config.idle_seconds + window.config.countdown_seconds + 1)
    qtbot.waitUntil(lambda: window.session.phase is BoothPhase.ATTRACT)
    qtbot.waitUntil(lambda: not window.findChildren(StillViewer))


def test_outside_the_booth_the_viewer_is_a_window(qtbot, tmp_path: Path) -> None:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(make_kit(tmp_path / "kit")), remember=False)
    window.show()
    tab = window.show_tab(StillsTab)
    assert isinstance(tab, StillsTab)
    tab.open_viewer(0)
    viewer = tab.viewer
    assert viewer is not None and viewer.isWindow() and not viewer.embedded
    assert not viewer.save_button.isHidden()
    viewer.close()


# -- under a real X server with a window manager -----------------------------------------------


def _log_text(tmp_path: Path) -> str:
    return "".join(
        path.read_text(errors="replace") for path in (tmp_path / "state").rglob("presskit.log")
    )


@pytest.mark.xvfb
def test_in_x_the_booth_viewer_opens_no_window(
    qtbot,  # painting the kit's images needs fonts
    x_session: XSession,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    kit = write_booth_kit(tmp_path / "kit", video=None)
    app = x_session.start_app("--booth", "--booth-no-pin", str(kit), tmp_path=tmp_path)
    wait_for(lambda: bool(x_session.window_ids("Test Film")), "the booth window")
    booth = x_session.window_ids("Test Film")[0]
    windows_before = sorted(x_session.window_names())
    x_session.xdotool("windowactivate", "--sync", booth)
    x_session.xdotool("mousemove", "--window", booth, "800", "500", "click", "1")  # wakes it
    x_session.xdotool("key", "ctrl+4")  # the Stills tab

    def open_first_still() -> bool:
        if "still viewer opened" in _log_text(tmp_path):
            return True
        x_session.xdotool("mousemove", "--window", booth, "160", "170")
        x_session.xdotool("click", "--repeat", "2", "--delay", "80", "1")
        x_session.xdotool("sleep", "1")
        return "still viewer opened" in _log_text(tmp_path)

    wait_for(open_first_still, "the still viewer")
    assert re.search(r"still viewer opened at still #\d+ \(embedded\)", _log_text(tmp_path))
    x_session.xdotool("sleep", "1")
    x_session.screenshot(tmp_path / "booth-still-viewer.png")
    assert sorted(x_session.window_names()) == windows_before  # no window of its own
    assert not x_session.window_ids("— Still")
    assert app.poll() is None
