"""The kit's artwork (key art variants, poster, logos, banners) as a group of its own after the
stills: a heading "Artwork", then a grid of the same tiles, thumbnails and viewer as the stills.

A grid of its own rather than more rows in the stills' grid: a list view in icon mode cannot
start a new line for a heading, so artwork would continue the last row of stills, unmarked.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.model.kit import Artwork, PressKit, Still
from app.model.thumbnail_cache import ThumbnailCache
from app.model.times import WallClock
from app.views.stills.grid_model import StillsModel, Viewport
from app.views.stills.grid_view import StillsGrid

log = logging.getLogger(__name__)

HEADING = "Artwork"
ARTWORK_ROWS_SHOWN = 1  # the artwork grid is one row of tiles high; more rows scroll


def artwork_as_still(art: Artwork) -> Still:
    """An artwork item as the grid and the viewer show it: its title as the caption (its
    caption when it has no title), its credit and alt text. It has no terms of its own: the
    kit's apply (its badge says so when the kit is under embargo)."""
    return Still(
        file_text=art.file_text,
        file=art.file,
        caption=art.title or art.caption,
        credit=art.credit,
        alt=art.alt or art.caption,
        problem=art.problem,
    )


class ArtworkGroup(QWidget):
    """The heading and the artwork grid; ``open_viewer`` is the tab's, given the items and
    the row activated."""

    def __init__(
        self,
        kit: PressKit,
        cache: ThumbnailCache,
        scale: float,
        clock: WallClock | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.items = [artwork_as_still(art) for art in kit.artwork]
        self.heading = QLabel(HEADING, self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setAccessibleName("Artwork")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.model = StillsModel(
            kit, parent.devicePixelRatioF(), self, cache, scale, clock, items=self.items
        )
        self.model.set_viewport(Viewport())
        self.view = StillsGrid(self, scale)
        self.view.setAccessibleName("Artwork")
        self.view.setModel(self.model)
        self.view.viewport_changed.connect(self.model.set_viewport)
        grid = self.view.gridSize()
        self.view.setFixedHeight(grid.height() * ARTWORK_ROWS_SHOWN + 2 * self.view.frameWidth())
        # As tall as the heading and one row of tiles: never stretched by the tab's layout.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        self.view.report_viewport_soon()

    def shutdown(self) -> None:
        self.model.loader.stop()
