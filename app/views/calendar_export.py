""" "Add to calendar": a kit's screening (or all of them) written as an ``.ics`` file.

The file comes from the model's iCalendar writer (app/model/icalendar.py: times in UTC, a UID
made of the kit's id and the screening's place, so importing the next edition of the kit
updates the event instead of doubling it). This helper only asks where, writes and confirms.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.model.icalendar import screenings_calendar
from app.model.kit import PressKit
from app.model.times import SystemWallClock, WallClock
from app.settings import Settings
from app.views.save_dialog import (
    ask_save_path,
    offers_file_dialogs,
    safe_file_name,
    write_and_confirm,
)

log = logging.getLogger(__name__)

ICS_FILTER = "iCalendar files (*.ics)"


def calendar_file_name(kit: PressKit, positions: Sequence[int] | None) -> str:
    """``Night Orbit - Press screening.ics`` for one screening, ``Night Orbit - screenings.ics``
    for several."""
    if positions is not None and len(positions) == 1:
        screening = kit.screenings[positions[0] - 1]
        what = screening.title or f"screening {positions[0]}"
    else:
        what = "screenings"
    return safe_file_name(f"{kit.film.title} - {what}", ".ics", "screenings")


def calendar_bytes(
    kit: PressKit, now: dt.datetime, positions: Sequence[int] | None = None
) -> bytes:
    """The ``.ics`` file's bytes (UTF-8, as RFC 5545 asks) for ``positions`` (from 1), or for
    every screening."""
    text = screenings_calendar(
        kit.film.title,
        kit.kit_info.id if kit.kit_info is not None else None,
        kit.screenings,
        now,
        positions=positions,
        runtime_minutes=kit.film.runtime_minutes,
    )
    return text.encode("utf-8")


def add_to_calendar(
    parent: QWidget,
    kit: PressKit,
    settings: Settings,
    positions: Sequence[int] | None = None,
    clock: WallClock | None = None,
) -> Path | None:
    """Ask for a file name and write the screenings there; the path written, or None when the
    person cancelled, the write failed, or this is booth mode (no file dialogs there)."""
    if not offers_file_dialogs(settings):
        log.warning("add to calendar: no file dialogs in booth mode")
        return None
    if not kit.screenings:
        log.warning("add to calendar: the kit has no screenings")
        return None
    now = (clock or SystemWallClock()).utc_now()
    data = calendar_bytes(kit, now, positions)  # before the dialog: a bad position fails early
    one = positions is not None and len(positions) == 1
    path = ask_save_path(
        parent,
        "Add the screening to a calendar" if one else "Add the screenings to a calendar",
        calendar_file_name(kit, positions),
        ICS_FILTER,
        ".ics",
    )
    if path is None:
        return None
    done = f"Saved {path.name}: open it in your calendar to add the " + (
        "screening." if one else "screenings."
    )
    return path if write_and_confirm(parent, path, data, "the calendar file", done) else None
