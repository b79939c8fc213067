"""Note link targets are read as CommonMark reads them (what the renderer will open), and every
problem line quotes the whole target with its unprintable characters escaped."""

from __future__ import annotations

import pytest

from app.model.loader import load_press_kit
from app.model.markdown_refs import find_refs
from app.model.problems import Problem, Severity
from tests.model.conftest import MakeKit


@pytest.mark.parametrize(
    ("markdown", "target"),
    [
        ("[a](stills/a(1).jpg)", "stills/a(1).jpg"),
        ("[a](stills/a((1)).jpg)", "stills/a((1)).jpg"),
        ("[a](stills/a(1).jpg) and (more)", "stills/a(1).jpg"),
        ("[a](<stills/with space.jpg>)", "stills/with space.jpg"),
        ("[a](<stills/a)b.jpg>)", "stills/a)b.jpg"),
        ("[a](stills/a\\)b.jpg)", "stills/a)b.jpg"),
        ("[a](stills/a\\(b.jpg)", "stills/a(b.jpg"),
        ('[a](stills/x.jpg "A title")', "stills/x.jpg"),
        ("[a](stills/x.jpg 'A title')", "stills/x.jpg"),
        ("[a](stills/x.jpg (A title))", "stills/x.jpg"),
        ("[a](  stills/x.jpg  )", "stills/x.jpg"),
        ("[a](stills/caf&eacute;.jpg)", "stills/café.jpg"),
        ("[a](stills/&#40;x&#41;.jpg)", "stills/(x).jpg"),
        ("![a](stills/a(1).png)", "stills/a(1).png"),
        ("[a]: stills/a(1).jpg", "stills/a(1).jpg"),
        ("[a]: <stills/b c.jpg>", "stills/b c.jpg"),
    ],
)
def test_destinations_follow_commonmark(markdown: str, target: str) -> None:
    assert [ref.target for ref in find_refs(markdown)] == [target]


@pytest.mark.parametrize(
    "markdown",
    [
        "[a](stills/a(1.jpg)",  # unbalanced: not a link, the renderer shows text
        "[a](<stills/a.jpg)",  # an unclosed angle bracket
        "[a](stills/x.jpg trailing words)",  # a bare destination ends at the space
        "[a](<a\nb>)",  # no line break inside <…>
    ],
)
def test_what_commonmark_does_not_read_as_a_link_is_not_a_target(markdown: str) -> None:
    assert find_refs(markdown) == []


def test_the_image_flag_and_line_are_kept(make_kit: MakeKit) -> None:
    refs = find_refs("text\n\n![x](a(1).png)\n[y](<b c.md>)")
    assert [(r.target, r.is_image, r.line_offset) for r in refs] == [
        ("a(1).png", True, 2),
        ("b c.md", False, 3),
    ]


def test_a_missing_target_with_parentheses_is_quoted_whole(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: T}\n"
        "synopsis: {short: s}\n"
        "notes:\n"
        "  - heading: Links\n"
        "    body: |\n"
        "      See [the still](stills/a(1).jpg) and [that](stills/b(2).jpg).\n"
    )
    result = load_press_kit(make_kit(manifest, {"stills/b(2).jpg": b"x"}))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: error: notes #1 body: link 'stills/a(1).jpg' does not exist"
    ]
    (link,) = result.kit.notes[0].links
    assert link.target == "stills/b(2).jpg" and link.file is not None


def test_a_long_missing_target_is_quoted_whole(make_kit: MakeKit) -> None:
    name = "stills/" + "long-" * 60 + ".jpg"
    manifest = (
        "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n"
        f"notes:\n  - heading: H\n    body: '[x]({name})'\n"
    )
    (problem,) = load_press_kit(make_kit(manifest)).problems
    assert f"'{name}'" in problem.format()


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("stills/a\nb.jpg", "stills/a\\nb.jpg"),
        ("stills/a\rb.jpg", "stills/a\\rb.jpg"),
        ("stills/\u202egpj.exe", "stills/\\u202egpj.exe"),
        ("stills/\u2066x\u2069.jpg", "stills/\\u2066x\\u2069.jpg"),
        ("stills/a\u2028b.jpg", "stills/a\\u2028b.jpg"),
        ("stills/a\x1b[31mb.jpg", "stills/a\\x1b[31mb.jpg"),
    ],
)
def test_every_output_line_escapes_unprintable_file_names(name: str, escaped: str) -> None:
    # The file part of a problem comes from disk or an archive, not through quote_value.
    line = Problem(Severity.ERROR, name, f"the file {name} is odd", 3, f"key{name}").format()
    assert line == f"{escaped}:3: error: key{escaped}: the file {escaped} is odd"
    assert len(line.splitlines()) == 1


def test_a_still_named_with_a_bidi_override_is_escaped_in_validate(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n"
        'stills:\n  - {file: "stills/\\u202egpj.exe", credit: c}\n'
    )
    (problem,) = load_press_kit(make_kit(manifest)).problems
    assert problem.format() == (
        "presskit.yaml:5: error: stills #1 file: 'stills/\\u202egpj.exe' does not exist"
    )
