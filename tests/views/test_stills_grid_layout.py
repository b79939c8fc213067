"""What the stills grid shows: two lines of caption (elided, the whole caption in the tooltip),
columns centred in the viewport, each still's pixel and file size (grid tooltip and viewer),
a footer that counts the selection, and tiles that grow with booth mode's larger font."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kit_factory import temp_settings, write_image
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.views.stills.grid_view import LAYOUT_SLACK, caption_lines
from app.views.stills_tab import StillsTab

LONG = (
    "Placeholder artwork: the station in orbit above Earth's day side, the solar arrays "
    "catching the light as the terminator sweeps across the Pacific"
)
COUNT = 12


def layout_kit(root: Path) -> Path:
    lines = ["format: presskit/1", "film:", "  title: Grid", "synopsis:", "  short: S.", "stills:"]
    for n in range(1, COUNT + 1):
        write_image(root / "stills" / f"s{n:02}.png", 320 + n, 180)
        caption = LONG if n % 2 else f"Short {n}"
        lines.append(f'  - {{file: stills/s{n:02}.png, caption: "{caption}", credit: Photo {n}}}')
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def open_tab(qtbot, tmp_path: Path) -> Iterator[Callable[..., StillsTab]]:
    tabs: list[tuple[StillsTab, QWidget]] = []

    def open_(width: int = 1200, style: str = "") -> StillsTab:
        kit = load_press_kit(layout_kit(tmp_path / f"kit{len(tabs)}")).kit
        host = QWidget()
        qtbot.addWidget(host)
        host.setStyleSheet(style)
        tab = StillsTab(kit, temp_settings(tmp_path), host)
        QVBoxLayout(host).addWidget(tab)
        host.resize(width, 800)
        host.show()
        qtbot.waitExposed(host)
        qtbot.waitUntil(lambda: tab.view is not None and tab.model is not None)
        tabs.append((tab, host))
        return tab

    yield open_
    for tab, host in tabs:
        tab.shutdown()
        host.close()


# -- captions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [120, 200, 256, 400])
def test_a_long_caption_takes_two_lines_the_second_elided(qtbot, width: int) -> None:
    metrics = QFontMetrics(QFont())
    lines = caption_lines(LONG, metrics, width)
    assert len(lines) == 2
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    assert lines[1].endswith("…")
    assert LONG.startswith(lines[0])  # the first line breaks at a space, nothing lost
    assert LONG[len(lines[0])] == " "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short", ["Short"]),
        ("Two words", ["Two words"]),
        ("Line one\nline two", ["Line one line two"]),  # one caption, not a layout of lines
        ("", []),
    ],
)
def test_a_short_caption_is_shown_whole(qtbot, text: str, expected: list[str]) -> None:
    assert caption_lines(text, QFontMetrics(QFont()), 400) == expected


def test_a_caption_without_spaces_is_cut_and_elided(qtbot) -> None:
    metrics = QFontMetrics(QFont())
    lines = caption_lines("x" * 400, metrics, 150)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= 150 for line in lines)


def test_tiles_have_room_for_two_lines_and_the_tooltip_has_the_whole_caption(
    qtbot, open_tab
) -> None:
    tab = open_tab()
    assert tab.view is not None and tab.model is not None
    text_room = tab.view.tile_size().height() - tab.view.image_size().height()
    assert text_room >= 2 * tab.view.fontMetrics().lineSpacing()
    tooltip = tab.model.data(tab.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str) and LONG in tooltip and "Photo 1" in tooltip


# -- centred columns ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [700, 900, 1200, 1280, 1600])
def test_the_columns_are_centred(qtbot, open_tab, width: int) -> None:
    tab = open_tab(width)
    view = tab.view
    assert view is not None and tab.model is not None

    def gaps() -> tuple[int, int, int]:
        rects = [view.visualRect(tab.model.index(row)) for row in range(COUNT)]
        first_line = [rect for rect in rects if rect.top() == rects[0].top()]
        left = first_line[0].left() + view.viewport().x()
        inner = view.width() - view.verticalScrollBar().width()
        right = inner - (first_line[-1].right() + 1 + view.viewport().x())
        return len(first_line), left, right

    qtbot.waitUntil(lambda: abs(gaps()[1] - gaps()[2]) <= LAYOUT_SLACK)
    columns, left, right = gaps()
    cell = view.gridSize().width()
    assert left + right < cell + 2 * LAYOUT_SLACK  # no room was left for another column
    assert columns >= 1


# -- sizes --------------------------------------------------------------------------------------


def test_the_tooltip_shows_pixel_and_file_size(qtbot, open_tab) -> None:
    tab = open_tab()
    model = tab.model
    assert model is not None
    qtbot.waitUntil(lambda: len(model.pixel_sizes) == COUNT, timeout=20000)
    still = model.stills[2]
    assert still.file is not None
    tooltip = model.data(model.index(2), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str)
    assert "323 × 180 px" in tooltip
    assert f"{still.file.size:,} bytes" in tooltip or " KB" in tooltip


def test_the_viewer_shows_pixel_and_file_size(qtbot, open_tab) -> None:
    tab = open_tab()
    tab.open_viewer(4)
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: "325 × 180 px" in viewer.sizes_label.text())
    assert "·" in viewer.sizes_label.text()  # and the file size
    viewer.show_next()
    qtbot.waitUntil(lambda: "326 × 180 px" in viewer.sizes_label.text())
    viewer.close()


# -- the footer ---------------------------------------------------------------------------------


def test_the_footer_counts_the_selection(qtbot, open_tab) -> None:
    tab = open_tab()
    view, model = tab.view, tab.model
    assert view is not None and model is not None
    qtbot.waitUntil(lambda: tab.progress.text() == f"{COUNT} stills", timeout=20000)
    assert tab.selected_rows() == []  # nothing selected until the person selects
    selection = view.selectionModel()
    for row in (1, 4, 7):
        selection.select(model.index(row), selection.SelectionFlag.Select)
    assert tab.progress.text() == f"3 of {COUNT} selected"
    view.selectAll()
    assert tab.progress.text() == f"{COUNT} of {COUNT} selected"
    view.clearSelection()
    assert tab.progress.text() == f"{COUNT} stills"


# -- booth mode's larger font -------------------------------------------------------------------


def test_tiles_grow_with_the_font(qtbot, open_tab) -> None:
    normal = open_tab(style="QWidget { font-size: 10.5pt; }")
    large = open_tab(style="QWidget { font-size: 14pt; }")  # the booth stylesheet's size
    assert normal.view is not None and large.view is not None
    assert large.model is not None and normal.model is not None
    ratio = large.view.image_size().width() / normal.view.image_size().width()
    assert ratio == pytest.approx(14 / 10.5, rel=0.02)
    assert large.view.iconSize() == large.view.image_size()
    # The thumbnails are made at the larger size too: not a small picture stretched.
    assert large.model.loader.box.width() > normal.model.loader.box.width()
    assert large.view.gridSize().height() > normal.view.gridSize().height()


# -- kit text is shown as written ---------------------------------------------------------------


def test_captions_that_look_like_html_stay_text(qtbot, tmp_path: Path) -> None:
    from app.views.still_viewer import StillViewer

    root = tmp_path / "html-kit"
    write_image(root / "stills" / "a.png", 64, 36)
    caption = "<img src='/dev/zero'><b>NO</b> & more"
    (root / "presskit.yaml").write_text(
        "format: presskit/1\nfilm:\n  title: T\nsynopsis:\n  short: S.\nstills:\n"
        f'  - {{file: stills/a.png, caption: "{caption}", credit: "<i>me</i>"}}\n',
        encoding="utf-8",
    )
    kit = load_press_kit(root).kit
    from app.views.stills.grid_model import StillsModel

    model = StillsModel(kit, 1.0)
    tooltip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str)
    assert "&lt;img src='/dev/zero'&gt;&lt;b&gt;NO&lt;/b&gt; &amp; more" in tooltip
    assert "&lt;i&gt;me&lt;/i&gt;" in tooltip and "<img" not in tooltip
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(tooltip)
    assert caption in document.toPlainText()  # what the tooltip shows: the text as written
    model.loader.stop()
    viewer = StillViewer(list(kit.stills), 0, settings=temp_settings(tmp_path))
    qtbot.addWidget(viewer)
    for label in (viewer.caption, viewer.credit, viewer.sizes_label, viewer.message):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert viewer.caption.text() == caption


def test_tiles_paint_without_errors_and_show_their_caption(qtbot, open_tab, caplog) -> None:
    """A paint that fails is logged and skipped (an exception would abort Qt): here none may."""
    import logging

    caplog.set_level(logging.ERROR)
    tab = open_tab()
    assert tab.view is not None and tab.model is not None
    qtbot.waitUntil(lambda: tab.progress.text() == f"{COUNT} stills", timeout=20000)
    grabbed = tab.view.viewport().grab().toImage()
    assert not [record for record in caplog.records if "still tile" in record.getMessage()]
    # The caption's text is drawn under the first tile's picture: light pixels on the dark
    # background, below the picture's bottom edge.
    first = tab.view.visualRect(tab.model.index(0))
    text_top = first.top() + tab.view.image_size().height() + 8
    light = sum(
        1
        for x in range(first.left(), first.right())
        for y in range(text_top, first.bottom())
        if grabbed.pixelColor(x, y).lightness() > 150
    )
    assert light > 50
