"""Unexpected exceptions become a dialog that says what happened and where the log is.

Start-up path: QMessageBox (and its enums) is imported only when a dialog is shown."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

_showing = False
_enabled = True


def set_error_dialogs_enabled(enabled: bool) -> None:
    """Booth mode logs errors instead of opening a dialog a visitor could poke at."""
    global _enabled
    _enabled = enabled


def install_exception_hook(log_file: Path | None) -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        global _showing
        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if _showing or not _enabled or QApplication.instance() is None:
            return
        _showing = True
        try:
            from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

            from app.views.dialog_icons import set_dark_icon
            from app.views.kit_text import make_message_box_plain

            where = f"\n\nDetails were written to the log file:\n{log_file}" if log_file else ""
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("Something went wrong")
            box.setText(
                "The press kit viewer hit an unexpected problem and stopped what it was "
                "doing. It keeps running; you can carry on."
            )
            # The error's message may quote kit text (a title, a file name): plain text.
            box.setInformativeText(f"{kind.__name__}: {value}{where}")
            make_message_box_plain(box)
            set_dark_icon(box, "warning")
            box.exec()
        finally:
            _showing = False

    sys.excepthook = hook
