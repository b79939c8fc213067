"""Kit snapshots: an unchanged kit comes back exactly as loaded; any change is a miss."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.model import kit_snapshot
from app.model.kit_snapshot import KitSnapshots
from app.model.loader import load_press_kit
from app.model.opening import KitOpenError, open_kit_location

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def snapshots(tmp_path: Path) -> KitSnapshots:
    return KitSnapshots(tmp_path / "snapshots", "1.2.3")


def saved(snapshots: KitSnapshots, root: Path) -> None:
    snapshots.save(load_press_kit(root))
    assert list(snapshots.folder.glob("*.kit")), "no snapshot was written"


def bump_mtime(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_an_unchanged_kit_comes_back_equal_to_its_load(
    snapshots: KitSnapshots, full_kit_copy: Path
) -> None:
    loaded = load_press_kit(full_kit_copy)
    assert not loaded.problems
    snapshots.save(loaded)
    restored = snapshots.load(full_kit_copy)
    assert restored is not None
    assert restored.kit == loaded.kit
    assert restored.problems == []
    # Every kind of value survived as its own type (dates, paths, tuples, nested records).
    assert restored.kit.film.dates and restored.kit.film.dates[0].date == (
        loaded.kit.film.dates[0].date
    )
    assert isinstance(restored.kit.root, Path)
    assert isinstance(restored.kit.stills, tuple)


def test_the_bundled_kit_round_trips(snapshots: KitSnapshots, tmp_path: Path) -> None:
    root = Path(shutil.copytree(REPO / "presskit", tmp_path / "bundled"))
    loaded = load_press_kit(root)
    snapshots.save(loaded)
    restored = snapshots.load(root)
    assert restored is not None and restored.kit == loaded.kit


def test_an_edited_manifest_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    manifest = full_kit_copy / "presskit.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("I.S.S.", "I.S.S. (edited)"), "utf-8"
    )
    assert snapshots.load(full_kit_copy) is None


def test_a_touched_manifest_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    bump_mtime(full_kit_copy / "presskit.yaml")
    assert snapshots.load(full_kit_copy) is None


def test_a_replaced_still_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    still = full_kit_copy / "stills" / "01.jpg"
    still.write_bytes(still.read_bytes() + b"\0")
    assert snapshots.load(full_kit_copy) is None


def test_a_touched_key_art_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    bump_mtime(full_kit_copy / "art" / "key-art.jpg")
    assert snapshots.load(full_kit_copy) is None


def test_a_removed_trailer_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    (full_kit_copy / "trailer" / "teaser.mp4").unlink()
    assert snapshots.load(full_kit_copy) is None


def test_a_retargeted_link_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    stills = full_kit_copy / "stills"
    original = stills / "01.jpg"
    (stills / "first.jpg").write_bytes(original.read_bytes())
    (stills / "second.jpg").write_bytes(original.read_bytes())
    original.unlink()
    original.symlink_to("first.jpg")
    saved(snapshots, full_kit_copy)
    # Same size, same modification time, another file: the loader would see other bytes.
    shutil.copystat(stills / "first.jpg", stills / "second.jpg")
    original.unlink()
    original.symlink_to("second.jpg")
    assert snapshots.load(full_kit_copy) is None


def test_another_app_version_is_a_miss(snapshots: KitSnapshots, full_kit_copy: Path) -> None:
    saved(snapshots, full_kit_copy)
    assert KitSnapshots(snapshots.folder, "9.9.9").load(full_kit_copy) is None
    assert snapshots.load(full_kit_copy) is not None


def test_a_snapshot_of_records_with_other_fields_is_a_miss(
    snapshots: KitSnapshots, full_kit_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field added to a record in kit.py must not rebuild old snapshots with shifted values."""
    saved(snapshots, full_kit_copy)
    changed = (*kit_snapshot._SCHEMA, ("Still", ("file_text", "file", "new_field")))
    monkeypatch.setattr(kit_snapshot, "_SCHEMA", changed)
    assert snapshots.load(full_kit_copy) is None


def test_every_record_of_the_kit_can_be_kept() -> None:
    records = set(kit_snapshot._RECORDS)
    assert {"KitFile", "Film", "Still", "Video", "Note", "PressKit", "Rights"} <= records
    assert {"Screening", "Translation", "Person", "Award", "Quote", "Artwork"} <= records
    assert "Trailer" not in records  # the old name of Video: one record, kept once
    assert "Problem" not in kit_snapshot._RECORDS  # imported into kit.py, not defined there


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_snapshot_is_a_miss(
    snapshots: KitSnapshots, full_kit_copy: Path, damage: str
) -> None:
    saved(snapshots, full_kit_copy)
    (entry,) = snapshots.folder.glob("*.kit")
    data = entry.read_bytes()
    entry.write_bytes(
        {"truncate": data[: len(data) // 2], "garbage": b"\x00\xff" * 50, "empty": b""}[damage]
    )
    assert snapshots.load(full_kit_copy) is None


def test_a_kit_with_any_problem_is_never_kept(snapshots: KitSnapshots, make_kit) -> None:
    root = make_kit(
        """
        format: presskit/1
        film:
          title: Warned
          titel: typo
        synopsis:
          short: A kit with an unknown key.
        """
    )
    result = load_press_kit(root)
    assert result.problems
    snapshots.save(result)
    assert not snapshots.folder.exists() or not list(snapshots.folder.glob("*.kit"))


def test_an_archive_is_never_kept(snapshots: KitSnapshots, full_kit: Path, tmp_path: Path) -> None:
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(full_kit.rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(full_kit).as_posix())
    opened = open_kit_location(archive, snapshots=snapshots)
    try:
        assert opened.result.kit.source == archive
        assert not snapshots.folder.exists() or not list(snapshots.folder.glob("*.kit"))
    finally:
        opened.close()


def test_open_kit_location_keeps_a_clean_load_and_reuses_it(
    snapshots: KitSnapshots, full_kit_copy: Path
) -> None:
    first = open_kit_location(full_kit_copy, snapshots=snapshots)
    assert list(snapshots.folder.glob("*.kit"))
    second = open_kit_location(full_kit_copy, snapshots=snapshots)
    assert second.result.kit == first.result.kit


def test_a_kit_that_cannot_load_still_says_why(snapshots: KitSnapshots, make_kit) -> None:
    root = make_kit("format: presskit/9\n")
    with pytest.raises(KitOpenError, match="presskit/9"):
        open_kit_location(root, snapshots=snapshots)


START_PROBE = """
import json, sys
from pathlib import Path
from app.model import kit_snapshot
from app.model.kit_snapshot import KitSnapshots
from app.model.opening import open_kit_location
opened = open_kit_location(Path(sys.argv[1]), snapshots=KitSnapshots(Path(sys.argv[2]), "1.2.3"))
print(json.dumps({
    "title": opened.result.kit.film.title,
    "yaml": "yaml" in sys.modules,
    "loader": "app.model.loader" in sys.modules,
}))
"""


def test_a_start_from_a_snapshot_never_imports_pyyaml_or_the_loader(
    snapshots: KitSnapshots, full_kit_copy: Path
) -> None:
    """What the snapshot is for: PyYAML and the loader cost ~15 ms of every start."""

    def start() -> dict[str, object]:
        completed = subprocess.run(
            [sys.executable, "-c", START_PROBE, str(full_kit_copy), str(snapshots.folder)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        report: dict[str, object] = json.loads(completed.stdout)
        return report

    first = start()
    assert first["yaml"] is True and first["loader"] is True  # nothing kept yet: a real load
    second = start()
    assert second == {"title": first["title"], "yaml": False, "loader": False}
