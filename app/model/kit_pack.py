"""``presskit pack``'s archive: a zip of a kit that every viewer opens, and the same bytes
every time the same kit is packed.

What goes in: the manifest at the root, every file the manifest names (stills, artwork, key
art, videos, posters, captions, transcripts, people's photos, laurels, files linked from notes
and bios) and the kit's own ``NOTICE*``/``README*`` files; never the JSON Schema, macOS
Finder's ``__MACOSX``, or dot files. Why each fixed choice:

- entries sorted by name, every timestamp 1980-01-01 00:00 (the zip format's first moment),
  mode 0644, no extra fields: nothing of the packing machine or the moment gets in, so the
  same kit packs to the same bytes (a checksum a journalist can compare);
- names flagged UTF-8 (bit 11) whenever they are not plain ASCII (which reads the same in
  every encoding), so an accented name reads the same in every unzip tool;
- media stored: JPEG, PNG, WebP and video are compressed already, deflating them only costs
  time; text deflated, unless it deflates past the viewer's own inflate-ratio limit
  (:data:`app.model.archive.MAX_RATIO`), which would refuse the kit as a zip bomb: then stored;
- a kit past the viewer's own limits (entries, total size, name lengths, names that differ
  only in case) is refused, as the viewer would refuse the zip.

The zip is written to a temporary name beside the target and renamed at the end, so a reader
never sees half a file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from app.model.archive import (
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_CHECK_FLOOR,
    entry_name,
    unsafe_member_reason,
)
from app.model.atomic_write import default_file_mode
from app.model.kit import MANIFEST_NAME, KitFile, PressKit

log = logging.getLogger(__name__)

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--
# zlib's default level: what zipfile uses for an entry it is handed (Python 3.10 and 3.11
# have no public way to set another per entry), and what the ratio check measures with.
DEFLATE_LEVEL = zlib.Z_DEFAULT_COMPRESSION
# Compressed formats: deflating them gains nothing. Everything else (the manifest, captions,
# transcripts, Markdown, NOTICE and README files) is text and deflates well.
STORED_SUFFIXES = frozenset(
    (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".mp4", ".m4v", ".mov", ".mkv", ".webm")
)
_CHUNK = 1024 * 1024


class PackError(Exception):
    """The kit cannot be packed as asked; the message says why in words a person can act on."""


class PackEntry(NamedTuple):
    name: str  # the entry's name in the zip: the kit-relative POSIX path
    path: Path  # the file to read
    size: int
    deflate: bool


class PackResult(NamedTuple):
    files: int
    size: int  # of the zip, in bytes
    sha256: str


def pack_entries(kit: PressKit) -> list[PackEntry]:
    """The entries of ``kit``'s zip, sorted by name. Raises PackError."""
    chosen: dict[str, Path] = {MANIFEST_NAME: kit.manifest}
    for kit_file in _named_files(kit):
        name = _entry_name(kit_file.relative)
        if any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
            raise PackError(
                f"the manifest names {entry_name(name)}, a hidden file that many systems and "
                "unzip tools leave out; rename it (and its folder) without the leading dot"
            )
        chosen.setdefault(name, kit_file.path)
    for entry in sorted(os.scandir(kit.root), key=lambda e: e.name):
        upper = entry.name.upper()
        if upper.startswith(("NOTICE", "README")) and entry.is_file(follow_symlinks=False):
            chosen.setdefault(entry.name, Path(entry.path))
    entries: list[PackEntry] = []
    for name in sorted(chosen):
        path = chosen[name]
        try:
            size = path.stat().st_size
        except OSError as error:
            raise PackError(f"{entry_name(name)} cannot be read ({error.strerror})") from None
        deflate = PurePosixPath(name).suffix.lower() not in STORED_SUFFIXES
        entries.append(PackEntry(name, path, size, deflate))
    check_limits(entries)
    return entries


def _named_files(kit: PressKit) -> list[KitFile]:
    """Every file the manifest names, links from notes and bios included (not only images:
    a note may link to a transcript)."""
    files = [kit_file for _key, kit_file, _kind in kit.referenced_files()]
    for links in [note.links for note in kit.notes] + [p.bio_links for p in kit.people]:
        files += [link.file for link in links if link.file is not None]
    return files


