"""The overview's presskit/1.1 parts seen on its first screen: the embargo banner, the terms
line and the row the laurels fill.

Start-up path: a kit with rights or awards (the bundled one has both) builds these before the
first paint, so they set Qt enums as numbers (app/views/qt_values.py) and never name ``Qt``.
The laurels themselves (app/views/laurel.py, plain Qt painting) are imported and built right
after the first paint, in a row whose height is reserved from the start so nothing moves when
they arrive. The screenings, with their calendar export, live in overview_screenings.py.
Imported by overview_tab.py only when a kit has one of these parts.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.model.kit import PressKit
from app.model.times import embargo_phrase, local_offset_at
from app.views.kit_text import KitLabel, display_text

if TYPE_CHECKING:
    from app.views.laurel import LaurelWidget

log = logging.getLogger(__name__)

# A banner the eye cannot miss: the material must not be published yet.
# A laurel's height (app/views/laurel.py's LAUREL_SIZE, checked by a test): the row reserves
# it before the laurels are built, so the facts below do not move when they arrive.
LAUREL_HEIGHT = 150
_LAUREL_ROW_SPACING = 8


def embargo_text(kit: PressKit, now: dt.datetime) -> str | None:
    """The banner's words while the kit as a whole is under embargo at ``now``, else None.

    An embargo the manifest wrote unreadably counts as in force (the model says so): the banner
    then says the time is unknown rather than printing a guess."""
    rights = kit.rights
    if rights is None or not kit.under_embargo(None, now):
        return None
    if rights.embargo is None:
        return "Embargoed: the kit's embargo time cannot be read, so treat it as in force"
    return embargo_phrase(rights.embargo, now, local_offset_at(now))


def terms_text(kit: PressKit) -> str | None:
    """``Terms: <usage> <copyright>`` when the kit has rights with words in them."""
    rights = kit.rights
    if rights is None:
        return None
    parts = [part for part in (rights.usage, rights.copyright) if part]
    return "Terms: " + " ".join(parts) if parts else None


def embargo_banner(kit: PressKit, now: dt.datetime, parent: QWidget) -> KitLabel | None:
    text = embargo_text(kit, now)
    if text is None:
        return None
    banner = KitLabel(text, parent=parent)
    # Styled by the app stylesheet: a stylesheet of its own gives a widget a style sheet style
    # of its own, ~1 ms of start-up each.
    banner.setObjectName("embargoBanner")
    banner.setWordWrap(True)
    banner.setAccessibleName(display_text(text))
    return banner


def terms_label(kit: PressKit, parent: QWidget) -> QLabel | None:
    text = terms_text(kit)
    if text is None:
        return None
    label = KitLabel(text, parent=parent)
    label.setObjectName("termsLine")
    label.setWordWrap(True)
    label.select_by_mouse_on_demand()
    label.setAccessibleName(display_text(text))
    return label


class LaurelRow(QWidget):
    """The kit's awards as laurels, side by side, wrapping into rows of four. The laurels are
    built by ``fill()``, which the overview calls once its first screen is up; until then the
    row holds their space."""

    PER_ROW = 4

    def __init__(self, kit: PressKit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kit = kit
        self.setObjectName("laurelRow")
        self.setAccessibleName("Awards")
        self.laurels: list[LaurelWidget] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(_LAUREL_ROW_SPACING)
        rows = -(-len(kit.awards) // self.PER_ROW)
        self.setFixedHeight(rows * LAUREL_HEIGHT + (rows - 1) * _LAUREL_ROW_SPACING)

    def fill(self) -> None:
        """Build the laurels (once)."""
        if self.laurels:
            return
        from app.views.laurel import LaurelWidget

        self.laurels = [LaurelWidget(award, self) for award in self.kit.awards]
        for index, laurel in enumerate(self.laurels):
            self._grid.addWidget(laurel, index // self.PER_ROW, index % self.PER_ROW)
            laurel.show()
        self._grid.setColumnStretch(self.PER_ROW, 1)
