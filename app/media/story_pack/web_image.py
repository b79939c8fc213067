"""A still at web size: an sRGB JPEG, EXIF orientation applied, long edge at most 2048 px.

Runs on a pool thread (QImage and QPainter on a QImage, never a QPixmap).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QColorSpace, QImage, QPainter

from app.media.images import decode_to_fit, fit_within
from app.model.story_pack import WEB_LONG_EDGE, WEB_QUALITY

log = logging.getLogger(__name__)


class WebImage(NamedTuple):
    jpeg: bytes  # the encoded JPEG, without the kit's metadata yet
    width: int  # the JPEG's size
    height: int
    original_width: int  # the original's size as it is seen (EXIF orientation applied)
    original_height: int


def web_jpeg(source: Path) -> WebImage:
    """``source`` re-encoded for the web. Raises ``ImageDecodeError`` when it cannot be
    decoded. Decoded at full size and scaled smoothly: the decoder's own scaled decode of a
    JPEG is a box filter, visibly coarser on the fine detail of a production still."""
    image = decode_to_fit(source, None)  # EXIF orientation applied by the reader
    width, height = image.width(), image.height()
    if max(width, height) > WEB_LONG_EDGE:
        box = fit_within(QSize(width, height), QSize(WEB_LONG_EDGE, WEB_LONG_EDGE))
        image = image.scaled(
            box, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    image = _to_srgb(_flattened(image))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", WEB_QUALITY):  # type: ignore[call-overload]
        raise OSError(f"the JPEG encoder refused a {width}×{height} image")
    buffer.close()
    return WebImage(bytes(data.data()), image.width(), image.height(), width, height)


def _flattened(image: QImage) -> QImage:
    """A transparent PNG or WebP on white: JPEG has no transparency, and left to the encoder
    the transparent parts turn black."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.setColorSpace(image.colorSpace())
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def _to_srgb(image: QImage) -> QImage:
    """Pixels converted into sRGB when the original says another space (Adobe RGB, Display
    P3), and marked sRGB so the encoder embeds the profile: a browser or newsroom system that
    sees no profile guesses, and a wide-gamut still guessed as sRGB looks dull."""
    srgb = QColorSpace(QColorSpace.NamedColorSpace.SRgb)
    space = image.colorSpace()
    if space.isValid() and space != srgb:
        image = image.convertedToColorSpace(srgb)
    image.setColorSpace(srgb)
    return image
