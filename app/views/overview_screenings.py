"""The overview's upcoming screenings, each with "Add to calendar" (an .ics file).

Imported by overview_tab.py only for a kit with screenings, after the light parts of
overview_parts.py: the calendar export and its file dialog are not on the start-up path.
Plain Qt style.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.model.icalendar import upcoming_positions
from app.model.kit import PressKit
from app.model.times import WallClock, describe_moment, local_offset_at
from app.settings import Settings
from app.views import palette
from app.views.calendar_export import add_to_calendar
from app.views.kit_text import KitLabel, display_text
from app.views.save_dialog import offers_file_dialogs

log = logging.getLogger(__name__)

_HEADING_STYLE = f"color: {palette.TEXT_SECONDARY}; font-weight: 600;"


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
