"""Finding a search hit again in the text a view shows: the same occurrence of the matched
word (views reflow whitespace and render Markdown, so offsets differ), bounded to the part
of the document that shows the field, and marked without moving anything."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from app.model.search import SearchIndex
from app.model.search_fields import Field
from app.views.search_highlight import (
    find_occurrence,
    mark_widget,
    occurrences_before,
    reveal_in_text,
)


def test_occurrences_are_counted_before_the_match_only() -> None:
    text = "dark, darker, dark"
    assert occurrences_before(text, "dark", 0, 14) == 2
    assert occurrences_before(text, "dark", 6, 14) == 1
    assert occurrences_before(text, "", 0, 14) == 0
    assert occurrences_before(text, "dark", 10, 5) == 0


def test_the_nth_occurrence_within_bounds_then_any_case() -> None:
    document = QTextDocument()
    document.setPlainText("Orbit one.\nORBIT two.\norbit three.")
    first = find_occurrence(document, "orbit")
    assert first is not None and first.selectionStart() == 22  # written so: the third line
    second = find_occurrence(document, "Orbit", nth=0, start=1)
    assert second is not None and second.selectedText() == "ORBIT"  # no "Orbit" after 1
    assert find_occurrence(document, "Orbit", nth=0, start=0, end=0) is None
    assert find_occurrence(document, "absent") is None


def test_a_reflowed_paragraph_still_gets_the_same_occurrence(qtbot) -> None:
    text = "The ship.\n\nThe   ship   and\nthe ship again."
    hit = SearchIndex([Field("synopsis long", "synopsis", None, text)]).search("again")[0]
    view = QTextEdit()
    qtbot.addWidget(view)
    view.setHtml("<p>The ship.</p><p>The ship and the ship again.</p>")
    assert reveal_in_text(view, hit)
    cursor = view.textCursor()
    assert cursor.selectedText() == "again" and cursor.block().text().startswith("The ship and")
    # The third "ship" of the field is the third on screen, though the spacing differs.
    third = text.index("ship", text.index("ship", text.index("ship") + 1) + 1)
    ship = hit._replace(spans=((third, third + 4),))
    assert reveal_in_text(view, ship)
    assert view.textCursor().selectionStart() == view.toPlainText().rindex("ship")
    assert len(view.extraSelections()) == 2  # the paragraph and the match


def test_a_mark_lies_over_the_widget_without_moving_it(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    label = QLabel("Dolby Atmos", holder)
    label.setStyleSheet("color: red;")
    layout.addWidget(label)
    holder.show()
    qtbot.waitExposed(holder)
    before = label.geometry()
    mark_widget(label)
    mark_widget(label)  # again: one mark, not two
    qtbot.wait(1)  # the replaced mark is deleted later
    marks = [m for m in label.findChildren(QFrame, "searchMark") if m.isVisible()]
    assert len(marks) == 1 and marks[0].geometry() == label.rect()
    assert label.geometry() == before and label.styleSheet() == "color: red;"
