"""Text fields keep the author's text exactly, as the README promises: YAML 1.1's implicit booleans,
numbers and dates never leak into them. Unknown keys are warnings with a suggestion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.model.validate import validate_kit

MakeKit = Callable[..., Path]


def test_implicit_yaml_types_stay_text(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film:
          title: NO
          tagline: 1.10
          logline: yes
          rating: 2024-01-19
          distributor: 0o17
          genres: [on, off, 1e3, .inf, 0x1F, 12:30:00]
        synopsis:
          short: null
          long: 1_000
          attribution: Y
        credits:
          cast: [{name: True, role: ~ }]
          crew: [{name: n, job: false}]
        stills:
          - {file: a.jpg, caption: 3.0, credit: -.5, alt: .NaN}
        notes:
          - {heading: 2023-06-12, body: 42, attribution: No}
        contacts:
          - {name: Off, role: 007, email: yes, phone: 0123, url: 1.0}
        """,
        {"a.jpg": b"x"},
    )
    result = load_press_kit(root)
    assert result.problems == []
    kit = result.kit
    assert kit.film.title == "NO"
    assert kit.film.tagline == "1.10"
    assert kit.film.logline == "yes"
    assert kit.film.rating == "2024-01-19"
    assert kit.film.distributor == "0o17"
    assert kit.film.genres == ("on", "off", "1e3", ".inf", "0x1F", "12:30:00")
    assert kit.synopsis.short == "null"  # only an empty value or ~ means "not given"
    assert kit.synopsis.long == "1_000"
    assert kit.synopsis.attribution == "Y"
    assert (kit.cast[0].name, kit.cast[0].role) == ("True", None)
    assert kit.crew[0].job == "false"
    still = kit.stills[0]
    assert (still.caption, still.credit, still.alt) == ("3.0", "-.5", ".NaN")
    note = kit.notes[0]
    assert (note.heading, note.body, note.attribution) == ("2023-06-12", "42", "No")
    contact = kit.contacts[0]
    assert (contact.name, contact.role, contact.email, contact.phone, contact.url) == (
        "Off",
        "007",
        "yes",
        "0123",
        "1.0",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("NO", "NO"),
        ("'NO'", "NO"),
        ('"1.10"', "1.10"),
        ("'  padded  '", "  padded  "),
        ("'it''s'", "it's"),
        ('"tab\\there"', "tab\there"),
        ("I.S.S.", "I.S.S."),
        ("Part 2 — the sequel", "Part 2 — the sequel"),
        ("'#1'", "#1"),
        ("''", ""),  # written out as empty on purpose
        ("~", None),
        ("", None),
    ],
)
def test_tagline_keeps_its_text(make_kit: MakeKit, written: str, expected: str | None) -> None:
    root = make_kit(
        f"format: presskit/1\nfilm:\n  title: T\n  tagline: {written}\nsynopsis: {{short: s}}\n"
    )
    assert load_press_kit(root).kit.film.tagline == expected


def test_block_scalars_keep_line_breaks_as_written(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film: {title: T}
        synopsis:
          short: >-
            Folded
            into one line.
          long: |
            Kept
            as written.

            Second paragraph.
        """
    )
    synopsis = load_press_kit(root).kit.synopsis
    assert synopsis.short == "Folded into one line."
    assert synopsis.long == "Kept\nas written.\n\nSecond paragraph.\n"
    assert synopsis.paragraphs() == ["Kept as written.", "Second paragraph."]


def test_unknown_key_is_a_warning_with_a_suggestion(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film: {titel: X, title: Y}
        synopsis: {short: s}
        """
    )
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:2: warning: film.titel: unknown key (did you mean 'title'?)"
    ]
    assert result.kit.film.title == "Y"


