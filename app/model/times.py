"""Times in a press kit (an embargo, a screening's start): RFC 3339 parsing and how they read.

A kit is read all over the world, so a time without its offset would mean a different moment to
each reader: the format takes only full RFC 3339 date-times, ``2030-01-10T09:00:00-05:00`` or
``…Z``, and refuses everything looser with a message that says what to write instead.

Wall-clock "now" comes from a :class:`WallClock` (``app.model.clock`` holds monotonic clocks,
which cannot say what day it is), so tests pin the date instead of waiting for it.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from typing import Protocol

from app.model.problems import Problem, Severity, quote_value

log = logging.getLogger(__name__)

UTC = dt.timezone.utc
MINUS = "\u2212"  # a typographic minus: "UTC−05:00" must not read as a dash or a hyphen
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# ASCII digits only: Python's \d also matches Arabic-Indic and other digits, which RFC 3339
# does not allow. Pattern texts, compiled by ``re`` on first use and kept in its cache: compiling
# the six at import cost the first paint ~1 ms (the overview imports this module for its
# embargo banner, which parses nothing).
_RFC3339 = (
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.(?P<fraction>[0-9]+))?"
    r"(?P<offset>Z|(?P<sign>[+-])(?P<off_hour>[0-9]{2}):(?P<off_minute>[0-9]{2}))"
)
_DATE_ONLY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_PREFIX = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?P<sep>.)"
_NO_OFFSET = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
_NO_SECONDS = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
_COMPACT_OFFSET = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?[+-][0-9]{2}(?:[0-9]{2})?"
)
_EXAMPLE = "write it like 2030-01-10T09:00:00-05:00, or 2030-01-10T14:00:00Z for UTC"


class TimeFormatError(ValueError):
    """A text that is not a time the format accepts; ``reason`` says why and what to write.

    The reason names neither file nor line: the loader knows those and attaches them, as it does
    for every other problem (see :meth:`problem`).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def problem(self, file: str, line: int | None, key: str | None) -> Problem:
        """The error as the ``validate`` line ``presskit.yaml:12: error: rights.embargo: …``."""
        return Problem(Severity.ERROR, file, self.reason, line, key)


def parse_time(text: str) -> dt.datetime:
    """An RFC 3339 date-time as an aware datetime in the offset it was written with.

    ``YYYY-MM-DDTHH:MM:SS[.fraction]`` then ``Z`` or ``±HH:MM``; upper-case ``T`` and ``Z``.
    Fractions finer than a microsecond are cut (not rounded: rounding could carry a time into
    the next second, or the next year). Raises :class:`TimeFormatError`.
    """
    match = re.fullmatch(_RFC3339, text)
    if match is None:
        raise TimeFormatError(_why_not(text))
    shown = quote_value(text)
    fields = {name: int(match[name]) for name in ("year", "month", "day", "hour", "minute")}
    second = int(match["second"])
    if fields["year"] == 0:
        raise TimeFormatError(f"{shown}: the year 0000 is outside the range this app can use")
    if not 1 <= fields["month"] <= 12:
        raise TimeFormatError(f"{shown}: there is no month {match['month']}")
    if fields["hour"] == 24:
        raise TimeFormatError(
            f"{shown}: 24:00 is not a time of day; write 00:00:00 of the next day"
        )
    if fields["hour"] > 23:
        raise TimeFormatError(f"{shown}: there is no hour {match['hour']}")
    if fields["minute"] > 59:
        raise TimeFormatError(f"{shown}: there is no minute {match['minute']}")
    if second == 60:
        # RFC 3339 allows a leap second, but Python's datetime cannot hold one, and moving it
        # silently to :59 would change the moment a publicist wrote. No embargo or screening
        # is ever set on a leap second, so it is most likely a slip: say so.
        raise TimeFormatError(
            f"{shown}: second 60 (a leap second) cannot be used; write :59 or the next minute"
        )
    if second > 60:
        raise TimeFormatError(f"{shown}: there is no second {match['second']}")
    offset = _offset(match, shown)
    fraction = match["fraction"] or ""
    microsecond = int((fraction + "000000")[:6])
    try:
        moment = dt.datetime(
            fields["year"],
            fields["month"],
            fields["day"],
            fields["hour"],
            fields["minute"],
            second,
            microsecond,
            tzinfo=offset,
        )
    except ValueError:
        raise TimeFormatError(
            f"{shown}: there is no day {match['day']} in {_month_name(fields['month'])} "
            f"{match['year']}"
        ) from None
    try:
        moment.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:00:00-05:00 lies after the last year Python has
        raise TimeFormatError(f"{shown} is outside the range of years this app can use") from None
    return moment


