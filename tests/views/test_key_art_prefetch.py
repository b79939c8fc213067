"""The key art decoded from the moment the kit is open (app/views/key_art_prefetch.py): the
overview takes that image instead of decoding again, whether the decode is done or still
running; a decode for another file is never taken; the thumbnail cache is written after the
image is handed over, and read by the next start; a failure reaches the overview as one.

Also the start-up's snapshot, held until after the first paint (KitSnapshots.hold_saves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings, write_image
from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtGui import QImage

from app.model.kit_snapshot import KitSnapshots
from app.model.opening import open_kit_location
from app.model.thumbnail_cache import SourceIdentity
from app.settings import DEFAULT_WINDOW_SIZE
from app.views import key_art_prefetch
from app.views.key_art_prefetch import (
    KeyArtPrefetch,
    estimated_key_art_box,
    prefetch_key_art,
    take_prefetched_key_art,
)
from app.views.main_window import MainWindow
from app.views.overview_tab import OverviewTab

BUNDLED_KIT = Path(__file__).resolve().parents[2] / "presskit"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(key_art_prefetch, "_pending", None)
    return cache


def kit_with_key_art(root: Path, width: int = 800, height: int = 1200):
    make_kit(root)
    write_image(root / "art" / "key.jpg", width, height, "#804020")
    return open_kit_location(root).result.kit


def clean_kit(root: Path) -> None:
    """make_kit's kit with its missing still in place: it loads without a problem."""
    make_kit(root)
    write_image(root / "stills" / "missing.jpg", 64, 36)


def identity_of(kit) -> SourceIdentity:
    key_art = kit.film.key_art
    return SourceIdentity.for_file(key_art.path, key_art.size, key_art.mtime_ns)


def wait_done(qtbot, prefetch: KeyArtPrefetch) -> None:
    qtbot.waitUntil(lambda: prefetch.done, timeout=10_000)


def test_a_finished_decode_is_in_the_overview_when_it_is_built(qtbot, tmp_path: Path) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None
    wait_done(qtbot, prefetch)
    decoded = prefetch.image
    assert decoded is not None and not decoded.isNull()
    # Fits the box the window of that height leaves for it, and no larger.
    box = estimated_key_art_box(DEFAULT_WINDOW_SIZE[1], 1.0)
    assert decoded.width() <= box.width() and decoded.height() <= box.height()
    assert decoded.height() == box.height()  # 2:3, like the box

    tab = OverviewTab(kit, temp_settings(tmp_path / "settings"))
    qtbot.addWidget(tab)
    # Taken in the constructor, before any event is processed: the first paint has it.
    assert tab.key_art.image is decoded
    assert take_prefetched_key_art(kit.film.key_art.path, identity_of(kit)) is None  # once


def test_a_running_decode_is_delivered_to_the_overview_when_done(qtbot, tmp_path: Path) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None and not prefetch.done  # the main thread has not let it report
    tab = OverviewTab(kit, temp_settings(tmp_path / "settings"))
    qtbot.addWidget(tab)
    assert tab.key_art.image is None
    with qtbot.waitSignal(tab.key_art.image_shown, timeout=10_000):
        pass
    assert tab.key_art.image is prefetch.image


