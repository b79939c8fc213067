"""Every field of format presskit/1 read back from tests/data/kits/full, and the kit's helpers."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from app.model.kit import (
    CastMember,
    Contact,
    CrewMember,
    LoadResult,
    ReleaseDate,
    Synopsis,
)
from app.model.loader import load_press_kit
from app.model.validate import validate_kit

MakeKit = Callable[..., Path]


def load_clean(root: Path) -> LoadResult:
    result = load_press_kit(root)
    assert [p.format() for p in result.problems] == []
    return result


def test_full_kit_validates_clean(full_kit: Path) -> None:
    result, problems = validate_kit(full_kit)
    assert result is not None
    assert [p.format() for p in problems] == []


def test_kit_location(full_kit: Path) -> None:
    kit = load_clean(full_kit).kit
    assert kit.root == full_kit
    assert kit.manifest == full_kit / "presskit.yaml"
    assert kit.source is None
    assert kit.archive_members == {}


def test_film(full_kit: Path) -> None:
    film = load_clean(full_kit).kit.film
    assert film.title == "Test Film"
    assert film.tagline == "A tagline: with a colon."
    assert film.logline == "One sentence about the film."
    assert film.genres == ("Science fiction", "Thriller")
    assert film.runtime_minutes == 95
    assert film.rating == "R — for some violence"
    assert film.distributor == "Test Pictures"
    assert film.key_art is not None
    assert film.key_art.relative == "art/key-art.jpg"
    assert film.key_art.path == (full_kit / "art" / "key-art.jpg").resolve()
    assert film.key_art.size == (full_kit / "art" / "key-art.jpg").stat().st_size


def test_release_dates_with_and_without_place(full_kit: Path) -> None:
    dates = load_clean(full_kit).kit.film.dates
    assert dates == (
        ReleaseDate("World premiere", datetime.date(2023, 6, 12), "Test Festival"),
        ReleaseDate("Release", datetime.date(2024, 1, 19), None),
    )


def test_synopsis(full_kit: Path) -> None:
    synopsis = load_clean(full_kit).kit.synopsis
    assert synopsis == Synopsis(
        short="The short synopsis.",
        long="First paragraph of the long synopsis,\non two lines.\n\nSecond paragraph.\n",
        attribution="Test Film — Test Pictures (written for the tests)",
    )
    assert synopsis.paragraphs() == [
        "First paragraph of the long synopsis, on two lines.",
        "Second paragraph.",
    ]


def test_attribution_is_the_manifests_when_given(full_kit: Path) -> None:
    kit = load_clean(full_kit).kit
    assert kit.attribution == "Test Film — Test Pictures (written for the tests)"


def test_attribution_defaults_to_title_and_distributor(make_kit: MakeKit) -> None:
    kit = load_clean(
        make_kit(
            "format: presskit/1\nfilm: {title: I.S.S., distributor: Bleecker Street}\n"
            "synopsis: {short: s}\n"
        )
    ).kit
    assert kit.synopsis.attribution is None
    assert kit.attribution == "I.S.S. — Bleecker Street"


def test_attribution_defaults_to_the_title_without_a_distributor(make_kit: MakeKit) -> None:
    kit = load_clean(
        make_kit("format: presskit/1\nfilm: {title: I.S.S.}\nsynopsis: {long: l}\n")
    ).kit
    assert kit.attribution == "I.S.S."
    assert kit.synopsis.paragraphs() == ["l"]


def test_cast_in_billing_order(full_kit: Path) -> None:
    assert load_clean(full_kit).kit.cast == (
        CastMember("Alice Actor", "The Lead"),
        CastMember("Bob Actor", "The Rival"),
        CastMember("Carol Actor", None),
    )


def test_crew_and_crew_with_job(full_kit: Path) -> None:
    kit = load_clean(full_kit).kit
    assert kit.crew == (
        CrewMember("Dana Director", "Director"),
        CrewMember("Will Writer", "Screenplay"),
        CrewMember("Ed Editor", "Editing"),
        CrewMember("Eve Editor", "Editing"),
    )
    assert kit.crew_with_job("Director") == [CrewMember("Dana Director", "Director")]
    assert kit.crew_with_job("director") == [CrewMember("Dana Director", "Director")]
    assert kit.crew_with_job("Screenplay", "Writer") == [CrewMember("Will Writer", "Screenplay")]
    assert [m.name for m in kit.crew_with_job("Editing")] == ["Ed Editor", "Eve Editor"]
    assert kit.crew_with_job("Music") == []


def test_stills(full_kit: Path) -> None:
    stills = load_clean(full_kit).kit.stills
    assert [(s.file_text, s.caption, s.credit, s.alt) for s in stills] == [
        (
            "stills/01.jpg",
            "The first still.",
            "Photo by Test Photographer",
            "A dark blue frame with a white square.",
        ),
        (
            "stills/02.png",
            "The second still.",
            "Photo by Test Photographer",
            "A dark red frame with a white square.",
        ),
        ("stills/03.webp", None, "Photo by Test Photographer", None),
    ]
    for still in stills:
        assert still.problem is None
        assert still.file is not None
        assert still.file.relative == still.file_text
        assert still.file.path == (full_kit / still.file_text).resolve()
        assert still.file.size > 0
        assert still.file.mtime_ns > 0


def test_trailer(full_kit: Path) -> None:
    trailer = load_clean(full_kit).kit.trailer
    assert trailer is not None
    assert trailer.file_text == "trailer/teaser.mp4"
    assert trailer.title == "Teaser"
    assert trailer.problem is None
    assert trailer.file is not None and trailer.file.relative == "trailer/teaser.mp4"
    assert trailer.poster is not None and trailer.poster.relative == "trailer/poster.jpg"
    assert trailer.captions is not None and trailer.captions.relative == "trailer/teaser.en.vtt"


def test_notes_heading_body_attribution_and_links(full_kit: Path) -> None:
    notes = load_clean(full_kit).kit.notes
    assert [(n.heading, n.attribution) for n in notes] == [
        ("About the film", "Written for the tests."),
        ("Short note", None),
    ]
    assert notes[0].body == (
        "The film's *official* site is [online](https://example.com/film).\n"
        "\n"
        "Write to [the office](mailto:press@example.com) or see the second still:\n"
        "\n"
        "![A still](stills/02.png)\n"
        "\n"
        "The [teaser captions](trailer/teaser.en.vtt) are in the kit.\n"
    )
    assert notes[1].body == "Plain text."
    assert notes[1].links == ()
    links = notes[0].links
    assert [(link.target, link.is_image, link.line) for link in links] == [
        ("https://example.com/film", False, 53),
        ("mailto:press@example.com", False, 55),
        ("stills/02.png", True, 57),
        ("trailer/teaser.en.vtt", False, 59),
    ]
    assert [link.file.relative if link.file else None for link in links] == [
        None,
        None,
        "stills/02.png",
        "trailer/teaser.en.vtt",
    ]


def test_contacts_with_all_fields_and_name_only(full_kit: Path) -> None:
    assert load_clean(full_kit).kit.contacts == (
        Contact(
            name="Pat Publicist",
            role="Publicity",
            email="pat@example.com",
            phone="+1 555 0100",
            url="https://example.com/press",
        ),
        Contact(name="Sam Sales"),
    )


def test_referenced_files_lists_every_media_file_once_per_use(full_kit: Path) -> None:
    kit = load_clean(full_kit).kit
    assert [(key, file.relative, kind) for key, file, kind in kit.referenced_files()] == [
        ("film.key_art", "art/key-art.jpg", "image"),
        ("stills #1 file", "stills/01.jpg", "image"),
        ("stills #2 file", "stills/02.png", "image"),
        ("stills #3 file", "stills/03.webp", "image"),
        ("trailer.file", "trailer/teaser.mp4", "video"),
        ("trailer.poster", "trailer/poster.jpg", "image"),
        ("trailer.captions", "trailer/teaser.en.vtt", "captions"),
        ("notes #1 body", "stills/02.png", "image"),
    ]


def test_minimal_kit_has_empty_optional_parts(make_kit: MakeKit) -> None:
    kit = load_clean(make_kit("format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n")).kit
    assert kit.film.genres == () and kit.film.dates == () and kit.film.key_art is None
    assert (kit.cast, kit.crew, kit.stills, kit.notes, kit.contacts) == ((), (), (), (), ())
    assert kit.trailer is None
    assert kit.referenced_files() == []


def test_empty_optional_sections_are_accepted(make_kit: MakeKit) -> None:
    kit = load_clean(
        make_kit(
            "format: presskit/1\nfilm: {title: T, genres: [], dates: []}\nsynopsis: {short: s}\n"
            "credits:\nstills:\nnotes: []\ncontacts: ~\ntrailer:\n"
        )
    ).kit
    assert (kit.cast, kit.stills, kit.notes, kit.contacts, kit.trailer) == ((), (), (), (), None)
