"""How the stills grid keeps its UI thread free while scrolling (tests/benchmarks/bench_gallery.py
measures the stalls): pictures delivered by the pool are held a few per event loop turn, the
rows near the screen are asked for ahead of the scroll instead of read from the disk cache on
the UI thread, the background fill is listed on a pool thread, and the pool runs below the UI
thread with the interpreter lock handed back sooner while it runs long stretches of Python.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from kit_factory import make_stills_kit
from PySide6.QtGui import QColor, QImage

from app.media import thumbnail_loader, worker
from app.media.thumbnail_loader import ThumbnailLoader
from app.model.loader import load_press_kit
from app.model.thumbnail_cache import ThumbnailCache
from app.views.stills import grid_model
from app.views.stills.grid_model import StillsModel, Viewport, rows_ahead

STILLS = 30


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_stills_kit(tmp_path_factory.mktemp("delivery-kit"), STILLS, (640, 360))


def _picture() -> QImage:
    image = QImage(256, 144, QImage.Format.Format_RGB32)
    image.fill(QColor("#335577"))
    return image


@pytest.fixture
def model(qtbot, kit_dir: Path, tmp_path: Path) -> StillsModel:
    made = StillsModel(load_press_kit(kit_dir).kit, 1.0, cache=ThumbnailCache(tmp_path / "c"))
    yield made
    made.loader.stop()


def test_delivered_pictures_are_held_a_few_per_turn_visible_first(
    model: StillsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The count decides here, not the clock: a slow machine must not change the turns.
    monkeypatch.setattr(grid_model, "DELIVERY_BUDGET_S", 60.0)
    per_turn = grid_model.MAX_DELIVERED_PER_TURN
    visible = tuple(range(20, 25))
    model.viewport = Viewport(visible, frozenset(range(0, STILLS)))
    for row in range(20):  # near rows first, then the visible ones: a burst from the pool
        model._on_loader_ready(row, _picture(), "")
    for row in visible:
        model._on_loader_ready(row, _picture(), "")
    assert model.made_count() == 25  # counted made at once (the footer's progress) …
    assert not model.thumbnails  # … but nothing held (nor repainted) in the signal's turn
    assert not model.screen_is_made()  # the first screen is not complete until it is held

    turns = 0
    while model._delivery_timer.isActive():
        model._delivery_timer.stop()
        model._on_delivery_timer_timeout()  # one event loop turn's share
        turns += 1
        if turns == 1:
            assert len(model.thumbnails) == per_turn
            assert set(visible) <= set(model.thumbnails)  # the visible tiles went first
            assert model.screen_is_made()
    assert turns == -(-25 // per_turn)
    assert set(model.thumbnails) == set(range(25))


def test_a_delivered_picture_scrolled_away_before_its_turn_is_not_held(
    model: StillsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grid_model, "DELIVERY_BUDGET_S", 60.0)
    model.viewport = Viewport((0, 1), frozenset(range(0, 6)))
    for row in range(4):
        model._on_loader_ready(row, _picture(), "")
    model.set_viewport(Viewport((20, 21), frozenset(range(16, 26))))  # a jump down
    assert not model._arrived  # let go at once: memory holds only what is near
    model._on_delivery_timer_timeout()
    assert not set(range(4)) & set(model.thumbnails)
    assert model.is_made(0)  # still made: read from the disk cache if scrolled back to


def test_rows_near_the_screen_are_asked_for_nearest_last(model: StillsModel) -> None:
    viewport = Viewport(tuple(range(10, 15)), frozenset(range(4, 22)))
    ahead = rows_ahead(viewport)
    assert set(ahead) == set(range(4, 10)) | set(range(15, 22))
    assert ahead[0] == 21  # the farthest first …
    assert set(ahead[-2:]) == {9, 15}  # … the nearest last: the queue takes the newest first
    # The model asks the pool for all of them when the view reports the viewport. Nothing is
    # delivered before the event loop runs, so each is still waiting (queued or in flight).
    model.set_viewport(viewport)
    waiting = [row for row in range(STILLS) if model.loader.is_pending(row)]
    assert set(waiting) == set(range(4, 22))


def test_the_background_fill_is_listed_on_a_pool_thread_with_the_lock_handed_back_sooner(
    qtbot, kit_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ThumbnailCache(tmp_path / "cache")
    loader = ThumbnailLoader(thumbnail_loader.QSize(256, 144), cache=cache)
    listed_on: list[int] = []
    intervals: list[float] = []
    real_existing = cache.existing_keys

    def existing_keys() -> set[str]:
        intervals.append(sys.getswitchinterval())
        return real_existing()

    monkeypatch.setattr(cache, "existing_keys", existing_keys)
    stills = sorted((kit_dir / "stills").glob("0*.jpg"))

    def items():  # type: ignore[no-untyped-def]
        for row, path in enumerate(stills):
            listed_on.append(threading.get_ident())
            yield row, path, None

    usual = sys.getswitchinterval()
    loader.fill(items())
    qtbot.waitUntil(lambda: len(listed_on) == len(stills) and bool(intervals), timeout=10000)
    assert threading.get_ident() not in listed_on  # none on the calling (UI) thread
    assert intervals == [min(usual, worker.BUSY_SWITCH_INTERVAL)]
    loader.stop()
    assert sys.getswitchinterval() == usual


def _in_a_pool_thread() -> tuple[int, int]:
    """The scheduling policy and nice value a thread has after lower_thread_priority."""
    seen: list[tuple[int, int]] = []

    def pool_thread() -> None:
        thumbnail_loader.lower_thread_priority()
        native_id = threading.get_native_id()
        seen.append((os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, native_id)))

    thread = threading.Thread(target=pool_thread)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_pool_threads_are_niced_below_the_ui_thread_not_put_in_the_idle_class() -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    # The idle class would let a pool thread holding the GIL starve behind any busy process,
    # and the UI thread with it (tests/benchmarks/probe_gil_inversion.py).
    assert _in_a_pool_thread() == (os.SCHED_OTHER, max(before, thumbnail_loader.WORKER_NICENESS))
    # The calling thread (the UI thread in the app) keeps its own.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
    assert os.sched_getscheduler(0) == os.SCHED_OTHER


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
@pytest.mark.parametrize("error", [PermissionError("not here"), OSError(22, "invalid")])
def test_a_refused_nice_value_leaves_the_pool_thread_running_as_it_was(
    monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    def refuse(*args: object) -> None:
        raise error

    monkeypatch.setattr(thumbnail_loader.os, "setpriority", refuse)
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert _in_a_pool_thread() == (os.SCHED_OTHER, before)
