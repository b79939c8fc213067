"""Progress from a pool thread to a QProgressDialog, and its Cancel button back.

``report(done, total)`` runs on the worker thread: it only emits a signal (queued to the main
thread) and reads a flag, never touching the dialog itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from app.views.kit_text import plain_label

STEPS = 1000


def progress_dialog(label: str, title: str, parent: QWidget) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setLabel(plain_label(label))  # the label names a file: kit text, not markup
    dialog.setCancelButtonText("Cancel")
    dialog.setRange(0, STEPS)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def opening_notice(host: QWidget, text: str) -> QLabel:
    """A calm "Opening …" over ``host`` while a kit is unpacked and nothing is on screen yet:
    without it the window shows an empty frame until the kit is ready. The caller deletes it."""
    notice = plain_label(text, host)  # names a file: kit text
    notice.setObjectName("emptyState")  # the stylesheet centres and colours it
    notice.setGeometry(host.rect())
    notice.raise_()
    notice.show()
    return notice


class CancellableProgress(QObject):
    changed = Signal(int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.cancelled = False
        self.changed.connect(dialog.setValue)
        dialog.canceled.connect(self._on_dialog_canceled)

    def report(self, done: int, total: int) -> bool:
        self.changed.emit(int(STEPS * done / total) if total else 0)
        return not self.cancelled

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.cancelled = True
