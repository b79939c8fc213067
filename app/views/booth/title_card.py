"""The attract loop's title card: key art, the film's title, tagline, release date and
distributor, the kit's top quote and its laurels — only what the kit's manifest says.

Laurels are the Press tab's own widgets (app/views/laurel.py), kept hidden and rendered into the
card, so the booth shows the same laurel image, or the same drawn laurel, as the viewer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from app.model.attract import release_date
from app.model.kit import Film, PressKit, Quote
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.views import palette
from app.views.booth.qr_code import BoothQr, CardQrPlace, paint_card_qr, place_card_qr
from app.views.kit_text import breakable
from app.views.laurel import LAUREL_SIZE, LaurelWidget
from app.views.overview_tab import format_date

log = logging.getLogger(__name__)


class CardLine(Enum):
    """What a line of the card is: it decides the line's size, colour and weight."""

    TITLE = "title"
    TAGLINE = "tagline"
    DATE_LABEL = "date label"
    DATE = "date"
    DISTRIBUTOR = "distributor"
    QUOTE = "quote"
    QUOTE_SOURCE = "quote source"


class TitleCardLine(NamedTuple):
    role: CardLine
    text: str  # as the kit wrote it (shortened past the display limits)


class _Look(NamedTuple):
    height_fraction: float  # pixel size as a fraction of the card's height
    color: str
    italic: bool
    weight: QFont.Weight
    letter_spacing: float = 0.0  # as a fraction of the pixel size


_LOOKS = {
    CardLine.TITLE: _Look(1 / 9, palette.TEXT_STRONG, False, QFont.Weight.ExtraBold, 0.08),
    CardLine.TAGLINE: _Look(1 / 28, palette.AMBER, True, QFont.Weight.Normal),
    CardLine.DATE_LABEL: _Look(1 / 34, palette.TEXT_SECONDARY, False, QFont.Weight.DemiBold),
    CardLine.DATE: _Look(1 / 16, palette.TEXT_STRONG, False, QFont.Weight.Bold),
    CardLine.DISTRIBUTOR: _Look(1 / 36, palette.TEXT_SECONDARY, False, QFont.Weight.Normal),
    CardLine.QUOTE: _Look(1 / 30, palette.TEXT_SOFT, True, QFont.Weight.Normal),
    CardLine.QUOTE_SOURCE: _Look(1 / 40, palette.TEXT_SECONDARY, False, QFont.Weight.DemiBold),
}

MAX_CARD_LAURELS = 4  # more do not fit beside each other under the text
MAX_QUOTE_CHARS = 240  # a card is read in passing: a longer quote is cut with an ellipsis
CARD_LAUREL_POINTS = 10.5
_LAUREL_FRACTION = 0.17  # a laurel's height as a fraction of the card's


def title_card_lines(film: Film, quotes: Sequence[Quote] = ()) -> tuple[TitleCardLine, ...]:
    """The card's lines, top to bottom: only what the kit's manifest says; the first of
    ``quotes`` (the kit's top quote) last, with its source."""
    lines = [TitleCardLine(CardLine.TITLE, shorten_for_display(film.title, MAX_TITLE_CHARS))]
    if film.tagline:
        lines.append(TitleCardLine(CardLine.TAGLINE, shorten_for_display(film.tagline)))
    date = release_date(film.dates)
    if date is not None:
        lines.append(TitleCardLine(CardLine.DATE_LABEL, shorten_for_display(date.label)))
        lines.append(TitleCardLine(CardLine.DATE, format_date(date.date)))
    if film.distributor:
        lines.append(TitleCardLine(CardLine.DISTRIBUTOR, shorten_for_display(film.distributor)))
    if quotes:
        quote = quotes[0]
        text = shorten_for_display(" ".join(quote.text.split()), MAX_QUOTE_CHARS)
        lines.append(TitleCardLine(CardLine.QUOTE, f"\u201c{text}\u201d"))
        source = ", ".join(part for part in (quote.author, quote.source) if part)
        lines.append(TitleCardLine(CardLine.QUOTE_SOURCE, f"— {shorten_for_display(source)}"))
    return tuple(lines)


def card_laurels(kit: PressKit, parent: QWidget) -> list[LaurelWidget]:
    """Hidden laurel widgets for the first awards, to render into the card; each decodes its
    laurel image (if any) on a pool thread and says ``image_ready`` when it can be redrawn."""
    laurels = []
    for award in kit.awards[:MAX_CARD_LAURELS]:
        laurel = LaurelWidget(award, parent)
        # The words inside a laurel are sized for the viewer's 10.5 pt text; the booth's larger
        # touch-screen text would overflow the wreath. The whole laurel is scaled to the card.
        laurel.setStyleSheet(f"QWidget#laurel {{ font-size: {CARD_LAUREL_POINTS}pt; }}")
        laurel.ensurePolished()
        laurel.resize(LAUREL_SIZE)
        laurel.hide()
        laurels.append(laurel)
    return laurels


