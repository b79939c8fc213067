"""Booth mode's lock: nothing a visitor does opens another window or program.

The tabs hide what would (``Settings.locked_down``); this is the net under them, for the whole
application while booth mode runs:

* links: every scheme that could start a browser, mail program or file manager is routed to
  :meth:`Lockdown._on_url_requested`, which logs and refuses (``QDesktopServices`` consults
  URL handlers before the system);
* file dialogs: Qt's own dialogs are forced (no native portal window) and any that shows is
  rejected at once, so the caller sees "cancelled";
* the crash dialog: errors are logged only;
* the still viewer: it covers the booth window, without its "Save original" and full-screen
  buttons, and with a Close button for touch screens.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from app.views.error_dialog import set_error_dialogs_enabled

log = logging.getLogger(__name__)

REFUSED_SCHEMES = ("http", "https", "mailto", "file", "ftp", "tel", "sms", "news", "irc")
# Buttons of the still viewer that would open a window or program.
VIEWER_BUTTONS_HIDDEN = ("save_button", "full_screen_button")


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
            return
        if type(widget).__name__ == "StillViewer":
            for name in VIEWER_BUTTONS_HIDDEN:
                button = getattr(widget, name, None)
                if isinstance(button, QWidget):
                    button.hide()
            self._add_close_button(widget)
            if widget.parentWidget() is not None:
                widget.setGeometry(self.window.geometry())

    def _add_close_button(self, viewer: QWidget) -> None:
        """A touch screen without a keyboard, or a kiosk without a window manager, has no
        other way to close the viewer than this button (Esc closes it too)."""
        if viewer.findChild(QPushButton, "boothCloseViewer") is not None:
            return
        layout = viewer.layout()
        first = layout.itemAt(0) if layout is not None and layout.count() else None
        toolbar = first.layout() if first is not None else None
        if toolbar is None:
            return
        button = QPushButton("Close", viewer)
        button.setObjectName("boothCloseViewer")
        button.setAccessibleName("Close the still")
        button.setAutoDefault(False)
        button.clicked.connect(viewer.close)
        toolbar.addWidget(button)
