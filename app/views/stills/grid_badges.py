"""Badges on a still's tile: the amber "!" of an incomplete picture and the pill naming the
terms that apply to it ("Embargo", "Terms"), placed on the thumbnail as drawn."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap

from app.views import palette
from app.views.stills.grid_model import TILE_WIDTH
from app.views.stills.terms import BadgeKind

log = logging.getLogger(__name__)

BADGE = QColor(palette.AMBER)
BADGE_TEXT = QColor(palette.ON_AMBER)
# The terms badge: red as the app's accent for an embargo (not to be published yet), a quiet
# panel colour for terms of its own (to be read before use); white text on both.
TERMS_BADGE = {
    BadgeKind.EMBARGO: (QColor(palette.ACCENT), QColor(palette.TEXT_STRONG)),
    BadgeKind.TERMS: (QColor(palette.SELECTED), QColor(palette.TEXT_STRONG)),
}
TERMS_BADGE_BORDER = QColor(palette.SELECTED_BORDER)


def paint_warning_badge(painter: QPainter, picture: QRect) -> None:
    """A small amber ⚠ in the tile's corner: the picture is there, but incomplete."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    badge = QRect(picture.x() + 8, picture.y() + 8, 26, 26)
    painter.setBrush(BADGE)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(badge)
    painter.setPen(BADGE_TEXT)
    font = painter.font()
    font.setPixelSize(17)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


# A badge label's width by label and font: measured once, not on every paint of every tile.
_LABEL_WIDTHS: dict[tuple[str, str], int] = {}


def shown_rect(picture: QRect, decoration: QPixmap) -> QRect:
    """Where a thumbnail is drawn: its own size, centred in the tile's picture box."""
    shown = decoration.deviceIndependentSize().toSize()
    target = QRect(0, 0, shown.width(), shown.height())
    target.moveCenter(picture.center())
    return target


def terms_badge_font(base: QFont, picture: QRect) -> QFont:
    """The badge's label font: bold, growing with the tile (booth mode's larger tiles)."""
    font = QFont(base)
    font.setPixelSize(max(11, round(13 * picture.width() / TILE_WIDTH)))
    font.setBold(True)
    return font


def terms_badge_rect(picture: QRect, anchor: QRect, kind: BadgeKind, font: QFont) -> QRect:
    """Where the terms badge sits: ``anchor``'s top right corner (the thumbnail as drawn; the
    "!" badge has the left), as wide as its label in ``font`` (a :func:`terms_badge_font`),
    sized by the tile's ``picture`` box so every badge of a grid is the same size."""
    key = (kind.value, font.key())
    width = _LABEL_WIDTHS.get(key)
    if width is None:
        width = _LABEL_WIDTHS[key] = QFontMetrics(font).horizontalAdvance(kind.value)
    scale = picture.width() / TILE_WIDTH
    width += round(16 * scale)
    height = round(24 * scale)
    gap = round(6 * scale)
    # Never past the picture box's left edge: a narrow logo still shows the whole badge.
    left = max(picture.left() + gap, anchor.right() - gap - width)
    return QRect(left, anchor.top() + gap, width, height)


def paint_terms_badge(painter: QPainter, picture: QRect, anchor: QRect, kind: BadgeKind) -> None:
    """A small pill naming why the still needs care: "Embargo" or "Terms"."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = terms_badge_font(painter.font(), picture)
    painter.setFont(font)
    badge = terms_badge_rect(picture, anchor, kind, font)
    fill, text = TERMS_BADGE[kind]
    painter.setBrush(fill)
    painter.setPen(TERMS_BADGE_BORDER)
    radius = badge.height() / 2
    painter.drawRoundedRect(badge, radius, radius)
    painter.setPen(text)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, kind.value)
    painter.restore()
