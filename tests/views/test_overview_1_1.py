"""The overview of a presskit/1.1 kit (night-orbit): specs, top-billed cast, laurels, the terms
line, the embargo banner (by a fixed wall clock), upcoming screenings with Add to calendar, and
the language switcher, remembered in settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kit_factory import temp_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.model.kit import PressKit, Rights
from app.model.opening import open_kit_location
from app.model.times import FixedWallClock
from app.settings import TRANSLATION_LANGUAGE, BoothSettings
from app.views import calendar_export
from app.views.overview_tab import OverviewTab
from app.views.synopsis_tab import SynopsisTab

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc
BEFORE_EMBARGO = FixedWallClock(dt.datetime(2030, 1, 4, 14, 0, tzinfo=UTC))
AFTER_EMBARGO = FixedWallClock(dt.datetime(2030, 1, 11, 12, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def kit() -> PressKit:
    return open_kit_location(NIGHT_ORBIT).result.kit


def make_overview(qtbot, kit: PressKit, tmp_path: Path, clock: FixedWallClock, settings=None):
    tab = OverviewTab(kit, settings or temp_settings(tmp_path), clock=clock)
    qtbot.addWidget(tab)
    return tab


def test_specs_and_top_billed_cast_are_fact_rows(qtbot, kit: PressKit, tmp_path: Path) -> None:
    rows = dict(make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO).fact_rows())
    assert rows["Original title"] == "Nattbane"
    assert rows["Year"] == "2030"
    assert rows["Country"] == "Norway"
    assert rows["Languages"] == "Norwegian, English"
    assert rows["Aspect ratio"] == "2.39:1"
    assert rows["Sound"] == "Dolby Atmos"
    assert rows["Colour"] == "Color"
    assert rows["Format"] == "DCP"
    assert rows["Starring"] == "Ola Example, Åsmund Ødegård-Example, Sunniva Example"


def test_embargo_banner_while_in_force_with_offset_and_reader_time(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader's zone is pinned so "your time" is known: UTC+01:00 all year.
    monkeypatch.setattr(
        "app.views.overview_parts.local_offset_at", lambda _moment: dt.timedelta(hours=1)
    )
    tab = make_overview(qtbot, kit, tmp_path, BEFORE_EMBARGO)
    assert tab.embargo_banner is not None
    text = tab.embargo_banner.text()
    assert text == (
        "Embargoed until 10 Jan 2030, 09:00 UTC\u221205:00 — 15:00 your time, 6 days from now"
    )
    assert tab.embargo_banner.textFormat() == Qt.TextFormat.PlainText


def test_banner_is_said_again_when_shown_and_goes_when_the_embargo_passes(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "tomorrow" counts calendar days where the reader is: pin the reader's zone (UTC+01:00).
    monkeypatch.setattr(
        "app.views.overview_parts.local_offset_at", lambda _moment: dt.timedelta(hours=1)
    )
    clock = FixedWallClock(dt.datetime(2030, 1, 4, 14, 0, tzinfo=UTC))
    tab = make_overview(qtbot, kit, tmp_path, clock)
    tab.show()
    qtbot.waitExposed(tab)
    banner = tab.embargo_banner
    assert banner is not None and banner.isVisible()
    assert banner.text().endswith("6 days from now")
    tab.hide()
    clock.advance(dt.timedelta(days=5))
    tab.show()
    assert banner.text().endswith(", tomorrow")
    tab.hide()
    clock.advance(dt.timedelta(days=2))
    tab.show()
    assert not banner.isVisible()


def test_no_banner_once_the_embargo_has_passed(qtbot, kit: PressKit, tmp_path: Path) -> None:
    tab = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO)
    assert tab.embargo_banner is None
    assert tab.findChild(QLabel, "embargoBanner") is None
    # The terms stay: they hold after the embargo too.
    assert tab.terms is not None
    assert tab.terms.text().startswith("Terms: Editorial use only")
    assert "© 2030 Example Pictures" in tab.terms.text()


def test_laurels_one_per_award_image_where_given(qtbot, kit: PressKit, tmp_path: Path) -> None:
    tab = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO)
    assert tab.laurels is not None
    # Built on the turn after the overview first paints, in the space reserved for them.
    tab.show()
    qtbot.waitUntil(lambda: bool(tab.laurels and tab.laurels.laurels), timeout=5000)
    assert [laurel.award.festival for laurel in tab.laurels.laurels] == [
        award.festival for award in kit.awards
    ]
    with_image = tab.laurels.laurels[0]
    qtbot.waitUntil(lambda: with_image.image is not None, timeout=5000)
    assert not with_image.is_drawn
    assert all(laurel.is_drawn for laurel in tab.laurels.laurels[1:])


def test_only_upcoming_screenings_offer_add_to_calendar(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 11 Jan 2030 12:00 UTC: the press screening (10 Jan, 19:00 −05:00) is over.
    tab = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO)
    assert tab.screenings is not None
    assert tab.screenings.positions == [2, 3]
    assert len(tab.screenings.buttons) == 2
    titles = [label.text() for label in tab.screenings.findChildren(QLabel, "screeningTitle")]
    assert titles == ["World premiere", "Public screening"]
    texts = [label.text() for label in tab.screenings.findChildren(QLabel, "screeningText")]
    assert texts[0].startswith("12 Jan 2030, 18:30 UTC+01:00")
    assert texts[0].endswith("\nExample Film Festival Palace, Oslo")
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(
        "app.views.overview_screenings.add_to_calendar",
        lambda parent, kit, settings, positions, clock: calls.append((positions, clock)),
    )
    tab.screenings.buttons[1].click()
    assert tab.screenings.add_all_button is not None
    tab.screenings.add_all_button.click()
    assert calls == [([3], AFTER_EMBARGO), ([2, 3], AFTER_EMBARGO)]


def test_add_to_calendar_writes_the_chosen_screening(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "premiere.ics"
    monkeypatch.setattr(calendar_export, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(calendar_export, "write_and_confirm", _write_only)
    tab = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO)
    assert tab.screenings is not None
    tab.screenings.buttons[0].click()
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20300112T173000Z" in text
    assert "UID:" in text and "night-orbit-2030-intl" in text


def _write_only(parent, path: Path, data: bytes, what: str, done: str) -> bool:
    path.write_bytes(data)
    return True


def test_booth_mode_offers_no_calendar_buttons_and_no_switcher(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    booth = BoothSettings(backend=temp_settings(tmp_path)._backend)
    tab = make_overview(qtbot, kit, tmp_path, BEFORE_EMBARGO, settings=booth)
    assert tab.screenings is not None and tab.screenings.buttons == []
    assert tab.screenings.add_all_button is None
    assert tab.switcher is None


def test_language_switch_changes_the_text_and_is_remembered(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    settings = temp_settings(tmp_path)
    tab = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO, settings=settings)
    assert tab.switcher is not None
    assert tab.title.text() == "Night Orbit"
    tab.switcher.combo.setCurrentIndex(tab.switcher.combo.findData("fr"))
    assert tab.title.text() == "Orbite de nuit"
    assert tab.line_labels["tagline"].text() == "Six heures d'obscurité. Un seul chemin du retour."
    assert settings.get(TRANSLATION_LANGUAGE) == "fr"
    # Norwegian gives no logline: the kit's own stays.
    tab.switcher.combo.setCurrentIndex(tab.switcher.combo.findData("nb"))
    assert tab.title.text() == "Nattbane"
    assert tab.line_labels["logline"].text().startswith("When a supply ship loses contact")
    # A new overview (the next start) opens in the remembered language; the synopsis too.
    again = make_overview(qtbot, kit, tmp_path, AFTER_EMBARGO, settings=settings)
    again.show()
    qtbot.waitExposed(again)
    assert again.title.text() == "Nattbane"
    synopsis = SynopsisTab(kit, settings)
    qtbot.addWidget(synopsis)
    assert synopsis.current_text().startswith("To astronauter flyr")
    tab.switcher.combo.setCurrentIndex(0)
    assert tab.title.text() == "Night Orbit"
    assert settings.get(TRANSLATION_LANGUAGE) == ""


def test_an_unreadable_embargo_counts_as_in_force_and_says_so(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    unreadable = kit._replace(
        rights=Rights(usage=None, copyright=None, embargo=None, embargo_problem="not a time")
    )
    tab = make_overview(qtbot, unreadable, tmp_path, AFTER_EMBARGO)
    assert tab.embargo_banner is not None
    assert "cannot be read" in tab.embargo_banner.text()
    assert tab.terms is None  # no usage or copyright words: no terms line


def test_kit_text_in_new_parts_stays_plain(qtbot, kit: PressKit, tmp_path: Path) -> None:
    hostile = "<b>bold</b> <a href='file:///etc/passwd'>link</a>"
    marked = kit._replace(rights=Rights(usage=hostile, copyright=None))
    tab = make_overview(qtbot, marked, tmp_path, AFTER_EMBARGO)
    assert tab.terms is not None
    assert tab.terms.textFormat() == Qt.TextFormat.PlainText
    assert tab.terms.text() == "Terms: " + hostile
    for label in tab.findChildren(QLabel):
        if label.objectName() in ("screeningText", "screeningTitle", "embargoBanner"):
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_booth_mode_shows_the_kits_own_synopsis_whatever_was_chosen(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    home = temp_settings(tmp_path)
    home.set(TRANSLATION_LANGUAGE, "fr")
    at_home = SynopsisTab(kit, home)
    qtbot.addWidget(at_home)
    assert at_home.switcher is not None
    assert at_home.current_text().startswith("Quand le vaisseau")
    booth = SynopsisTab(kit, BoothSettings(backend=home._backend))
    qtbot.addWidget(booth)
    assert booth.switcher is None
    assert booth.current_text().startswith("When the supply ship")


def test_the_chosen_length_returns_with_a_language_that_has_it(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    tab = SynopsisTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    assert tab.switcher is not None and tab.long_button.isChecked()
    combo = tab.switcher.combo
    combo.setCurrentIndex(combo.findData("nb"))  # Norwegian has only a short synopsis
    assert tab.short_button.isChecked() and not tab.long_button.isEnabled()
    assert tab.current_text().startswith("To astronauter")
    combo.setCurrentIndex(combo.findData("fr"))
    assert tab.long_button.isChecked()
    assert tab.current_text().startswith("Quand le vaisseau Nattbane perd le contact")
    tab.short_button.click()
    combo.setCurrentIndex(0)
    assert tab.short_button.isChecked()
    assert tab.current_text().startswith("Two astronauts fly")


def test_the_laurel_row_reserves_its_height_before_the_laurels_arrive(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    """The laurels are built after the first paint; the facts under them must not move then."""
    from app.views.laurel import LAUREL_SIZE
    from app.views.overview_parts import LAUREL_HEIGHT, LaurelRow

    assert LAUREL_SIZE.height() == LAUREL_HEIGHT
    for count, rows in ((1, 1), (4, 1), (5, 2), (9, 3)):
        awards = (kit.awards * 9)[:count]
        row = LaurelRow(kit._replace(awards=awards))
        qtbot.addWidget(row)
        reserved = row.height(), row.sizeHint().height()
        assert row.laurels == []
        row.fill()
        assert len(row.laurels) == count
        assert row.minimumHeight() == row.maximumHeight() == reserved[0]
        assert reserved[0] == rows * LAUREL_HEIGHT + (rows - 1) * 8
        grid = row.layout()
        assert grid is not None
        grid.activate()
        assert max(w.geometry().bottom() for w in row.laurels) < reserved[0]


@pytest.mark.parametrize("deleted", ["laurel row", "whole tab"])
def test_a_closed_overview_cancels_the_calls_waiting_for_its_first_paint(
    qtbot, kit: PressKit, tmp_path: Path, deleted: str
) -> None:
    """A kit closed right after its overview painted (a failed open falling back, a booth
    reset) left a queued call on a deleted widget: a RuntimeError in the event loop."""
    from shiboken6 import Shiboken

    tab = OverviewTab(kit, temp_settings(tmp_path), clock=AFTER_EMBARGO)
    row = tab.laurels
    assert row is not None
    tab.painted_with_content.emit()  # queues the laurels' fill for the next turn
    if deleted == "laurel row":
        Shiboken.delete(row)
    else:
        Shiboken.delete(tab)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the event loop
    assert not Shiboken.isValid(row)
