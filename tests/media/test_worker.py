"""Pool-thread work hands its result back on the main thread, and a result whose relay is
already gone (the app quitting while a decode runs) is dropped quietly, never printed as a
traceback on the person's terminal.

Nothing a task holds is let go of on a pool thread (issue 16): a main-thread QObject released
there is deleted there, racing the main thread's own deletion of it (a segmentation fault in a
thread with no Python frame)."""

from __future__ import annotations

import gc
import logging
import threading
from typing import ClassVar

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool

from app.media import worker


class ReleaseWatch:
    """Captured by a task's function or callbacks; records the thread that lets go of it."""

    released_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        main = threading.current_thread() is threading.main_thread()
        ReleaseWatch.released_on.append("main" if main else threading.current_thread().name)


@pytest.fixture
def release_watch() -> list[str]:
    ReleaseWatch.released_on = []
    return ReleaseWatch.released_on


def test_a_result_reaches_its_callback_on_the_main_thread(qtbot) -> None:
    results: list[object] = []
    threads: list[bool] = []

    def done(result: object) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        results.append(result)

    worker.run_in_background(lambda: 6 * 7, done)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert threads == [True]


def test_an_error_reaches_its_error_callback(qtbot) -> None:
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("broken file")

    worker.run_in_background(fail, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "broken file"


def test_no_callback_once_the_owner_is_deleted(qtbot) -> None:
    owner = QObject()
    called: list[object] = []
    worker.run_in_background(lambda: 1, called.append, owner=owner)
    shiboken6.delete(owner)
    qtbot.waitUntil(lambda: worker.waiting_count() == 0, timeout=5000)
    assert called == []


@pytest.mark.parametrize("fails", [False, True], ids=["result", "error"])
def test_a_relay_destroyed_before_the_task_ends_drops_the_result(
    qtbot, caplog: pytest.LogCaptureFixture, fails: bool
) -> None:
    def work() -> int:
        if fails:
            raise OSError("gone")
        return 1

    relay = worker._ResultRelay()
    task = worker._Task(work, 0, relay)
    shiboken6.delete(relay)
    with caplog.at_level(logging.DEBUG, logger=worker.__name__):
        task.run()  # must not raise RuntimeError("Signal source has been deleted")
    assert any("background result dropped" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("fails", [False, True], ids=["result", "error"])
def test_what_a_task_captured_is_let_go_of_on_the_main_thread(
    qtbot, release_watch: list[str], fails: bool
) -> None:
    """The function, its captures and the callbacks die on the main thread, task after task
    (the pool thread used to drop the function, and now and then the relay holding the
    callbacks, when it destroyed the finished task)."""
    outcomes: list[object] = []
    count = 200

    def start_one() -> None:
        in_function, in_callback = ReleaseWatch(), ReleaseWatch()

        def work() -> int:
            assert in_function is not None
            if fails:
                raise OSError("unreadable")
            return 1

        worker.run_in_background(
            work,
            lambda result: outcomes.append((in_callback, result)[1]),
            lambda error: outcomes.append((in_callback, repr(error))[1]),
        )

    for _ in range(count):
        start_one()
    qtbot.waitUntil(lambda: len(outcomes) == count, timeout=30_000)
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: worker.waiting_count() == 0, timeout=5000)
    assert len(release_watch) == 2 * count
    assert set(release_watch) == {"main"}


def test_many_tasks_leave_nothing_waiting_and_make_no_object_per_task(qtbot) -> None:
    """A stress of small tasks: every outcome arrives once, nothing stays waiting, and the
    results travel on one relay (a relay per task was what a pool thread could destroy)."""
    results: list[int] = []
    count = 2000
    for index in range(count):
        worker.run_in_background(lambda index=index: index, results.append)
    qtbot.waitUntil(lambda: len(results) == count, timeout=60_000)
    assert sorted(results) == list(range(count))
    assert worker.waiting_count() == 0
    relays = [o for o in gc.get_objects() if isinstance(o, worker._ResultRelay)]
    assert len([relay for relay in relays if shiboken6.isValid(relay)]) == 1
