"""The still viewer's slideshow: start/stop by button and key, an interval kept in the settings,
looping at the end (past stills that cannot be shown), stopping when the person takes over."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.model.kit import Still
from app.model.loader import load_press_kit
from app.settings import SLIDESHOW_INTERVAL_S, Settings
from app.views.still_viewer import StillViewer

FAST_MS = 30  # the timer's interval in these tests: real ticks, no long sleeps


@pytest.fixture
def stills(tmp_path: Path) -> list[Still]:
    """one.jpg, two.png and a missing still (which the slideshow passes over)."""
    return list(load_press_kit(make_kit(tmp_path / "kit")).kit.stills)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return temp_settings(tmp_path)


@pytest.fixture
def open_viewer(qtbot, settings: Settings) -> Iterator[Callable[..., StillViewer]]:
    viewers: list[StillViewer] = []

    def open_(stills: list[Still], row: int = 0) -> StillViewer:
        viewer = StillViewer(stills, row, settings=settings)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the test keeps it
        qtbot.addWidget(viewer)
        viewer.show()
        qtbot.waitExposed(viewer)
        viewers.append(viewer)
        return viewer

    yield open_
    for viewer in viewers:
        viewer.close()


def test_key_starts_and_stops_the_slideshow(qtbot, open_viewer, stills: list[Still]) -> None:
    viewer = open_viewer(stills)
    assert not viewer.slideshow_running()
    assert viewer.slideshow_button.text() == "Slideshow"
    qtbot.keyClick(viewer, Qt.Key.Key_S)
    assert viewer.slideshow_running()
    assert viewer.slideshow_button.isChecked()
    assert viewer.slideshow_button.text() == "Stop"
    assert viewer.slideshow_button.accessibleName() == "Stop the slideshow"
    qtbot.keyClick(viewer, Qt.Key.Key_F5)
    assert not viewer.slideshow_running()
    assert not viewer.slideshow_button.isChecked()
    viewer.slideshow_button.click()
    assert viewer.slideshow_running()
    viewer.slideshow_button.click()
    assert not viewer.slideshow_running()


def test_slideshow_advances_and_loops_past_stills_that_cannot_be_shown(
    qtbot, open_viewer, stills: list[Still]
) -> None:
    viewer = open_viewer(stills)
    viewer.start_slideshow()
    viewer.slideshow_timer.setInterval(FAST_MS)
    shown: list[int] = []
    viewer.current_changed.connect(shown.append)
    qtbot.waitUntil(lambda: len(shown) >= 4, timeout=3000)
    # 0 → 1 → (the missing still is passed over) → 0 → 1: it loops at the end.
    assert shown[:4] == [1, 0, 1, 0]
    assert viewer.slideshow_running()
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=3000)


@pytest.mark.parametrize(
    "take_over",
    [
        pytest.param(lambda v, qtbot: qtbot.keyClick(v, Qt.Key.Key_Right), id="right-key"),
        pytest.param(lambda v, qtbot: qtbot.keyClick(v, Qt.Key.Key_Left), id="left-key"),
        pytest.param(lambda v, qtbot: v.next_button.click(), id="next-button"),
        pytest.param(lambda v, qtbot: v.previous_button.click(), id="previous-button"),
        pytest.param(lambda v, qtbot: qtbot.keyClick(v, Qt.Key.Key_Plus), id="zoom-key"),
        pytest.param(lambda v, qtbot: v.actual_button.click(), id="100-percent"),
        pytest.param(lambda v, qtbot: v.fit_button.click(), id="fit"),
        pytest.param(lambda v, qtbot: wheel(v), id="wheel-zoom"),
    ],
)
def test_navigating_by_hand_stops_the_slideshow(
    qtbot, open_viewer, stills: list[Still], take_over: Callable[..., None]
) -> None:
    viewer = open_viewer(stills, row=1)
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=3000)
    viewer.start_slideshow()
    viewer.slideshow_timer.setInterval(FAST_MS)
    take_over(viewer, qtbot)
    assert not viewer.slideshow_running()
    row = viewer.row
    qtbot.wait(FAST_MS * 4)
    assert viewer.row == row  # no tick after stopping


def wheel(viewer: StillViewer) -> None:
    canvas = viewer.canvas
    centre = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(
        centre,
        canvas.viewport().mapToGlobal(centre),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)


def test_interval_is_adjustable_and_remembered(
    open_viewer, stills: list[Still], settings: Settings
) -> None:
    viewer = open_viewer(stills)
    assert viewer.interval_box.value() == SLIDESHOW_INTERVAL_S.default
    assert (viewer.interval_box.minimum(), viewer.interval_box.maximum()) == (2, 30)
    viewer.interval_box.setValue(7)
    assert viewer.slideshow_timer.interval() == 7000
    assert settings.get(SLIDESHOW_INTERVAL_S) == 7
    viewer.close()
    again = open_viewer(stills)
    assert again.interval_box.value() == 7
    assert again.slideshow_timer.interval() == 7000
    settings.set(SLIDESHOW_INTERVAL_S, 600)  # out of range (edited by hand): clamped
    assert open_viewer(stills).interval_box.value() == 30


def test_no_slideshow_for_a_single_still(open_viewer, stills: list[Still]) -> None:
    viewer = open_viewer(stills[:1])
    assert not viewer.slideshow_button.isEnabled()
    viewer.start_slideshow()
    assert not viewer.slideshow_running()


def test_slideshow_is_reachable_from_the_grid(qtbot, tmp_path: Path) -> None:
    from app.model.opening import open_kit_location
    from app.views.main_window import MainWindow
    from app.views.stills_tab import StillsTab

    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(make_kit(tmp_path / "grid-kit")), remember=False)
    window.show()
    stills_tab = window.show_tab(StillsTab)
    assert isinstance(stills_tab, StillsTab)
    stills_tab.open_viewer(0)
    viewer = stills_tab.viewer
    assert viewer is not None and viewer.settings is window.settings
    qtbot.keyClick(viewer, Qt.Key.Key_S)
    assert viewer.slideshow_running()
    viewer.close()
    window.close()
