"""Extracting a kit from a .zip archive without letting the archive do harm.

Limits (each a stated default): no entry may land outside the extraction folder (``..``,
absolute names, drive letters, backslashes) and no entry may be a symbolic link — such an
archive is refused whole, before anything is written; at most 10,000 entries; an entry that
inflates more than 100:1, or a total over 8 GiB, stops extraction while streaming (not only
from the sizes the archive declares) and removes what was written.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from app.model.kit import MANIFEST_NAME

log = logging.getLogger(__name__)

MAX_ENTRIES = 10_000
MAX_RATIO = 100
MAX_TOTAL_BYTES = 8 * 1024**3
RATIO_CHECK_FLOOR = 64 * 1024  # tiny entries may compress oddly well; check ratios above this
CHUNK = 1024 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")


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
    if "\\" in name:
        return f"the entry '{name}' uses backslashes"
    if name.startswith("/") or _DRIVE.match(name):
        return f"the entry '{name}' has an absolute path"
    if ".." in PurePosixPath(name).parts:
        return f"the entry '{name}' would land outside the kit folder"
    if "\x00" in name:
        return f"the entry {name!r} contains a NUL character"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"the entry '{name}' is a symbolic link"
    return None


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
    with zf:
        infos = zf.infolist()
        _check_members(infos)
        prefix = _kit_prefix(infos)
        temp_dir = Path(tempfile.mkdtemp(prefix="presskit-", dir=temp_parent))
        try:
            members = _extract_members(zf, infos, temp_dir, prefix, progress)
        except BaseException:
            shutil.rmtree(temp_dir, ignore_errors=True)
            raise
    kit_root = temp_dir / prefix if prefix else temp_dir
    log.info("extracted %s (%d entries) to %s", archive, len(infos), temp_dir)
    return ExtractedKit(temp_dir, kit_root, prefix, members)


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(f"has {len(infos):,} entries; the limit is {MAX_ENTRIES:,}")
    for info in infos:
        reason = unsafe_member_reason(info)
        if reason:
            raise ArchiveError(f"is refused: {reason}")
        if info.flag_bits & 0x1:
            raise ArchiveError(f"is encrypted (the entry '{info.filename}' needs a password)")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        raise ArchiveError(
            f"would unpack to {declared / 1024**3:.1f} GiB; the limit is "
            f"{MAX_TOTAL_BYTES // 1024**3} GiB"
        )


def _kit_prefix(infos: list[zipfile.ZipInfo]) -> str:
    names = [info.filename for info in infos]
    if MANIFEST_NAME in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names if name.strip("/")}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/{MANIFEST_NAME}" in names:
            return f"{top}/"
    raise ArchiveError("has no presskit.yaml at its root or inside one top-level folder")


def _extract_members(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    temp_dir: Path,
    prefix: str,
    progress: ProgressCallback | None,
) -> dict[str, tuple[str, int, int]]:
    total_declared = sum(info.file_size for info in infos)
    written_total = 0
    members: dict[str, tuple[str, int, int]] = {}
    for info in infos:
        target = temp_dir / info.filename
        # A last guard: the names were checked, but resolve and compare anyway.
        if not os.path.realpath(target).startswith(os.path.realpath(temp_dir) + os.sep):
            raise ArchiveError(f"is refused: the entry '{info.filename}' leaves the folder")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with zf.open(info) as source, open(target, "xb") as sink:
                while True:
                    chunk = source.read(CHUNK)
                    if not chunk:
                        break
                    written += len(chunk)
                    written_total += len(chunk)
                    if written > RATIO_CHECK_FLOOR and written > MAX_RATIO * max(
                        1, info.compress_size
                    ):
                        raise ArchiveError(
                            f"is refused: the entry '{info.filename}' inflates more than "
                            f"{MAX_RATIO}:1 (a zip bomb?)"
                        )
                    if written_total > MAX_TOTAL_BYTES:
                        raise ArchiveError(
                            f"is refused: it unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GiB"
                        )
                    sink.write(chunk)
                    if progress is not None and not progress(written_total, total_declared):
                        raise ExtractionCancelled()
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ArchiveError(
                f"is damaged: the entry '{info.filename}' cannot be read ({exc})"
            ) from None
        except RuntimeError as exc:  # zipfile raises this for encrypted entries
            raise ArchiveError(f"cannot be read: {exc}") from None
        except OSError as exc:
            raise ArchiveError(
                f"cannot be extracted: writing '{info.filename}' failed ({exc.strerror or exc})"
            ) from None
        if info.filename.startswith(prefix):
            members[info.filename[len(prefix) :]] = (info.filename, info.file_size, info.CRC)
    return members
