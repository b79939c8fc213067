"""The README's path rule: every referenced file is a relative POSIX path that resolves,
after following symlinks, to a regular file inside the kit. Breaking it is an error naming the
key; the kit still loads, with that still or file marked unavailable."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.kit import KitFile
from app.model.kit_paths import PathRefusal, resolve_kit_file
from app.model.loader import load_press_kit

MakeKit = Callable[..., Path]

needs_symlinks = pytest.mark.skipif(
    sys.platform == "win32", reason="creating symlinks needs privileges on Windows"
)

FILES = {"stills/01.jpg": b"one", "stills/02.jpg": b"two", "notes/page.md": b"# page"}

ABSOLUTE = "is an absolute path; use a path relative to the kit"
LEAVES = "leaves the kit folder"
DRIVE = "is a Windows drive path; use a path relative to the kit"
URL = "is a URL; the kit may only use files inside its folder"
FOLDER = "is a folder, not a file"

BAD_PATHS = [
    ("/etc/passwd", ABSOLUTE),
    ("//server/share/x.jpg", ABSOLUTE),
    ("../outside.jpg", LEAVES),
    ("../../etc/passwd", LEAVES),
    ("stills/../../secret.jpg", LEAVES),
    ("C:/x.jpg", DRIVE),
    ("c:x.jpg", DRIVE),
    ("stills\\01.jpg", "uses backslashes; write paths with forward slashes"),
    ("http://example.com/a.jpg", URL),
    ("https://example.com/a.jpg", URL),
    ("file:///etc/passwd", URL),
    ("stills", FOLDER),
    ("stills/", FOLDER),
    (".", FOLDER),
    ("stills/missing.jpg", "does not exist"),
]


def still_manifest(value: str) -> str:
    # Line 7 holds stills #2 file; stills #1 is a good one, so only the bad one degrades.
    quoted = "'" + value.replace("'", "''") + "'"
    return (
        "format: presskit/1\n"
        "film: {title: Paths}\n"
        "synopsis: {short: s}\n"
        "stills:\n"
        "  - {file: stills/01.jpg, caption: Good,\n"
        "     credit: C}\n"
        f"  - file: {quoted}\n"
        "    caption: Bad\n"
        "    credit: C\n"
    )


@pytest.mark.parametrize(("value", "why"), BAD_PATHS, ids=[v for v, _ in BAD_PATHS])
def test_bad_still_path_is_an_error_naming_the_key_and_the_still_degrades(
    make_kit: MakeKit, value: str, why: str
) -> None:
    reason = f"'{value}' {why}"
    result = load_press_kit(make_kit(still_manifest(value), FILES))
    assert [p.format() for p in result.problems] == [
        f"presskit.yaml:7: error: stills #2 file: {reason}"
    ]
    good, bad = result.kit.stills
    assert good.file is not None and good.problem is None
    assert bad.file is None
    assert bad.problem == reason
    assert bad.file_text == value
    assert bad.caption == "Bad"
    assert [key for key, _file, _kind in result.kit.referenced_files()] == ["stills #1 file"]


TRAILER_WITH = "film: {{title: Paths}}\ntrailer:\n  file: stills/01.jpg\n"


@pytest.mark.parametrize(
    ("section", "line", "key"),
    [
        ("film:\n  title: Paths\n  key_art: {bad}\n", 4, "film.key_art"),
        ("film: {{title: Paths}}\ntrailer:\n  file: {bad}\n", 4, "trailer.file"),
        (TRAILER_WITH + "  poster: {bad}\n", 5, "trailer.poster"),
        (TRAILER_WITH + "  captions: {bad}\n", 5, "trailer.captions"),
    ],
)
def test_bad_path_in_any_file_key_names_that_key(
    make_kit: MakeKit, section: str, line: int, key: str
) -> None:
    manifest = "format: presskit/1\n" + section.format(bad="../../etc/passwd")
    result = load_press_kit(make_kit(manifest + "synopsis: {short: s}\n", FILES))
    assert [p.format() for p in result.problems] == [
        f"presskit.yaml:{line}: error: {key}: '../../etc/passwd' leaves the kit folder"
    ]
    kit = result.kit
    assert kit.film.key_art is None
    if kit.trailer is not None:
        if key == "trailer.file":
            assert kit.trailer.file is None
            assert kit.trailer.problem == "'../../etc/passwd' leaves the kit folder"
        else:
            assert kit.trailer.file is not None and kit.trailer.problem is None
        assert kit.trailer.poster is None and kit.trailer.captions is None


def test_empty_optional_path_is_an_error(make_kit: MakeKit) -> None:
    result = load_press_kit(
        make_kit("format: presskit/1\nfilm: {title: T, key_art: ''}\nsynopsis: {short: s}\n")
    )
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:2: error: film.key_art: the path is empty"
    ]


def test_control_characters_in_a_path_are_shown_escaped(make_kit: MakeKit) -> None:
    result = load_press_kit(
        make_kit('format: presskit/1\nfilm: {title: T, key_art: "a\\x00b"}\nsynopsis: {short: s}\n')
    )
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:2: error: film.key_art: 'a\\x00b' contains a NUL character"
    ]


def test_dot_segments_that_stay_inside_are_accepted(make_kit: MakeKit) -> None:
    root = make_kit(still_manifest("./stills/../stills/02.jpg"), FILES)
    result = load_press_kit(root)
    assert result.problems == []
    still = result.kit.stills[1]
    assert still.file is not None
    assert still.file.relative == "./stills/../stills/02.jpg"
    assert still.file.path == (root / "stills" / "02.jpg").resolve()
    assert still.file.size == 3


@needs_symlinks
def test_symlink_to_a_file_outside_the_kit_is_refused(make_kit: MakeKit, tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"secret")
    root = make_kit(still_manifest("stills/link.jpg"), FILES)
    os.symlink(secret, root / "stills" / "link.jpg")
    result = load_press_kit(root)
    reason = "'stills/link.jpg' is a symbolic link that leaves the kit folder"
    assert [p.format() for p in result.problems] == [
        f"presskit.yaml:7: error: stills #2 file: {reason}"
    ]
    assert result.kit.stills[1].file is None
    assert result.kit.stills[1].problem == reason


@needs_symlinks
def test_symlinked_folder_that_leaves_the_kit_is_refused(make_kit: MakeKit, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.jpg").write_bytes(b"x")
    root = make_kit(still_manifest("outside/x.jpg"), FILES)
    os.symlink(elsewhere, root / "outside", target_is_directory=True)
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: error: stills #2 file: "
        "'outside/x.jpg' is a symbolic link that leaves the kit folder"
    ]


@needs_symlinks
def test_symlink_that_stays_inside_the_kit_is_accepted(make_kit: MakeKit) -> None:
    root = make_kit(still_manifest("stills/alias.jpg"), FILES)
    os.symlink("02.jpg", root / "stills" / "alias.jpg")
    result = load_press_kit(root)
    assert result.problems == []
    still = result.kit.stills[1]
    assert still.file is not None
    assert still.file.relative == "stills/alias.jpg"
    assert still.file.path == (root / "stills" / "02.jpg").resolve()


@needs_symlinks
def test_dangling_symlink_is_reported_missing(make_kit: MakeKit) -> None:
    root = make_kit(still_manifest("stills/dangling.jpg"), FILES)
    os.symlink("nothing-here.jpg", root / "stills" / "dangling.jpg")
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: error: stills #2 file: 'stills/dangling.jpg' does not exist"
    ]


@needs_symlinks
def test_kit_opened_through_a_symlinked_folder_still_accepts_its_files(
    make_kit: MakeKit, tmp_path: Path
) -> None:
    root = make_kit(still_manifest("stills/02.jpg"), FILES)
    link = tmp_path / "kit-link"
    os.symlink(root, link, target_is_directory=True)
    assert load_press_kit(link).problems == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_file_is_refused(make_kit: MakeKit) -> None:
    root = make_kit(still_manifest("stills/pipe.jpg"), FILES)
    os.mkfifo(root / "stills" / "pipe.jpg")
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: error: stills #2 file: 'stills/pipe.jpg' is a named pipe (FIFO), "
        "not a regular file"
    ]


def test_resolve_kit_file_returns_size_and_mtime(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"12345")
    found = resolve_kit_file(tmp_path.resolve(), "a.jpg")
    assert isinstance(found, KitFile)
    assert (found.relative, found.size) == ("a.jpg", 5)
    assert found.mtime_ns == (tmp_path / "a.jpg").stat().st_mtime_ns
    assert resolve_kit_file(tmp_path.resolve(), "  ") == PathRefusal("the path is empty")


# -- notes' Markdown ------------------------------------------------------------------------

NOTE_FILES = {"stills/01.jpg": b"one", "docs/page.md": b"# page"}


def note_manifest(body_lines: list[str]) -> str:
    """A manifest whose single note body is a ``|`` block starting on line 7."""
    body = "".join(f"      {line}\n" if line else "\n" for line in body_lines)
    return (
        "format: presskit/1\n"
        "film: {title: Notes}\n"
        "synopsis: {short: s}\n"
        "notes:\n"
        "  - heading: A note\n"
        "    body: |\n" + body
    )


def note_problems(make_kit: MakeKit, body_lines: list[str]) -> list[str]:
    result = load_press_kit(make_kit(note_manifest(body_lines), NOTE_FILES))
    assert len(result.kit.notes) == 1  # a bad link never costs the whole note
    return [p.format() for p in result.problems]


REMOTE = "is remote; images in notes must be files inside the kit"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("![x](https://example.com/a.png)", f"the image 'https://example.com/a.png' {REMOTE}"),
        ("![x](http://example.com/a.png)", f"the image 'http://example.com/a.png' {REMOTE}"),
        ("![x](../a.png)", f"image '../a.png' {LEAVES}"),
        ("[x](../a.md)", f"link '../a.md' {LEAVES}"),
        ("[x](%2e%2e/a.md)", f"link '../a.md' {LEAVES}"),
        ("![x](/etc/passwd)", f"image '/etc/passwd' {ABSOLUTE}"),
        ("![x](C:/a.png)", f"image 'C:/a.png' {DRIVE}"),
        ("[x](file:///etc/passwd)", f"link 'file:///etc/passwd' {URL}"),
        ("[x](ftp://example.com/a)", f"link 'ftp://example.com/a' {URL}"),
        ("![x](stills/missing.jpg)", "image 'stills/missing.jpg' does not exist"),
        ("[x](docs)", f"link 'docs' {FOLDER}"),
        ("![x][ref]\n\n[ref]: ../a.png", f"image '../a.png' {LEAVES}"),
        ("[x](<>)", "link with an empty target"),
    ],
)
def test_unsafe_note_reference_is_an_error_on_its_line(
    make_kit: MakeKit, markdown: str, message: str
) -> None:
    lines = ["Some text first.", "", *markdown.split("\n")]  # the Markdown starts on line 9
    # a reference-style target is reported where it is defined: the last line
    problem_line = 7 + len(lines) - 1
    assert note_problems(make_kit, lines) == [
        f"presskit.yaml:{problem_line}: error: notes #1 body: {message}"
    ]


RAW_HTML = "warning: notes #1 body: raw HTML in notes is shown as written, not rendered"


@pytest.mark.parametrize(
    "markdown",
    [
        '<img src="/dev/zero">',
        "<img src='../outside.png'>",
        "<img src=/etc/hostname>",
        '<a href="../a.md">x</a>',
        '<a href="https://example.com">site</a>',
        "Some <b>bold</b> and <i>italic</i>, then <br/> and <img src='x.png'>",
        "<div\n  class='x'>spread over lines</div>",
    ],
)
def test_raw_html_in_notes_is_one_warning_on_its_line_never_a_link_check(
    make_kit: MakeKit, markdown: str
) -> None:
    lines = ["Some text first.", "", *markdown.split("\n")]  # the Markdown starts on line 9
    result = load_press_kit(make_kit(note_manifest(lines), NOTE_FILES))
    assert [p.format() for p in result.problems] == [f"presskit.yaml:9: {RAW_HTML}"]
    assert not result.errors
    assert result.kit.notes[0].links == ()  # raw HTML is shown as text: nothing to open


@pytest.mark.parametrize(
    "markdown",
    [
        "Write `<img src='x.png'>` to break nothing.",
        "```\n<b>in a fenced block</b>\n```",
        "<https://example.com/auto> is an autolink, not a tag",
        "1 < 2 and 3 > 2, a < b>c",
    ],
)
def test_markup_in_code_autolinks_and_comparisons_are_not_raw_html(
    make_kit: MakeKit, markdown: str
) -> None:
    result = load_press_kit(make_kit(note_manifest(markdown.split("\n")), NOTE_FILES))
    assert result.problems == []


def test_raw_html_warns_once_per_note(make_kit: MakeKit) -> None:
    manifest = note_manifest(["<b>one</b>"]) + (
        "  - heading: Second\n    body: |\n      <i>two</i> and ![x](../a.png)\n"
    )
    result = load_press_kit(make_kit(manifest, NOTE_FILES))
    assert [p.format() for p in result.problems] == [
        f"presskit.yaml:7: {RAW_HTML}",
        f"presskit.yaml:10: error: notes #2 body: image '../a.png' {LEAVES}",
        f"presskit.yaml:10: {RAW_HTML.replace('#1', '#2')}",
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        "[site](https://example.com/film)",
        "[site](http://example.com/film)",
        "[write](mailto:press@example.com)",
        "<https://example.com/auto>",
        "[top](#about)",
    ],
)
def test_external_and_anchor_links_are_accepted(make_kit: MakeKit, markdown: str) -> None:
    result = load_press_kit(make_kit(note_manifest([markdown]), NOTE_FILES))
    assert result.problems == []
    for link in result.kit.notes[0].links:
        assert link.file is None and not link.is_image


def test_kit_internal_image_and_link_are_accepted_and_resolved(make_kit: MakeKit) -> None:
    root = make_kit(
        note_manifest(["![A still](stills/01.jpg)", "", "See [the page](docs/page.md#part)."]),
        NOTE_FILES,
    )
    result = load_press_kit(root)
    assert result.problems == []
    image, link = result.kit.notes[0].links
    assert (image.target, image.is_image, image.line) == ("stills/01.jpg", True, 7)
    assert image.file is not None and image.file.path == (root / "stills/01.jpg").resolve()
    assert (link.target, link.is_image, link.line) == ("docs/page.md#part", False, 9)
    assert link.file is not None and link.file.path == (root / "docs/page.md").resolve()
    assert ("notes #1 body", image.file, "image") in result.kit.referenced_files()


def test_line_numbers_inside_a_literal_block_are_exact(make_kit: MakeKit) -> None:
    problems = note_problems(
        make_kit,
        [
            "First paragraph.",  # line 7
            "",  # line 8
            "A [good link](https://example.com).",  # line 9
            "",  # line 10
            "Then ![remote](https://example.com/x.png) and",  # line 11
            "a [bad link](../../x.md) on the next line.",  # line 12
            "",  # line 13
            "",  # line 14
            "![escape](../x.png)",  # line 15
        ],
    )
    assert problems == [
        "presskit.yaml:11: error: notes #1 body: the image 'https://example.com/x.png' is "
        "remote; images in notes must be files inside the kit",
        "presskit.yaml:12: error: notes #1 body: link '../../x.md' leaves the kit folder",
        "presskit.yaml:15: error: notes #1 body: image '../x.png' leaves the kit folder",
    ]


def test_line_numbers_inside_a_folded_block_are_exact(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: Notes}\n"
        "synopsis: {short: s}\n"
        "notes:\n"
        "  - heading: Folded\n"
        "    body: >\n"
        "      A folded paragraph\n"  # 7
        "      whose lines join; ![remote](https://example.com/x.png)\n"  # 8
        "\n"  # 9
        "      and a [bad link](../x.md).\n"  # 10
    )
    result = load_press_kit(make_kit(manifest, NOTE_FILES))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:8: error: notes #1 body: the image 'https://example.com/x.png' is "
        "remote; images in notes must be files inside the kit",
        "presskit.yaml:10: error: notes #1 body: link '../x.md' leaves the kit folder",
    ]


def test_line_numbers_inside_a_multiline_quoted_body_are_exact(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: Notes}\n"
        "synopsis: {short: s}\n"
        "notes:\n"
        '  - {heading: Quoted, body: "one line,\n'  # 5
        "      another line,\n"  # 6
        '      ![x](../up.png)"}\n'  # 7
    )
    result = load_press_kit(make_kit(manifest, NOTE_FILES))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:7: error: notes #1 body: image '../up.png' leaves the kit folder"
    ]


def test_folded_block_lines_count_characters_not_bytes(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film: {title: Café — Ω}\n"
        "synopsis: {short: Ünïcödé everywhere — “quoted”}\n"
        "notes:\n"
        "  - heading: Folded\n"
        "    body: >-\n"
        "      Déjà vu — ÿ ü ö ä ß 字\n"  # 7
        "      [up](../ü.md)\n"  # 8
    )
    result = load_press_kit(make_kit(manifest, NOTE_FILES))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:8: error: notes #1 body: link '../ü.md' leaves the kit folder"
    ]
