"""RFC 3339 times as the format takes them, and the embargo's words, with a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest

from app.model.problems import Severity
from app.model.times import (
    MINUS,
    UTC,
    FixedWallClock,
    SystemWallClock,
    TimeFormatError,
    describe_moment,
    embargo_phrase,
    format_time,
    is_under_embargo,
    local_offset_at,
    offset_label,
    parse_time,
    relative_phrase,
)


def tz(hours: int, minutes: int = 0) -> dt.timezone:
    sign = -1 if hours < 0 else 1
    return dt.timezone(sign * dt.timedelta(hours=abs(hours), minutes=minutes))


def hours(value: float) -> dt.timedelta:
    return dt.timedelta(hours=value)


# -- parsing: accepted forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2030-01-10T09:00:00-05:00", dt.datetime(2030, 1, 10, 9, 0, tzinfo=tz(-5))),
        ("2030-01-12T00:00:00Z", dt.datetime(2030, 1, 12, tzinfo=UTC)),
        ("2030-01-10T19:00:00+05:30", dt.datetime(2030, 1, 10, 19, tzinfo=tz(5, 30))),
        ("2030-01-10T19:00:00+00:00", dt.datetime(2030, 1, 10, 19, tzinfo=UTC)),
        ("2028-02-29T23:59:59+14:00", dt.datetime(2028, 2, 29, 23, 59, 59, tzinfo=tz(14))),
        ("2030-06-30T12:00:00.5Z", dt.datetime(2030, 6, 30, 12, 0, 0, 500000, tzinfo=UTC)),
        ("2030-06-30T12:00:00.123456Z", dt.datetime(2030, 6, 30, 12, 0, 0, 123456, tzinfo=UTC)),
        # finer than a microsecond: cut, so .9999999 never carries into the next second
        ("2030-12-31T23:59:59.9999999Z", dt.datetime(2030, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", dt.datetime(1, 1, 1, tzinfo=UTC)),
        ("2030-01-10T09:00:00-23:59", dt.datetime(2030, 1, 10, 9, tzinfo=tz(-23, 59))),
    ],
)
def test_accepted_times_keep_their_moment_and_offset(text: str, expected: dt.datetime) -> None:
    parsed = parse_time(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()  # the written offset is kept, not UTC


def test_an_offset_names_the_same_moment_as_utc() -> None:
    assert parse_time("2030-01-10T09:00:00-05:00") == parse_time("2030-01-10T14:00:00Z")
    assert parse_time("2030-01-10T09:00:00-05:00").astimezone(UTC).hour == 14


@pytest.mark.parametrize(
    "text",
    [
        "2030-01-10T09:00:00-05:00",
        "2030-01-12T00:00:00Z",
        "2030-01-10T19:00:00+05:30",
        "2030-06-30T12:00:00.5Z",
        "2030-06-30T12:00:00.000001+01:00",
        "0999-03-04T05:06:07Z",
    ],
)
def test_format_time_round_trips(text: str) -> None:
    parsed = parse_time(text)
    assert format_time(parsed) == text
    assert parse_time(format_time(parsed)) == parsed


# -- parsing: refused forms, each with a reason that says what to write -------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2030-01-10", "a date without a time"),
        ("2030-01-10T09:00:00", "has no offset"),
        ("2030-01-10T09:00:00.25", "has no offset"),
        ("2030-01-10t09:00:00Z", "upper-case 'T'"),
        ("2030-01-10 09:00:00Z", "upper-case 'T'"),
        ("2030-01-10T09:00:00z", "upper-case 'Z'"),
        ("2030-01-10T09:00:00-00:00", "-00:00 means 'offset unknown'"),
        ("2030-01-10T09:00Z", "needs seconds"),
        ("2030-01-10T09:00-05:00", "needs seconds"),
        ("2030-01-10T09:00:00-0500", "offset with a colon"),
        ("2030-01-10T09:00:00+05", "offset with a colon"),
        ("2030-01-10T09:00:00,5Z", "after a '.'"),
        ("2030-01-10T24:00:00Z", "24:00 is not a time of day"),
        ("2030-01-10T25:00:00Z", "no hour 25"),
        ("2030-01-10T09:60:00Z", "no minute 60"),
        ("2030-13-10T09:00:00Z", "no month 13"),
        ("2030-00-10T09:00:00Z", "no month 00"),
        ("2030-02-29T09:00:00Z", "no day 29 in Feb 2030"),
        ("2030-04-31T09:00:00Z", "no day 31 in Apr 2030"),
        ("2030-01-00T09:00:00Z", "no day 00"),
        ("2030-12-31T23:59:60Z", "leap second"),
        ("2030-12-31T23:59:61Z", "no second 61"),
        ("2030-01-10T09:00:00+24:00", "not an offset"),
        ("2030-01-10T09:00:00+05:60", "not an offset"),
        ("0000-01-01T00:00:00Z", "year 0000"),
        ("9999-12-31T23:00:00-05:00", "outside the range"),
        ("0001-01-01T01:00:00+05:00", "outside the range"),
        ("", "the time is empty"),
        ("   ", "the time is empty"),
        (" 2030-01-10T09:00:00Z", "spaces around it"),
        ("2030-01-10T09:00:00Z\n", "spaces around it"),
        ("10 Jan 2030, 09:00", "not a date and time"),
        ("tomorrow", "not a date and time"),
        # Python's \d takes these Arabic-Indic digits; RFC 3339 does not
        ("٢٠٣٠-01-10T09:00:00Z", "not a date and time"),
        ("2030-01-10T09:00:00Z trailing", "not a date and time"),
    ],
)
def test_refused_times_say_why(text: str, words: str) -> None:
    with pytest.raises(TimeFormatError) as caught:
        parse_time(text)
    assert words in caught.value.reason
    assert "\n" not in caught.value.reason  # one problem, one line


def test_a_refused_time_quotes_the_text_and_shows_the_form_to_write() -> None:
    with pytest.raises(TimeFormatError) as caught:
        parse_time("2030-01-10")
    assert "'2030-01-10'" in caught.value.reason
    assert "2030-01-10T09:00:00-05:00" in caught.value.reason


def test_a_huge_text_is_refused_quickly_with_a_short_message() -> None:
    with pytest.raises(TimeFormatError) as caught:
        parse_time("2030-01-10T09:00:00." + "9" * 1_000_000 + "Q")
    assert len(caught.value.reason) < 300


def test_a_very_long_fraction_is_still_a_time() -> None:
    parsed = parse_time("2030-01-10T09:00:00." + "1" * 5000 + "Z")
    assert parsed.microsecond == 111111


def test_the_error_becomes_a_problem_with_file_line_and_key() -> None:
    with pytest.raises(TimeFormatError) as caught:
        parse_time("2030-01-10T09:00:00")
    problem = caught.value.problem("presskit.yaml", 12, "rights.embargo")
    assert problem.severity is Severity.ERROR
    assert problem.format().startswith("presskit.yaml:12: error: rights.embargo: '2030-01-10T09")
    assert isinstance(caught.value, ValueError)


def test_format_time_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_time(dt.datetime(2030, 1, 1))


# -- embargo ------------------------------------------------------------------------------------

EMBARGO = parse_time("2030-01-10T09:00:00-05:00")  # 14:00 UTC


def test_the_issues_example_phrase() -> None:
    now = dt.datetime(2030, 1, 4, 10, 0, tzinfo=UTC)
    assert embargo_phrase(EMBARGO, now, hours(1)) == (
        f"Embargoed until 10 Jan 2030, 09:00 UTC{MINUS}05:00 — 15:00 your time, 6 days from now"
    )


def test_same_offset_as_the_reader_has_no_your_time_part() -> None:
    now = dt.datetime(2030, 1, 4, 10, 0, tzinfo=UTC)
    assert embargo_phrase(EMBARGO, now, hours(-5)) == (
        f"Embargoed until 10 Jan 2030, 09:00 UTC{MINUS}05:00, 6 days from now"
    )


def test_utc_embargo_reads_utc_and_positive_offsets_read_plus() -> None:
    utc = parse_time("2030-01-12T00:00:00Z")
    assert describe_moment(utc, dt.timedelta(0)) == "12 Jan 2030, 00:00 UTC"
    india = parse_time("2030-01-10T19:00:00+05:30")
    assert describe_moment(india, hours(5.5)) == "10 Jan 2030, 19:00 UTC+05:30"


def test_the_local_time_names_its_date_when_the_day_differs() -> None:
    late = parse_time("2030-01-10T22:00:00-05:00")  # 03:00 on the 11th in UTC
    assert describe_moment(late, hours(0)) == (
        f"10 Jan 2030, 22:00 UTC{MINUS}05:00 — 11 Jan, 03:00 your time"
    )
    new_year = parse_time("2030-12-31T20:00:00-05:00")
    assert describe_moment(new_year, hours(9)) == (
        f"31 Dec 2030, 20:00 UTC{MINUS}05:00 — 1 Jan 2031, 10:00 your time"
    )


def test_seconds_show_only_when_written() -> None:
    moment = parse_time("2030-01-10T09:00:30Z")
    assert describe_moment(moment, dt.timedelta(0)) == "10 Jan 2030, 09:00:30 UTC"


def test_an_offset_never_prints_a_zone_name() -> None:
    # -05:00 is New York in winter and Lima all year: the offset alone cannot name a zone.
    text = describe_moment(EMBARGO, hours(1))
    for name in ("EST", "EDT", "America", "CET", "Eastern", "GMT"):
        assert name not in text
    assert offset_label(hours(-3.5)) == f"UTC{MINUS}03:30"
    assert offset_label(None) == "UTC"


@pytest.mark.parametrize(
    ("before", "phrase"),
    [
        (dt.timedelta(seconds=20), "in less than a minute"),
        (dt.timedelta(minutes=40), "in 40 minutes"),
        (dt.timedelta(minutes=39, seconds=10), "in 40 minutes"),  # rounded away from now
        (dt.timedelta(minutes=1), "in 1 minute"),
        (dt.timedelta(hours=1, minutes=20), "in 1 hour 20 minutes"),
        (dt.timedelta(hours=2), "in 2 hours"),
        (dt.timedelta(hours=3), "in 3 hours"),
        (dt.timedelta(hours=3, minutes=10), "in 4 hours"),
        (dt.timedelta(hours=11), "in 11 hours"),
    ],
)
def test_relative_words_before_the_embargo(before: dt.timedelta, phrase: str) -> None:
    assert relative_phrase(EMBARGO, EMBARGO - before, hours(1)) == phrase
    assert embargo_phrase(EMBARGO, EMBARGO - before, hours(1)).endswith(", " + phrase)


def test_tomorrow_and_days_count_the_readers_calendar_days() -> None:
    local = hours(1)  # the embargo is at 15:00 local on 10 Jan
    assert relative_phrase(EMBARGO, dt.datetime(2030, 1, 9, 1, 0, tzinfo=UTC), local) == "tomorrow"
    # 13 hours before, but already the same local day: hours, not "tomorrow"
    assert relative_phrase(EMBARGO, dt.datetime(2030, 1, 10, 0, 30, tzinfo=UTC), local) == (
        "in 14 hours"
    )
    assert relative_phrase(EMBARGO, dt.datetime(2030, 1, 8, 22, 59, tzinfo=UTC), local) == (
        "2 days from now"
    )
    # The same moments read differently on the other side of the date line.
    far_east = hours(13)  # 03:00 on 11 Jan local
    now = dt.datetime(2030, 1, 9, 12, 0, tzinfo=UTC)  # 01:00 on 10 Jan local
    assert relative_phrase(EMBARGO, now, far_east) == "tomorrow"
    assert relative_phrase(EMBARGO, now, hours(-5)) == "tomorrow"
    assert relative_phrase(EMBARGO, now - hours(24), hours(-5)) == "2 days from now"


@pytest.mark.parametrize(
    ("after", "phrase"),
    [
        (dt.timedelta(seconds=5), "less than a minute ago"),
        (dt.timedelta(minutes=40, seconds=50), "40 minutes ago"),
        (dt.timedelta(hours=5, minutes=50), "5 hours ago"),
        (dt.timedelta(days=1), "yesterday"),
        (dt.timedelta(days=6), "6 days ago"),
    ],
)
def test_relative_words_after(after: dt.timedelta, phrase: str) -> None:
    assert relative_phrase(EMBARGO, EMBARGO + after, hours(1)) == phrase


def test_under_embargo_until_the_moment_itself() -> None:
    assert is_under_embargo(EMBARGO, EMBARGO - dt.timedelta(microseconds=1))
    assert not is_under_embargo(EMBARGO, EMBARGO)
    assert not is_under_embargo(EMBARGO, EMBARGO + dt.timedelta(days=1))
    assert not is_under_embargo(None, EMBARGO)
    # The offset of either side does not matter, only the moment.
    assert is_under_embargo(EMBARGO, dt.datetime(2030, 1, 10, 13, 59, 59, tzinfo=UTC))
    assert not is_under_embargo(EMBARGO, dt.datetime(2030, 1, 10, 23, 0, tzinfo=tz(9)))


def test_a_passed_embargo_reads_as_ended() -> None:
    assert embargo_phrase(EMBARGO, EMBARGO + hours(2), hours(-5)) == (
        f"Embargo ended 10 Jan 2030, 09:00 UTC{MINUS}05:00"
    )


def test_naive_times_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        is_under_embargo(EMBARGO, dt.datetime(2030, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        FixedWallClock(dt.datetime(2030, 1, 1))


def test_fixed_clock_drives_the_embargo() -> None:
    clock = FixedWallClock(dt.datetime(2030, 1, 10, 13, 0, tzinfo=UTC))
    assert is_under_embargo(EMBARGO, clock.utc_now())
    assert embargo_phrase(EMBARGO, clock.utc_now(), dt.timedelta(0)).endswith("in 1 hour")
    clock.advance(dt.timedelta(minutes=59))
    assert embargo_phrase(EMBARGO, clock.utc_now(), dt.timedelta(0)).endswith("in 1 minute")
    clock.advance(dt.timedelta(minutes=1))
    assert not is_under_embargo(EMBARGO, clock.utc_now())
    assert clock.utc_now().tzinfo is UTC


def test_system_clock_and_local_offset_are_aware() -> None:
    now = SystemWallClock().utc_now()
    assert now.utcoffset() == dt.timedelta(0)
    offset = local_offset_at(EMBARGO)
    assert abs(offset) < dt.timedelta(hours=24)
