"""Synopsis: the short and long synopsis, selectable, copied with their attribution; in the
language the switcher chose when the kit has translations (app/views/translation_switcher.py)."""

from __future__ import annotations

import logging
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.model.kit import PressKit, Synopsis, Translation
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, with_credit
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text
from app.views.palette import TEXT_SECONDARY
from app.views.search_highlight import reveal_in_text
from app.views.translation_switcher import (
    LanguageSwitcher,
    chosen_translation,
    offers_translations,
)

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

PARAGRAPH = "line-height:145%; margin-bottom:10px"


class SynopsisTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.translation: Translation | None = None
        # The length the reader last picked: a language without it shows the other, and the
        # next language that has it shows it again.
        self._wants_long = True
        self._switching = False
        self.short_button = QPushButton("Short", self)
        self.long_button = QPushButton("Long", self)
        group = QButtonGroup(self)
        for button in (self.short_button, self.long_button):
            button.setCheckable(True)
            button.setObjectName("segmentButton")
            group.addButton(button)
        self.short_button.setAccessibleName("Show the short synopsis")
        self.long_button.setAccessibleName("Show the long synopsis")
        self.long_button.setChecked(True)
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
        self.switcher: LanguageSwitcher | None = None
        if offers_translations(kit, settings):
            self.switcher = LanguageSwitcher(kit, settings, self)
            self.switcher.language_chosen.connect(self._on_language_chosen)
            bar.addWidget(self.switcher)
        bar.addWidget(self.copy_button)
        layout = self.reading_layout()
        layout.addLayout(bar)
        layout.addWidget(self.text_view, 1)
        self._set_translation(chosen_translation(kit, settings))

    @property
    def synopsis(self) -> Synopsis:
        """The synopsis shown: the chosen translation's when it gives one, else the kit's."""
        own = self.translation.synopsis if self.translation is not None else None
        if own is not None and (own.short or own.long):
            return own
        return self.kit.synopsis

    @property
    def attribution(self) -> str:
        shown = self.synopsis
        if shown is not self.kit.synopsis and shown.attribution:
            return shown.attribution
        return self.kit.attribution

    def _set_translation(self, translation: Translation | None) -> None:
        self.translation = translation
        synopsis = self.synopsis
        self.short_button.setEnabled(bool(synopsis.short))
        self.long_button.setEnabled(bool(synopsis.long))
        self._switching = True
        try:
            if synopsis.long and (self._wants_long or not synopsis.short):
                self.long_button.setChecked(True)
            else:
                self.short_button.setChecked(True)
        finally:
            self._switching = False
        self._show_text()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.switcher is not None:
            # The overview may have changed the language since this tab was last shown.
            translation = chosen_translation(self.kit, self.settings)
            self.switcher.sync(translation)
            if translation != self.translation:
                self._set_translation(translation)

    @Slot(str)
    def _on_language_chosen(self, tag: str) -> None:
        self._set_translation(self.kit.translation(tag) if tag else None)

    def current_text(self) -> str:
        synopsis = self.synopsis
        if self.long_button.isChecked() and synopsis.long:
            return "\n\n".join(_paragraphs(synopsis.long))
        return "\n\n".join(_paragraphs(synopsis.short or synopsis.long or ""))

    def _show_text(self) -> None:
        paragraphs = self.current_text().split("\n\n")
        body = "".join(f"<p style='{PARAGRAPH}'>{escape(p)}</p>" for p in paragraphs)
        credit = f"<p style='color:{TEXT_SECONDARY}'><i>— {html_text(self.attribution)}</i></p>"
        self.text_view.setHtml(body + credit)

    @Slot()
    def _on_length_toggled(self) -> None:
        if not self._switching:
            self._wants_long = self.long_button.isChecked()
        self._show_text()

    def reveal(self, hit: Hit) -> bool:
        """Show a synopsis hit's language and length with the matched text selected."""
        shown = self.translation.language if self.translation is not None else ""
        if self.switcher is not None and hit.field.language != shown:
            self.switcher.choose(hit.field.language)
        button = self.short_button if hit.field.part == "short" else self.long_button
        if button.isEnabled():
            button.setChecked(True)
        return reveal_in_text(self.text_view, hit)

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(with_credit(self.current_text(), self.attribution))
        confirm(self, "Synopsis copied, with its credit.")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
