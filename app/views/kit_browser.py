"""A QTextBrowser that loads nothing but the kit's own images.

Rich text pulls in resources from ``<img src>``, ``<link href>``, CSS ``url()`` and Markdown
images, quoted or not. Each request reaches :meth:`KitTextBrowser.loadResource`, which answers
for every one, allowed or not: when it answers with nothing, Qt falls back to reading the named
file itself (``QTextDocument::loadResource`` opens local files, and the image handler then tries
``QImage(name)`` and the name with every image suffix). So a refused image gets a blank
one-pixel image, a refused style sheet or page an empty string, and Qt never opens the path.
``/dev/zero``, ``/etc/hostname``, ``..`` and links that leave the kit are refused alike: only
files the kit's manifest names as images, checked by the loader to lie inside the kit, load.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.model.kit import PressKit
from app.views import palette
from app.views.text_fragments import apply_formats, link_fragments

log = logging.getLogger(__name__)

IMAGE_MAX_WIDTH = 760  # logical pixels: the reading column's width
# Links on the dark reading background: Qt's default pure blue is 2.2:1 there (the palette's
# LINK and LINK_VISITED are 11.5:1 and 9.6:1; tests/views/test_theme.py checks them).
LINK_COLOR = palette.LINK
LINK_VISITED_COLOR = palette.LINK_VISITED


def kit_image_paths(kit: PressKit) -> set[Path]:
    """Every file the kit names as an image (key art, stills, poster, note images)."""
    return {kit_file.path for _key, kit_file, kind in kit.referenced_files() if kind == "image"}


def _blank_image() -> QImage:
    # Not a null image: a null one makes Qt's image handler load the path by itself.
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.with_alpha(palette.SHADE, 0)))
    return image


class KitTextBrowser(QTextBrowser):
    """Rich text whose resources come only from ``allowed_images`` (absolute, resolved paths
    of files inside the kit); links are never followed by the browser itself."""

    def __init__(self, allowed_images: Iterable[Path] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allowed_images = {Path(os.path.realpath(p)) for p in allowed_images}
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        colours = self.palette()
        colours.setColor(QPalette.ColorRole.Link, QColor(LINK_COLOR))
        colours.setColor(QPalette.ColorRole.LinkVisited, QColor(LINK_VISITED_COLOR))
        self.setPalette(colours)
        # HTML takes its link colour from the document's style sheet, set before any text.
        self.document().setDefaultStyleSheet(f"a {{ color: {LINK_COLOR}; }}")
        self.refused: list[str] = []  # what was asked for and not loaded, for the log and tests
        # Qt asks again on every layout (a resize, a tab shown): each image is decoded once per
        # width, each refusal logged once.
        self._decoded: dict[tuple[Path, int], QImage] = {}

    def color_links(self) -> None:
        """Give every link the theme's link colour, underlined: Qt's Markdown importer colours
        links with the application palette's pure blue, whatever this widget's palette says."""
        colour = QTextCharFormat()
        colour.setForeground(QColor(LINK_COLOR))
        colour.setFontUnderline(True)  # colour alone must not be what tells a link apart
        links = link_fragments(self.document())
        apply_formats(self.document(), [(f.position(), f.length(), colour) for f in links])

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        url = QUrl(url)
        try:
            return self._load(kind, url)
        except Exception:  # Qt calls this while laying out: an exception would abort the app
            log.exception("rich text: loading %s failed", url.toString())
            return self._refusal(kind, url, "failed")

    def _load(self, kind: int, url: QUrl) -> object:
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return self._refusal(kind, url, "only images are loaded")
        resolved = self.document().baseUrl().resolved(url) if url.isRelative() else url
        if not resolved.isLocalFile():
            return self._refusal(kind, url, "not a file of the kit")
        # realpath resolves symlinks and ".." without opening the file (lstat and readlink).
        path = Path(os.path.realpath(resolved.toLocalFile()))
        if path not in self.allowed_images:
            return self._refusal(kind, url, "not an image the kit's manifest names")
        ratio = self.devicePixelRatioF()
        width = int(IMAGE_MAX_WIDTH * ratio)
        cached = self._decoded.get((path, width))
        if cached is not None:
            return cached
        try:
            image = decode_to_fit(path, QSize(width, width * 4))
        except ImageDecodeError as exc:
            log.warning("rich text: image %s %s", path, exc)
            image = _blank_image()
        image.setDevicePixelRatio(ratio)
        self._decoded[(path, width)] = image
        return image

    def _refusal(self, kind: int, url: QUrl, reason: str) -> object:
        if url.toString() not in self.refused:
            self.refused.append(url.toString())
            log.info("rich text: refused to load %s (%s)", url.toString(), reason)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return ""
