""" "Save original as…": the kit's file where the person chooses. A still keeps its original
bytes with the kit's caption, credit and terms merged into its metadata, as in a story pack;
a video is copied byte for byte. Material under embargo is not saved (the pack's rule)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.model.image_metadata import ImageFields, MetadataWriteError, write_with_metadata
from app.model.kit import PressKit, Still
from app.model.story_pack import embargo_refusal, still_fields
from app.views.feedback import confirm
from app.views.kit_text import plain_message_box

log = logging.getLogger(__name__)


def save_original_file(source: Path, target: Path, fields: ImageFields | None = None) -> None:
    """Copy the original, with ``fields`` merged into its metadata when given, through a
    temporary file so no partial file is left. Raises OSError or MetadataWriteError."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        if fields is None:
            shutil.copyfile(source, partial)
        else:
            with partial.open("wb") as stream:
                write_with_metadata(source, stream, fields)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def save_still_original(
    parent: QWidget, still: Still, kit: PressKit | None, now: dt.datetime
) -> None:
    """ "Save original" of a still: refused while it is under embargo at ``now``, else saved
    with the caption, credit and terms the story pack would write into it."""
    if still.file is None:
        return
    ask_and_save_original(
        parent,
        still.file.path,
        still.file_text,
        "original still",
        fields=still_fields(kit, still),
        refused=embargo_refusal(kit, still, now),
    )


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


def ask_and_save_original(
    parent: QWidget,
    source: Path,
    suggested_name: str,
    what: str,
    fields: ImageFields | None = None,
    refused: str | None = None,
) -> None:
    """Ask where to save ``source`` (``what`` is "still", "trailer"…), then copy it there
    with ``fields`` merged into an image's metadata. ``refused`` ("under embargo until …"):
    say so instead, and save nothing."""
    if refused is not None:
        plain_message_box(
            "information",
            f"Cannot save the {what} yet",
            f"The {what} is {refused}; it can be saved once the embargo has passed.",
            parent,
        ).exec()
        return
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
        save_original_file(source, target_path, fields)
    except MetadataWriteError as exc:
        log.warning("saving %s with its metadata failed: %s", source, exc)
        plain_message_box(
            "warning",
            f"Cannot save the {what}",
            f"“{source.name}” cannot be saved with its caption and credit: {exc}.",
            parent,
        ).exec()
        return
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
