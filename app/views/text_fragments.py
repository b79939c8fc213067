"""Walking a rich-text document's fragments and changing their formats afterwards.

Qt merges neighbouring fragments as soon as a format changes, so changing them while an
iterator runs skips or repeats fragments: the positions are collected in one walk, and the
formats applied in a second step.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument, QTextFragment

log = logging.getLogger(__name__)


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every valid fragment of ``document``, in reading order (do not change formats while
    iterating: collect, then call :func:`apply_formats`)."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            if fragment.isValid():
                yield fragment
        block = block.next()


def link_fragments(document: QTextDocument) -> list[QTextFragment]:
    """The fragments that are links, collected before any change."""
    return [fragment for fragment in fragments(document) if fragment.charFormat().isAnchor()]


def apply_formats(
    document: QTextDocument,
    changes: Iterable[tuple[int, int, QTextCharFormat]],
    merge: bool = True,
) -> None:
    """Give each ``(position, length)`` range its format: merged into the range's own
    (``merge``) or replacing it."""
    cursor = QTextCursor(document)
    for position, length, char_format in changes:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        if merge:
            cursor.mergeCharFormat(char_format)
        else:
            cursor.setCharFormat(char_format)