def _entry_name(relative: str) -> str:
    """``stills/./a.jpg`` as the viewer will look it up: ``stills/a.jpg``."""
    return os.path.normpath(relative).replace(os.sep, "/")


def check_limits(entries: list[PackEntry]) -> None:
    """Refuse what the viewer's archive reader would refuse, before anything is written."""
    if len(entries) > MAX_ENTRIES:
        raise PackError(
            f"the kit has {len(entries):,} files; a viewer opens at most {MAX_ENTRIES:,}"
        )
    total = sum(entry.size for entry in entries)
    if total > MAX_TOTAL_BYTES:
        raise PackError(
            f"the kit's files come to {total / 1024**3:.1f} GiB; a viewer unpacks at most "
            f"{MAX_TOTAL_BYTES // 1024**3} GiB"
        )
    folded: dict[str, str] = {}
    for entry in entries:
        reason = unsafe_member_reason(_info(entry))
        if reason is not None:
            raise PackError(f"a viewer would refuse the zip: {reason}")
        parts = entry.name.split("/")
        for end in range(1, len(parts) + 1):
            path = "/".join(parts[:end])
            if folded.setdefault(path.casefold(), path) != path:
                raise PackError(
                    f"{entry_name(folded[path.casefold()])} and {entry_name(path)} differ only "
                    "in upper and lower case; on Windows and macOS one would overwrite the other"
                )


def _info(entry: PackEntry) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(entry.name, date_time=ZIP_EPOCH)
    info.create_system = 3  # Unix: unzip tools then honour the mode below
    info.external_attr = FILE_MODE << 16
    info.file_size = entry.size
    return info


def _deflates_within_limit(path: Path) -> bool:
    """Whether deflating ``path`` keeps under the viewer's inflate-ratio limit, counted as the
    viewer counts it (only past its floor); compressed once more to measure, as zipfile will."""
    compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    compressed = 0
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            compressed += len(compressor.compress(chunk))
    compressed += len(compressor.flush())
    return size <= RATIO_CHECK_FLOOR or size <= MAX_RATIO * max(1, compressed)


def write_pack(entries: list[PackEntry], target: Path, replace: bool) -> PackResult:
    """Write the zip to ``target`` through a temporary file beside it. Without ``replace`` an
    existing ``target`` is left alone (FileExistsError). Raises PackError when a kit file
    cannot be read, OSError when the zip cannot be written; either way no file is left."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w+b") as stream:
            with zipfile.ZipFile(stream, "w") as archive:
                for entry in entries:
                    _add(archive, entry)
            stream.flush()
            os.fsync(stream.fileno())
            stream.seek(0)
            digest = hashlib.sha256()
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
            size = stream.tell()
        os.chmod(temporary, default_file_mode())  # a zip to send, not mkstemp's private file
        if replace:
            os.replace(temporary, target)
        else:
            _rename_new(Path(temporary), target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("packed %d files into %s (%d bytes)", len(entries), target, size)
    return PackResult(len(entries), size, digest.hexdigest())


def _add(archive: zipfile.ZipFile, entry: PackEntry) -> None:
    info = _info(entry)
    try:
        deflate = entry.deflate and _deflates_within_limit(entry.path)
    except OSError as error:
        raise PackError(f"{entry_name(entry.name)} cannot be read ({error.strerror})") from None
    if deflate:
        info.compress_type = zipfile.ZIP_DEFLATED
    else:
        info.compress_type = zipfile.ZIP_STORED
    try:
        source = entry.path.open("rb")
    except OSError as error:  # the kit's file, not the zip: say which
        raise PackError(f"{entry_name(entry.name)} cannot be read ({error.strerror})") from None
    with source, archive.open(info, "w") as sink:
        shutil.copyfileobj(source, sink, _CHUNK)


def _rename_new(temporary: Path, target: Path) -> None:
    """Rename without replacing: a hard link fails when the name exists; where links are
    not supported, a check just before the rename."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(temporary, target)
        return
    temporary.unlink()
