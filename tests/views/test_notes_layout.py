"""Press notes read as sections: every heading after the first has room above it."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from app.views.notes_tab import space_out_headings


def test_headings_after_the_first_get_space_above(qtbot) -> None:
    document = QTextDocument()
    document.setMarkdown("# One\n\nText.\n\n## Two\n\nMore text.\n\n### Three\n\nEnd.\n")
    space_out_headings(document)
    margins = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            margins.append((level, block.blockFormat().topMargin()))
        block = block.next()
    first, second, third = margins
    assert first[0] == 1 and second[0] == 2 and third[0] == 3
    assert first[1] < 30  # the first heading stays at the top of the column
    assert second[1] == 30 and third[1] == 20
