"""Extracting a kit from a .zip archive without letting the archive do harm.

Limits (each a stated default): no entry may land outside the extraction folder (``..``,
absolute names, drive letters, backslashes) and no entry may be a symbolic link — such an
archive is refused whole, before anything is written; at most 10,000 entries; an entry that
inflates more than 100:1, or a total over 8 GiB, stops extraction while streaming (not only
from the sizes the archive declares) and removes what was written.

Every way an archive can fail to unpack is an :class:`ArchiveError` whose message names the
entry (escaped, one line) and never the private temporary folder: names the file system cannot
hold (a part over 255 bytes, a path over the system's limit), the same name twice or in two
cases, a name that is both a file and a folder, encrypted, damaged or truncated entries,
compression methods Python cannot read. macOS Finder's metadata (``__MACOSX/``, ``._*``,
``.DS_Store``) is skipped, and ``./`` parts of names are dropped: neither is part of the kit.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from app.model.kit import MANIFEST_NAME
from app.model.problems import quote_value

log = logging.getLogger(__name__)

MAX_ENTRIES = 10_000
MAX_RATIO = 100
MAX_TOTAL_BYTES = 8 * 1024**3
RATIO_CHECK_FLOOR = 64 * 1024  # tiny entries may compress oddly well; check ratios above this
CHUNK = 1024 * 1024

MAX_NAME_PART_BYTES = 255  # what ext4, APFS, NTFS (in UTF-16 units) and most others hold
_DRIVE = re.compile(r"^[A-Za-z]:")
_MACOS_METADATA = "__MACOSX"


class ArchiveError(Exception):
    """The archive cannot be used; the message says why in words a person can act on."""


class ExtractionCancelled(Exception):
    pass


@dataclass
class ExtractedKit:
    temp_dir: Path  # remove with :meth:`cleanup`
    kit_root: Path  # the folder holding presskit.yaml (temp_dir or its one top-level folder)
    prefix: str  # the member-name prefix of kit_root inside the archive ("" or "folder/")
    # kit-relative path -> (member name, uncompressed size, CRC-32) for file-identity keys
    members: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def cleanup(self) -> None:
        shutil.rmtree(self.temp_dir, ignore_errors=True)


ProgressCallback = Callable[[int, int], bool]  # (done bytes, total bytes) -> keep going?


def unsafe_member_reason(info: zipfile.ZipInfo) -> str | None:
    """Why this entry may not be extracted, or None."""
    name = info.filename
    shown = entry_name(name)
    if "\\" in name:
        return f"the entry {shown} uses backslashes"
    if name.startswith("/") or _DRIVE.match(name):
        return f"the entry {shown} has an absolute path"
    if ".." in PurePosixPath(name).parts:
        return f"the entry {shown} would land outside the kit folder"
    if "\x00" in name:
        return f"the entry {shown} contains a NUL character"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"the entry {shown} is a symbolic link"
    too_long = [
        part for part in PurePosixPath(name).parts if _byte_length(part) > MAX_NAME_PART_BYTES
    ]
    if too_long:
        return (
            f"the entry {shown} has a name part of {_byte_length(too_long[0]):,} bytes; "
            f"file systems hold at most {MAX_NAME_PART_BYTES}"
        )
    return None


def entry_name(name: str) -> str:
    """An entry's name for a message: quoted whole, control and bidi characters escaped."""
    return quote_value(name, 1000)


def is_metadata(parts: tuple[str, ...]) -> bool:
    """macOS Finder's additions to a zipped folder: resource forks and folder settings."""
    return bool(parts) and (
        parts[0] == _MACOS_METADATA or parts[-1].startswith("._") or parts[-1] == ".DS_Store"
    )


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    name: str  # the entry's name without ``./`` parts or doubled slashes


