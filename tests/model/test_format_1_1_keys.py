"""presskit/1.1 read in full: every key the format adds becomes a typed record on PressKit, the
kit validates clean (manifest and every file's header), and a snapshot keeps it exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.model.kit import (
    Artwork,
    Award,
    FilmSpecs,
    KitInfo,
    Quote,
    Rights,
    Screening,
    Synopsis,
    Translation,
    Video,
)
from app.model.kit_snapshot import KitSnapshots
from app.model.loader import load_press_kit
from app.model.validate import validate_kit
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import MANIFEST_1_1, make_kit_1_1

UTC = dt.timezone.utc
MINUS_FIVE = dt.timezone(dt.timedelta(hours=-5))


def test_a_full_1_1_kit_validates_with_no_problem(make_kit: MakeKit) -> None:
    result, problems = validate_kit(make_kit_1_1(make_kit))
    assert result is not None
    assert [p.format() for p in problems] == []
    assert result.kit.format == "presskit/1.1"


def test_kit_film_specs_and_rights(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    assert kit.kit_info == KitInfo("test-film-2030_intl", 3, dt.date(2030, 1, 5))
    assert kit.film.original_title == "Testfilmen"
    assert kit.film.specs == FilmSpecs(
        year=2030,
        countries=("Norway", "Sweden"),
        languages=("Norwegian", "English"),
        aspect_ratio="2.39:1",
        sound="Dolby Atmos",
        color="Color",
        exhibition_format="DCP",
    )
    assert kit.rights == Rights(
        "Editorial use only.",
        "© 2030 Test Pictures",
        dt.datetime(2030, 1, 10, 9, tzinfo=MINUS_FIVE),
    )
    # The offset the manifest wrote is kept (the banner prints it), not converted to UTC.
    assert kit.rights is not None and kit.rights.embargo is not None
    assert kit.rights.embargo.utcoffset() == dt.timedelta(hours=-5)


def test_still_terms_artwork_and_people(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    first, second = kit.stills
    assert (first.photographer, first.people) == ("Kari Example", ("Ola Example", "Åsa Ødegård"))
    assert (first.usage, first.copyright) == ("Not before the premiere.", "© 2030 Kari Example")
    assert first.embargo == dt.datetime(2030, 1, 12, tzinfo=UTC)
    assert (second.photographer, second.people, second.usage, second.embargo) == (
        None,
        (),
        None,
        None,
    )
    key_art, logo = kit.artwork
    assert isinstance(key_art, Artwork) and key_art.file is not None
    assert (key_art.title, key_art.kind, key_art.credit) == ("Key art", "key-art", "Test Pictures")
    assert (logo.kind, logo.caption, logo.alt, logo.credit) == (
        "logo",
        "The logo.",
        "A white square.",
        None,
    )
    ola, kari = kit.people
    assert (ola.name, ola.pronunciation, ola.photo_credit) == (
        "Ola Example",
        "OH-lah eg-ZAM-pel",
        "Photo by Kari Example",
    )
    assert ola.bio == "A **fictional** actor. See [the still](stills/01.jpg).\n"
    assert ola.photo is not None and ola.photo.relative == "stills/02.png"
    # Links in a bio are checked and placed like a press note's (line 47 of the manifest).
    assert [(link.target, link.line) for link in ola.bio_links] == [("stills/01.jpg", 47)]
    assert kari == kari._replace(name="Kari Example", bio=None, photo=None)


def test_awards_quotes_screenings_contacts_translations(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    laurel = kit.awards[0].laurel
    assert laurel is not None and laurel.relative == "art/key-art.jpg"
    assert kit.awards == (
        Award("Test Festival", "official selection", 2030, "Competition", laurel),
        Award("Other Festival", "winner"),
    )
    assert kit.quotes == (
        Quote(
            "A tense ride.",
            "Test Review",
            "Per Critic",
            dt.date(2030, 1, 13),
            "https://example.com/review",
        ),
        # Text fields take numbers and booleans exactly as written, as every text field does.
        Quote("1.10", "true"),
    )
    assert kit.screenings == (
        Screening(
            dt.datetime(2030, 1, 10, 19, tzinfo=MINUS_FIVE),
            "Press screening",
            "Cinema 2",
            "New York",
            "1 Example Street",
            "Press pass required.",
        ),
        Screening(dt.datetime(2030, 1, 12, 18, 30, tzinfo=UTC)),
    )
    assert [(c.name, c.territory) for c in kit.contacts] == [
        ("Pat Publicist", "United Kingdom"),
        ("Sam Sales", None),
    ]
    assert kit.translations == (
        Translation(
            "fr",
            "Le Film",
            "Une accroche.",
            "Une phrase.",
            Synopsis("Le court.", "Le long.", "Test Pictures"),
        ),
        Translation("zh-Hant-TW", "測試電影"),
    )
    assert kit.translation("FR") is kit.translations[0]
    assert kit.translation("de") is None


def test_videos_keep_their_order_and_every_field(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    interview, trailer = kit.videos
    assert (interview.kind, interview.title, interview.poster, interview.captions) == (
        "interview",
        "Interview",
        None,
        None,
    )
    assert interview.transcript is not None
    assert interview.transcript.relative == "trailer/teaser.en.vtt"
    assert isinstance(trailer, Video) and trailer.kind == "trailer"
    assert trailer.usage == "Embed in full only."
    # A fraction of a second and a positive offset survive as written.
    assert trailer.embargo == dt.datetime(
        2030, 1, 11, 0, 0, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert not kit.trailer_shorthand


def test_every_new_file_is_header_checked_by_validate(make_kit: MakeKit) -> None:
    root = make_kit_1_1(make_kit)
    kit = load_press_kit(root).kit
    keys = {key for key, _file, _kind in kit.referenced_files()}
    assert {
        "artwork #1 file",
        "artwork #2 file",
        "videos #1 file",
        "videos #1 transcript",
        "videos #2 poster",
        "videos #2 captions",
        "people #1 photo",
        "awards #1 laurel",
    } <= keys
    # A transcript that is not timed text is found, by the player's own caption reader.
    (root / "trailer" / "teaser.en.vtt").write_text("not WebVTT\n", encoding="utf-8")
    _result, problems = validate_kit(root)
    assert any(p.file == "trailer/teaser.en.vtt" and p.is_error for p in problems)
    # An artwork file that is not an image is found by its header, like a still.
    (root / "stills" / "03.webp").write_bytes(b"plain text, not an image")
    _result, problems = validate_kit(root)
    assert any(p.file == "stills/03.webp" and p.is_error for p in problems)


def test_the_trailer_shorthand_is_one_video_of_kind_trailer(make_kit: MakeKit) -> None:
    start = MANIFEST_1_1.index("videos:")
    end = MANIFEST_1_1.index("screenings:")
    shorthand = """trailer:
  file: trailer/teaser.mp4
  title: Official trailer
  poster: trailer/poster.jpg
