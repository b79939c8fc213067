"""Picks in the still viewer (Ctrl+P, Ctrl+X, Ctrl+U, Ctrl+0…5, plain 0 and 1 still zoom) and
the compare view: 2–4 stills laid out 1×2, 1×3, 2×2, zoom and pan kept in step (same zoom in
every pane, the same place as a fraction of each picture), Esc closes, the pick keys act on
the chosen pane. Real widgets, real key presses, real decoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kit_factory import temp_settings, write_image
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.model.picks import Mark, PicksStore
from app.views.still_viewer import StillViewer
from app.views.stills.compare import CompareView
from app.views.stills.grid_picks import PicksController
from app.views.stills_tab import StillsTab

# Pictures of different sizes and shapes: the panes keep the same zoom and proportional places.
SIZES = [(1600, 900), (1200, 1200), (2000, 800), (900, 1400)]


def compare_kit(root: Path) -> Path:
    lines = [
        "format: presskit/1",
        "film:",
        "  title: Compare",
        "synopsis:",
        "  short: S.",
        "stills:",
    ]
    for n, (width, height) in enumerate(SIZES, 1):
        write_image(root / "stills" / f"c{n}.png", width, height, "#406080")
        lines.append(f"  - {{file: stills/c{n}.png, caption: Pane {n}, credit: Lens {n}}}")
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def pool_drained(qtbot) -> Iterator[None]:
    """A preview still decoding when a test ends must not outlive the test's widgets."""
    yield
    QThreadPool.globalInstance().waitForDone(60000)
    QApplication.processEvents()


@pytest.fixture
def kit_dir(tmp_path: Path) -> Path:
    return compare_kit(tmp_path / "kit")


@pytest.fixture
def picks(kit_dir: Path, tmp_path: Path) -> PicksController:
    kit = load_press_kit(kit_dir).kit
    return PicksController(PicksStore.for_kit(kit, folder=tmp_path / "data"))


@pytest.fixture
def viewer(qtbot, kit_dir: Path, tmp_path: Path, picks: PicksController) -> Iterator[StillViewer]:
    kit = load_press_kit(kit_dir).kit
    shown = StillViewer(list(kit.stills), 0, settings=temp_settings(tmp_path), picks=picks)
    shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: not shown.canvas.item.pixmap().isNull(), timeout=20000)
    yield shown
    shown.close()


CTRL = Qt.KeyboardModifier.ControlModifier


def test_viewer_ctrl_keys_pick_and_rate_and_show_it(qtbot, viewer: StillViewer) -> None:
    assert viewer.pick_keys is not None
    picks = viewer.pick_keys.picks
    label = viewer.pick_keys.label
    assert label.isVisible() and label.text() == "Not picked  ·  No stars"
    viewer.canvas.setFocus()
    QTest.keyClick(viewer.canvas, Qt.Key.Key_P, CTRL)
    QTest.keyClick(viewer.canvas, Qt.Key.Key_4, CTRL)
    assert picks.mark(viewer.stills[0]) == Mark("picked", 4)
    assert label.text() == "⚑ Picked  ·  ★★★★☆"
    QTest.keyClick(viewer.canvas, Qt.Key.Key_Right)
    assert viewer.row == 1 and label.text() == "Not picked  ·  No stars"
    QTest.keyClick(viewer.canvas, Qt.Key.Key_X, CTRL)
    assert label.text().startswith("✕ Rejected")
    QTest.keyClick(viewer.canvas, Qt.Key.Key_U, CTRL)
    QTest.keyClick(viewer.canvas, Qt.Key.Key_0, CTRL)
    assert picks.mark(viewer.stills[1]) == Mark()


def test_plain_0_and_1_stay_zoom_keys_in_the_viewer(qtbot, viewer: StillViewer) -> None:
    assert viewer.pick_keys is not None
    viewer.canvas.setFocus()
    QTest.keyClick(viewer.canvas, Qt.Key.Key_1)
    assert not viewer.canvas.fitting
    QTest.keyClick(viewer.canvas, Qt.Key.Key_0)
    assert viewer.canvas.fitting
    assert viewer.pick_keys.picks.mark(viewer.stills[0]) == Mark()


def test_a_viewer_without_picks_has_no_pick_keys(qtbot, kit_dir: Path, tmp_path: Path) -> None:
    kit = load_press_kit(kit_dir).kit
    shown = StillViewer(list(kit.stills), 0, settings=temp_settings(tmp_path))
    qtbot.addWidget(shown)
    assert shown.pick_keys is None
    assert shown.findChild(QWidget, "pickState") is None


# -- compare ------------------------------------------------------------------------------------


def open_compare(qtbot, kit_dir: Path, picks: PicksController, count: int) -> CompareView:
    kit = load_press_kit(kit_dir).kit
    view = CompareView([(n + 1, still) for n, still in enumerate(kit.stills[:count])], picks)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    # Every pane's full-size picture, decoded on the pool.
    qtbot.waitUntil(lambda: all(pane.full_loaded for pane in view.panes), timeout=30000)
    return view


