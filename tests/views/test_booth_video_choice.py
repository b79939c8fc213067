"""The booth plays kit.booth_video(now): the first trailer free of embargo on the wall clock,
and nothing at all while every video is embargoed (a public screen shows no embargoed video)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.model.booth_session import BoothConfig
from app.model.clock import ManualClock
from app.model.loader import load_press_kit
from app.model.times import FixedWallClock
from app.views.booth.attract_loop import AttractLoop

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # The trailer's embargo (1 Jun 2025) and the interview's (12 Jan 2030) both in force.
        (dt.datetime(2025, 1, 1, tzinfo=UTC), None),
        (dt.datetime(2025, 5, 31, 23, 59, 59, tzinfo=UTC), None),
        # The trailer's embargo lifts at its moment exactly.
        (dt.datetime(2025, 6, 1, tzinfo=UTC), "video/trailer.mp4"),
        (dt.datetime(2031, 1, 1, tzinfo=UTC), "video/trailer.mp4"),
    ],
)
def test_attract_loop_plays_the_booth_video_free_at_the_wall_clock(
    qtbot, moment: dt.datetime, expected: str | None
) -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    loop = AttractLoop(ManualClock(), BoothConfig())
    qtbot.addWidget(loop)
    loop.wall_clock = FixedWallClock(moment)
    loop.set_kit(kit)
    try:
        chosen = loop.video_choice
        assert (chosen.file_text if chosen else None) == expected
        assert loop.sequence is not None
        assert loop.sequence.trailer_usable is (expected is not None)
        assert (loop.player is not None) is (expected is not None)
        if expected is not None:
            assert loop.player is not None
            qtbot.waitUntil(lambda: loop.player is not None and loop.player.duration() > 0)
    finally:
        loop.stop()
        if loop.player is not None:
            loop.player.shutdown()
