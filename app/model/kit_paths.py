"""The rule every referenced file obeys: a relative POSIX path to a regular file inside the kit."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.model.kit import KitFile
from app.model.problems import quote_value

_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PathRefusal:
    reason: str


class UnreadableFile(Exception):
    """A kit file that cannot be read as a plain file; the message says why, without its path."""


def read_regular_file(path: Path, limit: int, too_large: Callable[[int], str]) -> bytes:
    """The bytes of the regular file at ``path``, read whole when it holds at most ``limit``
    bytes; a larger one raises :class:`UnreadableFile` with ``too_large(size)`` as its message,
    after reading no more than ``limit + 1`` bytes (a file can grow between stat and read).

    The type is checked on the open descriptor, not on the name: a FIFO swapped in after a
    check would otherwise block the open or the read forever, and a device (``/dev/zero``)
    would be read without end. ``O_NONBLOCK`` keeps the open itself from waiting on a FIFO.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except FileNotFoundError:
        raise UnreadableFile("does not exist") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"is {_kind_of(mode)}, not a regular file")
        if hasattr(os, "set_blocking"):  # a regular file never blocks; plain reads from here
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise UnreadableFile(too_large(max(os.fstat(fd).st_size, len(data))))
        return data
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _kind_of(mode: int) -> str:
    """What a non-regular file is, in words: the refusal names it."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def resolve_kit_file(root: Path, text: str) -> KitFile | PathRefusal:
    """The file ``text`` names inside the kit at ``root`` (already resolved), or why it can't be.

    Costs one ``realpath`` and one ``stat``: cheap enough for a 2,000-still kit.
    """
    # Quoted whole (escaped): a shortened path could not be searched for in the manifest.
    shown = quote_value(text, 4096)
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
    if not is_within(root, Path(lexical)):
        return PathRefusal(f"{shown} leaves the kit folder")
    real = Path(os.path.realpath(lexical))
    if not is_within(root, real):
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
        return PathRefusal(f"{shown} is {_kind_of(info.st_mode)}, not a regular file")
    return KitFile(relative=text, path=real, size=info.st_size, mtime_ns=info.st_mtime_ns)


def is_within(root: Path, candidate: Path) -> bool:
    try:
        candidate.relative_to(root)
    except ValueError:
        return False
    return True
