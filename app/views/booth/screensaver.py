"""Keep the screen awake while booth mode runs.

Linux: the freedesktop ``org.freedesktop.ScreenSaver`` D-Bus interface (GNOME, KDE, Xfce and
others implement it; it covers the screen saver and, on those desktops, display sleep). With no
session bus or no such service, booth mode still runs: the failure is logged.

Not implemented (noted for the Windows and macOS builds, which are not yet verified):

* Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)``
  from kernel32 on start, ``SetThreadExecutionState(ES_CONTINUOUS)`` on exit.
* macOS: ``IOPMAssertionCreateWithName(kIOPMAssertPreventUserIdleDisplaySleep,
  kIOPMAssertionLevelOn, reason, &assertion_id)`` from IOKit on start,
  ``IOPMAssertionRelease(assertion_id)`` on exit.
"""

from __future__ import annotations

import logging
import sys

from app.identity import SLUG

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
REASON = "Booth mode: the press kit is on show"
CONNECTION_NAME = f"{SLUG}-booth-inhibit"


class ScreenSaverInhibitor:
    """``inhibit()`` on start, ``release()`` on exit; both safe to call when unsupported."""

    def __init__(self) -> None:
        self.cookie: int | None = None
        self.problem: str | None = None

    @property
    def active(self) -> bool:
        return self.cookie is not None

    def inhibit(self) -> bool:
        if self.cookie is not None:
            return True
        if not sys.platform.startswith("linux"):
            self.problem = f"screen-saver inhibit is not implemented on {sys.platform}"
            log.warning("%s: the screen may sleep during booth mode", self.problem)
            return False
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError as exc:  # a build without Qt D-Bus
            self.problem = f"Qt D-Bus is unavailable ({exc})"
            log.warning("cannot inhibit the screen saver: %s", self.problem)
            return False
        # A connection of our own: closing it releases the inhibit (see release()).
        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, CONNECTION_NAME)
        if not bus.isConnected():
            self.problem = "no D-Bus session bus"
            log.warning("cannot inhibit the screen saver: %s", self.problem)
            return False
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, bus)
        if not interface.isValid():
            self.problem = f"no {SERVICE} service on the session bus"
            log.warning("cannot inhibit the screen saver: %s", self.problem)
            return False
        reply = interface.call("Inhibit", SLUG, REASON)
        arguments = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
            self.problem = f"Inhibit failed: {reply.errorMessage() or 'no reply'}"
            log.warning("cannot inhibit the screen saver: %s", self.problem)
            return False
        try:
            self.cookie = int(arguments[0])
        except (TypeError, ValueError):
            self.problem = f"Inhibit answered {arguments[0]!r}"
            log.warning("cannot inhibit the screen saver: %s", self.problem)
            return False
        log.info("screen saver inhibited (cookie %s)", self.cookie)
        return True

    def release(self) -> None:
        """Drop the inhibit by leaving the bus: the service forgets a client's inhibits when
        its connection goes. (UnInhibit would need a D-Bus uint32 cookie, and PySide6 sends a
        Python int as int32, which services refuse.)"""
        cookie, self.cookie = self.cookie, None
        if cookie is None:
            return
        try:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus(CONNECTION_NAME)
            log.info("screen saver allowed again (inhibit %s released)", cookie)
        except Exception:  # leaving booth mode must not fail on this
            log.exception("could not release the screen-saver inhibit")
