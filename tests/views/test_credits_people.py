"""Credits on night-orbit: a name the kit's ``people`` describe opens the person card (click,
or Tab then Enter), and a row's context menu copies the name exactly or the credit line."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import temp_settings
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.views.credits_tab import CreditsTab, credit_line, crew_line
from app.views.person_card import PersonCard

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
ASMUND = "Åsmund Ødegård-Example"


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


@pytest.fixture
def tab(qtbot, kit: PressKit, tmp_path: Path) -> CreditsTab:
    made = CreditsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(made)
    made.resize(900, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


def _point_of(tab: CreditsTab, text: str) -> QPoint:
    """Viewport coordinates of the middle of the first character of ``text`` in the credits."""
    found = tab.text_view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    rect = tab.text_view.cursorRect(cursor)
    return rect.center()


def test_names_with_details_are_links_and_others_are_not(tab: CreditsTab, kit: PressKit) -> None:
    described = [p.name for p in kit.people]
    assert tab.person_names and set(tab.person_names) <= set(described)
    credited = [m.name for m in kit.cast] + [m.name for m in kit.crew]
    plain = [name for name in credited if kit.person(name) is None]
    html = tab.text_view.toHtml()
    assert html.count('href="person:') == len(tab.person_names)
    # A link names an index, never the name: kit text never becomes an address.
    assert all(name not in html.split("href=")[1][:40] for name in described)
    for name in plain:
        assert name not in tab.person_names


def test_clicking_a_name_opens_its_card(qtbot, tab: CreditsTab) -> None:
    index = tab.person_names.index(ASMUND)
    tab.text_view.anchorClicked.emit(QUrl(f"person:{index}"))
    card = tab.last_card
    assert isinstance(card, PersonCard)
    qtbot.waitExposed(card)
    assert card.name_label.text() == ASMUND
    card.close()


def test_a_mouse_click_on_the_name_opens_the_card(qtbot, tab: CreditsTab) -> None:
    point = _point_of(tab, "Ola Example")
    qtbot.mouseClick(tab.text_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: tab.last_card is not None)
    assert tab.last_card is not None and tab.last_card.person.name == "Ola Example"
    tab.last_card.close()


def test_tab_then_enter_opens_the_card_without_a_mouse(qtbot, tab: CreditsTab) -> None:
    tab.text_view.setFocus()
    qtbot.waitUntil(tab.text_view.hasFocus)
    # Tab moves from link to link inside the credits; Enter follows the one it selected.
    qtbot.keyClick(tab.text_view, Qt.Key.Key_Tab)
    selected = tab.text_view.textCursor().selectedText()
    assert selected == tab.person_names[0]
    qtbot.keyClick(tab.text_view, Qt.Key.Key_Return)
    assert tab.last_card is not None and tab.last_card.person.name == tab.person_names[0]
    tab.last_card.close()


def test_unknown_link_opens_nothing(tab: CreditsTab) -> None:
    tab.text_view.anchorClicked.emit(QUrl("person:99"))
    tab.text_view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert tab.last_card is None


def test_the_row_under_the_pointer_gives_name_and_credit_line(
    tab: CreditsTab, kit: PressKit
) -> None:
    ola = next(m for m in kit.cast if m.name == "Ola Example")
    found = tab.row_at(_point_of(tab, "Ola Example"))
    assert found is not None
    row, name = found
    assert name == "Ola Example"
    assert row.line == credit_line(ola.name, ola.role) == f"Ola Example as {ola.role}"
    # Over the role: the row still, no name.
    assert ola.role is not None
    over_role = tab.row_at(_point_of(tab, ola.role))
    assert over_role is not None and over_role[1] is None and over_role[0].line == row.line
    # A heading offers nothing.
    assert tab.row_at(_point_of(tab, "Cast")) is None


def test_crew_rows_name_the_person_under_the_pointer(tab: CreditsTab, kit: PressKit) -> None:
    director = next(m for m in kit.crew if m.job == "Director")
    found = tab.row_at(_point_of(tab, director.name))
    assert found is not None
    row, name = found
    assert name == director.name
    assert row.line == crew_line("Director", row.names) == f"Director: {', '.join(row.names)}"


def test_copy_name_and_credit_line_copy_exactly(tab: CreditsTab) -> None:
    found = tab.row_at(_point_of(tab, ASMUND))
    assert found is not None
    row, name = found
    assert name == ASMUND
    tab.copy_name(name)
    assert QGuiApplication.clipboard().text() == ASMUND  # diacritics as written
    tab.copy_credit(row.line)
    assert QGuiApplication.clipboard().text() == row.line
    assert row.line.startswith(f"{ASMUND} as ")


def test_the_context_menu_puts_the_rows_actions_first(qtbot, tab: CreditsTab, monkeypatch) -> None:
    from PySide6.QtWidgets import QMenu

    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, *args: shown.append(self))
    tab.text_view.customContextMenuRequested.emit(_point_of(tab, "Ola Example"))
    assert shown
    texts = [a.text() for a in shown[0].actions()]
    assert texts[:3] == ["Copy name “Ola Example”", "About Ola Example…", "Copy credit line"]
    shown[0].actions()[2].trigger()
    assert QGuiApplication.clipboard().text().startswith("Ola Example as ")
