"""Showing where a search hit is: the matched text selected in a text view, a paragraph or a
widget marked for a moment, whatever tab it is in.

Each tab's ``reveal(hit)`` knows which of its widgets shows the hit; these helpers do the
selecting and marking the same way everywhere. The match is found again in the text the
view shows (not at the field's offsets): views reflow whitespace, render Markdown and shorten
long fields, so an offset into the kit's text is not an offset into the document. A query
word holds no whitespace, so counting the same word's earlier occurrences in the field finds
the same occurrence on screen.

The marks (an amber background on the match, a tint on its paragraph, an outline round a
widget) stay for :data:`MARK_MS` and then go: the selection itself stays, so Ctrl+C copies
what was found.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from app.views import palette
from app.views.kit_text import KitLabel, menu_text

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

#: How long a mark stays on the text or widget that was found.
MARK_MS = 2500


def matched_text(hit: Hit) -> str:
    """The characters of the field's text the first query word matched."""
    return hit.field.text[hit.start : hit.end]


def occurrences_before(text: str, needle: str, start: int, end: int) -> int:
    """How many times ``needle`` occurs in ``text[start:end]`` (the ones before the match)."""
    if not needle or end <= start:
        return 0
    return text.count(needle, start, end)


def find_occurrence(
    document: QTextDocument, needle: str, start: int = 0, nth: int = 0, end: int | None = None
) -> QTextCursor | None:
    """A cursor selecting the ``nth`` (from 0) occurrence of ``needle`` at or after ``start``
    and before ``end``: matched as written first; when the view shows it in other case, or
    has fewer occurrences (Markdown hides a link's address), the first one in any case."""
    if not needle:
        return None
    exact = QTextDocument.FindFlag.FindCaseSensitively
    for flags, wanted in ((exact, nth), (QTextDocument.FindFlag(0), 0)):
        cursor = QTextCursor(document)
        cursor.setPosition(max(0, start))
        found: QTextCursor | None = None
        for _ in range(wanted + 1):
            cursor = document.find(needle, cursor, flags)
            if cursor.isNull() or (end is not None and cursor.selectionStart() >= end):
                found = None
                break
            found = cursor
        if found is not None:
            return found
    return None


def select_in_view(view: QTextEdit, cursor: QTextCursor, paragraph: bool = False) -> None:
    """Select ``cursor``'s text in ``view``, scroll it into view and mark it (and, with
    ``paragraph``, the paragraph around it) for a moment."""
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    marks: list[QTextEdit.ExtraSelection] = []
    if paragraph:
        block = QTextEdit.ExtraSelection()
        paragraph_cursor = QTextCursor(cursor.block())
        # The whole paragraph, every line of it to the view's edge (a bare cursor would tint
        # only the line it is on).
        paragraph_cursor.movePosition(
            QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
        )
        block.cursor = paragraph_cursor
        tint = QTextCharFormat()
        tint.setBackground(QColor(palette.SELECTED))
        tint.setProperty(QTextFormat.Property.FullWidthSelection, True)
        block.format = tint
        marks.append(block)
    match = QTextEdit.ExtraSelection()
    match.cursor = QTextCursor(cursor)
    amber = QTextCharFormat()
    amber.setBackground(QColor(palette.AMBER))
    amber.setForeground(QColor(palette.ON_AMBER))
    match.format = amber
    marks.append(match)
    view.setExtraSelections(marks)
    QTimer.singleShot(MARK_MS, view, lambda: view.setExtraSelections([]))


def select_block(view: QTextEdit, position: int) -> None:
    """Select the whole paragraph (or table cell line) at ``position`` and mark it."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    select_in_view(view, cursor, paragraph=True)


def reveal_in_text(
    view: QTextEdit, hit: Hit, field_from: int = 0, start: int = 0, end: int | None = None
) -> bool:
    """Select the hit's match in ``view`` between document positions ``start`` and ``end``,
    where the field's text from ``field_from`` on is shown; False when it is not there."""
    needle = matched_text(hit)
    nth = occurrences_before(hit.field.text, needle, field_from, hit.start)
    cursor = find_occurrence(view.document(), needle, start, nth, end)
    if cursor is None:
        log.info("search: %r not found in %s", needle, view.accessibleName())
        return False
    select_in_view(view, cursor, paragraph=True)
    return True


class _Mark(QFrame):
    """An amber outline laid over a widget: drawn on top, outside any layout, so the marked
    widget neither moves nor loses its own style; it takes no clicks."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("searchMark")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            f"QFrame#searchMark {{ border: 2px solid {palette.AMBER}; border-radius: 4px;"
            " background: transparent; }"
        )
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.show()
        self.raise_()
        QTimer.singleShot(MARK_MS, self, self.deleteLater)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())  # the target reflowed while marked
        return False


def mark_widget(widget: QWidget) -> None:
    """Outline ``widget`` for a moment (one mark at a time: a second reveal replaces it)."""
    for old in widget.findChildren(_Mark):
        if old.parentWidget() is widget:
            old.deleteLater()
    _Mark(widget)


def scroll_to(widget: QWidget) -> None:
    """Scroll the nearest scroll area around ``widget`` up or down so that it shows, in the
    middle when it was out of sight. Only vertically: a wide row would otherwise pull the
    area sideways and hide its labels."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    content = area.widget() if isinstance(area, QScrollArea) else None
    if area is None or content is None:
        return
    top = widget.mapTo(content, QPoint(0, 0)).y()
    bar, height = area.verticalScrollBar(), area.viewport().height()
    if top < bar.value() or top + widget.height() > bar.value() + height:
        bar.setValue(top - max(0, height - widget.height()) // 2)


def form_row_labels(form: QFormLayout, value: str, label: str) -> list[QLabel]:
    """The label and value of ``form``'s row showing ``value`` (as the kit wrote it), else
    of its row named ``label``; none when neither is there."""
    rows: list[tuple[QLabel, QLabel]] = []
    for row in range(form.rowCount()):
        name = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        shown = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        pair = (name.widget() if name else None, shown.widget() if shown else None)
        if isinstance(pair[0], QLabel) and isinstance(pair[1], QLabel):
            rows.append((pair[0], pair[1]))
    found = [r for r in rows if isinstance(r[1], KitLabel) and r[1].kit_text == value]
    found += [r for r in rows if r[0].text() == menu_text(label)]
    return list(found[0]) if found else []


def show_labels(labels: list[QLabel]) -> bool:
    """Select each label's text (where it can be selected), scroll to it and outline it."""
    for label in labels:
        if isinstance(label, KitLabel):
            label.make_selectable()
        label.setSelection(0, len(label.text()))
        scroll_to(label)
        mark_widget(label)
    return bool(labels)
