"""The person card: photo (decoded for real) with its credit, the name copied exactly, the
pronunciation and role as plain text, the biography as confined Markdown."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.views.feedback import Toast
from app.views.note_links import LinkKind
from app.views.person_card import PersonCard, show_person_card

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
ASMUND = "Åsmund Ødegård-Example"


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _card(qtbot, parent: QWidget, kit: PressKit, name: str) -> PersonCard:
    card = show_person_card(parent, kit, name)
    assert card is not None
    qtbot.waitExposed(card)
    return card


def test_the_card_shows_photo_credit_pronunciation_role_and_bio(
    qtbot, parent: QWidget, kit: PressKit
) -> None:
    card = _card(qtbot, parent, kit, "Ola Example")
    qtbot.waitUntil(lambda: card.photo_image is not None or card.photo_problem is not None)
    assert card.photo_problem is None and card.photo_label.pixmap() is not None
    assert card.photo_credit_label is not None
    assert card.photo_credit_label.text() == "Photo by Kari Example"
    assert card.name_label.text() == "Ola Example"
    assert card.pronunciation_label is not None
    assert card.pronunciation_label.text() == "Pronounced OH-lah eg-ZAM-pel"
    assert card.role_label is not None and card.role_label.text() == "Commander Lind"
    assert card.windowTitle() == "Ola Example"
    assert card.isWindow() and not card.embedded  # outside booth mode: a dialog of its own
    for label in card.findChildren(QLabel):
        assert label.textFormat().name == "PlainText", label.objectName()
    assert card.bio is not None
    text = card.bio.toPlainText()
    assert "fictional actor made up for the tests" in text and "**" not in text
    assert card.unlinked == []  # both links (a still, a web page) are kept as links
    card.close()


def test_copy_name_keeps_the_diacritics_and_a_decomposed_name_finds_the_card(
    qtbot, parent: QWidget, kit: PressKit
) -> None:
    decomposed = unicodedata.normalize("NFD", ASMUND.upper())
    assert decomposed != ASMUND
    card = _card(qtbot, parent, kit, decomposed)
    assert card.person.name == ASMUND
    card.copy_button.click()
    assert QGuiApplication.clipboard().text() == ASMUND
    toast = card.findChild(Toast, "toast")
    assert toast is not None and ASMUND in toast.text()
    card.close()


def test_a_person_without_photo_gets_no_photo_and_an_unknown_name_no_card(
    qtbot, parent: QWidget, kit: PressKit
) -> None:
    card = _card(qtbot, parent, kit, "Ingrid Example")
    assert card.findChild(QLabel, "personPhoto") is None
    assert card.pronunciation_label is None
    assert card.role_label is not None and card.role_label.text() == "Director"
    card.close()
    assert show_person_card(parent, kit, "Sunniva Example") is None  # credited, not described
    assert show_person_card(parent, kit, "Nobody At All") is None


def test_bio_links_are_decided_as_in_the_notes(
    qtbot, parent: QWidget, kit: PressKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    # The desktop's opener would start a browser: the one thing that cannot run here.
    monkeypatch.setattr("app.views.person_card.QDesktopServices.openUrl", opened.append)
    card = _card(qtbot, parent, kit, "Ola Example")
    card.bio.anchorClicked.emit(QUrl("https://example.com/"))
    assert opened == [QUrl("https://example.com/")]
    assert card.last_link is not None and card.last_link.kind is LinkKind.EXTERNAL
    card.bio.anchorClicked.emit(QUrl("run.sh"))
    assert card.last_link.kind is LinkKind.REFUSED and len(opened) == 1
    card.close()


def test_booth_mode_card_opens_nothing(
    qtbot, parent: QWidget, kit: PressKit, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from app.settings import BoothSettings

    opened: list[QUrl] = []
    monkeypatch.setattr("app.views.person_card.QDesktopServices.openUrl", opened.append)
    booth = BoothSettings(backend=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    card = show_person_card(parent, kit, "Ola Example", booth)
    assert card is not None and not card.open_links
    # A panel inside the booth's window, not a window of its own.
    assert card.embedded and not card.isWindow() and card.parentWidget() is parent.window()
    assert parent.rect().contains(card.geometry())
    parent.resize(700, 500)
    assert parent.rect().contains(card.geometry())
    card.bio.anchorClicked.emit(QUrl("https://example.com/"))
    assert opened == []
    card.close()


def test_markup_in_a_person_stays_text_and_loads_no_file(
    qtbot, parent: QWidget, tmp_path: Path
) -> None:
    root = tmp_path / "kit"
    root.mkdir()
    name = "<b>NO</b> & Co"
    (root / "presskit.yaml").write_text(
        "format: presskit/1.1\n"
        "film: {title: T}\n"
        "synopsis: {short: S.}\n"
        f'credits: {{cast: [{{name: "{name}", role: "<i>Role</i>"}}]}}\n'
        "people:\n"
        f'  - name: "{name}"\n'
        '    pronunciation: "<u>nuh</u>"\n'
        "    bio: |\n"
        '      Raw <img src="/dev/zero"> and ![x](/etc/hostname) and [up](../outside.txt).\n',
        encoding="utf-8",
    )
    kit = load_press_kit(root).kit
    card = _card(qtbot, parent, kit, name)
    assert card.name_label.text() == name
    assert card.pronunciation_label is not None
    assert card.pronunciation_label.text() == "Pronounced <u>nuh</u>"
    assert card.role_label is not None and card.role_label.text() == "<i>Role</i>"
    assert card.bio is not None
    assert '<img src="/dev/zero">' in card.bio.toPlainText()  # raw HTML shown as written
    # The Markdown image was asked for while laying out, and refused (a blank image instead).
    qtbot.waitUntil(lambda: any("/etc/hostname" in target for target in card.bio.refused))
    assert not any("/dev/zero" in target for target in card.bio.refused)  # never even asked
    assert "../outside.txt" in card.unlinked
    card.copy_button.click()
    assert QGuiApplication.clipboard().text() == name
    card.close()
