"""The still viewer's navigation keys (←/→, PgUp/PgDn, Home/End) change the still whatever
child has the focus: the canvas (which scrolls with those keys), the interval box (which edits
with them), a button, or the viewer itself. Real key events, through QTest and through X."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit_factory import temp_settings, write_image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from x11_session import XSession, wait_for, x_session  # noqa: F401  (a fixture)

from app.model.kit import Still
from app.model.loader import load_press_kit
from app.views.still_viewer import StillViewer

FIVE_STILLS = "".join(
    f"  - {{file: stills/s{n}.jpg, caption: Still number {n}, credit: Photo {n}}}\n"
    for n in range(1, 6)
)


def five_stills_kit(root: Path) -> Path:
    """Five stills larger than the canvas (so it could scroll), and nothing wrong."""
    for n in range(1, 6):
        write_image(root / "stills" / f"s{n}.jpg", 1600, 900)
    (root / "presskit.yaml").write_text(
        "format: presskit/1\nfilm:\n  title: Keys Film\nsynopsis:\n  short: Keys.\nstills:\n"
        + FIVE_STILLS,
        encoding="utf-8",
    )
    return root


@pytest.fixture
def stills(tmp_path: Path) -> list[Still]:
    return list(load_press_kit(five_stills_kit(tmp_path / "kit")).kit.stills)


@pytest.fixture
def viewer(qtbot, tmp_path: Path, stills: list[Still]) -> Iterator[StillViewer]:
    shown = StillViewer(stills, 2, settings=temp_settings(tmp_path))
    shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the test keeps it
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def _focus(qtbot, viewer: StillViewer, name: str) -> QWidget:
    widget: QWidget = {
        "canvas": viewer.canvas,
        "interval box": viewer.interval_box,
        "copy button": viewer.copy_button,
        "viewer": viewer,
    }[name]
    viewer.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


FOCUS_TARGETS = ("canvas", "interval box", "copy button", "viewer")


@pytest.mark.parametrize("target", FOCUS_TARGETS)
def test_arrows_and_page_keys_step_through_the_stills(qtbot, viewer: StillViewer, target: str):
    focused = _focus(qtbot, viewer, target)
    steps = [
        (Qt.Key.Key_Right, 3),
        (Qt.Key.Key_PageDown, 4),
        (Qt.Key.Key_PageDown, 4),  # the last: stays
        (Qt.Key.Key_Left, 3),
        (Qt.Key.Key_PageUp, 2),
    ]
    for key, row in steps:
        QTest.keyClick(focused, key)
        assert viewer.row == row, (target, key)
        assert QApplication.focusWidget() is focused  # the key did not move the focus


@pytest.mark.parametrize("target", FOCUS_TARGETS)
def test_home_and_end_go_to_the_first_and_last_still(qtbot, viewer: StillViewer, target: str):
    focused = _focus(qtbot, viewer, target)
    QTest.keyClick(focused, Qt.Key.Key_End)
    assert viewer.row == 4
    assert viewer.position_label.text() == "5 / 5"
    QTest.keyClick(focused, Qt.Key.Key_Home)
    assert viewer.row == 0
    assert not viewer.previous_button.isEnabled()


def test_the_interval_box_keeps_its_own_up_and_down(qtbot, viewer: StillViewer) -> None:
    box = _focus(qtbot, viewer, "interval box")
    before = viewer.interval_box.value()
    QTest.keyClick(box, Qt.Key.Key_Up)
    assert viewer.interval_box.value() == before + 1
    assert viewer.row == 2


def test_a_navigation_key_stops_the_slideshow(qtbot, viewer: StillViewer) -> None:
    focused = _focus(qtbot, viewer, "canvas")
    viewer.start_slideshow()
    QTest.keyClick(focused, Qt.Key.Key_Home)
    assert not viewer.slideshow_running()
    assert viewer.row == 0


def test_zoom_keys_still_reach_the_viewer_from_the_canvas(qtbot, viewer: StillViewer) -> None:
    focused = _focus(qtbot, viewer, "canvas")
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull())
    QTest.keyClick(focused, Qt.Key.Key_1)
    assert not viewer.canvas.fitting
    QTest.keyClick(focused, Qt.Key.Key_0)
    assert viewer.canvas.fitting


# -- under a real X server, with a window manager ---------------------------------------------


def _still_number(session: XSession) -> int | None:
    for name in session.window_names():
        found = re.search(r"— Still (\d+)\b", name)
        if found:
            return int(found.group(1))
    return None


@pytest.mark.xvfb
def test_x_key_presses_on_the_focused_canvas_change_the_still(
    qapp,  # painting the kit's images needs fonts
    x_session: XSession,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    kit = five_stills_kit(tmp_path / "kit")
    app = x_session.start_app(str(kit), tmp_path=tmp_path)
    wait_for(lambda: bool(x_session.window_ids("Keys Film")), "the main window")
    main = x_session.window_ids("Keys Film")[0]
    x_session.xdotool("windowactivate", "--sync", main)
    x_session.xdotool("key", "ctrl+4")  # the Stills tab

    # A double click on the first tile (the grid's top left) opens the viewer; the tab builds
    # its grid when first shown, so the click is repeated until a viewer answers it.
    def open_first_still() -> bool:
        if _still_number(x_session) == 1:
            return True
        x_session.xdotool("mousemove", "--window", main, "150", "140")
        x_session.xdotool("click", "--repeat", "2", "--delay", "80", "1")
        return x_session.xdotool("sleep", "1") == "" and _still_number(x_session) == 1

    wait_for(open_first_still, "the still viewer")
    viewer = x_session.window_ids("— Still 1")[0]
    x_session.xdotool("windowactivate", "--sync", viewer)
    # A click on the picture gives the canvas the focus, as a person's would.
    x_session.xdotool("mousemove", "--window", viewer, "400", "300", "click", "1")
    for key, expected in (
        ("Right", 2),
        ("End", 5),
        ("Home", 1),
        ("Next", 2),  # PgDn
        ("Prior", 1),  # PgUp
    ):
        x_session.xdotool("key", key)
        wait_for(lambda n=expected: _still_number(x_session) == n, f"{key} → still {expected}")
    assert app.poll() is None
