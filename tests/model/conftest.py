"""Fixtures for the model tests: real kit folders on disk, built from tests/data or inline text."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
MANIFESTS = DATA / "manifests"
FULL_KIT = DATA / "kits" / "full"

MakeKit = Callable[..., Path]


@pytest.fixture
def manifests() -> Path:
    """tests/data/manifests: one small manifest per refusal."""
    return MANIFESTS


@pytest.fixture
def full_kit() -> Path:
    """The small kit in tests/data that uses every field of the format (read-only)."""
    return FULL_KIT


@pytest.fixture
def full_kit_copy(tmp_path: Path) -> Path:
    """A writable copy of the full kit."""
    return Path(shutil.copytree(FULL_KIT, tmp_path / "full"))


@pytest.fixture
def make_kit(tmp_path: Path) -> MakeKit:
    """``make_kit(manifest, files={...})``: a kit folder with that presskit.yaml and those files.

    ``manifest`` is text (dedented, so tests can indent it) or raw bytes, or a Path to a file in
    tests/data/manifests to copy. ``files`` maps kit-relative paths to their bytes.
    """
    counter = iter(range(1_000_000))

    def make(manifest: str | bytes | Path, files: Mapping[str, bytes] | None = None) -> Path:
        root = tmp_path / f"kit{next(counter)}"
        root.mkdir()
        target = root / "presskit.yaml"
        if isinstance(manifest, Path):
            shutil.copyfile(manifest, target)
        elif isinstance(manifest, bytes):
            target.write_bytes(manifest)
        else:
            target.write_text(textwrap.dedent(manifest).lstrip("\n"), encoding="utf-8")
        for relative, data in (files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return root

    return make
