"""What every tab shares: it receives the kit in its constructor and builds its heavy content
only when first shown, so starting the app costs only the overview.

Start-up path: the clipboard is imported when text is copied, not before the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.model.kit import PressKit
from app.settings import Settings

if TYPE_CHECKING:  # the search model is imported by the tabs that go to a hit, when they load
    from app.model.search import Hit

READING_WIDTH = 920  # logical pixels: about 100 characters of body text


class KitTab(QWidget):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kit = kit
        self.settings = settings
        self._shown_once = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown()

    def reading_layout(self) -> QVBoxLayout:
        """A centred column at most READING_WIDTH wide: long lines are hard to read."""
        outer = QHBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        column = QWidget(self)
        column.setMaximumWidth(READING_WIDTH)
        outer.addStretch(1)
        outer.addWidget(column, 100)
        outer.addStretch(1)
        self.column_layout = QVBoxLayout(column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        return self.column_layout

    def first_shown(self) -> None:
        """Build what is slow to build; called once, the first time the tab is shown."""

    def reveal(self, hit: Hit) -> bool:
        """Show ``hit`` (a search result this tab shows: app/views/search_dock.py says which)
        selected and marked; False when it is not on screen here."""
        return False

    def tab_left(self) -> None:
        """The person switched to another tab (the trailer pauses here)."""

    def shutdown(self) -> None:
        """The kit is being closed: stop timers, players and background work."""


def empty_state(message: str, parent: QWidget | None = None) -> QWidget:
    """A calm message for a section the kit does not have."""
    holder = QWidget(parent)
    layout = QVBoxLayout(holder)
    label = QLabel(message, holder)
    label.setObjectName("emptyState")
    label.setWordWrap(True)
    label.setAccessibleName(message)
    layout.addStretch(1)
    layout.addWidget(label)
    layout.addStretch(2)
    return holder


def copy_to_clipboard(text: str) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(text)


def with_credit(text: str, credit: str) -> str:
    """Text as copied for a journalist: the text, a blank line, then its credit."""
    return f"{text.strip()}\n\n— {credit}" if credit else text.strip()
