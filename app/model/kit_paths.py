"""The rule every referenced file obeys: a relative POSIX path to a regular file inside the kit."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from app.model.kit import KitFile
from app.model.problems import quote_value

_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PathRefusal:
    reason: str


def resolve_kit_file(root: Path, text: str) -> KitFile | PathRefusal:
    """The file ``text`` names inside the kit at ``root`` (already resolved), or why it can't be.

    Costs one ``realpath`` and one ``stat``: cheap enough for a 2,000-still kit.
    """
    shown = quote_value(text)
    if not text.strip():
        return PathRefusal("the path is empty")
    if "\\" in text:
        return PathRefusal(f"{shown} uses backslashes; write paths with forward slashes")
    if _DRIVE.match(text):
        return PathRefusal(f"{shown} is a Windows drive path; use a path relative to the kit")
    if _SCHEME.match(text):
        return PathRefusal(f"{shown} is a URL; the kit may only use files inside its folder")
    if text.startswith("/"):
        return PathRefusal(f"{shown} is an absolute path; use a path relative to the kit")
    if "\x00" in text:
        return PathRefusal(f"{shown} contains a NUL character")
    lexical = os.path.normpath(os.path.join(root, text))
    if not _is_within(root, Path(lexical)):
        return PathRefusal(f"{shown} leaves the kit folder")
    real = Path(os.path.realpath(lexical))
    if not _is_within(root, real):
        return PathRefusal(f"{shown} is a symbolic link that leaves the kit folder")
    try:
        info = real.stat()
    except FileNotFoundError:
        return PathRefusal(f"{shown} does not exist")
    except OSError as exc:
        return PathRefusal(f"{shown} cannot be read ({exc.strerror})")
    if stat.S_ISDIR(info.st_mode):
        return PathRefusal(f"{shown} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return PathRefusal(f"{shown} is not a regular file")
    return KitFile(relative=text, path=real, size=info.st_size, mtime_ns=info.st_mtime_ns)


def _is_within(root: Path, candidate: Path) -> bool:
    try:
        candidate.relative_to(root)
    except ValueError:
        return False
    return True