"""
    manifest = MANIFEST_1_1[:start] + shorthand + MANIFEST_1_1[end:]
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    (video,) = kit.videos
    assert (video.kind, video.title, video.usage) == ("trailer", "Official trailer", None)
    assert kit.trailer == video and kit.trailer_shorthand
    assert "trailer.file" in {key for key, _f, _k in kit.referenced_files()}
    # The shorthand keeps presskit/1's shape: a video with terms of its own goes under videos:.
    with_terms = manifest.replace("  poster: trailer/poster.jpg\n", "  usage: Embed in full.\n")
    result = load_press_kit(make_kit_1_1(make_kit, with_terms))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:68: warning: trailer.usage: the 'trailer' shorthand takes presskit/1's "
        "keys only; to give a video a usage, write it under 'videos'; ignored"
    ]
    assert result.kit.videos[0].usage is None


def test_a_1_1_kit_round_trips_through_a_snapshot(make_kit: MakeKit, tmp_path: Path) -> None:
    root = make_kit_1_1(make_kit)
    result = load_press_kit(root)
    assert result.problems == []
    snapshots = KitSnapshots(tmp_path / "snapshots", "test")
    snapshots.save(result)
    kept = snapshots.load(root)
    assert kept is not None
    assert kept.kit == result.kit
    # Equal instants are not enough: the offset each time was written with must come back.
    assert kept.kit.rights is not None and kept.kit.rights.embargo is not None
    assert kept.kit.rights.embargo.utcoffset() == dt.timedelta(hours=-5)
    assert [s.start.utcoffset() for s in kept.kit.screenings] == [
        dt.timedelta(hours=-5),
        dt.timedelta(0),
    ]
    assert kept.kit.videos[1].embargo == result.kit.videos[1].embargo
    assert kept.kit.videos[1].embargo is not None
    assert kept.kit.videos[1].embargo.microsecond == 500000
