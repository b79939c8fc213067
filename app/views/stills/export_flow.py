"""Exporting stills from the grid: which folder, what to do with files already there, the
export on a pool thread behind a progress dialog, and what to tell the person afterwards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.media.worker import run_in_background
from app.model.export import ExportResult, export_stills, export_targets
from app.model.kit import Still
from app.views.progress import CancellableProgress, progress_dialog

log = logging.getLogger(__name__)


class ExistingFiles(Enum):
    REPLACE = "replace"
    KEEP = "keep"


def replace_or_keep_box(parent: QWidget, folder: Path, existing: list[str]) -> QMessageBox:
    """The question with buttons that answer it: Replace / Keep existing / Cancel."""
    shown = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Replace existing files?")
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names are data, never markup
    box.setText(
        f"{len(existing)} file(s) already exist in {folder}: {shown}\n\n"
        "Replace them, or keep them and export only the others?"
    )
    box.setInformativeText(
        "Either way, credits.csv and captions.txt are updated to list every still in the folder."
    )
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    replace.setObjectName("replaceExisting")
    keep = box.addButton("Keep existing", QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepExisting")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)  # the answer that loses nothing
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_replace_or_keep(parent: QWidget, folder: Path, existing: list[str]) -> ExistingFiles | None:
    """None: cancelled."""
    box = replace_or_keep_box(parent, folder, existing)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    box.deleteLater()
    if name == "replaceExisting":
        return ExistingFiles.REPLACE
    if name == "keepExisting":
        return ExistingFiles.KEEP
    return None


def start_export(
    parent: QWidget,
    folder: Path,
    stills: list[Still],
    finished: Callable[[ExportResult], None],
) -> bool:
    """Ask before replacing files, then export on a pool thread behind a progress dialog;
    ``finished(result)`` on the UI thread. False when the person cancelled the question."""
    existing = [path.name for path in export_targets(stills, folder) if path.exists()]
    skip_existing = False
    if existing:
        choice = ask_replace_or_keep(parent, folder, existing)
        if choice is None:
            return False
        skip_existing = choice is ExistingFiles.KEEP
    dialog = progress_dialog(f"Exporting {len(stills)} stills…", "Export", parent)
    relay = CancellableProgress(dialog)

    def done(result: ExportResult) -> None:
        dialog.close()
        dialog.deleteLater()
        report_export(parent, folder, result)
        finished(result)

    run_in_background(
        lambda: export_stills(stills, folder, skip_existing, relay.report), done, owner=parent
    )
    return True


def report_export(parent: QWidget, folder: Path, result: ExportResult) -> None:
    written = ", ".join(result.written) or "none"
    if result.error:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Export stopped",
            f"Writing to {folder} failed: {result.error}.\n\nFiles written: {written}. "
            "No partial file was left behind.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
    elif result.cancelled:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export cancelled",
            f"Files written before cancelling: {written}.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
    else:
        log.info(
            "exported to %s: %d written, %d kept", folder, len(result.written), len(result.kept)
        )
        return
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    box.deleteLater()
