"""The stills grid's model: one row per still, its thumbnail when one is held, and what the
tiles show about it (caption, sizes, why it cannot be shown, that it is incomplete).

Thumbnails are requested when a view first asks for a tile, and the rest of the kit is made in
the background; only the tiles on and near the screen are held in memory (up to
:data:`THUMBNAIL_MEMORY`), the others come back from the disk cache.

The viewport is the view's to measure and this model's to keep: the view reports a
:class:`Viewport` when it scrolls or resizes (``set_viewport``), and everything here that
depends on what is on screen (which tiles to hold, what to read now, whether the first screen
is made) reads that one record; nothing recomputes it.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPixmap

from app.media.thumbnail_loader import ThumbnailLoader
from app.media.thumbnails import default_cache
from app.media.worker import lock_handed_back_sooner, run_in_background
from app.model.kit import PressKit, Still
from app.model.media_headers import MediaInfo, check_media
from app.model.picks import BLANK, Mark, still_key
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache
from app.model.times import SystemWallClock, WallClock
from app.views.kit_text import kit_tooltip
from app.views.stills.grid_picks import PicksController
from app.views.stills.terms import TileTerms, terms_by_row

log = logging.getLogger(__name__)

# Tile geometry in logical pixels at the normal font size; booth mode scales it with its font.
TILE_WIDTH = 256
TILE_IMAGE_HEIGHT = 144  # 16:9 tiles
# Tile pictures held in memory; the rest of a large kit waits in the disk cache. About 130
# tiles at 200 % scaling, 440 at 100 %: several screens either way.
THUMBNAIL_MEMORY = 64 * 1024 * 1024
MIN_HELD_THUMBNAILS = 96
# Time the UI thread may spend reading visible tiles' thumbnails from the disk cache itself
# (~1 ms each at 200 %) when it lands where nothing is held: opening the tab, or a jump. About a
# screenful, so a kit's second opening paints its first screen complete, once, instead of
# placeholders and then each tile as a pool thread delivers it. Not while scrolling: there the
# reads came on top of each scroll step's repaint (12-19 ms of a 33 ms frame at 200 %, measured
# with tests/benchmarks/bench_gallery.py), and the pool reads the rows about to come into view
# ahead of the scroll instead (``set_viewport`` asks for the rows near the screen).
CACHED_READ_BUDGET_S = 0.04
# Thumbnails the pool delivered, turned into pixmaps and repainted per event loop turn: at
# most this many, and no more once this much time has gone (at least one). The rest wait for
# the next turn, after the paint and whatever else is due (a scroll step), so a burst of
# results (both workers reading the disk cache while scrolling) never adds up to one long turn.
MAX_DELIVERED_PER_TURN = 6
DELIVERY_BUDGET_S = 0.004

StillRole = Qt.ItemDataRole.UserRole + 1
ProblemRole = Qt.ItemDataRole.UserRole + 2
WarningRole = Qt.ItemDataRole.UserRole + 3
TermsRole = Qt.ItemDataRole.UserRole + 4  # a TileTerms: the still's badge, or None
PickRole = Qt.ItemDataRole.UserRole + 5  # a Mark: the person's pick and stars (None in booth)


class Tile(NamedTuple):
    """What a tile paints, read in one call (:meth:`StillsModel.tile`): each ``data()`` role
    is a round trip through Qt, and a scroll step paints a screenful of tiles."""

    picture: QPixmap | None  # None: not held (yet)
    problem: str | None  # why it cannot be shown
    warning: str | None  # shown, but incomplete
    terms: TileTerms | None
    mark: Mark | None  # None: no picks (booth mode)
    caption: str


@dataclass(frozen=True)
class Viewport:
    """Rows visible now in reading order, and those worth holding (visible plus about a screen
    above and below)."""

    visible: tuple[int, ...] = ()
    near: frozenset[int] = frozenset()
    # Reported in the middle of a scroll (the scroll bar moved and had moved just before), as
    # opposed to a landing: opening, a resize, a jump.
    scrolling: bool = False


class TileState(IntEnum):
    UNKNOWN = 0  # not looked for yet
    NOT_CACHED = 1  # looked for in the disk cache, not there: the pool makes it
    MADE = 2  # a thumbnail exists (in memory or in the disk cache)


def rows_ahead(viewport: Viewport) -> list[int]:
    """The rows near the screen that are not visible, farthest from the visible ones first:
    asked for in this order, the nearest is the newest request, which the queue takes first."""
    if not viewport.visible:
        return []
    first, last = viewport.visible[0], viewport.visible[-1]
    around = [row for row in viewport.near if row < first or row > last]
    return sorted(around, key=lambda row: max(first - row, row - last), reverse=True)


def format_bytes(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size:,} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size:,} bytes"


def caption_with_credit(still: Still) -> str:
    """What "Copy caption" puts on the clipboard: ``Caption — Credit``, on one line as a
    caption field takes it; the kit's text exactly (diacritics, spacing inside kept)."""
    caption = (still.caption or still.file_text).strip()
    credit = (still.credit or "").strip()
    return f"{caption} — {credit}" if credit else caption


