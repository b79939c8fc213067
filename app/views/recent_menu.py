"""File ▸ Open Recent: the kits opened before, named by their film, the path as a tip."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QMenu, QWidget

from app import settings as keys
from app.settings import Settings
from app.views.kit_text import kit_tooltip, menu_text

log = logging.getLogger(__name__)


def recent_entries(settings: Settings) -> list[tuple[str, str]]:
    """``(menu text, location)`` for each recent kit, newest first.

    A kit is named by its film's title (a path says little, and a .zip's extraction folder
    nothing); two kits of the same title add their file or folder name; a kit opened before
    titles were kept shows its file or folder name.
    """
    recent = settings.get(keys.RECENT_KITS)
    titles = settings.recent_kit_titles()
    named = [
        (titles.get(location) or Path(location).name or location, location) for location in recent
    ]
    counts: dict[str, int] = {}
    for name, _location in named:
        counts[name] = counts.get(name, 0) + 1
    return [
        (f"{name} ({Path(location).name})" if counts[name] > 1 else name, location)
        for name, location in named
    ]


class RecentMenu(QMenu):
    open_requested = Signal(Path)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.settings = settings
        self.setToolTipsVisible(True)  # the path of each kit
        self.aboutToShow.connect(self._on_about_to_show)

    @Slot()
    def _on_about_to_show(self) -> None:
        self.clear()
        entries = recent_entries(self.settings)
        if not entries:
            self.addAction("No recent kits").setEnabled(False)
            return
        for text, location in entries:
            action = self.addAction(menu_text(text))
            action.setToolTip(kit_tooltip(location))
            action.setStatusTip(location)
            action.triggered.connect(
                lambda _=False, loc=location: self.open_requested.emit(Path(loc))
            )
