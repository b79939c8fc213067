"""Credits: cast (actor — role, in billing order) and crew (job — names), selectable, copyable."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.model.kit import CrewMember, PressKit, SkippedEntry
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, empty_state
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser
from app.views.kit_text import html_text
from app.views.palette import TEXT_SECONDARY
from app.views.skipped_rows import in_place, not_shown_html, skipped_label

log = logging.getLogger(__name__)

# Cast and crew share one table, its headings as full-width rows: two tables each size their
# own first column, and "Director" then starts at another x than "Ariana DeBose".
TABLE = "<table cellpadding='5' cellspacing='0'>"
FIRST = "style='padding-right:40px'"
HEADING = "<tr><td colspan='2' style='padding-top:14px'><h2>{}</h2></td></tr>"


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
        self.text_view.setHtml(self._html())
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
        cast = [
            _skipped_row(m) if isinstance(m, SkippedEntry) else (_bold(m.name), _secondary(m.role))
            for m in in_place(self.kit.cast, self.kit.skipped_in("credits.cast"))
        ]
        crew = [
            _skipped_row(row)
            if isinstance(row, SkippedEntry)
            else (_secondary(row[0]), "<br>".join(_bold(name) for name in row[1]))
            for row in crew_rows(self.kit)
        ]
        rows = "".join(
            HEADING.format(heading)
            + "".join(f"<tr><td {FIRST}>{left}</td><td>{right}</td></tr>" for left, right in part)
            for heading, part in (("Cast", cast), ("Crew", crew))
            if part
        )
        return f"{TABLE}{rows}</table>"

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(self.plain_text())
        confirm(self, "Credits copied, with their source line.")


def _bold(text: str) -> str:
    return f"<b>{html_text(text)}</b>"


def _secondary(text: str | None) -> str:
    return f"<span style='color:{TEXT_SECONDARY}'>{html_text(text or '')}</span>"


def _skipped_row(entry: SkippedEntry) -> tuple[str, str]:
    return escape(skipped_label(entry)), not_shown_html(entry)
