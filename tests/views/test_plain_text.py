"""Kit text is data: every widget shows it literally, as plain text, in every tab, the still
viewer, the dialogs, the menus and the booth. (``test_no_file_reads.py`` checks the same kit
under strace for files opened.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_kit import HostileKit
from kit_factory import temp_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextBrowser, QWidget

from app.model.opening import open_kit_location
from app.model.text_limits import MAX_LINE_FIELD_CHARS, MAX_TITLE_CHARS, shorten_for_display
from app.views.booth.title_card import CardLine
from app.views.kit_text import (
    copied_text,
    kit_tooltip,
    menu_text,
    plain_label,
    window_title_text,
)
from app.views.main_window import MainWindow
from app.views.stills_tab import StillsTab
from app.views.tab_specs import TAB_SPECS

PLAIN = Qt.TextFormat.PlainText


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[HostileKit]:
    kit = HostileKit(tmp_path / "hostile")
    kit.write()
    yield kit
    kit.remove_canaries()


def kit_labels(widgets: list[QWidget], kit: HostileKit) -> list[QLabel]:
    """Every label that shows text from the hostile kit (each field names a canary); a long
    word may carry display-only break opportunities, so the text is read without them."""
    return [
        w for w in widgets if isinstance(w, QLabel) and str(kit.canary_dir) in copied_text(w.text())
    ]


def assert_plain(widgets: list[QWidget], kit: HostileKit) -> list[QLabel]:
    labels = kit_labels(widgets, kit)
    rich = [
        (label.objectName(), label.text()[:60]) for label in labels if label.textFormat() != PLAIN
    ]
    assert rich == [], f"labels showing kit text as rich text: {rich}"
    tips = [w.toolTip() for w in widgets if str(kit.canary_dir) in w.toolTip()]
    for tip in tips:
        assert tip.startswith("<qt>") and "<img" not in tip and "&lt;img" in tip, tip
    return labels


def open_window(qtbot, tmp_path: Path, hostile: HostileKit) -> MainWindow:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(hostile.root))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_helpers_keep_text_literal(qtbot) -> None:
    label = plain_label("<b>NO</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == PLAIN and label.text() == "<b>NO</b>"
    assert kit_tooltip('<img src="/dev/zero">\nx & y') == (
        '<qt>&lt;img src="/dev/zero"&gt;<br>x &amp; y</qt>'
    )
    assert kit_tooltip("") == ""
    assert window_title_text("A [*] film\n") == "A [*][*] film"
    assert menu_text("Q&A\tnight") == "Q&&A night"


def test_window_title_shows_the_title_literally_and_names_the_app_once(
    qtbot, tmp_path: Path, hostile: HostileKit
) -> None:
    window = open_window(qtbot, tmp_path, hostile)
    title = hostile.fields["film.title"]
    assert window.windowTitle() == window_title_text(title)
    assert "Press Kit" not in window.windowTitle()  # Qt adds the display name once
    assert QApplication.applicationDisplayName() != ""


def test_every_tab_shows_kit_text_literally(qtbot, tmp_path: Path, hostile: HostileKit) -> None:
    window = open_window(qtbot, tmp_path, hostile)
    for index in range(window.tab_widget.count()):
        if window.tab_widget.isTabVisible(index):
            window.tab_widget.setCurrentIndex(index)
            qtbot.wait(20)
    widgets = [w for w in window.findChildren(QWidget)]
    labels = assert_plain(widgets, hostile)
    shown = {copied_text(label.text()) for label in labels}
    fields = hostile.fields
    for key in ("film.title", "film.tagline", "film.logline", "film.rating", "film.distributor"):
        # As written, cut only past the display limit (a title's is the shortest).
        limit = MAX_TITLE_CHARS if key == "film.title" else MAX_LINE_FIELD_CHARS
        assert shorten_for_display(" ".join(fields[key].split()), limit) in shown, key
    assert any("<b>NO</b>" in text for text in shown)

    # Rich-text views escape kit text: each field appears literally in the rendered text.
    texts = "\n".join(b.toPlainText() for b in window.findChildren(QTextBrowser))
    for key in (
        "synopsis.long",
        "synopsis.attribution",
        "cast[0].name",
        "cast[0].role",
        "crew[0].job",
        "crew[1].name",
        "contacts[0].name",
        "contacts[0].phone",
        "notes[0].heading",
        "notes[0].attribution",
    ):
        assert " ".join(fields[key].split()) in texts, key
    # The notes body is Markdown: its own emphasis is rendered, raw HTML shows as written.
    assert "Plain bold text" in texts and "<b>raw bold</b>" in texts
    assert '<link rel="stylesheet"' in texts

    # Open Recent names the film, the path is its tooltip.
    window.recent_menu.aboutToShow.emit()
    actions = window.recent_menu.actions()
    assert actions[0].text() == menu_text(fields["film.title"])
    assert actions[0].toolTip() == kit_tooltip(str(hostile.root))

    # The tab titles are the app's own.
    kit = window.opened.result.kit if window.opened else None
    assert kit is not None
    assert [window.tab_widget.tabText(i) for i in range(len(TAB_SPECS))] == [
        spec.title_for(kit) for spec in TAB_SPECS
    ]


def test_the_problem_dialog_quotes_kit_text_as_plain_text(
    qtbot, tmp_path: Path, hostile: HostileKit
) -> None:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    window.open_location(hostile.root)
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == PLAIN
    labels = box.findChildren(QLabel)
    informative = [label for label in labels if "canary" in label.text()]
    assert informative and all(label.textFormat() == PLAIN for label in informative)
    ok = box.button(QMessageBox.StandardButton.Ok)
    assert box.defaultButton() is ok
    details = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    assert details and not any(b.autoDefault() for b in details)
    assert not box.iconPixmap().isNull()  # the theme's own icon


def test_the_still_viewer_and_grid_tooltips_show_kit_text_literally(
    qtbot, tmp_path: Path, hostile: HostileKit
) -> None:
    window = open_window(qtbot, tmp_path, hostile)
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab)
    qtbot.waitUntil(lambda: stills.model is not None)
    assert stills.model is not None
    for row in range(stills.model.rowCount()):
        tip = stills.model.data(stills.model.index(row), Qt.ItemDataRole.ToolTipRole)
        assert isinstance(tip, str) and tip.startswith("<qt>") and "<img" not in tip
        assert "&lt;b&gt;NO&lt;/b&gt;" in tip
    stills.open_viewer(0)
    viewer = stills.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    caption = hostile.fields["stills[0].caption"]
    assert viewer.caption.text() == caption and viewer.caption.textFormat() == PLAIN
    assert viewer.credit.textFormat() == PLAIN and "<b>NO</b>" in viewer.credit.text()
    assert_plain(viewer.findChildren(QWidget), hostile)
    assert viewer.windowTitle().startswith(window_title_text(caption))
    viewer.close()


def test_the_booth_shows_kit_text_literally(qtbot, make_booth, tmp_path: Path) -> None:
    hostile = HostileKit(tmp_path / "booth-hostile")
    hostile.write()
    try:
        window = make_booth(hostile.root, pin=None)
        fields = hostile.fields
        lines = window.attract.title_card_lines
        # As written (not rendered), cut only past the title's display limit.
        title = shorten_for_display(fields["film.title"], MAX_TITLE_CHARS)
        assert lines[0] == (CardLine.TITLE, title)
        assert not window.attract._title_pixmap().isNull()
        from test_booth_window import wake

        wake(qtbot, window)
        for index in range(window.tab_widget.count()):
            if window.tab_widget.isTabVisible(index):
                window.tab_widget.setCurrentIndex(index)
                qtbot.wait(20)
        assert_plain(window.findChildren(QWidget), hostile)
    finally:
        hostile.remove_canaries()
