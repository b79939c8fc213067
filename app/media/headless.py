"""A QGuiApplication for command-line modes that decode media but show no window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def ensure_headless_app() -> QCoreApplication:
    """The running Qt application, or a new offscreen one (``validate --deep``, ``--self-test``)."""
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    # These modes never show a window; offscreen works on machines with no display at all.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # QApplication, not QGuiApplication: the self-test also builds the real widgets.
    return QApplication(sys.argv[:1])
