"""A work-around for a shiboken defect that hangs the trailer player.

A QObject created from Python is a shiboken wrapper whose C++ virtuals (``connectNotify``,
``disconnectNotify``…) first look for a Python override, taking the GIL to do so. Qt's FFmpeg
backend destroys its audio renderer in its own thread, which calls ``disconnectNotify`` on our
``QAudioOutput``; if the main thread is at that moment inside ``QMediaPlayer.stop()`` (holding
the GIL, waiting for Qt's connection lock), the two wait for each other forever. Shiboken
remembers "no override here" per object once it looked, and then skips the GIL:
:func:`prime_override_lookups` makes it look on the main thread, before any media thread
exists. (Seen as a hang about once in 150 play/stop cycles.)

Not worked around here: PySide6 6.12.0 loses a reference to ``True`` on every
``SignalInstance.emit()``/``disconnect()`` and to ``None`` on every call of a void Qt method, so
CPython 3.11 aborts after minutes of use. A wrapper could repair only the emits it wraps, not
the void calls, which are everywhere; pyproject.toml pins PySide6 below 6.12 instead and
tests/test_pyside_refcounts.py fails if an upgrade brings the defect back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


def _ignore() -> None:
    pass


def prime_override_lookups(*objects: QObject) -> None:
    """Have shiboken look up (and cache the absence of) Python overrides of
    ``connectNotify``/``disconnectNotify`` on ``objects`` now, on this thread."""
    for obj in objects:
        obj.destroyed.connect(_ignore)
        obj.destroyed.disconnect(_ignore)
