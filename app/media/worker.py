"""Run slow work in the global QThreadPool and hand the result back on the main thread.

Worker code never touches a widget: it returns a value (or raises), and the relay's signals,
emitted from the pool thread, are delivered to the receiver's thread by Qt's queued connections
(picard's ``util/thread.py`` habit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._function = function
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._function()
        except Exception as exc:
            log.debug("background task failed: %s", exc, exc_info=True)
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


_live_relays: set[_Relay] = set()


def run_in_background(
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
    pool: QThreadPool | None = None,
    priority: int = 0,
) -> None:
    """Call ``function()`` on a pool thread; ``on_done(result)`` or ``on_error(exc)`` runs on
    the main thread."""
    relay = _Relay()
    _live_relays.add(relay)

    def release(_: object = None) -> None:
        _live_relays.discard(relay)
        relay.deleteLater()

    relay.finished.connect(on_done)
    if on_error is not None:
        relay.failed.connect(on_error)
    relay.finished.connect(release)
    relay.failed.connect(release)
    (pool or QThreadPool.globalInstance()).start(_Task(function, relay), priority)
