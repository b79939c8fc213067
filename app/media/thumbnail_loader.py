"""The stills grid's thumbnails: decoded on a pool thread straight to tile size, kept in a
disk cache (:mod:`app.media.thumbnails`) so a kit's second opening shows them at once.

The loader owns a priority queue (:mod:`app.media.thumbnail_queue`): tiles on screen first, the
ones scrolled away dropped or demoted before they are decoded, then the rest of the kit in the
background. Each pool thread takes the next request itself when it finishes one, so the pool
never idles waiting for the UI thread and never holds more decodes than it has threads. Results
come back to the UI thread by signal.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSize,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.thumbnail_queue import (
    DeferredWrite,
    TakenRequest,
    ThumbnailQueue,
    ThumbnailRequest,
)
from app.media.thumbnails import (
    mark_pixel_ratio,
    store_thumbnail,
    thumbnail_from_cache,
    whole_logical_pixels,
)
from app.media.worker import lock_handed_back_sooner
from app.model.media_headers import truncation_warning
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache

log = logging.getLogger(__name__)

CACHED_BATCH = 200  # background-fill cache hits reported per signal (or every 50 ms)

# How much lower than the UI thread the pool's threads are scheduled, as a nice value (Linux).
WORKER_NICENESS = 5


def lower_thread_priority() -> None:
    """Schedule the calling pool thread below the UI thread, so that the UI thread has a core
    the moment it wakes and the pool has what the UI thread leaves.

    On Linux a thread is scheduled on its own: its nice value is raised to 5 (``setpriority``
    on its thread id). Not the idle class (``SCHED_IDLE``), which runs a thread only on a core
    nothing else wants: a pool thread preempted there while it holds the interpreter lock keeps
    the UI thread waiting for the lock until the core is free again, however long that is. In
    tests/benchmarks/bench_gallery.py the X server drawing a scroll at 200 % was enough: UI
    stalls of 43-413 ms, off the CPU, in five of eight runs. tests/benchmarks/probe_gil_inversion.py
    shows the inversion on its own: beside a busy process the UI thread's longest wait for the
    lock is ~1,370 ms with the pool thread in the idle class, ~276 ms at nice 19, ~40 ms at 10
    and ~16 ms at 5. Qt's thread priorities do nothing there for ordinary threads. Elsewhere
    ``setpriority`` would name the whole process, so Qt's low priority is asked for instead."""
    if sys.platform.startswith("linux"):
        native_id = threading.get_native_id()
        try:
            if os.getpriority(os.PRIO_PROCESS, native_id) < WORKER_NICENESS:
                os.setpriority(os.PRIO_PROCESS, native_id, WORKER_NICENESS)
        except OSError as exc:  # then the pool runs as before
            log.debug("cannot lower the thumbnail thread's priority: %s", exc)
        return
    thread = QThread.currentThread()
    if thread is not None:
        thread.setPriority(QThread.Priority.LowPriority)


class _ThumbnailRelay(QObject):
    """Carries results from the workers to the loader, queued onto the UI thread.

    Separate from the loader and parentless, so a worker never emits on a deleted object."""

    made = Signal(int, object, object)  # key, QImage, warning
    cached = Signal(object)  # [(key, warning)]: in the disk cache (background fill)
    failed = Signal(int, str)


