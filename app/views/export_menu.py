"""File → Export Story Pack… (Ctrl+E): what the menu item does, kept out of the main window.

Start-up path: the main window imports this module to build its menu; the dialog and the pack
engine behind it (the metadata writer, zip and PDF code) are imported only when the item is
chosen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

log = logging.getLogger(__name__)


def export_story_pack(window: MainWindow) -> None:
    """Open the story pack dialog for the window's kit (nothing in booth mode)."""
    from app.views.export_dialog import open_for_window

    if open_for_window(window) is None:
        log.info("export story pack: no kit open, or booth mode")
