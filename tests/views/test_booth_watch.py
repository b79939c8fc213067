"""``--booth-watch`` driven for real: a BoothWindow on a ManualClock with a KitWatch on a real
folder; kits are real zips of night-orbit (each edition with its own title), listed and checked
on pool threads. No test waits 5 real seconds: the clock is moved, and the test waits only for
the pool's work to come back.

Also the embargo rule of visitor mode: its tabs, like the attract loop, are built from the
public kit, made again at every reset."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from booth_support import clock_of
from PySide6.QtCore import QPoint, Qt

from app.model.booth_session import BoothPhase
from app.model.booth_watch import StableFiles
from app.model.times import FixedWallClock
from app.views.booth.booth_window import BoothWindow
from app.views.booth.kit_watch import KitWatch
from app.views.stills_tab import StillsTab

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc
# Every still, video and artwork of night-orbit is free of embargo then, save still 1 (2099).
AFTER_EMBARGOES = dt.datetime(2031, 1, 1, tzinfo=UTC)


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Extractions go to a private folder, so a test sees each one come and go."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def edition_bytes(title: str) -> bytes:
    """night-orbit zipped, with ``title`` as the film's title."""
    path = Path(tempfile.mkstemp(suffix=".zip")[1])
    try:
        with zipfile.ZipFile(path, "w") as out:
            for file in sorted(NIGHT_ORBIT.rglob("*")):
                if file.is_file():
                    data = file.read_bytes()
                    if file.name == "presskit.yaml":
                        data = data.replace(b"title: Night Orbit", f"title: {title}".encode())
                    out.writestr(file.relative_to(NIGHT_ORBIT).as_posix(), data)
        return path.read_bytes()
    finally:
        path.unlink()


def drop(folder: Path, name: str, data: bytes, age_seconds: float = 0) -> Path:
    path = folder / name
    path.write_bytes(data)
    if age_seconds:
        stamp = path.stat().st_mtime - age_seconds
        os.utime(path, (stamp, stamp))
    return path


def title_of(window: BoothWindow) -> str:
    assert window.opened is not None
    return window.opened.result.kit.film.title


def watch_folder(window: BoothWindow, folder: Path) -> KitWatch:
    watch = KitWatch(folder, window.clock, StableFiles(), None, window)
    window.set_kit_watch(watch)
    return watch


def seconds_pass(qtbot, window: BoothWindow, watch: KitWatch, seconds: int) -> None:
    """Move the booth's clock on a second at a time; after each, let the watch's listing and
    checking on the pool come back (as they would within a real second)."""
    clock = clock_of(window)
    for _ in range(seconds):
        clock.advance(1.0)
        qtbot.waitUntil(lambda: watch.idle, timeout=60_000)


def wake(qtbot, window: BoothWindow) -> None:
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert window.session.phase is BoothPhase.VISITOR


def idle_until_reset(window: BoothWindow) -> None:
    clock_of(window).advance(window.config.idle_seconds + window.config.countdown_seconds + 1)
    assert window.session.phase is BoothPhase.ATTRACT


def test_a_new_kit_replaces_the_running_one_at_the_next_reset(
    qtbot, make_booth, tmp_path: Path, temp_root: Path
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    first = drop(watched, "edition-1.zip", edition_bytes("First Edition"), age_seconds=3600)
    window = make_booth(first, wall_clock=FixedWallClock(AFTER_EMBARGOES))
    assert window.opened is not None and window.opened.extracted is not None
    first_extraction = window.opened.extracted.temp_dir
    watch = watch_folder(window, watched)
    wake(qtbot, window)  # a visitor is using the booth: nothing may change under them

    drop(watched, "edition-2.zip", edition_bytes("Second Edition"))
    seconds_pass(qtbot, window, watch, 7)
    assert watch.pending is not None
    assert title_of(window) == "First Edition"  # the visitor's kit stays
    assert window.session.phase is BoothPhase.VISITOR

    idle_until_reset(window)
    assert title_of(window) == "Second Edition"
    assert window.attract.kit is not None and window.attract.kit.film.title == "Second Edition"
    assert window.tab_widget.currentIndex() == 0
    assert window.attract.running
    assert watch.pending is None
    # The replaced kit's extraction is gone; only the running kit's remains.
    assert not first_extraction.exists()
    assert window.opened is not None and window.opened.extracted is not None
    assert list(temp_root.iterdir()) == [window.opened.extracted.temp_dir]

    # The next visitor sees the new kit's tabs.
    wake(qtbot, window)
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab)
    assert stills.kit.film.title == "Second Edition"


