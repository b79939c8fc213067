"""Tabs (declared in app.views.tab_specs) are built lazily: a tab's module, and the Qt modules
it needs (Qt Multimedia for the trailer), is imported only when the tab is first shown.
Start-up pays for the overview alone."""

from __future__ import annotations

import logging

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab
from app.views.tab_specs import TabSpec

log = logging.getLogger(__name__)


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
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_tab(self) -> KitTab:
        if self.tab is None:
            self.tab = self.spec.load()(self.kit, self.settings, self)
            self.tab.setAccessibleName(self.spec.title_for(self.kit))
            self._layout.addWidget(self.tab)
            log.debug("built the %s tab", self.spec.key)
        return self.tab

    def showEvent(self, event: QShowEvent) -> None:
        if not self.retired:
            self.ensure_tab()
        super().showEvent(event)
