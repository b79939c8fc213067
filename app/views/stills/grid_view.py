"""The stills grid's view: tiles in icon mode, centred in the viewport, each with its picture
and two lines of caption; it measures what is on screen and reports it as one
:class:`Viewport` per change."""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.model.picks import Change
from app.views import palette
from app.views.full_collections import hold_off_full_collections
from app.views.stills.grid_badges import (
    paint_terms_badge,
    paint_warning_badge,
    shown_rect,
)
from app.views.stills.grid_marks import paint_marks
from app.views.stills.grid_model import (
    TILE_IMAGE_HEIGHT,
    TILE_WIDTH,
    StillsModel,
    Viewport,
)

log = logging.getLogger(__name__)

CAPTION_LINES = 2
TILE_PADDING = 6  # inside the tile, around the picture and the caption
TILE_GAP = 20  # between tiles
LAYOUT_SLACK = 4
# Two moves of the scroll bar within this long of each other are a scroll going on (a drag,
# a held key, a wheel turned), and the viewport is reported as scrolling (see Viewport).
SCROLLING_GAP_S = 0.2
CAPTION_CACHE_SIZE = 4096  # wrapped captions kept: a few screens of a large kit, a few MB
# The font size the tile sizes were drawn for: a larger font (booth mode's visitor stylesheet)
# grows the tiles with it, so the pictures keep their proportion to the text.
BASE_POINT_SIZE = 10.5
PLACEHOLDER = QColor(palette.TILE_PLACEHOLDER)
# Read once: each read of a Qt enum member from Python is a lookup of its own, per tile painted.
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_FOCUS_RECT = QStyle.PrimitiveElement.PE_FrameFocusRect
_SELECTED = QStyle.StateFlag.State_Selected
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_CAPTION_ALIGNMENT = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
BROKEN_TILE = QColor(palette.TILE_BROKEN)
BROKEN_TEXT = QColor(palette.TILE_BROKEN_TEXT)


def tile_scale_for(widget: QWidget) -> float:
    """How much larger than normal the tiles are drawn: the widget's font against the normal
    one, never smaller."""
    widget.ensurePolished()  # the stylesheet's font, not the default one
    size = widget.font().pointSizeF()
    return max(1.0, size / BASE_POINT_SIZE) if size > 0 else 1.0