def test_a_broken_kit_is_logged_once_and_ignored(
    qtbot, make_booth, tmp_path: Path, temp_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    window = make_booth(NIGHT_ORBIT, wall_clock=FixedWallClock(AFTER_EMBARGOES))
    watch = watch_folder(window, watched)
    caplog.set_level(logging.INFO, logger="app")
    whole = edition_bytes("Broken Edition")
    drop(watched, "broken.zip", whole[: len(whole) // 2])  # cut off: no central directory
    seconds_pass(qtbot, window, watch, 7)
    assert watch.checked == 1
    assert watch.pending is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("broken.zip is not used" in message for message in warnings)
    assert any("broken.zip" in m and "zip archive" in m for m in warnings)
    # Never retried while it stays as it is; the running kit goes on.
    seconds_pass(qtbot, window, watch, 10)
    assert watch.checked == 1
    idle_until_reset(window)
    assert title_of(window) == "Night Orbit"
    assert list(temp_root.iterdir()) == []


def test_a_kit_still_being_written_is_not_touched_until_it_settles(
    qtbot, make_booth, tmp_path: Path, temp_root: Path
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    window = make_booth(NIGHT_ORBIT, wall_clock=FixedWallClock(AFTER_EMBARGOES))
    watch = watch_folder(window, watched)
    whole = edition_bytes("Slow Copy")
    target = watched / "slow-copy.zip"
    chunk = len(whole) // 12 + 1
    for start in range(0, len(whole), chunk):  # a slow network copy: a chunk a second
        with target.open("ab") as out:
            out.write(whole[start : start + chunk])
        seconds_pass(qtbot, window, watch, 1)
        assert watch.checked == 0
    assert target.read_bytes() == whole
    seconds_pass(qtbot, window, watch, 4)
    assert watch.checked == 0  # unchanged for 4 s only
    seconds_pass(qtbot, window, watch, 2)
    assert watch.checked == 1
    assert watch.pending is not None and watch.pending.path == target
    assert watch.pending.opened is not None
    pending_extraction = watch.pending.opened.extracted
    assert pending_extraction is not None and pending_extraction.temp_dir.exists()
    # The booth leaves before its next idle moment: the waiting kit's extraction goes too.
    window.leave()
    assert not pending_extraction.temp_dir.exists()
    assert list(temp_root.iterdir()) == []


def test_the_newest_good_kit_wins_and_an_older_one_is_not_shown(
    qtbot, make_booth, tmp_path: Path, temp_root: Path
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    window = make_booth(NIGHT_ORBIT, wall_clock=FixedWallClock(AFTER_EMBARGOES))
    watch = watch_folder(window, watched)
    wake(qtbot, window)
    drop(watched, "older.zip", edition_bytes("Older"), age_seconds=600)
    drop(watched, "newer.zip", edition_bytes("Newer"), age_seconds=60)
    seconds_pass(qtbot, window, watch, 7)
    assert watch.pending is not None and watch.pending.path.name == "newer.zip"
    # The older one was not even opened; nothing but the waiting kit is extracted.
    assert len(list(temp_root.iterdir())) == 1
    idle_until_reset(window)
    assert title_of(window) == "Newer"


def test_an_untouched_booth_takes_the_new_kit_at_the_end_of_its_loop(
    qtbot, make_booth, tmp_path: Path, temp_root: Path
) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    window = make_booth(NIGHT_ORBIT, wall_clock=FixedWallClock(AFTER_EMBARGOES), slide_seconds=1)
    watch = watch_folder(window, watched)
    cycles: list[int] = []
    window.attract.cycle_finished.connect(cycles.append)
    drop(watched, "edition-2.zip", edition_bytes("Second Edition"))
    seconds_pass(qtbot, window, watch, 7)
    assert watch.pending is not None
    clock = clock_of(window)

    def moved_on() -> bool:
        clock.advance(0.5)
        return title_of(window) == "Second Edition"

    qtbot.waitUntil(moved_on, timeout=120_000)
    assert cycles  # at the end of a loop, not in the middle of one
    assert window.session.phase is BoothPhase.ATTRACT
    assert window.attract.running


# -- embargoes in visitor mode ---------------------------------------------------------------


def stills_shown(window: BoothWindow) -> list[str]:
    tab = window.show_tab(StillsTab)
    assert isinstance(tab, StillsTab)
    return [still.file_text for still in tab.kit.stills]


def test_visitor_mode_shows_embargoed_material_only_after_a_reset_past_its_embargo(
    qtbot, make_booth
) -> None:
    # night-orbit's own embargo lifts on 10 Jan 2030 at 14:00 UTC: still 3, the artwork and
    # (with its own terms) the trailer; still 1 waits to 2099, the interview to 12 Jan 2030.
    wall = FixedWallClock(dt.datetime(2030, 1, 10, 13, 0, tzinfo=UTC))
    window = make_booth(NIGHT_ORBIT, wall_clock=wall)
    wake(qtbot, window)
    assert stills_shown(window) == ["stills/02.jpg"]
    assert window.public is not None
    assert [v.file_text for v in window.public.kit.videos] == ["video/trailer.mp4"]
    assert window.public.kit.artwork == ()
    for host in window.hosts:  # no tab of visitor mode got anything else
        assert host.kit == window.public.kit

    wall.advance(dt.timedelta(hours=2))  # the embargo passes while a visitor looks
    assert stills_shown(window) == ["stills/02.jpg"]
    idle_until_reset(window)
    assert window.attract.kit is not None
    assert [s.file_text for s in window.attract.kit.stills] == ["stills/02.jpg", "stills/03.jpg"]
    wake(qtbot, window)
    assert stills_shown(window) == ["stills/02.jpg", "stills/03.jpg"]
    assert len(window.public.kit.artwork) == 5


def test_an_untouched_booth_shows_a_passed_embargos_stills_from_its_next_loop(
    qtbot, make_booth
) -> None:
    wall = FixedWallClock(dt.datetime(2030, 1, 10, 13, 0, tzinfo=UTC))
    window = make_booth(NIGHT_ORBIT, wall_clock=wall, slide_seconds=1)
    assert window.attract.kit is not None
    assert [s.file_text for s in window.attract.kit.stills] == ["stills/02.jpg"]
    cycles: list[int] = []
    window.attract.cycle_finished.connect(cycles.append)
    wall.advance(dt.timedelta(hours=2))
    clock = clock_of(window)

    def renewed() -> bool:
        clock.advance(0.5)
        kit = window.attract.kit
        return kit is not None and len(kit.stills) == 2

    qtbot.waitUntil(renewed, timeout=120_000)
    assert cycles  # at the end of a loop
    assert window.session.phase is BoothPhase.ATTRACT and window.attract.running
    wake(qtbot, window)
    assert stills_shown(window) == ["stills/02.jpg", "stills/03.jpg"]
