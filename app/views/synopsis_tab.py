"""Synopsis: the short and long synopsis, selectable, copied with their attribution."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, with_credit
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text
from app.views.palette import TEXT_SECONDARY

log = logging.getLogger(__name__)

PARAGRAPH = "line-height:145%; margin-bottom:10px"


class SynopsisTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        synopsis = kit.synopsis
        self.short_button = QPushButton("Short", self)
        self.long_button = QPushButton("Long", self)
        group = QButtonGroup(self)
        for button, available in (
            (self.short_button, synopsis.short),
            (self.long_button, synopsis.long),
        ):
            button.setCheckable(True)
            button.setEnabled(bool(available))
            button.setObjectName("segmentButton")
            group.addButton(button)
        self.short_button.setAccessibleName("Show the short synopsis")
        self.long_button.setAccessibleName("Show the long synopsis")
        (self.long_button if synopsis.long else self.short_button).setChecked(True)
        group.buttonToggled.connect(self._on_length_toggled)

        self.copy_button = QPushButton("Copy with credit", self)
        self.copy_button.setAccessibleName("Copy the synopsis with its attribution")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        set_icon_later(self.copy_button, "mdi6.content-copy")

        self.text_view = KitTextBrowser(parent=self)
        self.text_view.setObjectName("readingText")
        self.text_view.setAccessibleName("Synopsis text")

        bar = QHBoxLayout()
        bar.addWidget(self.short_button)
        bar.addWidget(self.long_button)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        layout = self.reading_layout()
        layout.addLayout(bar)
        layout.addWidget(self.text_view, 1)
        self._show_text()

    def current_text(self) -> str:
        synopsis = self.kit.synopsis
        if self.long_button.isChecked() and synopsis.long:
            return "\n\n".join(_paragraphs(synopsis.long))
        return "\n\n".join(_paragraphs(synopsis.short or synopsis.long or ""))

    def _show_text(self) -> None:
        paragraphs = self.current_text().split("\n\n")
        body = "".join(f"<p style='{PARAGRAPH}'>{escape(p)}</p>" for p in paragraphs)
        credit = f"<p style='color:{TEXT_SECONDARY}'><i>— {html_text(self.kit.attribution)}</i></p>"
        self.text_view.setHtml(body + credit)

    @Slot()
    def _on_length_toggled(self) -> None:
        self._show_text()

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(with_credit(self.current_text(), self.kit.attribution))
        confirm(self, "Synopsis copied, with its credit.")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
