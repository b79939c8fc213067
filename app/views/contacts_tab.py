"""Contacts: the kit's press contacts, grouped by territory (the tab is hidden when a kit has
none), each with a "Save contact" link that writes it as a vCard (not in booth mode)."""

from __future__ import annotations

import logging
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.model.kit import Contact, PressKit, SkippedEntry
from app.model.markdown_refs import is_external_link
from app.model.text_limits import shorten_for_display
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.contact_export import save_contact
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text
from app.views.search_highlight import reveal_in_text, select_block
from app.views.skipped_rows import in_place, not_shown_html, skipped_label

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

# Contacts without a territory serve every territory (the sales office, the international
# publicist): they come first, under this heading, then each territory as the kit names it.
GENERAL_HEADING = "General"
# "Save contact" links name the contact's index in the kit, never kit text.
SAVE_SCHEME = "save-contact"
HEADING = "<h2 style='margin-top:14px'>{}</h2>"
LINE_SEPARATOR = "\u2028"  # what Qt's HTML import makes of a paragraph's <br>

ContactOrSkipped = Contact | SkippedEntry


def by_territory(
    items: list[ContactOrSkipped],
) -> list[tuple[str | None, list[ContactOrSkipped]]]:
    """``(territory, entries)``: those without a territory first (territory None), then each
    territory in the order it first appears. Territories match ignoring case and spacing; the
    first spelling is shown. An entry the loader could not read stays with the general ones:
    its territory is not known."""
    general: list[ContactOrSkipped] = []
    groups: dict[str, tuple[str, list[ContactOrSkipped]]] = {}
    for item in items:
        territory = item.territory if isinstance(item, Contact) else None
        key = " ".join(territory.split()).casefold() if territory else ""
        if not key:
            general.append(item)
            continue
        groups.setdefault(key, (" ".join((territory or "").split()), []))[1].append(item)
    result: list[tuple[str | None, list[ContactOrSkipped]]] = []
    if general:
        result.append((None, general))
    result += [(name, entries) for name, entries in groups.values()]
    return result


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
        # Booth mode: no browser, no mail program and no file dialog; the links are not even
        # written, and a click on one that is there anyway opens nothing.
        self.can_save = not settings.locked_down
        self.text_view.anchorClicked.connect(self._on_anchor_clicked)
        self.saved: list[object] = []  # what each Save contact returned, for tests
        groups = by_territory(in_place(kit.contacts, kit.skipped_in("contacts")))
        # A kit whose contacts name no territory reads as before: no lone "General" heading.
        headed = any(territory is not None for territory, _ in groups)
        blocks = []
        for territory, entries in groups:
            if headed:
                blocks.append(HEADING.format(html_text(territory or GENERAL_HEADING)))
            blocks += [self._block(entry) for entry in entries]
        self.text_view.setHtml("".join(blocks))
        layout.addWidget(self.text_view)

    def _block(self, contact: ContactOrSkipped) -> str:
        # A contact the loader could not read keeps its place: its name (or #n), the reason.
        if isinstance(contact, SkippedEntry):
            label, warning = escape(skipped_label(contact)), not_shown_html(contact)
            return f"<p><b>{label}</b><br>{warning}</p>"
        lines = [f"<b>{html_text(contact.name)}</b>"]
        if contact.role:
            lines.append(html_text(contact.role))
        if contact.email:
            lines.append(f"<a href='mailto:{escape(contact.email)}'>{html_text(contact.email)}</a>")
        if contact.phone:
            lines.append(html_text(contact.phone))
        if contact.url and is_external_link(contact.url):
            lines.append(f"<a href='{escape(contact.url)}'>{html_text(contact.url)}</a>")
        if self.can_save:
            index = self.kit.contacts.index(contact)
            lines.append(f"<a href='{SAVE_SCHEME}:{index}'>⤓ Save contact</a>")
        return "<p>" + "<br>".join(lines) + "</p>"

    def reveal(self, hit: Hit) -> bool:
        """Select a ``contacts #N`` hit's match in that contact's paragraph (found by its name
        line, counted among contacts of the same name), or the whole paragraph."""
        contact = self.kit.contacts[(hit.field.number or 1) - 1]
        same = [c for c in self.kit.contacts if c.name == contact.name]
        shown = [c for _, entries in by_territory(list(same)) for c in entries]
        wanted = " ".join(shorten_for_display(contact.name).split())
        block, seen = self.text_view.document().begin(), 0
        while block.isValid():
            if block.text().split(LINE_SEPARATOR)[0] == wanted:
                if shown[seen] is contact:
                    start, end = block.position(), block.position() + block.length()
                    if not reveal_in_text(self.text_view, hit, 0, start, end):
                        select_block(self.text_view, start)
                    return True
                seen = min(seen + 1, len(shown) - 1)
            block = block.next()
        return False

    def save(self, index: int) -> None:
        """Save the kit's ``index``-th contact as a vCard (asks where)."""
        if not self.can_save:
            log.warning("contacts: no saving in booth mode")
            return
        self.saved.append(save_contact(self, self.kit, self.kit.contacts[index], self.settings))

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == SAVE_SCHEME:
            path = url.path()
            if path.isdigit() and int(path) < len(self.kit.contacts):
                self.save(int(path))
            return
        if self.settings.locked_down:
            log.info("contacts: booth mode, not opening %s", url.toString())
            return
        _open_external(url)


def _open_external(url: QUrl) -> None:
    # Only the addresses this tab wrote itself are links; anything else is never handed on.
    if url.scheme() in ("http", "https", "mailto"):
        QDesktopServices.openUrl(url)
    else:
        log.warning("contacts: not opening %s", url.toString())
