""" "Save original as…": the kit's file, byte for byte, where the person chooses."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def save_original_file(source: Path, target: Path) -> None:
    """Copy the original byte for byte, through a temporary file so no partial file is left."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def ask_and_save_original(parent: QWidget, source: Path, suggested_name: str, what: str) -> None:
    """Ask where to save ``source`` (``what`` is "still", "trailer"…), then copy it there."""
    target, _ = QFileDialog.getSaveFileName(
        parent, f"Save the {what}", str(Path.home() / Path(suggested_name).name)
    )
    if not target:
        return
    try:
        save_original_file(source, Path(target))
    except OSError as exc:
        QMessageBox.warning(
            parent,
            f"Cannot save the {what}",
            f"“{target}” could not be written: {exc.strerror or exc}.",
        )
