"""A short confirmation after copying or saving: a toast at the bottom of the window.

Copying changes nothing on screen, so without a word the person cannot tell it worked. A toast
is used rather than a status bar: the still viewer and booth mode have none, and a bar that
appears for the first message would shift the whole window up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.views.kit_text import make_plain

log = logging.getLogger(__name__)

TOAST_MS = 3000  # long enough to read a short sentence, short enough not to linger
TOAST_NAME = "toast"
MARGIN = 28  # logical pixels above the window's bottom edge


class Toast(QLabel):
    """One line over the bottom of a window; it hides itself after ``TOAST_MS``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        make_plain(self)  # the message may quote kit text (a file name)
        self.setObjectName(TOAST_NAME)
        self.setAccessibleName("Confirmation")
        self.setWordWrap(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TOAST_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.adjustSize()
        window = self.parentWidget()
        if window is not None:
            width = min(self.sizeHint().width(), max(80, window.width() - 2 * MARGIN))
            self.resize(width, self.sizeHint().height())
            self.move((window.width() - width) // 2, window.height() - self.height() - MARGIN)
        self.show()
        self.raise_()
        self._timer.start()


def confirm(widget: QWidget, text: str) -> Toast:
    """Show ``text`` briefly over ``widget``'s window (one toast per window, reused)."""
    window = widget.window()
    toast = window.findChild(Toast, TOAST_NAME)
    if toast is None:
        toast = Toast(window)
    log.info("confirmation: %s", text)
    toast.show_message(text)
    return toast
