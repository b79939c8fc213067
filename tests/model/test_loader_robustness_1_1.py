"""No value in any presskit/1.1 key can crash the loader: every value of the full 1.1 kit,
replaced in turn by a value of each wrong shape, loads with problems (each one ``validate`` line,
placed on a line) or is refused with a reason — and every item that cannot be read is kept as a
skipped entry rather than lost."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from app.model.loader import load_press_kit
from app.model.problems import KitLoadError
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import MANIFEST_1_1, make_kit_1_1

# A value of each shape the format does not expect somewhere: a list, a mapping, nothing, a
# number, a boolean, a path out of the kit, a control character and a very long text.
WRONG_VALUES: list[Any] = [
    ["a", "b"],
    {"x": 1},
    None,
    12.5,
    True,
    "../outside.jpg",
    "bell\x07",
    "w" * 5000,
]


def as_data(text: str) -> Any:
    """The manifest as plain data with every scalar kept as its text (safe_load would turn
    times into datetimes, which safe_dump then writes in a shape the format refuses)."""
    return yaml.load(text, Loader=yaml.BaseLoader)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The place of every value in the parsed manifest, outermost first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from paths(item, (*prefix, index))


def replaced(data: Any, place: tuple[Any, ...], new: Any) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = new
    return changed


def test_every_1_1_value_replaced_by_every_wrong_shape(make_kit: MakeKit) -> None:
    root = make_kit_1_1(make_kit)
    manifest = root / "presskit.yaml"
    data = as_data(MANIFEST_1_1)
    new_keys = {"kit", "rights", "artwork", "people", "awards", "quotes", "videos"}
    new_keys |= {"screenings", "translations", "stills", "contacts", "film"}
    places = [place for place in paths(data) if place[0] in new_keys]
    assert len(places) > 100
    loaded = 0
    for place in places:
        for wrong in WRONG_VALUES:
            text = yaml.safe_dump(replaced(data, place, wrong), allow_unicode=True)
            manifest.write_text(text, encoding="utf-8")
            try:
                result = load_press_kit(root)
            except KitLoadError as exc:
                problems = exc.problems
                assert problems, f"{place} = {wrong!r}: refused without a reason"
            else:
                loaded += 1
                problems = result.problems
            for problem in problems:
                line = problem.format()
                assert "\n" not in line and "\x07" not in line, (place, wrong, line)
                assert problem.line is not None and problem.line >= 1, (place, wrong, line)
    # Only a broken film title (required) or synopsis refuses the kit; the rest degrades.
    assert loaded > len(places) * len(WRONG_VALUES) * 0.9


def test_a_1_1_list_item_of_the_wrong_shape_is_kept_as_skipped(make_kit: MakeKit) -> None:
    data = as_data(MANIFEST_1_1)
    for section in ("artwork", "people", "awards", "quotes", "videos", "screenings"):
        data[section].insert(1, "just text")
    root = make_kit_1_1(make_kit, yaml.safe_dump(data, allow_unicode=True))
    kit = load_press_kit(root).kit
    skipped = {(entry.section, entry.number) for entry in kit.skipped}
    assert skipped == {
        ("artwork", 2),
        ("people", 2),
        ("awards", 2),
        ("quotes", 2),
        ("videos", 2),
        ("screenings", 2),
    }
    assert (len(kit.artwork), len(kit.people), len(kit.awards)) == (2, 2, 2)
    assert (len(kit.quotes), len(kit.videos), len(kit.screenings)) == (2, 2, 2)


def test_the_manifest_round_trips_through_yaml_dump(make_kit: MakeKit, tmp_path: Path) -> None:
    # The mutation test above rewrites the manifest with yaml.safe_dump; unchanged, that text
    # must read clean, or every mutation would be measured against a broken kit.
    data = as_data(MANIFEST_1_1)
    root = make_kit_1_1(make_kit, yaml.safe_dump(data, allow_unicode=True))
    assert load_press_kit(root).problems == []
