"""Native libraries' chatter goes to the log file; stderr keeps the app's own lines.

Qt Multimedia, its FFmpeg (``Input #0, mov,mp4…`` stream dumps), PipeWire and PulseAudio write
20–44 lines to file descriptor 2 when a video is probed. Those lines help a developer and
frighten a publicist reading ``validate --deep``. They are written by C code, often on media
threads, so they are moved at the descriptor: fd 2 points at the log file while the block runs,
and Python's ``sys.stderr`` (with every logging handler that wrote to it) points at a copy of
the original stderr, so the app's own messages still reach the terminal.

A Python Qt message handler would catch only Qt's share, and it would run Python on media
threads, which need the GIL that the main thread holds inside ``QMediaPlayer.stop()``: the
very hang that :class:`app.media.trailer_player._FrameRelay` removes.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from app.log import log_file_path

log = logging.getLogger(__name__)

_STDERR_FD = 2


def _open_target() -> int:
    """The log file (appended to), or the null device when there is no log file."""
    log_file = log_file_path()
    if log_file is not None:
        try:
            return os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError:
            log.info("cannot append native output to %s; it is dropped", log_file)
    return os.open(os.devnull, os.O_WRONLY)


def _stream_handlers_on(stream: TextIO) -> list[logging.StreamHandler[TextIO]]:
    return [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler)
        and not isinstance(handler, logging.FileHandler)
        and handler.stream is stream
    ]


@contextmanager
def native_stderr_to_log() -> Iterator[None]:
    """Within the block, what native code writes to fd 2 goes to the log file."""
    original = sys.stderr
    try:
        original.flush()
        saved_fd = os.dup(_STDERR_FD)
    except (OSError, ValueError, AttributeError):
        # No stderr to protect (a GUI launch on Windows has none): nothing to do.
        yield
        return
    replacement = open(  # noqa: SIM115 (closed in the finally below)
        saved_fd,
        "w",
        encoding=getattr(original, "encoding", None) or "utf-8",
        errors="backslashreplace",
        buffering=1,
        closefd=False,
    )
    handlers = _stream_handlers_on(original)
    target_fd = _open_target()
    try:
        os.dup2(target_fd, _STDERR_FD)
    finally:
        os.close(target_fd)
    sys.stderr = replacement
    for handler in handlers:
        handler.setStream(replacement)
    try:
        yield
    finally:
        replacement.flush()
        os.dup2(saved_fd, _STDERR_FD)
        sys.stderr = original
        for handler in handlers:
            handler.setStream(original)
        replacement.close()
        os.close(saved_fd)
