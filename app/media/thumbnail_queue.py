"""The order in which the stills grid's thumbnails are made: what is on screen first.

Qt-free and thread-safe: the UI thread adds requests and re-prioritises them as the grid
scrolls; the pool's workers take the most urgent one each time they finish the last. Nothing is
handed to the pool in advance, so a request that stops mattering (its tile scrolled away) is
dropped or demoted before any decode starts, and no more decodes run than there are workers.

Three tiers, best first:

1. tiles visible now, in reading order;
2. tiles a view asked for recently (painted while scrolling past, or just above and below the
   viewport), newest first;
3. the background fill of the rest of the kit, nearest to the viewport first.

Between the second and third, the disk-cache writes of thumbnails made for the screen: a worker
defers them (up to a limit) so that a screen's decodes are not held up by encoding the ones
before them. Nothing here retires a worker while a write waits, so none is left behind.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections import deque
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from app.model.thumbnail_cache import SourceIdentity

VISIBLE, ASKED, BACKGROUND = 0, 1, 2
# Deferred cache writes held at most: each holds a tile's picture (about 500 KB at 200 %).
MAX_DEFERRED_WRITES = 48


class ThumbnailRequest:
    """One still's thumbnail, waiting or being made. Plain classes and NamedTuples here, not
    dataclasses: this module is on the start-up path, where importing ``dataclasses`` (and the
    ``inspect`` it pulls in) cost milliseconds of every start."""

    __slots__ = ("asked", "asked_order", "background", "identity", "key", "path", "stamp")

    def __init__(self, key: int, path: Path, identity: SourceIdentity | None) -> None:
        self.key = key  # the still's row in the grid
        self.path = path
        self.identity = identity  # None: not cached (no stable identity)
        self.asked = False  # a view asked for it (tiers 1 and 2)
        self.background = False  # part of the background fill (tier 3 when nothing better)
        self.asked_order = 0
        self.stamp = 0  # heap entries with an older stamp are stale

    def __repr__(self) -> str:
        return f"ThumbnailRequest({self.key}, {self.path!r}, asked={self.asked})"


class TakenRequest(NamedTuple):
    """What a worker gets: the request, and whether a picture is wanted now (it is on or near
    the screen) or only the assurance that the thumbnail exists (background fill)."""

    request: ThumbnailRequest
    picture_wanted: bool


class DeferredWrite(NamedTuple):
    """Work a worker put off until nothing on screen waits (opaque here: the worker's own)."""

    key: int
    payload: object


class ThumbnailQueue:
    def __init__(self, max_workers: int) -> None:
        self.max_workers = max(1, max_workers)
        self._lock = threading.Lock()
        self._entries: dict[int, ThumbnailRequest] = {}
        self._heap: list[tuple[tuple[int, int], int, int]] = []  # (rank, stamp, key)
        self._counter = itertools.count(1)
        self._visible: dict[int, int] = {}  # key -> reading-order position
        self._centre = 0  # background fill works outwards from this key
        self._in_flight: set[int] = set()
        # Keys whose result reached the UI thread. The background fill is listed on the UI
        # thread but queued from a pool thread after its cache scan; a key delivered in
        # between (its cache write perhaps still deferred, so the scan did not find it) would
        # otherwise be decoded a second time.
        self._delivered: set[int] = set()
        self._writes: deque[DeferredWrite] = deque()
        self._workers = 0
        self._stopped = False
        self.dropped = 0  # requests removed before they were decoded (for tests and logs)

    # -- UI thread ----------------------------------------------------------------------------

    def ask(self, request: ThumbnailRequest) -> int:
        """A view wants this thumbnail now. Returns how many workers to start."""
        with self._lock:
            if self._stopped or request.key in self._in_flight:
                return 0
            entry = self._entries.get(request.key)
            if entry is None:
                entry = request
                self._entries[request.key] = entry
            elif entry.asked:
                return 0  # asked again by the next paint: its place stands
            entry.asked = True
            entry.asked_order = next(self._counter)
            self._push(entry)
            return self._wanted_workers()

    def fill(self, requests: Iterable[ThumbnailRequest]) -> int:
        """Background fill: made when nothing on screen is waiting. Returns how many workers
        to start."""
        with self._lock:
            if self._stopped:
                return 0
            for request in requests:
                if request.key in self._in_flight or request.key in self._delivered:
                    continue
                entry = self._entries.get(request.key)
                if entry is None:
                    entry = request
                    self._entries[request.key] = entry
                entry.background = True
                self._push(entry)
            return self._wanted_workers()

    def set_viewport(self, visible: Sequence[int], near: Collection[int]) -> list[int]:
        """The grid scrolled: ``visible`` keys in reading order, ``near`` those worth keeping
        ready (visible plus a screen or so around). Requests a view asked for that are no longer
        near are dropped, or demoted to the background fill when they are part of it.
        Returns the dropped keys."""
        dropped: list[int] = []
        with self._lock:
            self._visible = {key: position for position, key in enumerate(visible)}
            if visible:
                self._centre = (visible[0] + visible[-1]) // 2
            for key, entry in list(self._entries.items()):
                if entry.asked and key not in near:
                    entry.asked = False
                    if not entry.background:
                        del self._entries[key]
                        dropped.append(key)
            self.dropped += len(dropped)
            self._rebuild()
            return dropped

    def clear(self) -> None:
        """Drop everything waiting; workers finish what they hold and then stop."""
        with self._lock:
            self._stopped = True
            self._entries.clear()
            self._heap.clear()

    # -- worker threads -----------------------------------------------------------------------
    # A key taken stays "in flight" until its result reaches the UI thread (``done``): the
    # number of decodes running at once is bounded by the workers, at most ``max_workers``.

    def take(self) -> TakenRequest | DeferredWrite | None:
        """The most urgent request, marked in flight, or a deferred write once nothing on
        screen waits; None retires the calling worker."""
        with self._lock:
            while self._heap and not self._stopped:
                rank, stamp, key = self._heap[0]
                entry = self._entries.get(key)
                if entry is None or entry.stamp != stamp:
                    heapq.heappop(self._heap)
                    continue  # stale: dropped or re-ranked since
                if rank[0] == BACKGROUND and self._writes:
                    break
                heapq.heappop(self._heap)
                del self._entries[key]
                self._in_flight.add(key)
                return TakenRequest(entry, picture_wanted=rank[0] != BACKGROUND)
            if self._writes:  # also once stopped: the pictures are made, keep them
                return self._writes.popleft()
            self._workers -= 1
            return None

    def defer(self, write: DeferredWrite) -> bool:
        """Put ``write`` off until nothing on screen waits; False when enough are waiting
        already (the worker does it now). Called by a running worker, which takes it later."""
        with self._lock:
            if len(self._writes) >= MAX_DEFERRED_WRITES:
                return False
            self._writes.append(write)
            return True

    def taken(self, keys: Iterable[int]) -> set[int]:
        """Those of ``keys`` a worker has taken (in flight) or whose result was delivered:
        the background fill's cache scan must not report them a second time."""
        with self._lock:
            return {key for key in keys if key in self._in_flight or key in self._delivered}

    def deferred(self) -> int:
        with self._lock:
            return len(self._writes)

    def done(self, key: int) -> None:
        """The result for ``key`` has been delivered (called on the UI thread)."""
        with self._lock:
            self._in_flight.discard(key)
            self._delivered.add(key)

    # -- either -------------------------------------------------------------------------------

    def is_waiting(self, key: int) -> bool:
        with self._lock:
            return key in self._entries or key in self._in_flight

    def waiting(self) -> int:
        with self._lock:
            return len(self._entries) + len(self._in_flight)

    def in_flight(self) -> int:
        with self._lock:
            return len(self._in_flight)

    def workers(self) -> int:
        with self._lock:
            return self._workers

    # -- under the lock -----------------------------------------------------------------------

    def _rank(self, entry: ThumbnailRequest) -> tuple[int, int]:
        position = self._visible.get(entry.key)
        if position is not None:
            return (VISIBLE, position)
        if entry.asked:
            return (ASKED, -entry.asked_order)
        return (BACKGROUND, abs(entry.key - self._centre))

    def _push(self, entry: ThumbnailRequest) -> None:
        entry.stamp = next(self._counter)
        heapq.heappush(self._heap, (self._rank(entry), entry.stamp, entry.key))

    def _rebuild(self) -> None:
        self._heap = []
        for entry in self._entries.values():
            entry.stamp = next(self._counter)
            self._heap.append((self._rank(entry), entry.stamp, entry.key))
        heapq.heapify(self._heap)

    def _wanted_workers(self) -> int:
        """Workers to start now (counted as running from here): one per waiting request, up
        to the limit."""
        wanted = max(0, min(self.max_workers - self._workers, len(self._entries)))
        self._workers += wanted
        return wanted
