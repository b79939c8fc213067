"""Booth mode's lock: nothing a visitor does opens another window or program.

The tabs hide what would (``Settings.locked_down``); this is the net under them, for the whole
application while booth mode runs:

* links: every scheme that could start a browser, mail program or file manager is routed to
  :meth:`Lockdown._on_url_requested`, which logs and refuses (``QDesktopServices`` consults
  URL handlers before the system);
* file dialogs: Qt's own dialogs are forced (no native portal window) and any that shows is
  rejected at once, so the caller sees "cancelled";
* the crash dialog: errors are logged only.

(The still viewer stays inside the booth window by itself: see ``StillViewer(embedded=True)``.)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.views.error_dialog import set_error_dialogs_enabled

log = logging.getLogger(__name__)

REFUSED_SCHEMES = ("http", "https", "mailto", "file", "ftp", "tel", "sms", "news", "irc")


class Lockdown(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.refused: list[str] = []  # what was refused, for the log and the tests
        self._installed = False

    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        for scheme in REFUSED_SCHEMES:
            # The stubs say bytes; at run time only a str names the slot.
            QDesktopServices.setUrlHandler(scheme, self, "_on_url_requested")  # type: ignore[arg-type]
        set_error_dialogs_enabled(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        """Undo :meth:`install` (booth mode is over; tests share one application)."""
        if not self._installed:
            return
        self._installed = False
        for scheme in REFUSED_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        set_error_dialogs_enabled(True)
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @Slot(QUrl)
    def _on_url_requested(self, url: QUrl) -> None:
        self.refused.append(url.toString())
        log.info("booth mode: not opening %s", url.toString())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        try:
            if (
                event.type() == QEvent.Type.Show
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                self._on_window_shown(watched)
        except Exception:  # an exception here would take the whole booth down
            log.exception("booth lockdown: handling a shown window failed")
        return False

    def _on_window_shown(self, widget: QWidget) -> None:
        if isinstance(widget, QFileDialog):
            self.refused.append(f"file dialog: {widget.windowTitle()}")
            log.info("booth mode: refused the file dialog %r", widget.windowTitle())
            QTimer.singleShot(0, widget, widget.reject)
