"""The bundled I.S.S. kit in presskit/ loads, and validates clean once its media exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.model.validate import validate_kit
from app.paths import bundled_kit_dir

BUNDLED = bundled_kit_dir()


def test_bundled_manifest_loads_without_warnings() -> None:
    result = load_press_kit(BUNDLED)
    assert result.kit.film.title == "I.S.S."
    assert result.kit.film.distributor == "Bleecker Street"
    assert [p.format() for p in result.problems if not p.is_error] == []
    # While the media are being generated the only acceptable errors are missing files.
    unexpected = [p.format() for p in result.problems if "does not exist" not in p.message]
    assert unexpected == []


def _missing_media(root: Path) -> list[str]:
    result = load_press_kit(root)
    return [p.format() for p in result.problems if "does not exist" in p.message]


@pytest.mark.skipif(
    bool(_missing_media(BUNDLED)), reason="the bundled kit's media have not been generated yet"
)
def test_bundled_kit_validates_clean() -> None:
    result, problems = validate_kit(BUNDLED)
    assert result is not None
    assert [p.format() for p in problems] == []


def test_bundled_kit_states_only_the_film_facts_of_format_1_1() -> None:
    """The 1.1 keys hold only what the project's film facts give: the specs they list, the
    Tribeca 2023 world premiere as an official selection (no laurel, no category, since no
    section or award is verified), no quotes, people details, contacts, screenings or embargo."""
    kit = load_press_kit(BUNDLED).kit
    assert kit.format == "presskit/1.1"
    assert kit.kit_info is not None and kit.kit_info.id == "iss-2023-bundled"
    specs = kit.film.specs
    assert (specs.year, specs.countries, specs.languages) == (
        2023,
        ("United States",),
        ("English",),
    )
    assert (specs.aspect_ratio, specs.sound, specs.color, specs.exhibition_format) == (None,) * 4
    assert [(a.festival, a.year, a.result, a.category, a.laurel) for a in kit.awards] == [
        ("Tribeca Film Festival", 2023, "official selection", None, None)
    ]
    assert (kit.quotes, kit.people, kit.contacts, kit.screenings) == ((), (), (), ())
    assert kit.rights.embargo is None
    assert "placeholder" in (kit.rights.usage or "").lower()
    assert all(still.embargo is None for still in kit.stills)
    # The booth plays the teaser: the kit's only video, of kind teaser.
    assert [(video.kind, video.title) for video in kit.videos] == [
        ("teaser", "Teaser (placeholder)")
    ]
