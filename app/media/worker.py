"""Run slow work in a QThreadPool and hand the result back on the main thread.

Worker code never touches a widget: it returns a value (or raises). The relay lives in the
main thread, so its signals, emitted from the pool thread, reach its slots through Qt's queued
connections; the callbacks run there, and only while their owner widget still exists, so a
result that arrives after its tab was closed is dropped instead of touching a deleted widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _ResultRelay(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        owner: QObject | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        super().__init__()
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            if self._owner_alive():
                self._on_done(result)
        finally:
            self._release()

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        try:
            if self._owner_alive() and self._on_error is not None:
                assert isinstance(error, Exception)
                self._on_error(error)
        finally:
            self._release()

    def _release(self) -> None:
        _live_relays.discard(self)
        self.deleteLater()


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _ResultRelay) -> None:
        super().__init__()
        self._function = function
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._function()
        except Exception as exc:
            log.debug("background task failed: %s", exc, exc_info=True)
            self._hand_back(self._relay.failed, exc)
        else:
            self._hand_back(self._relay.finished, result)

    @staticmethod
    def _hand_back(signal: Any, value: object) -> None:
        # A task still running while the app quits finds its relay already destroyed by the
        # interpreter's shutdown: the result has nobody to go to. Without this, PySide6 prints
        # a traceback ("Signal source has been deleted") on the person's terminal.
        try:
            signal.emit(value)
        except RuntimeError as exc:
            log.debug("background result dropped: %s", exc)


# Relays are kept alive here until they deliver (nothing else holds a Python reference).
_live_relays: set[_ResultRelay] = set()


def run_in_background(
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
    pool: QThreadPool | None = None,
    priority: int = 0,
    owner: QObject | None = None,
) -> None:
    """Call ``function()`` on a pool thread; then ``on_done(result)`` or ``on_error(exc)`` on
    the main thread — unless ``owner`` has been deleted meanwhile."""
    relay = _ResultRelay(owner, on_done, on_error)
    _live_relays.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Task(function, relay), priority)
