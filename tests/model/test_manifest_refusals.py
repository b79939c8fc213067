"""Every refusal the README's format rules promise, each from a real manifest file on disk.

Each test checks the exact ``validate`` line: the file (``presskit.yaml``), the line, the key
where there is one, and the problem. Nothing but :class:`KitLoadError` may ever escape.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.model.manifest_yaml import MAX_MANIFEST_BYTES, MAX_NESTING_DEPTH
from app.model.problems import KitLoadError, Problem
from app.model.validate import validate_kit

MakeKit = Callable[..., Path]


def formatted(problems: list[Problem]) -> list[str]:
    return [problem.format() for problem in problems]


def refused(root: Path) -> list[str]:
    """The problem lines of a kit that must not load; fails if it loads."""
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(root)
    result, problems = validate_kit(root)
    assert result is None
    assert formatted(problems) == formatted(caught.value.problems)
    assert str(caught.value) == "\n".join(formatted(caught.value.problems))
    return formatted(caught.value.problems)


# -- refused whole: the kit does not load, and the error says why ----------------------------

REFUSED = {
    "python_tag.yaml": [
        "presskit.yaml:3: error: the tag '!!python/object/apply:os.system' is not allowed; "
        "only plain values are"
    ],
    "object_tag.yaml": [
        "presskit.yaml:2: error: the tag '!!python/object:argparse.Namespace' is not allowed; "
        "only plain values are"
    ],
    "custom_tag.yaml": [
        "presskit.yaml:4: error: the tag '!include' is not allowed; only plain values are"
    ],
    "anchors_aliases.yaml": [
        "presskit.yaml:3: error: anchors (&title) are not allowed",
        "presskit.yaml:5: error: aliases (*title) are not allowed; write the value out",
    ],
    "too_deep.yaml": [
        f"presskit.yaml:6: error: nesting is deeper than {MAX_NESTING_DEPTH} levels",
    ],
    "root_list.yaml": [
        "presskit.yaml:2: error: the manifest must be a mapping of keys (format:, film:, …), "
        "not a list"
    ],
    "root_scalar.yaml": [
        "presskit.yaml:3: error: the manifest must be a mapping of keys (format:, film:, …), "
        "not the value 'This is not a manifest.'"
    ],
    "empty.yaml": ["presskit.yaml: error: the manifest is empty"],
    "comments_only.yaml": ["presskit.yaml: error: the manifest is empty"],
    "non_utf8.yaml": ["presskit.yaml:5: error: is not UTF-8 text (byte 0xe6 cannot be decoded)"],
    "unknown_format.yaml": [
        "presskit.yaml:2: error: format: 'presskit/2' is not a format this version reads "
        "(it reads 'presskit/1' and 'presskit/1.1')"
    ],
    "missing_format.yaml": [
        "presskit.yaml:2: error: format: 'format' is required (write 'format: presskit/1.1')"
    ],
    "missing_film.yaml": [
        "presskit.yaml:1: error: film: 'film' is required (with at least its title)"
    ],
    "missing_title.yaml": ["presskit.yaml:3: error: film: 'title' is required"],
    "missing_synopsis.yaml": [
        "presskit.yaml:1: error: synopsis: 'synopsis' is required (a short or long text)"
    ],
    "synopsis_without_text.yaml": [
        "presskit.yaml:5: error: synopsis: needs at least one of 'short' or 'long'"
    ],
    "everything_missing.yaml": [
        "presskit.yaml:2: warning: formats: unknown key (did you mean 'format'?)",
        "presskit.yaml:2: error: format: 'format' is required (write 'format: presskit/1.1')",
        "presskit.yaml:2: error: film: 'film' is required (with at least its title)",
        "presskit.yaml:2: error: synopsis: 'synopsis' is required (a short or long text)",
    ],
    "syntax_error_mapping.yaml": [
        "presskit.yaml:4: error: YAML syntax error: mapping values are not allowed here"
    ],
    "syntax_error_flow.yaml": [
        "presskit.yaml:3: error: YAML syntax error: while parsing a flow mapping "
        "(started on line 2), expected ',' or '}', but got ':'"
    ],
    "syntax_error_indent.yaml": [
        "presskit.yaml:4: error: YAML syntax error: while parsing a block mapping "
        "(started on line 1), expected <block end>, but found '<block mapping start>'"
    ],
    "syntax_error_tab.yaml": [
        "presskit.yaml:3: error: YAML syntax error: while scanning for the next token, "
        "found character '\\t' that cannot start any token"
    ],
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_manifest_is_refused_with_file_line_and_reason(
    make_kit: MakeKit, manifests: Path, name: str
) -> None:
    root = make_kit(manifests / name)
    assert refused(root) == REFUSED[name]


def test_every_static_manifest_is_covered_by_a_test(manifests: Path) -> None:
    covered = {*REFUSED, *LOADED_WITH_ERRORS, "alias_bomb.yaml"}
    assert {path.name for path in manifests.glob("*.yaml")} == covered


def test_python_tag_never_runs_anything(make_kit: MakeKit, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = make_kit(
        f"""
        format: presskit/1
        film:
          title: !!python/object/apply:os.system ["touch {marker}"]
        synopsis:
          short: s
        """
    )
    refused(root)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!<tag:example.com,2024:thing> x", "tag:example.com,2024:thing"),
    ],
)
def test_other_tags_are_refused(make_kit: MakeKit, tagged: str, shown: str) -> None:
    root = make_kit(
        f"""
        format: presskit/1
        film:
          title: Tagged
          tagline: {tagged}
        synopsis:
          short: s
        """
    )
    assert refused(root) == [
        f"presskit.yaml:4: error: the tag '{shown}' is not allowed; only plain values are"
    ]


def test_plain_yaml_tags_are_allowed(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: !!str presskit/1
        film:
          title: !!str 1.10
        synopsis:
          short: s
        """
    )
    result = load_press_kit(root)
    assert result.problems == []
    assert result.kit.film.title == "1.10"


