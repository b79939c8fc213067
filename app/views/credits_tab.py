"""Credits: cast (actor — role, in billing order) and crew (job — names), selectable, copyable."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.model.kit import CrewMember, PressKit
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, empty_state
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser
from app.views.palette import TEXT_SECONDARY

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
    jobs: dict[str, tuple[str, list[str]]] = {}
    for member in crew:
        key = " ".join(member.job.split()).casefold()
        if key not in jobs:
            jobs[key] = (member.job, [])
        names = jobs[key][1]
        if member.name not in names:
            names.append(member.name)
    return list(jobs.values())


def credits_source(kit: PressKit) -> str:
    """Where copied credits come from: the kit itself, named by what its manifest says."""
    film = kit.film
    source = f"Source: {film.title} press kit"
    return f"{source}, {film.distributor}" if film.distributor else source


class CreditsTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        layout = self.reading_layout()
        if not kit.cast and not kit.crew:
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
        # Cast reads "name  role", crew "job  names": the people's names are bold in both.
        cast = [(f"<b>{escape(m.name)}</b>", _secondary(m.role or "")) for m in self.kit.cast]
        crew = [
            (_secondary(job), "<br>".join(f"<b>{escape(name)}</b>" for name in names))
            for job, names in crew_by_job(self.kit.crew)
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


def _secondary(text: str) -> str:
    return f"<span style='color:{TEXT_SECONDARY}'>{escape(text)}</span>"