def caption_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` wrapped at spaces into at most :data:`CAPTION_LINES` lines of ``width``, the
    last one elided when the caption goes on (the tooltip has it whole)."""
    lines: list[str] = []
    rest = " ".join(text.split())  # line breaks in a caption: a tile has two lines, not more
    while rest and len(lines) < CAPTION_LINES - 1:
        if metrics.horizontalAdvance(rest) <= width:
            break
        cut = _fitting_prefix(rest, metrics, width)
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


def _fitting_prefix(text: str, metrics: QFontMetrics, width: int) -> int:
    """The length of the longest start of ``text`` that fits, cut after a space if one does."""
    low, high = 1, len(text)
    while low < high:  # the longest prefix that fits, by halves
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    space = text.rfind(" ", 0, low + 1)
    return space + 1 if space > 0 else low


class TileDelegate(QStyledItemDelegate):
    """A tile: the picture (or a placeholder, or why it cannot be shown) and two lines of
    caption, elided; the whole caption is in the tooltip."""

    def __init__(self, grid: StillsGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        # Wrapping a caption measures it many times; a scroll repaints the same tiles over
        # and over, so each caption is wrapped once per font and width (a third of a
        # repaint's time at 200 % without this).
        self._lines: dict[tuple[str, str, int], tuple[list[str], int]] = {}

    def lines_of(self, text: str, font: QFont, width: int) -> tuple[list[str], int]:
        """``text`` wrapped for a tile ``width`` wide, and the font's line spacing."""
        key = (text, font.key(), width)
        wrapped = self._lines.get(key)
        if wrapped is None:
            if len(self._lines) >= CAPTION_CACHE_SIZE:
                self._lines.clear()
            metrics = QFontMetrics(font)
            wrapped = self._lines[key] = (
                caption_lines(text, metrics, width),
                metrics.lineSpacing(),
            )
        return wrapped

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self.grid.tile_size()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        try:
            self._paint(painter, option, index)
        except Exception:  # an exception in a paint would abort the process
            log.exception("painting still tile %s", index.row())

    def _paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # No initStyleOption: it asks the model for a dozen roles a tile does not use, each a
        # Python call; the view has already set the state, rectangle, palette and font. The
        # tile's own data comes in one call (StillsModel.tile), not one data() per role, and
        # Qt's enums are module constants: a scroll step paints a screenful of tiles.
        model = index.model()
        if not isinstance(model, StillsModel):
            return
        tile = model.tile(index.row())
        grid = self.grid
        style = grid.style()
        # The stylesheet's ::item rules: selection, hover, rounded corners.
        style.drawPrimitive(_PANEL, option, painter, grid)
        image_size = grid.image_size()
        rect = option.rect
        picture = QRect(
            rect.x() + (rect.width() - image_size.width()) // 2,
            rect.y() + TILE_PADDING,
            image_size.width(),
            image_size.height(),
        )
        painter.save()
        badge_corner = picture  # the terms badge sits on the picture as drawn
        decoration = tile.picture
        if decoration is not None and not decoration.isNull():
            target = shown_rect(picture, decoration)
            painter.drawPixmap(target.topLeft(), decoration)
            badge_corner = target
        elif tile.problem:
            self._paint_broken(painter, picture, tile.problem)
        else:
            painter.fillRect(picture, PLACEHOLDER)
        if tile.mark is not None:
            paint_marks(painter, badge_corner, tile.mark, grid.tile_scale)
        if tile.warning:
            paint_warning_badge(painter, picture)
        if tile.terms is not None:
            paint_terms_badge(painter, picture, badge_corner, tile.terms.kind)
        colours = option.palette
        selected = bool(option.state & _SELECTED)
        painter.setPen(colours.highlightedText().color() if selected else colours.text().color())
        font = option.font
        painter.setFont(font)
        text_width = rect.width() - 2 * TILE_PADDING
        lines, line_spacing = self.lines_of(tile.caption, font, text_width)
        top = picture.bottom() + 1 + TILE_PADDING // 2
        for line in lines:
            area = QRect(rect.x() + TILE_PADDING, top, text_width, line_spacing)
            painter.drawText(area, _CAPTION_ALIGNMENT, line)
            top += line_spacing
        painter.restore()
        if option.state & _HAS_FOCUS:
            # The keyboard's current tile, as the default delegate marks it.
            style.drawPrimitive(_FOCUS_RECT, option, painter, grid)

    def _paint_broken(self, painter: QPainter, picture: QRect, problem: str) -> None:
        """A tile that says why the still cannot be shown, instead of a picture."""
        painter.fillRect(picture, BROKEN_TILE)
        painter.setPen(BROKEN_TEXT)
        font = painter.font()
        font.setPixelSize(max(11, round(13 * picture.width() / TILE_WIDTH)))
        painter.setFont(font)
        area = picture.adjusted(12, 10, -12, -10)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, flags, f"⚠ Cannot be shown\n{problem}")


class StillsGrid(QListView):
    """The stills as tiles; tells which rows are on and near the screen (one
    ``viewport_changed`` per event loop turn, however many scroll steps), and when it has
    painted."""

    viewport_changed = Signal(Viewport)
    painted = Signal()
    # P, X, U, 0–5 on the selection (the tab applies it: the grid holds no store), and C.
    pick_requested = Signal(Change)
    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None, tile_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("stillsGrid")
        self.setAccessibleName("Stills")
        self.tile_scale = tile_scale
        self.picks_enabled = False  # the tab turns the keys on when it has picks (not booth)
        self._hidden: set[int] = set()  # rows the filter hides
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setSpacing(0)
        self.setItemDelegate(TileDelegate(self))
        self._apply_tile_size()
        # Always there, so its appearing never narrows the viewport after the first paint:
        # that re-laid the tiles and painted the whole grid a second time (10 ms at 200 %)
        # while the first screen's thumbnails were being decoded, and made them jump.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Coalesces the scroll bar's many changes into one report per event loop turn. Not
        # restarted when already pending: a timer started again is due only in the loop's
        # next pass, and a scroll driven by a timer (kinetic scrolling) that keeps the loop
        # busy restarted it in every pass, so no tile scrolled to was asked for until the
        # scroll stopped.
        self._report_timer = QTimer(self, singleShot=True, interval=0)
        self._report_timer.timeout.connect(self._report_viewport)
        self._scrolled_at = -math.inf  # time.monotonic() of the scroll bar's last move
        self._scrolling = False  # since the last report
        self._reported = False  # a viewport has been reported since the grid was made
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self.report_viewport_soon)

    # -- geometry -----------------------------------------------------------------------------

    def content_height(self) -> int:
        """The height that shows every tile without scrolling, at the present width."""
        return self.contentsSize().height() + 2 * self.frameWidth()

    def image_size(self) -> QSize:
        return QSize(
            round(TILE_WIDTH * self.tile_scale), round(TILE_IMAGE_HEIGHT * self.tile_scale)
        )

    def tile_size(self) -> QSize:
        """The picture, then two lines of caption, with padding."""
        image = self.image_size()
        text = CAPTION_LINES * self.fontMetrics().lineSpacing()
        return QSize(image.width() + 2 * TILE_PADDING, image.height() + text + 2 * TILE_PADDING)

    def _apply_tile_size(self) -> None:
        self.setIconSize(self.image_size())
        tile = self.tile_size()
        self.setGridSize(QSize(tile.width() + TILE_GAP, tile.height() + TILE_GAP))
        self._centre_columns()

    def _centre_columns(self) -> None:
        """Margins that centre the columns: the space a column does not fill, on both sides.
        From the outer width, so setting them (which resizes the viewport) changes nothing."""
        cell = self.gridSize().width()
        bar = self.verticalScrollBar().sizeHint().width()
        width = self.width() - 2 * self.frameWidth() - bar
        # A few pixels to spare: the list view wraps a line whose last cell would end exactly
        # at the viewport's edge.
        columns = max(1, (width - LAYOUT_SLACK) // cell) if cell > 0 else 1
        spare = max(0, width - columns * cell - LAYOUT_SLACK)
        left = spare // 2
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (left, spare - left):
            self.setViewportMargins(left, 0, spare - left, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._apply_tile_size()
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            # Once the new style has been applied: changing the viewport while the stylesheet
            # polishes the view's children crashed (seen in tests).
            QTimer.singleShot(0, self, self._keep_viewport_opaque)

    def _keep_viewport_opaque(self) -> None:
        """The viewport fills its own background (the stylesheet's colour, which it puts in
        the palette), so Qt scrolls it by moving what is painted and repaints only the strip
        that comes into view. A stylesheet background turns the fill off, and a viewport that
        is not opaque is repainted whole on every scroll step: a screenful of tiles, 20-30 ms
        at 200 % (seen in tests/benchmarks/bench_gallery.py's stalls)."""
        viewport = self.viewport()
        if not viewport.autoFillBackground():
            viewport.setAutoFillBackground(True)

    # -- the viewport -------------------------------------------------------------------------

    def report_viewport_soon(self) -> None:
        """One ``viewport_changed`` in the next event loop pass, however often this is called
        before it (the scroll bar's many changes)."""
        if not self._report_timer.isActive():
            self._report_timer.start(0)

    def _on_scrolled(self) -> None:
        hold_off_full_collections()  # see there: a 26 ms pause in a scroll step
        now = time.monotonic()
        if now - self._scrolled_at < SCROLLING_GAP_S:
            self._scrolling = True
        self._scrolled_at = now
        self.report_viewport_soon()

    def _report_viewport(self) -> None:
        rows = self.viewport_rows()
        if rows is None:  # not laid out yet (e.g. hidden): soon
            self._report_timer.start(20)
            return
        visible, near = rows
        scrolling, self._scrolling = self._scrolling, False
        self._report_timer.stop()
        self._reported = True
        self.viewport_changed.emit(Viewport(tuple(visible), frozenset(near), scrolling))

    def _report_viewport_first(self) -> None:
        """The first report is made at once, while the grid is laid out for its first paint:
        reported in the loop's next pass, it came after that paint (~20 ms at 200 %, an empty
        screen of tiles painted first), and so did the first decode that the screen waits for.
        Later changes are coalesced (:meth:`report_viewport_soon`)."""
        if self._reported or not self.isVisible():
            self.report_viewport_soon()
        else:
            self._report_viewport()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre_columns()
        self._report_viewport_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # polished by now: the stylesheet has had its say
        self._keep_viewport_opaque()
        self._report_viewport_first()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from app.views.stills.grid_picks import change_for_key

        change = change_for_key(event, with_ctrl=False) if self.picks_enabled else None
        if change is not None:
            self.pick_requested.emit(change)
        elif (
            self.picks_enabled
            and event.key() == Qt.Key.Key_C
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.compare_requested.emit()
        else:
            super().keyPressEvent(event)

    def shown_rows(self) -> list[int]:
        """The rows the filter lets through, in order (every row when nothing is hidden)."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if not self._hidden:
            return list(range(count))
        return [row for row in range(count) if row not in self._hidden]

    def set_hidden_rows(self, hidden: set[int]) -> None:
        """Hide ``hidden`` (the filter), show the rest; a hidden tile leaves the selection, so
        what is acted on is always what is seen."""
        model = self.model()
        if model is None or hidden == self._hidden:
            return
        for row in hidden ^ self._hidden:
            self.setRowHidden(row, row in hidden)
        self._hidden = set(hidden)
        selection = self.selectionModel()
        for row in hidden:
            index = model.index(row, 0)
            if selection.isSelected(index):
                selection.select(index, QItemSelectionModel.SelectionFlag.Deselect)
        current = self.currentIndex()
        if current.isValid() and current.row() in hidden:
            shown = self.shown_rows()
            if shown:
                selection.setCurrentIndex(
                    model.index(shown[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        self.report_viewport_soon()

    def selectAll(self) -> None:
        """Ctrl+A: every tile shown, not the ones the filter hides."""
        model = self.model()
        if model is None or not self._hidden:
            super().selectAll()
            return
        selection = QItemSelection()
        for row in self.shown_rows():
            selection.select(model.index(row, 0), model.index(row, 0))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def viewport_rows(self) -> tuple[list[int], list[int]] | None:
        """Rows visible now in reading order, and the rows within a screen above or below;
        None while the view has not laid its tiles out yet. Hidden rows (the filter) take no
        place: the shown rows are laid out one after the other."""
        model = self.model()
        shown = self.shown_rows()
        count = len(shown)
        if count == 0:
            return [], []
        self.executeDelayedItemsLayout()  # a layout Qt has only scheduled, done now
        first = self.visualRect(model.index(shown[0], 0))
        line_height = self.gridSize().height()
        height = self.viewport().height()
        if first.isEmpty() or line_height <= 0 or height <= 0:
            return None
        columns = self._columns(shown, first.top())
        first_line = max(0, -first.top() // line_height)
        last_line = max(first_line, (height - 1 - first.top()) // line_height)
        screen = last_line - first_line + 1
        visible = shown[first_line * columns : min(count, (last_line + 1) * columns)]
        near_first = max(0, first_line - screen) * columns
        near = shown[near_first : min(count, (last_line + 1 + screen) * columns)]
        return visible, near

    def _columns(self, shown: list[int], top: int) -> int:
        """Tiles per line: those laid out at the first tile's height."""
        model = self.model()
        columns = 1
        while columns < len(shown) and self.visualRect(model.index(shown[columns], 0)).top() == top:
            columns += 1
        return columns
