"""A festival laurel: the kit's laurel image when it gives one, else the award drawn as text.

The same widget serves the Press tab, and later the overview and the booth's title card: an
award is recognised at a glance by its laurel shape, and a kit that gives no laurel artwork
still gets one, painted from the award's own words (festival, year, result). Painted text is
plain by nature (QPainter never reads markup), so kit text cannot become rich text here.

The image is decoded on a pool thread: a laurel PNG from a festival can be a large print file,
and decoding it on the UI thread would stall the tab it is shown in.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.worker import run_in_background
from app.model.kit import Award
from app.views import palette
from app.views.kit_text import kit_tooltip

log = logging.getLogger(__name__)

LAUREL_SIZE = QSize(230, 150)  # logical pixels: three side by side fit the reading column
# Decoded once at this many device pixels at most; painting scales it down smoothly. Laurels
# are shown small, so a print-resolution file would only waste memory at full size.
DECODE_BOX = QSize(690, 450)
# Drawn text is cut here (the tooltip keeps the whole): a festival name of a megabyte must not
# make every paint lay out a megabyte, and more than this cannot fit inside the leaves anyway.
MAX_DRAWN_CHARS = 90
LEAVES_PER_BRANCH = 7


def result_words(award: Award) -> str:
    """``Official selection``: the result as a person writes it at the start of a line."""
    return award.result[:1].upper() + award.result[1:]


def award_description(award: Award) -> str:
    """``Example Film Festival 2030 — Official selection, Competition``: the award in one line,
    for the accessible name and the tooltip (an image laurel's words cannot be read out)."""
    festival = f"{award.festival} {award.year}" if award.year is not None else award.festival
    result = result_words(award)
    return (
        f"{festival} — {result}, {award.category}" if award.category else f"{festival} — {result}"
    )


def drawn_lines(award: Award) -> tuple[str, str, str]:
    """What a drawn laurel says: (result, festival, year), each cut to fit."""
    return (
        _cut(result_words(award).upper()),
        _cut(award.festival),
        str(award.year) if award.year is not None else "",
    )


def _cut(text: str) -> str:
    flat = " ".join(text[: MAX_DRAWN_CHARS * 4].split())
    return flat if len(flat) <= MAX_DRAWN_CHARS else flat[: MAX_DRAWN_CHARS - 1] + "…"


def leaf_colour(award: Award) -> str:
    """Amber leaves for a win, quiet ones for a selection or nomination: the eye finds the
    wins first, as on a poster."""
    return palette.AMBER if award.result == "winner" else palette.TEXT_SECONDARY


def _on_branch(centre: QPointF, rx: float, ry: float, side: int, theta: float) -> QPointF:
    """The point of the wreath ``theta`` radians up from its bottom, on ``side`` (-1 left)."""
    return QPointF(centre.x() + side * rx * math.sin(theta), centre.y() + ry * math.cos(theta))


class LaurelWidget(QWidget):
    """One award as a laurel. ``image`` is set once the laurel file is decoded;
    ``failed_reason`` says why a laurel file could not be shown (the drawn laurel stands in)."""

    image_ready = Signal()
    image_failed = Signal(str)

    def __init__(self, award: Award, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.award = award
        self.image: QImage | None = None
        self.failed_reason: str | None = None
        self.setObjectName("laurel")
        self.setMinimumSize(160, 104)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        description = award_description(award)
        self.setAccessibleName(description)
        self.setToolTip(kit_tooltip(description))
        if award.laurel is not None:
            path = award.laurel.path
            run_in_background(
                lambda: decode_to_fit(path, DECODE_BOX),
                self._on_decoded,
                self._on_decode_failed,
                owner=self,
            )

    @property
    def is_drawn(self) -> bool:
        """True while the laurel is painted from the award's words (no image, or not yet)."""
        return self.image is None

    def sizeHint(self) -> QSize:
        return LAUREL_SIZE

    def _on_decoded(self, image: object) -> None:
        if not isinstance(image, QImage) or image.isNull():
            self._on_decode_failed(ImageDecodeError("cannot be decoded"))
            return
        self.image = image
        self.update()
        self.image_ready.emit()

    def _on_decode_failed(self, error: Exception) -> None:
        assert self.award.laurel is not None
        self.failed_reason = f"{self.award.laurel.relative} {error}"
        log.warning("laurel image %s; drawing the award instead", self.failed_reason)
        self.update()
        self.image_failed.emit(self.failed_reason)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        if self.image is not None:
            self._paint_image(painter, area, self.image)
        else:
            self._paint_drawn(painter, area)
        painter.end()

    def _paint_image(self, painter: QPainter, area: QRectF, image: QImage) -> None:
        size = QSize(image.width(), image.height()).scaled(
            area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
        )
        target = QRectF(0, 0, size.width(), size.height())
        target.moveCenter(area.center())
        painter.drawImage(target, image)

    def _paint_drawn(self, painter: QPainter, area: QRectF) -> None:
        colour = QColor(leaf_colour(self.award))
        # The wreath: two branches rising from the bottom centre and curving up either side of
        # the words, open at the top, each leaf lying along its branch.
        rx, ry = area.width() * 0.40, area.height() * 0.44
        centre = QPointF(area.center().x(), area.top() + area.height() * 0.48)
        leaf = max(4.0, min(rx, ry) * 0.17)
        stem = QPen(colour, max(1.2, leaf * 0.16))
        stem.setCapStyle(Qt.PenCapStyle.RoundCap)
        for side in (-1, 1):
            branch = QPainterPath()
            for step in range(33):
                point = _on_branch(centre, rx, ry, side, math.radians(8 + step * 4.5))
                if step == 0:
                    branch.moveTo(point)
                else:
                    branch.lineTo(point)
            painter.setPen(stem)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(branch)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for index in range(LEAVES_PER_BRANCH):
                # From near the bottom (20°) up to the open top (145°), measured from the bottom.
                theta = math.radians(20 + index * (125 / (LEAVES_PER_BRANCH - 1)))
                point = _on_branch(centre, rx, ry, side, theta)
                # The branch's direction here, pointing up along it.
                tangent = QPointF(side * rx * math.cos(theta), -ry * math.sin(theta))
                along = math.degrees(math.atan2(tangent.x(), -tangent.y()))
                size = leaf * (1.0 - index * 0.05)
                # A leaf on the outside of the branch and a smaller one inside, both leaning
                # forwards along it, as on a festival laurel.
                for lean, scale, offset in ((side * 38, 1.0, 1.0), (-side * 38, 0.7, -0.8)):
                    painter.save()
                    painter.translate(point)
                    painter.rotate(along + lean)
                    painter.translate(0, -size * 0.55 * (1 if offset > 0 else 0.8))
                    painter.drawEllipse(
                        QRectF(
                            -size * 0.36 * scale,
                            -size * scale,
                            size * 0.72 * scale,
                            size * 2 * scale,
                        )
                    )
                    painter.restore()
        self._paint_words(painter, area, centre, rx)

    def _paint_words(self, painter: QPainter, area: QRectF, centre: QPointF, radius: float) -> None:
        result, festival, year = drawn_lines(self.award)
        inner_width = radius * 2 * 0.92 - radius * 0.55
        inner = QRectF(0, 0, inner_width, area.height() * 0.78)
        inner.moveCenter(QPointF(centre.x(), area.top() + area.height() * 0.45))
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.72))
        small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        bold = QFont(base)
        bold.setBold(True)
        bold.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        # Result above, festival in the middle (it may wrap to two lines), year below.
        top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.22)
        middle = QRectF(inner.left(), top.bottom(), inner.width(), inner.height() * 0.56)
        bottom = QRectF(inner.left(), middle.bottom(), inner.width(), inner.height() * 0.22)
        painter.setPen(QColor(leaf_colour(self.award)))
        painter.setFont(small)
        painter.drawText(top, int(flags | Qt.AlignmentFlag.AlignBottom), result)
        painter.setPen(QColor(palette.TEXT_STRONG))
        painter.setFont(bold)
        painter.drawText(middle, int(flags | Qt.AlignmentFlag.AlignVCenter), festival)
        painter.setPen(QColor(palette.TEXT_SECONDARY))
        painter.setFont(small)
        painter.drawText(bottom, int(flags | Qt.AlignmentFlag.AlignTop), year)