def extract_kit(
    archive: Path,
    progress: ProgressCallback | None = None,
    temp_parent: Path | None = None,
) -> ExtractedKit:
    """Extract ``archive`` into a new private temporary folder. Raises :class:`ArchiveError`
    or :class:`ExtractionCancelled`; in both cases nothing is left behind."""
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise ArchiveError("is not a zip archive, or it is damaged or truncated") from None
    except OSError as exc:
        raise ArchiveError(f"cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # a hostile central directory can raise almost anything
        log.warning("cannot open %s as a zip: %r", archive, exc)
        raise ArchiveError("is damaged: its table of contents cannot be read") from None
    with zf:
        infos = zf.infolist()
        entries = _kit_entries(infos)
        prefix = _kit_prefix(entries)
        try:
            temp_dir = Path(tempfile.mkdtemp(prefix="presskit-", dir=temp_parent))
        except OSError as exc:  # no temporary folder (full disk, TMPDIR gone): still a message
            raise ArchiveError(
                "cannot be unpacked: no private temporary folder could be made "
                f"({exc.strerror or 'the system refused it'})"
            ) from None
        try:
            _check_path_lengths(entries, temp_dir)
            members = _extract_members(zf, entries, temp_dir, prefix, progress)
        except BaseException:
            shutil.rmtree(temp_dir, ignore_errors=True)
            raise
    kit_root = temp_dir / prefix if prefix else temp_dir
    log.info("extracted %s (%d entries) to %s", archive, len(entries), temp_dir)
    return ExtractedKit(temp_dir, kit_root, prefix, members)


def _kit_entries(infos: list[zipfile.ZipInfo]) -> list[_Entry]:
    """The entries to extract, checked as a whole before anything is written."""
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(f"has {len(infos):,} entries; the limit is {MAX_ENTRIES:,}")
    entries: list[_Entry] = []
    by_name: dict[str, str] = {}
    by_folded: dict[str, str] = {}
    files: set[str] = set()
    folders: set[str] = set()
    for info in infos:
        reason = unsafe_member_reason(info)
        if reason:
            raise ArchiveError(f"is refused: {reason}")
        parts = PurePosixPath(info.filename).parts  # drops "." parts and doubled slashes
        if not parts or is_metadata(parts):
            continue
        if info.flag_bits & 0x1:
            raise ArchiveError(
                f"is encrypted (the entry {entry_name(info.filename)} needs a password)"
            )
        name = "/".join(parts)
        if name in by_name and not info.is_dir():
            raise ArchiveError(f"is refused: the entry {entry_name(name)} appears twice")
        # Every folder on the way counts too: 'Stills/a.jpg' and 'stills/b.jpg' would share
        # one folder on Windows and macOS, and the kit's paths name only one of them.
        for end in range(1, len(parts) + 1):
            path = "/".join(parts[:end])
            folded = path.casefold()
            if by_folded.setdefault(folded, path) != path:
                raise ArchiveError(
                    f"is refused: the entries {entry_name(by_folded[folded])} and "
                    f"{entry_name(path)} differ only in upper and lower case (on Windows and "
                    "macOS one would overwrite the other)"
                )
        by_name[name] = info.filename
        (folders if info.is_dir() else files).add(name)
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
        entries.append(_Entry(info, name))
    both = sorted(files & folders)
    if both:
        raise ArchiveError(
            f"is refused: {entry_name(both[0])} is both a file and a folder in the archive"
        )
    declared = sum(entry.info.file_size for entry in entries)
    if declared > MAX_TOTAL_BYTES:
        raise ArchiveError(
            f"would unpack to {declared / 1024**3:.1f} GiB; the limit is "
            f"{MAX_TOTAL_BYTES // 1024**3} GiB"
        )
    return entries


def _kit_prefix(entries: list[_Entry]) -> str:
    names = [entry.name for entry in entries]
    if MANIFEST_NAME in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/{MANIFEST_NAME}" in names:
            return f"{top}/"
    raise ArchiveError("has no presskit.yaml at its root or inside one top-level folder")


def _check_path_lengths(entries: list[_Entry], temp_dir: Path) -> None:
    """Refuse, before writing, a name that would make a path longer than the system holds."""
    limit = _path_limit(temp_dir)
    base = _byte_length(str(temp_dir)) + 1
    for entry in entries:
        if base + _byte_length(entry.name) >= limit:
            raise ArchiveError(
                f"cannot be unpacked here: the entry {entry_name(entry.name)} is "
                f"{_byte_length(entry.name):,} bytes long, too long a path for this system"
            )


def _path_limit(folder: Path) -> int:
    if os.name == "nt":
        return 260  # MAX_PATH, unless long paths are enabled, which we cannot count on
    try:
        return int(os.pathconf(folder, "PC_PATH_MAX"))
    except (OSError, ValueError, AttributeError):
        return 4096


def _byte_length(text: str) -> int:
    return len(os.fsencode(text))


def _extract_members(
    zf: zipfile.ZipFile,
    entries: list[_Entry],
    temp_dir: Path,
    prefix: str,
    progress: ProgressCallback | None,
) -> dict[str, tuple[str, int, int]]:
    total_declared = sum(entry.info.file_size for entry in entries)
    written_total = 0
    members: dict[str, tuple[str, int, int]] = {}
    real_temp = os.path.realpath(temp_dir)

    def report(done: int) -> None:
        if progress is not None and not progress(done, total_declared):
            raise ExtractionCancelled()

    for entry in entries:
        info = entry.info
        shown = entry_name(entry.name)
        target = temp_dir / entry.name
        # A last guard: the names were checked, but resolve and compare anyway.
        if not os.path.realpath(target).startswith(real_temp + os.sep):
            raise ArchiveError(f"is refused: the entry {shown} leaves the folder")
        try:
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as source, open(target, "xb") as sink:
                written_total = _copy(info, shown, source, sink, written_total, report)
        except (ArchiveError, ExtractionCancelled):
            raise
        except NotImplementedError:  # before RuntimeError, its base class
            raise ArchiveError(
                f"cannot be read: the entry {shown} is compressed with a method this app "
                "cannot unpack (use Deflate, as every zip tool can)"
            ) from None
        except RuntimeError as exc:  # zipfile's word for an entry that needs a password
            log.info("entry %r: %s", entry.name, exc)
            raise ArchiveError(f"is encrypted (the entry {shown} needs a password)") from None
        except OSError as exc:  # includes the zip's own read errors: it is a file too
            raise ArchiveError(
                f"cannot be extracted: unpacking the entry {shown} failed "
                f"({exc.strerror or 'the system refused it'})"
            ) from None
        except Exception as exc:  # bad CRC, damaged deflate data, odd zip64 fields, …
            log.info("entry %r cannot be read: %r", entry.name, exc)
            raise ArchiveError(
                f"is damaged: the entry {shown} cannot be read ({_plain_reason(exc)})"
            ) from None
        if entry.name.startswith(prefix):
            members[entry.name[len(prefix) :]] = (info.filename, info.file_size, info.CRC)
    return members


def _copy(
    info: zipfile.ZipInfo,
    shown: str,
    source: IO[bytes],
    sink: IO[bytes],
    written_total: int,
    report: Callable[[int], None],
) -> int:
    """Stream one entry, stopping a bomb by what it really inflates to; the new total."""
    written = 0
    while True:
        chunk = source.read(CHUNK)
        if not chunk:
            return written_total
        written += len(chunk)
        written_total += len(chunk)
        if written > RATIO_CHECK_FLOOR and written > MAX_RATIO * max(1, info.compress_size):
            raise ArchiveError(
                f"is refused: the entry {shown} inflates more than {MAX_RATIO}:1 (a zip bomb?)"
            )
        if written_total > MAX_TOTAL_BYTES:
            raise ArchiveError(
                f"is refused: it unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GiB"
            )
        sink.write(chunk)
        report(written_total)


def _plain_reason(exc: Exception) -> str:
    """zipfile's message without any path in it (it names entries, never our folder)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return quote_value(text, 200)[1:-1]
