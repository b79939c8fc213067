"""No manifest can crash the loader: damaged versions of a real manifest either load (with
problems) or raise KitLoadError, and every problem formats as a single validate line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.model.problems import KitLoadError, Problem
from app.model.validate import validate_kit


def load_or_refuse(root: Path) -> list[Problem]:
    try:
        return load_press_kit(root).problems
    except KitLoadError as exc:
        assert exc.problems, "a refusal must say why"
        return exc.problems


def assert_well_formed(problems: list[Problem]) -> None:
    for problem in problems:
        line = problem.format()
        assert "\n" not in line and "\r" not in line
        assert line.startswith("presskit.yaml")
        assert problem.line is None or problem.line >= 1


@pytest.fixture
def kit(full_kit_copy: Path) -> tuple[Path, bytes]:
    return full_kit_copy, (full_kit_copy / "presskit.yaml").read_bytes()


def test_every_truncation_of_the_manifest(kit: tuple[Path, bytes]) -> None:
    root, original = kit
    manifest = root / "presskit.yaml"
    for end in range(0, len(original), 3):
        manifest.write_bytes(original[:end])
        assert_well_formed(load_or_refuse(root))


def test_every_line_removed_or_doubled(kit: tuple[Path, bytes]) -> None:
    root, original = kit
    manifest = root / "presskit.yaml"
    lines = original.splitlines(keepends=True)
    for index in range(len(lines)):
        for variant in (
            lines[:index] + lines[index + 1 :],
            lines[: index + 1] + lines[index:],
            [*lines[:index], lines[index].lstrip(), *lines[index + 1 :]],
            [*lines[:index], b"  " + lines[index], *lines[index + 1 :]],
        ):
            manifest.write_bytes(b"".join(variant))
            assert_well_formed(load_or_refuse(root))


def test_random_byte_damage(kit: tuple[Path, bytes]) -> None:
    root, original = kit
    manifest = root / "presskit.yaml"
    rng = random.Random(20240119)
    alphabet = b"\x00\xff\t\n :-[]{}&*!|>'\"#%@`,?\\\xc3"
    for _ in range(600):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.choice(alphabet)
        manifest.write_bytes(bytes(data))
        assert_well_formed(load_or_refuse(root))


def test_validate_never_raises_on_damaged_media(kit: tuple[Path, bytes]) -> None:
    root, _original = kit
    rng = random.Random(95)
    media = [p for p in root.rglob("*") if p.is_file() and p.name != "presskit.yaml"]
    originals = {p: p.read_bytes() for p in media}
    for _ in range(200):
        for path, data in originals.items():
            cut = rng.randrange(len(data) + 1)
            damaged = bytearray(data[:cut])
            for _ in range(rng.randint(0, 3)):
                if damaged:
                    damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path.write_bytes(bytes(damaged))
        result, problems = validate_kit(root)
        assert result is not None
        for problem in problems:
            assert "\n" not in problem.format()


def test_kit_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "kit"
    file.write_text("not a folder")
    with pytest.raises(KitLoadError):
        load_press_kit(file)


def test_dangling_manifest_symlink_is_refused(kit: tuple[Path, bytes]) -> None:
    root, _original = kit
    manifest = root / "presskit.yaml"
    manifest.unlink()
    manifest.symlink_to(root / "nowhere.yaml")
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(root)
    assert caught.value.problems[0].format() == (
        "presskit.yaml: error: is a symbolic link to a file that does not exist"
    )
