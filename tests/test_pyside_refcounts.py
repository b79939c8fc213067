"""Guards against a PySide6 defect that aborts the interpreter after minutes of use.

PySide6 6.12.0 on CPython 3.11 loses a reference to ``True`` on each ``Signal.emit()`` and to
``None`` on each call of a void Qt method; once the count reaches zero Python aborts. The
project pins a release without it; this test fails loudly if a future upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor


class _Emitter(QObject):
    ping = Signal()


def test_emit_keeps_the_reference_to_true() -> None:
    emitter = _Emitter()
    emitter.ping.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(50):
        emitter.ping.emit()
    assert sys.getrefcount(True) >= before - 5


def test_void_methods_keep_the_reference_to_none() -> None:
    color = QColor()
    before = sys.getrefcount(None)
    for _ in range(200):
        color.setAlphaF(0.5)
    assert sys.getrefcount(None) >= before - 20
