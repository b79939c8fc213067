"""The text fields presskit/1.1 adds keep the author's text exactly, as every text field does:
YAML 1.1's implicit booleans, numbers, octal and null-looking words stay the words written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import make_kit_1_1, replaced

# (text in the kit, how it is written with a placeholder, where the model keeps it)
FIELDS: list[tuple[str, str, Callable[[PressKit], object]]] = [
    ("  usage: Editorial use only.", "  usage: {}", lambda k: k.rights and k.rights.usage),
    ("    sound: Dolby Atmos", "    sound: {}", lambda k: k.film.specs and k.film.specs.sound),
    ("  original_title: Testfilmen", "  original_title: {}", lambda k: k.film.original_title),
    ("    photographer: Kari Example", "    photographer: {}", lambda k: k.stills[0].photographer),
    ("title: Key art,", "title: {},", lambda k: k.artwork[0].title),
    ("pronunciation: OH-lah eg-ZAM-pel", "pronunciation: {}", lambda k: k.people[0].pronunciation),
    ("    category: Competition", "    category: {}", lambda k: k.awards[0].category),
    ("    author: Per Critic", "    author: {}", lambda k: k.quotes[0].author),
    ("    title: Interview", "    title: {}", lambda k: k.videos[0].title),
    ("    venue: Cinema 2", "    venue: {}", lambda k: k.screenings[0].venue),
    ("territory: United Kingdom", "territory: {}", lambda k: k.contacts[0].territory),
    ("    title: Le Film", "    title: {}", lambda k: k.translations[0].title),
]  # fmt: skip


@pytest.mark.parametrize(
    "written", ["NO", "yes", "1.10", "0o17", "1e3", "2030", "null-ish", ".inf"]
)
@pytest.mark.parametrize(("old", "pattern", "kept"), FIELDS, ids=[f[1].strip() for f in FIELDS])
def test_a_1_1_text_field_keeps_its_text(
    make_kit: MakeKit,
    old: str,
    pattern: str,
    kept: Callable[[PressKit], object],
    written: str,
) -> None:
    result = load_press_kit(make_kit_1_1(make_kit, replaced(old, pattern.format(written))))
    assert result.problems == []
    assert kept(result.kit) == written
