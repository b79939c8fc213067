"""Pool-thread work hands its result back on the main thread, and a result whose relay is
already gone (the app quitting while a decode runs) is dropped quietly, never printed as a
traceback on the person's terminal."""

from __future__ import annotations

import logging

import pytest
import shiboken6
from PySide6.QtCore import QObject

from app.media import worker


def test_a_result_reaches_its_callback_on_the_main_thread(qtbot) -> None:
    results: list[object] = []
    worker.run_in_background(lambda: 6 * 7, results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)


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
    qtbot.wait(200)
    assert called == []


@pytest.mark.parametrize("fails", [False, True], ids=["result", "error"])
def test_a_relay_destroyed_before_the_task_ends_drops_the_result(
    qtbot, caplog: pytest.LogCaptureFixture, fails: bool
) -> None:
    def work() -> int:
        if fails:
            raise OSError("gone")
        return 1

    relay = worker._ResultRelay(None, lambda _r: None, None)
    task = worker._Task(work, relay)
    shiboken6.delete(relay)
    with caplog.at_level(logging.DEBUG, logger=worker.__name__):
        task.run()  # must not raise RuntimeError("Signal source has been deleted")
    assert any("background result dropped" in r.getMessage() for r in caplog.records)
