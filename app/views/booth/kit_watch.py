"""``--booth-watch DIR``: takes a new kit dropped into DIR while the booth runs.

A timer polls the folder: QFileSystemWatcher relies on inotify (or the platform's like), which
sees nothing on most network folders (SMB, NFS) where a press office shares its kits, and it
reports the first byte of a copy, not its end. Listing and checking a kit run on pool threads
(a network folder may answer slowly, and a kit's archive takes seconds to extract); the UI only
learns the outcome. The newest good kit waits in :attr:`pending` until the booth is idle and
takes it (:meth:`take_pending`); a waiting kit overtaken by a newer one is closed at once, and
so its extraction folder removed.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from app.media.worker import run_in_background
from app.model.booth_watch import (
    KitCheck,
    StableFiles,
    ZipState,
    check_kit,
    list_zips,
    log_bad_kit,
)
from app.model.clock import Clock

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0


class KitWatch(QObject):
    kit_pending = Signal()  # a newer good kit waits for the booth's next idle moment

    def __init__(
        self,
        folder: Path,
        clock: Clock,
        stable: StableFiles,
        running: KitCheck | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.clock = clock
        self.stable = stable
        # The version of the kit on screen when it came from the folder: only a newer one
        # replaces it. A kit given on the command line gives way to any good one.
        self.running_state: ZipState | None = running.state if running else None
        self.pending: KitCheck | None = None
        self.checked = 0  # versions checked since the start, good or bad (for tests and logs)
        self._listing = False
        self._checking = False
        self._folder_unreadable = False
        self._queue: deque[tuple[Path, ZipState]] = deque()
        self._last_poll: float | None = None
        self._stopped = False
        # The booth's own pool: a slow network folder must not hold up thumbnail decoding.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setInterval(int(POLL_SECONDS * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._unsubscribe = clock.on_advance(self.poll)

    @property
    def idle(self) -> bool:
        """Nothing is being listed or checked, and nothing waits to be."""
        return not (self._listing or self._checking or self._queue)

    def start(self) -> None:
        log.info("booth watch: watching %s for new kits", self.folder)
        self._timer.start()
        self.poll()

    def shutdown(self) -> None:
        """Stop watching and remove the waiting kit's extraction (a check still running is
        closed when it ends)."""
        self._stopped = True
        self._timer.stop()
        self._unsubscribe()
        self._queue.clear()
        if self.pending is not None and self.pending.opened is not None:
            self.pending.opened.close()
        self.pending = None

    def take_pending(self) -> KitCheck | None:
        """The kit to show now (the booth is idle), which becomes the running one."""
        check, self.pending = self.pending, None
        if check is not None:
            self.running_state = check.state
        return check

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        now = self.clock.now()
        if self._stopped or self._listing:
            return
        if self._last_poll is not None and now - self._last_poll < POLL_SECONDS:
            return
        self._last_poll = now
        self._listing = True
        folder = self.folder
        run_in_background(
            lambda: list_zips(folder),
            lambda listing: self._on_listed(listing, now),
            self._on_list_failed,
            pool=self._pool,
        )

    def _on_listed(self, listing: dict[Path, ZipState], now: float) -> None:
        self._listing = False
        if self._folder_unreadable:
            log.info("booth watch: %s can be read again", self.folder)
            self._folder_unreadable = False
        if self._stopped:
            return
        for path, state in self.stable.update(listing, now):
            self._queue.append((path, state))
        self._check_next()

    def _on_list_failed(self, error: Exception) -> None:
        self._listing = False
        # Logged at each poll would fill the log while a share is down: once until it is back.
        log.log(
            logging.DEBUG if self._folder_unreadable else logging.WARNING,
            "booth watch: cannot read %s: %s",
            self.folder,
            error,
        )
        self._folder_unreadable = True

    def _check_next(self) -> None:
        if self._checking or not self._queue or self._stopped:
            return
        path, state = self._queue.popleft()
        if not self._newer(state):
            log.info("booth watch: %s is not newer than the kit on screen; not used", path)
            self._check_next()
            return
        self._checking = True
        log.info("booth watch: checking %s", path)
        run_in_background(
            lambda: check_kit(path, state),
            self._on_checked,
            lambda error: self._on_check_failed(path, error),
            pool=self._pool,
        )

    def _newer(self, state: ZipState) -> bool:
        best = self.pending.state if self.pending is not None else self.running_state
        return best is None or state.mtime_ns > best.mtime_ns

    def _on_checked(self, check: KitCheck) -> None:
        self._checking = False
        self.checked += 1
        if self._stopped or not check.good:
            if check.opened is not None:
                check.opened.close()
            if not check.good:
                log_bad_kit(check)
            self._check_next()
            return
        if self._newer(check.state):
            if self.pending is not None and self.pending.opened is not None:
                log.info("booth watch: %s overtaken by %s", self.pending.path, check.path)
                self.pending.opened.close()
            self.pending = check
            log.info("booth watch: %s is good; it replaces the kit at the next reset", check.path)
            self.kit_pending.emit()
        elif check.opened is not None:
            check.opened.close()
        self._check_next()

    def _on_check_failed(self, path: Path, error: Exception) -> None:
        # check_kit turns bad kits into problems; this is a fault of ours. The version stays
        # marked as checked, so it is not tried again until it changes.
        self._checking = False
        self.checked += 1
        log.error("booth watch: checking %s failed: %r", path, error)
        self._check_next()