def test_unknown_key_example_from_the_readme(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film:
          titel: I.S.S.
          title: I.S.S.
        synopsis:
          short: s
        """
    )
    _result, problems = validate_kit(root)
    assert [p.format() for p in problems] == [
        "presskit.yaml:3: warning: film.titel: unknown key (did you mean 'title'?)"
    ]
    assert not problems[0].is_error


@pytest.mark.parametrize(
    ("manifest_tail", "expected"),
    [
        ("stils: []", "presskit.yaml:4: warning: stils: unknown key (did you mean 'stills'?)"),
        ("budget: 10", "presskit.yaml:4: warning: budget: unknown key"),
        (
            "stills:\n  - {file: a.jpg, captoin: x, credit: c}",
            "presskit.yaml:5: warning: stills #1 captoin: unknown key (did you mean 'caption'?)",
        ),
        (
            "credits:\n  cast: [{name: A, roll: B}]",
            "presskit.yaml:5: warning: credits.cast #1 roll: unknown key (did you mean 'role'?)",
        ),
        (
            "credits:\n  crew: [{name: A, job: B, department: C}]",
            "presskit.yaml:5: warning: credits.crew #1 department: unknown key",
        ),
        (
            "trailer:\n  file: a.jpg\n  caption: a.jpg",
            "presskit.yaml:6: warning: trailer.caption: unknown key (did you mean 'captions'?)",
        ),
        (
            "contacts:\n  - {name: A, mail: a@b.example}",
            "presskit.yaml:5: warning: contacts #1 mail: unknown key (did you mean 'email'?)",
        ),
        (
            "notes:\n  - {heading: H, body: B, title: T}",
            "presskit.yaml:5: warning: notes #1 title: unknown key",
        ),
    ],
)
def test_unknown_keys_anywhere_are_warnings_that_name_the_key(
    make_kit: MakeKit, manifest_tail: str, expected: str
) -> None:
    root = make_kit(
        "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n" + manifest_tail + "\n",
        {"a.jpg": b"x"},
    )
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == [expected]
    assert result.errors == []


# -- a one-line field far too long to lay out ---------------------------------------------------


def test_a_one_megabyte_one_word_title_loads_with_one_short_warning(make_kit: MakeKit) -> None:
    from app.model.manifest_yaml import MAX_MANIFEST_BYTES
    from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display

    word = "A" * (MAX_MANIFEST_BYTES - 200)
    manifest = f"format: presskit/1\nfilm:\n  title: {word}\nsynopsis: {{short: s}}\n"
    result = load_press_kit(make_kit(manifest))
    assert result.kit.film.title == word  # the model keeps the text exactly as written
    lines = [p.format() for p in result.problems]
    assert lines == [
        f"presskit.yaml:3: warning: film.title: is {len(word):,} characters long; "
        f"the viewer shows the first {MAX_TITLE_CHARS}"
    ]
    shown = shorten_for_display(result.kit.film.title, MAX_TITLE_CHARS)
    assert len(shown) == MAX_TITLE_CHARS and shown.endswith("…")


@pytest.mark.parametrize(
    ("field", "limit"),
    [("tagline", 2000), ("caption", 2000), ("name", 2000)],
)
def test_other_one_line_fields_warn_past_their_limit(
    make_kit: MakeKit, field: str, limit: int
) -> None:
    value = "x" * (limit + 1)
    manifest = {
        "tagline": f"film: {{title: T, tagline: {value}}}\n",
        "caption": f"film: {{title: T}}\nstills: [{{file: a.jpg, credit: c, caption: {value}}}]\n",
        "name": f"film: {{title: T}}\ncontacts: [{{name: {value}}}]\n",
    }[field]
    result = load_press_kit(
        make_kit(f"format: presskit/1\nsynopsis: {{short: s}}\n{manifest}", {"a.jpg": b"x"})
    )
    (problem,) = [p for p in result.problems if "characters long" in p.message]
    assert (
        problem.message == f"is {limit + 1:,} characters long; the viewer shows the first {limit:,}"
    )
    assert len(problem.format()) < 200


def test_paragraph_fields_are_not_bounded(make_kit: MakeKit) -> None:
    long = "word " * 5000
    manifest = f"format: presskit/1\nfilm: {{title: T}}\nsynopsis: {{long: {long}}}\n"
    assert load_press_kit(make_kit(manifest)).problems == []