def test_alias_bomb_is_refused_fast(make_kit: MakeKit, manifests: Path) -> None:
    root = make_kit(manifests / "alias_bomb.yaml")
    started = time.perf_counter()
    lines = refused(root)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert lines[0] == "presskit.yaml:3: error: anchors (&a) are not allowed"
    assert "presskit.yaml:4: error: aliases (*a) are not allowed; write the value out" in lines
    assert len(lines) <= 50  # reported, not expanded


def test_nesting_at_the_limit_is_not_refused_for_depth(make_kit: MakeKit) -> None:
    # The root mapping is one level; 31 nested lists bring it to the limit exactly.
    inner = "[" * (MAX_NESTING_DEPTH - 1) + "]" * (MAX_NESTING_DEPTH - 1)
    root = make_kit(
        f"format: presskit/1\nfilm: {{title: Deep}}\nsynopsis: {{short: s}}\nx: {inner}\n"
    )
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == ["presskit.yaml:4: warning: x: unknown key"]


def test_deep_block_nesting_names_the_line_where_it_gets_too_deep(make_kit: MakeKit) -> None:
    # One mapping per line: level n opens on line n + 1 (the root mapping is level 1, line 1).
    text = "format: presskit/1\n" + "".join(
        "  " * level + f"k{level}:\n" for level in range(MAX_NESTING_DEPTH + 5)
    )
    root = make_kit(text + "  " * (MAX_NESTING_DEPTH + 5) + "leaf: 1\n")
    assert refused(root) == [
        f"presskit.yaml:{MAX_NESTING_DEPTH + 2}: error: "
        f"nesting is deeper than {MAX_NESTING_DEPTH} levels"
    ]


def test_enormous_flow_nesting_is_refused_without_recursion(make_kit: MakeKit) -> None:
    depth = 200_000
    root = make_kit(b"format: presskit/1\nfilm: " + b"[" * depth + b"]" * depth + b"\n")
    assert refused(root) == [
        f"presskit.yaml:2: error: nesting is deeper than {MAX_NESTING_DEPTH} levels"
    ]


VALID_SMALL = "format: presskit/1\nfilm:\n  title: Big\nsynopsis:\n  short: s\n"


def test_manifest_over_one_mebibyte_is_refused(make_kit: MakeKit) -> None:
    padding = "#" * (MAX_MANIFEST_BYTES + 1 - len(VALID_SMALL) - 1) + "\n"
    root = make_kit((VALID_SMALL + padding).encode())
    assert (root / "presskit.yaml").stat().st_size == MAX_MANIFEST_BYTES + 1
    assert MAX_MANIFEST_BYTES == 1024 * 1024
    assert refused(root) == [
        "presskit.yaml: error: the manifest is 1,048,577 bytes; the limit is 1,048,576"
    ]


