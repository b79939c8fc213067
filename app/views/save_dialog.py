"""Asking where to save a file the app writes (a calendar entry, a contact card) and writing it.

Shared by "Add to calendar" and "Save contact": both ask for a name with the file type's own
filter, add the extension a person left out, write through a temporary file renamed into place
(app/model/atomic_write.py: an address book never imports half a card), and confirm with a
toast. Booth mode asks nothing: a file dialog on a public screen would let a visitor browse
the booth's disk, so there the helpers refuse before any dialog exists.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.model.atomic_write import write_bytes_atomically
from app.settings import Settings
from app.views.feedback import confirm
from app.views.kit_text import plain_message_box

log = logging.getLogger(__name__)

# Characters no file system (or no Windows one) takes in a name, control characters among them.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_NAME_CHARS = 80


def offers_file_dialogs(settings: Settings) -> bool:
    """False in booth mode, where views hide every action that would open a file dialog."""
    return not settings.locked_down


def safe_file_name(text: str, suffix: str, fallback: str) -> str:
    """``text`` made into a file name ending in ``suffix``: unsafe characters become ``-``,
    leading dots go (a hidden file is easily lost), cut to ``MAX_NAME_CHARS``. Diacritics stay."""
    name = _UNSAFE.sub("-", " ".join(text.split())).strip(" -.")
    name = name[:MAX_NAME_CHARS].rstrip(" -.") or fallback
    return f"{name}{suffix}"


def ask_save_path(
    parent: QWidget, title: str, suggested_name: str, type_filter: str, suffix: str
) -> Path | None:
    """The path the person chose, with ``suffix`` added when they typed none; None if they
    cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / suggested_name), type_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        # Qt's own dialog does not add it; without it the calendar or address book will not
        # recognise the file.
        path = path.with_name(path.name + suffix)
    return path


def write_and_confirm(parent: QWidget, path: Path, data: bytes, what: str, done: str) -> bool:
    """Write ``data`` to ``path`` atomically; a toast saying ``done`` on success, a plain
    message naming the file and the reason on failure (``what``: "the calendar file")."""
    try:
        write_bytes_atomically(path, data)
    except OSError as exc:
        log.warning("writing %s to %s failed: %s", what, path, exc)
        plain_message_box(
            "warning",
            f"Cannot save {what}",
            f"“{path}” could not be written: {exc.strerror or exc}.",
            parent,
        ).open()
        return False
    log.info("saved %s to %s", what, path)
    confirm(parent, done)
    return True
