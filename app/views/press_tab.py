"""Press: the film's festival laurels and its press quotes, with a way to copy each quote.

Every word here is kit text and shown as plain text. A quote's web address is the one link,
offered only when it is http(s) with a host (the loader refuses anything else; the view checks
again because it is what hands the address to the desktop), and never in booth mode, where
nothing may open another program.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.model.kit import PressKit, Quote, SkippedEntry
from app.settings import Settings
from app.views import palette
from app.views.base_tab import KitTab, copy_to_clipboard, empty_state
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_text import kit_tooltip, menu_text, plain_label
from app.views.laurel import LaurelWidget
from app.views.search_highlight import mark_widget, scroll_to
from app.views.tab_specs import has_press

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

LAUREL_COLUMNS = 3
_T = TypeVar("_T")
LINK_SCHEMES = ("http", "https")


def quote_date(value: datetime.date) -> str:
    """``January 13, 2030``, as the overview writes dates."""
    return f"{value:%B} {value.day}, {value.year}"


def quote_attribution(quote: Quote) -> str:
    """``Per Example, Example Film Review (January 13, 2030)``; the source alone when the kit
    names no author, and no brackets without a date."""
    who = f"{quote.author}, {quote.source}" if quote.author else quote.source
    return f"{who} ({quote_date(quote.date)})" if quote.date is not None else who


_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'"}


def quoted(text: str) -> str:
    """``"text"``: the quote in quotation marks, unless the kit already wrote them around it
    (a second pair would read as a quote within a quote)."""
    flat = text.strip()
    if len(flat) >= 2 and _QUOTE_PAIRS.get(flat[0]) == flat[-1]:
        return flat
    return f'"{flat}"'


def quote_for_copy(quote: Quote) -> str:
    """What "Copy quote" puts on the clipboard: ``"text" — Author, Source (date)``."""
    return f"{quoted(quote.text)} — {quote_attribution(quote)}"


def safe_link(url: str | None) -> QUrl | None:
    """The quote's address as a URL the desktop may open (http(s) with a host), else None."""
    if not url:
        return None
    link = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not link.isValid() or link.scheme().lower() not in LINK_SCHEMES or not link.host():
        log.warning("press: not offering %r as a link", url)
        return None
    return link


class QuoteCard(QFrame):
    """One quote: its words, who said it where and when, its link and "Copy quote"."""

    def __init__(self, quote: Quote, open_links: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote = quote
        self.setObjectName("pressQuote")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 14)
        layout.setSpacing(6)
        self.text_label = plain_label(f"“{quote.text.strip()}”", self)
        self.text_label.setObjectName("pressQuoteText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Sizes set on the label itself: the theme's stylesheet sets every widget's font size,
        # which a font set in code does not override.
        self.text_label.setStyleSheet(
            f"font-size: 14pt; font-style: italic; color: {palette.TEXT};"
        )
        self.attribution_label = plain_label(f"— {quote_attribution(quote)}", self)
        self.attribution_label.setObjectName("pressQuoteSource")
        self.attribution_label.setWordWrap(True)
        self.attribution_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attribution_label.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
        layout.addWidget(self.text_label)
        layout.addWidget(self.attribution_label)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 2, 0, 0)
        self.link = safe_link(quote.url) if open_links else None
        self.link_button: QPushButton | None = None
        if self.link is not None:
            self.link_button = QPushButton(menu_text(_shown_address(self.link)), self)
            self.link_button.setObjectName("pressQuoteLink")
            self.link_button.setFlat(True)
            self.link_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.link_button.setToolTip(kit_tooltip(self.link.toString()))
            self.link_button.setAccessibleName(f"Open the article at {self.link.host()}")
            self.link_button.setStyleSheet(
                f"QPushButton {{ color: {palette.LINK}; text-decoration: underline;"
                " border: 1px solid transparent; background: transparent; padding: 2px 4px; }"
                f" QPushButton:focus {{ border: 1px solid {palette.AMBER}; }}"
            )
            self.link_button.clicked.connect(self._on_link_clicked)
            bar.addWidget(self.link_button)
        elif quote.url and not open_links:
            # Booth mode: the address is still worth reading, just not a way out of the app.
            address = plain_label(quote.url, self)
            address.setObjectName("pressQuoteAddress")
            address.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
            bar.addWidget(address)
        bar.addStretch(1)
        self.copy_button = QPushButton("Copy quote", self)
        self.copy_button.setObjectName("copyQuote")
        self.copy_button.setAccessibleName(f"Copy the quote from {quote.source}")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        set_icon_later(self.copy_button, "mdi6.content-copy")
        bar.addWidget(self.copy_button)
        layout.addLayout(bar)

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(quote_for_copy(self.quote))
        confirm(self, "Quote copied, with its source.")

    @Slot()
    def _on_link_clicked(self) -> None:
        if self.link is not None:
            log.info("press: opening %s", self.link.toString())
            QDesktopServices.openUrl(self.link)


