"""Kit text on screen: always shown as the characters the manifest holds, never as markup.

A publicist's title can be ``<img src="/dev/zero">`` or ``<b>NO</b>``. Qt guesses rich text
for a QLabel, a QMessageBox, a progress dialog and every tooltip that looks like HTML, and rich
text loads images from any path it names (reading ``/dev/zero`` until the process aborts).
So every widget that shows kit text gets it through one of these helpers:

- :func:`plain_label` / :func:`make_plain` — a QLabel whose text format is plain text;
- :func:`kit_tooltip` — tooltips cannot be made plain (Qt's tooltip label always guesses), so
  the text is escaped inside ``<qt>…</qt>``, which Qt always takes as rich text;
- :func:`window_title_text` — Qt removes a ``[*]`` from window titles (the "modified" mark);
- :func:`menu_text` — ``&`` marks a menu shortcut and a tab starts the shortcut column;
- :func:`plain_message_box` — its text and informative text plain; details are plain already;
- :class:`KitLabel` / :func:`display_text` — a one-line field (a title, a name) shortened past
  the model's display limit, and given break opportunities inside long words.

Long words: QLabel and ``QPainter.drawText`` wrap only between words, so a 300-character token
(a URL, a hostile one-word title) pushes its column sideways instead of wrapping. A zero-width
space (U+200B) goes between the characters of such a run (``LONG_RUN``), on screen only:
:class:`KitLabel` copies (Ctrl+C, its menu, the X11 selection) without them. Rich text
(``QTextDocument``) wraps anywhere by itself and needs no help. Shortening comes first, so the
cost of painting a field is bounded whatever the kit holds.

Start-up path: the overview's labels use it before the first paint, so it names no ``Qt``
enum there (plain numbers set as properties, see ``qt_values.py``) and imports the message
box and its icons only inside the functions that make one.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from app.model.text_limits import MAX_LINE_FIELD_CHARS, MAX_TITLE_CHARS, shorten_for_display
from app.views.qt_values import TEXT_FORMAT_PLAIN, TEXT_SELECTABLE_BY_MOUSE, set_enum_property

if TYPE_CHECKING:  # its enums cost start-up time; only dialogs after the first paint use it
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QContextMenuEvent, QEnterEvent, QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

# Qt's own object name for the informative text's label (qmessagebox.cpp): the box offers no
# setter for that label's format, so it is found by name.
_INFORMATIVE_LABEL = "qt_msgbox_informativelabel"

# A run longer than this without a space is not a word of real text (a URL, a hostile one-word
# title): it gets a break opportunity between each two characters, so it wraps at whatever
# width the column has, whatever the font size (40 characters of the 40 pt title are wider
# than the whole text column). Words of real text are shorter and wrap as words.
LONG_RUN = 40
ZERO_WIDTH_SPACE = "\u200b"
_LONG_RUN = re.compile(rf"[^\s{ZERO_WIDTH_SPACE}]{{{LONG_RUN + 1},}}")


def _with_breaks(run: str) -> str:
    import unicodedata  # only a run past LONG_RUN gets here: not on the start-up path

    pieces: list[str] = []
    for char in run:
        # Never between a letter and its combining accent: the accent would stand alone.
        if pieces and unicodedata.combining(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return ZERO_WIDTH_SPACE.join(pieces)


def breakable(text: str) -> str:
    """``text`` with a zero-width space between the characters of any run longer than
    ``LONG_RUN`` without a space, so Qt can wrap it. For display only: never copied."""
    if len(text) <= LONG_RUN:
        return text
    return _LONG_RUN.sub(lambda match: _with_breaks(match.group(0)), text)


def display_text(text: str, limit: int = MAX_LINE_FIELD_CHARS) -> str:
    """A one-line kit field as shown: cut to ``limit`` characters, long words breakable."""
    return breakable(shorten_for_display(text, limit))


def html_text(text: str, limit: int = MAX_LINE_FIELD_CHARS) -> str:
    """A one-line kit field inside rich text: cut to ``limit`` characters and escaped (rich
    text wraps long words by itself)."""
    import html  # with html.entities, 2 ms of start-up: imported by the first rich text

    return html.escape(shorten_for_display(text, limit), quote=True)


def copied_text(shown: str) -> str:
    """Text selected in a :class:`KitLabel` as it goes to the clipboard: no display breaks."""
    return shown.replace(ZERO_WIDTH_SPACE, "")


_MAX_REMEMBERED_HEIGHTS = 32  # widths a label is asked about between two changes


class KitLabel(QLabel):
    """A plain-text label for one kit field, shown by :func:`display_text`; what is copied
    from it carries none of the break opportunities added for display."""

    def __init__(
        self, text: str = "", limit: int = MAX_LINE_FIELD_CHARS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        make_plain(self)
        self.kit_text = ""
        self._heights: dict[tuple[int, str, bool, int, int], int] = {}
        self._selectable_when_pointed_at = False
        if text:
            self.set_kit_text(text, limit)

    def select_by_mouse_on_demand(self) -> None:
        """Let the mouse select this label's text, from the moment the pointer first comes
        over it (or :meth:`make_selectable` is called).

        A selectable label lays its text out through a text document of its own: made for
        every label of the overview before its first paint, that was ~2 ms of start-up
        (interleaved timings), for something only a pointer can use. The pointer enters a
        label before any press on it, so the person selects as from the start; the label's
        size and pixels are the same either way (checked by a test).
        """
        self._selectable_when_pointed_at = True

    def make_selectable(self) -> None:
        """Selectable by mouse now, if :meth:`select_by_mouse_on_demand` asked for it."""
        if self._selectable_when_pointed_at:
            self._selectable_when_pointed_at = False
            set_enum_property(self, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.make_selectable()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.make_selectable()  # a press with no enter before it (shown under the pointer)
        super().mousePressEvent(event)

    def heightForWidth(self, width: int) -> int:
        # Layouts ask a wrapped label its height for the same few widths again and again as a
        # window is first laid out (~40 times a label for the overview), and a selectable
        # label lays its whole text out twice for each answer: remembered per width, for the
        # text and settings it depends on; a font, style or margin change forgets them.
        key = (width, self.text(), self.wordWrap(), self.indent(), self.margin())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _MAX_REMEMBERED_HEIGHTS:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()
        super().changeEvent(event)

    def set_kit_text(self, text: str, limit: int = MAX_LINE_FIELD_CHARS) -> None:
        self.kit_text = text
        self.setText(display_text(text, limit))

    def selected_kit_text(self) -> str:
        return copied_text(self.selectedText())

    def _copy_selection(self) -> None:
        from PySide6.QtGui import QGuiApplication

        if self.hasSelectedText():
            QGuiApplication.clipboard().setText(self.selected_kit_text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtGui import QKeySequence

        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self._copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        from PySide6.QtGui import QClipboard, QGuiApplication

        # X11's primary selection (middle-click paste) is set by Qt from the shown text.
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and self.hasSelectedText():
            clipboard.setText(self.selected_kit_text(), QClipboard.Mode.Selection)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMenu

        self.make_selectable()
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            super().contextMenuEvent(event)  # nothing to copy: Qt's own handling
            return
        # Qt's own menu would copy the shown text, display breaks and all.
        menu = QMenu(self)
        copy = menu.addAction("Copy")
        copy.setEnabled(self.hasSelectedText())
        copy.triggered.connect(self._copy_selection)
        select_all = menu.addAction("Select All")
        select_all.triggered.connect(lambda: self.setSelection(0, len(self.text())))
        menu.exec(event.globalPos())


def make_plain(label: QLabel) -> QLabel:
    """Show ``label``'s text as plain text from now on (set before any kit text arrives)."""
    set_enum_property(label, "textFormat", TEXT_FORMAT_PLAIN)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` exactly as written."""
    label = make_plain(QLabel(parent))
    if text:
        label.setText(text)
    return label


TOOLTIP_LINES = 4  # a caption and a credit, or a reason and a path, with room to spare


def kit_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, line breaks kept, bounded in length."""
    if not text:
        return ""
    # Each line cut at the one-line limit, and the whole at a few of them: a tooltip is a
    # glance, and a megabyte caption must not cost seconds each time the pointer rests.
    lines = (shorten_for_display(line) for line in text.split("\n", TOOLTIP_LINES))
    shown = shorten_for_display("\n".join(lines), TOOLTIP_LINES * MAX_LINE_FIELD_CHARS)
    import html  # see html_text

    escaped = html.escape(shown, quote=False).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


def window_title_text(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``text`` for setWindowTitle: a literal ``[*]`` is written twice, or Qt removes it;
    cut to ``limit`` characters (a title bar shows far fewer)."""
    return " ".join(shorten_for_display(text, limit).split()).replace("[*]", "[*][*]")


def menu_text(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``text`` for a QAction, a tab title or a label with a buddy: ``&`` doubled (not a
    shortcut mark), on one line, cut to ``limit`` characters."""
    return " ".join(shorten_for_display(text, limit).split()).replace("&", "&&")


def make_message_box_plain(box: QMessageBox) -> QMessageBox:
    """The box's text and informative text shown as plain text (call after setting them)."""
    from PySide6.QtCore import Qt

    box.setTextFormat(Qt.TextFormat.PlainText)
    informative = box.findChild(QLabel, _INFORMATIVE_LABEL)
    if informative is not None:
        informative.setTextFormat(Qt.TextFormat.PlainText)
    elif box.informativeText():
        # Qt renamed its label: the text must not be guessed as rich, so say it loudly.
        log.error("message box: the informative text's label was not found")
    return box


def plain_message_box(
    kind: str,
    title: str,
    text: str,
    parent: QWidget | None = None,
    informative: str = "",
    detailed: str = "",
) -> QMessageBox:
    """A message box (``kind``: "warning", "information" or "question") with plain text and
    one OK button.

    OK is its default button and "Show Details…" never is: Enter answers the box rather than
    toggling the details.
    """
    from PySide6.QtWidgets import QMessageBox

    icon = {
        "warning": QMessageBox.Icon.Warning,
        "information": QMessageBox.Icon.Information,
        "question": QMessageBox.Icon.Question,
    }[kind]
    box = QMessageBox(icon, window_title_text(title), text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    if detailed:
        box.setDetailedText(detailed)
    make_message_box_plain(box)
    from app.views.dialog_icons import set_dark_icon

    set_dark_icon(box, kind)
    from PySide6.QtWidgets import QPushButton

    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    ok = box.button(QMessageBox.StandardButton.Ok)
    if isinstance(ok, QPushButton):
        box.setDefaultButton(ok)
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole and isinstance(
            button, QPushButton
        ):
            button.setAutoDefault(False)  # the details toggle
    return box
