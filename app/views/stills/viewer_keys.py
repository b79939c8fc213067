"""Keys of the still viewer and the compare view: moving between stills wherever the focus is,
and picking with Ctrl (Ctrl+P, Ctrl+X, Ctrl+U, Ctrl+0…5), with the still's mark shown."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from app.model.kit import Still
from app.model.picks import Change
from app.views.stills.canvas import ZoomableImageView
from app.views.stills.grid_picks import PicksController, mark_text

log = logging.getLogger(__name__)

# Keys that move between stills. They are shortcuts of the whole viewer rather than cases of
# its keyPressEvent: a child with focus (the canvas scrolls with arrows and Page keys, the
# interval box edits with Home/End/arrows) would otherwise take them first, and the README
# promises them wherever the focus is.
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)
NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_PageDown)
FIRST_KEYS = (Qt.Key.Key_Home,)
LAST_KEYS = (Qt.Key.Key_End,)
NAVIGATION_KEYS = frozenset((*PREVIOUS_KEYS, *NEXT_KEYS, *FIRST_KEYS, *LAST_KEYS))

# Ctrl with the grid's keys: plain 0 and 1 are the viewers' zoom keys (fit, 100 %).
PICK_SHORTCUTS: tuple[tuple[str, Change], ...] = (
    ("Ctrl+P", Change(flag="picked")),
    ("Ctrl+X", Change(flag="rejected")),
    ("Ctrl+U", Change(flag="none")),
    *((f"Ctrl+{n}", Change(stars=n)) for n in range(6)),
)


def zoom_key(event: QKeyEvent, canvas: ZoomableImageView) -> bool:
    """+ (or =) and - zoom, 0 fits, 1 shows 100 %: True when ``event`` was one of them, done
    on ``canvas``. Shift is allowed (+ is Shift+= on many keyboards); Ctrl, Alt and Meta are
    not: Ctrl+0 and Ctrl+1 give stars."""
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if event.modifiers() & (held | Qt.KeyboardModifier.MetaModifier):
        return False
    key = event.key()
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        canvas.zoom_by(1.25)
    elif key == Qt.Key.Key_Minus:
        canvas.zoom_by(0.8)
    elif key == Qt.Key.Key_0:
        canvas.fit()
    elif key == Qt.Key.Key_1:
        canvas.actual_size()
    else:
        return False
    return True


def install_navigation_keys(
    host: QWidget, slots: Sequence[tuple[tuple[Qt.Key, ...], Callable[[], None]]]
) -> None:
    """Each key of each group calls its slot wherever the focus is inside ``host``."""
    for keys, slot in slots:
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setAutoRepeat(True)  # holding → pages through the stills
            shortcut.activated.connect(slot)


def is_navigation_override(event: QEvent) -> bool:
    """A child claiming a navigation key (the interval box's line edit claims arrows and
    Home/End for its cursor) would win over the shortcut: the host filters this out."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() in NAVIGATION_KEYS
        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    )


class PickKeys(QObject):
    """Ctrl+P, Ctrl+X, Ctrl+U, Ctrl+0…5 on ``current()`` (the still shown, or the compare
    view's chosen pane), and a label that shows its mark."""

    def __init__(
        self, host: QWidget, picks: PicksController, current: Callable[[], Still | None]
    ) -> None:
        super().__init__(host)
        self.picks = picks
        self.current = current
        self.label = QLabel(host)
        self.label.setObjectName("pickState")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Pick and stars")
        self.label.setToolTip("Ctrl+P pick, Ctrl+X reject, Ctrl+U unflag, Ctrl+0 to Ctrl+5 stars")
        for sequence, change in PICK_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(sequence), host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda change=change: self.apply(change))
        picks.changed.connect(self._on_picks_changed)
        self.refresh()

    def apply(self, change: Change) -> None:
        still = self.current()
        if still is not None:
            self.picks.apply(change, [still])

    @Slot(list)
    def _on_picks_changed(self, stills: list[Still]) -> None:
        self.refresh()

    def refresh(self) -> None:
        still = self.current()
        if still is not None:
            self.label.setText(mark_text(self.picks.mark(still)))
