"""Full screen: the stage (video, notice, controls) is lent to a window of its own and back.

Lending the very widgets, rather than building a second player view, keeps one video surface,
one set of controls and one keyboard map in both places.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from app.views.kit_text import window_title_text

log = logging.getLogger(__name__)

KeyHandler = Callable[[int], bool]


class TrailerStage(QWidget):
    """What goes full screen: the video, its notice and the controls.

    Keys its focused child left alone reach the stage, in the tab or full screen, and go to
    ``key_handler`` (plain keys only: Ctrl+… belong to the window's menus).
    """

    def __init__(self, key_handler: KeyHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trailerStage")
        self._key_handler = key_handler
        self.stage_layout = QVBoxLayout(self)
        self.stage_layout.setContentsMargins(0, 0, 0, 0)
        self.stage_layout.setSpacing(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and self._key_handler(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)


class FullScreenHost(QWidget):
    """A top-level window that borrows the stage while full screen."""

    leave_requested = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(window_title_text(title))  # kit text: a literal [*] stays
        self.setObjectName("trailerFullScreen")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed by the window manager: hand the video back instead of destroying it.
        event.ignore()
        self.leave_requested.emit()


class FullScreenLender(QObject):
    """Lends ``stage`` to a full-screen window and puts it back into ``home``."""

    changed = Signal(bool)  # full screen now or not

    def __init__(self, stage: QWidget, home: QBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stage = stage
        self._home = home
        self._host: FullScreenHost | None = None

    def is_active(self) -> bool:
        return self._host is not None

    def enter(self, title: str) -> None:
        if self._host is not None:
            return
        host = FullScreenHost(title)
        host.leave_requested.connect(self.leave)
        host.add(self._stage)  # borrows the stage; it comes back on leaving
        self._host = host
        host.showFullScreen()
        self.changed.emit(True)

    @Slot()
    def leave(self) -> None:
        host = self._host
        if host is None:
            return
        self._host = None
        self._home.addWidget(self._stage)
        host.hide()
        host.deleteLater()
        self.changed.emit(False)
