"""Logging set up once at start-up: stderr plus a rotating file in the platform's log folder."""

from __future__ import annotations

import logging
from pathlib import Path

from app import paths

_LOG_FILE_NAME = "presskit.log"
_configured_log_file: Path | None = None


def configure_logging(verbose: bool = False) -> Path | None:
    """Configure the root logger; returns the log file's path, or None when none could be made."""
    global _configured_log_file
    root = logging.getLogger()
    if root.handlers:
        return _configured_log_file
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")

    stderr_handler = logging.StreamHandler()
    stderr_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr_handler.setFormatter(_NoTracebackFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stderr_handler)

    log_file = paths.log_dir() / _LOG_FILE_NAME
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        _rotate_if_large(log_file)
        # A plain FileHandler: logging.handlers costs ~10 ms of imports (socket, pickle) at
        # every start, and rotating once per start is enough for this app's log volume.
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        # A read-only home must not stop the app; stderr still gets everything important.
        logging.getLogger(__name__).warning("cannot write the log file %s", log_file)
        return None
    file_handler.setFormatter(formatter)
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(file_handler)
    _configured_log_file = log_file
    return log_file


def _rotate_if_large(log_file: Path, max_bytes: int = 2_000_000, keep: int = 3) -> None:
    """presskit.log → presskit.log.1 → … when it has grown past ``max_bytes``."""
    try:
        if log_file.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for index in range(keep - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{index}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{index + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))


class _NoTracebackFormatter(logging.Formatter):
    """stderr gets one line per message: tracebacks go only to the log file."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.stack_info:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return super().format(record)


def log_file_path() -> Path | None:
    return _configured_log_file
