"""The attract loop's picture: stills moving slowly (pan and zoom) and cross-fading, their
captions and credits, the title card standing still.

Captions never overlap: while two pictures cross-fade, the outgoing caption fades out in the
first half of the fade and the incoming one fades in during the second half, so a visitor
never sees two captions (and two credits) over each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from app.model.clock import Clock
from app.views import palette

log = logging.getLogger(__name__)

# Slow pan and zoom ("Ken Burns"): (zoom at start, zoom at end, (x, y) at start, (x, y) at
# end); positions run from -1 (left/top edge of the picture) to 1 (right/bottom edge).
MOTIONS: tuple[tuple[float, float, tuple[float, float], tuple[float, float]], ...] = (
    (1.0, 1.12, (0.0, 0.0), (0.5, -0.4)),
    (1.12, 1.0, (-0.6, 0.3), (0.0, 0.0)),
    (1.06, 1.06, (-0.9, 0.0), (0.9, 0.0)),
    (1.0, 1.1, (0.0, 0.0), (-0.5, 0.5)),
)


@dataclass
class Frame:
    """One picture of the loop: a still (moving) or the title card (standing)."""

    pixmap: QPixmap
    started: float
    duration: float
    caption: str = ""
    credit: str = ""
    motion: int | None = None  # index into MOTIONS; None for the title card


class AttractCanvas(QWidget):
    """Paints the current frame over the previous one while cross-fading."""

    def __init__(self, clock: Clock, fade_seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.clock = clock
        self.fade_seconds = max(0.001, fade_seconds)
        self.current: Frame | None = None
        self.previous: Frame | None = None

    def show_frame(self, frame: Frame) -> None:
        self.previous = self.current
        self.current = frame
        self.update()

    def clear(self) -> None:
        self.current = None
        self.previous = None
        self.update()

    def fade_progress(self) -> float:
        if self.current is None:
            return 1.0
        return _clamp((self.clock.now() - self.current.started) / self.fade_seconds)

    def caption_opacities(self) -> tuple[float, float]:
        """How opaque the outgoing and the incoming caption are now; never both above 0."""
        fade = self.fade_progress()
        previous = self.previous
        if previous is None or fade >= 1.0 or not (previous.caption or previous.credit):
            return 0.0, fade if self.current is not None else 0.0
        # Out over the first half of the fade, in over the second: no moment shows both.
        return max(0.0, 1.0 - 2.0 * fade), max(0.0, 2.0 * fade - 1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(palette.VIDEO_BACKGROUND))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            now = self.clock.now()
            fade = self.fade_progress()
            outgoing, incoming = self.caption_opacities()
            if self.previous is not None and fade < 1.0:
                self._draw(painter, self.previous, 1.0, now)
            elif self.previous is not None:
                self.previous = None  # faded out: let its pixmap go
            if self.current is not None:
                self._draw(painter, self.current, fade, now)
            # Captions after both pictures, each with its own opacity: they never overlap.
            if self.previous is not None and outgoing > 0.0:
                self._draw_caption(painter, self.previous, outgoing)
            if self.current is not None and incoming > 0.0:
                self._draw_caption(painter, self.current, incoming)
        except Exception:  # a paint error must not take the booth down
            log.exception("attract loop: painting failed")
        finally:
            painter.end()

    def _draw(self, painter: QPainter, frame: Frame, opacity: float, now: float) -> None:
        painter.setOpacity(opacity)
        width, height = float(self.width()), float(self.height())
        size = frame.pixmap.deviceIndependentSize()
        if frame.motion is None:
            target = QRectF(0, 0, width, height)
        else:
            start_zoom, end_zoom, (x0, y0), (x1, y1) = MOTIONS[frame.motion % len(MOTIONS)]
            progress = _ease(_clamp((now - frame.started) / max(0.001, frame.duration)))
            cover = max(width / max(1.0, size.width()), height / max(1.0, size.height()))
            scale = cover * (start_zoom + (end_zoom - start_zoom) * progress)
            shown_w, shown_h = size.width() * scale, size.height() * scale
            x = x0 + (x1 - x0) * progress
            y = y0 + (y1 - y0) * progress
            left = (width - shown_w) / 2 - x * (shown_w - width) / 2
            top = (height - shown_h) / 2 - y * (shown_h - height) / 2
            target = QRectF(left, top, shown_w, shown_h)
        painter.drawPixmap(target, frame.pixmap, QRectF(frame.pixmap.rect()))
        painter.setOpacity(1.0)

    def _draw_caption(self, painter: QPainter, frame: Frame, opacity: float) -> None:
        if not (frame.caption or frame.credit):
            return
        painter.setOpacity(opacity)
        width, height = float(self.width()), float(self.height())
        band = QRectF(0, height * 0.72, width, height * 0.28)
        shade = QLinearGradient(band.topLeft(), band.bottomLeft())
        shade.setColorAt(0.0, QColor(palette.with_alpha(palette.SHADE, 0)))
        shade.setColorAt(0.55, QColor(palette.with_alpha(palette.SHADE, 170)))
        shade.setColorAt(1.0, QColor(palette.with_alpha(palette.SHADE, 215)))
        painter.fillRect(band, shade)
        margin = width * 0.05
        caption_font = QFont(self.font())
        caption_font.setPixelSize(max(16, int(height / 30)))
        caption_font.setWeight(QFont.Weight.DemiBold)
        credit_font = QFont(self.font())
        credit_font.setPixelSize(max(12, int(height / 52)))
        credit_font.setItalic(True)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        text_width = width - 2 * margin
        bottom = height - height * 0.05
        if frame.credit:
            painter.setFont(credit_font)
            credit_rect = painter.boundingRect(
                QRectF(0, 0, text_width, height), flags, f"Credit: {frame.credit}"
            )
            credit_rect.moveTo(margin, bottom - credit_rect.height())
            painter.setPen(QColor(palette.TEXT_CAPTION_CREDIT))
            painter.drawText(credit_rect, flags, f"Credit: {frame.credit}")
            bottom = credit_rect.top() - credit_font.pixelSize() * 0.4
        if frame.caption:
            painter.setFont(caption_font)
            caption_rect = painter.boundingRect(
                QRectF(0, 0, text_width, height), flags, frame.caption
            )
            caption_rect.moveTo(margin, bottom - caption_rect.height())
            painter.setPen(QColor(palette.TEXT_STRONG))
            painter.drawText(caption_rect, flags, frame.caption)
        painter.setOpacity(1.0)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _ease(value: float) -> float:
    """Ease in and out (smoothstep): the motion starts and ends gently."""
    return value * value * (3 - 2 * value)
