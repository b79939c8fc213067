"""Picks in the views: the one :class:`PicksController` a stills tab shares with its still
viewer and compare view, the keys photo editors use, and the grid's filter choices.

Keys: in the grid P (pick), X (reject), U (unflag), 0–5 (stars); in the still viewer and the
compare view the same with Ctrl, because there plain 0 and 1 are the zoom keys (fit, 100 %).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from app.model.kit import Still
from app.model.picks import Change, Flag, Mark, PicksFilter, PicksStore

log = logging.getLogger(__name__)

_FLAG_KEYS: dict[int, Flag] = {
    Qt.Key.Key_P.value: "picked",
    Qt.Key.Key_X.value: "rejected",
    Qt.Key.Key_U.value: "none",
}
_STAR_KEYS: dict[int, int] = {Qt.Key.Key_0.value + n: n for n in range(6)}

# The grid's filter, in the order the control lists it.
FILTERS: tuple[tuple[str, PicksFilter], ...] = (
    ("All stills", PicksFilter("all")),
    ("Picks", PicksFilter("picks")),
    *((f"Rated {'★' * n} or more", PicksFilter("rated", n)) for n in range(1, 6)),
    ("Not rejected", PicksFilter("not-rejected")),
)


def change_for_key(event: QKeyEvent, with_ctrl: bool) -> Change | None:
    """The change a key press asks for: P, X, U, 0–5, held with Ctrl when ``with_ctrl`` and
    with nothing else (Shift+P is not P: it may be someone's shortcut)."""
    wanted = Qt.KeyboardModifier.ControlModifier if with_ctrl else Qt.KeyboardModifier.NoModifier
    # The keypad's digits count as digits.
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != wanted:
        return None
    key = int(event.key())
    if key in _FLAG_KEYS:
        return Change(flag=_FLAG_KEYS[key])
    if key in _STAR_KEYS:
        return Change(stars=_STAR_KEYS[key])
    return None


def mark_text(mark: Mark) -> str:
    """A mark as the viewers show it: ``⚑ Picked  ·  ★★★☆☆``, ``Not picked  ·  No stars``."""
    flag = {"picked": "⚑ Picked", "rejected": "✕ Rejected", "none": "Not picked"}[mark.flag]
    stars = "★" * mark.stars + "☆" * (5 - mark.stars) if mark.stars else "No stars"
    return f"{flag}  ·  {stars}"


class PicksController(QObject):
    """The kit's :class:`PicksStore` for the views: changes go through here, and every view
    showing a still repaints on ``changed``."""

    changed = Signal(list)  # the stills whose mark changed
    not_saved = Signal(str)  # why the change could not be written (it still shows)

    def __init__(self, store: PicksStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def mark(self, still: Still) -> Mark:
        return self.store.mark(still)

    def apply(self, change: Change, stills: Iterable[Still]) -> list[Still]:
        stills = list(stills)
        try:
            changed = self.store.apply(change, stills)
        except OSError as error:
            log.error("picks: cannot write %s: %s", self.store.path, error)
            changed = stills
            self.not_saved.emit(f"Picks could not be saved: {error.strerror or error}")
        if changed:
            self.changed.emit(changed)
        return changed


def filter_box(parent: QWidget) -> QComboBox:
    """The stills tab's "Show:" control; item ``i`` is ``FILTERS[i]`` (a filter is looked up by
    index, not kept as item data, which Qt would turn from a tuple into a list)."""
    box = QComboBox(parent)
    box.setObjectName("picksFilter")
    box.setAccessibleName("Show stills")
    box.setToolTip("Show all stills, the picks, those rated with stars, or all but the rejects")
    for label, _ in FILTERS:
        box.addItem(label)
    return box
