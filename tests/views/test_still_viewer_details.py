"""The still viewer on night-orbit with a fixed clock: photographer, people shown, the terms
that apply and the embargo, as plain text; the embargo stands out while in force."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kit_factory import temp_settings

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.times import FixedWallClock
from app.views import palette
from app.views.still_viewer import StillViewer
from app.views.stills.still_details import detail_lines, embargo_line

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
NOW = dt.datetime(2030, 1, 4, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


def test_detail_lines_say_who_took_it_who_is_shown_and_the_terms(kit: PressKit) -> None:
    first, second, third = kit.stills
    assert detail_lines(kit, first) == [
        "Photographer: Kari Example",
        "Shown: Ola Example",
        "Terms of use (this still's own): Editorial use only; not before the festival premiere.",
        "© 2030 Example Pictures",
    ]
    # No terms of its own: the kit's apply, and the viewer says them too.
    assert detail_lines(kit, second)[1] == "Shown: Ola Example, Åsmund Ødegård-Example"
    assert detail_lines(kit, third) == [
        f"Terms of use: {kit.rights.usage}",  # type: ignore[union-attr]
        kit.rights.copyright,  # type: ignore[union-attr]
    ]


def test_embargo_line_in_force_ended_or_none(kit: PressKit) -> None:
    first, second, third = kit.stills
    utc = dt.timedelta(0)
    line = embargo_line(kit, first, NOW, utc)
    assert line is not None and line[0].startswith("Embargoed until 1 Jan 2099") and line[1]
    line = embargo_line(kit, second, NOW, utc)
    assert line is not None and line[0].startswith("Embargo ended 1 May 2024") and not line[1]
    line = embargo_line(kit, third, NOW, utc)
    assert line is not None and line[0].startswith("Embargoed until 10 Jan 2030") and line[1]
    assert embargo_line(kit, third, LATER, utc) is None  # the kit's, lifted: nothing to say


def test_the_viewer_shows_them_as_plain_text(qtbot, kit: PressKit, tmp_path: Path) -> None:
    viewer = StillViewer(
        list(kit.stills), 0, settings=temp_settings(tmp_path), kit=kit, clock=FixedWallClock(NOW)
    )
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    details = viewer.details
    assert details.details.textFormat().name == "PlainText"
    assert details.embargo.textFormat().name == "PlainText"
    assert "Photographer: Kari Example" in details.details.text()
    assert details.embargo.isVisible()
    assert details.embargo.text().startswith("Embargoed until 1 Jan 2099")
    assert palette.AMBER in details.embargo.styleSheet()
    viewer.show_row(1)
    assert details.embargo.text().startswith("Embargo ended 1 May 2024")
    assert palette.AMBER not in details.embargo.styleSheet()


def test_without_a_kit_only_the_stills_own_details_show(qtbot, kit: PressKit, tmp_path) -> None:
    viewer = StillViewer([kit.stills[2]], 0, settings=temp_settings(tmp_path))
    qtbot.addWidget(viewer)
    assert viewer.details.details.text() == ""
    assert viewer.details.embargo.isHidden()
