"""A megabyte-long one-word field opens, is shown shortened to the model's display limit, and
wraps inside its column (break opportunities for display only; what is copied has none)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QScrollArea

from app.model.opening import open_kit_location
from app.model.text_limits import MAX_LINE_FIELD_CHARS, MAX_TITLE_CHARS, shorten_for_display
from app.views.booth.title_card import CardLine, title_card_lines
from app.views.contacts_tab import ContactsTab
from app.views.credits_tab import CreditsTab
from app.views.kit_text import (
    LONG_RUN,
    ZERO_WIDTH_SPACE,
    KitLabel,
    breakable,
    copied_text,
    display_text,
)
from app.views.main_window import MainWindow
from app.views.overview_tab import OverviewTab

MEGABYTE_WORD = "A" * 1_000_000  # the manifest's own limit is 1 MiB
NAME_WORD = "N" * 5000
LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no space


def long_kit(root: Path, title: str = MEGABYTE_WORD) -> Path:
    make_kit(root, contacts=True)
    manifest = root / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("title: Test Film", f"title: {title}", 1)
    text = text.replace("tagline: A tagline to test.", f"tagline: Before {LONG_WORD} after", 1)
    text = text.replace("rating: PG-13", f"rating: {LONG_WORD}", 1)
    text = text.replace("{name: Ann Actor,", f"{{name: {NAME_WORD},", 1)
    text = text.replace("{name: Pat Press,", f"{{name: {LONG_WORD},", 1)
    manifest.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("short words only", "short words only"),
        ("x" * LONG_RUN, "x" * LONG_RUN),  # exactly the limit: a word, no break
        ("x" * (LONG_RUN + 1), ZERO_WIDTH_SPACE.join("x" * (LONG_RUN + 1))),
        ("a " + "y" * 90 + " b", "a " + ZERO_WIDTH_SPACE.join("y" * 90) + " b"),
        ("word " * 30, "word " * 30),  # long text of short words is left alone
        ("  spaced   out  ", "  spaced   out  "),  # whitespace is kept as written
    ],
)
def test_breakable_puts_a_break_in_every_long_run_only(text: str, expected: str) -> None:
    assert breakable(text) == expected
    assert copied_text(breakable(text)) == text


def test_a_break_never_separates_a_letter_from_its_accent() -> None:
    word = "e\u0301" * 60  # é as e + combining acute, 120 code points
    pieces = breakable(word).split(ZERO_WIDTH_SPACE)
    assert pieces == ["e\u0301"] * 60
    for piece in pieces:
        assert not unicodedata.combining(piece[0])
    assert copied_text(breakable(word)) == word


def test_display_text_shortens_before_breaking() -> None:
    shown = display_text(MEGABYTE_WORD, MAX_TITLE_CHARS)
    assert copied_text(shown) == "A" * (MAX_TITLE_CHARS - 1) + "…"
    assert len(copied_text(display_text(MEGABYTE_WORD))) == MAX_LINE_FIELD_CHARS


def test_a_kit_label_copies_the_text_without_display_breaks(qtbot) -> None:
    label = KitLabel(LONG_WORD)
    qtbot.addWidget(label)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert ZERO_WIDTH_SPACE in label.text() and label.textFormat() == Qt.TextFormat.PlainText
    label.show()
    qtbot.waitExposed(label)
    label.setFocus()
    label.setSelection(0, len(label.text()))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == LONG_WORD
    assert label.kit_text == LONG_WORD


@pytest.fixture
def app_stylesheet(qapp):
    """The viewer's own stylesheet (the title at 40 pt): wrapping depends on the font size."""
    from app.views.application import load_stylesheet

    before = qapp.styleSheet()
    qapp.setStyleSheet(load_stylesheet())
    yield
    qapp.setStyleSheet(before)


def test_a_megabyte_one_word_title_opens_shortened_and_wraps(
    qtbot, tmp_path: Path, app_stylesheet
) -> None:
    root = long_kit(tmp_path / "kit")
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show_kit(open_kit_location(root), remember=True)
    window.show()
    qtbot.waitExposed(window)
    overview = window.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    assert copied_text(overview.title.text()) == shorten_for_display(MEGABYTE_WORD, MAX_TITLE_CHARS)
    assert len(window.windowTitle()) <= MAX_TITLE_CHARS
    assert len(overview.title.accessibleName()) < MAX_TITLE_CHARS + 10
    # The text column wraps its long words instead of scrolling sideways.
    scroll = overview.findChild(QScrollArea, "overviewText")
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.widget().width() > 0)
    assert scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport().width()
    for label in scroll.widget().findChildren(QLabel):
        assert label.width() <= viewport, (label.objectName(), label.width(), viewport)
    tagline = scroll.widget().findChild(QLabel, "tagline")
    assert tagline is not None and tagline.height() > 2 * tagline.fontMetrics().height()
    # Open Recent keeps the title as shown, not the megabyte.
    window.recent_menu.aboutToShow.emit()
    assert len(window.recent_menu.actions()[0].text()) <= MAX_TITLE_CHARS


def test_credits_contacts_and_the_title_card_show_long_fields_shortened(qtbot, tmp_path) -> None:
    from app.model.loader import load_press_kit

    kit = load_press_kit(long_kit(tmp_path / "kit")).kit
    credits = CreditsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(credits)
    shown = credits.text_view.document().toPlainText()
    assert shorten_for_display(NAME_WORD) in shown and NAME_WORD not in shown
    assert NAME_WORD in credits.plain_text()  # copied credits stay as written
    contacts = ContactsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(contacts)
    assert LONG_WORD in contacts.text_view.document().toPlainText()
    lines = title_card_lines(kit.film)
    assert lines[0] == (CardLine.TITLE, shorten_for_display(MEGABYTE_WORD, MAX_TITLE_CHARS))


def test_a_tooltip_of_a_megabyte_caption_is_bounded_and_literal() -> None:
    from app.views.kit_text import TOOLTIP_LINES, kit_tooltip

    tip = kit_tooltip(MEGABYTE_WORD + "\n<b>credit</b>")
    assert tip.startswith("<qt>" + "A" * 100) and tip.endswith(
        "…<br>&lt;b&gt;credit&lt;/b&gt;</qt>"
    )
    assert len(tip) < (TOOLTIP_LINES + 1) * MAX_LINE_FIELD_CHARS
    many_lines = kit_tooltip("line\n" * 100_000)
    assert len(many_lines) < (TOOLTIP_LINES + 1) * MAX_LINE_FIELD_CHARS


def test_the_trailer_full_screen_title_is_shortened(qtbot) -> None:
    from app.views.trailer.full_screen import FullScreenHost

    host = FullScreenHost(f"{MEGABYTE_WORD} — Teaser")
    qtbot.addWidget(host)
    assert host.windowTitle() == "A" * (MAX_TITLE_CHARS - 1) + "…"
