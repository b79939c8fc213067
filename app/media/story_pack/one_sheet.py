"""The story pack's one-sheet: one page of PDF a journalist can print or pin, made with Qt's
own PDF writer so the text stays text (selectable, searchable, read by a screen reader).

Kit text is laid out by ``QTextDocument`` from plain strings inserted with a cursor: never
set as HTML, so a title of ``<img src=/dev/zero>`` is printed as those characters. Qt's
document layout wraps anywhere inside a long run, so a one-word hostile field cannot push
past the margin.

One page whatever the kit holds: the layout is tried at falling type sizes, and when even
the smallest does not fit, every field's character budget shrinks and the sizes are tried
again (``sheet_text.one_sheet_text``). Paper is A4, or Letter where the reader's locale uses
it (``page_size_for``).

Runs on a pool thread (the pack writer calls it): QPdfWriter, QPainter and QTextDocument
may be used outside the GUI thread; only QImage is decoded, never a QPixmap.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from app.identity import DISPLAY_NAME
from app.media.images import ImageDecodeError, decode_to_fit
from app.model.kit import KitFile, PressKit
from app.model.sheet_text import SheetText, one_sheet_text

log = logging.getLogger(__name__)

RESOLUTION = 300  # dots per inch of the PDF's device: fine enough for print-sized key art
MARGIN_MM = 14.0
_MM_PER_INCH = 25.4

# Where paper is Letter: the United States and the countries that follow its paper sizes.
# QLocale's measurement system alone is not enough: Canada measures in metric and prints
# on Letter, the United Kingdom measures in imperial units and prints on A4.
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.CostaRica,
        QLocale.Country.Guatemala,
        QLocale.Country.ElSalvador,
        QLocale.Country.Panama,
        QLocale.Country.DominicanRepublic,
        QLocale.Country.PuertoRico,
        QLocale.Country.Nicaragua,
        QLocale.Country.Belize,
    }
)

# Type sizes tried, largest first (points of the body text; the title is a multiple of it).
BASE_SIZES = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
# Budgets of characters per field tried when no size fits (1.0: the full caps).
BUDGETS = (1.0, 0.6, 0.35, 0.2, 0.1)

# Print colours, not the screen theme's: black text on white paper, grey for labels.
INK = QColor(20, 20, 20)
MUTED = QColor(95, 95, 95)
RULE = QColor(180, 180, 180)


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """A4, or Letter where ``locale`` (None: the reader's) uses Letter paper."""
    locale = locale if locale is not None else QLocale()
    letter = (
        locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in LETTER_TERRITORIES
    )
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def open_pdf(path: Path, title: str, locale: QLocale | None) -> tuple[QPdfWriter, QPainter]:
    """A PDF writer on ``path`` with a painter begun on it; raises OSError when it cannot be."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            page_size_for(locale),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # margins are drawn by the sheet, the same on every printer
        )
    )
    writer.setTitle(title)
    writer.setCreator(DISPLAY_NAME)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path}: cannot be written")
    return writer, painter


def mm(value: float) -> float:
    """Millimetres in device pixels of the PDF writer."""
    return value * RESOLUTION / _MM_PER_INCH


class _Layout(NamedTuple):
    header: QTextDocument
    body: QTextDocument
    art_size: QSizeF  # the key art's drawn size (empty: no art)
    height: float


def write_one_sheet(kit: PressKit, path: Path, locale: QLocale | None = None) -> None:
    """Write ``kit``'s one-sheet to ``path``: one page, A4 or Letter by ``locale``.

    Raises OSError when the file cannot be written."""
    writer, painter = open_pdf(path, kit.film.title, locale)
    try:
        page = QRectF(0, 0, writer.width(), writer.height())
        content = page.adjusted(mm(MARGIN_MM), mm(MARGIN_MM), -mm(MARGIN_MM), -mm(MARGIN_MM))
        box = QSizeF(content.width() * 0.38, content.height() * 0.48)
        art = _key_art(kit, box.toSize())
        layout = _fit(kit, writer, content, _drawn_size(art, box))
        _paint(painter, content, layout, art)
    finally:
        painter.end()
    log.info("one-sheet written to %s", path)


def _key_art(kit: PressKit, box: QSize) -> QImage | None:
    """The key art decoded at the size it is drawn (or the first key art or poster of the
    artwork); None when the kit has none or it cannot be decoded (the sheet is still useful)."""
    candidates: list[KitFile] = []
    if kit.film.key_art is not None:
        candidates.append(kit.film.key_art)
    for kind in ("key-art", "poster"):
        candidates.extend(art.file for art in kit.artwork if art.kind == kind and art.file)
    for file in candidates:
        try:
            return decode_to_fit(file.path, box)
        except ImageDecodeError as error:
            log.warning("one-sheet: key art %s %s", file.relative, error)
    return None


def _drawn_size(art: QImage | None, box: QSizeF) -> QSizeF:
    """The art's size on the page: filling ``box`` with its aspect kept, scaled up too (a
    small key art drawn at its pixel size would be a stamp in the corner of the sheet)."""
    if art is None or art.isNull():
        return QSizeF()
    return QSizeF(art.size()).scaled(box, Qt.AspectRatioMode.KeepAspectRatio)


def _fit(kit: PressKit, writer: QPdfWriter, content: QRectF, art_size: QSizeF) -> _Layout:
    """The largest layout that fits ``content``: type first, then the text's budget."""
    layout: _Layout | None = None
    for budget in BUDGETS:
        text = one_sheet_text(kit, budget)
        for size in BASE_SIZES:
            layout = _layout(text, size, writer, content, art_size)
            if layout.height <= content.height():
                if budget < 1.0:
                    log.info("one-sheet: kit text shortened to %d%% to fit", budget * 100)
                return layout
    # Not reached with real fonts (the last budget leaves a few lines); a page that overflows
    # is clipped rather than continued, keeping the promise of one page.
    assert layout is not None
    log.warning("one-sheet: text clipped at the page's foot")
    return layout


