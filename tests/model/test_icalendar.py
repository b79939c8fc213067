"""The "Add to calendar" file: RFC 5545 structure, UTC times, UIDs, escaping and folding.

Read back two ways: by a small unfolding parser written here, and by the ``icalendar`` package
(a test-only dependency) as an independent reader of what calendar programs import.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import icalendar
import pytest
from content_lines import unescape, unfold

from app.model.icalendar import (
    screening_location,
    screening_uid,
    screenings_calendar,
    upcoming_positions,
    utc_stamp,
)
from app.model.rfc_text import CRLF, MAX_LINE_OCTETS, PRODID
from app.model.times import parse_time


class Screening(NamedTuple):
    """Shaped as the kit's screening record will be."""

    title: str | None
    start: dt.datetime
    venue: str | None = None
    address: str | None = None
    city: str | None = None
    note: str | None = None


NOW = dt.datetime(2030, 1, 4, 12, 30, 15, 999000, tzinfo=dt.timezone.utc)
SCREENINGS = (
    Screening(
        "Press screening",
        parse_time("2030-01-10T19:00:00-05:00"),
        "Example Cinema, Screen 2",
        "1 Example Street",
        "New York",
        "Doors 18:30; press pass required.\nNo late entry.",
    ),
    Screening("Premiere", parse_time("2030-01-12T18:30:00+01:00"), city="Oslo"),
    Screening(None, parse_time("2030-02-01T09:15:00.750Z")),
)


def properties(text: str) -> list[tuple[str, str, str]]:
    """(name, parameters, value) of every content line, unfolded."""
    out = []
    for line in unfold(text):
        head, value = line.split(":", 1)
        name, _, params = head.partition(";")
        out.append((name, params, value))
    return out


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for name, _params, value in properties(text):
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            assert name not in current, f"{name} twice in one event"
            current[name] = value
    return found


def test_calendar_structure_and_crlf() -> None:
    text = screenings_calendar("Night Orbit", "night-orbit-2030-intl", SCREENINGS, NOW)
    assert text.endswith(CRLF)
    assert "\n" not in text.replace(CRLF, "")  # every line ends CRLF, no bare LF or CR
    assert "\r" not in text.replace(CRLF, "")
    props = properties(text)
    assert props[0] == ("BEGIN", "", "VCALENDAR")
    assert props[-1] == ("END", "", "VCALENDAR")
    head = {name: value for name, _p, value in props[1:4]}
    assert head == {"VERSION": "2.0", "PRODID": PRODID, "CALSCALE": "GREGORIAN"}
    assert len(events(text)) == 3


def test_each_event_in_utc_with_uid_stamp_summary_location_and_note() -> None:
    text = screenings_calendar(
        "Night Orbit", "night-orbit-2030-intl", SCREENINGS, NOW, runtime_minutes=97
    )
    first, second, third = events(text)
    assert first["UID"] == "night-orbit-2030-intl-screening-1@presskit"
    assert second["UID"] == "night-orbit-2030-intl-screening-2@presskit"
    assert third["UID"] == "night-orbit-2030-intl-screening-3@presskit"
    assert {e["DTSTAMP"] for e in (first, second, third)} == {"20300104T123015Z"}
    assert first["DTSTART"] == "20300111T000000Z"  # 19:00 at -05:00 is midnight UTC
    assert second["DTSTART"] == "20300112T173000Z"
    assert third["DTSTART"] == "20300201T091500Z"  # fractions dropped: iCalendar has none
    assert first["DURATION"] == "PT97M"
    assert unescape(first["SUMMARY"]) == "Night Orbit — Press screening"
    assert unescape(third["SUMMARY"]) == "Night Orbit"
    assert first["LOCATION"] == "Example Cinema\\, Screen 2\\, 1 Example Street\\, New York"
    assert unescape(first["DESCRIPTION"]) == "Doors 18:30; press pass required.\nNo late entry."
    assert first["DESCRIPTION"] == "Doors 18:30\\; press pass required.\\nNo late entry."
    assert unescape(second["LOCATION"]) == "Oslo"
    assert "LOCATION" not in third and "DESCRIPTION" not in third


def test_no_duration_without_a_runtime() -> None:
    text = screenings_calendar("Night Orbit", "k", SCREENINGS, NOW)
    assert all("DURATION" not in event and "DTEND" not in event for event in events(text))


def test_one_screening_keeps_its_position_in_the_uid() -> None:
    text = screenings_calendar("Night Orbit", "night-orbit", SCREENINGS, NOW, positions=[2])
    (only,) = events(text)
    assert only["UID"] == "night-orbit-screening-2@presskit"
    assert only["DTSTART"] == "20300112T173000Z"
    with pytest.raises(ValueError, match="no screening #4"):
        screenings_calendar("Night Orbit", "k", SCREENINGS, NOW, positions=[4])
    with pytest.raises(ValueError, match="no screening #0"):
        screenings_calendar("Night Orbit", "k", SCREENINGS, NOW, positions=[0])


