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

The bundled kit's snapshot also ships with the app (``resources/bundled-kit.snapshot``, made
by ``python -m app.model.kit_snapshot``; a test fails when it is stale), so that the very first
start on a new machine parses no manifest either. An installed file's inode and times are the
installer's, so that snapshot is *portable*: it is used for a kit folder whose manifest has the
same bytes (size and BLAKE2 digest) and whose every named file has the size the loader saw and
is still the file its name leads to; its paths are moved to where the kit is now, and each
file's modification time is read again.

Start-up path: :func:`main` (the build's command) imports the loader where it runs.
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
SHIPPED_SNAPSHOT = "bundled-kit.snapshot"  # under resources/
_PORTABLE = "portable"
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

    def __init__(self, folder: Path, app_version: str, shipped: Path | None = None) -> None:
        self.folder = folder
        self.app_version = app_version
        self.shipped = shipped  # a portable snapshot to try when there is no own one
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
        """The kit at ``root`` as it was saved (else as shipped), or None when there is no
        valid snapshot."""
        result = self._load_own(root)
        return result if result is not None else self._load_shipped(root)

    def _load_own(self, root: Path) -> LoadResult | None:
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

    def _load_shipped(self, root: Path) -> LoadResult | None:
        if self.shipped is None:
            return None
        result = load_portable(self.shipped, root, self.app_version)
        if result is not None:
            log.info("loaded kit %r from the snapshot shipped with the app", result.kit.film.title)
        return result

    def _header(self, real_root: Path) -> tuple[Any, ...]:
        return (SNAPSHOT_FORMAT, _SCHEMA, marshal.version, self.app_version, str(real_root))

    def _entry(self, real_root: Path) -> Path:
        name = _blake2b(os.fsencode(real_root), digest_size=16).hexdigest()
        return self.folder / f"{name}.kit"


def user_kit_snapshots() -> KitSnapshots:
    """Snapshots of the kits the viewer opened cleanly, so the next start skips the parse;
    and the bundled kit's, shipped with the app, for the first start."""
    return KitSnapshots(paths.cache_dir() / "kits", __version__, paths.resource(SHIPPED_SNAPSHOT))


# -- the portable snapshot shipped with the app -----------------------------------------------


class _Miss(Exception):
    """The portable snapshot does not describe the kit as it is now."""


def write_portable(result: LoadResult, target: Path, app_version: str) -> None:
    """Write ``result`` (a clean load of a plain folder) as a portable snapshot."""
    kit = result.kit
    if result.problems or kit.source is not None or kit.archive_members:
        raise ValueError("only a kit folder that loads without a problem has a snapshot")
    manifest = kit.root / MANIFEST_NAME
    stored = (
        _portable_header(app_version),
        _fingerprint(manifest.read_bytes()),
        str(kit.root),
        _encode(kit),
    )
    write_bytes_atomically(target, marshal.dumps(stored))


def load_portable(snapshot: Path, root: Path, app_version: str) -> LoadResult | None:
    """The kit at ``root`` from the portable ``snapshot``, or None when it does not fit."""
    try:
        data = snapshot.read_bytes()
        real_root = root.resolve()
        manifest = (real_root / MANIFEST_NAME).read_bytes()
    except OSError:
        return None
    try:
        header, fingerprint, stored_root, encoded = marshal.loads(data)
        if header != _portable_header(app_version) or fingerprint != _fingerprint(manifest):
            return None
        if not isinstance(stored_root, str):
            return None
        kit = _decode(encoded, _Rebase(stored_root, real_root))
    except (ValueError, EOFError, TypeError, KeyError, OSError, _Miss):
        return None
    if not isinstance(kit, PressKit):
        return None
    return LoadResult(kit, [])


def _portable_header(app_version: str) -> tuple[Any, ...]:
    return (SNAPSHOT_FORMAT, _SCHEMA, marshal.version, app_version, _PORTABLE)


def _fingerprint(manifest: bytes) -> tuple[int, str]:
    return (len(manifest), _blake2b(manifest, digest_size=32).hexdigest())


class _Rebase:
    """Moves the stored kit's paths to where the kit is now, and checks each named file."""

    def __init__(self, stored_root: str, real_root: Path) -> None:
        self.stored_root = stored_root
        self.real_root = real_root

    def path(self, stored: str) -> Path:
        if stored == self.stored_root:
            return self.real_root
        prefix = self.stored_root.rstrip("/") + "/"
        if not stored.startswith(prefix):
            raise _Miss(f"{stored} lies outside the kit")
        return self.real_root / stored[len(prefix) :]

    def kit_file(self, record: KitFile) -> KitFile:
        """The file as it is now: still the one its name leads to, at the size the loader
        saw; its modification time read again (the installer set it)."""
        try:
            # Where the name leads now (a link retargeted, even inside the kit, is a miss).
            if (self.real_root / record.relative).resolve(strict=True) != record.path:
                raise _Miss(record.relative)
            info = record.path.stat()
        except OSError:
            raise _Miss(record.relative) from None
        if info.st_size != record.size:
            raise _Miss(record.relative)
        return record._replace(mtime_ns=info.st_mtime_ns)


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


def _decode(value: Any, rebase: _Rebase | None = None) -> Any:
    if not isinstance(value, tuple):
        if value is None or isinstance(value, (str, int)):
            return value
        raise TypeError(f"unexpected {type(value).__name__} in a kit snapshot")
    tag = value[0]
    if tag == _RECORD:
        record = _RECORDS[value[1]](*(_decode(item, rebase) for item in value[2]))
        if rebase is not None and isinstance(record, KitFile):
            return rebase.kit_file(record)
        return record
    if tag == _TUPLE:
        return tuple(_decode(item, rebase) for item in value[1])
    if tag == _PATH:
        return rebase.path(value[1]) if rebase is not None else Path(value[1])
    if tag == _DATE:
        return datetime.date.fromordinal(value[1])
    if tag == _TIME:
        offset = datetime.timedelta(microseconds=value[2])
        return datetime.datetime.fromisoformat(value[1]).replace(tzinfo=datetime.timezone(offset))
    if tag == _DICT:
        return {key: _decode(item, rebase) for key, item in value[1].items()}
    raise TypeError(f"unknown tag {tag!r} in a kit snapshot")


def main() -> int:
    """Write the bundled kit's portable snapshot into resources/ (run after changing the
    bundled kit, kit.py, the loader or the app's version; a test says when it is due)."""
    from app.identity import EXIT_OK
    from app.model.loader import load_press_kit

    result = load_press_kit(paths.bundled_kit_dir())
    target = paths.resource(SHIPPED_SNAPSHOT)
    write_portable(result, target, __version__)
    print(f"{target}: {target.stat().st_size} bytes")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
