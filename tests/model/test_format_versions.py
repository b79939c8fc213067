"""Which ``format:`` a kit may declare, and what each means for the keys it may use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.format_version import FormatVersion, newer_minor_warning, parse_format, refusal
from app.model.loader import load_press_kit
from app.model.problems import KitLoadError
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import MANIFEST_1_1, make_kit_1_1

SMALL = "format: {format}\nfilm: {{title: T}}\nsynopsis: {{short: s}}\n"


def problems_of(root: Path) -> list[str]:
    try:
        return [p.format() for p in load_press_kit(root).problems]
    except KitLoadError as exc:
        return ["refused"] + [p.format() for p in exc.problems]


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("presskit/1", FormatVersion(1, 0)),
        ("presskit/1.1", FormatVersion(1, 1)),
        ("presskit/1.2", FormatVersion(1, 2)),
        ("presskit/1.10", FormatVersion(1, 10)),
        ("presskit/2", FormatVersion(2, 0)),
        ("presskit/1.0", None),  # never a name of the format
        ("presskit/01", None),
        ("presskit/1.1.1", None),
        ("Presskit/1.1", None),
        ("presskit/1.", None),
        ("presskit/١", None),  # an Arabic-Indic digit one is not the digit 1
    ],
)
def test_format_names_parse_exactly(text: str, version: FormatVersion | None) -> None:
    assert parse_format(text) == version
    if version is not None:
        assert version.name == text


def test_only_the_same_major_opens_and_only_a_later_minor_warns() -> None:
    assert refusal(FormatVersion(1, 0)) is None and refusal(FormatVersion(1, 7)) is None
    assert refusal(FormatVersion(2, 0)) is not None and refusal(None) is not None
    assert newer_minor_warning(FormatVersion(1, 1)) is None
    assert newer_minor_warning(FormatVersion(1, 0)) is None
    assert "presskit/1.2" in (newer_minor_warning(FormatVersion(1, 2)) or "")


@pytest.mark.parametrize("declared", ["presskit/1", "presskit/1.1"])
def test_both_versions_open_clean(make_kit: MakeKit, declared: str) -> None:
    assert problems_of(make_kit(SMALL.format(format=declared))) == []


@pytest.mark.parametrize("declared", ["presskit/2", "presskit/2.1", "presskit/10"])
def test_another_major_version_is_refused(make_kit: MakeKit, declared: str) -> None:
    assert problems_of(make_kit(SMALL.format(format=declared))) == [
        "refused",
        f"presskit.yaml:1: error: format: '{declared}' is not a format this version reads "
        "(it reads 'presskit/1' and 'presskit/1.1')",
    ]


def test_a_later_minor_opens_with_a_warning_and_its_new_keys_ignored(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1.2\n"
        "film: {title: T, soundtrack: Someone}\n"
        "synopsis: {short: s}\n"
        "rights: {usage: Editorial only.}\n"
        "festival_kit: {badge: yes}\n"
    )
    result = load_press_kit(make_kit(manifest))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:1: warning: format: 'presskit/1.2' is newer than this version reads in "
        "full ('presskit/1.1'); keys it does not know are ignored",
        "presskit.yaml:5: warning: festival_kit: unknown key",
        "presskit.yaml:2: warning: film.soundtrack: unknown key",
    ]
    # Every 1.1 key still counts: a later minor keeps every promise of 1.1.
    assert result.kit.rights is not None and result.kit.rights.usage == "Editorial only."
    assert result.kit.format == "presskit/1.2"


# Each 1.1 key, placed in a presskit/1 manifest: (text added, line, the key as named).
V1_KEYS = [
    ("kit: {id: k}\n", 4, "kit"),
    ("rights: {usage: u}\n", 4, "rights"),
    ("artwork: [{file: a.png}]\n", 4, "artwork"),
    ("people: [{name: P}]\n", 4, "people"),
    ("awards: [{festival: F, result: winner}]\n", 4, "awards"),
    ("quotes: [{text: t, source: s}]\n", 4, "quotes"),
    ("videos: [{file: v.mp4}]\n", 4, "videos"),
    ("screenings: [{start: '2030-01-10T19:00:00Z'}]\n", 4, "screenings"),
    ("translations: {fr: {title: Le}}\n", 4, "translations"),
    ("stills:\n  - {file: s.png, credit: c, photographer: P}\n", 5, "stills #1 photographer"),
    ("stills:\n  - {file: s.png, credit: c, embargo: bad}\n", 5, "stills #1 embargo"),
    ("contacts:\n  - {name: N, territory: UK}\n", 5, "contacts #1 territory"),
]


@pytest.mark.parametrize(("added", "line", "key"), V1_KEYS)
def test_a_1_1_key_in_a_presskit_1_kit_is_a_warning_and_ignored(
    make_kit: MakeKit, added: str, line: int, key: str
) -> None:
    manifest = SMALL.format(format="presskit/1") + added
    files = {"s.png": b"", "t.mp4": b"", "a.png": b"", "v.mp4": b""}
    result = load_press_kit(make_kit(manifest, files))
    assert [p.format() for p in result.problems] == [
        f"presskit.yaml:{line}: warning: '{key}' needs format presskit/1.1; ignored"
    ]
    kit = result.kit
    assert (kit.kit_info, kit.rights) == (None, None)
    assert (kit.artwork, kit.people, kit.awards, kit.quotes) == ((), (), (), ())
    assert (kit.screenings, kit.translations) == ((), ())
    assert all(still.photographer is None and still.embargo is None for still in kit.stills)
    assert all(contact.territory is None for contact in kit.contacts)
    assert all(video.kind in (None, "trailer") for video in kit.videos)
    assert kit.format == "presskit/1"


def test_film_specs_in_a_presskit_1_kit(make_kit: MakeKit) -> None:
    manifest = (
        "format: presskit/1\n"
        "film:\n  title: T\n  original_title: O\n  specs: {year: 2030}\n"
        "synopsis: {short: s}\n"
    )
    result = load_press_kit(make_kit(manifest))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:4: warning: 'film.original_title' needs format presskit/1.1; ignored",
        "presskit.yaml:5: warning: 'film.specs' needs format presskit/1.1; ignored",
    ]
    assert (result.kit.film.original_title, result.kit.film.specs) == (None, None)


def test_the_full_1_1_kit_declared_presskit_1_opens_as_a_1_0_kit(make_kit: MakeKit) -> None:
    root = make_kit_1_1(make_kit, MANIFEST_1_1.replace("presskit/1.1", "presskit/1", 1))
    result = load_press_kit(root)
    assert result.problems and all(not p.is_error for p in result.problems)
    assert all("needs format presskit/1.1; ignored" in p.message for p in result.problems)
    assert result.kit.videos == () and result.kit.rights is None
    assert result.kit.film.title == "Test Film"


def test_a_video_key_under_the_trailer_of_a_presskit_1_kit_is_unknown_as_before(
    make_kit: MakeKit,
) -> None:
    manifest = SMALL.format(format="presskit/1") + "trailer:\n  file: t.mp4\n  kind: teaser\n"
    result = load_press_kit(make_kit(manifest, {"t.mp4": b""}))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:6: warning: trailer.kind: unknown key"
    ]
    assert result.kit.videos[0].kind == "trailer"
