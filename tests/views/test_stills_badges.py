"""Stills on night-orbit with a fixed clock: a still under embargo or with its own terms wears a
badge (painted, its reason in the tooltip), worked out once per kit, not per paint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.thumbnail_cache import ThumbnailCache
from app.model.times import FixedWallClock
from app.views import palette
from app.views.stills import terms as terms_module
from app.views.stills.grid_badges import shown_rect, terms_badge_font, terms_badge_rect
from app.views.stills.grid_model import TermsRole
from app.views.stills.grid_view import TILE_PADDING
from app.views.stills.terms import BadgeKind, still_terms
from app.views.stills_tab import StillsTab

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
BEFORE_KIT_EMBARGO = dt.datetime(2030, 1, 4, 12, 0, tzinfo=dt.UTC)
AFTER_KIT_EMBARGO = dt.datetime(2031, 1, 1, 12, 0, tzinfo=dt.UTC)
UTC_READER = dt.timedelta(0)


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


def _kinds(kit: PressKit, now: dt.datetime) -> list[BadgeKind | None]:
    found = [still_terms(kit, s, now, UTC_READER) for s in kit.stills]
    return [t.kind if t is not None else None for t in found]


def test_badges_follow_embargo_and_own_terms(kit: PressKit) -> None:
    # 01: its own embargo (2099) and terms; 02: its own embargo, already passed (it replaces
    # the kit's); 03: nothing of its own, under the kit's embargo until 10 Jan 2030.
    assert _kinds(kit, BEFORE_KIT_EMBARGO) == [
        BadgeKind.EMBARGO,
        BadgeKind.TERMS,
        BadgeKind.EMBARGO,
    ]
    assert _kinds(kit, AFTER_KIT_EMBARGO) == [BadgeKind.EMBARGO, BadgeKind.TERMS, None]


def test_the_reasons_say_why(kit: PressKit) -> None:
    first = still_terms(kit, kit.stills[0], BEFORE_KIT_EMBARGO, UTC_READER)
    assert first is not None
    assert first.reasons[0].startswith("Embargoed until 1 Jan 2099, 00:00 UTC")
    assert "Its own terms of use: Editorial use only; not before the festival premiere." in (
        first.reasons
    )
    assert "Its own copyright: © 2030 Example Pictures" in first.reasons
    second = still_terms(kit, kit.stills[1], BEFORE_KIT_EMBARGO, UTC_READER)
    ended = "Embargo ended 1 May 2024, 12:00 UTC+02:00 — 10:00 your time"
    assert second is not None and second.reasons == (ended,)
    third = still_terms(kit, kit.stills[2], BEFORE_KIT_EMBARGO, UTC_READER)
    assert third is not None and third.reasons[0].startswith("Embargoed until 10 Jan 2030, 09:00")


def test_a_kit_without_rights_has_no_badges(qtbot, tmp_path: Path) -> None:
    plain = load_press_kit(make_kit(tmp_path / "kit")).kit
    assert plain.stills
    assert all(still_terms(plain, s, BEFORE_KIT_EMBARGO) is None for s in plain.stills)


@pytest.fixture
def tab(qtbot, kit: PressKit, tmp_path: Path, monkeypatch) -> StillsTab:
    calls: list[int] = []
    real = terms_module.still_terms

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(terms_module, "still_terms", counting)
    host = QWidget()
    qtbot.addWidget(host)
    made = StillsTab(
        kit,
        temp_settings(tmp_path),
        host,
        thumbnail_cache=ThumbnailCache(tmp_path / "cache"),
        clock=FixedWallClock(BEFORE_KIT_EMBARGO),
    )
    QVBoxLayout(host).addWidget(made)
    host.resize(1200, 700)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: made.model is not None and made.model.screen_is_made())
    made.calls = calls  # type: ignore[attr-defined]
    yield made
    made.shutdown()


def test_tiles_carry_and_paint_their_badge(tab: StillsTab) -> None:
    assert tab.model is not None and tab.view is not None
    kinds = [tab.model.index(row).data(TermsRole) for row in range(tab.model.rowCount())]
    assert [k.kind if k else None for k in kinds] == [
        BadgeKind.EMBARGO,
        BadgeKind.TERMS,
        BadgeKind.EMBARGO,
    ]
    tip = tab.model.tooltip(0)
    assert "Embargoed until 1 Jan 2099" in tip and "Its own terms of use" in tip
    image = tab.view.viewport().grab().toImage()
    size = tab.view.image_size()
    expected = {BadgeKind.EMBARGO: palette.ACCENT, BadgeKind.TERMS: palette.SELECTED}
    for row, terms in enumerate(kinds):
        assert terms is not None
        rect = tab.view.visualRect(tab.model.index(row))
        picture = rect.adjusted(0, 0, 0, 0)
        picture.setRect(
            rect.x() + (rect.width() - size.width()) // 2,
            rect.y() + TILE_PADDING,
            size.width(),
            size.height(),
        )
        # On the thumbnail as drawn (held: the screen is made), not the empty box around it.
        decoration = tab.model.index(row).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(decoration, QPixmap)
        shown = shown_rect(picture, decoration)
        font = terms_badge_font(tab.view.font(), picture)
        badge = terms_badge_rect(picture, shown, terms.kind, font)
        assert badge.top() > picture.top() + 8  # the placeholder stills are wider than tall
        pixel = image.pixelColor(badge.left() + 5, badge.center().y())
        assert pixel.name() == QColor(expected[terms.kind]).name(), (row, pixel.name())


def test_badges_are_worked_out_once_not_per_paint(qtbot, tab: StillsTab) -> None:
    assert tab.view is not None
    before = len(tab.calls)  # type: ignore[attr-defined]
    assert before == 3 + 5  # once per still and artwork item when the models were made
    for _ in range(3):
        tab.view.viewport().repaint()
        assert tab.artwork is not None
        tab.artwork.view.viewport().repaint()
    assert len(tab.calls) == before  # type: ignore[attr-defined]


def test_artwork_is_its_own_group_after_the_stills(qtbot, tab: StillsTab, kit: PressKit) -> None:
    group = tab.artwork
    assert group is not None and tab.view is not None
    assert group.heading.text() == "Artwork"
    assert group.heading.textFormat().name in ("PlainText", "AutoText")
    # Below the stills' grid, the heading above its own grid.
    stills_bottom = tab.view.mapTo(tab, tab.view.rect().bottomLeft()).y()
    assert group.heading.mapTo(tab, group.heading.rect().topLeft()).y() > stills_bottom
    assert group.model.rowCount() == len(kit.artwork) == 5
    assert tab.model is not None and tab.model.rowCount() == len(kit.stills)
    captions = [group.model.index(r).data() for r in range(group.model.rowCount())]
    assert captions == [art.title for art in kit.artwork]
    # Artwork has no terms of its own: under the kit's embargo, each wears the embargo badge.
    assert all(
        group.model.index(r).data(TermsRole).kind is BadgeKind.EMBARGO
        for r in range(group.model.rowCount())
    )
    qtbot.waitUntil(lambda: group.model.is_made(0))
    group.view.activated.emit(group.model.index(1))
    assert tab.viewer is not None
    assert tab.viewer.caption.text() == "Title treatment"
    tab.viewer.show_row(2)
    assert group.view.currentIndex().row() == 2


def test_an_embargo_that_lifts_while_the_app_is_open_loses_its_badge_on_return(
    qtbot, tab: StillsTab
) -> None:
    """The kit's embargo (10 Jan 2030) passes while the tab is hidden: on return, still 03 (under
    the kit's embargo only) has no badge, still 01 keeps its own 2099 embargo with its "from
    now" said again, and still 02 (its embargo ended in 2024) is not repainted."""
    assert tab.model is not None
    host = tab.parentWidget()
    assert host is not None
    host.hide()
    clock = tab.model.clock
    assert isinstance(clock, FixedWallClock)
    clock.advance(AFTER_KIT_EMBARGO - BEFORE_KIT_EMBARGO)
    changed: list[int] = []
    tab.model.dataChanged.connect(lambda first, _last, _roles=(): changed.append(first.row()))
    host.show()
    qtbot.waitExposed(host)
    kinds = [tab.model.index(row).data(TermsRole) for row in range(tab.model.rowCount())]
    assert [k.kind if k else None for k in kinds] == [BadgeKind.EMBARGO, BadgeKind.TERMS, None]
    assert changed == [0, 2]
    assert "Embargoed" not in tab.model.tooltip(2)
