"""Find in kit (Ctrl+F) in the real main window: the panel opens with the key, finds as the
person types, and Enter or a click goes to the hit's tab with the hit selected there.

Driven with real key presses on the night-orbit kit (every presskit/1.1 key: translations,
people, a transcript) and the bundled I.S.S. kit (Pilou Asbæk)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel

from app import paths
from app.model.opening import open_kit_location
from app.settings import BoothSettings
from app.views.contacts_tab import ContactsTab
from app.views.credits_tab import CreditsTab
from app.views.main_window import MainWindow
from app.views.notes_tab import NotesTab
from app.views.overview_tab import OverviewTab
from app.views.press_tab import PressTab
from app.views.search_dock import SearchDock
from app.views.stills_tab import StillsTab
from app.views.synopsis_tab import SynopsisTab
from app.views.trailer.trailer_tab import TrailerTab

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


def open_window(qtbot, tmp_path: Path, kit: Path) -> MainWindow:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit), remember=False)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    return window


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, tmp_path, NIGHT_ORBIT)


def press_ctrl_f(qtbot, window: MainWindow) -> SearchDock:
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dock = window.findChild(SearchDock)
    assert dock is not None and dock.isVisible()
    assert dock.panel is not None
    qtbot.waitUntil(dock.panel.is_ready)
    return dock


def find(qtbot, window: MainWindow, query: str) -> SearchDock:
    dock = press_ctrl_f(qtbot, window)
    assert dock.panel is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dock.panel.query_field)
    qtbot.keyClicks(dock.panel.query_field, query)
    qtbot.waitUntil(dock.panel.is_settled)
    return dock


def result_lines(dock: SearchDock) -> list[str]:
    assert dock.panel is not None
    tree = dock.panel.results
    return [
        tree.topLevelItem(g).child(n).text(0)
        for g in range(tree.topLevelItemCount())
        for n in range(tree.topLevelItem(g).childCount())
    ]


def go_to(qtbot, dock: SearchDock, where: str) -> None:
    """Down into the results, Down to the row of ``where``, Enter."""
    assert dock.panel is not None
    lines = result_lines(dock)
    row = next(n for n, line in enumerate(lines) if line.startswith(where + ":"))
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dock.panel.results
    for _ in range(row):
        qtbot.keyClick(dock.panel.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(dock.panel.hit_activated):
        qtbot.keyClick(dock.panel.results, Qt.Key.Key_Return)
    assert dock.last_revealed is not None and dock.last_revealed.field.where == where


def current_tab(window: MainWindow) -> object:
    return window.hosts[window.tab_widget.currentIndex()].tab


def test_ctrl_f_finds_asbaek_and_enter_selects_his_credit(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, paths.bundled_kit_dir())
    dock = find(qtbot, window, "asbaek")
    lines = result_lines(dock)
    assert lines[0] == "credits cast #4: Pilou Asbæk as Alexey Pulov"
    assert dock.panel is not None and dock.panel.results.topLevelItem(0).text(0) == "Credits (1)"
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Return)  # the first hit
    credits = current_tab(window)
    assert isinstance(credits, CreditsTab)
    cursor = credits.text_view.textCursor()
    assert cursor.selectedText() == "Asbæk"
    table = cursor.currentTable()
    assert table is not None and "Pilou Asbæk" in cursor.block().text()
    row = table.cellAt(cursor).row()
    assert credits.table_rows[row] is not None
    assert credits.table_rows[row].line == "Pilou Asbæk as Alexey Pulov"


def test_esc_closes_the_panel_and_gives_the_focus_back(qtbot, window: MainWindow) -> None:
    overview = current_tab(window)
    assert isinstance(overview, OverviewTab)
    window.tab_widget.tabBar().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tab_widget.tabBar())
    dock = find(qtbot, window, "orbit")
    assert dock.panel is not None
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Escape)
    assert not dock.isVisible()
    assert QApplication.focusWidget() is window.tab_widget.tabBar()
    # Opened again: the last query is still there, selected, so typing replaces it.
    dock = press_ctrl_f(qtbot, window)
    assert dock.panel is not None and dock.panel.query_field.selectedText() == "orbit"
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Down)
    qtbot.keyClick(dock.panel.results, Qt.Key.Key_Escape)  # from the results too
    assert not dock.isVisible()


def test_up_from_the_first_result_returns_to_the_field(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "example")
    assert dock.panel is not None
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dock.panel.results
    qtbot.keyClick(dock.panel.results, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is dock.panel.query_field


def test_a_note_hit_selects_the_match_in_its_paragraph(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "photograph")
    go_to(qtbot, dock, 'notes #1 "Director\'s statement"')
    notes = current_tab(window)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    cursor = notes.browser.textCursor()
    assert cursor.selectedText() == "photograph"
    assert cursor.block().text().startswith("Night Orbit began with a photograph")
    assert notes.browser.extraSelections()  # the paragraph and the match are marked


def test_a_transcript_hit_selects_the_line_and_seeks_the_player(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "rehearsed")
    go_to(qtbot, dock, "videos #2 transcript 00:00:02")
    videos = current_tab(window)
    assert isinstance(videos, TrailerTab)
    assert videos.video is window.opened.result.kit.videos[1]  # type: ignore[union-attr]
    assert videos.panel is not None
    line = videos.panel.transcript.cues.currentItem()
    assert line is not None and "We rehearsed the cockpit scenes" in line.text()
    assert line.isSelected()
    assert videos.player is not None
    qtbot.waitUntil(lambda: 2000 <= videos.player.position() <= 3500, timeout=20_000)  # type: ignore[union-attr]
    assert not videos.player.is_playing()  # found, not started: the person presses play


def test_a_stills_hit_selects_its_tile_and_artwork_its_own(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "cockpit")
    go_to(qtbot, dock, "stills #2 caption")
    stills = current_tab(window)
    assert isinstance(stills, StillsTab)
    assert stills.selected_rows() == [1]
    assert dock.panel is not None
    dock.panel.query_field.setText("theatrical poster")
    qtbot.waitUntil(dock.panel.is_settled)
    go_to(qtbot, dock, "artwork #1 title")
    assert stills.artwork is not None
    assert [i.row() for i in stills.artwork.view.selectionModel().selectedIndexes()] == [0]


def test_a_translated_synopsis_hit_switches_the_language(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "ramenent")
    go_to(qtbot, dock, "synopsis (fr) short")
    synopsis = current_tab(window)
    assert isinstance(synopsis, SynopsisTab) and synopsis.switcher is not None
    assert synopsis.switcher.current_language() == "fr"
    assert synopsis.short_button.isChecked()
    assert synopsis.text_view.textCursor().selectedText() == "ramènent"
    # And back to the kit's own words for a hit in them.
    assert dock.panel is not None
    dock.panel.query_field.setText("supply ship")
    qtbot.waitUntil(dock.panel.is_settled)
    go_to(qtbot, dock, "synopsis long")
    assert synopsis.switcher.current_language() == ""
    assert synopsis.long_button.isChecked()
    assert synopsis.text_view.textCursor().selectedText() == "supply"


def test_overview_press_and_contacts_hits(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "atmos")
    go_to(qtbot, dock, "specs sound")
    overview = current_tab(window)
    assert isinstance(overview, OverviewTab)
    selected = [w for w in overview.findChildren(QLabel) if w.hasSelectedText()]
    assert [w.selectedText() for w in selected] == ["Dolby Atmos"]
    marked = [w.parentWidget() for w in overview.findChildren(QFrame, "searchMark")]
    assert [w.text() for w in marked if isinstance(w, QLabel)] == ["Sound", "Dolby Atmos"]

    assert dock.panel is not None
    dock.panel.query_field.setText("astonishing")
    qtbot.waitUntil(dock.panel.is_settled)
    go_to(qtbot, dock, "quotes #2")
    press = current_tab(window)
    assert isinstance(press, PressTab)
    assert press.quote_cards[1].text_label.selectedText() == "“Quietly astonishing.”"

    dock.panel.query_field.setText("nora")
    qtbot.waitUntil(dock.panel.is_settled)
    go_to(qtbot, dock, "contacts #2")
    contacts = current_tab(window)
    assert isinstance(contacts, ContactsTab)
    assert contacts.text_view.textCursor().selectedText() == "Nora"


def test_a_hit_in_a_biography_opens_the_persons_card(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "engineer-turned")
    go_to(qtbot, dock, "people Åsmund Ødegård-Example")
    credits = current_tab(window)
    assert isinstance(credits, CreditsTab)
    assert credits.text_view.textCursor().block().text().startswith("Åsmund Ødegård-Example")
    card = credits.last_card
    assert card is not None and card.isVisible() and card.bio is not None
    assert card.bio.textCursor().selectedText() == "engineer-turned"
    card.close()


def test_another_kit_gets_its_own_index(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "asbaek")
    assert dock.panel is not None and dock.panel.status.text() == "No results"
    old_panel = dock.panel
    window.open_location(paths.bundled_kit_dir())
    assert dock.panel is not old_panel and dock.panel is not None
    qtbot.waitUntil(dock.panel.is_ready)
    assert dock.panel.query_field.text() == "asbaek"  # the query kept
    assert "credits cast #4: Pilou Asbæk as Alexey Pulov" in result_lines(dock)


def test_kit_text_in_results_stays_text(qtbot, tmp_path: Path) -> None:
    hostile = '<b>Bold</b> <img src="/etc/passwd"> &amp; <a href="x">link</a>'
    kit = make_kit(tmp_path / "kit")
    manifest = kit / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("tagline: A tagline to test.", f"tagline: '{hostile}'"), encoding="utf-8"
    )
    window = open_window(qtbot, tmp_path, kit)
    dock = find(qtbot, window, "passwd")
    [line] = result_lines(dock)
    assert line.startswith("tagline: ") and '"/etc/passwd"> &amp; <' in line
    assert dock.panel is not None
    assert dock.panel.status.textFormat() == Qt.TextFormat.PlainText


def test_no_search_in_booth_mode(qtbot, tmp_path: Path) -> None:
    window = MainWindow(BoothSettings())
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(NIGHT_ORBIT), remember=False)
    window.show()
    qtbot.waitExposed(window)
    window.find_action.trigger()
    assert window.findChild(SearchDock) is None


def test_a_click_on_a_result_goes_there_once(qtbot, window: MainWindow) -> None:
    dock = find(qtbot, window, "engineer berg")
    assert dock.panel is not None
    tree = dock.panel.results
    row = tree.topLevelItem(0).child(0)
    assert row.text(0).startswith("credits cast #2:")
    reported: list[object] = []
    dock.panel.hit_activated.connect(reported.append)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center()
    )
    assert len(reported) == 1
    credits = current_tab(window)
    assert isinstance(credits, CreditsTab)
    assert credits.text_view.textCursor().selectedText() == "Engineer"


def test_a_kit_opened_while_the_panel_is_closed_is_indexed_when_it_opens(
    qtbot, window: MainWindow
) -> None:
    dock = find(qtbot, window, "asbaek")
    qtbot.keyClick(dock.panel.query_field, Qt.Key.Key_Escape)  # type: ignore[union-attr]
    old_panel = dock.panel
    window.open_location(paths.bundled_kit_dir())
    assert dock.panel is old_panel  # nothing indexed for a closed panel
    dock = press_ctrl_f(qtbot, window)
    assert dock.panel is not old_panel and dock.panel is not None
    assert "credits cast #4: Pilou Asbæk as Alexey Pulov" in result_lines(dock)


def test_a_person_the_credits_do_not_list_opens_their_card(qtbot, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(NIGHT_ORBIT, kit)
    manifest = kit / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    extra = "  - {name: Zed Uncredited, bio: Consulted on orbital mechanics.}\n"
    manifest.write_text(text.replace("awards:\n", extra + "awards:\n", 1), encoding="utf-8")
    window = open_window(qtbot, tmp_path, kit)
    dock = find(qtbot, window, "zed")
    go_to(qtbot, dock, "people Zed Uncredited")
    credits = current_tab(window)
    assert isinstance(credits, CreditsTab)
    card = credits.last_card
    assert card is not None and card.isVisible() and card.person.name == "Zed Uncredited"
    card.close()


def test_every_control_of_the_panel_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    dock = find(qtbot, window, "orbit")
    controls = (
        dock.findChildren(QAbstractButton)
        + dock.findChildren(QLineEdit)
        + dock.findChildren(QAbstractItemView)
    )
    unnamed = [
        widget.objectName() or type(widget).__name__
        for widget in controls
        if widget.isVisible()
        and not widget.accessibleName()
        and not (isinstance(widget, QAbstractButton) and widget.text())
    ]
    assert unnamed == []


def test_a_still_the_picks_filter_hides_is_shown_again(qtbot, window: MainWindow) -> None:
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab) and stills.picking is not None
    stills.picking.filter_box.setCurrentIndex(1)  # picks only: this kit has none yet
    assert stills.view is not None and stills.view.isRowHidden(1)
    dock = find(qtbot, window, "cockpit")
    go_to(qtbot, dock, "stills #2 caption")
    assert stills.picking.filter_box.currentIndex() == 0
    assert not stills.view.isRowHidden(1) and stills.selected_rows() == [1]
