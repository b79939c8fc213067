"""The attract loop's title card: key art, the film's title, tagline, release date and
distributor — only what the kit's manifest says."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPixmap

from app.model.attract import release_date
from app.model.kit import Film
from app.views import palette
from app.views.overview_tab import format_date

log = logging.getLogger(__name__)


def paint_title_card(
    film: Film, key_art: QImage | None, size: QSize, ratio: float, base_font: QFont
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
        date = release_date(film.dates)
        blocks: list[tuple[str, float, str, bool, QFont.Weight]] = [
            (film.title, height / 9, palette.TEXT_STRONG, False, QFont.Weight.ExtraBold),
        ]
        if film.tagline:
            blocks.append((film.tagline, height / 28, palette.AMBER, True, QFont.Weight.Normal))
        if date is not None:
            blocks.append(
                (date.label, height / 34, palette.TEXT_SECONDARY, False, QFont.Weight.DemiBold)
            )
            blocks.append(
                (format_date(date.date), height / 16, palette.TEXT_STRONG, False, QFont.Weight.Bold)
            )
        if film.distributor:
            blocks.append(
                (film.distributor, height / 36, palette.TEXT_SECONDARY, False, QFont.Weight.Normal)
            )
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        measured: list[tuple[str, QFont, str, QRectF]] = []
        for text, pixel_size, color, italic, weight in blocks:
            font = QFont(base_font)
            font.setPixelSize(max(12, int(pixel_size)))
            font.setItalic(italic)
            font.setWeight(weight)
            if text == film.title:
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, pixel_size * 0.08)
            painter.setFont(font)
            rect = painter.boundingRect(QRectF(0, 0, text_width, height), flags, text)
            measured.append((text, font, color, rect))
        gap = height * 0.035
        total = sum(rect.height() for *_, rect in measured) + gap * (len(measured) - 1)
        top = (height - total) / 2
        for text, font, color, rect in measured:
            painter.setFont(font)
            painter.setPen(QColor(color))
            painter.drawText(QRectF(text_left, top, text_width, rect.height()), flags, text)
            top += rect.height() + gap
    finally:
        painter.end()
    return pixmap
