"""Where a problem is, said as a person would look for it: the line an editor shows, and list
items counted from 1 (``stills #2 file``). A list item that cannot be read is kept as a
skipped entry, so the view can mark its row instead of dropping it."""

from __future__ import annotations

import pytest

from app.model.kit import SkippedEntry
from app.model.loader import load_press_kit
from app.model.problems import KitLoadError
from tests.model.conftest import MakeKit

HEAD = "format: presskit/1\nfilm:\n  title: T\n"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_inside_text_do_not_shift_line_numbers(
    make_kit: MakeKit, separator: str
) -> None:
    # An editor shows the tagline on one line; YAML 1.1 counts a break inside it.
    manifest = (
        "format: presskit/1\n"
        "film:\n"
        f'  tagline: "one{separator}two"\n'
        "  title: T\n"
        "  runtime_minutes: soon\n"
        "synopsis: {short: s}\n"
    )
    result = load_press_kit(make_kit(manifest.encode("utf-8")))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:5: error: film.runtime_minutes: 'soon' is not a positive whole number"
    ]
    # YAML folds a quoted NEL into a space; the two line separators are kept as written.
    assert result.kit.film.tagline in (f"one{separator}two", "one two")


@pytest.mark.parametrize("separator", ["\u2028", "\u0085"])
def test_syntax_errors_after_a_unicode_separator_name_the_editors_line(
    make_kit: MakeKit, separator: str
) -> None:
    manifest = f'format: presskit/1\nfilm: {{title: "a{separator}b"}}\nsynopsis: [\n'
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(make_kit(manifest.encode("utf-8")))
    assert [p.line for p in caught.value.problems] == [4]


def test_carriage_return_line_ends_count_as_editors_count_them(make_kit: MakeKit) -> None:
    manifest = "format: presskit/1\r\nfilm:\r\n  title: T\r\n  runtime_minutes: x\r\n"
    manifest += "synopsis: {short: s}\r\n"
    result = load_press_kit(make_kit(manifest.encode("utf-8")))
    assert [p.line for p in result.problems] == [4]


def test_note_link_line_after_a_separator_in_an_earlier_note(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: T}\n"
        "synopsis: {short: s}\n"
        "notes:\n"
        '  - {heading: "A\u2028B", body: "x"}\n'
        "  - heading: Links\n"
        "    body: >\n"
        "      See\n"
        "      [up](../up.md)\n"
    )
    result = load_press_kit(make_kit(manifest.encode("utf-8")))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:9: error: notes #2 body: link '../up.md' leaves the kit folder"
    ]


@pytest.mark.parametrize(
    ("section", "expected_key"),
    [
        ("stills:\n  - {caption: no file, credit: c}\n", "stills #1: 'file' is required"),
        ("film_genres", "film.genres #2: expected text, found nothing"),
        ("credits:\n  crew:\n    - {name: A, job: B}\n    - {name: C}\n", "credits.crew #2:"),
        ("notes:\n  - {heading: H}\n", "notes #1: 'body' is required"),
        ("contacts:\n  - {name: A}\n  - {role: r}\n", "contacts #2: 'name' is required"),
    ],
)
def test_list_items_are_counted_from_one(
    make_kit: MakeKit, section: str, expected_key: str
) -> None:
    if section == "film_genres":
        manifest = (
            "format: presskit/1\nfilm: {title: T, genres: [a, '', b]}\nsynopsis: {short: s}\n"
        )
    else:
        manifest = "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n" + section
    result = load_press_kit(make_kit(manifest))
    lines = [p.format() for p in result.problems if p.is_error]
    assert len(lines) == 1
    assert f": error: {expected_key}" in lines[0]
    assert "[" not in lines[0].split(": error: ")[1].split(":")[0]


def test_a_date_row_that_cannot_be_read_is_kept_as_a_skipped_entry(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film:\n"
        "  title: T\n"
        "  dates:\n"
        "    - {label: Premiere, date: 2023-06-12}\n"
        "    - {label: Festival, date: 2023-02-30, place: Berlin}\n"
        "    - {label: Release, date: 2024-01-05}\n"
        "    - {date: 2024-02-01}\n"
        "synopsis: {short: s}\n"
    )
    result = load_press_kit(make_kit(manifest))
    kit = result.kit
    assert [d.label for d in kit.film.dates] == ["Premiere", "Release"]
    assert kit.skipped_in("film.dates") == [
        SkippedEntry(
            "film.dates",
            2,
            "Festival",
            "'2023-02-30' is not a valid date (write YYYY-MM-DD)",
            6,
        ),
        SkippedEntry("film.dates", 4, None, "'label' is required", 8),
    ]
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:6: error: film.dates #2 date: '2023-02-30' is not a valid date "
        "(write YYYY-MM-DD)",
        "presskit.yaml:8: error: film.dates #4: 'label' is required",
    ]


def test_skipped_entries_of_every_list_name_their_section(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: T}\n"
        "synopsis: {short: s}\n"
        "credits:\n"
        "  cast: [{role: Nobody}]\n"
        "  crew: [{name: Ed}]\n"
        "notes: [{heading: Empty}]\n"
        "contacts: [just a name]\n"
    )
    kit = load_press_kit(make_kit(manifest)).kit
    assert [(e.section, e.number, e.label) for e in kit.skipped] == [
        ("credits.cast", 1, None),
        ("credits.crew", 1, "Ed"),
        ("notes", 1, "Empty"),
        ("contacts", 1, None),
    ]
    assert kit.skipped_in("notes")[0].problem == "'body' is required"


def test_a_still_without_a_credit_is_a_warning(make_kit: MakeKit) -> None:
    manifest = HEAD + "synopsis: {short: s}\nstills:\n  - {file: a.jpg, credit: c}\n"
    manifest += "  - {file: b.jpg, caption: x}\n  - {file: c.jpg, credit: ' '}\n"
    result = load_press_kit(make_kit(manifest, {"a.jpg": b"x", "b.jpg": b"x", "c.jpg": b"x"}))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: warning: stills #2: has no credit (a journalist needs one to publish it)",
        "presskit.yaml:8: warning: stills #3: has no credit (a journalist needs one to publish it)",
    ]
    assert len(result.kit.stills) == 3
