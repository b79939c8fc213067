"""What the stills grid's first screen waits for (tests/benchmarks/bench_gallery.py's cold and
warm first screens): the grid says which tiles are on screen while it is laid out for its first
paint, not a loop turn after it, so the pool starts decoding them at once; and a thumbnail is
held for painting without its pixels being copied on the UI thread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import make_stills_kit
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from app.media.thumbnail_loader import ThumbnailLoader
from app.media.thumbnails import mark_pixel_ratio
from app.model.loader import load_press_kit
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache
from app.views.stills.grid_model import StillsModel, Viewport
from app.views.stills.grid_view import StillsGrid

STILLS = 40


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_stills_kit(tmp_path_factory.mktemp("first-screen-kit"), STILLS, (640, 360))


def _picture(width: int = 430, height: int = 288) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#335577"))
    return image


def _model(kit_dir: Path, tmp_path: Path, ratio: float) -> StillsModel:
    return StillsModel(load_press_kit(kit_dir).kit, ratio, cache=ThumbnailCache(tmp_path / "c"))


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_a_marked_thumbnail_is_held_without_copying_its_pixels(
    qtbot, kit_dir: Path, tmp_path: Path, ratio: float
) -> None:
    model = _model(kit_dir, tmp_path, ratio)
    try:
        model.viewport = Viewport((0, 1), frozenset(range(STILLS)))
        pictures = {row: _picture() for row in (0, 1)}
        for picture in pictures.values():
            mark_pixel_ratio(picture, ratio)
        for row, picture in pictures.items():
            model._on_loader_ready(row, picture, "")
        qtbot.waitUntil(lambda: all(row in model.thumbnails for row in pictures))
        for row, picture in pictures.items():
            held = model.thumbnails[row]
            assert held.devicePixelRatio() == ratio
            # The same pixels: no copy was made to give the pixmap its ratio.
            assert held.toImage().cacheKey() == picture.cacheKey()
    finally:
        model.loader.stop()


@pytest.mark.parametrize("ratio", [1.5, 2.0])
def test_an_unmarked_thumbnail_is_still_held_at_the_screens_ratio(
    qtbot, kit_dir: Path, tmp_path: Path, ratio: float
) -> None:
    model = _model(kit_dir, tmp_path, ratio)
    try:
        model.viewport = Viewport((3,), frozenset(range(STILLS)))
        model._on_loader_ready(3, _picture(), "")  # ratio 1: made elsewhere, say
        qtbot.waitUntil(lambda: 3 in model.thumbnails)
        assert model.thumbnails[3].devicePixelRatio() == ratio
        assert model.thumbnails[3].deviceIndependentSize().width() == pytest.approx(430 / ratio)
    finally:
        model.loader.stop()


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_the_loader_marks_what_it_decodes_and_what_it_reads_from_the_cache(
    qtbot, kit_dir: Path, tmp_path: Path, ratio: float
) -> None:
    cache = ThumbnailCache(tmp_path / "cache")
    box = QSize(round(256 * ratio), round(144 * ratio))
    loader = ThumbnailLoader(box, cache=cache, pixel_ratio=ratio)
    still = kit_dir / "stills" / "000.jpg"
    stat = still.stat()
    identity = SourceIdentity.for_file(still, stat.st_size, stat.st_mtime_ns)
    try:
        with qtbot.waitSignal(loader.ready, timeout=20000) as made:
            loader.request(7, still, identity)
        decoded = made.args[1]
        assert isinstance(decoded, QImage) and not decoded.isNull()
        assert decoded.devicePixelRatio() == ratio
        # The cache write is deferred until the queue is idle: wait for it, then read it back.
        qtbot.waitUntil(lambda: loader.read_cached(still, identity) is not None, timeout=20000)
        read = loader.read_cached(still, identity)
        assert read is not None
        assert read[0].devicePixelRatio() == ratio
        assert read[0].size() == decoded.size()
    finally:
        loader.stop()


def test_mark_pixel_ratio_leaves_a_marked_image_alone() -> None:
    picture = _picture()
    mark_pixel_ratio(picture, 2.0)
    key = picture.cacheKey()
    mark_pixel_ratio(picture, 2.0)
    assert picture.cacheKey() == key and picture.devicePixelRatio() == 2.0


def _shown_grid(qtbot, kit_dir: Path, tmp_path: Path) -> tuple[QWidget, StillsGrid, list[Viewport]]:
    host = QWidget()
    qtbot.addWidget(host)
    grid = StillsGrid(host)
    model = _model(kit_dir, tmp_path, 1.0)
    model.setParent(grid)
    grid.setModel(model)
    reports: list[Viewport] = []
    grid.viewport_changed.connect(reports.append)
    grid.resize(900, 600)
    return host, grid, reports


def test_the_first_viewport_is_reported_while_the_grid_is_shown(
    qtbot, kit_dir: Path, tmp_path: Path
) -> None:
    host, grid, reports = _shown_grid(qtbot, kit_dir, tmp_path)
    host.show()  # no event loop turn in between: reported before the first paint
    assert len(reports) == 1
    first = reports[0]
    assert first.visible and first.visible[0] == 0
    assert not first.scrolling
    rows = grid.viewport_rows()
    assert rows is not None and list(first.visible) == rows[0]
    grid.model().loader.stop()


def test_changes_after_the_first_report_are_coalesced(qtbot, kit_dir: Path, tmp_path: Path) -> None:
    host, grid, reports = _shown_grid(qtbot, kit_dir, tmp_path)
    host.show()
    assert len(reports) == 1
    grid.resize(700, 500)
    grid.resize(600, 400)
    assert len(reports) == 1  # not at once: in the next loop turn, once for both
    qtbot.waitUntil(lambda: len(reports) == 2)
    qtbot.wait(50)
    assert len(reports) == 2
    assert reports[1].visible == tuple(grid.viewport_rows()[0])  # type: ignore[index]
    grid.model().loader.stop()


def test_a_grid_not_laid_out_yet_reports_once_it_is(qtbot, kit_dir: Path, tmp_path: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    grid = StillsGrid(host)
    grid.resize(0, 0)  # nothing on screen: no rows to tell yet
    model = _model(kit_dir, tmp_path, 1.0)
    model.setParent(grid)
    grid.setModel(model)
    reports: list[Viewport] = []
    grid.viewport_changed.connect(reports.append)
    host.show()
    assert reports == []
    grid.resize(900, 600)
    qtbot.waitUntil(lambda: len(reports) >= 1)
    assert reports[-1].visible and reports[-1].visible[0] == 0
    model.loader.stop()
