"""The Press tab: laurels (the kit's image decoded for real, else drawn), quotes as plain text
with a safe link, "Copy quote", its place among the tabs, and unreadable entries marked."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings, write_image
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from app.model.kit import Award, PressKit, Quote
from app.model.loader import load_press_kit
from app.model.opening import open_kit_location
from app.settings import BoothSettings, Settings
from app.views import palette
from app.views.feedback import Toast
from app.views.laurel import MAX_DRAWN_CHARS, LaurelWidget, drawn_lines, leaf_colour
from app.views.main_window import MainWindow
from app.views.press_tab import PressTab, QuoteCard, quote_for_copy, safe_link
from app.views.tab_specs import TAB_SPECS, tab_index

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


def _kit_1_1(root: Path, body: str) -> PressKit:
    root.mkdir(parents=True, exist_ok=True)
    manifest = "format: presskit/1.1\nfilm:\n  title: Press Test\nsynopsis:\n  short: S.\n"
    (root / "presskit.yaml").write_text(manifest + body, encoding="utf-8")
    return load_press_kit(root).kit


def _press_tab(qtbot, kit: PressKit, settings: Settings) -> PressTab:
    tab = PressTab(kit, settings)
    qtbot.addWidget(tab)
    tab.resize(1000, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


# -- the quote as copied ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            Quote("A ride.", "Film Review", "Per Example", datetime.date(2030, 1, 13)),
            '"A ride." — Per Example, Film Review (January 13, 2030)',
        ),
        (Quote("Quietly astonishing.", "The Daily"), '"Quietly astonishing." — The Daily'),
        (Quote("Bold.", "Weekly", author="Å. Ødegård"), '"Bold." — Å. Ødegård, Weekly'),
        (
            Quote("Late.", "Monthly", date=datetime.date(2031, 2, 1)),
            '"Late." — Monthly (February 1, 2031)',
        ),
        # Quotation marks the kit wrote itself are not doubled; a quote inside is kept.
        (Quote("“Already quoted.”", "Mag"), "“Already quoted.” — Mag"),
        (Quote('He said "no" twice', "Mag"), '"He said "no" twice" — Mag'),
        (Quote("<b>NO</b>", "<i>Src</i>"), '"<b>NO</b>" — <i>Src</i>'),
    ],
)
def test_quote_for_copy(quote: Quote, expected: str) -> None:
    assert quote_for_copy(quote) == expected


@pytest.mark.parametrize(
    ("url", "offered"),
    [
        ("https://example.com/reviews/night-orbit", True),
        ("http://example.com", True),
        ("HTTPS://EXAMPLE.COM/x", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://", False),
        ("run.sh", False),
        ("mailto:a@example.com", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_links_with_a_host_are_offered(url: str | None, offered: bool) -> None:
    assert (safe_link(url) is not None) is offered


# -- the tab on the Night Orbit kit -----------------------------------------------------------


def test_night_orbit_shows_every_award_and_quote_as_plain_text(qtbot, settings: Settings) -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    tab = _press_tab(qtbot, kit, settings)
    assert [laurel.award for laurel in tab.laurels] == list(kit.awards)
    assert [card.quote for card in tab.quote_cards] == list(kit.quotes)
    # The first award gives a laurel image: it is decoded for real, off the UI thread.
    with_image = tab.laurels[0]
    qtbot.waitUntil(lambda: with_image.image is not None or with_image.failed_reason is not None)
    assert with_image.failed_reason is None and not with_image.is_drawn
    assert all(laurel.is_drawn for laurel in tab.laurels[1:])
    categories = [label.text() for label in tab.findChildren(QLabel, "laurelCategory")]
    assert categories == ["Competition", "Best Sound"]
    first = tab.quote_cards[0]
    assert first.text_label.text() == "“A tense, beautiful ride home through the dark.”"
    assert first.attribution_label.text() == "— Per Example, Example Film Review (January 13, 2030)"
    assert tab.quote_cards[1].attribution_label.text() == "— The Example Daily"
    for label in tab.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert first.link_button is not None
    assert first.link == QUrl("https://example.com/reviews/night-orbit")
    assert first.link_button.text() == "example.com/reviews/night-orbit"
    assert tab.quote_cards[1].link_button is None  # no url given


def test_copy_quote_puts_the_quote_with_its_source_on_the_clipboard(
    qtbot, settings: Settings
) -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    tab = _press_tab(qtbot, kit, settings)
    qtbot.mouseClick(tab.quote_cards[0].copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        '"A tense, beautiful ride home through the dark." — Per Example, '
        "Example Film Review (January 13, 2030)"
    )
    toast = tab.window().findChild(Toast, "toast")
    assert toast is not None and toast.isVisible() and "Quote copied" in toast.text()
    qtbot.mouseClick(tab.quote_cards[1].copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == '"Quietly astonishing." — The Example Daily'


def test_clicking_the_link_hands_only_that_address_to_the_desktop(
    qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    # The desktop's opener would start a browser: the one thing that cannot run here.
    monkeypatch.setattr("app.views.press_tab.QDesktopServices.openUrl", opened.append)
    tab = _press_tab(qtbot, load_press_kit(NIGHT_ORBIT).kit, settings)
    button = tab.quote_cards[0].link_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl("https://example.com/reviews/night-orbit")]


def test_booth_mode_offers_no_link_but_shows_the_address(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    booth = BoothSettings(backend=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    tab = _press_tab(qtbot, load_press_kit(NIGHT_ORBIT).kit, booth)
    assert all(card.link_button is None for card in tab.quote_cards)
    assert not tab.findChildren(QPushButton, "pressQuoteLink")
    addresses = [label.text() for label in tab.findChildren(QLabel, "pressQuoteAddress")]
    assert addresses == ["https://example.com/reviews/night-orbit"]


def test_markup_in_quotes_and_awards_shows_literally(
    qtbot, tmp_path: Path, settings: Settings
) -> None:
    kit = _kit_1_1(
        tmp_path / "kit",
        "awards:\n"
        '  - {festival: "<img src=/dev/zero>", year: 2030, result: winner,'
        ' category: "<b>NO</b>"}\n'
        "quotes:\n"
        '  - {text: "<b>NO</b> &amp; <i>yes</i>", source: "<a href=x>Src</a>",'
        ' author: "A & B"}\n',
    )
    tab = _press_tab(qtbot, kit, settings)
    card = tab.quote_cards[0]
    assert card.text_label.text() == "“<b>NO</b> &amp; <i>yes</i>”"
    assert card.attribution_label.text() == "— A & B, <a href=x>Src</a>"
    assert tab.findChild(QLabel, "laurelCategory").text() == "<b>NO</b>"
    assert drawn_lines(tab.laurels[0].award)[1] == "<img src=/dev/zero>"
    assert "&lt;img src=/dev/zero&gt;" in tab.laurels[0].toolTip()  # escaped in <qt>
    assert tab.laurels[0].accessibleName().startswith("<img src=/dev/zero> 2030 — Winner")


def test_unreadable_entries_are_marked_at_their_place(
    qtbot, tmp_path: Path, settings: Settings
) -> None:
    kit = _kit_1_1(
        tmp_path / "kit",
        "quotes:\n"
        "  - {text: First., source: One}\n"
        "  - {source: Two}\n"  # no text: skipped by the loader
        "  - {text: Third., source: Three}\n"
        "awards:\n"
        "  - {festival: Fest, result: maybe}\n",
    )
    assert [entry.number for entry in kit.skipped_in("quotes")] == [2]
    tab = _press_tab(qtbot, kit, settings)
    layout = tab.content_layout
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    quote_part = [w for w in shown if isinstance(w, QuoteCard) or w in tab.marks]
    assert isinstance(quote_part[0], QuoteCard) and quote_part[0].quote.text == "First."
    assert quote_part[1] in tab.marks and quote_part[1].text().startswith("Quote #2")
    assert isinstance(quote_part[2], QuoteCard) and quote_part[2].quote.text == "Third."
    assert any(mark.text().startswith("Award #1") for mark in tab.marks)
    assert not tab.laurels


# -- the laurel -------------------------------------------------------------------------------


def _award(**changes: object) -> Award:
    award = Award("Example Film Festival", "official selection", 2030, "Competition")
    return award._replace(**changes)


def test_a_drawn_laurel_paints_its_leaves_in_the_palette(qtbot) -> None:
    for result, colour in (("winner", palette.AMBER), ("nominee", palette.TEXT_SECONDARY)):
        laurel = LaurelWidget(_award(result=result))
        qtbot.addWidget(laurel)
        laurel.resize(230, 150)
        image = laurel.grab().toImage()
        wanted = QColor(colour).rgb()
        leaf_pixels = sum(
            1
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
            if image.pixel(x, y) == wanted
        )
        assert leaf_pixels > 100, result
        assert leaf_colour(laurel.award) == colour


def test_a_long_festival_name_is_cut_for_drawing_and_kept_whole_elsewhere(qtbot) -> None:
    name = "Festival" * 125_000  # one million characters, one word
    laurel = LaurelWidget(_award(festival=name))
    qtbot.addWidget(laurel)
    result, festival, year = drawn_lines(laurel.award)
    assert len(festival) == MAX_DRAWN_CHARS and festival.endswith("…")
    assert (result, year) == ("OFFICIAL SELECTION", "2030")
    assert name in laurel.accessibleName()
    laurel.resize(230, 150)
    assert not laurel.grab().isNull()


def test_a_broken_laurel_image_falls_back_to_the_drawn_laurel(
    qtbot, tmp_path: Path, settings: Settings
) -> None:
    root = tmp_path / "kit"
    (root / "art").mkdir(parents=True)
    write_image(root / "art" / "good.png", 300, 200)
    (root / "art" / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    kit = _kit_1_1(
        root,
        "awards:\n"
        "  - {festival: Good Fest, result: winner, laurel: art/good.png}\n"
        "  - {festival: Bad Fest, result: winner, laurel: art/bad.png}\n",
    )
    assert all(award.laurel is not None for award in kit.awards)
    tab = _press_tab(qtbot, kit, settings)
    good, bad = tab.laurels
    qtbot.waitUntil(lambda: good.image is not None and bad.failed_reason is not None)
    assert good.image is not None and good.image.width() == 300
    assert bad.is_drawn and bad.failed_reason.startswith("art/bad.png")


# -- its place among the tabs -----------------------------------------------------------------


def test_press_sits_after_the_trailer_and_before_the_notes() -> None:
    keys = [spec.key for spec in TAB_SPECS]
    assert keys[keys.index("trailer") + 1] == "press"
    assert keys[keys.index("press") + 1] == "notes"
    assert len(TAB_SPECS) == 8


def _window(qtbot, tmp_path: Path, kit: Path) -> MainWindow:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit), remember=False)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_tab_is_hidden_without_quotes_or_awards(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, make_kit(tmp_path / "kit", contacts=True))
    press = tab_index("press")
    assert not window.tab_widget.isTabVisible(press)
    assert not window.tab_actions[press].isEnabled()
    assert window.tab_actions[tab_index("contacts")].shortcut().toString() == "Ctrl+8"


def test_ctrl_6_opens_the_press_tab_of_night_orbit(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, NIGHT_ORBIT)
    press = tab_index("press")
    assert window.tab_widget.isTabVisible(press)
    assert window.tab_widget.tabText(press) == "Press"
    action = window.tab_actions[press]
    assert action.shortcut().toString() == "Ctrl+6"
    action.trigger()
    assert window.tab_widget.currentIndex() == press
    tab = window.hosts[press].tab
    assert isinstance(tab, PressTab) and len(tab.quote_cards) == 2
