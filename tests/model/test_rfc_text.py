"""Content lines shared by the .ics and .vcf writers: escaping, parameters and folding."""

from __future__ import annotations

import itertools

import pytest
from content_lines import unescape, unfold

from app.model.rfc_text import (
    CRLF,
    MAX_LINE_OCTETS,
    content_line,
    escape_components,
    escape_text,
    fold,
    quote_parameter,
    text_line,
)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain", "plain"),
        ("a;b,c", "a\\;b\\,c"),
        ("back\\slash", "back\\\\slash"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("\\;", "\\\\\\;"),  # the backslash is escaped once, before the semicolon's escape
        ("tab\tkept", "tab\tkept"),
        ("bell\x07 and nul\x00 gone", "bell and nul gone"),
        ("colon: stays", "colon: stays"),
        ("Åse Ørn — «quoted»", "Åse Ørn — «quoted»"),
    ],
)
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped
    if "\x00" not in raw and "\x07" not in raw:
        assert unescape(escaped) == raw.replace("\r\n", "\n").replace("\r", "\n")


def test_structured_values_escape_each_part() -> None:
    assert escape_components(["van der Berg", "Anna, Maria", "", "", ""]) == (
        "van der Berg;Anna\\, Maria;;;"
    )


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("voice", "voice"),
        ("a:b", '"a:b"'),
        ('say "hi"', "say ^'hi^'"),
        ("caret^", "caret^^"),
        ("two\nlines", "two^nlines"),
    ],
)
def test_parameter_values(raw: str, written: str) -> None:
    assert quote_parameter(raw) == written


def test_short_line_is_not_folded() -> None:
    assert text_line("SUMMARY", "Night Orbit") == "SUMMARY:Night Orbit\r\n"


@pytest.mark.parametrize(
    "value",
    [
        "x" * 500,
        "Nattbane — " * 40,  # two- and three-octet characters across fold points
        "é" * 200,
        "😀" * 100,  # four octets each
        "a" + "😀" * 100,  # shifts every emoji across the 75-octet boundary
        "ab" + "ñ" * 150,
        "e\u0301" * 120,  # combining accents
    ],
)
def test_folding_keeps_lines_within_75_octets_and_utf8_whole(value: str) -> None:
    line = text_line("DESCRIPTION", value)
    assert line.endswith(CRLF)
    physical = line[: -len(CRLF)].split(CRLF)
    assert len(physical) > 1
    for index, part in enumerate(physical):
        encoded = part.encode("utf-8")
        assert len(encoded) <= MAX_LINE_OCTETS
        assert encoded.decode("utf-8") == part  # no character cut in two
        if index:
            assert part.startswith(" ")
    # Lines are filled: only a character that would not fit moves to the next line.
    for part, following in itertools.pairwise(physical):
        next_char = following[1]
        assert len(part.encode()) + len(next_char.encode()) > MAX_LINE_OCTETS
    assert unfold(line) == [f"DESCRIPTION:{escape_text(value)}"]
    assert unescape(unfold(line)[0].split(":", 1)[1]) == value


def test_fold_at_exactly_75_octets_does_not_add_an_empty_line() -> None:
    line = "X" * 75
    assert fold(line) == line
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_fold_refuses_a_limit_too_small_for_a_character() -> None:
    with pytest.raises(ValueError):
        fold("abc", limit=4)


def test_content_line_parameters_and_names() -> None:
    line = content_line("tel", "tel:+47-555-0100", [("VALUE", "uri"), ("type", ("voice", "cell"))])
    assert line == "TEL;VALUE=uri;TYPE=voice,cell:tel:+47-555-0100\r\n"
    one_value = content_line("X-A", "v", [("X-P", "a,b"), ("X-Q", ("c:d", "e"))])
    assert one_value == 'X-A;X-P="a,b";X-Q="c:d",e:v\r\n'
    with pytest.raises(ValueError):
        content_line("BAD NAME", "x")
    with pytest.raises(ValueError):
        content_line("X", "x", [("BAD:PARAM", "x")])


def test_a_raw_value_cannot_break_the_line() -> None:
    line = content_line("URL", "https://example.org/\r\nBEGIN:VEVENT")
    assert unfold(line) == ["URL:https://example.org/ BEGIN:VEVENT"]
