"""Press notes rendered from Markdown. Images load only from inside the kit; http(s) and mailto
links open in the person's own browser or mail program only when clicked; nothing remote is
ever loaded into the app."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state

log = logging.getLogger(__name__)

NOTE_IMAGE_MAX_WIDTH = 760  # logical pixels: the reading column's width


class KitOnlyTextBrowser(QTextBrowser):
    """A QTextBrowser whose resources come only from an allow-list of files inside the kit."""

    def __init__(
        self, allowed_files: set[Path], parent: QWidget | None = None, open_links: bool = True
    ) -> None:
        super().__init__(parent)
        self.allowed_files = {Path(os.path.realpath(p)) for p in allowed_files}
        self.open_links = open_links  # off in booth mode: no browser, mail or file manager
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.refused: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> object:
        resolved = self.document().baseUrl().resolved(url) if url.isRelative() else url
        if not resolved.isLocalFile():
            self.refused.append(url.toString())
            log.info("notes: refused to load %s", url.toString())
            return None
        path = Path(os.path.realpath(resolved.toLocalFile()))
        if path not in self.allowed_files:
            self.refused.append(url.toString())
            log.info("notes: refused to load %s (not a checked file of the kit)", path)
            return None
        if kind == QTextDocument.ResourceType.ImageResource.value:
            ratio = self.devicePixelRatioF()
            width = int(NOTE_IMAGE_MAX_WIDTH * ratio)
            try:
                from PySide6.QtCore import QSize

                image: QImage = decode_to_fit(path, QSize(width, width * 4))
            except ImageDecodeError as exc:
                log.warning("notes: image %s %s", path, exc)
                return None
            image.setDevicePixelRatio(ratio)
            return image
        return None

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if not self.open_links:
            log.info("notes: links are off here; not opening %s", url.toString())
            return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        resolved = self.document().baseUrl().resolved(url)
        if resolved.isLocalFile():
            path = Path(os.path.realpath(resolved.toLocalFile()))
            if path in self.allowed_files:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class NotesTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.browser: KitOnlyTextBrowser | None = None
        layout = self.reading_layout()
        if not kit.notes:
            layout.addWidget(empty_state("This press kit has no press notes.", self))

    def first_shown(self) -> None:
        if not self.kit.notes:
            return
        allowed = {link.file.path for note in self.kit.notes for link in note.links if link.file}
        self.browser = KitOnlyTextBrowser(allowed, self, open_links=not self.settings.locked_down)
        self.browser.setObjectName("readingText")
        self.browser.setAccessibleName("Press notes")
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(self.kit.root.resolve()) + os.sep))
        self.browser.setMarkdown(self.markdown())
        space_out_headings(document)
        self.column_layout.addWidget(self.browser)

    def markdown(self) -> str:
        parts = []
        for note in self.kit.notes:
            parts.append(f"## {note.heading}\n\n{note.body.strip()}\n")
            if note.attribution:
                parts.append(f"*— {note.attribution}*\n")
        return "\n".join(parts)


def space_out_headings(document: QTextDocument) -> None:
    """Give each heading room above it: the Markdown importer sets a heading with a
    paragraph's tight margins, which runs one section into the next."""
    cursor = QTextCursor(document)
    block = document.begin().next()  # the first heading sits at the top already
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            spacing = QTextBlockFormat()
            spacing.setTopMargin(30 if level <= 2 else 20)
            spacing.setBottomMargin(8)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(spacing)
        block = block.next()