def test_a_decode_of_another_file_is_not_taken(qtbot, tmp_path: Path) -> None:
    first = kit_with_key_art(tmp_path / "first", 800, 1200)
    second = kit_with_key_art(tmp_path / "second", 400, 600)
    prefetch_key_art(first, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None
    wait_done(qtbot, prefetch)
    assert take_prefetched_key_art(second.film.key_art.path, identity_of(second)) is None
    # The same path with other bytes (the file replaced since) is another file too.
    changed = SourceIdentity.for_file(first.film.key_art.path, 1, 2)
    assert take_prefetched_key_art(first.film.key_art.path, changed) is None
    tab = OverviewTab(second, temp_settings(tmp_path / "settings"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.key_art.image is not None, timeout=10_000)
    assert tab.key_art.image.height() <= 600  # its own picture, not the first kit's


def test_the_cache_is_written_after_the_hand_over_and_read_by_the_next_start(
    qtbot, tmp_path: Path, own_cache: Path
) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    first = key_art_prefetch._pending
    assert first is not None
    wait_done(qtbot, first)
    QThreadPool.globalInstance().waitForDone(10_000)
    entries = list((own_cache).rglob("*.thumb"))
    assert len(entries) == 1

    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)  # the next start
    second = key_art_prefetch._pending
    assert second is not None
    wait_done(qtbot, second)
    QThreadPool.globalInstance().waitForDone(10_000)
    assert list(own_cache.rglob("*.thumb")) == entries  # read, not written again
    assert second.image is not None and second.image.size() == first.image.size()


def _stored_entry(qtbot, kit, own_cache: Path) -> Path:
    """A first start's prefetch, run to the end: the key art's cache entry it leaves."""
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    first = key_art_prefetch._pending
    assert first is not None
    wait_done(qtbot, first)
    QThreadPool.globalInstance().waitForDone(10_000)
    (entry,) = own_cache.rglob("*.thumb")
    return entry


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_cached_key_art_is_read_at_once_with_no_pool_task(
    qtbot, tmp_path: Path, own_cache: Path, ratio: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], ratio)
    first = key_art_prefetch._pending
    assert first is not None
    wait_done(qtbot, first)
    QThreadPool.globalInstance().waitForDone(10_000)
    started: list[object] = []
    monkeypatch.setattr(key_art_prefetch, "run_in_background", lambda *a, **k: started.append(a))

    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], ratio)  # the next start
    second = key_art_prefetch._pending
    # Done before any event is processed, with no pool thread to wait for the main one.
    assert second is not None and second.done and started == []
    assert second.image is not None and second.image.size() == first.image.size()
    tab = OverviewTab(kit, temp_settings(tmp_path / "settings"))
    qtbot.addWidget(tab)
    assert tab.key_art.image is second.image  # the first paint has it


@pytest.mark.parametrize("damage", [b"", b"\xff\xd8\xff\xe0 cut short", b"not an image at all"])
def test_a_damaged_cache_entry_falls_back_to_a_pool_decode(
    qtbot, tmp_path: Path, own_cache: Path, damage: bytes
) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    entry = _stored_entry(qtbot, kit, own_cache)
    entry.write_bytes(damage)
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None and not prefetch.done  # decoding from the kit instead
    wait_done(qtbot, prefetch)
    assert prefetch.image is not None and not prefetch.image.isNull()
    QThreadPool.globalInstance().waitForDone(10_000)
    assert entry.stat().st_size > len(damage)  # written afresh


def test_a_key_art_that_cannot_be_decoded_fails_in_the_overview(qtbot, tmp_path: Path) -> None:
    kit = kit_with_key_art(tmp_path / "kit")
    kit.film.key_art.path.write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    kit = open_kit_location(tmp_path / "kit").result.kit  # its new size and time
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None
    wait_done(qtbot, prefetch)
    assert prefetch.error is not None and prefetch.image is None
    tab = OverviewTab(kit, temp_settings(tmp_path / "settings"))
    qtbot.addWidget(tab)
    assert tab.key_art.failed_reason is not None
    assert tab.key_art.failed_reason.startswith("The key art ")


def test_a_kit_without_key_art_starts_no_decode(tmp_path: Path) -> None:
    make_kit(tmp_path / "kit", extra="")
    kit = open_kit_location(tmp_path / "kit").result.kit
    kit = kit._replace(film=kit.film._replace(key_art=None))
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 2.0)
    assert key_art_prefetch._pending is None


@pytest.mark.parametrize(("height", "ratio"), [(820, 1.0), (820, 2.0), (300, 1.0), (2160, 1.5)])
def test_the_estimate_is_a_portrait_box_at_the_pixel_ratio(height: int, ratio: float) -> None:
    box = estimated_key_art_box(height, ratio)
    logical_height = max(360, height - key_art_prefetch.KEY_ART_VERTICAL_MARGIN)
    assert box == QSize(int(logical_height * 2 / 3 * ratio), int(logical_height * ratio))


@pytest.mark.parametrize("height", [DEFAULT_WINDOW_SIZE[1], 700, 1100])
def test_the_estimate_is_the_key_arts_shown_height(qtbot, tmp_path: Path, height: int) -> None:
    """Decoded at the height it is shown, the key art is painted without resampling."""
    from app.views.application import create_application

    create_application()  # the theme: its menu and tab bars' heights
    window = MainWindow(temp_settings(tmp_path / "settings"))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(BUNDLED_KIT), remember=False)
    window.resize(DEFAULT_WINDOW_SIZE[0], height)
    window.show()
    qtbot.waitExposed(window)
    overview = window.hosts[0].tab
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.key_art.height() == overview.height() - 48)
    assert overview.key_art.height() == estimated_key_art_box(window.height(), 1.0).height()


# -- the snapshot, held until after the first paint -------------------------------------------


