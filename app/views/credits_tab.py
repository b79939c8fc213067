"""Credits: cast (actor — role, in billing order) and crew (job — name), selectable, copyable."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QWidget

from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab, copy_to_clipboard, empty_state, with_credit
from app.views.icons import set_icon_later
from app.views.palette import TEXT_SECONDARY

TABLE = "<table cellpadding='5' cellspacing='0'>"
FIRST = "style='padding-right:40px'"


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
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("readingText")
        self.text_view.setAccessibleName("Cast and crew")
        self.text_view.setHtml(self._html())
        layout.addLayout(bar)
        layout.addWidget(self.text_view, 1)

    def plain_text(self) -> str:
        lines: list[str] = []
        if self.kit.cast:
            lines.append("CAST")
            lines += [f"{m.name} — {m.role}" if m.role else m.name for m in self.kit.cast]
        if self.kit.crew:
            if lines:
                lines.append("")
            lines.append("CREW")
            lines += [f"{m.job} — {m.name}" for m in self.kit.crew]
        return "\n".join(lines)

    def _html(self) -> str:
        # Cast reads "name  role", crew "job  name": the person's name is bold in both.
        cast = [(f"<b>{escape(m.name)}</b>", _secondary(m.role or "")) for m in self.kit.cast]
        crew = [(_secondary(m.job), f"<b>{escape(m.name)}</b>") for m in self.kit.crew]
        return "".join(
            f"<h2>{heading}</h2>{TABLE}"
            + "".join(f"<tr><td {FIRST}>{left}</td><td>{right}</td></tr>" for left, right in rows)
            + "</table>"
            for heading, rows in (("Cast", cast), ("Crew", crew))
            if rows
        )

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(with_credit(self.plain_text(), self.kit.attribution))


def _secondary(text: str) -> str:
    return f"<span style='color:{TEXT_SECONDARY}'>{escape(text)}</span>"
