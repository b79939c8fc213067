"""The attract loop's title card: key art, the film's title, tagline, release date and
distributor — only what the kit's manifest says."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPixmap

from app.model.attract import release_date
from app.model.kit import Film
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.views import palette
from app.views.kit_text import breakable
from app.views.overview_tab import format_date

log = logging.getLogger(__name__)


class CardLine(Enum):
    """What a line of the card is: it decides the line's size, colour and weight."""

    TITLE = "title"
    TAGLINE = "tagline"
    DATE_LABEL = "date label"
    DATE = "date"
    DISTRIBUTOR = "distributor"


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
}


def title_card_lines(film: Film) -> tuple[TitleCardLine, ...]:
    """The card's lines, top to bottom: only what the kit's manifest says."""
    lines = [TitleCardLine(CardLine.TITLE, shorten_for_display(film.title, MAX_TITLE_CHARS))]
    if film.tagline:
        lines.append(TitleCardLine(CardLine.TAGLINE, shorten_for_display(film.tagline)))
    date = release_date(film.dates)
    if date is not None:
        lines.append(TitleCardLine(CardLine.DATE_LABEL, shorten_for_display(date.label)))
        lines.append(TitleCardLine(CardLine.DATE, format_date(date.date)))
    if film.distributor:
        lines.append(TitleCardLine(CardLine.DISTRIBUTOR, shorten_for_display(film.distributor)))
    return tuple(lines)


def paint_title_card(
    lines: Sequence[TitleCardLine],
    key_art: QImage | None,
    size: QSize,
    ratio: float,
    base_font: QFont,
) -> QPixmap:
    """The card: key art at the left when there is one, then the film's own lines."""
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
        measured, total, scale = fit_to_card(painter, lines, text_width, height, base_font)
        gap = height * scale * _GAP
        top = (height - total) / 2
        for text, font, color, rect in measured:
            painter.setFont(font)
            painter.setPen(QColor(color))
            painter.drawText(QRectF(text_left, top, text_width, rect.height()), _FLAGS, text)
            top += rect.height() + gap
    finally:
        painter.end()
    return pixmap


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
