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
- :func:`plain_message_box` — its text and informative text plain; details are plain already.

Start-up path: the overview's labels use it before the first paint, so it names no ``Qt``
enum there (plain numbers set as properties, see ``qt_values.py``) and imports the message
box and its icons only inside the functions that make one.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from app.views.qt_values import TEXT_FORMAT_PLAIN, set_enum_property

if TYPE_CHECKING:  # its enums cost start-up time; only dialogs after the first paint use it
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

# Qt's own object name for the informative text's label (qmessagebox.cpp): the box offers no
# setter for that label's format, so it is found by name.
_INFORMATIVE_LABEL = "qt_msgbox_informativelabel"


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


def kit_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, line breaks kept."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


def window_title_text(text: str) -> str:
    """``text`` for setWindowTitle: a literal ``[*]`` is written twice, or Qt removes it."""
    return " ".join(text.split()).replace("[*]", "[*][*]")


def menu_text(text: str) -> str:
    """``text`` for a QAction, a tab title or a label with a buddy: ``&`` doubled (not a
    shortcut mark), on one line."""
    return " ".join(text.split()).replace("&", "&&")


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