def test_manifest_of_exactly_one_mebibyte_loads(make_kit: MakeKit) -> None:
    padding = "#" * (MAX_MANIFEST_BYTES - len(VALID_SMALL) - 1) + "\n"
    root = make_kit((VALID_SMALL + padding).encode())
    assert (root / "presskit.yaml").stat().st_size == MAX_MANIFEST_BYTES
    assert load_press_kit(root).kit.film.title == "Big"


def test_utf8_byte_order_mark_is_accepted(make_kit: MakeKit) -> None:
    root = make_kit(b"\xef\xbb\xbf" + VALID_SMALL.encode())
    result = load_press_kit(root)
    assert result.problems == []
    assert result.kit.film.title == "Big"


def test_utf16_manifest_is_refused_as_not_utf8(make_kit: MakeKit) -> None:
    root = make_kit(VALID_SMALL.encode("utf-16"))
    assert refused(root) == [
        "presskit.yaml:1: error: is not UTF-8 text (byte 0xff cannot be decoded)"
    ]


def test_control_character_is_refused_with_its_line(make_kit: MakeKit) -> None:
    root = make_kit(VALID_SMALL + "credits:\n  cast: [{name: \x07}]\n")
    assert refused(root) == [
        "presskit.yaml:7: error: contains the control character U+0007, which YAML does not allow"
    ]


def test_more_than_one_document_is_refused(make_kit: MakeKit) -> None:
    root = make_kit(VALID_SMALL + "---\nformat: presskit/1\n")
    assert refused(root) == ["presskit.yaml:6: error: more than one YAML document"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "format: is empty (write 'format: presskit/1.1')"),
        (
            "presskit/1.0",
            "format: 'presskit/1.0' is not a format this version reads "
            "(it reads 'presskit/1' and 'presskit/1.1')",
        ),
        (
            "1",
            "format: '1' is not a format this version reads "
            "(it reads 'presskit/1' and 'presskit/1.1')",
        ),
        ("[presskit/1]", "format: expected text, found a list"),
    ],
)
def test_format_must_be_exactly_presskit_1(make_kit: MakeKit, value: str, expected: str) -> None:
    root = make_kit(f"film: {{title: T}}\nsynopsis: {{short: s}}\nformat: {value}\n")
    assert refused(root) == [f"presskit.yaml:3: error: {expected}"]


@pytest.mark.parametrize(
    ("film", "expected"),
    [
        ("{title: ''}", "presskit.yaml:2: error: film.title: must not be empty"),
        ("", "presskit.yaml:2: error: film: expected a mapping of keys, found nothing"),
        ("{title: ~}", "presskit.yaml:2: error: film.title: must not be empty"),
        ("{title: [a]}", "presskit.yaml:2: error: film.title: expected text, found a list"),
        ("[title]", "presskit.yaml:2: error: film: expected a mapping of keys, found a list"),
        (
            "Title",
            "presskit.yaml:2: error: film: expected a mapping of keys, found the value 'Title'",
        ),
    ],
)
def test_unusable_film_refuses_the_kit(make_kit: MakeKit, film: str, expected: str) -> None:
    root = make_kit(f"format: presskit/1\nfilm: {film}\nsynopsis: {{short: s}}\n")
    assert refused(root) == [expected]


@pytest.mark.parametrize(
    ("synopsis", "expected"),
    [
        ("{short: '', long: ''}", "synopsis: needs at least one of 'short' or 'long'"),
        ("[short]", "synopsis: expected a mapping of keys, found a list"),
        (
            "A synopsis as text",
            "synopsis: expected a mapping of keys, found the value 'A synopsis as text'",
        ),
    ],
)
def test_unusable_synopsis_refuses_the_kit(make_kit: MakeKit, synopsis: str, expected: str) -> None:
    root = make_kit(f"format: presskit/1\nfilm: {{title: T}}\nsynopsis: {synopsis}\n")
    assert refused(root) == [f"presskit.yaml:3: error: {expected}"]


def test_all_problems_are_reported_not_just_the_first(make_kit: MakeKit) -> None:
    root = make_kit(
        """
        format: presskit/9
        film:
          titel: Typo
        synopsis:
          attribution: only
        stills:
          - {file: ../escape.jpg, credit: C}
        """
    )
    assert refused(root) == [
        "presskit.yaml:1: error: format: 'presskit/9' is not a format this version reads "
        "(it reads 'presskit/1' and 'presskit/1.1')",
        "presskit.yaml:3: warning: film.titel: unknown key (did you mean 'title'?)",
        "presskit.yaml:3: error: film: 'title' is required",
        "presskit.yaml:5: error: synopsis: needs at least one of 'short' or 'long'",
        "presskit.yaml:7: error: stills #1 file: '../escape.jpg' leaves the kit folder",
    ]


