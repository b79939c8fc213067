"""The overview's presskit/1.1 parts: the embargo banner, the terms line, the laurels and the
upcoming screenings with "Add to calendar".

Kept apart from overview_tab.py (on the start-up path) and imported by it only when a kit has
one of these parts, so a presskit/1 kit starts without paying for them. Plain Qt style.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.icalendar import upcoming_positions
from app.model.kit import PressKit
from app.model.times import WallClock, describe_moment, embargo_phrase, local_offset_at
from app.settings import Settings
from app.views import palette
from app.views.calendar_export import add_to_calendar
from app.views.kit_text import KitLabel, display_text
from app.views.laurel import LaurelWidget
from app.views.save_dialog import offers_file_dialogs

log = logging.getLogger(__name__)

# A banner the eye cannot miss: the material must not be published yet.
_BANNER_STYLE = (
    f"QLabel#embargoBanner {{ background-color: {palette.AMBER}; color: {palette.ON_AMBER};"
    " border-radius: 6px; padding: 8px 12px; font-weight: 600; }"
)
_HEADING_STYLE = f"color: {palette.TEXT_SECONDARY}; font-weight: 600;"


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
    banner.setObjectName("embargoBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet(_BANNER_STYLE)
    banner.setAccessibleName(display_text(text))
    return banner


def terms_label(kit: PressKit, parent: QWidget) -> QLabel | None:
    text = terms_text(kit)
    if text is None:
        return None
    label = KitLabel(text, parent=parent)
    label.setObjectName("termsLine")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(display_text(text))
    return label


class LaurelRow(QWidget):
    """The kit's awards as laurels, side by side, wrapping into rows of four."""

    PER_ROW = 4

    def __init__(self, kit: PressKit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laurelRow")
        self.setAccessibleName("Awards")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.laurels = [LaurelWidget(award, self) for award in kit.awards]
        for index, laurel in enumerate(self.laurels):
            grid.addWidget(laurel, index // self.PER_ROW, index % self.PER_ROW)
        grid.setColumnStretch(self.PER_ROW, 1)


class ScreeningsPanel(QWidget):
    """The screenings still to come at ``now``, each with its time as the kit wrote it (and the
    reader's), place, and an **Add to calendar** button; one more adds them all. Booth mode
    offers no buttons: they open a file dialog."""

    def __init__(
        self,
        kit: PressKit,
        settings: Settings,
        clock: WallClock,
        now: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kit = kit
        self.settings = settings
        self.clock = clock
        self.setObjectName("screeningsPanel")
        self.setAccessibleName("Upcoming screenings")
        self.positions = upcoming_positions(kit.screenings, now)
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        heading = QLabel("Upcoming screenings", self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet(_HEADING_STYLE)
        layout.addWidget(heading)
        can_save = offers_file_dialogs(settings)
        for position in self.positions:
            screening = kit.screenings[position - 1]
            when = describe_moment(screening.start, local_offset_at(screening.start))
            where = ", ".join(p for p in (screening.venue, screening.city) if p)
            name = screening.title or f"Screening {position}"
            lines = [when]
            if where:
                lines.append(where)
            if screening.note:
                lines.append(screening.note)
            row = QHBoxLayout()
            column = QVBoxLayout()
            column.setSpacing(0)
            # The screening's name bold, so each entry starts where the eye expects.
            title = KitLabel(name, parent=self)
            title.setObjectName("screeningTitle")
            title.setStyleSheet("font-weight: 600;")
            text = KitLabel("\n".join(lines), parent=self)
            text.setObjectName("screeningText")
            for label in (title, text):
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                column.addWidget(label)
            row.addLayout(column, 1)
            if can_save:
                button = QPushButton("Add to calendar", self)
                button.setAccessibleName(f"Add {display_text(name)} to a calendar")
                button.clicked.connect(lambda _=False, chosen=position: self._add([chosen]))
                self.buttons.append(button)
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        self.add_all_button: QPushButton | None = None
        if can_save and len(self.positions) > 1:
            self.add_all_button = QPushButton("Add all to calendar", self)
            everything = list(self.positions)
            self.add_all_button.clicked.connect(lambda _=False: self._add(everything))
            all_row = QHBoxLayout()
            all_row.addStretch(1)
            all_row.addWidget(self.add_all_button)
            layout.addLayout(all_row)

    def _add(self, positions: list[int]) -> None:
        add_to_calendar(self, self.kit, self.settings, positions, self.clock)
