"""A disk cache of thumbnails, keyed by the source file's identity and the thumbnail size.

Qt-free: it stores and returns encoded bytes. Identity is the file's path, size and
modification time — or, for a still inside a .zip, the archive plus the member's name, size and
CRC, so reopening the same archive (extracted to a new temporary folder) reuses the cache.
Entries are written atomically; the total size is capped, least recently used first out; a
missing, corrupt or unreadable entry is simply a miss.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import NamedTuple

from app.model.atomic_write import write_bytes_atomically

try:  # hashlib's own BLAKE2, without the OpenSSL start-up that importing hashlib costs (~4 ms)
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python without the builtin module
    from hashlib import blake2b as _blake2b

log = logging.getLogger(__name__)

DEFAULT_CAP_BYTES = 512 * 1024 * 1024
# Bump to invalidate every entry when the encoding changes (2: transparent thumbnails as PNG;
# version 1 had stored them as JPEG, on black).
CACHE_FORMAT = "2"


class SourceIdentity(NamedTuple):
    """What makes a thumbnail valid: the source's bytes, as cheaply as they can be named.
    (A NamedTuple rather than a dataclass: it is on the start-up path.)"""

    parts: tuple[str, ...]

    @classmethod
    def for_file(cls, path: Path, size: int, mtime_ns: int) -> SourceIdentity:
        return cls(("file", str(path), str(size), str(mtime_ns)))

    @classmethod
    def for_archive_member(cls, archive: Path, member: str, size: int, crc: int) -> SourceIdentity:
        return cls(("zip", str(archive.resolve()), member, str(size), f"{crc:08x}"))


class ThumbnailCache:
    def __init__(self, folder: Path, cap_bytes: int = DEFAULT_CAP_BYTES) -> None:
        self.folder = folder
        self.cap_bytes = cap_bytes
        self._lock = threading.Lock()
        self._usage: int | None = None  # bytes on disk, counted lazily once

    def key(self, identity: SourceIdentity, width: int, height: int) -> str:
        text = "\0".join((CACHE_FORMAT, *identity.parts, f"{width}x{height}"))
        return _blake2b(text.encode("utf-8", "surrogateescape"), digest_size=32).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.thumb"

    def get(self, key: str) -> bytes | None:
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: evicted last
        return data or None

    def contains(self, key: str) -> bool:
        """Whether an entry exists (a stat, no read): the background fill skips such stills."""
        try:
            return self._entry(key).stat().st_size > 0
        except OSError:
            return False

    def existing_keys(self) -> set[str]:
        """The keys of every entry on disk, from one listing per subfolder: what
        :meth:`contains` tells with a stat per key, for a whole kit at once."""
        keys: set[str] = set()
        try:
            subfolders = os.scandir(self.folder)
        except OSError:
            return keys
        with subfolders:
            for subfolder in subfolders:
                if len(subfolder.name) != 2:
                    continue
                try:
                    with os.scandir(subfolder.path) as entries:
                        keys.update(
                            entry.name[: -len(".thumb")]
                            for entry in entries
                            if entry.name.endswith(".thumb")
                        )
                except OSError:  # not a folder, or gone
                    continue
        return keys

    def put(self, key: str, data: bytes) -> None:
        entry = self._entry(key)
        try:
            write_bytes_atomically(entry, data)
        except OSError as exc:
            log.warning("cannot write thumbnail cache entry %s: %s", entry, exc)
            return
        with self._lock:
            if self._usage is not None:
                self._usage += len(data)
            over = self._usage is None or self._usage > self.cap_bytes
        if over:
            self.evict()

    def discard(self, key: str) -> None:
        """Forget an entry that turned out to be corrupt."""
        self._entry(key).unlink(missing_ok=True)

    def evict(self) -> None:
        """Remove least recently used entries until the cache is under its cap."""
        with self._lock:
            entries: list[tuple[float, int, Path]] = []
            for path in self.folder.glob("*/*.thumb"):
                try:
                    info = path.stat()
                except OSError:
                    continue
                entries.append((info.st_mtime, info.st_size, path))
            total = sum(size for _, size, _ in entries)
            entries.sort()
            for _, size, path in entries:
                if total <= self.cap_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size
            self._usage = total