def test_missing_manifest_and_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(tmp_path)
    assert formatted(caught.value.problems) == [
        "presskit.yaml: error: not found: a kit needs a presskit.yaml"
    ]
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(tmp_path / "nowhere")
    assert "is not a press kit folder" in caught.value.problems[0].format()


def test_manifest_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "presskit.yaml").mkdir()
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(tmp_path)
    assert formatted(caught.value.problems)[0] == "presskit.yaml: error: is a folder, not a file"


# -- problems that leave the kit loadable (degraded) -----------------------------------------

LOADED_WITH_ERRORS = {
    "duplicate_keys.yaml": [
        "presskit.yaml:7: error: synopsis: duplicate key (it appears more than once)",
        "presskit.yaml:4: error: film.title: duplicate key (it appears more than once)",
    ],
    "wrong_types.yaml": [
        "presskit.yaml:7: error: film.dates: expected a list, found a mapping",
        "presskit.yaml:4: error: film.tagline: expected text, found a mapping",
        "presskit.yaml:5: error: film.genres: expected a list, found the value 'Thriller'",
        "presskit.yaml:6: error: film.runtime_minutes: 'ninety-five' "
        "is not a positive whole number",
        "presskit.yaml:9: error: synopsis.short: expected text, found a list",
        "presskit.yaml:11: error: credits: expected a mapping of keys, found a list",
        "presskit.yaml:13: error: stills #1: expected a mapping of keys, "
        "found the value 'just-a-path.jpg'",
        "presskit.yaml:14: error: trailer: expected a mapping of keys, "
        "found the value 'trailer.mp4'",
        "presskit.yaml:15: error: notes: expected a list, found a mapping",
        "presskit.yaml:17: error: contacts #1 name: expected text, found a list",
    ],
    "invalid_dates.yaml": [
        "presskit.yaml:5: error: film.dates #1 date: '2023-02-30' is not a valid date "
        "(write YYYY-MM-DD)",
        "presskit.yaml:7: error: film.dates #2 date: 'June 12' is not a valid date "
        "(write YYYY-MM-DD)",
        "presskit.yaml:8: error: film.dates #3 date: '2023-6-12' is not a valid date "
        "(write YYYY-MM-DD)",
    ],
}


@pytest.mark.parametrize("name", sorted(LOADED_WITH_ERRORS))
def test_problem_is_reported_and_the_kit_still_loads(
    make_kit: MakeKit, manifests: Path, name: str
) -> None:
    root = make_kit(manifests / name)
    result = load_press_kit(root)
    assert formatted(result.problems) == LOADED_WITH_ERRORS[name]
    _result, problems = validate_kit(root)
    assert formatted(problems) == LOADED_WITH_ERRORS[name]


def test_duplicate_keys_keep_the_first_value(make_kit: MakeKit, manifests: Path) -> None:
    kit = load_press_kit(make_kit(manifests / "duplicate_keys.yaml")).kit
    assert kit.film.title == "First"
    assert kit.synopsis.short == "s"


def test_wrong_types_degrade_only_their_own_field(make_kit: MakeKit, manifests: Path) -> None:
    kit = load_press_kit(make_kit(manifests / "wrong_types.yaml")).kit
    assert kit.film.title == "Wrong Types"
    assert kit.film.tagline is None
    assert kit.film.genres == ()
    assert kit.film.runtime_minutes is None
    assert kit.film.dates == ()
    assert kit.synopsis.short is None
    assert kit.synopsis.long == "The long one."
    assert (kit.cast, kit.crew, kit.stills, kit.trailer, kit.notes, kit.contacts) == (
        (),
        (),
        (),
        None,
        (),
        (),
    )


