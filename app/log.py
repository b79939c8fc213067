"""Logging set up once at start-up: stderr plus a rotating file in the platform's log folder."""

from __future__ import annotations

import logging
import logging.handlers
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
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        # A read-only home must not stop the app; stderr still gets everything important.
        logging.getLogger(__name__).warning("cannot write the log file %s", log_file)
        return None
    file_handler.setFormatter(formatter)
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(file_handler)
    _configured_log_file = log_file
    return log_file


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