def _offset(match: re.Match[str], shown: str) -> dt.timezone:
    if match["offset"] == "Z":
        return UTC
    hours, minutes = int(match["off_hour"]), int(match["off_minute"])
    if match["sign"] == "-" and hours == 0 and minutes == 0:
        raise TimeFormatError(
            f"{shown}: the offset -00:00 means 'offset unknown' in RFC 3339; "
            "write Z for UTC, or the real offset of the place, such as -05:00"
        )
    if hours > 23 or minutes > 59:
        raise TimeFormatError(f"{shown}: {match['offset']} is not an offset (at most ±23:59)")
    delta = dt.timedelta(hours=hours, minutes=minutes)
    return dt.timezone(-delta if match["sign"] == "-" else delta)


def _why_not(text: str) -> str:
    """The most useful reason a text is not an RFC 3339 date-time."""
    shown = quote_value(text)
    stripped = text.strip()
    if not stripped:
        return f"the time is empty; {_EXAMPLE}"
    if stripped != text:
        return f"{shown} has spaces around it; {_EXAMPLE}"
    if re.fullmatch(_DATE_ONLY, text):
        return f"{shown} is a date without a time; {_EXAMPLE}"
    prefix = re.match(_DATE_PREFIX, text)
    if prefix and prefix["sep"] in (" ", "t"):
        return f"{shown}: separate the date and the time with an upper-case 'T'; {_EXAMPLE}"
    if text.endswith("z") and re.fullmatch(_RFC3339, text[:-1] + "Z"):
        return f"{shown}: write UTC as an upper-case 'Z'; {_EXAMPLE}"
    if re.fullmatch(_NO_OFFSET, text):
        return (
            f"{shown} has no offset, so it would mean a different moment in every country; "
            "add Z for UTC or the offset of the place, such as -05:00"
        )
    if re.fullmatch(_NO_SECONDS, text):
        return f"{shown} needs seconds (HH:MM:SS); {_EXAMPLE}"
    if "," in text and re.fullmatch(_RFC3339, text.replace(",", ".", 1)):
        return f"{shown}: write fractions of a second after a '.', not a ','; {_EXAMPLE}"
    if re.fullmatch(_COMPACT_OFFSET, text):
        return f"{shown}: write the offset with a colon, as ±HH:MM; {_EXAMPLE}"
    return f"{shown} is not a date and time in the form YYYY-MM-DDTHH:MM:SS; {_EXAMPLE}"


def format_time(moment: dt.datetime) -> str:
    """The RFC 3339 text of an aware datetime, in its own offset (``Z`` for UTC); fractions only
    when there are any. ``parse_time(format_time(t)) == t`` for every ``t`` it accepts."""
    _require_aware(moment, "moment")
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if len(text) < 19:  # strftime pads years under 1000 on some platforms, not on others
        text = f"{moment.year:04d}" + text[text.index("-") :]
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    offset = moment.utcoffset() or dt.timedelta(0)
    return text + ("Z" if offset == dt.timedelta(0) else _offset_text(offset, "+", "-"))


# -- the wall clock --------------------------------------------------------------------------


class WallClock(Protocol):
    def utc_now(self) -> dt.datetime:
        """The current moment, an aware datetime."""
        ...


