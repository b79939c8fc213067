"""The fictional Night Orbit kit (every key of presskit/1.1, real placeholder media) is read by
the loader and ``validate`` with no problem at all, and the model answers about it as the views
and the booth will ask."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from app.model.kit_snapshot import KitSnapshots
from app.model.loader import load_press_kit
from app.model.validate import validate_kit

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc


def test_night_orbit_validates_with_0_errors_and_0_warnings() -> None:
    result, problems = validate_kit(NIGHT_ORBIT)
    assert [p.format() for p in problems] == []
    assert result is not None and result.kit.skipped == ()


def test_night_orbit_as_the_model_reads_it() -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    assert kit.format == "presskit/1.1"
    assert kit.kit_info is not None and kit.kit_info.id == "night-orbit-2030-intl"
    assert kit.film.specs is not None and kit.film.specs.year == 2030
    assert [a.kind for a in kit.artwork] == ["poster", "logo", "banner", "key-art", "other"]
    assert [a.result for a in kit.awards] == [
        "official selection",
        "winner",
        "nominee",
        "special mention",
    ]
    assert [v.kind for v in kit.videos] == ["trailer", "interview"]
    booth = kit.booth_video()
    assert booth is not None and booth.title == "Official trailer"
    assert [t.language for t in kit.translations] == ["fr", "nb"]
    assert kit.credited_role("Åsmund Ødegård-Example") == "Engineer Berg"
    assert [c.territory for c in kit.contacts] == ["United Kingdom", "Norway", None]


def test_night_orbit_embargoes() -> None:
    kit = load_press_kit(NIGHT_ORBIT).kit
    before = dt.datetime(2030, 1, 10, 13, 59, tzinfo=UTC)  # the kit's embargo: 14:00Z
    after = dt.datetime(2030, 1, 10, 14, 0, tzinfo=UTC)
    assert kit.under_embargo(None, before) and not kit.under_embargo(None, after)
    first, second, third = kit.stills
    assert kit.under_embargo(first, after)  # its own embargo runs to 2099
    assert not kit.under_embargo(second, before)  # its own embargo passed in 2024
    assert kit.under_embargo(third, before) and not kit.under_embargo(third, after)  # the kit's
    trailer, interview = kit.videos
    assert not kit.under_embargo(trailer, before)
    assert kit.under_embargo(interview, after)  # until 12 Jan 2030


def test_night_orbit_round_trips_through_a_snapshot(tmp_path: Path) -> None:
    root = Path(shutil.copytree(NIGHT_ORBIT, tmp_path / "night-orbit"))
    result = load_press_kit(root)
    snapshots = KitSnapshots(tmp_path / "snapshots", "test")
    snapshots.save(result)
    kept = snapshots.load(root)
    assert kept is not None and kept.kit == result.kit