class _Worker(QRunnable):
    """Takes requests from the queue until it is empty; never touches a widget."""

    def __init__(
        self,
        queue: ThumbnailQueue,
        relay: _ThumbnailRelay,
        box: QSize,
        cache: ThumbnailCache | None,
        pixel_ratio: float,
    ) -> None:
        super().__init__()
        self._queue = queue
        self._relay = relay
        self._box = QSize(box)
        self._cache = cache
        self._pixel_ratio = pixel_ratio
        self._batch: list[tuple[int, str | None]] = []  # background results not yet reported
        self._batch_started = 0.0

    def run(self) -> None:
        # Thumbnails of the background fill, which nobody is looking at, are reported in
        # batches, not one signal each: on a kit's second opening thousands are found in the
        # disk cache in a fraction of a second, and the UI thread must go on painting the tiles
        # on screen; on the first, each signal cost the UI thread a slot and a progress repaint.
        lower_thread_priority()
        try:
            while (taken := self._queue.take()) is not None:
                if isinstance(taken, DeferredWrite):
                    self._write(taken)
                elif self._already_cached(taken):
                    self._report_later(taken.request.key, truncation_warning(taken.request.path))
                elif taken.picture_wanted:
                    self._report_batch()
                    self._make_and_report(taken)
                else:
                    self._make_in_background(taken)
            self._report_batch()
        except RuntimeError:  # the relay is gone: the application is shutting down
            self._queue.clear()
        # Keys stay in flight until the UI thread has their results (see the loader).

    def _report_later(self, key: int, warning: str | None) -> None:
        if not self._batch:
            self._batch_started = time.monotonic()
        self._batch.append((key, warning))
        if len(self._batch) >= CACHED_BATCH or time.monotonic() - self._batch_started > 0.05:
            self._report_batch()

    def _report_batch(self) -> None:
        if self._batch:
            self._relay.cached.emit(self._batch)
            self._batch = []

    def _already_cached(self, taken: TakenRequest) -> bool:
        """Background fill of a still whose thumbnail is in the disk cache: nothing to do
        (it is read when its tile is shown)."""
        request = taken.request
        if taken.picture_wanted or self._cache is None or request.identity is None:
            return False
        key = self._cache.key(request.identity, self._box.width(), self._box.height())
        return self._cache.contains(key)

    def _make(self, taken: TakenRequest) -> tuple[QImage, str | None, DeferredWrite | None] | None:
        """The thumbnail read from the cache or decoded, its warning, and the cache write it
        still needs; None when it cannot be made (reported here)."""
        request = taken.request
        cache = self._cache if request.identity is not None else None
        box, ratio = self._box, self._pixel_ratio
        try:
            image = None
            if cache is not None:
                assert request.identity is not None
                image = thumbnail_from_cache(request.path, request.identity, box, cache, ratio)
            stored = image is not None
            if image is None:
                image = whole_logical_pixels(decode_to_fit(request.path, box), ratio)
            mark_pixel_ratio(image, ratio)
            warning = truncation_warning(request.path)
        except ImageDecodeError as exc:
            self._relay.failed.emit(request.key, str(exc))
            return None
        except Exception:  # a bug must not kill the worker (and with it the grid)
            log.exception("thumbnail of %s", request.path)
            self._relay.failed.emit(request.key, "cannot be decoded")
            return None
        if cache is None or stored:
            return image, warning, None
        assert request.identity is not None
        key = cache.key(request.identity, box.width(), box.height())
        return image, warning, DeferredWrite(request.key, (key, image))

    def _make_and_report(self, taken: TakenRequest) -> None:
        """A thumbnail for the screen: reported at once; its cache write comes later (see
        :meth:`ThumbnailQueue.defer`) unless enough writes wait already."""
        made = self._make(taken)
        if made is None:
            return
        image, warning, write = made
        self._relay.made.emit(taken.request.key, image, warning)
        if write is not None and not self._queue.defer(write):
            self._write(write)

    def _make_in_background(self, taken: TakenRequest) -> None:
        """A thumbnail nobody is looking at: cached, then reported in a batch."""
        made = self._make(taken)
        if made is None:
            return
        _image, warning, write = made
        if write is not None:
            self._write(write)
        self._report_later(taken.request.key, warning)

    def _write(self, write: DeferredWrite) -> None:
        if self._cache is None:
            return
        # The queue keeps the payload opaque; this worker made it in _make, so its type is known.
        key, image = cast("tuple[str, QImage]", write.payload)
        try:
            store_thumbnail(self._cache, key, image)
        except Exception:  # a bug must not kill the worker; the thumbnail is made again
            log.exception("caching thumbnail %s", write.key)


def _requests(items: Iterable[tuple[int, Path, SourceIdentity | None]]) -> list[ThumbnailRequest]:
    return [ThumbnailRequest(key, path, identity) for key, path, identity in items]


class _FillScan(QRunnable):
    """Splits a background fill into the stills already in the disk cache and those to make.

    On a kit's second opening every still is cached: checked one by one in the queue (a stat
    and the queue's bookkeeping each, in Python on both pool threads) that took 160-450 ms
    at 2,000 stills, and the GIL it held made the grid's paints 2-3x slower while the first
    scroll ran. One listing of the cache and one loop on one thread take ~20 ms."""

    def __init__(
        self,
        loader: ThumbnailLoader,
        items: Iterable[tuple[int, Path, SourceIdentity | None]],
        cache: ThumbnailCache,
    ) -> None:
        super().__init__()
        self._queue = loader.queue
        self._relay = loader._relay
        self._start_workers = loader._start_workers
        self._items = items
        self._cache = cache
        self._box = QSize(loader.box)

    def run(self) -> None:
        lower_thread_priority()
        try:
            with lock_handed_back_sooner():  # a long stretch of Python: see there
                self._scan()
        except RuntimeError:  # the relay or loader is gone: the application is shutting down
            self._queue.clear()

    def _scan(self) -> None:
        requests = _requests(self._items)
        existing = self._cache.existing_keys()
        width, height = self._box.width(), self._box.height()
        to_make: list[ThumbnailRequest] = []
        batch: list[tuple[int, str | None]] = []
        # Asked for by a view since the fill was listed (the rows near the screen are):
        # delivered with their picture, or about to be.
        taken = self._queue.taken(request.key for request in requests)
        for request in requests:
            if request.key in taken:
                continue
            identity = request.identity
            if identity is None or self._cache.key(identity, width, height) not in existing:
                to_make.append(request)
                continue
            batch.append((request.key, truncation_warning(request.path)))
            if len(batch) >= CACHED_BATCH:
                self._report(batch)
                batch = []
        self._report(batch)
        self._start_workers(self._queue.fill(to_make))

    def _report(self, batch: list[tuple[int, str | None]]) -> None:
        if batch:
            self._relay.cached.emit(batch)


