"""Press notes rendered from Markdown: the only kit text shown as rich text.

Images load only from the kit (``KitTextBrowser``); a click on a link does what
``note_links.decide`` says: http(s) and mailto open in the person's own browser or mail
program, the kit's stills, other images and trailer open inside the app, and anything else is
refused with the reason. Nothing remote is ever loaded into the app.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from app.model.kit import Note, PressKit, SkippedEntry, Still
from app.model.text_limits import shorten_for_display
from app.settings import Settings
from app.views import palette
from app.views.base_tab import KitTab, empty_state
from app.views.kit_browser import KitTextBrowser, kit_image_paths
from app.views.kit_text import plain_message_box
from app.views.note_links import LinkDecision, LinkKind, decide, unlink_refused
from app.views.search_highlight import reveal_in_text
from app.views.skipped_rows import in_place, not_shown, skipped_label

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class NotesBrowser(KitTextBrowser):
    """The notes' browser; ``open_links`` is off in booth mode (no browser or mail program)."""

    def __init__(self, kit: PressKit, open_links: bool, parent: QWidget | None = None) -> None:
        super().__init__(kit_image_paths(kit), parent)
        self.open_links = open_links


class NotesTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.browser: NotesBrowser | None = None
        self.unlinked: list[str] = []  # links shown as text: they would be refused
        self.last_link: LinkDecision | None = None  # what the last click did, for tests
        self.refusal_box: QMessageBox | None = None
        layout = self.reading_layout()
        if not kit.notes and not kit.skipped_in("notes"):
            layout.addWidget(empty_state("This press kit has no press notes.", self))

    def first_shown(self) -> None:
        if not self.kit.notes and not self.kit.skipped_in("notes"):
            return
        self.browser = NotesBrowser(self.kit, not self.settings.locked_down, self)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.setObjectName("readingText")
        self.browser.setAccessibleName("Press notes")
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(self.kit.root.resolve()) + os.sep))
        # Raw HTML is shown as written: Qt's Markdown importer loses the rest of the notes
        # after a void element such as a lone <img> or <link>, and markup is one more way to
        # name a file. Markdown's own links and images are the format's.
        document.setMarkdown(self.markdown(), MARKDOWN_FEATURES)
        space_out_headings(document)
        self._colour_skipped(document)
        self.browser.color_links()
        self.unlinked = unlink_refused(document, self.kit)
        # Set on the document (for its Markdown features), the text leaves the browser's cursor
        # at its end, which scrolls the notes to their last line: start at the top.
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.column_layout.addWidget(self.browser)

    @Slot(QUrl)
    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        assert self.browser is not None
        decision = decide(url, self.browser.document().baseUrl(), self.kit)
        self.last_link = decision
        log.info("notes: link %s -> %s", decision.target, decision.kind.value)
        if decision.kind is LinkKind.EXTERNAL:
            if self.browser.open_links:
                QDesktopServices.openUrl(url)
            else:
                log.info("notes: links are off here; not opening %s", decision.target)
        elif decision.kind is LinkKind.STILL and decision.row is not None:
            self._open_still(decision.row)
        elif decision.kind is LinkKind.IMAGE and decision.file is not None:
            self._open_image(decision)
        elif decision.kind is LinkKind.TRAILER:
            self._show_trailer()
        else:
            self._refuse(decision)

    def _open_still(self, row: int) -> None:
        """In the stills tab's viewer, so the grid follows it (and booth mode's rules hold)."""
        from app.views.main_window import MainWindow
        from app.views.stills_tab import StillsTab

        window = self.window()
        if isinstance(window, MainWindow):
            stills = window.show_tab(StillsTab)
            assert isinstance(stills, StillsTab)
            if stills.model is not None:
                stills.open_viewer(row)
                return
        self._open_viewer(list(self.kit.stills), row)

    def _open_image(self, decision: LinkDecision) -> None:
        assert decision.file is not None
        still = Still(decision.file.relative, decision.file, caption=decision.file.relative)
        self._open_viewer([still], 0)

    def _open_viewer(self, stills: list[Still], row: int) -> None:
        from app.views.still_viewer import StillViewer

        viewer = StillViewer(stills, row, self.window(), settings=self.settings)
        viewer.show()

    def _show_trailer(self) -> None:
        from app.views.main_window import MainWindow
        from app.views.trailer.trailer_tab import TrailerTab

        window = self.window()
        if isinstance(window, MainWindow):
            window.show_tab(TrailerTab)

    def _refuse(self, decision: LinkDecision) -> None:
        log.warning("notes: not opening %s: %s", decision.target, decision.reason)
        if self.settings.locked_down:
            return  # booth mode: no dialog a visitor could poke at
        box = plain_message_box(
            "information",
            "Link not opened",
            f"“{decision.target}” is not opened: {decision.reason}.",
            self.window(),
            informative="The viewer opens web links and e-mail addresses in your own "
            "programs, and the kit's stills, images and trailer inside the viewer.",
        )
        box.setObjectName("linkRefusedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.refusal_box is not None:  # one message at a time, the latest
            self.refusal_box.close()
        self.refusal_box = box
        box.destroyed.connect(self._on_refusal_box_destroyed)
        box.open()

    @Slot()
    def _on_refusal_box_destroyed(self) -> None:
        self.refusal_box = None

    def reveal(self, hit: Hit) -> bool:
        """Scroll to a ``notes #N`` hit's paragraph and select the match in it: found after
        that note's heading (a heading as the reader sees it, counted among equal ones)."""
        if self.browser is None:
            return False
        note = self.kit.notes[(hit.field.number or 1) - 1]
        shown = " ".join(shorten_for_display(note.heading).split())
        same = [
            n for n in self._notes_in_place() if isinstance(n, Note) and n.heading == note.heading
        ]
        block, seen = self.browser.document().begin(), 0
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text() == shown:
                if same[seen] is note:
                    break
                seen = min(seen + 1, len(same) - 1)
            block = block.next()
        if not block.isValid():
            return False
        if hit.start < len(note.heading):  # in the heading itself
            return reveal_in_text(
                self.browser, hit, 0, block.position(), block.position() + block.length()
            )
        body_from = len(note.heading)
        return reveal_in_text(self.browser, hit, body_from, block.position() + block.length())

    def markdown(self) -> str:
        """The notes as one Markdown text: bodies as written, headings and attributions (plain
        fields) escaped so they show literally. A note the loader could not read keeps its
        place: its heading (or "Note #n") and the reason it is not shown."""
        parts = []
        for note in self._notes_in_place():
            if isinstance(note, SkippedEntry):
                heading = markdown_literal(skipped_label(note, "Note"))
                parts.append(f"## {heading}\n\n{markdown_literal(not_shown(note))}\n")
                continue
            parts.append(f"## {markdown_literal(shorten_for_display(note.heading))}\n\n")
            parts.append(f"{note.body.strip()}\n")
            if note.attribution:
                parts.append(f"*— {markdown_literal(shorten_for_display(note.attribution))}*\n")
        return "\n".join(parts)

    def _notes_in_place(self) -> list[Note | SkippedEntry]:
        return in_place(self.kit.notes, self.kit.skipped_in("notes"))

    def _colour_skipped(self, document: QTextDocument) -> None:
        """The "Not shown" paragraphs in the warning colour (Markdown has no colours): each is
        the paragraph right under its heading. (Note bodies may hold headings of their own,
        so counting headings would not find them.)"""
        wanted = {
            " ".join(not_shown(note).split())
            for note in self._notes_in_place()
            if isinstance(note, SkippedEntry)
        }
        warning = QTextCharFormat()
        warning.setForeground(QColor(palette.WARNING))
        block = document.begin()
        while block.isValid():
            after_heading = (
                block.previous().isValid() and block.previous().blockFormat().headingLevel()
            )
            if after_heading and block.text() in wanted:
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                cursor.mergeCharFormat(warning)
            block = block.next()


_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that shows exactly ``text`` on one line: CommonMark lets a
    backslash escape any ASCII punctuation, which covers HTML tags, links and emphasis."""
    return "".join(f"\\{c}" if c in _ASCII_PUNCTUATION else c for c in " ".join(text.split()))


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
