"""The picks store: kept per kit in the data folder, by kit id or path, stills by file path;
a corrupt file starts empty without losing it; booth mode writes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.picks import (
    FORMAT,
    Change,
    Mark,
    PicksFilter,
    PicksStore,
    kit_key,
    picked_numbers,
    picked_stills,
    store_file,
)


def write_kit(root: Path, kit_id: str | None = None, order: tuple[int, ...] = (1, 2, 3)) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    header = "format: presskit/1.1\n" if kit_id else "format: presskit/1\n"
    if kit_id:
        header += f"kit:\n  id: {kit_id}\n"
    stills = "".join(f"  - {{file: stills/s{n}.jpg, caption: Still {n}}}\n" for n in order)
    (root / "presskit.yaml").write_text(
        header + "film:\n  title: Picks Film\nsynopsis:\n  short: S.\nstills:\n" + stills,
        encoding="utf-8",
    )
    return root


def load(root: Path) -> PressKit:
    result = load_press_kit(root)
    assert result.kit is not None, result.problems
    return result.kit


def test_the_store_lives_in_the_data_folder_never_in_the_kit(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    path = store_file(kit)
    assert path.is_relative_to(Path(os.environ["XDG_DATA_HOME"]) / "iss-presskit" / "picks")
    store = PicksStore.for_kit(kit)
    store.apply(Change(flag="picked"), kit.stills[:1])
    assert path.is_file()
    assert sorted(p.name for p in (tmp_path / "kit").rglob("*")) == ["presskit.yaml"]


def test_a_kit_with_an_id_is_known_by_it_wherever_it_lies(tmp_path: Path) -> None:
    first = load(write_kit(tmp_path / "a", kit_id="night-orbit"))
    moved = load(write_kit(tmp_path / "b", kit_id="night-orbit"))
    other = load(write_kit(tmp_path / "c", kit_id="other-film"))
    assert kit_key(first) == "id:night-orbit"
    assert store_file(first) == store_file(moved) != store_file(other)


def test_a_kit_without_an_id_is_known_by_its_resolved_folder(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "a"))
    other = load(write_kit(tmp_path / "b"))
    (tmp_path / "link").symlink_to(tmp_path / "a")
    linked = load(tmp_path / "link")
    assert kit_key(kit) == f"path:{(tmp_path / 'a').resolve()}"
    assert store_file(kit) == store_file(linked) != store_file(other)


def test_a_zip_kit_is_known_by_the_zip_not_its_temporary_folder(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "a"))
    zipped = kit._replace(source=tmp_path / "kit.zip", root=tmp_path / "tmp-extract-1")
    again = kit._replace(source=tmp_path / "kit.zip", root=tmp_path / "tmp-extract-2")
    assert kit_key(zipped) == f"path:{(tmp_path / 'kit.zip').resolve()}"
    assert store_file(zipped) == store_file(again)


def test_marks_survive_a_new_store_and_follow_stills_reordered(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    kit = load(write_kit(tmp_path / "kit", kit_id="film"))
    store = PicksStore.for_kit(kit, folder=folder)
    s1, s2, s3 = kit.stills
    assert store.apply(Change(flag="picked"), [s1, s3]) == [s1, s3]
    store.apply(Change(stars=4), [s3])
    store.apply(Change(flag="rejected"), [s2])
    # The next edition lists the stills in another order: marks stay with the files.
    reordered = load(write_kit(tmp_path / "kit2", kit_id="film", order=(3, 1, 2)))
    again = PicksStore.for_kit(reordered, folder=folder)
    assert [again.mark(s) for s in reordered.stills] == [
        Mark("picked", 4),
        Mark("picked", 0),
        Mark("rejected", 0),
    ]
    assert [s.file_text for s in picked_stills(reordered, again)] == [
        "stills/s3.jpg",
        "stills/s1.jpg",
    ]
    assert picked_numbers(reordered, again) == [1, 2]


def test_clearing_removes_the_entry_and_unchanged_marks_write_nothing(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    store = PicksStore.for_kit(kit, folder=tmp_path / "data")
    store.apply(Change(flag="picked", stars=2), kit.stills[:1])
    assert store.apply(Change(flag="picked"), kit.stills[:1]) == []
    store.apply(Change(flag="none"), kit.stills[:1])
    assert json.loads(store.path.read_text())["stills"] == {
        "stills/s1.jpg": {"flag": "none", "stars": 2}
    }
    store.apply(Change(stars=0), kit.stills[:1])
    assert json.loads(store.path.read_text()) == {
        "format": FORMAT,
        "kit": kit_key(kit),
        "stills": {},
    }


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"format": "something-else"}',
        b'{"format": "iss-presskit-picks/1", "stills": 7}',
    ],
)
def test_a_corrupt_store_starts_empty_logs_and_is_kept_aside(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    path = store_file(kit, tmp_path / "data")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = PicksStore.for_kit(kit, folder=tmp_path / "data")
    assert store.marks == {}
    assert "starting empty" in caplog.text
    store.apply(Change(flag="picked"), kit.stills[:1])
    assert (path.parent / (path.name + ".unreadable")).read_bytes() == content
    assert PicksStore.for_kit(kit, folder=tmp_path / "data").mark(kit.stills[0]) == Mark("picked")


def test_nonsense_entries_are_skipped_the_rest_kept(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    path = store_file(kit, tmp_path / "data")
    path.parent.mkdir(parents=True)
    stills = {
        "stills/s1.jpg": {"flag": "picked", "stars": 9},
        "stills/s2.jpg": {"flag": "maybe"},
        "stills/s3.jpg": {"flag": "rejected", "stars": True},
        "other.jpg": {"stars": 3},
    }
    path.write_text(json.dumps({"format": FORMAT, "stills": stills}))
    assert PicksStore.for_kit(kit, folder=tmp_path / "data").marks == {"other.jpg": Mark("none", 3)}


def test_a_write_is_atomic_a_failed_one_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    store = PicksStore.for_kit(kit, folder=tmp_path / "data")
    store.apply(Change(flag="picked"), kit.stills[:1])
    before = store.path.read_bytes()

    def disk_full(source: object, target: object) -> None:
        # The tests run as root, which no folder permission stops: the rename fails instead,
        # as it would on a full or read-only disk.
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        store.apply(Change(flag="rejected"), kit.stills[1:2])
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]
    assert store.mark(kit.stills[1]) == Mark("rejected")  # the person still sees it
    # The next write that succeeds carries the change that failed.
    store.apply(Change(stars=2), kit.stills[2:3])
    assert PicksStore.for_kit(kit, folder=tmp_path / "data").marks == {
        "stills/s1.jpg": Mark("picked"),
        "stills/s2.jpg": Mark("rejected"),
        "stills/s3.jpg": Mark("none", 2),
    }


def test_two_stores_of_one_kit_merge_their_changes(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    one = PicksStore.for_kit(kit, folder=tmp_path / "data")
    two = PicksStore.for_kit(kit, folder=tmp_path / "data")
    one.apply(Change(flag="picked"), kit.stills[:1])
    two.apply(Change(stars=3), kit.stills[1:2])
    assert PicksStore.for_kit(kit, folder=tmp_path / "data").marks == {
        "stills/s1.jpg": Mark("picked"),
        "stills/s2.jpg": Mark("none", 3),
    }


def test_booth_mode_reads_and_writes_nothing(tmp_path: Path) -> None:
    kit = load(write_kit(tmp_path / "kit"))
    PicksStore.for_kit(kit, folder=tmp_path / "data").apply(Change(flag="picked"), kit.stills)
    booth = PicksStore.for_kit(kit, writable=False, folder=tmp_path / "booth")
    assert booth.path is None and booth.marks == {}
    booth.apply(Change(flag="rejected", stars=5), kit.stills)
    assert not (tmp_path / "booth").exists()
    assert PicksStore.for_kit(kit, folder=tmp_path / "data").mark(kit.stills[0]) == Mark("picked")


@pytest.mark.parametrize(
    ("picks_filter", "expected"),
    [
        (PicksFilter("all"), [0, 1, 2, 3]),
        (PicksFilter("picks"), [1, 3]),
        (PicksFilter("rated", 1), [2, 3]),
        (PicksFilter("rated", 4), [3]),
        (PicksFilter("not-rejected"), [0, 1, 3]),
    ],
)
def test_filters(picks_filter: PicksFilter, expected: list[int]) -> None:
    marks = [Mark(), Mark("picked"), Mark("rejected", 2), Mark("picked", 5)]
    assert [i for i, mark in enumerate(marks) if picks_filter.accepts(mark)] == expected


def test_stars_are_kept_within_zero_to_five() -> None:
    assert Change(stars=9).applied_to(Mark()) == Mark("none", 5)
    assert Mark("picked", 1).describe() == "picked, 1 star"
    assert Mark("none", 3).describe() == "3 stars"
    assert Mark().describe() == ""
