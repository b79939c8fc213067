"""The booth's QR code, drawn so a phone reads it: dark modules on white, the quiet zone
included, every module a whole number of device pixels, never smoothed or scaled.

The same image goes on the attract loop's title card (painted into the card) and into the corner
of visitor mode (:class:`QrPanel`), each with the URL written under it as plain text.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.views import palette
from app.views.kit_text import breakable

log = logging.getLogger(__name__)

Modules = Sequence[Sequence[bool]]  # rows of modules, quiet zone included; True is dark

# Pure black on pure white, not the palette's near-black: readers threshold on contrast, and a
# QR code is not part of the app's look but a thing a camera reads.
DARK = 0xFF000000
LIGHT = 0xFFFFFFFF
SCAN_HINT = "Scan to take the press kit home"
PANEL_QR_SIDE = 200  # logical pixels: readable at arm's length on a booth's screen


class BoothQr(NamedTuple):
    """The code to show and the URL it holds (written under it)."""

    modules: Modules
    url: str


_URL_BREAK_AFTER = frozenset("/?&#=")


def url_lines(url: str) -> str:
    """``url`` for display, free to wrap after a slash, ``?``, ``&``, ``#`` or ``=`` (where a
    reader expects a URL to break; zero-width spaces, never copied), and inside any part still
    too long for a line."""
    scheme, separator, rest = url.partition("://")  # never "https:/" and "/host" apart
    if not separator:
        scheme, rest = "", url
    marked = "".join(ch + "\u200b" if ch in _URL_BREAK_AFTER else ch for ch in rest)
    parts = marked.split("\u200b")
    return scheme + separator + "\u200b".join(breakable(part) for part in parts)


def qr_image(modules: Modules, module_pixels: int) -> QImage:
    """The symbol at ``module_pixels`` pixels a module (a whole number: every module edge on a
    pixel edge, which is what keeps it crisp)."""
    count = len(modules)
    one = QImage(count, count, QImage.Format.Format_RGB32)
    one.fill(LIGHT)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                one.setPixel(x, y, DARK)
    side = count * module_pixels
    # Nearest-neighbour by a whole factor: each module becomes an exact square of pixels.
    return one.scaled(
        side,
        side,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


def module_pixels_for(modules: Modules, device_side: float) -> int:
    """The most whole device pixels a module may take for the symbol to fit ``device_side``;
    at least 1."""
    return max(1, math.floor(device_side / max(1, len(modules))))


def paint_qr(painter: QPainter, modules: Modules, box: QRectF, ratio: float) -> QRectF:
    """The symbol as large as fits ``box`` (logical), centred, aligned to device pixels.
    Returns where it went (logical)."""
    module = module_pixels_for(modules, min(box.width(), box.height()) * ratio)
    image = qr_image(modules, module)
    image.setDevicePixelRatio(ratio)
    side = image.width() / ratio
    # Start on a device pixel: a half-pixel offset would blur every module edge.
    left = round((box.x() + (box.width() - side) / 2) * ratio) / ratio
    top = round((box.y() + (box.height() - side) / 2) * ratio) / ratio
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawImage(QPointF(left, top), image)
    painter.restore()
    return QRectF(left, top, side, side)


class CardQrPlace(NamedTuple):
    """Where the code and its URL go on a title card (logical pixels)."""

    code: QRectF  # the box the code is centred in
    text: QRectF  # the URL's lines, under the code
    font: QFont

    @property
    def bounds(self) -> QRectF:
        return self.code.united(self.text)


_CARD_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)


def place_card_qr(
    painter: QPainter, url: str, card: QSize, ratio: float, base_font: QFont
) -> CardQrPlace:
    """The code in the card's bottom-right corner, the URL centred under it in a column a
    little wider than the code (a long URL wraps there)."""
    width, height = card.width() / ratio, card.height() / ratio
    side = height * 0.22
    margin = height * 0.05
    gap = height * 0.015
    font = QFont(base_font)
    font.setPixelSize(max(12, int(height / 60)))
    painter.setFont(font)
    # Barely wider than the code: the wider the corner, the sooner the card's own lines
    # must wrap to keep clear of it.
    column = side * 1.15
    left = width - margin - column
    text_size = painter.boundingRect(
        QRectF(0, 0, column, height), _CARD_TEXT_FLAGS, url_lines(url)
    ).size()
    text_top = height - margin - text_size.height()
    code = QRectF(left + (column - side) / 2, text_top - gap - side, side, side)
    return CardQrPlace(code, QRectF(left, text_top, column, text_size.height()), font)


def paint_card_qr(
    painter: QPainter, modules: Modules, url: str, place: CardQrPlace, ratio: float
) -> None:
    paint_qr(painter, modules, place.code, ratio)
    painter.setFont(place.font)
    painter.setPen(QColor(palette.TEXT_SECONDARY))
    painter.drawText(place.text, _CARD_TEXT_FLAGS, url_lines(url))


class QrCodeWidget(QWidget):
    """The symbol alone, as large as the widget allows, crisp at any device pixel ratio."""

    def __init__(self, modules: Modules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boothQrCode")
        self.modules = modules
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(PANEL_QR_SIDE, PANEL_QR_SIDE)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            # White behind the code to the widget's edges: the quiet zone must stay light
            # whatever the layout leaves around the whole-pixel symbol.
            painter.fillRect(self.rect(), QColor(LIGHT))
            paint_qr(painter, self.modules, QRectF(self.rect()), self.devicePixelRatioF())
        finally:
            painter.end()


class QrPanel(QWidget):
    """Visitor mode's corner: a line saying what the code is for, the code, and its URL."""

    def __init__(self, modules: Modules, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boothQrPanel")
        self.url = url
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addStretch(1)
        self.hint = self._label(SCAN_HINT, "boothQrHint")
        layout.addWidget(self.hint)
        self.code = QrCodeWidget(modules, self)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        self.url_label = self._label(url_lines(url), "boothQrUrl")
        # Smaller than the booth's touch-sized text: a URL is copied from, not tapped, and a
        # host name should fit one line.
        self.url_label.setStyleSheet(f"color: {palette.TEXT_SECONDARY}; font-size: 11pt;")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(self.url_label)
        self.setFixedWidth(PANEL_QR_SIDE + 64)

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the URL is the operator's text
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
        return label


def visitor_page(tabs: QWidget, qr: BoothQr, parent: QWidget | None = None) -> QWidget:
    """Visitor mode with the code in its bottom-right corner: a column of its own beside the
    tabs rather than a layer over them, so it never hides a tab's controls (the trailer's
    volume, a grid's last column)."""
    page = QWidget(parent)
    page.setObjectName("boothVisitorPage")
    layout = QHBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(tabs, 1)
    panel = QrPanel(qr.modules, qr.url, page)
    layout.addWidget(panel)
    return page


SELF_CHECK_URL = "https://example.org/press-kit"


def self_check(url: str = SELF_CHECK_URL) -> str:
    """Make and draw a code and compare every module with the pixels drawn: proves segno and
    the drawing are in a build (the self-test runs it from the frozen bundle). Raises
    RuntimeError on a mismatch."""
    from app.model.booth_qr import qr_modules

    modules = qr_modules(url)
    module_pixels = 3
    image = qr_image(modules, module_pixels).convertToFormat(QImage.Format.Format_RGB32)
    for row_index, row in enumerate(modules):
        for column_index, dark in enumerate(row):
            expected = DARK if dark else LIGHT
            for dy in range(module_pixels):
                for dx in range(module_pixels):
                    x, y = column_index * module_pixels + dx, row_index * module_pixels + dy
                    if image.pixel(x, y) != expected:
                        raise RuntimeError(f"QR module ({row_index}, {column_index}) drawn wrong")
    side = len(modules)
    return f"a {side}x{side}-module QR code made and drawn pixel-exact"
