"""A video's transcript beside the player: follows playback, seeks on click, copies quotes.

The cue being spoken is marked (bold, with a bar) and scrolled into view; the user's own
selection is left alone, so a passage can be selected while the video plays. A selected
passage copies as a quote naming the speaker and their credited role (see
``app.model.transcript.format_quote``). Cue text is kit text: list items show plain text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.captions import CaptionError, Cue
from app.model.kit import PressKit, Video
from app.model.transcript import Transcript, format_quote, format_timestamp, read_transcript
from app.views.kit_text import plain_label

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

CURRENT_MARK = "\u258e "  # a bar before the cue being spoken, seen without colour


class TranscriptView(QWidget):
    seek_requested = Signal(int)  # ms
    quote_copied = Signal(str)

    def __init__(self, kit: PressKit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.kit = kit
        self.video: Video | None = None
        self.transcript: Transcript | None = None
        self.current: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = plain_label("Transcript", self)
        self.heading.setObjectName("transcriptHeading")
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.cues = QListWidget(self)
        self.cues.setObjectName("transcriptCues")
        self.cues.setAccessibleName("Transcript")
        self.cues.setWordWrap(True)
        self.cues.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.cues.itemClicked.connect(self._on_cues_item_clicked)
        self.cues.itemSelectionChanged.connect(self._on_cues_selection_changed)
        copy = QAction("Copy quote", self.cues)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_quote)
        self.cues.addAction(copy)
        self.copy_button = QPushButton("Copy quote", self)
        self.copy_button.setToolTip("Copy the selected lines as a quote with speaker and time")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_quote)
        for widget in (self.heading, self.message, self.cues, self.copy_button):
            layout.addWidget(widget, 1 if widget is self.cues else 0)

    def set_video(self, video: Video | None) -> bool:
        """Show ``video``'s transcript; False (and hidden) when it has none."""
        self.video, self.transcript, self.current = video, None, None
        self.cues.clear()
        self.message.hide()
        if video is None or video.transcript is None:
            self.hide()
            return False
        try:
            self.transcript = read_transcript(video.transcript.path)
        except CaptionError as exc:
            log.warning("transcript unusable: %s", exc)
            self.message.setText(f"The transcript cannot be shown ({exc}).")
            self.message.show()
        else:
            for cue in self.transcript.cues:
                self.cues.addItem(self._cue_item(cue))
        self.show()
        return True

    @staticmethod
    def _cue_item(cue: Cue) -> QListWidgetItem:
        speaker = f"{cue.voice}: " if cue.voice else ""
        item = QListWidgetItem(f"{format_timestamp(cue.start_ms)}  {speaker}{cue.text}")
        item.setData(Qt.ItemDataRole.UserRole, cue.start_ms)
        return item

    @Slot(int)
    def follow(self, position_ms: int) -> None:
        """Mark the cue spoken at ``position_ms`` and bring it into view."""
        if self.transcript is None:
            return
        index = self.transcript.index_at(position_ms)
        if index is None or index == self.current:
            return  # between cues the last one stays marked: the reader keeps their place
        self._mark(self.current, False)
        self._mark(index, True)
        self.current = index
        item = self.cues.item(index)
        self.cues.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def select_line(self, start_ms: int, hit: Hit) -> bool:
        """Select, mark and scroll to the line said at ``start_ms`` (the one with the hit's
        text when several start then)."""
        if self.transcript is None:
            return False
        starts = [n for n, cue in enumerate(self.transcript.cues) if cue.start_ms == start_ms]
        said = [n for n in starts if self.transcript.cues[n].text == hit.field.text]
        if not starts:
            return False
        item = self.cues.item((said or starts)[0])
        self.cues.setCurrentItem(item)  # selected too, so "Copy quote" copies it
        self.cues.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.follow(start_ms)
        return True

    def _mark(self, index: int | None, on: bool) -> None:
        if index is None or self.transcript is None:
            return
        item = self.cues.item(index)
        text = item.text().removeprefix(CURRENT_MARK)
        item.setText(CURRENT_MARK + text if on else text)
        font = QFont(self.cues.font())
        font.setBold(on)
        item.setFont(font)

    def selected_cues(self) -> list[Cue]:
        if self.transcript is None:
            return []
        rows = sorted(self.cues.row(item) for item in self.cues.selectedItems())
        return [self.transcript.cues[row] for row in rows]

    @Slot()
    def copy_quote(self) -> None:
        cues = self.selected_cues()
        if not cues or self.video is None:
            return
        title = self.video.title or self.video.file_text
        quote = format_quote(self.kit, title, cues)
        QGuiApplication.clipboard().setText(quote)
        self.quote_copied.emit(quote)

    @Slot(QListWidgetItem)
    def _on_cues_item_clicked(self, item: QListWidgetItem) -> None:
        if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            # A plain click seeks there; Shift/Ctrl clicks only extend the selection.
            self.seek_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    @Slot()
    def _on_cues_selection_changed(self) -> None:
        self.copy_button.setEnabled(bool(self.cues.selectedItems()))
