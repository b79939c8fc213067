"""The README's presskit/1.1 example is a kit this app reads clean: every key it shows is one the
loader knows, spelt and nested as the loader reads it, with values the loader accepts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from app.model.validate import validate_kit
from tests.model.conftest import FULL_KIT, MakeKit

README = Path(__file__).resolve().parents[2] / "README.md"
# A real file of each type, from the full kit, stands in for each file the example names.
STAND_INS = {
    ".jpg": "stills/01.jpg",
    ".png": "stills/02.png",
    ".mp4": "trailer/teaser.mp4",
    ".vtt": "trailer/teaser.en.vtt",
}
FILE_KEYS = {"file", "poster", "captions", "transcript", "photo", "laurel"}


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### `presskit/1.1`") :]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def named_files(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {v for k, v in value.items() if k in FILE_KEYS and isinstance(v, str)}
        return found.union(*(named_files(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(named_files(item) for item in value))
    return set()


def test_the_readme_example_validates_clean(make_kit: MakeKit) -> None:
    example = readme_example()
    assert example.startswith("format: presskit/1.1\n")
    # What the example leaves out as "everything of presskit/1": a title, a synopsis and the
    # credits its people are matched against.
    manifest = example.replace("film:\n", "film:\n  title: Night Orbit\n", 1) + (
        "synopsis: {short: Two astronauts fly a dead ship home.}\n"
        "credits:\n"
        "  cast: [{name: Ola Example, role: Commander Lind}]\n"
        "  crew: [{name: Kari Example, job: Unit stills photographer}]\n"
    )
    root = make_kit(manifest)
    files = named_files(yaml.safe_load(manifest))
    assert len(files) >= 8
    for relative in files:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FULL_KIT / STAND_INS[Path(relative).suffix], root / relative)
    result, problems = validate_kit(root)
    assert [p.format() for p in problems] == []
    assert result is not None
    kit = result.kit
    assert kit.rights is not None and kit.kit_info is not None
    assert len(kit.videos) == 1 and kit.videos[0].transcript is not None
    assert (len(kit.artwork), len(kit.people), len(kit.awards), len(kit.quotes)) == (1, 1, 1, 1)
    assert (len(kit.screenings), len(kit.translations)) == (1, 1)
