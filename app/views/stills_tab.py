"""Stills: a model/view grid of the kit's stills with captions, and the still viewer."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
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
from app.model.thumbnail_cache import SourceIdentity
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.icons import set_icon_later
from app.views.progress import CancellableProgress, progress_dialog

log = logging.getLogger(__name__)

TILE_WIDTH = 256  # logical pixels
TILE_IMAGE_HEIGHT = 144  # 16:9 tiles
TILE_TEXT_HEIGHT = 44

StillRole = Qt.ItemDataRole.UserRole + 1
ProblemRole = Qt.ItemDataRole.UserRole + 2


class StillsModel(QAbstractListModel):
    """One row per still; thumbnails are requested when a view first asks for a tile."""

    progress_changed = Signal(int, int)  # made, total

    def __init__(self, kit: PressKit, device_pixel_ratio: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.kit = kit
        self.stills = list(kit.stills)
        self.ratio = device_pixel_ratio
        box = QSize(
            int(TILE_WIDTH * device_pixel_ratio), int(TILE_IMAGE_HEIGHT * device_pixel_ratio)
        )
        self.loader = ThumbnailLoader(box, self, cache=default_cache())
        self.loader.ready.connect(self._on_loader_ready)
        self.loader.failed.connect(self._on_loader_failed)
        self.thumbnails: dict[int, QPixmap] = {}
        self.problems: dict[int, str] = {
            row: still.problem for row, still in enumerate(self.stills) if still.problem
        }
        self._placeholder = self._make_placeholder(QColor("#1b2532"))
        self._broken_tiles: dict[int, QPixmap] = {}
        self.warnings: dict[int, str] = {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.stills)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = index.row()
        still = self.stills[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return still.caption or still.file_text
        if role == Qt.ItemDataRole.DecorationRole:
            if row in self.thumbnails:
                return self.thumbnails[row]
            if row in self.problems:
                return self._broken_tile(row)
            if still.file is not None:
                self.loader.request(row, still.file.path, self.identity(still))
            return self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            if row in self.problems:
                return f"{still.file_text}: {self.problems[row]}"
            if row in self.warnings:
                return f"⚠ {still.file_text}: {self.warnings[row]}"
            return "\n".join(t for t in (still.caption, still.credit) if t)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return still.alt or still.caption or still.file_text
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return still.caption or ""
        if role == StillRole:
            return still
        if role == ProblemRole:
            return self.problems.get(row)
        return None

    def identity(self, still: Still) -> SourceIdentity:
        """A zip member is known by the archive and its name, size and CRC, so reopening
        the archive (into a new temporary folder) finds the same cached thumbnails."""
        assert still.file is not None
        member = self.kit.archive_members.get(still.file.relative)
        if member is not None and self.kit.source is not None:
            name, size, crc = member
            return SourceIdentity.for_archive_member(self.kit.source, name, size, crc)
        return SourceIdentity.for_file(still.file.path, still.file.size, still.file.mtime_ns)

    def made_count(self) -> int:
        return len(self.thumbnails) + len(self.problems)

    def _broken_tile(self, row: int) -> QPixmap:
        """A tile that says why the still cannot be shown, instead of a picture."""
        if row not in self._broken_tiles:
            pixmap = self._make_placeholder(QColor("#3a1e24"))
            painter = QPainter(pixmap)
            painter.setPen(QColor("#ffd7d2"))  # 11:1 on the tile's red-brown
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

    def _on_loader_ready(self, row: object, image: object, warning: object) -> None:
        assert isinstance(row, int) and isinstance(image, QImage)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.ratio)
        if isinstance(warning, str):
            self.warnings[row] = warning
            _draw_warning_badge(pixmap)
        self.thumbnails[row] = pixmap
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self.progress_changed.emit(self.made_count(), len(self.stills))

    def _on_loader_failed(self, row: object, reason: str) -> None:
        assert isinstance(row, int)
        self.problems[row] = reason
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self.progress_changed.emit(self.made_count(), len(self.stills))

    def still_at(self, row: int) -> Still:
        return self.stills[row]


def _draw_warning_badge(pixmap: QPixmap) -> None:
    """A small amber ⚠ in the tile's corner: the picture is there, but incomplete."""
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = 26
    badge = QRect(8, 8, size, size)
    painter.setBrush(QColor("#f0a24a"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(badge)
    painter.setPen(QColor("#1a1204"))
    font = painter.font()
    font.setPixelSize(17)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()


class StillsTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.model: StillsModel | None = None
        self.view: QListView | None = None
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
        self.model = StillsModel(self.kit, self.devicePixelRatioF(), self)
        self.view = QListView(self)
        self.view.setObjectName("stillsGrid")
        self.view.setAccessibleName("Stills")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(TILE_WIDTH, TILE_IMAGE_HEIGHT))
        self.view.setGridSize(QSize(TILE_WIDTH + 20, TILE_IMAGE_HEIGHT + TILE_TEXT_HEIGHT + 20))
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.view.setSpacing(0)
        self.view.setModel(self.model)
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
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.export_button)
        self.layout().addWidget(self.view, 1)
        self.layout().addLayout(bar)
        if self.view.model().rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    @Slot(int, int)
    def _on_model_progress_changed(self, made: int, total: int) -> None:
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
            shown = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
            answer = QMessageBox.question(
                self,
                "Replace existing files?",
                f"{len(existing)} file(s) already exist in {folder}: {shown}\n\n"
                "Replace them, or keep them and export only the others?",
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            skip_existing = answer == QMessageBox.StandardButton.No
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
        viewer = StillViewer(self.model.stills, row, self.window())
        viewer.current_changed.connect(self._on_viewer_current_changed)
        # The viewer deletes itself on close; forget it then, or shutdown would touch freed memory.
        viewer.destroyed.connect(self._on_viewer_destroyed)
        viewer.finished.connect(self._on_viewer_destroyed)
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = viewer
        viewer.show()

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