def describe_size(pixels: QSize | None, file_bytes: int | None) -> str:
    """``4000 × 2250 px · 3.1 MB``; what is not known is left out."""
    parts = []
    if pixels is not None and pixels.isValid():
        parts.append(f"{pixels.width():,} × {pixels.height():,} px")
    if file_bytes is not None:
        parts.append(format_bytes(file_bytes))
    return " · ".join(parts)


class StillsModel(QAbstractListModel):
    progress_changed = Signal(int, int)  # made, total
    sizes_known = Signal()  # the stills' pixel sizes were read (tooltips show them)

    def __init__(
        self,
        kit: PressKit,
        device_pixel_ratio: float,
        parent: QObject | None = None,
        cache: ThumbnailCache | None = None,
        tile_scale: float = 1.0,
        clock: WallClock | None = None,
        items: Sequence[Still] | None = None,
    ) -> None:
        """``items``: the tiles to show (None: the kit's stills; the artwork group passes its
        artwork read as stills)."""
        super().__init__(parent)
        self.kit = kit
        self.stills = list(kit.stills if items is None else items)
        # Badges worked out for the whole kit at once, so a paint only looks them up; again by
        # refresh_terms() each time the tab is shown (an embargo may lift while the app is open).
        self.clock: WallClock = clock or SystemWallClock()
        self.terms: dict[int, TileTerms] = terms_by_row(kit, self.stills, self.clock.utc_now())
        self.ratio = device_pixel_ratio
        self.tile_size = QSize(
            round(TILE_WIDTH * tile_scale), round(TILE_IMAGE_HEIGHT * tile_scale)
        )
        box = self.tile_size * device_pixel_ratio
        self.loader = ThumbnailLoader(
            box, self, cache=cache or default_cache(), pixel_ratio=device_pixel_ratio
        )
        self.loader.ready.connect(self._on_loader_ready)
        self.loader.cached.connect(self._on_loader_cached)
        self.loader.failed.connect(self._on_loader_failed)
        # Least recently shown first; rows near the viewport are never evicted.
        self.thumbnails: OrderedDict[int, QPixmap] = OrderedDict()
        self.capacity = max(
            MIN_HELD_THUMBNAILS, THUMBNAIL_MEMORY // max(1, box.width() * box.height() * 4)
        )
        # Pictures delivered by the pool, not yet held: applied a few per event loop turn.
        self._arrived: dict[int, QImage] = {}
        self._delivery_timer = QTimer(self, singleShot=True, interval=0)
        self._delivery_timer.timeout.connect(self._on_delivery_timer_timeout)
        self._state = bytearray(len(self.stills))  # a TileState per row
        self._made_count = 0
        self.problems: dict[int, str] = {
            row: still.problem for row, still in enumerate(self.stills) if still.problem
        }
        self.warnings: dict[int, str] = {}
        self.pixel_sizes: dict[int, QSize] = {}
        self.viewport: Viewport | None = None  # None until a view reports one
        self.picks: PicksController | None = None  # None: no picks (booth mode)
        self._rows_by_key: dict[str, list[int]] = {}

    def set_picks(self, picks: PicksController) -> None:
        """Show ``picks`` on the tiles, repainting a tile whenever its mark changes."""
        self.picks = picks
        for row, still in enumerate(self.stills):
            self._rows_by_key.setdefault(still_key(still), []).append(row)
        picks.changed.connect(self._on_picks_changed)

    def mark_at(self, row: int) -> Mark:
        return self.picks.mark(self.stills[row]) if self.picks is not None else BLANK

    @Slot(list)
    def _on_picks_changed(self, stills: list[Still]) -> None:
        for still in stills:
            for row in self._rows_by_key.get(still_key(still), ()):
                index = self.index(row)
                self.dataChanged.emit(index, index, [PickRole])

    # -- what the view reads ------------------------------------------------------------------

    def refresh_terms(self) -> None:
        """Badges and their reasons as of now: an embargo that has lifted since the tab was
        built leaves its tiles (a still with its own terms keeps its terms badge), and "6 days
        from now" is said again. Only the rows whose terms changed are repainted."""
        terms = terms_by_row(self.kit, self.stills, self.clock.utc_now())
        changed = sorted(
            row for row in set(terms) | set(self.terms) if terms.get(row) != self.terms.get(row)
        )
        self.terms = terms
        for row in changed:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.stills)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        # Called by Qt for every painted tile: an exception here would abort the process.
        try:
            return self._data(index, role)
        except Exception:
            log.exception("stills model data(%s, %s)", index.row(), role)
            return None

    def _data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> object:
        if not index.isValid():
            return None
        row = index.row()
        still = self.stills[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return still.caption or still.file_text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._picture(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return still.alt or still.caption or still.file_text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            # What a sighted person reads off the tile's flag and stars, said too.
            marked = self.mark_at(row).describe()
            return "; ".join(part for part in (still.caption or "", marked) if part)
        if role == StillRole:
            return still
        if role == ProblemRole:
            return self.problems.get(row)
        if role == WarningRole:
            return self.warnings.get(row)
        if role == TermsRole:
            return self.terms.get(row)
        if role == PickRole:
            return self.mark_at(row) if self.picks is not None else None
        return None

    def _picture(self, row: int) -> QPixmap | None:
        """The row's thumbnail if held; if not, asked for (when near the screen)."""
        pixmap = self.thumbnails.get(row)
        if pixmap is not None:
            self.thumbnails.move_to_end(row)
            return pixmap
        # With a viewport reported, only tiles near it are asked for: Qt also asks for the
        # last row's decoration just to size the tiles, which must not start a decode.
        if self._wanted(row) and (self.viewport is None or row in self.viewport.near):
            self._request(row)
        return None

    def tile(self, row: int) -> Tile:
        """Everything the tile of ``row`` paints (the decoration, problem, warning, terms,
        pick and display roles in one)."""
        still = self.stills[row]
        return Tile(
            self._picture(row),
            self.problems.get(row),
            self.warnings.get(row),
            self.terms.get(row),
            self.mark_at(row) if self.picks is not None else None,
            still.caption or still.file_text,
        )

    def tooltip(self, row: int) -> str:
        """The whole caption (the tile shows two lines of it), the credit, the sizes.
        Tooltips guess rich text: kit text is escaped to show literally."""
        return kit_tooltip(self._tooltip_text(row))

    def _tooltip_text(self, row: int) -> str:
        still = self.stills[row]
        if row in self.problems:
            return f"{still.file_text}: {self.problems[row]}"
        lines = [text for text in (still.caption or still.file_text, still.credit) if text]
        size = describe_size(
            self.pixel_sizes.get(row), still.file.size if still.file is not None else None
        )
        if size:
            lines.append(size)
        if row in self.warnings:
            lines.append(f"⚠ {self.warnings[row]}")
        if row in self.terms:
            lines += self.terms[row].reasons
        return "\n".join(lines)

    def still_at(self, row: int) -> Still:
        return self.stills[row]

    @property
    def made(self) -> frozenset[int]:
        """Rows whose thumbnail exists (in memory or in the disk cache)."""
        return frozenset(row for row, state in enumerate(self._state) if state == TileState.MADE)

    def is_made(self, row: int) -> bool:
        return self._state[row] == TileState.MADE or row in self.problems

    def made_count(self) -> int:
        return self._made_count + len(self.problems)

    def screen_is_made(self) -> bool:
        """Every tile the view last reported visible has its thumbnail (or its problem), and
        none waits for its turn to be held (the next paint shows them all); not before the view
        has reported any."""
        visible = self.viewport.visible if self.viewport is not None else ()
        return bool(visible) and all(
            self.is_made(row) and row not in self._arrived for row in visible
        )

    # -- what the view reports ----------------------------------------------------------------

    def set_viewport(self, viewport: Viewport) -> None:
        """The view scrolled or resized: the visible tiles are asked for first, then the rest
        of the rows near the screen, nearest last (the queue takes the newest asked first)."""
        self.viewport = viewport
        self._evict()
        for row in [row for row in self._arrived if row not in viewport.near]:
            del self._arrived[row]  # scrolled away before its turn: read again if it comes back
        # A landing (see CACHED_READ_BUDGET_S), not a scroll going on: a fast drag outran the
        # pool's reads ahead, found nothing held on each new screen and read here for the
        # whole budget step after step (40-60 ms stalls at 200 %, seen with
        # tests/benchmarks/probe_gallery_stalls.py). Its tiles fill in from the pool instead.
        if not viewport.scrolling and not any(row in self.thumbnails for row in viewport.visible):
            self._read_cached_now(viewport.visible)
        for row in viewport.visible:
            if self._wanted(row):
                self._request(row)
        self.loader.set_viewport(viewport.visible, viewport.near)
        for row in rows_ahead(viewport):
            if self._wanted(row):
                self._request(row)

    def fill_in_background(self) -> None:
        """Make every thumbnail not made yet, after what is on screen (progress counts them),
        and read the stills' pixel sizes from their headers."""
        # Listed on a pool thread (2,000 identities took the UI thread 20-70 ms), from a
        # snapshot of what is made now: nothing the UI thread goes on changing is read there.
        made = bytes(self._state)
        problems = frozenset(self.problems)
        stills, identity = self.stills, self.identity
        self.loader.fill(
            (row, still.file.path, identity(still))
            for row, still in enumerate(stills)
            if still.file is not None and row not in problems and made[row] != TileState.MADE
        )
        paths = [(row, s.file.path) for row, s in enumerate(self.stills) if s.file is not None]

        def read_sizes() -> list[tuple[int, MediaInfo | None]]:
            with lock_handed_back_sooner():  # every still's header, in Python: see there
                return [(row, check_media(path, "image")[0]) for row, path in paths]

        run_in_background(read_sizes, self._on_sizes_read, owner=self)

    def identity(self, still: Still) -> SourceIdentity:
        """A zip member is known by the archive and its name, size and CRC, so reopening
        the archive (into a new temporary folder) finds the same cached thumbnails."""
        assert still.file is not None
        member = self.kit.archive_members.get(still.file.relative)
        if member is not None and self.kit.source is not None:
            name, size, crc = member
            return SourceIdentity.for_archive_member(self.kit.source, name, size, crc)
        return SourceIdentity.for_file(still.file.path, still.file.size, still.file.mtime_ns)

    # -- thumbnails ---------------------------------------------------------------------------

    def _wanted(self, row: int) -> bool:
        """Whether ``row``'s picture is still to be asked for: not held, not delivered and
        waiting for its turn, and not a still that cannot be shown."""
        return row not in self.thumbnails and row not in self._arrived and row not in self.problems

    def _request(self, row: int) -> None:
        still = self.stills[row]
        if still.file is not None:
            self.loader.request(row, still.file.path, self.identity(still))

    def _read_cached_now(self, rows: Sequence[int]) -> None:
        """Visible tiles' thumbnails that are in the disk cache, read here and now (within
        :data:`CACHED_READ_BUDGET_S`): the paint that follows shows them all at once."""
        deadline = time.perf_counter() + CACHED_READ_BUDGET_S
        before = self.made_count()
        for row in rows:
            if not self._wanted(row) or self._state[row] == TileState.NOT_CACHED:
                continue
            if time.perf_counter() > deadline:
                break
            still = self.stills[row]
            if still.file is None:
                continue
            cached = self.loader.read_cached(still.file.path, self.identity(still))
            if cached is None:
                self._state[row] = TileState.NOT_CACHED  # the pool makes it; not looked again
                continue
            self._mark_made(row)
            self._hold(row, *cached)
        if self.made_count() != before:
            self.progress_changed.emit(self.made_count(), len(self.stills))

    def _mark_made(self, row: int) -> bool:
        """True when ``row`` was not made before."""
        if self._state[row] == TileState.MADE:
            return False
        self._state[row] = TileState.MADE
        self._made_count += 1
        return True

    @Slot(int, QImage, str)
    def _on_loader_ready(self, row: int, image: QImage, warning: str) -> None:
        """A thumbnail made or read: held when its tile is on or near the screen, in the
        event loop turn's share of deliveries (see :data:`MAX_DELIVERED_PER_TURN`)."""
        first = self._mark_made(row)
        if warning:
            self.warnings[row] = warning
        if self.viewport is None or row in self.viewport.near:
            self._arrived[row] = image
            if not self._delivery_timer.isActive():
                self._delivery_timer.start(0)
        if first:
            self.progress_changed.emit(self.made_count(), len(self.stills))

    @Slot()
    def _on_delivery_timer_timeout(self) -> None:
        """Hold this turn's share of the delivered thumbnails, visible tiles first; the
        timer comes back for the rest in the next turn."""
        visible = set(self.viewport.visible) if self.viewport is not None else set()
        near = self.viewport.near if self.viewport is not None else None
        order = sorted(self._arrived, key=lambda row: row not in visible)
        deadline = time.perf_counter() + DELIVERY_BUDGET_S
        for count, row in enumerate(order):
            if count >= MAX_DELIVERED_PER_TURN or (count and time.perf_counter() > deadline):
                break
            image = self._arrived.pop(row)
            if near is None or row in near:  # else scrolled away meanwhile: not held
                self._hold(row, image, None)
        if self._arrived:
            self._delivery_timer.start(0)

    def _hold(self, row: int, image: QImage, warning: str | None) -> None:
        """Keep ``row``'s thumbnail in memory and repaint its tile."""
        if warning is not None:
            self.warnings[row] = warning
        pixmap = QPixmap.fromImage(image)
        if pixmap.devicePixelRatio() != self.ratio:  # the loader marks its images already
            pixmap.setDevicePixelRatio(self.ratio)
        self.thumbnails[row] = pixmap
        self._evict()
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    @Slot(object)
    def _on_loader_cached(self, batch: list[tuple[int, str | None]]) -> None:
        """Thumbnails the background fill made or found in the disk cache: made, to be read
        when their tiles are shown."""
        visible = self.viewport.visible if self.viewport is not None else ()
        added = 0
        for row, warning in batch:
            added += self._mark_made(row)
            if warning is not None:
                self.warnings[row] = warning
            # Scrolled to while the fill held it (a request then waits for it): read it now.
            if row in visible and self._wanted(row):
                self._request(row)
        if added:
            self.progress_changed.emit(self.made_count(), len(self.stills))

    @Slot(int, str)
    def _on_loader_failed(self, row: int, reason: str) -> None:
        self.problems[row] = reason
        self.thumbnails.pop(row, None)
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self.progress_changed.emit(self.made_count(), len(self.stills))

    def _evict(self) -> None:
        """Forget the least recently shown thumbnails beyond capacity, never those near the
        viewport: they stay in the disk cache and come back from there when scrolled to."""
        excess = len(self.thumbnails) - self.capacity
        if excess <= 0:
            return
        near = self.viewport.near if self.viewport is not None else frozenset()
        for row in list(self.thumbnails):
            if excess <= 0:
                break
            if row not in near:
                del self.thumbnails[row]
                excess -= 1

    def _on_sizes_read(self, sizes: list[tuple[int, MediaInfo | None]]) -> None:
        for row, info in sizes:
            if info is not None and info.width and info.height:
                self.pixel_sizes[row] = QSize(info.width, info.height)
        self.sizes_known.emit()
