"""Picking in the stills tab: the keys on the grid's selection, the "Show:" filter and the
Compare button in the tab's bar, and the compare view they open.

Never built in booth mode: a visitor's screen offers no picks and stores nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton

from app.model.kit import PressKit, Still
from app.model.picks import Change, PicksFilter, PicksStore
from app.views.base_tab import copy_to_clipboard
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.stills.grid_model import StillsModel, caption_with_credit
from app.views.stills.grid_picks import FILTERS, PicksController, filter_box
from app.views.stills.grid_view import StillsGrid

if TYPE_CHECKING:
    from app.views.stills.compare import CompareView

log = logging.getLogger(__name__)

COMPARE_MIN, COMPARE_MAX = 2, 4


class GridPicking(QObject):
    """Connects a stills grid to the kit's picks, and owns the filter and compare controls."""

    def __init__(
        self,
        kit: PressKit,
        model: StillsModel,
        grid: StillsGrid,
        bar: QHBoxLayout,
        store: PicksStore | None = None,
    ) -> None:
        super().__init__(grid)
        self.kit = kit
        self.model = model
        self.grid = grid
        self.picks = PicksController(store or PicksStore.for_kit(kit), self)
        model.set_picks(self.picks)
        grid.picks_enabled = True
        grid.pick_requested.connect(self._on_grid_pick_requested)
        grid.compare_requested.connect(self.open_compare)
        grid.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.picks.changed.connect(self._on_picks_changed)
        self.picks.not_saved.connect(self._on_picks_not_saved)
        self.filter: PicksFilter = PicksFilter()
        label = QLabel("Show:", grid.parentWidget())
        label.setObjectName("statusText")
        self.filter_box: QComboBox = filter_box(grid.parentWidget() or grid)
        label.setBuddy(self.filter_box)
        self.filter_box.currentIndexChanged.connect(self._on_filter_box_current_index_changed)
        self.compare_button = QPushButton("Compare", grid.parentWidget())
        self.compare_button.setObjectName("compareStills")
        self.compare_button.setAccessibleName("Compare the selected stills side by side")
        self.compare_button.setToolTip("Compare 2 to 4 selected stills side by side (C)")
        self.compare_button.clicked.connect(self.open_compare)
        set_icon_later(self.compare_button, "mdi6.compare")
        self.compare_view: CompareView | None = None
        for position, widget in enumerate((label, self.filter_box, self.compare_button), 1):
            bar.insertWidget(position, widget)
        self._sync_compare_button()
        grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        grid.customContextMenuRequested.connect(self._on_grid_context_menu_requested)

    # -- the tiles' menu ----------------------------------------------------------------------

    @Slot(QPoint)
    def _on_grid_context_menu_requested(self, position: QPoint) -> None:
        menu = self.menu_for(self.grid.indexAt(position))
        if menu is not None:
            menu.exec(self.grid.viewport().mapToGlobal(position))
            menu.deleteLater()

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The menu of the tile at ``index``: copy its caption with its credit, and pick,
        rate or compare the selection (the tile joins it, or becomes it, as in a file
        manager)."""
        if not index.isValid():
            return None
        selection = self.grid.selectionModel()
        if not selection.isSelected(index):
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        still = self.model.still_at(index.row())
        menu = QMenu(self.grid)
        copy = menu.addAction("Copy caption with credit")
        copy.triggered.connect(lambda: self._copy_caption(still))
        menu.addSeparator()
        for label, change in (
            ("Pick\tP", Change(flag="picked")),
            ("Reject\tX", Change(flag="rejected")),
            ("Unflag\tU", Change(flag="none")),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, change=change: self._apply(change))
        stars = menu.addMenu("Stars")
        for n in range(6):
            action = stars.addAction(f"{'★' * n or 'No stars'}\t{n}")
            action.triggered.connect(lambda _=False, n=n: self._apply(Change(stars=n)))
        menu.addSeparator()
        compare = menu.addAction("Compare\tC")
        compare.setEnabled(self.compare_button.isEnabled())
        compare.triggered.connect(self.open_compare)
        return menu

    def _apply(self, change: Change) -> None:
        self.picks.apply(change, self.selected_stills())

    def _copy_caption(self, still: Still) -> None:
        copy_to_clipboard(caption_with_credit(still))
        confirm(self.grid, "Caption copied, with its credit.")

    # -- marks --------------------------------------------------------------------------------

    def selected_stills(self) -> list[Still]:
        rows = sorted({index.row() for index in self.grid.selectionModel().selectedIndexes()})
        if not rows and self.grid.currentIndex().isValid():
            rows = [self.grid.currentIndex().row()]  # the keyboard's tile, as photo editors do
        return [self.model.still_at(row) for row in rows]

    @Slot(Change)
    def _on_grid_pick_requested(self, change: Change) -> None:
        stills = self.selected_stills()
        if stills:
            self.picks.apply(change, stills)

    @Slot(list)
    def _on_picks_changed(self, stills: list[Still]) -> None:
        if self.filter.kind != "all":
            self.apply_filter()

    @Slot(str)
    def _on_picks_not_saved(self, reason: str) -> None:
        confirm(self.grid, reason)

    # -- the filter ---------------------------------------------------------------------------

    @Slot(int)
    def _on_filter_box_current_index_changed(self, index: int) -> None:
        self.filter = FILTERS[max(0, index)][1]
        log.info("stills: showing %s", self.filter.describe())
        self.apply_filter()

    def apply_filter(self) -> None:
        hidden = {
            row
            for row in range(self.model.rowCount())
            if not self.filter.accepts(self.model.mark_at(row))
        }
        self.grid.set_hidden_rows(hidden)

    def shown_count(self) -> int:
        return len(self.grid.shown_rows())

    def footer_note(self) -> str:
        """What the tab's footer adds while a filter hides stills: ``— 3 shown (picks)``."""
        if self.filter.kind == "all":
            return ""
        return f" — {self.shown_count():,} shown ({self.filter.describe()})"

    # -- compare ------------------------------------------------------------------------------

    @Slot()
    def _on_selection_changed(self) -> None:
        self._sync_compare_button()

    def _sync_compare_button(self) -> None:
        count = len(self.grid.selectionModel().selectedIndexes())
        self.compare_button.setEnabled(COMPARE_MIN <= count <= COMPARE_MAX)

    @Slot()
    def open_compare(self) -> None:
        rows = sorted({index.row() for index in self.grid.selectionModel().selectedIndexes()})
        if not COMPARE_MIN <= len(rows) <= COMPARE_MAX:
            confirm(self.grid, "Select 2 to 4 stills to compare them.")
            return
        # Imported when first needed: most visits never compare.
        from app.views.stills.compare import CompareView

        if self.compare_view is not None:
            self.compare_view.close()
        view = CompareView(
            [(row + 1, self.model.still_at(row)) for row in rows],
            self.picks,
            self.grid.window(),
        )
        view.destroyed.connect(self._on_compare_destroyed)
        self.compare_view = view
        log.info("compare opened with stills %s", ", ".join(f"#{row + 1}" for row in rows))
        view.show()
        # The keys pressed next are for it (the pick keys, Esc), not for the grid.
        view.raise_()
        view.activateWindow()

    @Slot()
    def _on_compare_destroyed(self) -> None:
        self.compare_view = None

    def shutdown(self) -> None:
        if self.compare_view is not None:
            self.compare_view.close()
