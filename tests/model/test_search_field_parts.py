"""What a search field tells a view about where it is shown, beyond its label: the language
of a translated text and the part of its item (cast or crew, short or long, caption or
credit, a facts row's label, a specs key, a transcript line), so no view parses labels."""

from __future__ import annotations

from pathlib import Path

from app.model.opening import open_kit_location
from app.model.search_fields import kit_fields

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


def test_each_field_names_its_language_and_part() -> None:
    opened = open_kit_location(NIGHT_ORBIT)
    try:
        fields = {field.where: field for field in kit_fields(opened.result.kit)}
    finally:
        opened.close()
    expected = {
        "title": ("", ""),
        "title (fr)": ("fr", ""),
        "tagline (nb)": ("nb", ""),
        "facts Rating": ("", "Rating"),
        "specs aspect_ratio": ("", "aspect_ratio"),
        "synopsis short": ("", "short"),
        "synopsis long": ("", "long"),
        "synopsis (fr) long": ("fr", "long"),
        "synopsis (nb) short": ("nb", "short"),
        "credits cast #2": ("", "cast"),
        "credits crew #2": ("", "crew"),
        "stills #3 alt": ("", "alt"),
        "artwork #1 title": ("", "title"),
        "videos #2 title": ("", "title"),
        "videos #2 transcript 00:00:05": ("", "transcript"),
        "contacts #1": ("", ""),
    }
    assert {where: (fields[where].language, fields[where].part) for where in expected} == expected
    # Groups stay what results are grouped by: a translated title is with the title.
    assert fields["title (fr)"].group == "title"
    assert fields["videos #2 transcript 00:00:05"].time_ms == 5000
