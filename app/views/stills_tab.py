"""Stills: the grid of the kit's stills with their captions, a footer that counts them (and the
selection), export, and the still viewer.

The parts live in ``app/views/stills/``: the grid's model (``grid_model``), its view
(``grid_view``); the Export button opens the story pack dialog (``app/views/export_dialog``).
This tab builds and connects them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.media.thumbnails import default_cache
from app.model.kit import PressKit, Still
from app.model.thumbnail_cache import ThumbnailCache
from app.model.times import WallClock
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.icons import set_icon_later
from app.views.stills.artwork_group import ArtworkGroup
from app.views.stills.grid_model import StillsModel, Viewport
from app.views.stills.grid_picking import GridPicking
from app.views.stills.grid_view import StillsGrid, tile_scale_for

if TYPE_CHECKING:
    from app.model.search import Hit
    from app.views.export_dialog import ExportDialog
    from app.views.still_viewer import StillViewer

log = logging.getLogger(__name__)


class StillsTab(KitTab):
    def __init__(
        self,
        kit: PressKit,
        settings: Settings,
        parent: QWidget | None = None,
        thumbnail_cache: ThumbnailCache | None = None,
        clock: WallClock | None = None,
    ) -> None:
        super().__init__(kit, settings, parent)
        self.clock = clock  # None: the computer's; what the embargo badges are judged by
        self.thumbnail_cache = thumbnail_cache  # None: the platform cache folder's
        self.model: StillsModel | None = None
        self.view: StillsGrid | None = None
        self.progress = QLabel(self)
        self.progress.setObjectName("statusText")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self._filling = False
        # The background fill starts from here, in the event loop turn after the paint that
        # showed the first screen complete: not inside the paint, which would reach the screen
        # only after the fill's setup, and not before it, when the pool threads' Python work
        # (the GIL) would only delay that paint.
        self._fill_timer = QTimer(self, singleShot=True, interval=0)
        self._fill_timer.timeout.connect(self._on_fill_timer_timeout)
        self.viewer: StillViewer | None = None
        self.artwork: ArtworkGroup | None = None  # the kit's artwork, after the stills
        self._viewer_grid: StillsGrid | None = None  # the grid the open viewer belongs to
        self.export_dialog: ExportDialog | None = None  # the story pack dialog last opened
        self._viewer_rows: list[int] = []  # the grid's row of each still the viewer pages
        self.picking: GridPicking | None = None  # picks, filter, compare (None in booth mode)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 12)
        if not kit.stills:
            self.progress.hide()
        if not kit.stills and not kit.artwork:
            self._layout.addWidget(empty_state("This press kit has no stills.", self))

    def showEvent(self, event: QShowEvent) -> None:
        shown_before = self._shown_once
        super().showEvent(event)
        if shown_before:
            # The app may stay open past an embargo: badges are worked out again on each return.
            for model in (self.model, self.artwork.model if self.artwork else None):
                if model is not None:
                    model.refresh_terms()

    def first_shown(self) -> None:
        scale = tile_scale_for(self)  # booth mode's larger font: larger tiles
        if self.kit.artwork:
            cache = self.thumbnail_cache or default_cache()
            self.artwork = ArtworkGroup(self.kit, cache, scale, self.clock, self)
            self.artwork.view.activated.connect(self._on_artwork_activated)
            self._layout.addWidget(self.artwork)
            # Space the grids do not fill goes under the artwork, not between the two groups.
            self._layout.addStretch(1)
        if not self.kit.stills:
            return
        self.model = StillsModel(
            self.kit,
            self.devicePixelRatioF(),
            self,
            self.thumbnail_cache or default_cache(),
            scale,
            self.clock,
        )
        # Nothing is asked for until the grid reports what is on screen, once laid out.
        self.model.set_viewport(Viewport())
        self.view = StillsGrid(self, scale)
        self.view.setModel(self.model)
        self.view.viewport_changed.connect(self.model.set_viewport)
        self.view.painted.connect(self._on_view_painted)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.progress_changed.connect(self._on_model_progress_changed)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setAccessibleName("Export a story pack of the stills")
        self.export_button.setToolTip(
            "Export a story pack (Ctrl+E): the selected, picked or all stills with their "
            "caption, credit and terms inside, credits.csv, a one-sheet and a contact sheet"
        )
        self.export_button.clicked.connect(self._on_export_clicked)
        set_icon_later(self.export_button, "mdi6.export")
        self.export_button.setVisible(not self.settings.locked_down)  # booth: no file dialogs
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.export_button)
        self._layout.insertWidget(0, self.view, 1)  # before the artwork group
        if self.artwork is not None:
            # A few stills leave the artwork right under them, not at the window's bottom
            # below an empty grid: the stills' grid is no taller than its tiles.
            # Measured after each paint (the tiles are laid out by then; the scroll range does
            # not change while everything fits, so it cannot tell); the same height is a no-op.
            self.view.painted.connect(self._fit_stills_height)
        self._layout.addLayout(bar)
        if not self.settings.locked_down:  # booth mode: no picks offered, nothing stored
            self.picking = GridPicking(self.kit, self.model, self.view, bar)
            self.picking.picks.changed.connect(self._on_selection_changed)
            self.picking.filter_box.currentIndexChanged.connect(self._on_selection_changed)
        # The first tile is current (the keyboard starts there) without being selected: the
        # footer counts a selection only when the person makes one.
        self.view.selectionModel().setCurrentIndex(
            self.model.index(0), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self._update_footer()
        # Reported before the first paint: a kit's second opening reads the visible tiles from
        # the disk cache first, and paints its first screen complete, once.
        self.view.report_viewport_soon()

    @Slot()
    def _fit_stills_height(self) -> None:
        if self.view is not None:
            self.view.setMaximumHeight(
                max(self.view.gridSize().height(), self.view.content_height())
            )

    # -- the background fill ------------------------------------------------------------------

    @Slot()
    def _on_view_painted(self) -> None:
        if not self._filling and self.model is not None and self.model.screen_is_made():
            self._filling = True
            self.view.painted.disconnect(self._on_view_painted)  # type: ignore[union-attr]
            self._fill_timer.start(0)

    @Slot()
    def _on_fill_timer_timeout(self) -> None:
        if self.model is not None:
            self.model.fill_in_background()
        if self.artwork is not None:  # after the stills: the pool works in request order
            self.artwork.model.fill_in_background()

    # -- the footer ---------------------------------------------------------------------------

    @Slot(int, int)
    def _on_model_progress_changed(self, made: int, total: int) -> None:
        self._update_footer()

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_footer()

    def _update_footer(self) -> None:
        if self.model is None:
            return
        total = len(self.model.stills)
        made = self.model.made_count()
        selected = len(self.selected_rows())
        if made < total:
            text = f"Preparing thumbnails: {made:,} / {total:,}"
            if selected:
                text += f" — {selected:,} selected"
        elif selected:
            text = f"{selected:,} of {total:,} selected"
        else:
            text = f"{total:,} stills"
        if self.model.problems:
            text += f" — {len(self.model.problems)} cannot be shown"
        if self.model.warnings:
            text += f" — {len(self.model.warnings)} incomplete"
        if self.picking is not None:
            text += self.picking.footer_note()
        self.progress.setText(text)

    # -- selection and export -----------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        if self.view is None:
            return []
        return sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})

    def selected_stills(self) -> list[Still]:
        if self.model is None:
            return []
        return [self.model.still_at(row) for row in self.selected_rows()]

    def selected_numbers(self) -> tuple[int, ...]:
        """The selected stills' numbers in the kit (from 1), as the story pack counts them."""
        from app.views.stills.export_flow import still_numbers  # the pack engine: when asked

        return still_numbers(self.kit, self.selected_stills())

    @Slot()
    def _on_export_clicked(self) -> None:
        # Imported when first asked for: the pack engine is not needed to show the grid.
        from app.views.export_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self.kit, self.selected_numbers(), self.clock)

    def reveal(self, hit: Hit) -> bool:
        """Select a ``stills #N`` or ``artwork #N`` hit's tile and scroll to it. A still the
        picks filter hides is shown: the filter goes back to all stills (the person asked to
        go there)."""
        grid = self.view
        if hit.field.group == "artwork":
            grid = self.artwork.view if self.artwork is not None else None
        row = (hit.field.number or 1) - 1
        if grid is None:
            return False
        if grid is self.view and grid.isRowHidden(row) and self.picking is not None:
            self.picking.filter_box.setCurrentIndex(0)
        index = grid.model().index(row, 0)
        if not index.isValid() or grid.isRowHidden(row):
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        grid.selectionModel().setCurrentIndex(index, flags)
        grid.scrollTo(index, grid.ScrollHint.PositionAtCenter)
        return True

    # -- the viewer ---------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        self.open_viewer(index.row())

    @Slot(QModelIndex)
    def _on_artwork_activated(self, index: QModelIndex) -> None:
        self.open_viewer(index.row(), artwork=True)

    def open_viewer(self, row: int, artwork: bool = False) -> None:
        """Open the viewer at ``row`` of the stills, or of the artwork (``artwork``)."""
        # Imported when first needed: most visits never open a still.
        from app.views.still_viewer import StillViewer

        group = self.artwork if artwork else None
        model = group.model if group is not None else self.model
        assert model is not None
        self._viewer_grid = group.view if group is not None else self.view
        # Under a filter (the picks, say) the viewer pages through the stills it shows.
        rows = self.view.shown_rows() if group is None and self.view is not None else []
        self._viewer_rows = rows if row in rows else list(range(len(model.stills)))
        # Locked down (booth mode), the viewer is a page over the booth window: a window of
        # its own would get a title bar, a minimise button and its credit cut off.
        viewer = StillViewer(
            [model.stills[shown] for shown in self._viewer_rows],
            self._viewer_rows.index(row),
            self.window(),
            settings=self.settings,
            embedded=self.settings.locked_down,
            kit=self.kit,
            clock=self.clock,
            # Picks are for the stills; the artwork is not picked.
            picks=self.picking.picks if self.picking is not None and not artwork else None,
            numbers=[shown + 1 for shown in self._viewer_rows],
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
        grid = self._viewer_grid  # the grid the viewer was opened from follows it
        if grid is not None and grid.model() is not None and row < len(self._viewer_rows):
            grid.setCurrentIndex(grid.model().index(self._viewer_rows[row], 0))

    def shutdown(self) -> None:
        if self.picking is not None:
            self.picking.shutdown()
        if self.model is not None:
            self.model.loader.stop()
        if self.artwork is not None:
            self.artwork.shutdown()
        if self.viewer is not None:
            self.viewer.close()
