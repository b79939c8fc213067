"""Picks drawn on a still's tile: a green flag for a pick, a dimmed picture with a red ✕ for
a reject, and the stars given. Drawn as vector shapes, not glyphs or bitmaps, so they stay
crisp at any scale (200 %) and do not depend on which fonts have a star."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from app.model.picks import Mark
from app.views import palette

log = logging.getLogger(__name__)

PICK = QColor(palette.PICK)
ON_PICK = QColor(palette.ON_PICK)
REJECT = QColor(palette.REJECT)
ON_REJECT = QColor(palette.ON_REJECT)
STAR = QColor(palette.STAR)
REJECT_DIM = QColor(palette.with_alpha(palette.SHADE, 150))
STARS_BACKING = QColor(palette.with_alpha(palette.SHADE, 170))


def star_polygon(centre: QPointF, radius: float) -> QPolygonF:
    """A five-pointed star, point up."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    return QPolygonF(points)


def paint_marks(painter: QPainter, picture: QRect, mark: Mark, scale: float) -> None:
    """``mark`` over the thumbnail drawn in ``picture``; ``scale``: the tile's size against
    the normal one (booth mode's larger font has larger tiles)."""
    if mark.is_blank:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gap = 6 * scale
    size = 24 * scale
    if mark.flag == "rejected":
        painter.fillRect(picture, REJECT_DIM)
    if mark.flag != "none":
        badge = QRectF(picture.left() + gap, picture.bottom() + 1 - gap - size, size, size)
        _paint_flag_badge(painter, badge, mark.flag == "picked")
    if mark.stars:
        _paint_stars(painter, picture, mark.stars, gap, size)
    painter.restore()


def _paint_flag_badge(painter: QPainter, badge: QRectF, picked: bool) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PICK if picked else REJECT)
    painter.drawEllipse(badge)
    unit = badge.width() / 24
    if picked:
        # A flag on its pole.
        flag = QPainterPath()
        left = badge.left() + 8 * unit
        top = badge.top() + 6 * unit
        flag.addRect(QRectF(left, top, 1.8 * unit, 13 * unit))
        flag.moveTo(left + 1.8 * unit, top)
        flag.lineTo(left + 10 * unit, top + 3.5 * unit)
        flag.lineTo(left + 1.8 * unit, top + 7 * unit)
        flag.closeSubpath()
        painter.setBrush(ON_PICK)
        painter.drawPath(flag)
    else:
        pen = QPen(ON_REJECT, 2.4 * unit)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        inner = badge.adjusted(7.5 * unit, 7.5 * unit, -7.5 * unit, -7.5 * unit)
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(inner.topRight(), inner.bottomLeft())


def _paint_stars(painter: QPainter, picture: QRect, stars: int, gap: float, size: float) -> None:
    """The stars given, on a dark pill in the picture's bottom right corner."""
    step = size * 0.75
    width = stars * step + size * 0.35
    backing = QRectF(
        picture.right() + 1 - gap - width, picture.bottom() + 1 - gap - size, width, size
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(STARS_BACKING)
    painter.drawRoundedRect(backing, size / 2, size / 2)
    painter.setBrush(STAR)
    radius = size * 0.32
    for n in range(stars):
        centre = QPointF(backing.left() + size * 0.175 + step * (n + 0.5), backing.center().y())
        painter.drawPolygon(star_polygon(centre, radius))
