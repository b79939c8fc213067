"""A watched folder of kits for a booth that runs all day: which .zip is ready, and is it good.

A publicist drops a new edition into the folder (a copy, a sync client, a network share) while
the booth runs. A file is taken only after its size and modification time have stayed the same
for :data:`STABLE_SECONDS`: a copy in progress grows, and a sync client touches the file until it
is done. A kit is good when it opens and has no error ``presskit validate`` would report; a bad
one is checked once per version of the file (its size and time), never again until it changes.

Pure Python with no Qt: the booth's views poll with a timer and run :func:`check_kit` on a pool
thread; tests drive :class:`StableFiles` with any clock.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import NamedTuple

from app.model.opening import KitOpenError, OpenedKit, in_archive, open_kit_location
from app.model.problems import Problem, Severity

log = logging.getLogger(__name__)

STABLE_SECONDS = 5.0


class ZipState(NamedTuple):
    """One version of a file: any write changes its size or modification time."""

    size: int
    mtime_ns: int


def list_zips(folder: Path) -> dict[Path, ZipState]:
    """The .zip files directly in ``folder`` (not hidden ones: sync clients and editors write
    their temporary copies under a dot name). Raises OSError when the folder cannot be read."""
    found: dict[Path, ZipState] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.lower().endswith(".zip"):
                continue
            try:
                if not entry.is_file():
                    continue
                stat = entry.stat()
            except OSError:  # removed between the listing and the look
                continue
            found[Path(entry.path)] = ZipState(stat.st_size, stat.st_mtime_ns)
    return found


def newest_first(listing: dict[Path, ZipState]) -> list[tuple[Path, ZipState]]:
    """Newest modification time first; the same time by name, so the order never varies."""
    return sorted(listing.items(), key=lambda item: (-item[1].mtime_ns, item[0].name))


class StableFiles:
    """Which files have kept one size and time for ``stable_seconds`` and were not checked in
    that version yet. Feed it every listing with the clock's reading."""

    def __init__(self, stable_seconds: float = STABLE_SECONDS) -> None:
        self.stable_seconds = stable_seconds
        self._seen: dict[Path, tuple[ZipState, float]] = {}  # version and since when
        self._checked: dict[Path, ZipState] = {}

    def mark_checked(self, path: Path, state: ZipState) -> None:
        self._checked[path] = state

    def update(self, listing: dict[Path, ZipState], now: float) -> list[tuple[Path, ZipState]]:
        """The files that became ready to check with this listing, newest first."""
        ready: dict[Path, ZipState] = {}
        for path, state in listing.items():
            seen = self._seen.get(path)
            if seen is None or seen[0] != state:
                self._seen[path] = (state, now)  # new, or changed: its 5 s start again
                continue
            if now - seen[1] >= self.stable_seconds and self._checked.get(path) != state:
                self._checked[path] = state
                ready[path] = state
        for gone in set(self._seen) - set(listing):
            del self._seen[gone]
            self._checked.pop(gone, None)
        return newest_first(ready)


class KitCheck(NamedTuple):
    """What checking one version of a .zip found: the opened kit when it is good (its
    extraction is then the caller's to close), else the problems that make it bad."""

    path: Path
    state: ZipState
    opened: OpenedKit | None
    problems: tuple[Problem, ...] = ()

    @property
    def good(self) -> bool:
        return self.opened is not None


def check_kit(path: Path, state: ZipState) -> KitCheck:
    """Open and validate ``path`` (slow: extracts the archive; run it off the UI thread)."""
    from app.model.validate import check_headers

    try:
        opened = open_kit_location(path)
    except KitOpenError as exc:
        return KitCheck(path, state, None, tuple(exc.problems))
    except OSError as exc:
        return KitCheck(path, state, None, (Problem(Severity.ERROR, path.name, str(exc)),))
    try:
        extra = in_archive(check_headers(opened.result.kit), opened.archive_prefix)
        errors = tuple(p for p in [*opened.result.problems, *extra] if p.is_error)
        changed = _changed_since(path, state)
    except Exception:
        opened.close()
        raise
    if changed:
        errors += (Problem(Severity.ERROR, path.name, "changed while it was being checked"),)
    if errors:
        opened.close()
        return KitCheck(path, state, None, errors)
    return KitCheck(path, state, opened)


def _changed_since(path: Path, state: ZipState) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return True
    return ZipState(stat.st_size, stat.st_mtime_ns) != state


def log_bad_kit(check: KitCheck) -> None:
    log.warning(
        "booth watch: %s is not used (%d problem(s)); it is checked again when it changes",
        check.path,
        len(check.problems),
    )
    for problem in check.problems:
        # A member's problem names the member (presskit.yaml:12: …); say which archive.
        where = "" if problem.file == check.path.name else f"in {check.path.name}: "
        log.warning("booth watch: %s%s", where, problem.format())


def newest_good_kit(
    folder: Path, stable: StableFiles, wall_now: float | None = None
) -> KitCheck | None:
    """At start: the newest good kit in ``folder`` among files not modified in the last
    ``stable.stable_seconds`` (one younger may still be being written: the watch takes it when
    it has settled). Every file checked is marked in ``stable``; bad ones are logged."""
    now = time.time() if wall_now is None else wall_now
    try:
        listing = list_zips(folder)
    except OSError as exc:
        log.warning("booth watch: cannot read %s: %s", folder, exc)
        return None
    settled_before = int((now - stable.stable_seconds) * 1_000_000_000)
    for path, state in newest_first(listing):
        if state.mtime_ns > settled_before:
            continue
        stable.mark_checked(path, state)
        check = check_kit(path, state)
        if check.good:
            log.info("booth watch: starting with %s, the newest good kit in %s", path, folder)
            return check
        log_bad_kit(check)
    return None
