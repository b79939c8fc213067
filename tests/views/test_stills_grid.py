"""The stills grid on a real 300-still kit: visible tiles first, scrolled-away requests dropped
or demoted before they are decoded, never more decodes in flight than pool threads, sharp tiles
at 200 %, and memory bounded by what is near the screen.

Decoding is real (QImageReader through ``ThumbnailLoader``'s own pool); only a gate is put in
front of it, so the test decides when the workers may go on and can look at the queue while
they wait.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kit_factory import make_kit, make_stills_kit, temp_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.media import thumbnail_loader
from app.media.thumbnail_loader import ThumbnailLoader
from app.media.thumbnail_queue import DeferredWrite
from app.model.loader import load_press_kit
from app.model.thumbnail_cache import ThumbnailCache
from app.views.stills import grid_model, grid_view
from app.views.stills.grid_model import StillsModel, Viewport
from app.views.stills_tab import StillsTab

STILLS = 300


@pytest.fixture(scope="module")
def big_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 real JPEG stills (one picture, 300 files: separate paths, so separate cache keys)."""
    return make_stills_kit(tmp_path_factory.mktemp("big-kit"), STILLS, (1200, 800))


class GatedDecodes:
    """Wraps the real decode: records which rows were decoded, in the order the workers took
    them, and holds every worker at the gate until the test opens it."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.waiting = 0
        self.order: list[int] = []
        self._lock = threading.Lock()
        self._real = thumbnail_loader.decode_to_fit

    def __call__(self, path: Path, box: object) -> object:
        with self._lock:
            self.waiting += 1
            self.order.append(int(path.stem))  # as taken from the queue
        # Long enough for the slowest machine to finish scrolling before the gate opens: a
        # worker let through by this limit decodes in the old order and the test sees a race
        # that is not there (10 s was not enough on a loaded 2-core machine). The fixture's
        # teardown opens the gate, so a failing test never waits this out.
        self.gate.wait(120)
        with self._lock:
            self.waiting -= 1
        return self._real(path, box)  # type: ignore[arg-type]


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> Iterator[GatedDecodes]:
    decodes = GatedDecodes()
    monkeypatch.setattr(thumbnail_loader, "decode_to_fit", decodes)
    yield decodes
    decodes.gate.set()


@pytest.fixture
def open_grid(qtbot, tmp_path: Path) -> Iterator[Callable[..., StillsTab]]:
    tabs: list[tuple[StillsTab, QWidget]] = []  # the hosts are kept alive here

    def open_(kit_dir: Path, size: tuple[int, int] = (1200, 800)) -> StillsTab:
        kit = load_press_kit(kit_dir).kit
        host = QWidget()
        qtbot.addWidget(host)
        QVBoxLayout(host).addWidget(
            tab := StillsTab(
                kit,
                temp_settings(tmp_path),
                host,
                thumbnail_cache=ThumbnailCache(tmp_path / f"cache{len(tabs)}"),
            )
        )
        host.resize(*size)
        host.show()
        qtbot.waitExposed(host)
        qtbot.waitUntil(lambda: tab.view is not None and tab.view.viewport_rows() is not None)
        tabs.append((tab, host))
        return tab

    yield open_
    for tab, host in tabs:
        tab.shutdown()
        host.close()


def scroll_through_to_the_bottom(tab: StillsTab) -> None:
    """Scroll a page at a time, painting each position (what a person's fast scroll does)."""
    assert tab.view is not None
    bar = tab.view.verticalScrollBar()
    for value in range(0, bar.maximum(), bar.pageStep()):
        bar.setValue(value)
        tab.view.viewport().repaint()
        QApplication.processEvents()
    bar.setValue(bar.maximum())
    tab.view.viewport().repaint()
    QApplication.processEvents()


def scroll_down_while_held(
    qtbot, tab: StillsTab, gated: GatedDecodes
) -> tuple[ThumbnailLoader, int, list[int], list[int], list[int]]:
    """With every pool thread held in a decode, scroll from the top to the bottom of the grid.
    Returns the loader, its thread count, the rows visible at the top, and the rows visible
    and near the screen at the bottom."""
    assert tab.model is not None and tab.view is not None
    loader = tab.model.loader
    threads = loader.pool.maxThreadCount()
    qtbot.waitUntil(lambda: gated.waiting == threads)
    top_visible, _ = tab.view.viewport_rows() or ([], [])
    scroll_through_to_the_bottom(tab)
    qtbot.waitUntil(lambda: tab.view.viewport_rows()[0][-1] == STILLS - 1)  # type: ignore[index]
    bottom_visible, bottom_near = tab.view.viewport_rows()  # type: ignore[misc]
    # The view reports its viewport to the model from a zero-time timer; on a loaded machine
    # the gate could open before that report, and the queue would still rank the rows of a
    # screen scrolled past. Wait for the model to hold the bottom screen.
    qtbot.waitUntil(
        lambda: (
            tab.model.viewport is not None
            and list(tab.model.viewport.visible) == list(bottom_visible)
        )
    )
    QApplication.processEvents()
    return loader, threads, top_visible, bottom_visible, bottom_near


def test_bottom_tiles_are_decoded_before_the_middle_scrolled_past(
    qtbot, open_grid, big_kit: Path, gated: GatedDecodes
) -> None:
    tab = open_grid(big_kit)
    loader, threads, top_visible, bottom_visible, bottom_near = scroll_down_while_held(
        qtbot, tab, gated
    )
    # Only as many decodes as the pool has threads; the middle of the kit, painted in passing,
    # was dropped (the background fill waits for the screen's tiles); the bottom waits.
    assert loader.queue.in_flight() == threads
    assert loader.queue.workers() == threads
    assert loader.queue.dropped > STILLS // 2
    assert loader.pending_count() <= threads + len(bottom_near)
    gated.gate.set()
    qtbot.waitUntil(lambda: len(tab.model.made) == STILLS, timeout=20000)
    first_taken = gated.order[:threads]  # taken before the scroll: the top-left tiles
    assert set(first_taken) <= set(top_visible)
    after_scroll = gated.order[threads:]
    # The bottom screen first, then the screen above it, before anything scrolled past in the
    # middle. (Workers record as they start decoding, so neighbours taken by two workers at
    # once may swap: a slack of threads - 1 places.)
    slack = threads - 1
    assert set(bottom_visible) <= set(after_scroll[: len(bottom_visible) + slack])
    assert set(bottom_near) <= set(after_scroll[: len(bottom_near) + slack])
    middle = set(range(len(top_visible) * 2, bottom_near[0]))
    assert not middle & set(after_scroll[: len(bottom_near) - slack])
    # Then the background fill made the rest, each once.
    assert sorted(gated.order) == list(range(STILLS))
    assert tab.progress.text() == "300 stills"


def test_requests_scrolled_away_are_dropped_and_never_decoded(
    qtbot, open_grid, big_kit: Path, gated: GatedDecodes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the background fill a request exists only because a tile was painted; once its
    # tile has scrolled away, it must go without being decoded.
    monkeypatch.setattr(StillsModel, "fill_in_background", lambda self: None)
    tab = open_grid(big_kit)
    loader, _threads, top_visible, bottom_visible, bottom_near = scroll_down_while_held(
        qtbot, tab, gated
    )
    assert loader.queue.dropped > STILLS // 2  # the middle of the kit, painted in passing
    gated.gate.set()
    qtbot.waitUntil(lambda: set(bottom_visible) <= tab.model.made, timeout=10000)
    qtbot.waitUntil(lambda: loader.pending_count() == 0, timeout=10000)
    decoded = set(gated.order)
    assert decoded <= set(top_visible) | set(bottom_near)
    middle = set(range(len(top_visible) * 2, bottom_near[0]))
    assert not decoded & middle
    # The bottom tiles are painted with their pictures, not placeholders.
    assert set(bottom_visible) <= set(tab.model.thumbnails)


def test_thumbnails_are_decoded_for_the_screen_and_carry_its_pixel_ratio(
    qtbot, tmp_path: Path
) -> None:
    kit = load_press_kit(make_kit(tmp_path / "kit")).kit  # 640×360 stills
    for ratio, pixels in ((1.0, (256, 144)), (2.0, (512, 288))):
        model = StillsModel(kit, ratio, cache=ThumbnailCache(tmp_path / f"cache{ratio}"))
        model.data(model.index(0), Qt.ItemDataRole.DecorationRole)
        qtbot.waitUntil(lambda m=model: 0 in m.thumbnails)
        pixmap = model.thumbnails[0]
        assert (pixmap.width(), pixmap.height()) == pixels  # decoded at tile size × ratio
        assert pixmap.devicePixelRatio() == ratio  # drawn 256×144 logical: sharp at 200 %
        model.loader.stop()


def test_memory_holds_only_tiles_near_the_screen(
    qtbot, open_grid, big_kit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grid_model, "THUMBNAIL_MEMORY", 0)
    monkeypatch.setattr(grid_model, "MIN_HELD_THUMBNAILS", 40)
    tab = open_grid(big_kit)
    assert tab.model is not None and tab.view is not None
    qtbot.waitUntil(lambda: len(tab.model.made) == STILLS, timeout=20000)
    scroll_through_to_the_bottom(tab)
    _, near = tab.view.viewport_rows()  # type: ignore[misc]
    qtbot.waitUntil(lambda: all(row in tab.model.thumbnails for row in near[-8:]))
    assert len(tab.model.thumbnails) <= max(40, len(near))
    assert tab.progress.text() == "300 stills"
    # Scrolled back, the top comes back from the disk cache.
    tab.view.scrollToTop()
    qtbot.waitUntil(lambda: all(row in tab.model.thumbnails for row in range(8)))


def test_a_fill_after_the_workers_retired_starts_every_worker(tmp_path: Path) -> None:
    # The background fill begins once the screen's tiles are made, when the workers have
    # retired: it must bring all of them back, not one.
    from app.media.thumbnail_queue import ThumbnailQueue, ThumbnailRequest

    queue = ThumbnailQueue(max_workers=2)
    assert queue.ask(ThumbnailRequest(0, tmp_path / "0.jpg", None)) == 1
    taken = queue.take()
    assert taken is not None and queue.take() is None  # the one worker retires
    queue.done(0)
    started = queue.fill(ThumbnailRequest(row, tmp_path / f"{row}.jpg", None) for row in (1, 2, 3))
    assert started == 2 and queue.workers() == 2
    assert queue.fill([ThumbnailRequest(4, tmp_path / "4.jpg", None)]) == 0  # at the limit


def test_a_fill_listed_before_a_delivery_does_not_make_it_again(tmp_path: Path) -> None:
    # The fill's list is made on the UI thread and queued after a cache scan on a pool
    # thread; a thumbnail delivered in between (its cache write still deferred) is not
    # decoded a second time. Neither is one in flight, nor one that failed.
    from app.media.thumbnail_queue import ThumbnailQueue, ThumbnailRequest

    queue = ThumbnailQueue(max_workers=1)
    for row in (0, 1, 2):
        queue.ask(ThumbnailRequest(row, tmp_path / f"{row}.jpg", None))
    for _ in range(3):
        assert queue.take() is not None
    queue.done(0)  # delivered
    queue.done(1)  # failed: delivered as well
    queue.fill(ThumbnailRequest(row, tmp_path / f"{row}.jpg", None) for row in range(5))
    taken = []
    while (item := queue.take()) is not None:
        assert not isinstance(item, DeferredWrite)
        taken.append(item.request.key)
    assert taken == [3, 4]  # 2 is still in flight
    # Asked for again by a view (its picture was evicted from memory): that is made.
    queue.ask(ThumbnailRequest(0, tmp_path / "0.jpg", None))
    assert queue.is_waiting(0)


def _noise_still(path: Path, width: int, height: int) -> Path:
    """A still of random pixels: any resampling of its thumbnail changes them."""
    import random

    from PySide6.QtGui import QImage

    path.parent.mkdir(parents=True, exist_ok=True)
    pixels = random.Random(5).randbytes(width * height * 4)
    image = QImage(pixels, width, height, QImage.Format.Format_RGB32)
    assert image.save(str(path), "PNG"), path
    return path


def test_tiles_at_200_percent_are_drawn_pixel_for_pixel(qtbot, tmp_path: Path) -> None:
    # A 1200×801 still (the 3:2-ish shape of a 4000×2667 photo) fits a 512×288 box at 431×288
    # device pixels: 215.5 logical pixels, which the view would resample to 216 on every paint.
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    root = tmp_path / "kit"
    _noise_still(root / "stills" / "wide.png", 1200, 801)
    (root / "presskit.yaml").write_text(
        "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n"
        "stills:\n  - {file: stills/wide.png, caption: Wide}\n",
        encoding="utf-8",
    )
    kit = load_press_kit(root).kit
    cache = ThumbnailCache(tmp_path / "cache")
    for _opening in ("cold", "warm"):
        model = StillsModel(kit, 2.0, cache=cache)
        model.data(model.index(0), Qt.ItemDataRole.DecorationRole)
        qtbot.waitUntil(lambda m=model: 0 in m.thumbnails)
        pixmap = model.thumbnails[0]
        assert (pixmap.width(), pixmap.height()) == (430, 288)  # 215×144 logical, cropped
        model.loader.stop()
    # Painted as the grid paints a tile, onto a 200 % surface: the pixels arrive unchanged.
    view = grid_view.StillsGrid()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    surface = QImage(800, 600, QImage.Format.Format_RGB32)
    surface.setDevicePixelRatio(2.0)
    surface.fill(0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(model.index(0))
    option.decorationSize = view.iconSize()
    option.decorationPosition = QStyleOptionViewItem.Position.Top
    option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
    painter = QPainter(surface)
    view.itemDelegate().paint(painter, option, model.index(0))
    painter.end()
    thumbnail = pixmap.toImage()
    rows = [
        (x, y)
        for y in range(0, 40)
        for x in range(0, 200)
        if surface.copy(x, y, 430, 1) == thumbnail.copy(0, 0, 430, 1)
    ]
    assert rows, "the thumbnail's first row is not drawn unchanged anywhere in its tile"
    x, y = rows[0]
    assert surface.copy(x, y, 430, 288) == thumbnail


def test_the_grid_is_laid_out_once_when_first_shown(qtbot, tmp_path: Path, big_kit: Path) -> None:
    # The scroll bar of a long grid must not appear after the first paint: that narrows the
    # viewport, re-lays the tiles and paints the whole grid again.
    from PySide6.QtCore import QEvent, QObject

    events: list[str] = []

    class Recorder(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.Paint, QEvent.Type.Resize):
                events.append(event.type().name)
            return False

    recorder = Recorder()
    original = StillsTab.first_shown

    def first_shown(self: StillsTab) -> None:
        original(self)
        assert self.view is not None
        self.view.viewport().installEventFilter(recorder)

    host = QWidget()
    qtbot.addWidget(host)
    tab = StillsTab(
        load_press_kit(big_kit).kit,
        temp_settings(tmp_path),
        host,
        thumbnail_cache=ThumbnailCache(tmp_path / "cache"),
    )
    tab.first_shown = first_shown.__get__(tab)  # type: ignore[method-assign]
    QVBoxLayout(host).addWidget(tab)
    host.resize(1200, 800)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: "Paint" in events)
    qtbot.wait(200)  # the layout Qt posts after the first paint, if any
    tab.shutdown()
    first_paint = events.index("Paint")
    assert "Resize" not in events[first_paint:]


def test_a_second_opening_paints_its_first_screen_complete_from_the_cache(
    qtbot, tmp_path: Path, big_kit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QEvent, QObject

    kit = load_press_kit(big_kit).kit
    cache = ThumbnailCache(tmp_path / "cache")
    fills: list[bool] = []  # per fill: had the grid painted its screen complete by then?
    painted_complete: list[bool] = []
    real_fill = StillsModel.fill_in_background

    def fill(model: StillsModel) -> None:
        fills.append(any(painted_complete))
        real_fill(model)

    monkeypatch.setattr(StillsModel, "fill_in_background", fill)

    class PaintWatcher(QObject):
        def __init__(self, tab: StillsTab) -> None:
            super().__init__()
            self.tab = tab

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                tab = self.tab
                assert tab.view is not None and tab.model is not None
                visible, _near = tab.view.viewport_rows() or ([], [])
                painted_complete.append(
                    bool(visible) and all(row in tab.model.thumbnails for row in visible)
                )
            return False

    def open_tab() -> tuple[StillsTab, QWidget, PaintWatcher]:
        painted_complete.clear()
        host = QWidget()
        qtbot.addWidget(host)
        tab = StillsTab(kit, temp_settings(tmp_path), host, thumbnail_cache=cache)
        watcher = PaintWatcher(tab)
        original = tab.first_shown

        def first_shown() -> None:
            original()
            assert tab.view is not None
            tab.view.viewport().installEventFilter(watcher)

        tab.first_shown = first_shown  # type: ignore[method-assign]
        QVBoxLayout(host).addWidget(tab)
        host.resize(1200, 800)
        host.show()
        qtbot.waitExposed(host)
        return tab, host, watcher

    tab, host, _watcher = open_tab()
    assert tab.model is not None
    qtbot.waitUntil(lambda: tab.progress.text() == "300 stills", timeout=30000)
    assert fills == [True]  # the first opening too: the fill waited for the screen's paint
    assert painted_complete[0] is False  # placeholders first: nothing was cached
    tab.shutdown()
    host.close()

    decoded: list[Path] = []
    monkeypatch.setattr(
        thumbnail_loader,
        "decode_to_fit",
        lambda path, box: decoded.append(path),  # never called
    )
    from app.media.thumbnail_queue import ThumbnailQueue

    queued: list[int] = []  # background requests that reached the queue
    real_queue_fill = ThumbnailQueue.fill

    def queue_fill(queue: ThumbnailQueue, requests: object) -> int:
        requests = list(requests)  # type: ignore[call-overload]
        queued.extend(request.key for request in requests)
        return real_queue_fill(queue, requests)

    monkeypatch.setattr(ThumbnailQueue, "fill", queue_fill)
    tab, host, _watcher = open_tab()
    qtbot.waitUntil(lambda: len(painted_complete) > 0)
    assert painted_complete[0] is True  # the very first paint had every visible thumbnail
    qtbot.waitUntil(lambda: tab.progress.text() == "300 stills", timeout=30000)
    assert fills == [True, True]
    assert decoded == []
    assert queued == []  # all found in one listing of the cache, none checked one by one
    tab.shutdown()


def test_cache_writes_wait_for_the_screen_but_before_the_background_fill(tmp_path: Path) -> None:
    from app.media.thumbnail_queue import (
        MAX_DEFERRED_WRITES,
        DeferredWrite,
        TakenRequest,
        ThumbnailQueue,
        ThumbnailRequest,
    )

    def request(row: int) -> ThumbnailRequest:
        return ThumbnailRequest(row, tmp_path / f"{row}.jpg", None)

    queue = ThumbnailQueue(max_workers=1)
    queue.set_viewport([0, 1], [0, 1])
    assert queue.ask(request(0)) == 1
    queue.ask(request(1))
    queue.fill(request(row) for row in (2, 3))
    taken = queue.take()
    assert isinstance(taken, TakenRequest) and taken.request.key == 0
    assert queue.defer(DeferredWrite(0, "picture 0"))
    # The screen's next tile comes before the write; the write before the background fill.
    taken = queue.take()
    assert isinstance(taken, TakenRequest) and taken.request.key == 1
    assert queue.take() == DeferredWrite(0, "picture 0")
    taken = queue.take()
    assert isinstance(taken, TakenRequest) and not taken.picture_wanted
    # Only so many wait (each holds a picture); past that the worker writes at once.
    for row in range(MAX_DEFERRED_WRITES):
        assert queue.defer(DeferredWrite(row, row))
    assert not queue.defer(DeferredWrite(99, 99))
    # Stopped, the queue still hands out the writes (the pictures are made), then retires.
    queue.clear()
    handed = []
    while (taken := queue.take()) is not None:
        handed.append(taken)
    assert handed == [DeferredWrite(row, row) for row in range(MAX_DEFERRED_WRITES)]
    assert queue.workers() == 0


def test_the_background_fill_reports_in_batches_and_caches_everything(
    qtbot, open_grid, big_kit: Path
) -> None:
    tab = open_grid(big_kit)
    assert tab.model is not None and tab.view is not None
    first_screen, _near = tab.view.viewport_rows() or ([], [])
    loader = tab.model.loader
    pictures: list[int] = []
    batches: list[list[int]] = []
    loader.ready.connect(lambda row, _image, _warning: pictures.append(row))
    loader.cached.connect(lambda batch: batches.append([row for row, _warning in batch]))
    qtbot.waitUntil(lambda: tab.progress.text() == "300 stills", timeout=30000)
    qtbot.waitUntil(lambda: loader.queue.workers() == 0)
    # Pictures travel to the UI thread only for tiles a view asked for; the rest of the kit
    # is reported made, in fewer signals than stills.
    background = [row for batch in batches for row in batch]
    assert set(background) | set(pictures) | set(first_screen) == set(range(STILLS))
    assert not set(pictures) & set(background)
    assert len(batches) < len(background)
    cache = loader.cache
    assert cache is not None
    assert len(list(cache.folder.rglob("*.thumb"))) == STILLS


def test_a_timer_driven_scroll_that_keeps_the_loop_busy_still_updates_the_viewport(
    qtbot, open_grid, big_kit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kinetic scrolling moves the grid from a timer; when each step outlasts the interval the
    # event loop never idles, and the grid must still learn where it is between steps.
    import time

    from PySide6.QtCore import QTimer

    tab = open_grid(big_kit)
    assert tab.view is not None
    reports: list[int] = []
    real = StillsModel.set_viewport

    def set_viewport(model: StillsModel, viewport: Viewport) -> None:
        reports.append(viewport.visible[0] if viewport.visible else -1)
        real(model, viewport)

    monkeypatch.setattr(StillsModel, "set_viewport", set_viewport)
    bar = tab.view.verticalScrollBar()
    steps = {"left": 30}

    def step() -> None:
        time.sleep(0.012)  # work that takes longer than the timer's interval, then the move
        bar.setValue(bar.value() + 40)
        steps["left"] -= 1
        if steps["left"] == 0:
            ticker.stop()

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(10)
    ticker.timeout.connect(step)
    ticker.start()
    qtbot.waitUntil(lambda: steps["left"] == 0, timeout=10000)
    assert len(reports) >= 8  # about every other step, not only once the scroll stops
