"""The thumbnail disk cache: keys by identity and size, atomic writes, LRU cap."""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache


def identity(path: str = "/kit/a.jpg", size: int = 10, mtime: int = 1) -> SourceIdentity:
    return SourceIdentity.for_file(Path(path), size, mtime)


def test_round_trip_and_miss(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path)
    key = cache.key(identity(), 256, 144)
    assert cache.get(key) is None
    cache.put(key, b"jpeg bytes")
    assert cache.get(key) == b"jpeg bytes"
    assert list(tmp_path.rglob(".partial-*")) == []


def test_key_changes_with_identity_and_size(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path)
    base = cache.key(identity(), 256, 144)
    assert cache.key(identity(size=11), 256, 144) != base  # the file changed
    assert cache.key(identity(mtime=2), 256, 144) != base  # touched
    assert cache.key(identity(), 512, 288) != base  # another size (200 % scaling)
    assert cache.key(identity(), 256, 144) == base


def test_zip_member_identity_ignores_the_temporary_folder(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path)
    archive = tmp_path / "kit.zip"
    first = SourceIdentity.for_archive_member(archive, "Kit/stills/a.jpg", 1234, 0xDEADBEEF)
    again = SourceIdentity.for_archive_member(archive, "Kit/stills/a.jpg", 1234, 0xDEADBEEF)
    changed = SourceIdentity.for_archive_member(archive, "Kit/stills/a.jpg", 1234, 0xBEEF)
    assert cache.key(first, 256, 144) == cache.key(again, 256, 144)
    assert cache.key(first, 256, 144) != cache.key(changed, 256, 144)


def test_least_recently_used_entries_are_evicted_over_the_cap(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path, cap_bytes=3500)
    keys = [cache.key(identity(f"/kit/{i}.jpg"), 256, 144) for i in range(3)]
    for index, key in enumerate(keys):
        cache.put(key, bytes(1000))
        entry = next(tmp_path.rglob(f"{key}.thumb"))
        os.utime(entry, (time.time() - 100 + index, time.time() - 100 + index))
    assert cache.get(keys[0]) is not None  # used now: the newest
    cache.put(cache.key(identity("/kit/new.jpg"), 256, 144), bytes(1000))
    remaining = {key for key in keys if cache.get(key) is not None}
    assert keys[0] in remaining
    assert keys[1] not in remaining  # the least recently used went first
    total = sum(p.stat().st_size for p in tmp_path.rglob("*.thumb"))
    assert total <= 3500


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ThumbnailCache(blocker / "cache")
    key = cache.key(identity(), 256, 144)
    cache.put(key, b"x")  # logged, not raised
    assert cache.get(key) is None


def test_existing_keys_lists_every_entry_and_nothing_else(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "cache")
    assert cache.existing_keys() == set()  # no folder yet
    keys = {cache.key(identity(size=size), 256, 144) for size in range(20)}
    for key in keys:
        cache.put(key, b"jpeg bytes")
    (tmp_path / "cache" / "zz").write_text("a stray file, not a folder")
    (tmp_path / "cache" / next(iter(keys))[:2] / ".partial-123").write_bytes(b"half")
    assert cache.existing_keys() == keys
    assert all(cache.contains(key) for key in keys)
