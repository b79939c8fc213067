"""Run slow work in a QThreadPool and hand the result back on the main thread.

Worker code never touches a widget: it returns a value (or raises). The result travels to the
main thread through one relay object that lives there, by Qt's queued connection; the callbacks
run there, and only while their owner widget still exists, so a result that arrives after its
tab was closed is dropped instead of touching a deleted widget.

No QObject is ever released on a pool thread. The first design made a relay QObject per task
and the task held it: when the main thread delivered the result and let go of the relay before
the pool thread had destroyed its finished task, the task's Python wrapper dropped the relay's
last reference on the pool thread, and shiboken deleted the C++ relay there, a QObject of the
main thread, while the main thread could be running that relay's deleteLater(): a double delete,
seen as a segmentation fault in a thread with no Python frame (issue 16). Now the callbacks
wait in a table only the main thread touches, the task carries an id, and the relay outlives
every task.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from traceback import format_exception
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Waiting:
    """What the main thread does with one task's outcome. (A plain class: this module loads
    at every start, and ``dataclasses`` costs milliseconds to import.)"""

    __slots__ = ("function", "on_done", "on_error", "owner")

    def __init__(
        self,
        function: Callable[[], Any],
        owner: QObject | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        # Kept here too, so the function (and what it captured) is let go of on this thread.
        self.function = function
        self.owner = owner
        self.on_done = on_done
        self.on_error = on_error

    def owner_alive(self) -> bool:
        return self.owner is None or shiboken6.isValid(self.owner)


class _ResultRelay(QObject):
    """Lives on the main thread for as long as the module: tasks emit on it from pool
    threads, and its slots (queued) run the callbacks there."""

    finished = Signal(int, object)  # task id, result
    failed = Signal(int, object)  # task id, exception

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(int, object)
    def _deliver_result(self, task_id: int, result: object) -> None:
        waiting = _waiting.pop(task_id, None)
        if waiting is not None and waiting.owner_alive():
            waiting.on_done(result)

    @Slot(int, object)
    def _deliver_error(self, task_id: int, error: object) -> None:
        waiting = _waiting.pop(task_id, None)
        if waiting is not None and waiting.owner_alive() and waiting.on_error is not None:
            assert isinstance(error, Exception)
            waiting.on_error(error)


class _Task(QRunnable):
    """Holds the function, an id and the relay, none of which the pool thread is ever the last
    to let go of: the main thread keeps the function until the outcome arrives, and the relay
    for good."""

    def __init__(self, function: Callable[[], Any], task_id: int, relay: _ResultRelay) -> None:
        super().__init__()
        self._function: Callable[[], Any] | None = function
        self._task_id = task_id
        self._relay = relay

    def run(self) -> None:
        function, self._function = self._function, None
        assert function is not None
        try:
            result = function()
        except Exception as exc:
            if log.isEnabledFor(logging.DEBUG):
                # As text: a record holding the traceback would hold its frames, and they the
                # function, to be let go of wherever the record is.
                log.debug("background task failed: %s", "".join(format_exception(exc)))
            # The frames hold the function: dropped here, while the main thread holds it too.
            exc.__traceback__ = None
            del function
            self._hand_back(self._relay.failed, exc)
        else:
            del function
            self._hand_back(self._relay.finished, result)

    def _hand_back(self, signal: Any, value: object) -> None:
        # A task still running while the app quits finds the relay already destroyed by the
        # interpreter's shutdown: the result has nobody to go to. Without this, PySide6 prints
        # a traceback ("Signal source has been deleted") on the person's terminal.
        try:
            signal.emit(self._task_id, value)
        except RuntimeError as exc:
            log.debug("background result dropped: %s", exc)


# Only the main thread reads or writes these.
_waiting: dict[int, _Waiting] = {}
_task_ids = itertools.count(1)
_relay: _ResultRelay | None = None


def _main_thread_relay() -> _ResultRelay:
    global _relay
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("run_in_background is called on the main thread only")
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _ResultRelay()
    return _relay


def waiting_count() -> int:
    """Tasks whose outcome has not reached the main thread yet (for tests and leak checks)."""
    return len(_waiting)


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
    relay = _main_thread_relay()
    task_id = next(_task_ids)
    _waiting[task_id] = _Waiting(function, owner, on_done, on_error)
    (pool or QThreadPool.globalInstance()).start(_Task(function, task_id, relay), priority)


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
