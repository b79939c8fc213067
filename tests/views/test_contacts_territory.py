"""Contacts on night-orbit: grouped by territory, the ones without a territory first under a
general heading; each with Save contact writing its vCard, none of that in booth mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices

from app.model.kit import Contact, PressKit, SkippedEntry
from app.model.loader import load_press_kit
from app.settings import BoothSettings
from app.views import save_dialog
from app.views.contacts_tab import GENERAL_HEADING, ContactsTab, by_territory

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


def _tab(qtbot, kit: PressKit, settings) -> ContactsTab:  # type: ignore[no-untyped-def]
    tab = ContactsTab(kit, settings)
    qtbot.addWidget(tab)
    return tab


def test_grouping_puts_the_general_contacts_first_then_territories_in_order() -> None:
    uk = Contact("Pat", territory="United Kingdom")
    no = Contact("Nora", territory="Norway")
    uk2 = Contact("Sam", territory="  united   kingdom ")
    general = Contact("Sales office")
    blank = Contact("Blank", territory="   ")
    skipped = SkippedEntry("contacts", 6, "Broken", "no name")
    groups = by_territory([uk, no, general, uk2, skipped, blank])
    assert groups == [
        (None, [general, skipped, blank]),
        ("United Kingdom", [uk, uk2]),
        ("Norway", [no]),
    ]


def test_the_tab_shows_headings_in_that_order(qtbot, kit: PressKit, tmp_path: Path) -> None:
    tab = _tab(qtbot, kit, temp_settings(tmp_path))
    text = tab.text_view.document().toPlainText()
    general = text.index(GENERAL_HEADING)
    uk = text.index("United Kingdom")
    norway = text.index("Norway")
    assert general < text.index("Sales office") < uk < text.index("Pat Example") < norway
    assert norway < text.index("Nora Example")
    assert text.count("Save contact") == len(kit.contacts)


def test_a_kit_without_territories_has_no_headings(qtbot, tmp_path: Path) -> None:
    kit = load_press_kit(make_kit(tmp_path / "kit", contacts=True)).kit
    assert kit.contacts and all(c.territory is None for c in kit.contacts)
    tab = _tab(qtbot, kit, temp_settings(tmp_path))
    assert GENERAL_HEADING not in tab.text_view.document().toPlainText()


def test_save_contact_writes_that_contacts_card(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch
) -> None:
    tab = _tab(qtbot, kit, temp_settings(tmp_path))
    index = next(i for i, c in enumerate(kit.contacts) if c.name == "Nora Example")
    asked: list[str] = []

    def fake_dialog(parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(tmp_path / "nora.vcf"), filters

    monkeypatch.setattr(save_dialog.QFileDialog, "getSaveFileName", fake_dialog)
    html = tab.text_view.toHtml()
    assert f'href="save-contact:{index}"' in html
    tab.text_view.anchorClicked.emit(QUrl(f"save-contact:{index}"))
    assert asked and asked[0].endswith("Nora Example.vcf")
    written = (tmp_path / "nora.vcf").read_text(encoding="utf-8")
    assert "FN:Nora Example" in written and "Norway" in written
    assert tab.saved == [tmp_path / "nora.vcf"]


def test_booth_mode_offers_no_save_and_opens_nothing(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch
) -> None:
    settings = BoothSettings(backend=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    asked: list[object] = []
    monkeypatch.setattr(
        save_dialog.QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", "")
    )
    tab = _tab(qtbot, kit, settings)
    assert "Save contact" not in tab.text_view.document().toPlainText()
    tab.text_view.anchorClicked.emit(QUrl("save-contact:0"))
    tab.text_view.anchorClicked.emit(QUrl("mailto:nora@example.com"))
    assert asked == [] and tab.saved == [] and opened == []
