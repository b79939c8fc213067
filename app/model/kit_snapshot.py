"""A snapshot of a loaded kit, so the viewer's next start can skip parsing an unchanged manifest.

Parsing ``presskit.yaml`` needs PyYAML and the loader (about 15 ms to import, more than the
parse itself); a person opening the same kit again should not wait for that before the first
screen. After a clean load (no problems at all, a plain folder) the kit is written here as
plain values with :mod:`marshal` (built in: nothing to import). A snapshot is used only when

* it was written by this app version, snapshot format and marshal version;
* the kit folder resolves to the same place and its manifest has the same device, inode, size,
  modification time and change time;
* every file the kit refers to still has the size and modification time the loader saw, and
  its name in the kit still leads to the same file (a symbolic link retargeted is a miss).

Anything else — a stale, corrupt, truncated or unreadable snapshot — is a miss, and the kit is
loaded from its manifest as usual. ``presskit validate`` never uses snapshots.
"""

from __future__ import annotations

import datetime
import logging
import marshal
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app import __version__, paths
from app.model import kit as kit_records
from app.model.atomic_write import write_bytes_atomically
from app.model.kit import MANIFEST_NAME, KitFile, LoadResult, PressKit

try:  # hashlib's own BLAKE2, without the OpenSSL start-up that importing hashlib costs (~4 ms)
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python without the builtin module
    from hashlib import blake2b as _blake2b

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 2  # bump when the encoding below changes (2: date-times with their offset)
# Every record kit.py defines (they are NamedTuples), by name: nothing to keep in step by hand.
_RECORDS: dict[str, type[Any]] = {
    name: value
    for name, value in vars(kit_records).items()
    if isinstance(value, type)
    and issubclass(value, tuple)
    and hasattr(value, "_fields")
    and value.__module__ == kit_records.__name__
    and value.__name__ == name  # an alias (Trailer for Video) is the same record, once
}
# The records' fields, in order, are part of every snapshot's header: a field added, removed
# or moved in kit.py makes older snapshots misses rather than records built wrongly.
_SCHEMA = tuple(sorted((name, record._fields) for name, record in _RECORDS.items()))
# Tags of the encoded values; plain str, int, bool and None stand for themselves.
_RECORD, _PATH, _DATE, _TUPLE, _DICT, _TIME = "r", "p", "d", "t", "m", "z"


class KitSnapshots:
    """Snapshots of loaded kits in ``folder``, one file per kit folder."""

    def __init__(self, folder: Path, app_version: str) -> None:
        self.folder = folder
        self.app_version = app_version
        self._held: list[LoadResult] | None = None

    def hold_saves(self) -> None:
        """Keep what :meth:`save` is given in memory until :meth:`write_held`: a first start
        writes its snapshot after the first paint, not before it."""
        if self._held is None:
            self._held = []

    def write_held(self) -> None:
        """Write the held snapshots, and save at once from now on."""
        held, self._held = self._held or [], None
        for result in held:
            self.save(result)

    def load(self, root: Path) -> LoadResult | None:
        """The kit at ``root`` as it was saved, or None when there is no valid snapshot."""
        try:
            real_root = root.resolve()
            entry = self._entry(real_root)
            data = entry.read_bytes()
        except OSError:
            return None
        try:
            stored = marshal.loads(data)
            header, manifest_identity, encoded = stored
            if header != self._header(real_root) or manifest_identity != _identity(
                real_root / MANIFEST_NAME
            ):
                return None
            kit = _decode(encoded)
        except (ValueError, EOFError, TypeError, KeyError, OSError):
            log.info("ignored an unusable kit snapshot %s", entry)
            return None
        if not isinstance(kit, PressKit) or not _files_unchanged(kit):
            return None
        log.info("loaded kit %r from its snapshot %s", kit.film.title, entry)
        return LoadResult(kit, [])

    def save(self, result: LoadResult) -> None:
        """Keep ``result`` for the next start: only a kit that loaded without any problem,
        from a plain folder (an extracted archive's folder is temporary)."""
        if self._held is not None:
            self._held.append(result)
            return
        kit = result.kit
        if result.problems or kit.source is not None or kit.archive_members:
            return
        if kit.manifest.name != MANIFEST_NAME:  # load() looks for presskit.yaml only
            return
        try:
            real_root = kit.root.resolve()
            stored = (
                self._header(real_root),
                _identity(real_root / MANIFEST_NAME),
                _encode(kit),
            )
            write_bytes_atomically(self._entry(real_root), marshal.dumps(stored))
        except (OSError, ValueError) as exc:
            log.warning("cannot save a snapshot of the kit at %s: %s", kit.root, exc)

    def _header(self, real_root: Path) -> tuple[Any, ...]:
        return (SNAPSHOT_FORMAT, _SCHEMA, marshal.version, self.app_version, str(real_root))

    def _entry(self, real_root: Path) -> Path:
        name = _blake2b(os.fsencode(real_root), digest_size=16).hexdigest()
        return self.folder / f"{name}.kit"


