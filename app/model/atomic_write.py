"""Writing a file so that nobody ever reads half of it.

Start-up path: imported before the first paint (the thumbnail cache uses it), but nothing is
written until after it, so ``tempfile`` (and the ``random`` it imports, ~2 ms) is imported by
the first write.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a uniquely named temporary file beside it, then
    rename it into place: a reader sees the old file or the new one, and two writers (pool
    threads filling a cache) never share a temporary file. Creates the folder; raises OSError.
    """
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_file_mode() -> int:
    """The mode a new file of this person gets (0644 under the usual umask 022): for files made
    for others to read (a kit's manifest, a zip to send), where mkstemp's private 0600 would
    lock out the web server or colleague they are meant for. Reads the umask by setting it and
    setting it back (a command-line step, not for threads)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
