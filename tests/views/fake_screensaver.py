"""A stand-in org.freedesktop.ScreenSaver service for the inhibit test (run on a private
session bus made by dbus-run-session). Prints each call; exits after the given seconds."""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QTimer, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:  # the D-Bus method name
        print(f"Inhibit {application!r} {reason!r}", flush=True)
        return 42


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    service = ScreenSaver()
    bus.registerObject(
        "/org/freedesktop/ScreenSaver", service, QDBusConnection.RegisterOption.ExportAllSlots
    )
    if not bus.registerService("org.freedesktop.ScreenSaver"):
        return 1
    print("ready", flush=True)
    QTimer.singleShot(int(float(sys.argv[1]) * 1000), app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
