"""KitLabel remembers its height for each width it is asked about (a window's first layout
asks the same few widths ~40 times a label): the answer is always the one QLabel gives for the
label as it is now, after a change of text, font, style, margins, indent or wrapping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.views.kit_text import KitLabel

LONG = "Ariana DeBose, Chris Messina, John Gallagher Jr., Pilou Asbæk, Costa Ronin. " * 3
WIDTHS = (60, 140, 320, 681, 2000)


def plain_twin(label: KitLabel) -> QLabel:
    """A QLabel set up as ``label`` is, which remembers nothing."""
    twin = QLabel(label.text())
    twin.setTextFormat(Qt.TextFormat.PlainText)
    twin.setWordWrap(label.wordWrap())
    twin.setFont(label.font())
    twin.setIndent(label.indent())
    twin.setMargin(label.margin())
    twin.setContentsMargins(label.contentsMargins())
    twin.setTextInteractionFlags(label.textInteractionFlags())
    twin.setStyleSheet(label.styleSheet())
    return twin


def assert_heights_match(qtbot, label: KitLabel) -> None:
    twin = plain_twin(label)
    qtbot.addWidget(twin)
    for width in WIDTHS:
        assert label.heightForWidth(width) == twin.heightForWidth(width), width


@pytest.mark.parametrize("selectable", [False, True])
def test_heights_follow_every_change(qtbot, selectable: bool) -> None:
    label = KitLabel(LONG)
    qtbot.addWidget(label)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert_heights_match(qtbot, label)
    for width in WIDTHS:  # asked again: remembered, and the same
        assert label.heightForWidth(width) == label.heightForWidth(width)

    label.set_kit_text("Short.")
    assert_heights_match(qtbot, label)
    label.setText(LONG + LONG)  # Qt's own setter too
    assert_heights_match(qtbot, label)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert_heights_match(qtbot, label)
    label.setStyleSheet("font-size: 30px;")
    assert_heights_match(qtbot, label)
    label.setContentsMargins(20, 10, 40, 10)
    assert_heights_match(qtbot, label)
    label.setMargin(9)
    label.setIndent(30)
    assert_heights_match(qtbot, label)
    label.setWordWrap(False)
    assert_heights_match(qtbot, label)


def test_a_label_asked_about_many_widths_keeps_only_a_few(qtbot) -> None:
    label = KitLabel(LONG)
    qtbot.addWidget(label)
    label.setWordWrap(True)
    for width in range(100, 1100):
        label.heightForWidth(width)
    assert 0 < len(label._heights) <= 32
