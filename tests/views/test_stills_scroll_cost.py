"""What a scroll step of the stills grid costs the UI thread (tests/benchmarks/bench_gallery.py
measures the stalls; tests/benchmarks/probe_gallery_stalls.py finds their causes): the viewport
is opaque, so a scroll repaints only the strip that comes into view; a scroll going on reads
nothing from the disk cache on the UI thread (a landing does); a tile reads what it paints in
one call; and no full garbage collection falls in a scroll.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit_factory import make_stills_kit, temp_settings
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QCursor, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.model.picks import Mark
from app.model.thumbnail_cache import ThumbnailCache
from app.views import full_collections
from app.views.application import load_stylesheet
from app.views.stills import grid_view
from app.views.stills.grid_model import (
    PickRole,
    ProblemRole,
    TermsRole,
    Viewport,
    WarningRole,
)
from app.views.stills_tab import StillsTab

STILLS = 120


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One more still names a file that is not there.
    missing = ("  - {file: stills/missing.jpg, caption: Gone}",)
    return make_stills_kit(tmp_path_factory.mktemp("scroll-kit"), STILLS, (640, 360), missing)


@pytest.fixture
def tab(qtbot, kit_dir: Path, tmp_path: Path) -> Iterator[StillsTab]:
    host = QWidget()
    qtbot.addWidget(host)
    # The app's stylesheet, whose background for the grid turns the viewport's fill off.
    host.setStyleSheet(load_stylesheet())
    opened = StillsTab(
        load_press_kit(kit_dir).kit,
        temp_settings(tmp_path),
        host,
        thumbnail_cache=ThumbnailCache(tmp_path / "cache"),
    )
    QVBoxLayout(host).addWidget(opened)
    host.resize(1200, 800)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: opened.view is not None and opened.view.viewport_rows() is not None)
    assert opened.model is not None
    qtbot.waitUntil(lambda: opened.model.screen_is_made(), timeout=20000)
    yield opened
    opened.shutdown()


class PaintedRegions(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.extend(event.region())  # type: ignore[attr-defined]
        return False


@pytest.mark.parametrize("step", [1, 40, 150])
def test_a_scroll_step_repaints_only_the_strip_it_brings_into_view(
    qtbot, tab: StillsTab, step: int
) -> None:
    view = tab.view
    assert view is not None
    viewport = view.viewport()
    assert viewport.autoFillBackground()  # opaque: Qt moves what is painted
    model = tab.model
    assert model is not None and model.viewport is not None
    near = model.viewport.near  # held ahead: no picture arrives during these steps
    qtbot.waitUntil(
        lambda: all(row in model.thumbnails or row in model.problems for row in near),
        timeout=20000,
    )
    # The pointer off the grid (a test before may have left it anywhere): a tile under it
    # repaints as the scroll moves it away and brings the next one under it.
    QCursor.setPos(view.mapToGlobal(QPoint(view.width() + 500, view.height() + 500)))
    QApplication.processEvents()
    watcher = PaintedRegions()
    viewport.installEventFilter(watcher)
    bar = view.verticalScrollBar()
    for _ in range(3):
        watcher.rects.clear()
        bar.setValue(bar.value() + step)
        QApplication.processEvents()
        painted_rows = {rect.y() + y for rect in watcher.rects for y in range(rect.height())}
        # The strip that came into view, and at most the tiles whose pictures arrived (none:
        # the screen below is held ahead); not the whole viewport.
        assert len(painted_rows) == step
        assert min(painted_rows) == viewport.height() - step


def test_the_viewport_stays_opaque_when_the_style_changes(qtbot, tab: StillsTab) -> None:
    view = tab.view
    assert view is not None
    host = tab.parentWidget()
    assert host is not None
    host.setStyleSheet(load_stylesheet() + "\nQListView#stillsGrid { border: none; }")
    assert not view.viewport().autoFillBackground()  # the stylesheet turned it off again
    QApplication.processEvents()
    assert view.viewport().autoFillBackground()
    # The fill is the stylesheet's background colour.
    colour = view.viewport().palette().color(view.viewport().backgroundRole())
    assert colour.name() == grid_view.palette.BACKGROUND


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("gaps", "scrolling"),
    [
        ((), False),  # one move: a jump
        ((0.05,), True),  # two moves close together: a drag
        ((0.05, 0.05, 0.05), True),  # a held key
        ((0.5,), False),  # two moves far apart: two jumps
    ],
)
def test_the_viewport_says_whether_a_scroll_is_going_on(
    qtbot, tab: StillsTab, monkeypatch: pytest.MonkeyPatch, gaps: tuple[float, ...], scrolling: bool
) -> None:
    view, model = tab.view, tab.model
    assert view is not None and model is not None
    clock = FakeClock()
    monkeypatch.setattr(grid_view.time, "monotonic", clock)
    reported: list[Viewport] = []
    view.viewport_changed.connect(reported.append)
    bar = view.verticalScrollBar()
    clock.now += 10  # long after anything before
    bar.setValue(bar.value() + 10)
    for gap in gaps:
        clock.now += gap
        bar.setValue(bar.value() + 10)
    qtbot.waitUntil(lambda: bool(reported))
    assert reported[-1].scrolling is scrolling
    # The next report, with no move since, is not a scroll's.
    reported.clear()
    view.report_viewport_soon()
    qtbot.waitUntil(lambda: bool(reported))
    assert reported[-1].scrolling is False


@pytest.mark.parametrize("scrolling", [True, False])
def test_only_a_landing_reads_the_disk_cache_on_the_ui_thread(
    qtbot, tab: StillsTab, monkeypatch: pytest.MonkeyPatch, scrolling: bool
) -> None:
    model = tab.model
    assert model is not None
    # Every thumbnail made and in the disk cache (the background fill), held only near the top.
    qtbot.waitUntil(lambda: model.made_count() == len(model.stills), timeout=30000)
    read: list[Path] = []
    real_read = model.loader.read_cached

    def read_cached(path: Path, identity: object) -> tuple[QImage, str | None] | None:
        read.append(path)
        return real_read(path, identity)  # type: ignore[arg-type]

    monkeypatch.setattr(model.loader, "read_cached", read_cached)
    asked: list[int] = []
    real_request = model.loader.request

    def request(key: int, path: Path, identity: object) -> None:
        asked.append(key)
        real_request(key, path, identity)  # type: ignore[arg-type]

    monkeypatch.setattr(model.loader, "request", request)
    far = tuple(range(STILLS - 12, STILLS))  # nothing held there
    assert not any(row in model.thumbnails for row in far)
    model.set_viewport(Viewport(far, frozenset(far), scrolling=scrolling))
    if scrolling:
        assert read == []  # asked of the pool instead
        assert set(far) <= set(asked)
    else:
        assert read  # the landing's screen, read here to paint it complete
        assert any(row in model.thumbnails for row in far)


def test_a_tile_reads_in_one_call_what_the_roles_say(tab: StillsTab) -> None:
    model = tab.model
    assert model is not None
    missing = STILLS  # the last row names a file that is not there
    for row in (0, 5, missing):
        index = model.index(row)
        tile = model.tile(row)
        assert tile.picture is index.data(Qt.ItemDataRole.DecorationRole) or (
            tile.picture is not None
            and tile.picture.cacheKey() == index.data(Qt.ItemDataRole.DecorationRole).cacheKey()
        )
        assert tile.problem == index.data(ProblemRole)
        assert tile.warning == index.data(WarningRole)
        assert tile.terms == index.data(TermsRole)
        assert tile.mark == index.data(PickRole)
        assert tile.caption == index.data(Qt.ItemDataRole.DisplayRole)
    assert model.tile(missing).problem
    assert isinstance(model.tile(0).mark, Mark)


def test_no_full_collection_runs_while_the_grid_scrolls(qtbot, tab: StillsTab) -> None:
    view = tab.view
    assert view is not None
    full_collections._HOLD.release()  # a hold the fixture's own scrolling may have left
    usual = gc.get_threshold()
    assert usual[2] < 1000
    collected: list[int] = []

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    gc.callbacks.append(on_collection)
    try:
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + 20)
        assert full_collections.full_collections_held_off()
        assert gc.get_threshold() == (usual[0], usual[1], full_collections.HELD_OFF)
        garbage = []
        for _ in range(usual[0] * usual[1] * (usual[2] + 2)):  # enough for a full one, as usual
            cycle: list[object] = []
            cycle.append(cycle)
            garbage.append(cycle)
        del garbage
        assert 2 not in collected
        assert collected  # the young generations went on being collected
        qtbot.waitUntil(
            lambda: not full_collections.full_collections_held_off(),
            timeout=full_collections.QUIET_MS * 4,
        )
        assert gc.get_threshold() == usual
    finally:
        gc.callbacks.remove(on_collection)
        full_collections._HOLD.release()


def test_each_step_of_a_scroll_extends_the_hold(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(full_collections, "QUIET_MS", 200)
    hold = full_collections._Hold()
    full_collections._HOLD.release()
    usual = gc.get_threshold()
    try:
        hold.extend()
        for _ in range(4):
            qtbot.wait(100)
            hold.extend()
            assert gc.get_threshold()[2] == full_collections.HELD_OFF
        qtbot.waitUntil(lambda: hold.usual is None, timeout=2000)
        assert gc.get_threshold() == usual
    finally:
        hold.release()
