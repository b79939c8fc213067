"""Every touch, click, key and pointer movement anywhere in the application, for booth mode.

One application-wide event filter, so input reaches the booth whichever widget (or native
video window) it lands on. It reports; the booth window decides. While ``swallow`` is set (the
attract loop is showing) the input that wakes the booth goes no further.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QMouseEvent, QTouchEvent

log = logging.getLogger(__name__)

_PRESSES = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
)
_SWALLOWED = (
    *_PRESSES,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Wheel,
    QEvent.Type.ShortcutOverride,
)
_MOVES = (QEvent.Type.MouseMove, QEvent.Type.HoverMove, QEvent.Type.TouchUpdate)
_HOLD_KEYS = (Qt.Key.Key_Q, Qt.Key.Key_Control, Qt.Key.Key_Shift)
_HOLD_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class InputWatcher(QObject):
    activity = Signal()  # a touch, click, key or wheel turn
    pointer_moved = Signal()
    pressed = Signal(QPoint)  # global position of a press or touch (for the corner taps)
    exit_hold_changed = Signal(bool)  # Ctrl+Shift+Q went down (True) or was let go (False)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.swallow = False
        self._holding = False
        # The same press reaches the native window, the widget and its parents: count it once.
        self._last_press: tuple[int, int, int, int] | None = None

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        try:
            return self._filter(event)
        except Exception:  # never let an exception out of an event filter
            log.exception("booth input watch failed on %s", event.type())
            return False

    def _filter(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent):
            self._track_hold(event)
        if kind in _PRESSES:
            self._report_press(event)
        elif kind in _MOVES:
            self.pointer_moved.emit()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.Wheel):
            self.activity.emit()
        elif kind == QEvent.Type.ApplicationDeactivate and self._holding:
            self._set_holding(False)
        return self.swallow and kind in _SWALLOWED

    def _report_press(self, event: QEvent) -> None:
        position = QCursor.pos()
        stamp = 0
        if isinstance(event, QMouseEvent):
            position = event.globalPosition().toPoint()
            stamp = int(event.timestamp())
        elif isinstance(event, QTouchEvent) and event.points():
            position = event.points()[0].globalPosition().toPoint()
            stamp = int(event.timestamp())
        key = (int(event.type().value), stamp, position.x(), position.y())
        duplicate = stamp != 0 and key == self._last_press
        self._last_press = key
        self.activity.emit()
        if not duplicate:
            self.pressed.emit(position)

    def _track_hold(self, event: QKeyEvent) -> None:
        if event.isAutoRepeat():
            return
        if event.type() == QEvent.Type.KeyPress:
            modifiers = event.modifiers() & _HOLD_MODIFIERS
            if event.key() == Qt.Key.Key_Q and modifiers == _HOLD_MODIFIERS:
                # Reported on every fresh press: the gesture may have fired and reset since.
                self._holding = True
                self.exit_hold_changed.emit(True)
        elif event.key() in _HOLD_KEYS and self._holding:
            self._set_holding(False)

    def _set_holding(self, holding: bool) -> None:
        if holding != self._holding:
            self._holding = holding
            self.exit_hold_changed.emit(holding)


class CursorHider:
    """Hides the pointer over the whole application, and shows it again, keeping Qt's override
    cursor stack balanced."""

    def __init__(self) -> None:
        self.hidden = False

    def hide(self) -> None:
        if not self.hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.hidden = True

    def show(self) -> None:
        if self.hidden:
            QGuiApplication.restoreOverrideCursor()
            self.hidden = False
