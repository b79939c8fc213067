"""Credits: cast (actor — role, in billing order) and crew (job — names), selectable, copyable."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.model.kit import CrewMember, PressKit, SkippedEntry
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, empty_state
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text, menu_text
from app.views.palette import TEXT_SECONDARY
from app.views.person_card import PersonCard, show_person_card
from app.views.search_highlight import reveal_in_text, select_block
from app.views.skipped_rows import in_place, not_shown_html, skipped_label

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

# Cast and crew share one table, its headings as full-width rows: two tables each size their
# own first column, and "Director" then starts at another x than "Ariana DeBose".
TABLE = "<table cellpadding='5' cellspacing='0'>"
FIRST = "style='padding-right:40px'"
HEADING = "<tr><td colspan='2' style='padding-top:14px'><h2>{}</h2></td></tr>"
# A name the kit's ``people`` section describes is a link to its card. The link names an index
# into the tab's own list, never the name itself: kit text never becomes an address.
PERSON_SCHEME = "person"
# Qt's HTML import joins the names of a cell's <br> lines with this separator.
LINE_SEPARATOR = "\u2028"


class CreditRow:
    """What one row of the credits table offers its context menu: the names in it (in the
    order shown), and the line "Copy credit" puts on the clipboard."""

    def __init__(self, names: list[str], line: str, names_column: int) -> None:
        self.names = names
        self.line = line
        self.names_column = names_column  # cast rows: name then role; crew: job then names


def credit_line(name: str, role: str | None) -> str:
    """A cast member's credit as a journalist writes it: "Ariana DeBose as Dr. Kira Foster"."""
    return f"{name} as {role}" if role else name


def crew_line(job: str, names: list[str]) -> str:
    """A crew row's credit: "Director: Ingrid Example", as the copied credits list reads."""
    return f"{job}: {', '.join(names)}"


def crew_by_job(crew: tuple[CrewMember, ...]) -> list[tuple[str, list[str]]]:
    """``(job, names)`` in the order jobs first appear: a job two people share is one row.

    Jobs are matched ignoring case and surrounding spaces; the first spelling is kept.
    """
    return [row for row in _grouped(crew) if not isinstance(row, SkippedEntry)]


def crew_rows(kit: PressKit) -> list[tuple[str, list[str]] | SkippedEntry]:
    """The crew as shown: :func:`crew_by_job`'s rows, and each crew entry the loader could
    not read after the rows of the entries before it."""
    return _grouped(in_place(kit.crew, kit.skipped_in("credits.crew")))


def _grouped(
    items: Iterable[CrewMember | SkippedEntry],
) -> list[tuple[str, list[str]] | SkippedEntry]:
    rows: list[tuple[str, list[str]] | SkippedEntry] = []
    jobs: dict[str, tuple[str, list[str]]] = {}
    for item in items:
        if isinstance(item, SkippedEntry):
            rows.append(item)
            continue
        key = " ".join(item.job.split()).casefold()
        if key not in jobs:
            jobs[key] = (item.job, [])
            rows.append(jobs[key])
        if item.name not in jobs[key][1]:
            jobs[key][1].append(item.name)
    return rows


def credits_source(kit: PressKit) -> str:
    """Where copied credits come from: the kit itself, named by what its manifest says."""
    film = kit.film
    source = f"Source: {film.title} press kit"
    return f"{source}, {film.distributor}" if film.distributor else source


class CreditsTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        layout = self.reading_layout()
        unread = kit.skipped_in("credits.cast") + kit.skipped_in("credits.crew")
        if not kit.cast and not kit.crew and not unread:
            layout.addWidget(empty_state("This press kit lists no cast or crew.", self))
            return
        self.copy_button = QPushButton("Copy credits", self)
        self.copy_button.setAccessibleName("Copy the cast and crew list")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        set_icon_later(self.copy_button, "mdi6.content-copy")
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        self.text_view = KitTextBrowser(parent=self)
        self.text_view.setObjectName("readingText")
        self.text_view.setAccessibleName("Cast and crew")
        # Names with details: Tab reaches them and Enter opens the card, as a click does.
        self.person_names: list[str] = []
        self.table_rows: list[CreditRow | None] = []  # per table row; None: a heading, a skip
        self.last_card: PersonCard | None = None
        self.text_view.setHtml(self._html())
        self.text_view.anchorClicked.connect(self._on_anchor_clicked)
        self.text_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text_view.customContextMenuRequested.connect(self._on_context_menu)
        layout.addLayout(bar)
        layout.addWidget(self.text_view, 1)

    def plain_text(self) -> str:
        """The credits as copied: cast, crew, then a source line of their own (the synopsis'
        attribution credits the synopsis' writer, not the credits list)."""
        lines: list[str] = []
        if self.kit.cast:
            lines.append("CAST")
            lines += [f"{m.name} — {m.role}" if m.role else m.name for m in self.kit.cast]
        if self.kit.crew:
            if lines:
                lines.append("")
            lines.append("CREW")
            lines += [f"{job} — {', '.join(names)}" for job, names in crew_by_job(self.kit.crew)]
        lines += ["", credits_source(self.kit)]
        return "\n".join(lines)

    def _html(self) -> str:
        # Cast reads "name  role", crew "job  names": the people's names are bold in both. An
        # entry the loader could not read keeps its place: its label (or #n), then the reason.
        cast: list[tuple[str, str, CreditRow | None]] = []
        for m in in_place(self.kit.cast, self.kit.skipped_in("credits.cast")):
            if isinstance(m, SkippedEntry):
                cast.append((*_skipped_row(m), None))
                continue
            row = CreditRow([m.name], credit_line(m.name, m.role), 0)
            cast.append((self._name_html(m.name), _secondary(m.role), row))
        crew: list[tuple[str, str, CreditRow | None]] = []
        for entry in crew_rows(self.kit):
            if isinstance(entry, SkippedEntry):
                crew.append((*_skipped_row(entry), None))
                continue
            job, names = entry
            names_html = "<br>".join(self._name_html(name) for name in names)
            crew.append((_secondary(job), names_html, CreditRow(names, crew_line(job, names), 1)))
        html = []
        self.table_rows = []
        for heading, part in (("Cast", cast), ("Crew", crew)):
            if not part:
                continue
            html.append(HEADING.format(heading))
            self.table_rows.append(None)
            for left, right, credit in part:
                html.append(f"<tr><td {FIRST}>{left}</td><td>{right}</td></tr>")
                self.table_rows.append(credit)
        return f"{TABLE}{''.join(html)}</table>"

    def _name_html(self, name: str) -> str:
        """The name in bold; a link to its card when the kit's ``people`` describe it."""
        if self.kit.person(name) is None:
            return _bold(name)
        self.person_names.append(name)
        href = f"{PERSON_SCHEME}:{len(self.person_names) - 1}"
        return f"<a href='{href}' title='About this person'>{_bold(name)}</a>"

    def open_person(self, name: str) -> PersonCard | None:
        """Open the card for ``name``; None when the kit has no details for it."""
        self.last_card = show_person_card(self, self.kit, name, self.settings)
        return self.last_card

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        # The browser keeps no history of its own here: a click must not navigate it.
        if url.scheme() != PERSON_SCHEME or not url.path().isdigit():
            log.warning("credits: not opening %s", url.toString())
            return
        index = int(url.path())
        if index < len(self.person_names):
            self.open_person(self.person_names[index])

    def row_at(self, position: QPoint) -> tuple[CreditRow, str | None] | None:
        """The credit row under ``position`` (viewport coordinates) and the name under it
        (None over the role or job); None over a heading, a skipped entry or outside."""
        cursor = self.text_view.cursorForPosition(position)
        table = cursor.currentTable()
        if table is None:
            return None
        cell = table.cellAt(cursor)
        if not cell.isValid() or cell.row() >= len(self.table_rows):
            return None
        row = self.table_rows[cell.row()]
        if row is None:
            return None
        if cell.column() != row.names_column:
            return row, None
        return row, _name_in_cell(cursor, row.names)

    @Slot(QPoint)
    def _on_context_menu(self, position: QPoint) -> None:
        menu = self.text_view.createStandardContextMenu(position)
        found = self.row_at(position)
        if found is not None:
            row, name = found
            first = menu.actions()[0] if menu.actions() else None
            actions = []
            if name is not None:
                copy_name = menu.addAction(f"Copy name “{menu_text(name)}”")
                copy_name.triggered.connect(lambda: self.copy_name(name))
                actions.append(copy_name)
                if self.kit.person(name) is not None:
                    about = menu.addAction(f"About {menu_text(name)}…")
                    about.triggered.connect(lambda: self.open_person(name))
                    actions.append(about)
            copy_line = menu.addAction("Copy credit line")
            copy_line.triggered.connect(lambda: self.copy_credit(row.line))
            actions.append(copy_line)
            if first is not None:
                for action in actions:  # the row's own actions first, then select / copy
                    menu.removeAction(action)
                menu.insertActions(first, actions)
                menu.insertSeparator(first)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.text_view.viewport().mapToGlobal(position))

    def copy_name(self, name: str) -> None:
        copy_to_clipboard(name)  # exactly as written: diacritics and spacing kept
        confirm(self, f"Copied the name {name}.")

    def copy_credit(self, line: str) -> None:
        copy_to_clipboard(line)
        confirm(self, f"Copied “{line}”.")

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(self.plain_text())
        confirm(self, "Credits copied, with their source line.")

    def reveal(self, hit: Hit) -> bool:
        """Select a ``credits`` or ``people`` hit's row, the match in it; a person's hit in
        their pronunciation, biography or photo credit (or for someone the credits do not
        list) opens their card too."""
        field, number = hit.field, (hit.field.number or 1) - 1
        rows = list(enumerate(getattr(self, "table_rows", [])))  # none: only people
        if field.group == "people":
            person = self.kit.people[number]
            wanted = [i for i, row in rows if row and person.name in row.names]
            shown = bool(wanted) and self._select_row(wanted[0], hit)
            if shown and hit.start < len(person.name):
                return True  # the name, selected in the credits: the card would hide it
            card = self.open_person(person.name)
            if card is not None and card.bio is not None and person.bio:
                reveal_in_text(card.bio, hit, field.text.find(person.bio))
            return shown or card is not None
        if field.part == "cast":
            line = credit_line(self.kit.cast[number].name, self.kit.cast[number].role)
            wanted = [i for i, row in rows if row and not row.names_column and row.line == line]
        else:
            member = self.kit.crew[number]
            job = " ".join(member.job.split()).casefold() + ":"
            wanted = [
                i
                for i, row in rows
                if row and member.name in row.names and row.line.casefold().startswith(job)
            ]
        return bool(wanted) and self._select_row(wanted[0], hit)

    def _select_row(self, row: int, hit: Hit) -> bool:
        frames = self.text_view.document().rootFrame().childFrames()
        table = next((frame for frame in frames if isinstance(frame, QTextTable)), None)
        if table is None or row >= table.rows():
            return False
        start = table.cellAt(row, 0).firstCursorPosition().position()
        end = table.cellAt(row, table.columns() - 1).lastCursorPosition().position()
        if not reveal_in_text(self.text_view, hit, 0, start, end):
            select_block(self.text_view, start)  # the row at least
        return True


def _name_in_cell(cursor: QTextCursor, names: list[str]) -> str | None:
    """The name under ``cursor`` in a cell listing ``names`` one per line."""
    block = cursor.block()
    offset = cursor.position() - block.position()
    # The cell shows each name on a line of its own, in order: the line is the name's index
    # (its text may be shortened for display, so it is never matched by spelling).
    line = block.text()[:offset].count(LINE_SEPARATOR)
    return names[line] if line < len(names) else None


def _bold(text: str) -> str:
    return f"<b>{html_text(text)}</b>"


def _secondary(text: str | None) -> str:
    return f"<span style='color:{TEXT_SECONDARY}'>{html_text(text or '')}</span>"


def _skipped_row(entry: SkippedEntry) -> tuple[str, str]:
    return escape(skipped_label(entry)), not_shown_html(entry)
