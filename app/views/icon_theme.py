"""An icon theme in the dark theme's colours, for the icons Qt draws itself.

Qt's own file dialogs (toolbar arrows, new folder, list and detail views, folders and files)
take their icons from the style, which looks them up in the desktop's icon theme first and
otherwise draws pictures made for a light window. The app writes a small freedesktop icon theme
of qtawesome glyphs in its own colours to its cache folder and makes it the theme: every file
dialog, whoever opens it, then shows icons that read on the dark theme. Written once after the
first paint (qtawesome is loaded then anyway) and again only when a file is missing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from app.views import palette
from app.views.icons import icon

log = logging.getLogger(__name__)

THEME_NAME = "presskit-dark"
SIZES = (16, 22, 24, 32, 48)
# freedesktop icon name -> qtawesome glyph; the names are those Qt's style asks for.
GLYPHS = {
    "go-previous": "mdi6.arrow-left",
    "go-next": "mdi6.arrow-right",
    "go-up": "mdi6.arrow-up",
    "folder-new": "mdi6.folder-plus-outline",
    "view-list-details": "mdi6.view-list-outline",
    "view-list-icons": "mdi6.view-grid-outline",
    "view-list-tree": "mdi6.file-tree-outline",
    "folder": "mdi6.folder-outline",
    "folder-open": "mdi6.folder-open-outline",
    "text-x-generic": "mdi6.file-outline",
    "computer": "mdi6.monitor",
    "drive-harddisk": "mdi6.harddisk",
    "user-home": "mdi6.home-outline",
    "user-desktop": "mdi6.monitor-dashboard",
    "user-trash": "mdi6.trash-can-outline",
}


def _index(sizes: tuple[int, ...]) -> str:
    directories = ",".join(f"{size}x{size}" for size in sizes)
    sections = "".join(
        f"\n[{size}x{size}]\nSize={size}\nType=Fixed\nContext=Actions\n" for size in sizes
    )
    return f"[Icon Theme]\nName={THEME_NAME}\nComment=The press kit viewer's dark theme\n" + (
        f"Inherits=hicolor\nDirectories={directories}\n{sections}"
    )


def write_icon_theme(folder: Path) -> Path:
    """The theme under ``folder`` (``folder/presskit-dark/…``), written where missing."""
    theme = folder / THEME_NAME
    index = theme / "index.theme"
    if not index.is_file():
        theme.mkdir(parents=True, exist_ok=True)
        index.write_text(_index(SIZES), encoding="utf-8")
    for name, glyph in GLYPHS.items():
        drawn = icon(glyph, palette.ICON)
        for size in SIZES:
            target = theme / f"{size}x{size}" / f"{name}.png"
            if target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if not drawn.pixmap(QSize(size, size)).save(str(target), "PNG"):
                log.warning("icon theme: could not write %s", target)
    return theme


def install_dark_icon_theme(folder: Path) -> bool:
    """Write the theme under ``folder`` and make it the application's icon theme."""
    try:
        write_icon_theme(folder)
    except OSError as exc:  # a read-only cache: Qt's own icons stay, and that is all
        log.warning("icon theme: cannot write under %s: %s", folder, exc)
        return False
    paths = [str(folder), *(p for p in QIcon.themeSearchPaths() if p != str(folder))]
    QIcon.setThemeSearchPaths(paths)
    QIcon.setThemeName(THEME_NAME)
    return True
