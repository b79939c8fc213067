"""Picks in the stills tab, on real widgets with real key presses: P, X, U and 0–5 on the
selected tiles, the marks painted and said (accessible description), the Show filter and its
counts, the context menu's copy, restart, and booth mode offering and storing nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kit_factory import temp_settings, write_image
from PySide6.QtCore import QItemSelectionModel, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.model.picks import Mark, PicksStore, picked_stills, store_file
from app.settings import BoothSettings, Settings
from app.views import palette
from app.views.stills.grid_badges import shown_rect
from app.views.stills.grid_model import PickRole
from app.views.stills.grid_picks import FILTERS
from app.views.stills_tab import StillsTab

COUNT = 6


def picks_kit(root: Path) -> Path:
    lines = ["format: presskit/1", "film:", "  title: Picks", "synopsis:", "  short: S.", "stills:"]
    for n in range(1, COUNT + 1):
        write_image(root / "stills" / f"s{n}.png", 640, 360, "#203040")
        lines.append(f"  - {{file: stills/s{n}.png, caption: Still {n}, credit: Photo {n}}}")
    # Diacritics and a long dash in the kit's own text are copied exactly.
    lines[-1] = (
        f"  - {{file: stills/s{COUNT}.png, caption: Björk Guðmundsdóttir on set, "
        "credit: Åsmund Ødegård}"
    )
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


OpenTab = Callable[..., StillsTab]


@pytest.fixture
def open_tab(qtbot, tmp_path: Path) -> Iterator[OpenTab]:
    made: list[tuple[StillsTab, QWidget]] = []

    def open_(kit_dir: Path | None = None, settings: Settings | None = None) -> StillsTab:
        kit_dir = kit_dir or tmp_path / "kit"
        if not (kit_dir / "presskit.yaml").exists():
            picks_kit(kit_dir)
        kit = load_press_kit(kit_dir).kit
        host = QWidget()
        qtbot.addWidget(host)
        tab = StillsTab(kit, settings or temp_settings(tmp_path), host)
        QVBoxLayout(host).addWidget(tab)
        host.resize(1200, 800)
        host.show()
        qtbot.waitExposed(host)
        qtbot.waitUntil(lambda: tab.view is not None and tab.model is not None)
        made.append((tab, host))
        return tab

    yield open_
    for tab, host in made:
        tab.shutdown()
        host.close()


def select(tab: StillsTab, *rows: int) -> None:
    assert tab.view is not None and tab.model is not None
    selection = tab.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(tab.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    tab.view.setFocus()


def marks(tab: StillsTab) -> list[Mark]:
    assert tab.model is not None
    return [tab.model.mark_at(row) for row in range(COUNT)]


def test_grid_keys_mark_the_selected_tiles_and_write_the_store(qtbot, open_tab: OpenTab) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.picking is not None
    select(tab, 0, 2)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    QTest.keyClick(tab.view, Qt.Key.Key_4)
    select(tab, 1)
    QTest.keyClick(tab.view, Qt.Key.Key_X)
    QTest.keyClick(tab.view, Qt.Key.Key_2)
    assert marks(tab)[:4] == [Mark("picked", 4), Mark("rejected", 2), Mark("picked", 4), Mark()]
    select(tab, 2)
    QTest.keyClick(tab.view, Qt.Key.Key_U)
    QTest.keyClick(tab.view, Qt.Key.Key_0)
    assert marks(tab)[2] == Mark()
    # Shift+P is not P: nothing happens.
    select(tab, 3)
    QTest.keyClick(tab.view, Qt.Key.Key_P, Qt.KeyboardModifier.ShiftModifier)
    assert marks(tab)[3] == Mark()
    written = json.loads(store_file(tab.kit).read_text(encoding="utf-8"))["stills"]
    assert written == {
        "stills/s1.png": {"flag": "picked", "stars": 4},
        "stills/s2.png": {"flag": "rejected", "stars": 2},
    }
    assert [still.file_text for still in picked_stills(tab.kit)] == ["stills/s1.png"]


def test_a_tiles_accessible_description_says_its_mark(qtbot, open_tab: OpenTab) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.model is not None
    select(tab, 0)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    QTest.keyClick(tab.view, Qt.Key.Key_3)
    describe = Qt.ItemDataRole.AccessibleDescriptionRole
    assert tab.model.index(0).data(describe) == "Still 1; picked, 3 stars"
    assert tab.model.index(1).data(describe) == "Still 2"


def near(colour: QColor, expected: str) -> bool:
    """Within a step or two of ``expected``: antialiasing and blending round a little."""
    want = QColor(expected)
    return all(abs(a - b) <= 3 for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True))


def paint_tile(tab: StillsTab, row: int, ratio: float) -> tuple[QImage, QRect]:
    """The tile as the delegate paints it into an image of ``ratio`` device pixels per pixel."""
    assert tab.view is not None and tab.model is not None
    size = tab.view.tile_size()
    image = QImage(size * ratio, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(palette.BACKGROUND))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, size.width(), size.height())
    option.font = tab.view.font()
    option.palette = tab.view.palette()
    painter = QPainter(image)
    tab.view.itemDelegate().paint(painter, option, tab.model.index(row))
    painter.end()
    image_size = tab.view.image_size()
    picture = QRect(
        (size.width() - image_size.width()) // 2, 6, image_size.width(), image_size.height()
    )
    return image, picture


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_marks_are_painted_on_the_tiles_at_100_and_200_percent(
    qtbot, open_tab: OpenTab, ratio: float
) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.model is not None
    qtbot.waitUntil(lambda: all(row in tab.model.thumbnails for row in range(3)), timeout=20000)
    select(tab, 0)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    select(tab, 1)
    QTest.keyClick(tab.view, Qt.Key.Key_X)
    QTest.keyClick(tab.view, Qt.Key.Key_5)
    picked, picture = paint_tile(tab, 0, ratio)
    rejected, _ = paint_tile(tab, 1, ratio)
    plain, _ = paint_tile(tab, 2, ratio)
    drawn = shown_rect(picture, tab.model.thumbnails[0])
    # The flag badge's disc (24 px at 6 px from the corner), below the flag drawn on it.
    badge = (drawn.left() + 6 + 12, drawn.bottom() + 1 - 6 - 3)
    at = (round(badge[0] * ratio), round(badge[1] * ratio))
    assert near(picked.pixelColor(*at), palette.PICK)
    assert near(rejected.pixelColor(*at), palette.REJECT)
    assert not near(plain.pixelColor(*at), palette.PICK)
    # A reject dims the picture: its middle is darker than the plain tile's.
    middle = (round(drawn.center().x() * ratio), round((drawn.top() + 10) * ratio))
    assert rejected.pixelColor(*middle).lightness() < plain.pixelColor(*middle).lightness()
    # Five stars in amber along the bottom right.
    row_y = round((drawn.bottom() + 1 - 6 - 12) * ratio)
    stars_row = [rejected.pixelColor(x, row_y) for x in range(rejected.width())]
    assert sum(1 for colour in stars_row if near(colour, palette.STAR)) >= 5 * ratio
    assert not any(near(plain.pixelColor(x, row_y), palette.STAR) for x in range(plain.width()))


def test_the_filter_shows_what_it_says_and_the_footer_counts_it(qtbot, open_tab: OpenTab) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.picking is not None
    select(tab, 0, 1)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    select(tab, 1, 2)
    QTest.keyClick(tab.view, Qt.Key.Key_3)
    select(tab, 3)
    QTest.keyClick(tab.view, Qt.Key.Key_X)
    box = tab.picking.filter_box
    expected = {
        "All stills": [0, 1, 2, 3, 4, 5],
        "Picks": [0, 1],
        "Rated ★★★ or more": [1, 2],
        "Rated ★★★★ or more": [],
        "Not rejected": [0, 1, 2, 4, 5],
    }
    labels = [label for label, _ in FILTERS]
    for label, rows in expected.items():
        box.setCurrentIndex(labels.index(label))
        assert tab.view.shown_rows() == rows, label
        assert all(tab.view.isRowHidden(row) == (row not in rows) for row in range(COUNT))
        if label != "All stills":
            assert f"{len(rows)} shown" in tab.progress.text()
    # Ctrl+A takes the shown tiles only; rejecting under "Not rejected" hides the tile and
    # takes it out of the selection.
    box.setCurrentIndex(labels.index("Not rejected"))
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert tab.selected_rows() == [0, 1, 2, 4, 5]
    select(tab, 4)
    QTest.keyClick(tab.view, Qt.Key.Key_X)
    assert tab.view.shown_rows() == [0, 1, 2, 5]
    assert tab.selected_rows() == []
    qtbot.waitUntil(lambda: tab.model.viewport is not None and 4 not in tab.model.viewport.visible)
    assert set(tab.model.viewport.visible) <= {0, 1, 2, 5}


def test_picks_survive_a_restart(qtbot, open_tab: OpenTab, tmp_path: Path) -> None:
    tab = open_tab()
    assert tab.view is not None
    select(tab, 4)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    QTest.keyClick(tab.view, Qt.Key.Key_5)
    tab.shutdown()
    again = open_tab(tmp_path / "kit")  # a new tab, as after starting the app again
    assert marks(again)[4] == Mark("picked", 5)
    assert again.model is not None
    assert again.model.index(4).data(PickRole) == Mark("picked", 5)


def test_the_context_menu_copies_caption_with_credit_exactly(qtbot, open_tab: OpenTab) -> None:
    tab = open_tab()
    assert tab.picking is not None and tab.model is not None
    menu = tab.picking.menu_for(tab.model.index(COUNT - 1))
    assert menu is not None
    QGuiApplication.clipboard().clear()
    next(a for a in menu.actions() if a.text() == "Copy caption with credit").trigger()
    assert QGuiApplication.clipboard().text() == "Björk Guðmundsdóttir on set — Åsmund Ødegård"
    # The tile right-clicked became the selection; the menu's Pick marks it.
    next(a for a in menu.actions() if a.text().startswith("Pick")).trigger()
    assert marks(tab)[COUNT - 1] == Mark("picked")


def test_booth_mode_offers_no_picks_and_stores_nothing(
    qtbot, open_tab: OpenTab, tmp_path: Path
) -> None:
    booth = BoothSettings(backend=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    tab = open_tab(settings=booth)
    assert tab.view is not None and tab.model is not None
    assert tab.picking is None
    select(tab, 0)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    QTest.keyClick(tab.view, Qt.Key.Key_3)
    assert tab.model.index(0).data(PickRole) is None
    assert tab.model.index(0).data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Still 1"
    assert not store_file(tab.kit).exists()
    assert tab.findChild(QWidget, "picksFilter") is None
    assert tab.findChild(QWidget, "compareStills") is None
    assert PicksStore.for_kit(tab.kit).marks == {}


def test_a_store_that_cannot_be_written_says_so_and_keeps_the_mark_shown(
    qtbot, open_tab: OpenTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.views.feedback import Toast

    tab = open_tab()
    assert tab.view is not None
    select(tab, 0)

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    monkeypatch.undo()
    assert marks(tab)[0] == Mark("picked")  # what the person did still shows
    toast = tab.window().findChild(Toast)
    assert toast is not None and toast.text() == "Picks could not be saved: No space left on device"
    assert not store_file(tab.kit).exists()


def test_under_a_filter_the_viewer_pages_through_the_stills_shown(qtbot, open_tab: OpenTab) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.picking is not None
    select(tab, 1, 3, 4)
    QTest.keyClick(tab.view, Qt.Key.Key_P)
    tab.picking.filter_box.setCurrentIndex([label for label, _ in FILTERS].index("Picks"))
    tab.open_viewer(3)
    viewer = tab.viewer
    assert viewer is not None
    assert [still.caption for still in viewer.stills] == ["Still 2", "Still 4", "Still 5"]
    assert viewer.row == 1 and viewer.windowTitle().startswith("Still 4 — Still 4")
    assert viewer.position_label.text() == "2 / 3"
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer)
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.windowTitle().startswith("Still 5 — Still 5")
    assert tab.view.currentIndex().row() == 4  # the grid follows, in its own rows
    viewer.close()
