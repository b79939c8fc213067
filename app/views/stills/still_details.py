"""What the still viewer says about a still beyond caption and credit: its photographer, who is
shown, the terms of use that apply to it and its embargo, all plain text."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.model.kit import PressKit, Still
from app.model.times import SystemWallClock, WallClock, embargo_phrase, local_offset_at
from app.views import palette
from app.views.kit_text import make_plain

log = logging.getLogger(__name__)


def detail_lines(kit: PressKit | None, still: Still) -> list[str]:
    """Photographer, people shown, usage and copyright (the still's own, else the kit's)."""
    lines: list[str] = []
    if still.photographer:
        lines.append(f"Photographer: {still.photographer}")
    if still.people:
        lines.append(f"Shown: {', '.join(still.people)}")
    rights = kit.effective_rights(still) if kit is not None else None
    usage = rights.usage if rights is not None else still.usage
    copyright = rights.copyright if rights is not None else still.copyright
    if usage:
        own = " (this still's own)" if still.usage else ""
        lines.append(f"Terms of use{own}: {usage}")
    if copyright:
        lines.append(copyright)
    return lines


def embargo_line(
    kit: PressKit | None, still: Still, now: dt.datetime, local_offset: dt.timedelta | None = None
) -> tuple[str, bool] | None:
    """The embargo phrase for ``still`` and whether it is in force, or None when it has none
    to speak of (no embargo; or the kit's, already lifted: only its own stays worth saying)."""
    if kit is None:
        return None
    rights = kit.effective_rights(still)
    under = kit.under_embargo(still, now)
    if rights.embargo_problem is not None:
        return f"Embargoed: its embargo cannot be read ({rights.embargo_problem})", True
    if rights.embargo is None or not (under or still.embargo is not None):
        return None
    offset = local_offset if local_offset is not None else local_offset_at(rights.embargo)
    return embargo_phrase(rights.embargo, now, offset), under


class StillDetails(QWidget):
    """Two plain-text lines under the credit: the details, then the embargo (amber while it is
    in force: a journalist may look, and must see at once that it is not to be published)."""

    def __init__(
        self, kit: PressKit | None, clock: WallClock | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kit = kit
        self.clock = clock or SystemWallClock()
        self.details = make_plain(QLabel(self))
        self.details.setObjectName("stillDetails")
        self.details.setWordWrap(True)
        self.details.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
        self.embargo = make_plain(QLabel(self))
        self.embargo.setObjectName("stillEmbargo")
        self.embargo.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.details)
        layout.addWidget(self.embargo)

    def show_still(self, still: Still) -> None:
        lines = detail_lines(self.kit, still)
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        embargo = embargo_line(self.kit, still, self.clock.utc_now())
        self.embargo.setVisible(embargo is not None)
        if embargo is not None:
            text, in_force = embargo
            colour = palette.AMBER if in_force else palette.TEXT_SECONDARY
            self.embargo.setStyleSheet(f"color: {colour};{' font-weight: bold;' * in_force}")
            self.embargo.setText(text)