def test_held_snapshots_are_written_only_when_released(tmp_path: Path) -> None:
    clean_kit(tmp_path / "kit")
    folder = tmp_path / "snapshots"
    snapshots = KitSnapshots(folder, "test")
    snapshots.hold_saves()
    opened = open_kit_location(tmp_path / "kit", snapshots=snapshots)
    assert not opened.result.problems
    assert not folder.exists() or not list(folder.iterdir())
    assert snapshots.load(tmp_path / "kit") is None
    snapshots.write_held()
    assert snapshots.load(tmp_path / "kit") is not None
    # Released: a later save is written at once.
    (folder / next(folder.iterdir()).name).unlink()
    open_kit_location(tmp_path / "kit", snapshots=snapshots)
    assert snapshots.load(tmp_path / "kit") is not None


def test_the_window_writes_a_held_snapshot_when_its_loop_ends_first(qtbot, tmp_path: Path) -> None:
    clean_kit(tmp_path / "kit")
    snapshots = KitSnapshots(tmp_path / "snapshots", "test")
    snapshots.hold_saves()
    window = MainWindow(temp_settings(tmp_path / "settings"), snapshots=snapshots)
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(tmp_path / "kit", snapshots=snapshots))
    assert snapshots.load(tmp_path / "kit") is None
    window.shut_down()  # --exit-after-first-paint: the loop ended before anything after it
    assert snapshots.load(tmp_path / "kit") is not None


def test_the_bundled_kits_pictures_are_baseline_jpegs() -> None:
    """A progressive JPEG decodes ~3x slower even scaled down (46 against 16 ms for the key
    art at the overview's size), at every first start; the bundled kit gains nothing from it."""
    pictures = sorted(BUNDLED_KIT.rglob("*.jpg"))
    assert len(pictures) >= 3
    frames = {picture.name: jpeg_frame_marker(picture.read_bytes()) for picture in pictures}
    assert all(marker == 0xC0 for marker in frames.values()), frames  # SOF0: baseline


def jpeg_frame_marker(data: bytes) -> int | None:
    """The JPEG's start-of-frame marker (0xC0 baseline, 0xC2 progressive), by its segments."""
    at = 2  # after SOI
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return marker
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return None


def test_the_frame_marker_tells_progressive_from_baseline(tmp_path: Path) -> None:
    from PySide6.QtGui import QImageWriter

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    for progressive, expected in ((False, 0xC0), (True, 0xC2)):
        path = tmp_path / f"{progressive}.jpg"
        writer = QImageWriter(str(path), b"jpeg")
        writer.setProgressiveScanWrite(progressive)
        assert writer.write(image)
        assert jpeg_frame_marker(path.read_bytes()) == expected


def test_a_decoded_image_is_a_qimage_of_the_file(qtbot, tmp_path: Path) -> None:
    kit = kit_with_key_art(tmp_path / "kit", 300, 450)
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    prefetch = key_art_prefetch._pending
    assert prefetch is not None
    wait_done(qtbot, prefetch)
    assert isinstance(prefetch.image, QImage)
    assert prefetch.image.size() == QSize(300, 450)  # smaller than the box: never enlarged


@pytest.mark.parametrize("cached", [False, True])
def test_image_plugins_are_loaded_before_a_pool_decode_and_only_then(
    qtbot, tmp_path: Path, own_cache: Path, cached: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool thread must not be the first to load an image plugin (images.warm_image_plugins);
    a start that reads its key art from the cache leaves them to after its first paint."""
    kit = kit_with_key_art(tmp_path / "kit")
    if cached:
        _stored_entry(qtbot, kit, own_cache)
    calls: list[str] = []
    monkeypatch.setattr(key_art_prefetch, "warm_image_plugins", lambda: calls.append("warm"))
    monkeypatch.setattr(
        key_art_prefetch, "run_in_background", lambda *a, **k: calls.append("pool decode")
    )
    prefetch_key_art(kit, DEFAULT_WINDOW_SIZE[1], 1.0)
    assert calls == ([] if cached else ["warm", "pool decode"])


def test_warming_the_image_plugins_twice_loads_them_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from app import paths
    from app.media import images

    monkeypatch.setattr(images, "_plugins_warmed", False)
    asked: list[str] = []
    real_resource = paths.resource
    monkeypatch.setattr(paths, "resource", lambda name: asked.append(name) or real_resource(name))
    images.warm_image_plugins()
    images.warm_image_plugins()
    assert sorted(asked) == [f"images/plugin-warm-up.{ext}" for ext in ("jpg", "png", "webp")]