def test_invalid_dates_are_left_out_and_valid_ones_kept(make_kit: MakeKit, manifests: Path) -> None:
    kit = load_press_kit(make_kit(manifests / "invalid_dates.yaml")).kit
    assert [(d.label, d.date.isoformat()) for d in kit.film.dates] == [("Good", "2023-06-12")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "'0' is not a positive whole number"),
        ("-5", "'-5' is not a positive whole number"),
        ("95.5", "'95.5' is not a positive whole number"),
        ("1e3", "'1e3' is not a positive whole number"),
        ("0x5F", "'0x5F' is not a positive whole number"),
        ("[95]", "a list is not a positive whole number"),
        ("9" * 5000, "'" + "9" * 99 + "…' is not a positive whole number"),
    ],
)
def test_runtime_must_be_a_positive_whole_number(
    make_kit: MakeKit, value: str, expected: str
) -> None:
    root = make_kit(
        "format: presskit/1\nfilm:\n  title: T\n"
        f"  runtime_minutes: {value}\nsynopsis: {{short: s}}\n"
    )
    result = load_press_kit(root)
    assert formatted(result.problems) == [
        f"presskit.yaml:4: error: film.runtime_minutes: {expected}"
    ]
    assert result.kit.film.runtime_minutes is None


def test_quoted_runtime_is_read_as_a_number(make_kit: MakeKit) -> None:
    root = make_kit(
        "format: presskit/1\nfilm: {title: T, runtime_minutes: '95'}\nsynopsis: {short: s}\n"
    )
    assert load_press_kit(root).kit.film.runtime_minutes == 95


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ("[{label: Premiere}]", "film.dates #1: 'date' is required"),
        ("[{date: 2023-06-12}]", "film.dates #1: 'label' is required"),
        (
            "[{label: P, date: [2023]}]",
            "film.dates #1 date: a list is not a valid date (write YYYY-MM-DD)",
        ),
        (
            "[{label: P, date: 2023-06-12T10:00:00}]",
            "film.dates #1 date: '2023-06-12T10:00:00' is not a valid date (write YYYY-MM-DD)",
        ),
        (
            "[{label: P, date: 0000-01-01}]",
            "film.dates #1 date: '0000-01-01' is not a valid date (write YYYY-MM-DD)",
        ),
        (
            "[{label: P, date: 2023-13-01}]",
            "film.dates #1 date: '2023-13-01' is not a valid date (write YYYY-MM-DD)",
        ),
        (
            "[Premiere 2023]",
            "film.dates #1: expected a mapping of keys, found the value 'Premiere 2023'",
        ),
    ],
)
def test_bad_release_dates_are_errors_naming_the_key(
    make_kit: MakeKit, dates: str, expected: str
) -> None:
    root = make_kit(
        f"format: presskit/1\nfilm:\n  title: T\n  dates: {dates}\nsynopsis: {{short: s}}\n"
    )
    result = load_press_kit(root)
    assert formatted(result.problems) == [f"presskit.yaml:4: error: {expected}"]
    assert result.kit.film.dates == ()


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        (
            "credits:\n  cast: [{role: Hero}]",
            "presskit.yaml:5: error: credits.cast #1: 'name' is required",
        ),
        (
            "credits:\n  crew: [{name: N}]",
            "presskit.yaml:5: error: credits.crew #1: 'job' is required",
        ),
        (
            "credits:\n  crew: [{job: Director}]",
            "presskit.yaml:5: error: credits.crew #1: 'name' is required",
        ),
        (
            "stills:\n  - {caption: No file}",
            "presskit.yaml:5: error: stills #1: 'file' is required",
        ),
        ("stills:\n  - {file: ''}", "presskit.yaml:5: error: stills #1 file: must not be empty"),
        ("trailer:\n  title: No file", "presskit.yaml:5: error: trailer: 'file' is required"),
        ("notes:\n  - {body: text}", "presskit.yaml:5: error: notes #1: 'heading' is required"),
        ("notes:\n  - {heading: h}", "presskit.yaml:5: error: notes #1: 'body' is required"),
        (
            "contacts:\n  - {email: a@b.example}",
            "presskit.yaml:5: error: contacts #1: 'name' is required",
        ),
    ],
)
def test_missing_required_keys_in_optional_sections_degrade_the_kit(
    make_kit: MakeKit, section: str, expected: str
) -> None:
    root = make_kit(f"format: presskit/1\nfilm: {{title: T}}\nsynopsis: {{short: s}}\n{section}\n")
    result = load_press_kit(root)
    assert formatted(result.problems) == [expected]
    kit = result.kit
    assert (kit.cast, kit.crew, kit.stills, kit.trailer, kit.notes, kit.contacts) == (
        (),
        (),
        (),
        None,
        (),
        (),
    )


def test_non_text_keys_are_refused(make_kit: MakeKit) -> None:
    root = make_kit("format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n? [a, b]\n: c\n")
    assert formatted(load_press_kit(root).problems) == [
        "presskit.yaml:4: error: keys must be plain names"
    ]
