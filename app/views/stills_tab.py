"""Stills: a model/view grid of the kit's stills with captions, and the still viewer."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Collection, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.media.thumbnails import ThumbnailLoader, default_cache
from app.media.worker import run_in_background
from app.model.export import ExportResult, export_stills, export_targets, exportable
from app.model.kit import PressKit, Still
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache
from app.settings import Settings
from app.views import palette
from app.views.base_tab import KitTab, empty_state
from app.views.icons import set_icon_later
from app.views.kit_text import kit_tooltip
from app.views.progress import CancellableProgress, progress_dialog

log = logging.getLogger(__name__)

TILE_WIDTH = 256  # logical pixels
TILE_IMAGE_HEIGHT = 144  # 16:9 tiles
TILE_TEXT_HEIGHT = 44
# Tile pictures held in memory; the rest of a large kit waits in the disk cache. About 130
# tiles at 200 % scaling, 440 at 100 %: several screens either way.
THUMBNAIL_MEMORY = 64 * 1024 * 1024
MIN_HELD_THUMBNAILS = 96
# Time the UI thread may spend per viewport change reading visible tiles' thumbnails from the
# disk cache itself (~1 ms each at 200 %). Opening the tab, or landing where nothing is held:
# about a screenful, so a kit's second opening paints its first screen complete, once,
# instead of placeholders and then each tile as a pool thread delivers it. While scrolling,
# less: the scroll step's repaint comes on top. Past it the pool reads the rest.
CACHED_READ_BUDGET_S = 0.04
CACHED_READ_SCROLL_BUDGET_S = 0.012

StillRole = Qt.ItemDataRole.UserRole + 1
ProblemRole = Qt.ItemDataRole.UserRole + 2


class StillsModel(QAbstractListModel):
    """One row per still. Thumbnails are requested when a view first asks for a tile, and the
    rest of the kit is made in the background; only the tiles on and near the screen are held
    in memory (up to :data:`THUMBNAIL_MEMORY`), the others come back from the disk cache."""

    progress_changed = Signal(int, int)  # made, total

    def __init__(
        self,
        kit: PressKit,
        device_pixel_ratio: float,
        parent: QWidget | None = None,
        cache: ThumbnailCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.kit = kit
        self.stills = list(kit.stills)
        self.ratio = device_pixel_ratio
        box = QSize(
            round(TILE_WIDTH * device_pixel_ratio), round(TILE_IMAGE_HEIGHT * device_pixel_ratio)
        )
        self.loader = ThumbnailLoader(
            box, self, cache=cache or default_cache(), pixel_ratio=device_pixel_ratio
        )
        self.loader.ready.connect(self._on_loader_ready)
        self.loader.cached.connect(self._on_loader_cached)
        self.loader.failed.connect(self._on_loader_failed)
        # Least recently shown first; rows near the viewport are never evicted.
        self.thumbnails: OrderedDict[int, QPixmap] = OrderedDict()
        self.capacity = max(
            MIN_HELD_THUMBNAILS, THUMBNAIL_MEMORY // (box.width() * box.height() * 4)
        )
        self.made: set[int] = set()  # rows whose thumbnail exists (in memory or on disk)
        self.problems: dict[int, str] = {
            row: still.problem for row, still in enumerate(self.stills) if still.problem
        }
        self._placeholder = self._make_placeholder(QColor(palette.TILE_PLACEHOLDER))
        self._broken_tiles: dict[int, QPixmap] = {}
        self.warnings: dict[int, str] = {}
        self._near: frozenset[int] | None = None  # None until a view reports its viewport
        self._visible: frozenset[int] = frozenset()
        self._not_cached: set[int] = set()  # rows the disk cache did not have when looked for

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
            pixmap = self.thumbnails.get(row)
            if pixmap is not None:
                self.thumbnails.move_to_end(row)
                return pixmap
            if row in self.problems:
                return self._broken_tile(row)
            # With a viewport reported, only tiles near it are asked for: Qt also asks for the
            # last row's decoration just to size the tiles, which must not start a decode.
            if self._near is None or row in self._near:
                self._request(row)
            return self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips guess rich text: kit text is escaped to show literally.
            if row in self.problems:
                return kit_tooltip(f"{still.file_text}: {self.problems[row]}")
            if row in self.warnings:
                return kit_tooltip(f"⚠ {still.file_text}: {self.warnings[row]}")
            return kit_tooltip("\n".join(t for t in (still.caption, still.credit) if t))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return still.alt or still.caption or still.file_text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return still.caption or ""
        if role == StillRole:
            return still
        if role == ProblemRole:
            return self.problems.get(row)
        return None

    def _request(self, row: int) -> None:
        still = self.stills[row]
        if still.file is not None and row not in self.problems:
            self.loader.request(row, still.file.path, self.identity(still))

    def set_viewport(self, visible: Sequence[int], near: Collection[int]) -> None:
        """The view scrolled or resized: ``visible`` rows in reading order, ``near`` the rows
        worth holding (visible plus about a screen above and below)."""
        self._near = frozenset(near)
        self._visible = frozenset(visible)
        self._evict()
        self._read_cached_now(visible)
        for row in visible:
            if row not in self.thumbnails:
                self._request(row)
        self.loader.set_viewport(visible, self._near)

    def _read_cached_now(self, rows: Sequence[int]) -> None:
        """Visible tiles' thumbnails that are in the disk cache, read here and now (within
        :data:`CACHED_READ_BUDGET_S`): the paint that follows shows them all at once."""
        landing = not any(row in self.thumbnails for row in rows)
        budget = CACHED_READ_BUDGET_S if landing else CACHED_READ_SCROLL_BUDGET_S
        deadline = time.perf_counter() + budget
        before = self.made_count()
        for row in rows:
            if row in self.thumbnails or row in self.problems or row in self._not_cached:
                continue
            if time.perf_counter() > deadline:
                break
            still = self.stills[row]
            if still.file is None:
                continue
            cached = self.loader.read_cached(still.file.path, self.identity(still))
            if cached is None:
                self._not_cached.add(row)  # the pool makes it; not looked for again
                continue
            self.made.add(row)
            self._hold(row, *cached)
        if self.made_count() != before:
            self.progress_changed.emit(self.made_count(), len(self.stills))

    def fill_in_background(self) -> None:
        """Make every thumbnail not made yet, after what is on screen (progress counts them)."""
        self.loader.fill(
            (row, still.file.path, self.identity(still))
            for row, still in enumerate(self.stills)
            if still.file is not None and row not in self.problems and row not in self.made
        )

    def identity(self, still: Still) -> SourceIdentity:
        """A zip member is known by the archive and its name, size and CRC, so reopening
        the archive (into a new temporary folder) finds the same cached thumbnails."""
        assert still.file is not None
        member = self.kit.archive_members.get(still.file.relative)
        if member is not None and self.kit.source is not None:
            name, size, crc = member
            return SourceIdentity.for_archive_member(self.kit.source, name, size, crc)
        return SourceIdentity.for_file(still.file.path, still.file.size, still.file.mtime_ns)

    def is_made(self, row: int) -> bool:
        return row in self.made or row in self.problems

    def made_count(self) -> int:
        return len(self.made) + len(self.problems)

    def _broken_tile(self, row: int) -> QPixmap:
        """A tile that says why the still cannot be shown, instead of a picture."""
        if row not in self._broken_tiles:
            pixmap = self._make_placeholder(QColor(palette.TILE_BROKEN))
            painter = QPainter(pixmap)
            painter.setPen(QColor(palette.TILE_BROKEN_TEXT))
            font = painter.font()
            font.setPixelSize(13)
            painter.setFont(font)
            area = QRect(12, 10, TILE_WIDTH - 24, TILE_IMAGE_HEIGHT - 20)
            text = f"⚠ Cannot be shown\n{self.problems.get(row, '')}"
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            painter.end()
            self._broken_tiles[row] = pixmap
        return self._broken_tiles[row]

    def _make_placeholder(self, color: QColor) -> QPixmap:
        pixmap = QPixmap(int(TILE_WIDTH * self.ratio), int(TILE_IMAGE_HEIGHT * self.ratio))
        pixmap.fill(color)
        pixmap.setDevicePixelRatio(self.ratio)
        return pixmap

    @Slot(int, object, object)
    def _on_loader_ready(self, row: int, image: object, warning: object) -> None:
        """A thumbnail made or read: held when its tile is on or near the screen."""
        first = row not in self.made
        self.made.add(row)
        self._not_cached.discard(row)  # cached now, or about to be
        if isinstance(image, QImage) and (self._near is None or row in self._near):
            self._hold(row, image, warning if isinstance(warning, str) else None)
        elif isinstance(warning, str):
            self.warnings[row] = warning
        if first:
            self.progress_changed.emit(self.made_count(), len(self.stills))

    def _hold(self, row: int, image: QImage, warning: str | None) -> None:
        """Keep ``row``'s thumbnail in memory and repaint its tile."""
        if warning is not None:
            self.warnings[row] = warning
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.ratio)
        if warning is not None:
            _draw_warning_badge(pixmap)
        self.thumbnails[row] = pixmap
        self._evict()
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    @Slot(object)
    def _on_loader_cached(self, batch: list[tuple[int, str | None]]) -> None:
        """Thumbnails the background fill made or found in the disk cache: made, to be read
        when their tiles are shown."""
        before = len(self.made)
        for row, warning in batch:
            self.made.add(row)
            self._not_cached.discard(row)
            if warning is not None:
                self.warnings[row] = warning
            # Scrolled to while the fill held it (a request then waits for it): read it now.
            if row in self._visible and row not in self.thumbnails:
                self._request(row)
        if len(self.made) != before:
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
        near = self._near or frozenset()
        for row in list(self.thumbnails):
            if excess <= 0:
                break
            if row not in near:
                del self.thumbnails[row]
                excess -= 1

    def still_at(self, row: int) -> Still:
        return self.stills[row]


