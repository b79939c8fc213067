"""The story pack's contact sheet: every chosen still as a thumbnail with its number, caption
and credit under it, as many pages as it takes, each page headed by the film's title and the
kit's terms (a printed page that strays from the pack still says what it may be used for).

Thumbnails are decoded at the size they are drawn (``decode_to_fit`` sets the reader's scaled
size), so forty 6 MB stills cost forty small decodes, not forty full ones. Text is drawn with
``QPainter.drawText`` line by line: real text in the PDF, never markup, cut to the lines its
cell has with an ellipsis. A still that cannot be decoded gets a framed note in its place: one
bad file must not cost the journalist the sheet.

Runs on a pool thread, like the one-sheet (see ``one_sheet``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QLocale, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPdfWriter,
    QTextLayout,
    QTextOption,
)

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.story_pack.one_sheet import (
    INK,
    MARGIN_MM,
    MUTED,
    RESOLUTION,
    RULE,
    mm,
    open_pdf,
    print_font,
)
from app.model.kit import PressKit
from app.model.sheet_text import cut, terms_line

log = logging.getLogger(__name__)

COLUMNS = 3
ROWS = 4
PER_PAGE = COLUMNS * ROWS
CAPTION_LINES = 3
CREDIT_LINES = 2  # a credit names a photographer and a studio: one line cut it mid-name
# Thumbnails are decoded for 200 dpi, not the page's 300: as sharp as a contact sheet prints,
# and the JPEG decoder's DCT scaling then reads each big still at 1/8 instead of 1/4 of its
# size (half the time per still, a third of the PDF's bytes).
THUMB_DPI = 200
# Far beyond any caption that fits three lines: bounds the text a layout is asked to measure.
TEXT_BUDGET = 600


class ContactSheetEntry(NamedTuple):
    label: str  # "Still 03": the number the pack's file names carry
    image: Path
    caption: str
    credit: str


def page_count(entries: int) -> int:
    """Pages a sheet of ``entries`` takes (one, with a note, when there are none)."""
    return max(1, math.ceil(entries / PER_PAGE))


def write_contact_sheet(
    kit: PressKit,
    entries: Sequence[ContactSheetEntry],
    path: Path,
    locale: QLocale | None = None,
) -> None:
    """Write the contact sheet of ``entries`` to ``path``. Raises OSError when the file cannot
    be written."""
    writer, painter = open_pdf(path, f"{kit.film.title} — contact sheet", locale)
    sheet = _Sheet(writer, painter, kit)
    try:
        pages = page_count(len(entries))
        for page in range(pages):
            if page:
                writer.newPage()
            top = sheet.header(page + 1, pages)
            chunk = entries[page * PER_PAGE : (page + 1) * PER_PAGE]
            if not chunk:
                sheet.text_lines(
                    "No stills were chosen.",
                    sheet.body,
                    QRectF(sheet.left, top, sheet.width, mm(10)),
                    1,
                    INK,
                )
            for index, entry in enumerate(chunk):
                sheet.cell(entry, index, top)
    finally:
        painter.end()
    log.info("contact sheet of %d stills written to %s", len(entries), path)


class _Sheet:
    """One contact sheet being painted: its fonts, measures and page geometry."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, kit: PressKit) -> None:
        self.writer = writer
        self.painter = painter
        self.title = cut(kit.film.title, 200)
        self.terms = terms_line(kit)
        self.left = mm(MARGIN_MM)
        self.top = mm(MARGIN_MM)
        self.width = writer.width() - 2 * mm(MARGIN_MM)
        self.bottom = writer.height() - mm(MARGIN_MM)
        self.heading = print_font(13, bold=True)
        self.small = print_font(7.5)
        self.body = print_font(8)
        self.label = print_font(8, bold=True)

    def header(self, page: int, pages: int) -> float:
        """Paint the page's header; returns where the grid starts."""
        count = f"Contact sheet · page {page} of {pages}"
        count_width = QFontMetricsF(self.small, self.writer).horizontalAdvance(count) + mm(4)
        title_box = QRectF(self.left, self.top, self.width - count_width, mm(8))
        y = self.text_lines(self.title, self.heading, title_box, 1, INK)
        self.painter.setFont(self.small)
        self.painter.setPen(MUTED)
        self.painter.drawText(
            QRectF(self.left, self.top, self.width, mm(6)),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
            count,
        )
        if self.terms:
            y = self.text_lines(
                self.terms, self.small, QRectF(self.left, y + mm(1), self.width, mm(12)), 3, MUTED
            )
        self.painter.setPen(RULE)
        self.painter.drawLine(
            QPointF(self.left, y + mm(2)), QPointF(self.left + self.width, y + mm(2))
        )
        return y + mm(5)

    def cell(self, entry: ContactSheetEntry, index: int, grid_top: float) -> None:
        gutter = mm(5)
        cell_width = (self.width - gutter * (COLUMNS - 1)) / COLUMNS
        cell_height = (self.bottom - grid_top - gutter * (ROWS - 1)) / ROWS
        row, column = divmod(index, COLUMNS)
        x = self.left + column * (cell_width + gutter)
        y = grid_top + row * (cell_height + gutter)
        line = QFontMetricsF(self.body, self.writer).lineSpacing()
        text_height = line * (1 + CAPTION_LINES + CREDIT_LINES) + mm(2)
        box = QRectF(x, y, cell_width, max(mm(10), cell_height - text_height))
        self._thumbnail(entry.image, box)
        text_top = box.bottom() + mm(1.5)
        text_top = self.text_lines(
            entry.label, self.label, QRectF(x, text_top, cell_width, line), 1, INK
        )
        text_top = self.text_lines(
            entry.caption,
            self.body,
            QRectF(x, text_top, cell_width, line * CAPTION_LINES),
            CAPTION_LINES,
            INK,
        )
        self.text_lines(
            entry.credit,
            self.small,
            QRectF(x, text_top, cell_width, line * CREDIT_LINES),
            CREDIT_LINES,
            MUTED,
        )

    def _thumbnail(self, image_path: Path, box: QRectF) -> None:
        try:
            image = decode_to_fit(image_path, (box.size() * THUMB_DPI / RESOLUTION).toSize())
        except ImageDecodeError as error:
            log.warning("contact sheet: %s %s", image_path.name, error)
            self.painter.setPen(RULE)
            self.painter.drawRect(box)
            self.text_lines(
                "This still cannot be read.",
                self.small,
                box.adjusted(mm(2), mm(2), -mm(2), 0),
                2,
                MUTED,
            )
            return
        size = QSizeF(image.size()).scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        # Centred along the width, on the box's foot: the caption sits right under the picture
        # and every caption of a row starts at the same height.
        at = QPointF(box.left() + (box.width() - size.width()) / 2, box.bottom() - size.height())
        self.painter.drawImage(QRectF(at, size), image)

    def text_lines(
        self, text: str, font: QFont, box: QRectF, max_lines: int, color: QColor
    ) -> float:
        """Draw ``text`` wrapped into ``box`` in at most ``max_lines`` lines, the last cut with
        an ellipsis when the text goes on; returns the y below the last line drawn."""
        text = cut(text, TEXT_BUDGET)
        if not text:
            return box.top()
        self.painter.setFont(font)
        self.painter.setPen(color)
        metrics = QFontMetricsF(font, self.writer)
        y = box.top()
        for line in wrap_lines(text, font, self.writer, box.width(), max_lines):
            self.painter.drawText(QPointF(box.left(), y + metrics.ascent()), line)
            y += metrics.lineSpacing()
        return y


def wrap_lines(
    text: str, font: QFont, device: QPdfWriter, width: float, max_lines: int
) -> list[str]:
    """``text`` broken into lines of at most ``width`` (at word boundaries, or anywhere inside
    a run too long for a line), at most ``max_lines`` of them, the last elided if cut."""
    layout = QTextLayout(text, font, device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1 and start + length < len(text):
            rest = text[start:]
            metrics = QFontMetricsF(font, device)
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return lines
