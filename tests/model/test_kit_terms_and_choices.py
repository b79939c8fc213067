"""The model's answers the views, the booth and export ask of a 1.1 kit: which terms apply to a
still or video, whether it is under embargo now, which video a public screen plays, and what a
credited person did on the film."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.model.kit import (
    Artwork,
    CastMember,
    CrewMember,
    Film,
    PressKit,
    Rights,
    Still,
    Synopsis,
    Video,
)
from app.model.loader import load_press_kit
from app.model.times import FixedWallClock
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import make_kit_1_1

UTC = dt.timezone.utc
KIT_EMBARGO = dt.datetime(2030, 1, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def kit_with(**fields: object) -> PressKit:
    return PressKit(Path("/k"), Path("/k/presskit.yaml"), Film("T"), Synopsis("s"), **fields)  # type: ignore[arg-type]


def video(title: str, kind: str | None) -> Video:
    return Video(f"{title}.mp4", None, title=title, kind=kind)  # type: ignore[arg-type]


# -- terms ----------------------------------------------------------------------------------


def test_a_still_s_own_terms_override_the_kit_s_one_by_one() -> None:
    kit = kit_with(rights=Rights("Kit usage.", "© Kit", KIT_EMBARGO))
    own_embargo = dt.datetime(2030, 2, 1, tzinfo=UTC)
    still = Still("s.jpg", None, usage="Still usage.", embargo=own_embargo)
    assert kit.effective_rights(still) == Rights("Still usage.", "© Kit", own_embargo)
    bare = Still("b.jpg", None)
    assert kit.effective_rights(bare) == Rights("Kit usage.", "© Kit", KIT_EMBARGO)
    assert kit.effective_rights(None) == kit.rights
    copyrighted = Still("c.jpg", None, copyright="© Photographer")
    assert kit.effective_rights(copyrighted).copyright == "© Photographer"


def test_a_video_s_terms_and_a_kit_without_rights() -> None:
    clip = Video("v.mp4", None, usage="Embed in full.")
    assert kit_with().effective_rights(clip) == Rights("Embed in full.", None, None)
    assert kit_with().effective_rights(None) == Rights()
    kit = kit_with(rights=Rights(copyright="© Kit"))
    assert kit.effective_rights(clip) == Rights("Embed in full.", "© Kit", None)


def test_an_embargo_lifts_at_its_moment_exactly() -> None:
    kit = kit_with(rights=Rights(embargo=KIT_EMBARGO))
    clock = FixedWallClock(dt.datetime(2030, 1, 10, 13, 59, 59, 999999, tzinfo=UTC))
    assert kit.under_embargo(None, clock.utc_now())
    clock.advance(dt.timedelta(microseconds=1))  # 14:00:00Z is 09:00:00-05:00
    assert not kit.under_embargo(None, clock.utc_now())
    # The same moment seen from any offset gives the same answer.
    tokyo = clock.utc_now().astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert not kit.under_embargo(None, tokyo)


def test_a_still_s_earlier_embargo_frees_it_before_the_kit() -> None:
    early = Still("e.jpg", None, embargo=dt.datetime(2030, 1, 1, tzinfo=UTC))
    late = Still("l.jpg", None, embargo=dt.datetime(2031, 1, 1, tzinfo=UTC))
    plain = Still("p.jpg", None)
    kit = kit_with(rights=Rights(embargo=KIT_EMBARGO), stills=(early, late, plain))
    now = dt.datetime(2030, 1, 5, tzinfo=UTC)
    assert [kit.under_embargo(s, now) for s in kit.stills] == [False, True, True]
    after = dt.datetime(2030, 6, 1, tzinfo=UTC)
    assert [kit.under_embargo(s, after) for s in kit.stills] == [False, True, False]
    assert not kit_with().under_embargo(plain, now)  # no embargo anywhere


def test_now_must_say_its_offset() -> None:
    with pytest.raises(ValueError, match="aware"):
        kit_with().under_embargo(None, dt.datetime(2030, 1, 1))


# -- the booth's video ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "chosen"),
    [
        ([("Clip", "clip"), ("Teaser", "teaser"), ("Trailer", "trailer")], "Trailer"),
        ([("Clip", "clip"), ("Teaser", "teaser"), ("Teaser 2", "teaser")], "Teaser"),
        ([("Interview", "interview"), ("B-roll", "b-roll")], "Interview"),
        ([("Untyped", None), ("Trailer 1", "trailer"), ("Trailer 2", "trailer")], "Trailer 1"),
        ([("Only", None)], "Only"),
    ],
)
def test_the_booth_plays_the_first_trailer_else_teaser_else_first(
    kinds: list[tuple[str, str | None]], chosen: str
) -> None:
    kit = kit_with(videos=tuple(video(title, kind) for title, kind in kinds))
    chosen_video = kit.booth_video()
    assert chosen_video is not None and chosen_video.title == chosen
    assert kit.trailer == chosen_video  # the single-player views show the same one


def test_a_kit_without_videos_has_no_trailer() -> None:
    assert kit_with().booth_video() is None and kit_with().trailer is None


# -- credits ---------------------------------------------------------------------------------


def test_credited_role_gives_the_role_or_the_jobs() -> None:
    kit = kit_with(
        cast=(CastMember("Ola Example", "Commander Lind"), CastMember("Åsa Ødegård")),
        crew=(
            CrewMember("Ingrid Example", "Director"),
            CrewMember("Ingrid Example", "Screenplay"),
            CrewMember("Ola Example", "Screenplay"),
            CrewMember("Åsa Ødegård", "Editing"),
        ),
    )
    assert kit.credited_role("Ola Example") == "Commander Lind, Screenplay"
    assert kit.credited_role("Ingrid Example") == "Director, Screenplay"
    assert kit.credited_role("Åsa Ødegård") == "Editing"  # cast without a role: the job
    assert kit.credited_role("A\u030asa  \u00d8deg\u00e5rd") == "Editing"  # composed otherwise
    assert kit.credited_role("ola example") == "Commander Lind, Screenplay"
    assert kit.credited_role("Nobody") is None
    assert kit.is_credited("Ingrid Example") and not kit.is_credited("Nobody")


def test_the_helpers_on_a_loaded_kit(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    booth = kit.booth_video()
    assert booth is not None and booth.title == "Official trailer"
    before = dt.datetime(2030, 1, 10, 23, 0, 0, 499999, tzinfo=UTC)
    assert kit.under_embargo(booth, before)
    assert not kit.under_embargo(booth, before + dt.timedelta(microseconds=1))
    assert kit.credited_role("Kari Example") == "Unit stills photographer"
    person = kit.person("Ola Example")
    assert person is not None and person.pronunciation == "OH-lah eg-ZAM-pel"
    assert kit.person("Åsa Ødegård") is None


def test_artwork_follows_the_kit_s_terms() -> None:
    kit = kit_with(rights=Rights("Kit usage.", None, KIT_EMBARGO))
    art = Artwork("art/logo.png", None, kind="logo")
    assert kit.effective_rights(art) == kit.rights
    assert kit.under_embargo(art, dt.datetime(2030, 1, 1, tzinfo=UTC))
    assert not kit.under_embargo(art, dt.datetime(2030, 2, 1, tzinfo=UTC))


def test_a_public_screen_skips_what_is_under_embargo() -> None:
    now = dt.datetime(2030, 1, 5, tzinfo=UTC)
    later = dt.datetime(2030, 1, 20, tzinfo=UTC)
    embargoed_trailer = video("Trailer", "trailer")._replace(embargo=KIT_EMBARGO)
    teaser = video("Teaser", "teaser")
    kit = kit_with(videos=(video("Clip", "clip"), embargoed_trailer, teaser))
    chosen = kit.booth_video(now)
    assert chosen is not None and chosen.title == "Teaser"  # the trailer may not play yet
    chosen = kit.booth_video(later)
    assert chosen is not None and chosen.title == "Trailer"
    assert kit.booth_video() == embargoed_trailer  # without a moment: the kit's choice
    everything_embargoed = kit_with(rights=Rights(embargo=KIT_EMBARGO), videos=(teaser,))
    assert everything_embargoed.booth_video(now) is None
    stills = (
        Still("a.jpg", None),
        Still("b.jpg", None, embargo=KIT_EMBARGO),
        Still("c.jpg", None, usage="Own terms."),
    )
    kit = kit_with(stills=stills)
    assert [s.file_text for s in kit.public_stills(now)] == ["a.jpg", "c.jpg"]
    assert [s.file_text for s in kit.public_stills(later)] == ["a.jpg", "b.jpg", "c.jpg"]
    assert [s.has_own_terms for s in stills] == [False, True, True]
    assert not teaser.has_own_terms and embargoed_trailer.has_own_terms
