"""Tabs are declared here and built lazily: a tab's module (and the Qt modules it needs, such
as Qt Multimedia for the trailer) is imported only when the tab is first shown. Start-up pays
for the overview alone."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TabSpec:
    title: str
    icon_name: str
    module: str
    class_name: str

    def load(self) -> type[KitTab]:
        tab_class = getattr(importlib.import_module(self.module), self.class_name)
        assert issubclass(tab_class, KitTab)
        return tab_class


# Fixed order: Ctrl+1 … Ctrl+7 follow it.
TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("Overview", "mdi6.movie-open-outline", "app.views.overview_tab", "OverviewTab"),
    TabSpec("Synopsis", "mdi6.text-box-outline", "app.views.synopsis_tab", "SynopsisTab"),
    TabSpec("Credits", "mdi6.account-group-outline", "app.views.credits_tab", "CreditsTab"),
    TabSpec("Stills", "mdi6.image-multiple-outline", "app.views.stills_tab", "StillsTab"),
    TabSpec("Trailer", "mdi6.filmstrip", "app.views.trailer_tab", "TrailerTab"),
    TabSpec("Press notes", "mdi6.newspaper-variant-outline", "app.views.notes_tab", "NotesTab"),
    TabSpec("Contacts", "mdi6.card-account-mail-outline", "app.views.contacts_tab", "ContactsTab"),
)


class TabHost(QWidget):
    """The page QTabWidget shows; builds its tab the first time it is shown or asked for."""

    def __init__(
        self, spec: TabSpec, kit: PressKit, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.kit = kit
        self.settings = settings
        self.tab: KitTab | None = None
        self.retired = False  # its kit is being closed: showing it must not build the tab
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_tab(self) -> KitTab:
        if self.tab is None:
            self.tab = self.spec.load()(self.kit, self.settings, self)
            self.tab.setAccessibleName(self.spec.title)
            self.layout().addWidget(self.tab)
            log.debug("built the %s tab", self.spec.title)
        return self.tab

    def showEvent(self, event: QShowEvent) -> None:
        if not self.retired:
            self.ensure_tab()
        super().showEvent(event)
