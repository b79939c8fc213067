"""Qt's own dialogs draw their icons from the app's dark icon theme, not light-theme pictures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.views import palette
from app.views.icon_theme import GLYPHS, SIZES, THEME_NAME, install_dark_icon_theme


@pytest.fixture
def restore_icon_theme(qapp) -> Iterator[None]:
    name, search = QIcon.themeName(), QIcon.themeSearchPaths()
    yield
    QIcon.setThemeName(name)
    QIcon.setThemeSearchPaths(search)


def brightest(icon: QIcon) -> QColor:
    """The most opaque, brightest pixel: the glyph's own colour (edges are antialiased)."""
    image = icon.pixmap(QSize(32, 32)).toImage()
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (pixel.alpha(), pixel.lightness()) > (best.alpha(), best.lightness()):
                best = pixel
    return best


@pytest.mark.parametrize(
    "standard",
    [
        QStyle.StandardPixmap.SP_FileDialogBack,
        QStyle.StandardPixmap.SP_FileDialogToParent,
        QStyle.StandardPixmap.SP_FileDialogNewFolder,
        QStyle.StandardPixmap.SP_FileDialogDetailedView,
        QStyle.StandardPixmap.SP_FileDialogListView,
        QStyle.StandardPixmap.SP_DirIcon,
        QStyle.StandardPixmap.SP_FileIcon,
    ],
)
def test_file_dialog_icons_come_from_the_dark_theme(
    restore_icon_theme, tmp_path: Path, standard: QStyle.StandardPixmap
) -> None:
    assert install_dark_icon_theme(tmp_path / "icon-theme")
    assert QIcon.themeName() == THEME_NAME
    theme = tmp_path / "icon-theme" / THEME_NAME
    assert (theme / "index.theme").is_file()
    assert len(list(theme.rglob("*.png"))) == len(GLYPHS) * len(SIZES)
    drawn = brightest(QApplication.style().standardIcon(standard))
    assert drawn.alpha() == 255
    assert drawn.name() == QColor(palette.ICON).name(), standard


def test_a_cache_that_cannot_be_written_keeps_qts_icons(restore_icon_theme, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder would go", encoding="utf-8")
    before = QIcon.themeName()
    assert not install_dark_icon_theme(blocker)
    assert QIcon.themeName() == before
