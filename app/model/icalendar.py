"""The ``.ics`` file behind "Add to calendar": a kit's screenings as iCalendar (RFC 5545) events.

Every calendar program imports RFC 5545, so the file carries only what the standard requires
and what a journalist needs: the time in UTC (no time-zone definitions to get wrong, and the
kit's own offsets name no zone), a stable UID so importing a kit's next edition updates the
events rather than doubling them, the venue and the note.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from app.model.rfc_text import PRODID, content_line, text_line

log = logging.getLogger(__name__)

UID_DOMAIN = "presskit"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class ScreeningFacts(Protocol):
    """What the calendar needs of a screening (the kit's record has these fields)."""

    @property
    def title(self) -> str | None: ...

    @property
    def start(self) -> dt.datetime: ...

    @property
    def venue(self) -> str | None: ...

    @property
    def address(self) -> str | None: ...

    @property
    def city(self) -> str | None: ...

    @property
    def note(self) -> str | None: ...


def screening_uid(kit_id: str | None, film_title: str, position: int) -> str:
    """``night-orbit-2030-intl-screening-2@presskit``: the kit's id and the screening's position
    counted from 1, as a person counts.

    The kit id stays the same across editions, so a re-import replaces the event. A kit without
    an id falls back to its title made safe, which is stable as long as the title is.
    """
    if position < 1:
        raise ValueError("screening positions count from 1")
    # The kit id is letters, digits, - and _ once the loader has checked it; the same cleaning
    # covers an id that was refused and the title fallback, so a UID never needs escapes.
    base = _UID_UNSAFE.sub("-", kit_id or film_title.casefold()).strip("-")
    return f"{base or 'kit'}-screening-{position}@{UID_DOMAIN}"


def utc_stamp(moment: dt.datetime) -> str:
    """``20300110T140000Z``: RFC 5545's UTC DATE-TIME form (it has no fractions of a second)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an iCalendar time needs an aware datetime")
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def screening_summary(film_title: str, screening_title: str | None) -> str:
    """``Night Orbit — Press screening``; the film title alone when the screening has none."""
    return f"{film_title} — {screening_title}" if screening_title else film_title


def screening_location(screening: ScreeningFacts) -> str | None:
    """``Venue, Address, City`` from the parts the kit gives, or None when it gives none."""
    parts = [part.strip() for part in (screening.venue, screening.address, screening.city) if part]
    return ", ".join(part for part in parts if part) or None


def upcoming_positions(screenings: Sequence[ScreeningFacts], now: dt.datetime) -> list[int]:
    """Positions (counted from 1) of the screenings that start after ``now``, in the kit's
    order: the ones worth offering "Add to calendar" for. Each start is compared as a moment,
    whatever its offset."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return [n for n, screening in enumerate(screenings, 1) if screening.start > now]


def screenings_calendar(
    film_title: str,
    kit_id: str | None,
    screenings: Sequence[ScreeningFacts],
    now: dt.datetime,
    *,
    positions: Iterable[int] | None = None,
    runtime_minutes: int | None = None,
) -> str:
    """The ``.ics`` text (CRLF line ends) for the kit's screenings.

    ``positions`` (counted from 1) picks the screenings to include, e.g. ``[2]`` for one
    screening's "Add to calendar"; the UIDs still follow the screenings' places in the kit.
    ``now`` is DTSTAMP, when the file was made. ``runtime_minutes`` gives each event a DURATION;
    without it the events have a start only, which RFC 5545 allows. Write it encoded as UTF-8.
    """
    chosen = _chosen_positions(len(screenings), positions)
    stamp = utc_stamp(now)
    lines = [
        content_line("BEGIN", "VCALENDAR"),
        content_line("VERSION", "2.0"),
        text_line("PRODID", PRODID),
        content_line("CALSCALE", "GREGORIAN"),
    ]
    for position in chosen:
        screening = screenings[position - 1]
        lines.extend(_event(film_title, kit_id, position, screening, stamp, runtime_minutes))
    lines.append(content_line("END", "VCALENDAR"))
    log.info("calendar of %d screening(s) for %r", len(chosen), film_title)
    return "".join(lines)


def _chosen_positions(count: int, positions: Iterable[int] | None) -> list[int]:
    if positions is None:
        return list(range(1, count + 1))
    chosen = sorted(set(positions))
    for position in chosen:
        if not 1 <= position <= count:
            raise ValueError(f"there is no screening #{position} (the kit has {count})")
    return chosen


def _event(
    film_title: str,
    kit_id: str | None,
    position: int,
    screening: ScreeningFacts,
    stamp: str,
    runtime_minutes: int | None,
) -> list[str]:
    lines = [
        content_line("BEGIN", "VEVENT"),
        text_line("UID", screening_uid(kit_id, film_title, position)),
        content_line("DTSTAMP", stamp),
        content_line("DTSTART", utc_stamp(screening.start)),
    ]
    if runtime_minutes is not None and runtime_minutes > 0:
        # DURATION rather than DTEND: it stays right whatever the start, and RFC 5545 forbids
        # giving both.
        lines.append(content_line("DURATION", f"PT{runtime_minutes}M"))
    lines.append(text_line("SUMMARY", screening_summary(film_title, screening.title)))
    location = screening_location(screening)
    if location:
        lines.append(text_line("LOCATION", location))
    if screening.note:
        lines.append(text_line("DESCRIPTION", screening.note))
    lines.append(content_line("END", "VEVENT"))
    return lines