def _shown_address(link: QUrl) -> str:
    """``example.com/reviews/night-orbit``: where the link goes, without the scheme."""
    text = link.host() + link.path().rstrip("/")
    if link.hasQuery():
        text += "?" + link.query()
    return text if len(text) <= 60 else text[:59] + "…"


class PressTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.laurels: list[LaurelWidget] = []
        self.quote_cards: list[QuoteCard] = []
        self.marks: list[QLabel] = []  # unreadable entries, marked where they would be
        layout = self.reading_layout()
        if not has_press(kit):
            layout.addWidget(empty_state("This press kit has no press quotes or awards.", self))
            return
        scroll = QScrollArea(self)
        scroll.setObjectName("pressScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(0, 0, 8, 0)
        self.content_layout.setSpacing(4)
        if kit.awards or kit.skipped_in("awards"):
            self._add_awards()
        if kit.quotes or kit.skipped_in("quotes"):
            self._add_quotes()
        self.content_layout.addStretch(1)
        scroll.setWidget(content)
        layout.addWidget(scroll)

    def reveal(self, hit: Hit) -> bool:
        """Scroll to a ``quotes #N`` or ``awards #N`` hit's card or laurel and outline it; a
        quote's words are selected too."""
        wanted = self.kit.quotes if hit.field.group == "quotes" else self.kit.awards
        item = wanted[(hit.field.number or 1) - 1]
        card = next((c for c in self.quote_cards if c.quote is item), None)
        laurel = next((w for w in self.laurels if w.award is item), None)
        target: QWidget | None = card or laurel
        if target is None:
            return False
        if card is not None:
            card.text_label.setSelection(0, len(card.text_label.text()))
        scroll_to(target)
        mark_widget(target)
        return True

    def _heading(self, text: str) -> None:
        heading = plain_label(text, self)
        heading.setObjectName("pressHeading")
        heading.setStyleSheet(f"font-size: 15pt; font-weight: 600; color: {palette.TEXT_STRONG};")
        heading.setContentsMargins(0, 12, 0, 6)
        self.content_layout.addWidget(heading)

    def _mark(self, entry: SkippedEntry, what: str) -> QLabel:
        name = f" ({entry.label})" if entry.label else ""
        mark = plain_label(f"{what} #{entry.number}{name} could not be read: {entry.problem}", self)
        mark.setObjectName("pressUnreadable")
        mark.setWordWrap(True)
        mark.setStyleSheet(
            f"color: {palette.NOTICE_TEXT}; background: {palette.NOTICE_BACKGROUND};"
            f" border: 1px solid {palette.NOTICE_BORDER}; padding: 6px;"
        )
        self.marks.append(mark)
        return mark

    def _add_awards(self) -> None:
        self._heading("Awards and selections")
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        for place, item in enumerate(_in_kit_order(self.kit.awards, self.kit.skipped_in("awards"))):
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            if isinstance(item, SkippedEntry):
                column.addWidget(self._mark(item, "Award"))
            else:
                laurel = LaurelWidget(item, cell)
                self.laurels.append(laurel)
                column.addWidget(laurel, 0, Qt.AlignmentFlag.AlignHCenter)
                if item.category:
                    category = plain_label(item.category, cell)
                    category.setObjectName("laurelCategory")
                    category.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                    category.setWordWrap(True)
                    category.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
                    column.addWidget(category)
            column.addStretch(1)
            grid.addWidget(cell, place // LAUREL_COLUMNS, place % LAUREL_COLUMNS)
        for index in range(LAUREL_COLUMNS):
            grid.setColumnStretch(index, 1)
        self.content_layout.addLayout(grid)

    def _add_quotes(self) -> None:
        self._heading("Press quotes")
        open_links = not self.settings.locked_down  # booth mode: no browser
        for item in _in_kit_order(self.kit.quotes, self.kit.skipped_in("quotes")):
            if isinstance(item, SkippedEntry):
                self.content_layout.addWidget(self._mark(item, "Quote"))
                continue
            card = QuoteCard(item, open_links, self)
            self.quote_cards.append(card)
            self.content_layout.addWidget(card)


def _in_kit_order(items: tuple[_T, ...], skipped: list[SkippedEntry]) -> list[_T | SkippedEntry]:
    """The readable items with the unreadable ones back at their places in the manifest, so a
    quote the loader had to skip is marked where the publicist wrote it, not silently gone."""
    unread = {entry.number: entry for entry in skipped}
    readable = iter(items)
    ordered: list[_T | SkippedEntry] = []
    for number in range(1, len(items) + len(unread) + 1):
        entry = unread.get(number)
        ordered.append(entry if entry is not None else next(readable))
    return ordered
