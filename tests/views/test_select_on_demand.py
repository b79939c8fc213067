"""The overview's kit text becomes selectable when the pointer first comes over it, not before
its first paint (KitLabel.select_by_mouse_on_demand): a press still selects, the context menu
still copies, a search hit is still selected, and nothing on screen moves or changes a pixel
when a label turns selectable."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import temp_settings
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from app.model.opening import open_kit_location
from app.views.kit_text import KitLabel
from app.views.overview_tab import OverviewTab
from app.views.search_highlight import show_labels

ROOT = Path(__file__).resolve().parents[2]
KITS = {
    "bundled": ROOT / "presskit",
    "night-orbit": ROOT / "tests" / "data" / "kits" / "night-orbit",
}
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
# The overview's selectable kit text (the embargo banner is not: it is a warning, not copy).
SELECTABLE_NAMES = {"filmTitle", "tagline", "logline", "factValue", "termsLine"}


def overview(qtbot, tmp_path: Path, kit_name: str, width: int = 1280) -> OverviewTab:
    kit = open_kit_location(KITS[kit_name]).result.kit
    tab = OverviewTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    tab.resize(width, 820)
    tab.show()
    qtbot.waitExposed(tab)
    # Its key art arrives from a pool thread: settled first, so two grabs can be compared.
    qtbot.waitUntil(lambda: tab.key_art.image is not None, timeout=10_000)
    QApplication.processEvents()
    return tab


def kit_labels(tab: OverviewTab) -> list[KitLabel]:
    return [
        label
        for label in tab.findChildren(KitLabel)
        if label.isVisible() and label.text() and label.objectName() in SELECTABLE_NAMES
    ]


def selectable(label: QLabel) -> bool:
    return bool(label.textInteractionFlags() & SELECTABLE)


def enter(label: QLabel) -> None:
    inside = QPointF(2, 2)
    QApplication.sendEvent(label, QEnterEvent(inside, inside, label.mapToGlobal(inside)))


@pytest.mark.parametrize("kit_name", sorted(KITS))
def test_no_label_is_selectable_before_the_pointer_comes(qtbot, tmp_path, kit_name) -> None:
    tab = overview(qtbot, tmp_path, kit_name)
    labels = kit_labels(tab)
    assert tab.title in labels and len(labels) >= 5
    assert not any(selectable(label) for label in labels)


@pytest.mark.parametrize("kit_name", sorted(KITS))
def test_the_pointer_coming_over_a_label_makes_it_selectable(qtbot, tmp_path, kit_name) -> None:
    tab = overview(qtbot, tmp_path, kit_name)
    labels = kit_labels(tab)
    for label in labels:
        enter(label)
        assert selectable(label), label.objectName()
        assert label.focusPolicy() == Qt.FocusPolicy.ClickFocus  # as a selectable label has


@pytest.mark.parametrize("width", [900, 1280, 2400])
def test_turning_selectable_moves_nothing_and_changes_no_pixel(qtbot, tmp_path, width) -> None:
    tab = overview(qtbot, tmp_path, "bundled", width)
    before_geometry = [label.geometry() for label in kit_labels(tab)]
    before = tab.grab().toImage()
    for label in kit_labels(tab):
        enter(label)
    QApplication.processEvents()
    assert [label.geometry() for label in kit_labels(tab)] == before_geometry
    assert tab.grab().toImage() == before


def test_a_drag_over_a_label_never_entered_still_selects(qtbot, tmp_path) -> None:
    """A press with no enter before it (the label was shown under a still pointer)."""
    tab = overview(qtbot, tmp_path, "bundled")
    fact = next(label for label in kit_labels(tab) if label.objectName() == "factValue")
    assert not selectable(fact)
    start, end = QPoint(1, fact.height() // 2), QPoint(fact.width() - 1, fact.height() // 2)
    QTest.mousePress(fact, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(fact, end)
    QTest.mouseRelease(fact, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert selectable(fact)
    assert fact.selected_kit_text() == fact.kit_text


def test_a_search_hit_selects_a_label_never_pointed_at(qtbot, tmp_path) -> None:
    tab = overview(qtbot, tmp_path, "bundled")
    assert not selectable(tab.title)
    assert show_labels([tab.title])
    assert tab.title.selected_kit_text() == tab.title.kit_text


def test_a_label_asked_for_nothing_stays_as_it_was(qtbot) -> None:
    plain = KitLabel("Not selectable")
    qtbot.addWidget(plain)
    enter(plain)
    plain.make_selectable()
    assert not selectable(plain)