def paint_title_card(
    lines: Sequence[TitleCardLine],
    key_art: QImage | None,
    size: QSize,
    ratio: float,
    base_font: QFont,
    laurels: Sequence[QWidget] = (),
    qr: BoothQr | None = None,
) -> QPixmap:
    """The card: key art at the left when there is one, then the film's own lines, then a row
    of laurels; the booth's QR code, if any, in the bottom-right corner."""
    pixmap = QPixmap(size)
    pixmap.setDevicePixelRatio(ratio)
    width, height = size.width() / ratio, size.height() / ratio
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        background = QLinearGradient(0, 0, 0, height)
        background.setColorAt(0.0, QColor(palette.BACKGROUND))
        background.setColorAt(1.0, QColor(palette.TITLE_CARD_END))
        painter.fillRect(QRectF(0, 0, width, height), background)
        text_left = width * 0.08
        if key_art is not None:
            art = key_art
            art_height = height * 0.78
            art_width = art_height * art.width() / max(1, art.height())
            art_rect = QRectF(width * 0.08, (height - art_height) / 2, art_width, art_height)
            painter.drawImage(art_rect, art)
            text_left = art_rect.right() + width * 0.06
        text_width = width - text_left - width * 0.06
        laurel_height = height * _LAUREL_FRACTION if laurels else 0.0
        # The text fits in what the laurels leave: they sit under it, never over it.
        text_room = height - laurel_height * 1.2
        qr_place = None
        if qr is not None:
            qr_place = place_card_qr(painter, qr.url, size, ratio, base_font)
            paint_card_qr(painter, qr.modules, qr.url, qr_place, ratio)
        measured, total, scale = fit_to_card(painter, lines, text_width, text_room, base_font)
        row = QRectF(0, 0, text_width, laurel_height) if laurels else None
        if qr_place is not None and _runs_into(qr_place, measured, total, row, text_left, height):
            # Narrower, only when a line would run into the code's corner: most cards keep
            # their full width (the code sits below and beside the short lines).
            text_width = max(width * 0.15, qr_place.bounds.left() - width * 0.03 - text_left)
            measured, total, scale = fit_to_card(painter, lines, text_width, text_room, base_font)
        gap = text_room * scale * _GAP
        block = total + (laurel_height + gap if laurels else 0.0)
        top = (height - block) / 2
        for text, font, color, rect in measured:
            painter.setFont(font)
            painter.setPen(QColor(color))
            painter.drawText(QRectF(text_left, top, text_width, rect.height()), _FLAGS, text)
            top += rect.height() + gap
        if laurels:
            _paint_laurels(painter, laurels, text_left, top, text_width, laurel_height)
    finally:
        painter.end()
    return pixmap


def _runs_into(
    place: CardQrPlace,
    measured: list[tuple[str, QFont, str, QRectF]],
    total: float,
    laurels: QRectF | None,
    left: float,
    height: float,
) -> bool:
    """True when a measured line, or the row of laurels (``laurels``: its width and height),
    where the card would draw them, overlaps the code's corner."""
    keep_clear = place.bounds.adjusted(-height * 0.02, -height * 0.02, 0, 0)
    gap = (total - sum(rect.height() for *_, rect in measured)) / max(1, len(measured) - 1)
    block = total + (laurels.height() + gap if laurels is not None else 0.0)
    top = (height - block) / 2
    for *_, rect in measured:
        if QRectF(left, top, rect.width(), rect.height()).intersects(keep_clear):
            return True
        top += rect.height() + gap
    return laurels is not None and laurels.translated(left, top).intersects(keep_clear)


def _paint_laurels(
    painter: QPainter,
    laurels: Sequence[QWidget],
    left: float,
    top: float,
    width: float,
    height: float,
) -> None:
    """The laurels side by side from ``left``, each scaled to ``height`` (narrower when the
    row would be wider than the text column)."""
    each = LAUREL_SIZE
    scale = min(height / each.height(), width / (each.width() * len(laurels)))
    for index, laurel in enumerate(laurels):
        painter.save()
        painter.translate(left + index * each.width() * scale, top)
        painter.scale(scale, scale)
        # Children only: the window background would paint a box behind each wreath.
        laurel.render(painter, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
        painter.restore()


_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
_GAP = 0.035  # between lines, as a fraction of the card's height
_FILL = 0.92  # the most of the card's height the text may take
_FIT_ATTEMPTS = 8


def fit_to_card(
    painter: QPainter,
    lines: Sequence[TitleCardLine],
    text_width: float,
    height: float,
    base_font: QFont,
) -> tuple[list[tuple[str, QFont, str, QRectF]], float, float]:
    """The lines measured at the largest scale (at most 1) at which they fit the card's
    height, with their total height and that scale.

    A long title (up to the 200 characters shown) wraps to many lines at the card's sizes
    and would push the date off the card: everything shrinks until it fits. Wrapped text
    grows with the square of the font size, hence the square root.
    """
    scale = 1.0
    for _ in range(_FIT_ATTEMPTS):
        measured = _measure(painter, lines, text_width, height, scale, base_font)
        total = _total_height(measured, height * scale)
        if total <= height * _FILL:
            break
        scale *= max(0.5, min(0.95, (height * _FILL / total) ** 0.5))
    return measured, total, scale


def _measure(
    painter: QPainter,
    lines: Sequence[TitleCardLine],
    text_width: float,
    height: float,
    scale: float,
    base_font: QFont,
) -> list[tuple[str, QFont, str, QRectF]]:
    """Each line's text, font, colour and wrapped size at ``scale`` times its normal size."""
    measured: list[tuple[str, QFont, str, QRectF]] = []
    for line in lines:
        look = _LOOKS[line.role]
        pixel_size = height * look.height_fraction * scale
        font = QFont(base_font)
        font.setPixelSize(max(12, int(pixel_size)))
        font.setItalic(look.italic)
        font.setWeight(look.weight)
        if look.letter_spacing:
            font.setLetterSpacing(
                QFont.SpacingType.AbsoluteSpacing, pixel_size * look.letter_spacing
            )
        painter.setFont(font)
        # Break opportunities in long words: drawText wraps only between words.
        text = breakable(line.text)
        rect = painter.boundingRect(QRectF(0, 0, text_width, height * 4), _FLAGS, text)
        measured.append((text, font, look.color, rect))
    return measured


def _total_height(measured: list[tuple[str, QFont, str, QRectF]], scaled_height: float) -> float:
    return sum(rect.height() for *_, rect in measured) + scaled_height * _GAP * (len(measured) - 1)
