"""The bundled kit's snapshot shipped with the app (resources/bundled-kit.snapshot): portable
(used wherever the kit is installed, whatever the installer made of inodes and times), and a
miss for any change that a fresh load would see: the manifest's bytes, a named file's size or
identity, the app's version or the records' fields. The shipped file is kept current by a test
here (run ``python -m app.model.kit_snapshot`` when it fails)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app import __version__, paths
from app.model import kit_snapshot
from app.model.kit_snapshot import (
    SHIPPED_SNAPSHOT,
    KitSnapshots,
    load_portable,
    user_kit_snapshots,
    write_portable,
)
from app.model.loader import load_press_kit

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "presskit"


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled kit copied to one place, its portable snapshot written from there."""
    original = Path(shutil.copytree(BUNDLED, tmp_path / "built" / "presskit"))
    snapshot = tmp_path / "bundled.snapshot"
    write_portable(load_press_kit(original), snapshot, "1.2.3")
    return original, snapshot


def installed_copy(original: Path, where: Path) -> Path:
    """The kit as an installer leaves it: other place, other inodes, other times."""
    copy = Path(shutil.copytree(original, where, copy_function=shutil.copyfile))
    for file in copy.rglob("*"):
        os.utime(file, ns=(1_000_000_000, 1_234_567_890_000_000_000))
    return copy


def test_a_moved_and_reinstalled_kit_comes_back_as_a_fresh_load_gives_it(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    original, snapshot = built
    copy = installed_copy(original, tmp_path / "opt" / "iss" / "presskit")
    restored = load_portable(snapshot, copy, "1.2.3")
    assert restored is not None and restored.problems == []
    fresh = load_press_kit(copy)
    assert restored.kit == fresh.kit  # paths moved, times read again: nothing differs
    assert restored.kit.root == copy.resolve()
    files = kit_snapshot._kit_files(restored.kit)
    assert len(files) >= 10
    assert all(file.path.is_relative_to(copy.resolve()) for file in files)
    assert {file.mtime_ns for file in files} == {1_234_567_890_000_000_000}


@pytest.mark.parametrize(
    "change",
    ["manifest byte", "manifest appended", "still cut", "still grown", "still removed"],
)
def test_a_change_a_fresh_load_would_see_is_a_miss(
    built: tuple[Path, Path], tmp_path: Path, change: str
) -> None:
    original, snapshot = built
    copy = installed_copy(original, tmp_path / "copy")
    manifest = copy / "presskit.yaml"
    still = next(iter(sorted((copy / "stills").glob("*.jpg"))))
    if change == "manifest byte":
        data = manifest.read_bytes()
        manifest.write_bytes(data.replace(b"I.S.S.", b"I.S.X.", 1))
    elif change == "manifest appended":
        manifest.write_bytes(manifest.read_bytes() + b"\n")
    elif change == "still cut":
        still.write_bytes(still.read_bytes()[:-1])
    elif change == "still grown":
        still.write_bytes(still.read_bytes() + b"\0")
    else:
        still.unlink()
    assert load_portable(snapshot, copy, "1.2.3") is None


def test_a_named_file_that_now_leads_elsewhere_is_a_miss(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    original, snapshot = built
    copy = installed_copy(original, tmp_path / "copy")
    stills = sorted((copy / "stills").glob("*.jpg"))
    outside = tmp_path / "outside.jpg"
    shutil.copyfile(stills[0], outside)  # the same bytes, but not inside the kit
    stills[0].unlink()
    stills[0].symlink_to(outside)
    assert load_portable(snapshot, copy, "1.2.3") is None


def test_another_version_or_other_records_is_a_miss(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original, snapshot = built
    assert load_portable(snapshot, original, "1.2.4") is None
    changed = (*kit_snapshot._SCHEMA, ("Still", ("file_text", "file", "new_field")))
    monkeypatch.setattr(kit_snapshot, "_SCHEMA", changed)
    assert load_portable(snapshot, original, "1.2.3") is None


@pytest.mark.parametrize("damage", [b"", b"\x00" * 40, b"not marshal data at all", "cut"])
def test_a_damaged_snapshot_is_a_miss(built: tuple[Path, Path], damage: bytes | str) -> None:
    original, snapshot = built
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: len(data) // 2] if damage == "cut" else damage)
    assert load_portable(snapshot, original, "1.2.3") is None


def test_a_kit_that_loads_with_problems_gets_no_snapshot(tmp_path: Path) -> None:
    root = Path(shutil.copytree(BUNDLED, tmp_path / "kit"))
    next(iter(sorted((root / "stills").glob("*.jpg")))).unlink()
    result = load_press_kit(root)
    assert result.problems
    with pytest.raises(ValueError, match="without a problem"):
        write_portable(result, tmp_path / "x.snapshot", "1.2.3")


def test_the_viewer_uses_the_shipped_one_only_without_its_own(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    original, snapshot = built
    copy = installed_copy(original, tmp_path / "copy")
    snapshots = KitSnapshots(tmp_path / "own", "1.2.3", snapshot)
    from_shipped = snapshots.load(copy)
    assert from_shipped is not None and from_shipped.kit == load_press_kit(copy).kit
    # Its own snapshot, once saved, comes first (a shipped file damaged meanwhile is no
    # matter then).
    snapshots.save(load_press_kit(copy))
    snapshot.write_bytes(b"damaged")
    assert snapshots.load(copy) is not None
    assert KitSnapshots(tmp_path / "elsewhere", "1.2.3", snapshot).load(copy) is None


def test_the_shipped_snapshot_is_current() -> None:
    """Fails after a change to the bundled kit, kit.py, the loader or the version: run
    ``python -m app.model.kit_snapshot`` and commit resources/bundled-kit.snapshot."""
    shipped = paths.resource(SHIPPED_SNAPSHOT)
    assert shipped.is_file()
    restored = load_portable(shipped, BUNDLED, __version__)
    assert restored is not None, "stale: run python -m app.model.kit_snapshot"
    assert restored.kit == load_press_kit(BUNDLED).kit, (
        "stale: run python -m app.model.kit_snapshot"
    )
    assert user_kit_snapshots().shipped == shipped
