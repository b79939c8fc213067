"""The kit's tabs, declared once: order, keys, titles, icons and the module that builds each.

Everything that needs a tab's place reads it from here: the main window (tab order, Ctrl+1…N,
which tab "Watch the trailer" opens), booth mode, the self-test, and the PyInstaller spec, whose
hidden imports are the modules named below (they are imported by name, so the build's analysis
cannot see them). Start-up path, and imported by the spec: it stays free of Qt and cheap to
import (the tab base class is imported only when a tab is loaded).

A tab keeps its position, and so its Ctrl+number, whether or not a kit shows it: a kit
without contacts hides the Contacts tab, and Ctrl+8 still means Contacts in every kit. A
tab's title may depend on the kit (a ``title`` callable), so a kit with several videos can call
its video tab "Videos" without moving any other tab.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from app.model.kit import PressKit
    from app.views.base_tab import KitTab

log = logging.getLogger(__name__)


def _always(kit: PressKit) -> bool:
    return True


def _video_tab_title(kit: PressKit) -> str:
    # "Videos" only when there is a choice to make; one video stays "Trailer" as before.
    return "Videos" if len(kit.videos) > 1 else "Trailer"


def _has_contacts(kit: PressKit) -> bool:
    return bool(kit.contacts)


def has_press(kit: PressKit) -> bool:
    """Quotes or awards to show, or unreadable ones to mark where the manifest has them."""
    return bool(kit.quotes or kit.awards or kit.skipped_in("quotes") or kit.skipped_in("awards"))


class TabSpec(NamedTuple):
    """One tab. (A NamedTuple, not a dataclass: this module is on the start-up path.)"""

    key: str  # a stable name code uses to find the tab ("trailer"), never shown
    title: str | Callable[[PressKit], str]  # a kit-dependent title is a callable
    icon_name: str  # a qtawesome icon name
    module: str
    class_name: str
    shown_for: Callable[[PressKit], bool] = _always

    @property
    def default_title(self) -> str:
        """The title before any kit is open (menus are built before the first kit)."""
        return self.title if isinstance(self.title, str) else self.key.replace("_", " ").title()

    def title_for(self, kit: PressKit) -> str:
        return self.title if isinstance(self.title, str) else self.title(kit)

    def is_shown_for(self, kit: PressKit) -> bool:
        return self.shown_for(kit)

    def load(self) -> type[KitTab]:
        """The tab's class, importing its module now (the first time the tab is needed)."""
        from app.views.base_tab import KitTab

        tab_class = getattr(importlib.import_module(self.module), self.class_name)
        if not (isinstance(tab_class, type) and issubclass(tab_class, KitTab)):
            raise TypeError(f"{self.module}.{self.class_name} is not a KitTab")
        return tab_class


# Fixed order: positions and Ctrl+1…N follow it, hidden tabs included.
TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec(
        "overview", "Overview", "mdi6.movie-open-outline", "app.views.overview_tab", "OverviewTab"
    ),
    TabSpec(
        "synopsis", "Synopsis", "mdi6.text-box-outline", "app.views.synopsis_tab", "SynopsisTab"
    ),
    TabSpec(
        "credits", "Credits", "mdi6.account-group-outline", "app.views.credits_tab", "CreditsTab"
    ),
    TabSpec("stills", "Stills", "mdi6.image-multiple-outline", "app.views.stills_tab", "StillsTab"),
    TabSpec(
        "trailer", _video_tab_title, "mdi6.filmstrip", "app.views.trailer.trailer_tab", "TrailerTab"
    ),
    TabSpec("press", "Press", "mdi6.trophy-outline", "app.views.press_tab", "PressTab", has_press),
    TabSpec(
        "notes", "Press notes", "mdi6.newspaper-variant-outline", "app.views.notes_tab", "NotesTab"
    ),
    TabSpec(
        "contacts",
        "Contacts",
        "mdi6.card-account-mail-outline",
        "app.views.contacts_tab",
        "ContactsTab",
        shown_for=_has_contacts,
    ),
)


def tab_index(key: str) -> int:
    """The tab's position (its Ctrl+number minus one), the same for every kit."""
    for index, spec in enumerate(TAB_SPECS):
        if spec.key == key:
            return index
    raise KeyError(key)


def tab_spec(key: str) -> TabSpec:
    return TAB_SPECS[tab_index(key)]


def tab_modules() -> list[str]:
    """The modules the tabs are imported from by name (the build spec's hidden imports)."""
    return sorted({spec.module for spec in TAB_SPECS})
