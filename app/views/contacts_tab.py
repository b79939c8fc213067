"""Contacts: the kit's press contacts (the tab is hidden when a kit has none)."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.model.kit import PressKit, SkippedEntry
from app.model.markdown_refs import is_external_link
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text
from app.views.skipped_rows import in_place, not_shown_html, skipped_label

log = logging.getLogger(__name__)


class ContactsTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        layout = self.reading_layout()
        if not kit.contacts and not kit.skipped_in("contacts"):
            layout.addWidget(empty_state("This press kit lists no contacts.", self))
            return
        self.text_view = KitTextBrowser(parent=self)
        self.text_view.setObjectName("readingText")
        self.text_view.setAccessibleName("Press contacts")
        if not settings.locked_down:  # booth mode: no browser or mail program
            self.text_view.anchorClicked.connect(_open_external)
        blocks = []
        # A contact the loader could not read keeps its place: its name (or #n), the reason.
        for contact in in_place(kit.contacts, kit.skipped_in("contacts")):
            if isinstance(contact, SkippedEntry):
                label, warning = escape(skipped_label(contact)), not_shown_html(contact)
                blocks.append(f"<p><b>{label}</b><br>{warning}</p>")
                continue
            lines = [f"<b>{html_text(contact.name)}</b>"]
            if contact.role:
                lines.append(html_text(contact.role))
            if contact.email:
                lines.append(
                    f"<a href='mailto:{escape(contact.email)}'>{html_text(contact.email)}</a>"
                )
            if contact.phone:
                lines.append(html_text(contact.phone))
            if contact.url and is_external_link(contact.url):
                lines.append(f"<a href='{escape(contact.url)}'>{html_text(contact.url)}</a>")
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
        self.text_view.setHtml("".join(blocks))
        layout.addWidget(self.text_view)


def _open_external(url: QUrl) -> None:
    # Only the addresses this tab wrote itself are links; anything else is never handed on.
    if url.scheme() in ("http", "https", "mailto"):
        QDesktopServices.openUrl(url)
    else:
        log.warning("contacts: not opening %s", url.toString())