def test_uid_without_a_kit_id_comes_from_the_title() -> None:
    assert (
        screening_uid(None, "Night Orbit: Part II", 1) == "night-orbit-part-ii-screening-1@presskit"
    )
    assert screening_uid("", "???", 3) == "kit-screening-3@presskit"
    assert screening_uid("bad id;x", "T", 1) == "bad-id-x-screening-1@presskit"
    with pytest.raises(ValueError):
        screening_uid("k", "T", 0)


def test_utc_stamp_needs_an_aware_time() -> None:
    assert utc_stamp(parse_time("2030-01-10T09:00:00+05:30")) == "20300110T033000Z"
    with pytest.raises(ValueError):
        utc_stamp(dt.datetime(2030, 1, 1))


def test_location_skips_missing_and_blank_parts() -> None:
    start = parse_time("2030-01-10T09:00:00Z")
    assert screening_location(Screening("x", start)) is None
    assert screening_location(Screening("x", start, venue="  ", city="Oslo")) == "Oslo"


def test_long_multibyte_text_folds_and_reads_back() -> None:
    note = (
        "Pressevisning på Vikafjellet kino — «Nattbane» 😀; ta med pressekort, takk. " * 8
    ).strip()
    screening = Screening("Pressevisning i Ålesund", parse_time("2030-01-10T19:00:00+01:00"))
    screening = screening._replace(note=note, venue="Kino, sal 3", city="Ålesund")
    text = screenings_calendar("Nattbane", "nattbane", [screening], NOW)
    for physical in text.split(CRLF)[:-1]:
        assert len(physical.encode("utf-8")) <= MAX_LINE_OCTETS
    (event,) = events(text)
    assert unescape(event["DESCRIPTION"]) == note

    parsed = icalendar.Calendar.from_ical(text.encode("utf-8"))
    (vevent,) = parsed.walk("VEVENT")
    assert str(vevent.get("DESCRIPTION")) == note
    assert str(vevent.get("LOCATION")) == "Kino, sal 3, Ålesund"


def test_an_independent_reader_sees_the_same_events() -> None:
    text = screenings_calendar(
        "Night Orbit", "night-orbit-2030-intl", SCREENINGS, NOW, runtime_minutes=97
    )
    parsed = icalendar.Calendar.from_ical(text.encode("utf-8"))
    assert str(parsed.get("VERSION")) == "2.0"
    assert str(parsed.get("CALSCALE")) == "GREGORIAN"
    vevents = parsed.walk("VEVENT")
    assert len(vevents) == 3
    for vevent, screening in zip(vevents, SCREENINGS, strict=True):
        start = vevent.get("DTSTART").dt
        assert start.utcoffset() == dt.timedelta(0)
        assert start == screening.start.replace(microsecond=0)
        assert vevent.get("DURATION").dt == dt.timedelta(minutes=97)
        assert vevent.get("DTSTAMP").dt == NOW.replace(microsecond=0)
    assert str(vevents[0].get("SUMMARY")) == "Night Orbit — Press screening"
    assert str(vevents[0].get("DESCRIPTION")) == SCREENINGS[0].note
    assert str(vevents[0].get("LOCATION")) == (
        "Example Cinema, Screen 2, 1 Example Street, New York"
    )


def test_hostile_text_stays_inside_its_property() -> None:
    evil = Screening(
        "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
        parse_time("2030-01-10T09:00:00Z"),
        note="a\\nb;c,d\x00\x1b[31m",
    )
    text = screenings_calendar("Film", "k", [evil], NOW)
    (event,) = events(text)
    assert unescape(event["SUMMARY"]) == "Film — x\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"
    assert unescape(event["DESCRIPTION"]) == "a\\nb;c,d[31m"
    (vevent,) = icalendar.Calendar.from_ical(text.encode("utf-8")).walk("VEVENT")
    assert str(vevent.get("DESCRIPTION")) == "a\\nb;c,d[31m"


def test_an_empty_list_is_a_valid_empty_calendar() -> None:
    text = screenings_calendar("Film", "k", [], NOW)
    assert events(text) == []
    assert icalendar.Calendar.from_ical(text.encode("utf-8")).walk("VEVENT") == []


def test_upcoming_screenings_by_moment_not_by_wall_clock() -> None:
    # 2030-01-11T00:00Z is the first screening's start (19:00 at -05:00)
    before = dt.datetime(2030, 1, 10, 23, 59, 59, tzinfo=dt.timezone.utc)
    assert upcoming_positions(SCREENINGS, before) == [1, 2, 3]
    at_start = parse_time("2030-01-10T19:00:00-05:00")
    assert upcoming_positions(SCREENINGS, at_start) == [2, 3]  # started: no longer upcoming
    # 18:00 in Oslo on the 12th is 17:00Z, before the premiere's 17:30Z
    assert upcoming_positions(SCREENINGS, parse_time("2030-01-12T18:00:00+01:00")) == [2, 3]
    assert upcoming_positions(SCREENINGS, parse_time("2030-01-12T18:30:00+01:00")) == [3]
    assert upcoming_positions(SCREENINGS, parse_time("2031-01-01T00:00:00Z")) == []
    assert upcoming_positions([], NOW) == []
    with pytest.raises(ValueError):
        upcoming_positions(SCREENINGS, dt.datetime(2030, 1, 1))