class ExistingFiles(Enum):
    REPLACE = "replace"
    KEEP = "keep"


def replace_or_keep_box(parent: QWidget, folder: Path, existing: list[str]) -> QMessageBox:
    """The question with buttons that answer it: Replace / Keep existing / Cancel."""
    shown = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Replace existing files?")
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names are data, never markup
    box.setText(
        f"{len(existing)} file(s) already exist in {folder}: {shown}\n\n"
        "Replace them, or keep them and export only the others?"
    )
    box.setInformativeText(
        "Either way, credits.csv and captions.txt are updated to list every still in the folder."
    )
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    replace.setObjectName("replaceExisting")
    keep = box.addButton("Keep existing", QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepExisting")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)  # the answer that loses nothing
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_replace_or_keep(parent: QWidget, folder: Path, existing: list[str]) -> ExistingFiles | None:
    """None: cancelled."""
    box = replace_or_keep_box(parent, folder, existing)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    box.deleteLater()
    if name == "replaceExisting":
        return ExistingFiles.REPLACE
    if name == "keepExisting":
        return ExistingFiles.KEEP
    return None


def _draw_warning_badge(pixmap: QPixmap) -> None:
    """A small amber ⚠ in the tile's corner: the picture is there, but incomplete."""
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = 26
    badge = QRect(8, 8, size, size)
    painter.setBrush(QColor(palette.AMBER))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(badge)
    painter.setPen(QColor(palette.ON_AMBER))
    font = painter.font()
    font.setPixelSize(17)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()


class StillsGrid(QListView):
    """The stills as tiles in icon mode; tells which rows are on and near the screen, and
    when it has painted."""

    viewport_changed = Signal()
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stillsGrid")
        self.setAccessibleName("Stills")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(TILE_WIDTH, TILE_IMAGE_HEIGHT))
        self.setGridSize(QSize(TILE_WIDTH + 20, TILE_IMAGE_HEIGHT + TILE_TEXT_HEIGHT + 20))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setSpacing(0)
        # Always there, so its appearing never narrows the viewport after the first paint:
        # that re-laid the tiles and painted the whole grid a second time (10 ms at 200 %)
        # while the first screen's thumbnails were being decoded, and made them jump.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_bar_changed)
        bar.rangeChanged.connect(self._on_scroll_bar_changed)

    @Slot()
    def _on_scroll_bar_changed(self) -> None:
        self.viewport_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.viewport_changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def viewport_rows(self) -> tuple[list[int], list[int]] | None:
        """Rows visible now in reading order, and the rows within a screen above or below;
        None while the view has not laid its tiles out yet."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return [], []
        self.executeDelayedItemsLayout()  # a layout Qt has only scheduled, done now
        first = self.visualRect(model.index(0, 0))
        line_height = self.gridSize().height()
        height = self.viewport().height()
        if first.isEmpty() or line_height <= 0 or height <= 0:
            return None
        columns = self._columns(count, first.top())
        first_line = max(0, -first.top() // line_height)
        last_line = max(first_line, (height - 1 - first.top()) // line_height)
        screen = last_line - first_line + 1
        visible = list(range(first_line * columns, min(count, (last_line + 1) * columns)))
        near_first = max(0, first_line - screen) * columns
        near = list(range(near_first, min(count, (last_line + 1 + screen) * columns)))
        return visible, near

    def _columns(self, count: int, top: int) -> int:
        """Tiles per line: those laid out at the first tile's height."""
        model = self.model()
        columns = 1
        while columns < count and self.visualRect(model.index(columns, 0)).top() == top:
            columns += 1
        return columns


