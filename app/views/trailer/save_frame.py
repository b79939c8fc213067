"""Saving the trailer's current frame as a PNG where the person chooses, and saying so.

Like "Save original", a save is confirmed with a toast (nothing else on screen changes), and a
failure is a plain-text message box: the path shown is the person's own typing or a kit's
file name, which may look like markup.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from app.media.trailer_player import TrailerPlayer
from app.views.feedback import confirm
from app.views.kit_text import plain_message_box

log = logging.getLogger(__name__)

NO_FRAME_TITLE = "No frame to save"
CANNOT_SAVE_TITLE = "Cannot save the frame"


def suggested_frame_name(position_ms: int) -> str:
    """``trailer-frame-0012-34s.png`` for 12.34 s: sorts by time, one dot only."""
    return f"trailer-frame-{position_ms / 1000:07.2f}s.png".replace(".", "-", 1)


def save_current_frame(parent: QWidget, player: TrailerPlayer) -> Path | None:
    """Ask where to save the frame on screen, write it as PNG; the path written, or None."""
    frame = player.current_frame()
    image = frame.toImage() if frame.isValid() else QImage()
    if image.isNull():
        plain_message_box("information", NO_FRAME_TITLE, "Play the trailer first.", parent).exec()
        return None
    suggested = Path.home() / suggested_frame_name(player.position())
    target, _ = QFileDialog.getSaveFileName(
        parent, "Save the current frame", str(suggested), "PNG images (*.png)"
    )
    if not target:
        return None
    path = Path(target)
    if not path.suffix:  # typed without one: Qt's own dialog does not add it
        path = path.with_name(path.name + ".png")
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        log.warning("saving the trailer frame to %s failed", path)
        plain_message_box(
            "warning", CANNOT_SAVE_TITLE, f"“{path}” could not be written.", parent
        ).exec()
        return None
    confirm(parent, f"Saved {path.name}")
    return path
