"""Image decoding for the views: header-checked, decoded straight to the size it is shown at.

Safe to call from a pool thread (QImage, never QPixmap).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from app.model.media_headers import MAX_IMAGE_PIXELS, check_media

# Qt refuses to allocate more than this for one image (MB); our pixel cap keeps us under it.
QImageReader.setAllocationLimit(256)


class ImageDecodeError(Exception):
    pass


def decode_to_fit(path: Path, box: QSize | None) -> QImage:
    """Decode ``path`` scaled to fit inside ``box`` (device pixels; None = full size),
    with EXIF orientation applied. Raises :class:`ImageDecodeError` saying why it cannot."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        # The header check words the common cases better than Qt ("Unsupported image format").
        _info, problems = check_media(path, "image")
        reason = problems[0].message if problems else f"cannot be decoded ({reader.errorString()})"
        raise ImageDecodeError(reason)
    if size.width() * size.height() > MAX_IMAGE_PIXELS:
        raise ImageDecodeError(
            f"is {size.width()}×{size.height()} pixels, over the "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixel limit"
        )
    transformed = _oriented_size(reader, size)
    if box is not None and (
        transformed.width() > box.width() or transformed.height() > box.height()
    ):
        fitted = transformed.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
        fitted = QSize(max(1, fitted.width()), max(1, fitted.height()))
        if transformed != size:  # rotated by EXIF: the reader scales before it rotates
            fitted = fitted.transposed()
        reader.setScaledSize(fitted)
    image = reader.read()
    if image.isNull():
        raise ImageDecodeError(f"cannot be decoded ({reader.errorString()})")
    return image


def _oriented_size(reader: QImageReader, size: QSize) -> QSize:
    rotate = QImageIOHandler.Transformation.TransformationRotate90
    if reader.transformation() & rotate:
        return size.transposed()
    return size


def warm_image_plugins() -> None:
    """Load the JPEG, PNG and WebP plugins on the main thread, before any pool thread decodes.

    A first decode on a pool thread loads the plugin there, under Qt's plugin-loader lock and
    while holding Python's GIL; the main thread meanwhile can want both. Seen as a rare hang at
    start-up (about one start in 70, the key art decoding while the window was being built).
    """
    for image_format in (b"JPEG", b"PNG", b"WEBP"):
        encoded = QByteArray()
        buffer = QBuffer(encoded)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImage(2, 2, QImage.Format.Format_RGB32).save(buffer, image_format.decode())
        buffer.close()
        QImage.fromData(encoded, image_format.decode())
