""" "Save original as…": the kit's file, byte for byte, where the person chooses."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.views.feedback import confirm
from app.views.kit_text import plain_message_box

log = logging.getLogger(__name__)


def save_original_file(source: Path, target: Path) -> None:
    """Copy the original byte for byte, through a temporary file so no partial file is left."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def own_type_filter(source: Path) -> str:
    """A file dialog filter offering only ``source``'s own type ("JPEG files (*.jpg)"): the
    bytes are copied unchanged, so any other type would be a file with a wrong name."""
    suffix = source.suffix.lower().lstrip(".")
    if not suffix:
        return "The original file (*)"
    kind = {"jpg": "JPEG", "jpeg": "JPEG", "mp4": "MP4", "mov": "QuickTime"}.get(
        suffix, suffix.upper()
    )
    return f"{kind} files (*.{suffix})"


def ask_and_save_original(parent: QWidget, source: Path, suggested_name: str, what: str) -> None:
    """Ask where to save ``source`` (``what`` is "still", "trailer"…), then copy it there."""
    target, _ = QFileDialog.getSaveFileName(
        parent,
        f"Save the {what}",
        str(Path.home() / Path(suggested_name).name),
        own_type_filter(source),
    )
    if not target:
        return
    target_path = Path(target)
    if source.suffix and not target_path.suffix:
        # Typed without an extension: Qt's own dialog does not add it; the copy keeps its type.
        target_path = target_path.with_name(target_path.name + source.suffix.lower())
    try:
        save_original_file(source, target_path)
    except OSError as exc:
        log.warning("saving %s to %s failed: %s", source, target_path, exc)
        plain_message_box(
            "warning",
            f"Cannot save the {what}",
            f"“{target_path}” could not be written: {exc.strerror or exc}.",
            parent,
        ).exec()
        return
    confirm(parent, f"Saved {target_path.name}")
