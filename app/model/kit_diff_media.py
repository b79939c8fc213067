"""Whether two editions' copies of a media file hold the same bytes.

A still replaced under the same name is the change a journalist most needs to hear about (a
retouched frame, a corrected crop), and the name says nothing: only the content does. Files are
compared by size first (free: the loader already stat-ed them), then by a SHA-256 read in
fixed-size chunks, so a multi-gigabyte trailer costs bounded memory however large it is. A
digest is computed once per file even when several items name it (a still shown as a note's
picture too).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from app.model.kit import KitFile

log = logging.getLogger(__name__)

# Large enough that reading a trailer is disk-bound, small enough to be nothing in memory.
_CHUNK_BYTES = 1 << 20


class FileDigests:
    """Content digests of kit files, each file read at most once."""

    def __init__(self) -> None:
        self._digests: dict[Path, str | None] = {}

    def digest(self, path: Path) -> str | None:
        """The SHA-256 of ``path``'s bytes; None when it cannot be read (said in the log)."""
        if path not in self._digests:
            self._digests[path] = _sha256(path)
        return self._digests[path]

    def same_content(self, old: KitFile, new: KitFile) -> bool:
        """True when both files hold the same bytes. A file that cannot be read differs from
        every other: an unreadable edition must not pass as unchanged."""
        if old.size != new.size:
            return False
        old_digest = self.digest(old.path)
        return old_digest is not None and old_digest == self.digest(new.path)


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                digest.update(chunk)
    except OSError as exc:
        log.warning("cannot read %s to compare it: %s", path, exc)
        return None
    return digest.hexdigest()
