"""Find in kit (Ctrl+F): the search panel docked beside the tabs, and going to what it found.

The panel (app/views/search_panel.py) only finds. This module puts it in the main window and
takes each chosen hit to the tab that shows it: :data:`TAB_FOR_GROUP` is the one place that
says which tab shows which part of the kit, and each of those tabs has a ``reveal(hit)`` that
selects and marks the hit in its own widgets.

Made the first time Ctrl+F is pressed, not at start-up: indexing reads every transcript file.
When another kit opens, the panel is made again for it (a new index, built off the UI
thread), the query kept. The index holds every language of the kit, so choosing another
translation changes nothing to search. Not in booth mode: a visitor's screen offers no
search (embargoed captions must not be found there).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from shiboken6 import isValid

from app.model.search import Hit
from app.views.feedback import confirm
from app.views.kit_text import display_text
from app.views.search_panel import SearchPanel
from app.views.tab_host import TabHost

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

log = logging.getLogger(__name__)

#: The tab (its key in app/views/tab_specs.py) that shows each group of hits.
TAB_FOR_GROUP: dict[str, str] = {
    "title": "overview",
    "tagline": "overview",
    "logline": "overview",
    "facts": "overview",
    "specs": "overview",
    "synopsis": "synopsis",
    "credits": "credits",
    "people": "credits",
    "stills": "stills",
    "artwork": "stills",
    "videos": "trailer",
    "quotes": "press",
    "awards": "press",
    "notes": "notes",
    "contacts": "contacts",
}

DOCK_WIDTH = 340  # logical pixels: a result line of ~45 characters, the tabs still in view


def open_search(window: MainWindow) -> SearchDock | None:
    """Show the search panel (made now the first time) with its field focused and selected,
    so typing replaces the last query; None in booth mode."""
    if window.settings.locked_down:
        return None
    dock = window.findChild(SearchDock)
    if dock is None:
        dock = SearchDock(window)
    dock.open()
    return dock


def reveal_hit(window: MainWindow, hit: Hit) -> bool:
    """Show the tab that holds ``hit`` and have it select and mark the hit."""
    key = TAB_FOR_GROUP.get(hit.field.group)
    host = next((host for host in window.hosts if host.spec.key == key), None)
    if host is None:
        log.warning("search: no tab shows %s", hit.field.where)
        return False
    index = window.tab_widget.indexOf(host)
    if not window.tab_widget.isTabVisible(index):
        return False
    window.tab_widget.setCurrentWidget(host)  # shown first: a tab builds its content then
    tab = host.ensure_tab()
    if not tab.isVisible():
        # A tab made just now is shown by its layout on the next turn of the event loop; its
        # content (built when first shown) is needed now.
        tab.show()
    shown = tab.reveal(hit)
    log.info("search: went to %s%s", hit.field.where, "" if shown else " (not found there)")
    return shown


class SearchDock(QDockWidget):
    """The dock holding the kit's search panel; Esc closes it and gives the focus back."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("Find in kit", window)
        self.main_window = window
        self.setObjectName("searchDock")
        self.setAccessibleName("Find in kit")
        # Closable only: a floating or wandering search panel is one more window to lose.
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea)
        self.setMinimumWidth(DOCK_WIDTH * 4 // 5)
        self.panel: SearchPanel | None = None
        self.last_revealed: Hit | None = None
        self._focus_before: QWidget | None = None
        self._stale = False  # another kit opened while the panel was closed
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        window.resizeDocks([self], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        window.kit_changed.connect(self._on_window_kit_changed)
        self._make_panel()

    def _make_panel(self) -> None:
        self._stale = False
        opened = self.main_window.opened
        query = self.panel.query_field.text() if self.panel is not None else ""
        if self.panel is not None:
            self.panel.deleteLater()
            self.panel = None
        if opened is None:
            return
        panel = SearchPanel(opened.result.kit, self)
        panel.query_field.setText(query)
        panel.hit_activated.connect(self._on_panel_hit_activated)
        self.setWidget(panel)
        self.panel = panel

    def open(self) -> None:
        if self._stale:
            self._make_panel()
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._focus_before = focused
        self.show()
        self.raise_()
        if self.panel is not None:
            self.panel.query_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.panel.query_field.selectAll()

    def close_and_return(self) -> None:
        """Close the panel; the focus goes back where it was, or to the tab on screen."""
        self.hide()
        before = self._focus_before
        if before is not None and isValid(before) and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        current = self.main_window.tab_widget.currentWidget()
        if isinstance(current, TabHost) and current.tab is not None:
            target = current.tab.nextInFocusChain()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The field and the results leave Esc to their parent: it closes the panel.
        if event.key() == Qt.Key.Key_Escape:
            self.close_and_return()
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_window_kit_changed(self) -> None:
        # A closed panel indexes the new kit when it opens again: no transcript is read for
        # a search nobody makes.
        if self.isVisible():
            self._make_panel()
        else:
            self._stale = True

    @Slot(object)
    def _on_panel_hit_activated(self, hit: object) -> None:
        assert isinstance(hit, Hit)
        self.last_revealed = hit
        if not reveal_hit(self.main_window, hit):
            # The label may quote a note's heading: shortened, and the toast is plain text.
            confirm(self.main_window, f"{display_text(hit.field.where, 80)} is not shown here.")