def user_kit_snapshots() -> KitSnapshots:
    """Snapshots of the kits the viewer opened cleanly, so the next start skips the parse."""
    return KitSnapshots(paths.cache_dir() / "kits", __version__)


def _identity(path: Path) -> tuple[int, int, int, int, int]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _files_unchanged(kit: PressKit) -> bool:
    """Every file the kit names is still the one the loader saw, by the loader's own test."""
    for kit_file in _kit_files(kit):
        try:
            named = (kit.root / kit_file.relative).stat()
            resolved = kit_file.path.stat()
        except OSError:
            return False
        if (
            (named.st_dev, named.st_ino) != (resolved.st_dev, resolved.st_ino)
            or named.st_size != kit_file.size
            or named.st_mtime_ns != kit_file.mtime_ns
        ):
            return False
    return True


def _kit_files(value: object) -> list[KitFile]:
    """Every KitFile anywhere inside ``value`` (the kit's records are named tuples)."""
    if isinstance(value, KitFile):
        return [value]
    if isinstance(value, tuple):
        return [found for item in value for found in _kit_files(item)]
    return []


def _encode(value: object) -> Any:  # Any: marshal's own types, nested
    if value is None or isinstance(value, (str, bool, int)):
        return value
    name = type(value).__name__
    if _RECORDS.get(name) is type(value):  # before tuple: the records are named tuples
        return (_RECORD, name, tuple(_encode(item) for item in value))  # type: ignore[attr-defined]
    if isinstance(value, Path):
        return (_PATH, str(value))
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date too
        offset = value.utcoffset()
        if offset is None:  # the kit holds aware moments only; a naive one would be a bug
            raise ValueError("a kit snapshot cannot hold a time without its offset")
        naive = value.replace(tzinfo=None)
        return (_TIME, naive.isoformat(), offset // datetime.timedelta(microseconds=1))
    if isinstance(value, datetime.date):
        return (_DATE, value.toordinal())
    if isinstance(value, tuple):
        return (_TUPLE, tuple(_encode(item) for item in value))
    if isinstance(value, Mapping):
        return (_DICT, {key: _encode(item) for key, item in value.items()})
    raise ValueError(f"a kit snapshot cannot hold a {name}")


def _decode(value: Any) -> Any:
    if not isinstance(value, tuple):
        if value is None or isinstance(value, (str, int)):
            return value
        raise TypeError(f"unexpected {type(value).__name__} in a kit snapshot")
    tag = value[0]
    if tag == _RECORD:
        return _RECORDS[value[1]](*(_decode(item) for item in value[2]))
    if tag == _TUPLE:
        return tuple(_decode(item) for item in value[1])
    if tag == _PATH:
        return Path(value[1])
    if tag == _DATE:
        return datetime.date.fromordinal(value[1])
    if tag == _TIME:
        offset = datetime.timedelta(microseconds=value[2])
        return datetime.datetime.fromisoformat(value[1]).replace(tzinfo=datetime.timezone(offset))
    if tag == _DICT:
        return {key: _decode(item) for key, item in value[1].items()}
    raise TypeError(f"unknown tag {tag!r} in a kit snapshot")