class SystemWallClock:
    """The computer's clock."""

    def utc_now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class FixedWallClock:
    """A clock for tests: shows one moment until it is moved."""

    def __init__(self, moment: dt.datetime) -> None:
        _require_aware(moment, "moment")
        self._moment = moment

    def utc_now(self) -> dt.datetime:
        return self._moment.astimezone(UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self._moment += delta


def local_offset_at(moment: dt.datetime) -> dt.timedelta:
    """The offset of this computer's time zone at ``moment`` (not today's: a screening in July
    seen in January is shown in summer time where the zone has it)."""
    _require_aware(moment, "moment")
    return moment.astimezone().utcoffset() or dt.timedelta(0)


# -- embargo ---------------------------------------------------------------------------------


def is_under_embargo(embargo: dt.datetime | None, now: dt.datetime) -> bool:
    """True while ``now`` is before the embargo (material with no embargo never is).

    The embargo lifts at the moment itself: at 09:00:00 the material may be published."""
    if embargo is None:
        return False
    _require_aware(embargo, "embargo")
    _require_aware(now, "now")
    return now < embargo


def embargo_phrase(embargo: dt.datetime, now: dt.datetime, local_offset: dt.timedelta) -> str:
    """The banner's words, e.g. ``Embargoed until 10 Jan 2030, 09:00 UTC−05:00 — 15:00 your
    time, 6 days from now``; once the moment has passed, ``Embargo ended 10 Jan 2030, …``."""
    moment = describe_moment(embargo, local_offset)
    if is_under_embargo(embargo, now):
        return f"Embargoed until {moment}, {relative_phrase(embargo, now, local_offset)}"
    return f"Embargo ended {moment}"


def describe_moment(moment: dt.datetime, local_offset: dt.timedelta) -> str:
    """``10 Jan 2030, 09:00 UTC−05:00 — 15:00 your time``: the time as the kit wrote it, by its
    offset (never a zone name: an offset does not say which zone, or whether it keeps summer
    time), then the reader's local time when their offset differs (with the date when that
    differs too)."""
    _require_aware(moment, "moment")
    written = f"{_date_text(moment)}, {_clock_text(moment)} {offset_label(moment.utcoffset())}"
    own_offset = moment.utcoffset() or dt.timedelta(0)
    if local_offset == own_offset:
        return written
    local = moment.astimezone(dt.timezone(local_offset))
    if local.date() == moment.date():
        local_text = _clock_text(local)
    elif local.year == moment.year:
        local_text = f"{local.day} {_MONTHS[local.month - 1]}, {_clock_text(local)}"
    else:
        local_text = f"{_date_text(local)}, {_clock_text(local)}"
    return f"{written} — {local_text} your time"


def offset_label(offset: dt.timedelta | None) -> str:
    """``UTC`` for a zero offset, else ``UTC+05:30`` / ``UTC−05:00`` (a real minus sign)."""
    if not offset:
        return "UTC"
    return "UTC" + _offset_text(offset, "+", MINUS)


def relative_phrase(target: dt.datetime, now: dt.datetime, local_offset: dt.timedelta) -> str:
    """How far ``target`` is from ``now`` in words: ``in 40 minutes``, ``in 3 hours``,
    ``tomorrow``, ``6 days from now``; ``40 minutes ago``, ``yesterday``, ``6 days ago``.

    Minutes and hours are rounded away from now, so a future embargo never reads sooner than it
    is (3 h 10 min reads "in 4 hours"): a journalist who trusts the phrase publishes late, never
    early. Beyond 12 hours the phrase counts calendar days in the reader's local time, because
    that is what "tomorrow" means to them.
    """
    _require_aware(target, "target")
    _require_aware(now, "now")
    seconds = (target - now).total_seconds()
    future = seconds >= 0
    span = abs(seconds)
    local = dt.timezone(local_offset)
    days = abs((target.astimezone(local).date() - now.astimezone(local).date()).days)
    if span < 60:
        return "in less than a minute" if future else "less than a minute ago"
    if span < 3 * 3600:
        # Under three hours the minutes matter ("in 1 hour 20 minutes", not "in 2 hours").
        hours, minutes = divmod(_away(span / 60, future), 60)
        parts = [_plural(hours, "hour")] if hours else []
        parts += [_plural(minutes, "minute")] if minutes else []
        amount = " ".join(parts)
    elif span < 12 * 3600 or days == 0:
        amount = _plural(_away(span / 3600, future), "hour")
    elif days == 1:
        return "tomorrow" if future else "yesterday"
    else:
        return f"{days} days from now" if future else f"{days} days ago"
    return f"in {amount}" if future else f"{amount} ago"


def _away(value: float, future: bool) -> int:
    """Round away from now: up for a time to come, down for one that has passed (a passed
    embargo should not look older than it is either)."""
    return max(1, math.ceil(value)) if future else max(1, math.floor(value))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _date_text(moment: dt.datetime) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _clock_text(moment: dt.datetime) -> str:
    # Seconds only when the kit wrote some: "09:00" reads better than "09:00:00".
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{text}:{moment.second:02d}" if moment.second else text


def _offset_text(offset: dt.timedelta, plus: str, minus: str) -> str:
    total = int(offset.total_seconds()) // 60
    sign = minus if total < 0 else plus
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _month_name(month: int) -> str:
    return _MONTHS[month - 1]


def _require_aware(moment: dt.datetime, name: str) -> None:
    # A naive datetime here is a programming error (every kit time carries its offset, and the
    # clocks above are aware): comparing it would raise later and farther from the cause.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with an offset)")
