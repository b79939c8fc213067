"""Booth mode on a presskit/1.1 kit (night-orbit): the attract loop leaves out every still and
video under embargo at the wall clock's time, and the title card carries the kit's laurels and
its top quote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont

from app.model.booth_session import BoothConfig
from app.model.clock import ManualClock
from app.model.kit import PressKit
from app.model.opening import open_kit_location
from app.model.times import FixedWallClock
from app.views.booth.attract_loop import AttractLoop
from app.views.booth.title_card import (
    CARD_LAUREL_POINTS,
    CardLine,
    paint_title_card,
    title_card_lines,
)
from app.views.laurel import LaurelWidget

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def kit() -> PressKit:
    return open_kit_location(NIGHT_ORBIT).result.kit


def loop_at(qtbot, kit: PressKit, moment: dt.datetime) -> AttractLoop:
    loop = AttractLoop(ManualClock(), BoothConfig())
    qtbot.addWidget(loop)
    loop.wall_clock = FixedWallClock(moment)
    loop.set_kit(kit)
    return loop


def shown_stills(loop: AttractLoop) -> list[str]:
    """The stills the loop will show, by file."""
    assert loop.sequence is not None and loop.kit is not None
    return [loop.kit.stills[index].file_text for index in loop.sequence.usable_stills()]


def test_stills_under_embargo_are_left_out_until_it_passes(qtbot, kit: PressKit) -> None:
    # Still 1 is embargoed until 2099, still 2 until May 2024, still 3 has the kit's embargo
    # (10 Jan 2030, 09:00 −05:00).
    before_kit_embargo = loop_at(qtbot, kit, dt.datetime(2030, 1, 4, tzinfo=UTC))
    assert shown_stills(before_kit_embargo) == ["stills/02.jpg"]
    after = loop_at(qtbot, kit, dt.datetime(2030, 2, 1, tzinfo=UTC))
    assert shown_stills(after) == ["stills/02.jpg", "stills/03.jpg"]
    in_2024 = loop_at(qtbot, kit, dt.datetime(2024, 1, 1, tzinfo=UTC))
    assert shown_stills(in_2024) == []
    # Left out of the loop's kit altogether, not only skipped: nothing can show them.
    assert in_2024.kit is not None and in_2024.kit.stills == ()


def test_the_booth_plays_no_video_under_embargo(qtbot, kit: PressKit) -> None:
    # The trailer's own embargo (1 Jun 2025) replaces the kit's: free from then on.
    free = loop_at(qtbot, kit, dt.datetime(2026, 1, 1, tzinfo=UTC))
    assert free.video_choice is not None and free.video_choice.title == "Official trailer"
    # Before it, the interview (embargoed to 2030) may not play either: no video at all.
    early = loop_at(qtbot, kit, dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert early.video_choice is None
    assert early.sequence is not None and not early.sequence.trailer_usable


def test_title_card_lines_end_with_the_top_quote(kit: PressKit) -> None:
    lines = title_card_lines(kit.film, kit.quotes)
    assert lines[-2:] == (
        (CardLine.QUOTE, "\u201cA tense, beautiful ride home through the dark.\u201d"),
        (CardLine.QUOTE_SOURCE, "— Per Example, Example Film Review"),
    )
    assert CardLine.QUOTE not in [line.role for line in title_card_lines(kit.film)]


def test_title_card_paints_the_laurels_under_the_text(qtbot, kit: PressKit) -> None:
    loop = loop_at(qtbot, kit, dt.datetime(2030, 2, 1, tzinfo=UTC))
    assert [laurel.award for laurel in loop.card_laurels] == list(kit.awards)
    assert not any(laurel.isVisible() for laurel in loop.card_laurels)
    lines = loop.title_card_lines
    size = QSize(1280, 720)
    without = paint_title_card(lines, None, size, 1.0, QFont()).toImage()
    with_laurels = paint_title_card(lines, None, size, 1.0, QFont(), loop.card_laurels).toImage()
    # The laurels' leaves are drawn in the bottom part of the card, where the card without them
    # has only its background.
    bottom = [(x, y) for x in range(0, 1280, 4) for y in range(560, 720, 4)]
    changed = sum(1 for x, y in bottom if without.pixel(x, y) != with_laurels.pixel(x, y))
    assert changed > 50


def test_card_laurels_keep_the_viewers_text_size_under_the_booths_larger_text(
    qtbot, qapp, kit: PressKit
) -> None:
    before = qapp.styleSheet()
    qapp.setStyleSheet(before + "\nQWidget { font-size: 14pt; }")
    try:
        loop = loop_at(qtbot, kit, dt.datetime(2030, 2, 1, tzinfo=UTC))
        sizes = {laurel.font().pointSizeF() for laurel in loop.card_laurels}
        plain = LaurelWidget(kit.awards[1], loop)
        plain.ensurePolished()
        assert plain.font().pointSizeF() == 14.0  # the booth's text, as the test meant
        assert sizes == {CARD_LAUREL_POINTS}
    finally:
        qapp.setStyleSheet(before)