def _layout(
    text: SheetText, size: float, writer: QPdfWriter, content: QRectF, art_size: QSizeF
) -> _Layout:
    gap = mm(6)
    header_width = content.width() - (art_size.width() + gap if not art_size.isEmpty() else 0)
    header = _Document(writer, header_width, size)
    header.paragraph(text.title, size * 2.3, bold=True)
    if text.original_title and text.original_title != text.title:
        header.paragraph(text.original_title, size * 1.1, italic=True, color=MUTED)
    if text.tagline:
        header.paragraph(text.tagline, size * 1.35, italic=True, space_before=size * 0.5)
    if text.logline:
        header.paragraph(text.logline, size * 1.05, space_before=size * 0.8)
    if text.facts:
        header.spacer(size * 0.6)
        for label, value in text.facts:
            header.labelled(label, value, size * 0.95)
    body = _Document(writer, content.width(), size)
    if text.synopsis:
        body.heading("Synopsis", size)
        body.paragraph(text.synopsis, size)
    if text.director:
        body.heading("Director", size)
        body.paragraph(text.director, size)
    if text.cast:
        body.heading("Cast", size)
        body.paragraph("\u2028".join(text.cast), size)  # line separators: one block, one per line
    if text.contacts:
        body.heading("Contacts", size)
        body.paragraph("\u2028".join(text.contacts), size)
    if text.usage or text.copyright:
        body.heading("Terms of use", size)
        if text.usage:
            body.paragraph(text.usage, size * 0.95)
        if text.copyright:
            body.paragraph(text.copyright, size * 0.95, color=MUTED)
    top = max(art_size.height(), header.height())
    height = top + (gap + body.height() if body.has_text else 0)
    return _Layout(header.document, body.document, art_size, height)


def _paint(painter: QPainter, content: QRectF, layout: _Layout, art: QImage | None) -> None:
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setClipRect(content)  # a layout that could not fit is cut at the margin, not beyond
    header_left = content.left()
    if art is not None:
        painter.drawImage(QRectF(content.topLeft(), layout.art_size), art)
        header_left += layout.art_size.width() + mm(6)
    _draw(painter, layout.header, QPointF(header_left, content.top()))
    top = content.top() + max(layout.art_size.height(), layout.header.size().height())
    if layout.body.characterCount() > 1:
        painter.setPen(RULE)
        painter.drawLine(
            QPointF(content.left(), top + mm(3)), QPointF(content.right(), top + mm(3))
        )
        _draw(painter, layout.body, QPointF(content.left(), top + mm(6)))


def _draw(painter: QPainter, document: QTextDocument, at: QPointF) -> None:
    painter.save()
    painter.translate(at)
    document.drawContents(painter)
    painter.restore()


class _Document:
    """A QTextDocument filled with plain text through a cursor, laid out for the PDF device."""

    def __init__(self, writer: QPdfWriter, width: float, base_size: float) -> None:
        self.document = QTextDocument()
        # Laid out with the PDF's metrics, not the screen's: what is measured is what prints.
        self.document.documentLayout().setPaintDevice(writer)
        self.document.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.document.setDefaultFont(print_font(base_size))
        self.document.setTextWidth(width)
        self._cursor = QTextCursor(self.document)
        self._first = True
        self._pending_space = 0.0  # points of space owed to the next block (``spacer``)
        self.has_text = False

    def height(self) -> float:
        return self.document.size().height() if self.has_text else 0.0

    def paragraph(
        self,
        text: str,
        size: float,
        bold: bool = False,
        italic: bool = False,
        color: QColor = INK,
        space_before: float = 0.0,
    ) -> None:
        self._block(space_before)
        self._cursor.insertText(text, _char_format(size, bold, italic, color))

    def labelled(self, label: str, value: str, size: float) -> None:
        self._block(0.0)
        self._cursor.insertText(f"{label}: ", _char_format(size, True, False, MUTED))
        self._cursor.insertText(value, _char_format(size, False, False, INK))

    def heading(self, text: str, size: float) -> None:
        self.paragraph(text.upper(), size * 0.8, bold=True, color=MUTED, space_before=size * 1.1)

    def spacer(self, points: float) -> None:
        self._pending_space = points

    def _block(self, space_before: float) -> None:
        block = QTextBlockFormat()
        # In points, like the fonts: the layout scales both by the PDF device's resolution.
        extra, self._pending_space = self._pending_space, 0.0
        block.setTopMargin(space_before + extra if not self._first else 0)
        if self._first:
            self._cursor.setBlockFormat(block)
            self._first = False
        else:
            self._cursor.insertBlock(block)
        self.has_text = True


def _char_format(size: float, bold: bool, italic: bool, color: QColor) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFontPointSize(size)
    char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    char.setFontItalic(italic)
    char.setForeground(color)
    char.setFontFeatures(NO_LIGATURES)
    return char


# Ligatures off: a PDF's text maps an "fi" ligature glyph to U+FB01, so a journalist who
# copies "film" from the sheet, or searches it for "film", would get or miss "ﬁlm".
NO_LIGATURES = {QFont.Tag("liga"): 0, QFont.Tag("clig"): 0}


def print_font(points: float, bold: bool = False) -> QFont:
    """The sheets' sans-serif type at ``points``, without ligatures (see ``NO_LIGATURES``)."""
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    for tag, value in NO_LIGATURES.items():
        font.setFeature(tag, value)
    return font