class StillsTab(KitTab):
    def __init__(
        self,
        kit: PressKit,
        settings: Settings,
        parent: QWidget | None = None,
        thumbnail_cache: ThumbnailCache | None = None,
    ) -> None:
        super().__init__(kit, settings, parent)
        self.thumbnail_cache = thumbnail_cache  # None: the platform cache folder's
        self.model: StillsModel | None = None
        self.view: StillsGrid | None = None
        self._filling = False
        self._screen_painted = False  # the grid has painted with every visible tile made
        # Coalesces the scroll bar's many changes into one re-prioritisation per event loop turn.
        self._viewport_timer = QTimer(self, singleShot=True, interval=0)
        self._viewport_timer.timeout.connect(self._on_viewport_timer_timeout)
        # The background fill starts from here, in the event loop turn after that paint: not
        # inside the paint, which would reach the screen only after the fill's setup.
        self._fill_timer = QTimer(self, singleShot=True, interval=0)
        self._fill_timer.timeout.connect(self._start_filling_when_screen_made)
        self.viewer: QWidget | None = None
        self.export_running = False
        self.last_export: ExportResult | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        if not kit.stills:
            layout.addWidget(empty_state("This press kit has no stills.", self))

    def first_shown(self) -> None:
        if not self.kit.stills:
            return
        self.model = StillsModel(self.kit, self.devicePixelRatioF(), self, self.thumbnail_cache)
        self.model.set_viewport([], [])  # the grid reports what is on screen once laid out
        self.view = StillsGrid(self)
        self.view.setModel(self.model)
        self.view.viewport_changed.connect(self._on_view_viewport_changed)
        self.view.painted.connect(self._on_view_painted)
        self.view.activated.connect(self._on_view_activated)
        self.progress = QLabel(self)
        self.progress.setObjectName("statusText")
        self.model.progress_changed.connect(self._on_model_progress_changed)
        self._on_model_progress_changed(self.model.made_count(), len(self.kit.stills))
        self.export_button = QPushButton("Export…", self)
        self.export_button.setAccessibleName("Export the selected stills with their credits")
        self.export_button.setToolTip(
            "Export the selected stills (Ctrl+A selects all) as original files, with "
            "credits.csv and captions.txt"
        )
        self.export_button.clicked.connect(self._on_export_clicked)
        set_icon_later(self.export_button, "mdi6.export")
        self.export_button.setVisible(not self.settings.locked_down)  # booth: no file dialogs
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.export_button)
        self.layout().addWidget(self.view, 1)
        self.layout().addLayout(bar)
        if self.view.model().rowCount():
            self.view.setCurrentIndex(self.model.index(0))
        self._viewport_timer.start(0)

    @Slot()
    def _on_view_viewport_changed(self) -> None:
        # Not restarted when already pending: a timer started again is due only in the event
        # loop's next pass, and a scroll driven by a timer (kinetic scrolling) that keeps the
        # loop busy restarted it in every pass, so it never fired and no tile scrolled to was
        # asked for until the scroll stopped.
        if not self._viewport_timer.isActive():
            self._viewport_timer.start(0)

    @Slot()
    def _on_viewport_timer_timeout(self) -> None:
        if self.view is None or self.model is None:
            return
        rows = self.view.viewport_rows()
        if rows is None:  # not laid out yet (e.g. hidden)
            self._viewport_timer.start(20)
            return
        visible, near = rows
        self.model.set_viewport(visible, near)
        self._start_filling_when_screen_made()

    def _screen_made(self) -> bool:
        if self.model is None or self.view is None:
            return False
        rows = self.view.viewport_rows()
        return rows is not None and all(self.model.is_made(row) for row in rows[0])

    @Slot()
    def _on_view_painted(self) -> None:
        if not self._screen_painted and self._screen_made():
            self._screen_painted = True
            self._fill_timer.start(0)

    @Slot()
    def _start_filling_when_screen_made(self) -> None:
        """The rest of the kit in the background, once the first screen's tiles are made and
        painted: until then the pool threads' Python work (the GIL) and the fill's setup here
        would only delay that paint."""
        if self._filling or not self._screen_painted or not self._screen_made():
            return
        assert self.model is not None
        self._filling = True
        self.model.fill_in_background()

    @Slot(int, int)
    def _on_model_progress_changed(self, made: int, total: int) -> None:
        self._start_filling_when_screen_made()
        failed = len(self.model.problems) if self.model else 0
        text = (
            f"{total:,} stills" if made >= total else f"Preparing thumbnails: {made:,} / {total:,}"
        )
        if failed:
            text += f" — {failed} cannot be shown"
        incomplete = len(self.model.warnings) if self.model else 0
        if incomplete:
            text += f" — {incomplete} incomplete"
        self.progress.setText(text)

    def selected_stills(self) -> list[Still]:
        if self.view is None or self.model is None:
            return []
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.still_at(row) for row in rows]

    @Slot()
    def _on_export_clicked(self) -> None:
        stills = exportable(self.selected_stills())
        if not stills:
            QMessageBox.information(
                self, "Nothing to export", "Select the stills to export first (Ctrl+A: all)."
            )
            return
        folder = QFileDialog.getExistingDirectory(self, "Export stills to a folder")
        if folder:
            self.export_to(Path(folder), stills)

    def export_to(self, folder: Path, stills: list[Still]) -> None:
        """Export on a pool thread behind a progress dialog; ask before replacing files."""
        existing = [path.name for path in export_targets(stills, folder) if path.exists()]
        skip_existing = False
        if existing:
            choice = ask_replace_or_keep(self, folder, existing)
            if choice is None:
                return
            skip_existing = choice is ExistingFiles.KEEP
        dialog = progress_dialog(f"Exporting {len(stills)} stills…", "Export", self)
        relay = CancellableProgress(dialog)
        self.export_running = True

        def finished(result: object) -> None:
            dialog.close()
            dialog.deleteLater()
            self.export_running = False
            assert isinstance(result, ExportResult)
            self.last_export = result
            self._report_export(folder, result)

        run_in_background(
            lambda: export_stills(stills, folder, skip_existing, relay.report),
            finished,
            owner=self,
        )

    def _report_export(self, folder: Path, result: ExportResult) -> None:
        written = ", ".join(result.written) or "none"
        if result.error:
            QMessageBox.warning(
                self,
                "Export stopped",
                f"Writing to {folder} failed: {result.error}.\n\nFiles written: {written}. "
                "No partial file was left behind.",
            )
        elif result.cancelled:
            QMessageBox.information(
                self, "Export cancelled", f"Files written before cancelling: {written}."
            )

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        self.open_viewer(index.row())

    def open_viewer(self, row: int) -> None:
        from app.views.still_viewer import StillViewer

        assert self.model is not None
        # Locked down (booth mode), the viewer is a page over the booth window: a window of
        # its own would get a title bar, a minimise button and its credit cut off.
        viewer = StillViewer(
            self.model.stills,
            row,
            self.window(),
            settings=self.settings,
            embedded=self.settings.locked_down,
        )
        viewer.current_changed.connect(self._on_viewer_current_changed)
        # The viewer deletes itself on close; forget it then, or shutdown would touch freed memory.
        viewer.destroyed.connect(self._on_viewer_destroyed)
        viewer.finished.connect(self._on_viewer_destroyed)
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = viewer
        log.info("still viewer opened at still #%d%s", row + 1, " (embedded)" * viewer.embedded)
        viewer.show()
        if viewer.embedded:
            viewer.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_viewer_destroyed(self) -> None:
        self.viewer = None

    @Slot(int)
    def _on_viewer_current_changed(self, row: int) -> None:
        if self.view is not None and self.model is not None:
            self.view.setCurrentIndex(self.model.index(row))

    def shutdown(self) -> None:
        if self.model is not None:
            self.model.loader.stop()
        if self.viewer is not None:
            self.viewer.close()