@pytest.mark.parametrize(("count", "grid"), [(2, (1, 2)), (3, (1, 3)), (4, (2, 2))])
def test_panes_are_laid_out_with_number_caption_and_credit(
    qtbot, kit_dir: Path, picks: PicksController, count: int, grid: tuple[int, int]
) -> None:
    view = open_compare(qtbot, kit_dir, picks, count)
    tops = sorted({pane.geometry().top() for pane in view.panes})
    lefts = sorted({pane.geometry().left() for pane in view.panes})
    assert (len(tops), len(lefts)) == grid
    for n, pane in enumerate(view.panes, 1):
        assert pane.number_label.text() == f"#{n}"
        assert pane.caption.text() == f"Pane {n}"
        assert pane.credit.text() == f"Credit: Lens {n}"
        assert pane.caption.textFormat() == Qt.TextFormat.PlainText
        assert pane.canvas.item.pixmap().width() == SIZES[n - 1][0]  # full resolution


def zooms(view: CompareView) -> list[float]:
    return [round(pane.canvas.zoom(), 6) for pane in view.panes]


def centres(view: CompareView) -> list[tuple[float, float]]:
    return [(c.x(), c.y()) for c in (pane.canvas.centre_fraction() for pane in view.panes)]


def same_place(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Within 1 % of the picture: scroll bars move in whole pixels."""
    return abs(a[0] - b[0]) <= 0.01 and abs(a[1] - b[1]) <= 0.01


def test_zoom_in_one_pane_and_every_pane_has_the_same_zoom(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    view = open_compare(qtbot, kit_dir, picks, 4)
    fitted = zooms(view)
    assert len(set(fitted)) > 1  # fitted, pictures of different sizes differ
    # The wheel over the third pane: it leads, and every pane takes its zoom.
    third = view.panes[2].canvas
    QTest.mouseClick(third.viewport(), Qt.MouseButton.LeftButton)
    assert view.current is view.panes[2]
    third.zoom_by(1.25**3)
    assert len(set(zooms(view))) == 1
    assert not any(pane.canvas.fitting for pane in view.panes)
    # The keys: 1 → every pane at 100 %, + → all zoom together, 0 → every pane fits again.
    QTest.keyClick(view, Qt.Key.Key_1)
    assert zooms(view) == [1.0] * 4
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert zooms(view) == [1.25] * 4
    # + is Shift+= on many keyboards: Shift does not stop it.
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    assert zooms(view) == [1.5625] * 4
    QTest.keyClick(view, Qt.Key.Key_0)
    assert all(pane.canvas.fitting for pane in view.panes)
    assert zooms(view) == fitted


def test_the_wheel_over_a_pane_chooses_it_and_zooms_every_pane(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    view = open_compare(qtbot, kit_dir, picks, 3)
    target = view.panes[1].canvas.viewport()
    centre = QPointF(target.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(target.mapToGlobal(target.rect().center())),
        QPoint(),
        QPoint(0, 240),  # two notches forward
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, wheel)
    assert view.current is view.panes[1]
    assert len(set(zooms(view))) == 1
    assert zooms(view)[0] == round(view.panes[1].canvas.zoom(), 6)
    assert view.zoom_label.text() == f"{view.panes[1].canvas.zoom() * 100:.0f} %"


def test_pan_one_pane_and_the_others_follow_in_proportion(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    view = open_compare(qtbot, kit_dir, picks, 2)
    first = view.panes[0].canvas
    QTest.mouseClick(first.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(view, Qt.Key.Key_1)  # 100 %: both pictures larger than their panes
    QTest.keyClick(view, Qt.Key.Key_Plus)
    # The scroll areas take their new ranges on the event loop's next turns (a busy machine may
    # need several), and only then can every pane sit at its picture's centre.
    qtbot.waitUntil(
        lambda: all(same_place(centre, (0.5, 0.5)) for centre in centres(view)), timeout=10000
    )
    # Drag the first picture up and left (the hand tool pans).
    start = first.viewport().rect().center()
    QTest.mousePress(first.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(first.viewport(), start + QPoint(-60, -40))
    QTest.mouseMove(first.viewport(), start + QPoint(-120, -80))
    QTest.mouseRelease(first.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(-120, -80))
    moved = centres(view)
    assert moved[0][0] > 0.52 and moved[0][1] > 0.52  # the picture moved up and left
    assert same_place(moved[1], moved[0])
    # And back from the second pane: the first follows.
    second = view.panes[1].canvas
    QTest.mouseClick(second.viewport(), Qt.MouseButton.LeftButton)
    second.centre_on_fraction(QPointF(0.4, 0.6))
    back = centres(view)
    assert same_place(back[1], (0.4, 0.6))
    assert same_place(back[0], back[1])


def test_a_zoom_key_zooms_around_the_centre_wherever_the_pointer_is(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    """+ and - zoom around the pane's centre; only the wheel zooms toward the pointer (a
    pointer left over a corner pulled the picture there)."""
    from PySide6.QtGui import QCursor

    view = open_compare(qtbot, kit_dir, picks, 2)
    first = view.panes[0].canvas
    QTest.mouseClick(first.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: all(same_place(c, (0.5, 0.5)) for c in centres(view)), timeout=10000)
    # The pointer rests near the pane's top left corner (as the view last saw it move).
    corner = first.viewport().rect().topLeft() + QPoint(10, 10)
    QCursor.setPos(first.viewport().mapToGlobal(corner))
    QTest.mouseMove(first.viewport(), corner)
    first.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus):
        QTest.keyClick(view, key)
        assert all(same_place(centre, (0.5, 0.5)) for centre in centres(view)), key


def test_pick_keys_act_on_the_chosen_pane_and_esc_closes(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    view = open_compare(qtbot, kit_dir, picks, 3)
    QTest.mouseClick(view.panes[1].canvas.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(view.panes[1].canvas, Qt.Key.Key_P, CTRL)
    QTest.keyClick(view.panes[1].canvas, Qt.Key.Key_2, CTRL)
    assert [picks.mark(pane.still) for pane in view.panes] == [Mark(), Mark("picked", 2), Mark()]
    assert view.panes[1].mark_label.text() == "⚑ Picked  ·  ★★☆☆☆"
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_c_in_the_grid_compares_the_selection(qtbot, kit_dir: Path, tmp_path: Path) -> None:
    kit = load_press_kit(kit_dir).kit
    host = QWidget()
    qtbot.addWidget(host)
    tab = StillsTab(kit, temp_settings(tmp_path), host)
    QVBoxLayout(host).addWidget(tab)
    host.resize(1200, 800)
    host.show()
    qtbot.waitUntil(lambda: tab.view is not None and tab.picking is not None)
    assert tab.view is not None and tab.picking is not None and tab.model is not None
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_C)  # nothing selected: a message, no view
    assert tab.picking.compare_view is None
    assert not tab.picking.compare_button.isEnabled()
    selection = tab.view.selectionModel()
    for row in (0, 2, 3):
        selection.select(tab.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    assert tab.picking.compare_button.isEnabled()
    QTest.keyClick(tab.view, Qt.Key.Key_C)
    view = tab.picking.compare_view
    assert view is not None
    assert [pane.number for pane in view.panes] == [1, 3, 4]
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    QTest.mouseClick(view.panes[0].canvas.viewport(), Qt.MouseButton.LeftButton)
    # The picks made there show in the grid at once.
    QTest.keyClick(view.panes[0].canvas, Qt.Key.Key_X, CTRL)
    assert tab.model.mark_at(0) == Mark("rejected")
    QGuiApplication.processEvents()
    tab.shutdown()
    host.close()


def test_the_full_image_replacing_its_preview_keeps_zoom_and_place(qtbot) -> None:
    from PySide6.QtGui import QPixmap

    from app.views.stills.canvas import ZoomableImageView

    canvas = ZoomableImageView()
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.show()
    qtbot.waitExposed(canvas)
    preview = QPixmap(800, 450)
    preview.fill(Qt.GlobalColor.darkBlue)
    canvas.set_image(preview, 3200)
    canvas.actual_size()
    canvas.zoom_by(0.8)
    canvas.centre_on_fraction(QPointF(0.3, 0.6))
    zoom, place = canvas.zoom(), canvas.centre_fraction()
    full = QPixmap(3200, 1800)
    full.fill(Qt.GlobalColor.darkGreen)
    canvas.set_image(full, 3200)
    assert abs(canvas.zoom() - zoom) < 1e-9
    assert same_place(
        (canvas.centre_fraction().x(), canvas.centre_fraction().y()), (place.x(), place.y())
    )


def test_a_still_that_cannot_be_shown_says_why_and_the_others_still_compare(
    qtbot, kit_dir: Path, picks: PicksController
) -> None:
    (kit_dir / "stills" / "c2.png").write_bytes(b"not a picture")
    view = CompareView(
        [(n + 1, still) for n, still in enumerate(load_press_kit(kit_dir).kit.stills[:3])], picks
    )
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.panes[1].message.isVisible(), timeout=30000)
    assert view.panes[1].message.text().startswith("This still cannot be shown")
    qtbot.waitUntil(lambda: view.panes[0].full_loaded and view.panes[2].full_loaded, timeout=30000)
    QTest.mouseClick(view.panes[0].canvas.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert [round(view.panes[n].canvas.zoom(), 6) for n in (0, 2)] == [1.0, 1.0]
