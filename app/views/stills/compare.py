"""Compare 2–4 stills side by side (2: 1×2, 3: 1×3, 4: 2×2), zoom and pan kept in step.

The pane last clicked, wheeled or focused leads: the others take its zoom (the same share of
their originals' pixels, so 100 % is 100 % in every pane) and look at the same place, as a
fraction of each picture, so pictures of different sizes stay in proportion. A pane fitted
to its box makes the others fit theirs. The pick keys (Ctrl+P, Ctrl+X, Ctrl+U, Ctrl+0…5) act
on the leading pane's still.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.kit import Still
from app.views.icons import set_icon_later
from app.views.kit_text import window_title_text
from app.views.stills.compare_pane import ComparePane
from app.views.stills.grid_picks import PicksController, mark_text
from app.views.stills.viewer_keys import PickKeys, zoom_key

log = logging.getLogger(__name__)

# Panes per row for 2, 3 and 4 stills.
COLUMNS = {2: 2, 3: 3, 4: 2}


class CompareView(QDialog):
    """``stills``: (number in the kit from 1, still) for each, 2 to 4 of them."""

    def __init__(
        self,
        stills: Sequence[tuple[int, Still]],
        picks: PicksController | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not 2 <= len(stills) <= 4:
            raise ValueError(f"compare takes 2 to 4 stills, not {len(stills)}")
        self.setObjectName("compareView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        numbers = ", ".join(f"#{number}" for number, _ in stills)
        self.setWindowTitle(window_title_text(f"Compare stills {numbers}"))
        self.resize(1400, 860)
        self._syncing = False
        self.panes = [ComparePane(number, still, self) for number, still in stills]
        self.current = self.panes[0]
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("statusText")
        self.zoom_label.setAccessibleName("Zoom")
        fit = QPushButton("Fit", self)
        fit.setAccessibleName("Fit every still to its pane")
        fit.setToolTip("Fit every still to its pane (0)")
        fit.clicked.connect(self.fit)
        actual = QPushButton("100 %", self)
        actual.setAccessibleName("Show every still at actual size")
        actual.setToolTip("Every still at 100 % (1); + and - or the wheel zoom, drag to pan")
        actual.clicked.connect(self.actual_size)
        for button, icon in ((fit, "mdi6.fit-to-screen-outline"), (actual, "mdi6.magnify-scan")):
            button.setAutoDefault(False)
            set_icon_later(button, icon)
        self.pick_keys: PickKeys | None = None
        if picks is not None:
            self.pick_keys = PickKeys(self, picks, lambda: self.current.still)
            picks.changed.connect(self._on_picks_changed)
        toolbar = QHBoxLayout()
        hint = QLabel(
            "Ctrl+P pick · Ctrl+X reject · Ctrl+U unflag · Ctrl+0–5 stars: the highlighted still",
            self,
        )
        hint.setObjectName("statusText")
        toolbar.addWidget(hint)
        if self.pick_keys is not None:
            self.pick_keys.label.hide()  # each pane shows its own still's mark
        else:
            hint.hide()
        toolbar.addStretch(1)
        for widget in (self.zoom_label, fit, actual):
            toolbar.addWidget(widget)
        grid = QGridLayout()
        grid.setSpacing(8)
        columns = COLUMNS[len(self.panes)]
        for index, pane in enumerate(self.panes):
            grid.addWidget(pane, index // columns, index % columns)
            pane.chosen.connect(self._on_pane_chosen)
            pane.image_ready.connect(self._on_pane_image_ready)
            pane.canvas.zoom_changed.connect(lambda _zoom, pane=pane: self._follow(pane))
            for bar in (pane.canvas.horizontalScrollBar(), pane.canvas.verticalScrollBar()):
                bar.valueChanged.connect(lambda _value, pane=pane: self._follow(pane))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(toolbar)
        layout.addLayout(grid, 1)
        self._choose(self.panes[0])
        self._show_marks()
        for pane in self.panes:
            pane.load()

    # -- keeping the panes in step ------------------------------------------------------------

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Changes made here to keep panes in step do not lead in turn."""
        was = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = was

    def _follow(self, leader: ComparePane) -> None:
        """Every other pane to ``leader``'s zoom and place."""
        if self._syncing:
            return
        with self._quiet():
            for pane in self.panes:
                if pane is not leader:
                    self._align(pane, leader)
        self.zoom_label.setText(f"{leader.canvas.zoom() * 100:.0f} %")

    def _align(self, pane: ComparePane, leader: ComparePane) -> None:
        if leader.canvas.item.pixmap().isNull() or pane.canvas.item.pixmap().isNull():
            return
        if leader.canvas.fitting:
            if not pane.canvas.fitting:
                pane.canvas.fit()
            return
        pane.canvas.set_zoom(leader.canvas.zoom())
        pane.canvas.centre_on_fraction(leader.canvas.centre_fraction())

    def _on_pane_image_ready(self, pane: ComparePane, image: QImage, original_width: int) -> None:
        with self._quiet():
            pane.show_image(image, original_width)
            leader = self.current if self.current is not pane else None
            if leader is not None:
                self._align(pane, leader)
        if pane is self.current:
            self._follow(pane)  # the others follow the leader's new picture

    @Slot(object)
    def _on_pane_chosen(self, pane: ComparePane) -> None:
        self._choose(pane)

    def _choose(self, pane: ComparePane) -> None:
        if pane is self.current and pane.property("chosen"):
            return
        for other in self.panes:
            other.set_current(other is pane)
            other.setProperty("chosen", other is pane)
        self.current = pane
        if self.pick_keys is not None:
            self.pick_keys.refresh()

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def fit(self) -> None:
        self.current.canvas.fit()  # the others follow

    @Slot()
    def actual_size(self) -> None:
        self.current.canvas.actual_size()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc closes (QDialog's own); the zoom keys act on the leading pane, the others follow.
        if not zoom_key(event, self.current.canvas):
            super().keyPressEvent(event)

    @Slot(list)
    def _on_picks_changed(self, stills: list[Still]) -> None:
        self._show_marks()

    def _show_marks(self) -> None:
        picks = self.pick_keys.picks if self.pick_keys is not None else None
        for pane in self.panes:
            pane.mark_label.setVisible(picks is not None)
            if picks is not None:
                pane.mark_label.setText(mark_text(picks.mark(pane.still)))
