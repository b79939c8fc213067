"""Message-box icons drawn for the dark theme.

The style's standard warning and information icons are made for a light window: dark outlines
that vanish on the theme's navy. The boxes get the theme's own qtawesome glyphs instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize

from app.views import palette
from app.views.icons import icon

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ICON_SIZE = 48  # logical pixels, the size of the style's own message-box icons

# (glyph, colour) per kind of box: amber for warnings, the icons' own colour otherwise.
_GLYPHS = {
    "warning": ("mdi6.alert-outline", palette.AMBER),
    "information": ("mdi6.information-outline", palette.ICON),
    "question": ("mdi6.help-circle-outline", palette.ICON),
}


def set_dark_icon(box: QMessageBox, kind: str) -> None:
    """Give ``box`` the dark theme's icon for ``kind`` (warning, information, question)."""
    name, color = _GLYPHS.get(kind, _GLYPHS["information"])
    glyph = icon(name, color)
    if glyph.isNull():
        return  # keep the style's icon rather than none
    pixmap = glyph.pixmap(QSize(ICON_SIZE, ICON_SIZE), box.devicePixelRatioF())
    if pixmap.isNull():
        log.warning("message box icon %s could not be drawn", name)
        return
    box.setIconPixmap(pixmap)
