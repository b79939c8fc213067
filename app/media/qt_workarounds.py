"""Work-arounds for two PySide6 6.12 defects that crash or hang the trailer player.

1. ``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return ``True`` without a
   new reference. Each call from Python takes one reference away from ``True``; on Python
   3.11 (where bools are not immortal) the interpreter aborts with "bool_dealloc: deallocating
   True or False" after a few hundred calls — about a minute of trailer playback, whose
   position signal fires twenty times a second. :func:`safe_emit` and :func:`safe_disconnect`
   give the reference back, only when the defect is measured to be there.

2. A QObject created from Python is a shiboken wrapper whose C++ virtuals (``connectNotify``,
   ``disconnectNotify``…) first look for a Python override, taking the GIL to do so. Qt's
   FFmpeg backend destroys its audio renderer in its own thread, which calls
   ``disconnectNotify`` on our ``QAudioOutput``; if the main thread is at that moment inside
   ``QMediaPlayer.stop()`` (holding the GIL, waiting for Qt's connection lock), the two wait
   for each other forever. Shiboken remembers "no override here" per object once it looked,
   and then skips the GIL: :func:`prime_override_lookups` makes it look on the main thread,
   before any media thread exists. (Seen as a hang about once in 150 play/stop cycles.)
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _calls_drop_a_bool_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    return sys.getrefcount(True) < before


_NEEDS_REPAIR = _calls_drop_a_bool_reference()


def _give_back(result: object) -> None:
    if _NEEDS_REPAIR and (result is True or result is False):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


def safe_emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)`` without the lost reference to ``True``."""
    # The stubs say emit() returns None; at run time it returns a bool.
    _give_back(signal.emit(*args))  # type: ignore[func-returns-value]


def safe_disconnect(signal: SignalInstance, slot: Any) -> None:
    """``signal.disconnect(slot)`` without the lost reference to ``True``."""
    _give_back(signal.disconnect(slot))


def _ignore() -> None:
    pass


def prime_override_lookups(*objects: QObject) -> None:
    """Have shiboken look up (and cache the absence of) Python overrides of
    ``connectNotify``/``disconnectNotify`` on ``objects`` now, on this thread."""
    for obj in objects:
        obj.destroyed.connect(_ignore)
        safe_disconnect(obj.destroyed, _ignore)