class ThumbnailLoader(QObject):
    """Makes thumbnails off the UI thread, visible tiles first.

    ``ready(key, image, warning)`` for each thumbnail made or read for the screen (warning
    "" when the picture is complete);
    ``cached([(key, warning), ...])`` for those the background fill made or found in the disk
    cache (not handed over: nobody is looking at them); ``failed(key, why)``.
    """

    ready = Signal(int, QImage, str)  # key, picture, warning ("" when complete)
    cached = Signal(object)  # [(key, warning)]
    failed = Signal(int, str)  # key, reason

    def __init__(
        self,
        box: QSize,
        parent: QObject | None = None,
        max_threads: int = 0,
        cache: ThumbnailCache | None = None,
        pixel_ratio: float = 1.0,
    ) -> None:
        super().__init__(parent)
        self.box = box
        self.cache = cache
        self.pixel_ratio = pixel_ratio  # thumbnails are whole logical pixels at this ratio
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self.queue = ThumbnailQueue(self.pool.maxThreadCount())
        self._relay = _ThumbnailRelay()
        self._relay.made.connect(self._on_relay_made)
        self._relay.cached.connect(self._on_relay_cached)
        self._relay.failed.connect(self._on_relay_failed)
        self._stopped = False

    def request(self, key: int, path: Path, identity: SourceIdentity | None = None) -> None:
        """A tile on screen wants its thumbnail (repeated calls while waiting are free)."""
        if not self._stopped:
            self._start_workers(self.queue.ask(ThumbnailRequest(key, path, identity)))

    def fill(self, items: Iterable[tuple[int, Path, SourceIdentity | None]]) -> None:
        """Make these in the background, when nothing on screen is waiting.

        A pool thread lists ``items`` (so it may be a generator: it must then read nothing the
        UI thread changes), sorts out those already in the disk cache (reported ``cached``),
        from one listing of the cache, and queues only the others to decode. Listing a
        2,000-still kit (each still's identity) took the UI thread 20-70 ms."""
        if self._stopped:
            return
        if self.cache is None:
            self._start_workers(self.queue.fill(_requests(items)))
            return
        self.pool.start(_FillScan(self, items, self.cache))

    def set_viewport(self, visible: Sequence[int], near: Collection[int]) -> None:
        """Re-prioritise after a scroll: see :meth:`ThumbnailQueue.set_viewport`."""
        dropped = self.queue.set_viewport(visible, near)
        if dropped:
            log.debug("dropped %d thumbnail requests scrolled away", len(dropped))

    def read_cached(
        self, path: Path, identity: SourceIdentity | None
    ) -> tuple[QImage, str | None] | None:
        """The thumbnail and its warning straight from the disk cache, on the calling thread
        (about 1 ms at 200 %, half that at 100 %); None when it is not cached."""
        if self.cache is None or identity is None or self._stopped:
            return None
        image = thumbnail_from_cache(path, identity, self.box, self.cache, self.pixel_ratio)
        if image is None:
            return None
        mark_pixel_ratio(image, self.pixel_ratio)
        return image, truncation_warning(path)

    def is_pending(self, key: int) -> bool:
        return self.queue.is_waiting(key)

    def pending_count(self) -> int:
        return self.queue.waiting()

    def stop(self) -> None:
        """Drop queued work and wait for what is running (called when the kit closes)."""
        self._stopped = True
        self.queue.clear()
        self.pool.waitForDone(5000)

    def _start_workers(self, count: int) -> None:
        for _ in range(count):
            self.pool.start(
                _Worker(self.queue, self._relay, self.box, self.cache, self.pixel_ratio)
            )

    @Slot(int, object, object)
    def _on_relay_made(self, key: int, image: QImage, warning: str | None) -> None:
        # Done only now: until the model has the picture, a repaint asking for it again must
        # not queue a second decode.
        self.queue.done(key)
        if not self._stopped:
            self.ready.emit(key, image, warning or "")

    @Slot(object)
    def _on_relay_cached(self, batch: list[tuple[int, str | None]]) -> None:
        for key, _warning in batch:
            self.queue.done(key)
        if not self._stopped:
            self.cached.emit(batch)

    @Slot(int, str)
    def _on_relay_failed(self, key: int, reason: str) -> None:
        self.queue.done(key)
        log.warning("thumbnail %s: %s", key, reason)
        if not self._stopped:
            self.failed.emit(key, reason)
