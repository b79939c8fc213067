"""Run slow work in a QThreadPool and hand the result back on the main thread.

Worker code never touches a widget: it returns a value (or raises). The relay lives in the
main thread, so its signals, emitted from the pool thread, reach its slots through Qt's queued
connections; the callbacks run there, and only while their owner widget still exists, so a
result that arrives after its tab was closed is dropped instead of touching a deleted widget.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator
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


#: The interpreter's switch interval while a pool thread runs a long stretch of Python, seconds.
BUSY_SWITCH_INTERVAL = 0.001
_switch_lock = threading.Lock()
_busy_threads = 0
_usual_switch_interval = 0.005


@contextlib.contextmanager
def lock_handed_back_sooner() -> Iterator[None]:
    """Run the body (on a pool thread) with the interpreter lock handed back sooner.

    While a pool thread runs Python, every Python call the UI thread makes (a slot, an event
    filter, a delegate's paint) waits for the interpreter lock for up to the switch interval,
    5 ms by default; a paint making dozens of such calls stalled the window for 70-110 ms
    (tests/benchmarks/bench_search.py). At 1 ms the same paint waits a few ms. The usual
    interval is back once no such body runs (they may overlap: counted)."""
    global _busy_threads, _usual_switch_interval
    with _switch_lock:
        if _busy_threads == 0:
            _usual_switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_usual_switch_interval, BUSY_SWITCH_INTERVAL))
        _busy_threads += 1
    try:
        yield
    finally:
        with _switch_lock:
            _busy_threads -= 1
            if _busy_threads == 0:
                sys.setswitchinterval(_usual_switch_interval)
