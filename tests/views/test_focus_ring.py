"""Keyboard focus is visible: the red button, the tab bar and the stills grid's current tile
draw a ring in the theme's focus colour when they have focus, and none without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from booth_support import write_booth_kit
from kit_factory import temp_settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from app.model.opening import open_kit_location
from app.views.main_window import MainWindow
from app.views.overview_tab import OverviewTab
from app.views.stills_tab import StillsTab

RING = QColor("#f0a24a")
PRIMARY_RING = QColor("#ffd08a")


def count_colour(image: QImage, colour: QColor, tolerance: int = 12) -> int:
    """Pixels within ``tolerance`` of ``colour`` per channel."""
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                found += 1
    return found


def edge(image: QImage) -> QImage:
    """The top two rows of ``image``, where a ring is and the (amber) tagline is not."""
    return image.copy(0, 0, image.width(), 2)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    from app.views.application import create_application

    create_application()  # the real stylesheet
    made = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(made)
    made.show_kit(open_kit_location(write_booth_kit(tmp_path / "kit")), remember=False)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    return made


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_the_red_button_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    overview = window.show_tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    button = overview.watch_button
    size_before = button.size()
    window.tab_widget.tabBar().setFocus()
    qtbot.wait(20)
    unfocused = count_colour(button.grab().toImage(), PRIMARY_RING)
    focus(qtbot, button)
    qtbot.wait(20)
    focused = count_colour(button.grab().toImage(), PRIMARY_RING)
    assert unfocused == 0
    assert focused > 2 * (button.width() + button.height())  # a ring all round
    assert button.size() == size_before  # the ring takes no room


def test_the_tab_bar_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    bar = window.tab_widget.tabBar()
    overview = window.show_tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    focus(qtbot, overview.watch_button)
    unfocused = count_colour(bar.grab().toImage(), RING)
    focus(qtbot, bar)
    qtbot.wait(20)
    focused = count_colour(bar.grab().toImage(), RING)
    assert unfocused == 0
    assert focused > 100


def test_the_stills_grid_current_tile_shows_a_focus_ring(qtbot, window: MainWindow) -> None:
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab)
    qtbot.waitUntil(lambda: stills.view is not None and stills.model is not None)
    assert stills.view is not None and stills.model is not None
    stills.view.setCurrentIndex(stills.model.index(1))
    window.tab_widget.tabBar().setFocus()
    qtbot.wait(20)
    unfocused = count_colour(stills.view.viewport().grab().toImage(), RING)
    focus(qtbot, stills.view)
    qtbot.wait(20)
    focused = count_colour(stills.view.viewport().grab().toImage(), RING)
    assert unfocused == 0
    assert focused > 100


def test_the_overviews_text_column_shows_focus_when_tabbed_into(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QScrollArea

    overview = window.show_tab(OverviewTab)
    scroll = overview.findChild(QScrollArea, "overviewText")
    assert scroll is not None
    focus(qtbot, window.tab_widget.tabBar())
    unfocused = count_colour(edge(scroll.grab().toImage()), RING)
    qtbot.keyClick(window.tab_widget.tabBar(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is scroll)
    qtbot.wait(20)
    focused = count_colour(edge(scroll.grab().toImage()), RING)
    assert unfocused == 0 and focused > scroll.width()


def test_the_tab_bar_draws_no_base_line_under_the_theme(qtbot, window: MainWindow) -> None:
    """Set by the stylesheet (qproperty-drawBase), so no Python call builds QTabBar's type
    before the first paint; the pane's top border is the only rule under the tabs."""
    tab_bar = window.tab_widget.tabBar()
    assert tab_bar.drawBase() is False
    window.rebuild_tabs()  # tabs built afresh keep it
    assert window.tab_widget.tabBar().drawBase() is False
