"""Image decoding for the views: header-checked, decoded straight to the size it is shown at.

Safe to call from a pool thread (QImage, never QPixmap).

Start-up path (the overview's key art): the QtCore classes used only while decoding are
imported where they are used, keeping their enums out of the first paint.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader

from app.model.media_headers import MAX_IMAGE_PIXELS, check_media, image_kind

log = logging.getLogger(__name__)

# Qt refuses to allocate more than this for one image (MB); our pixel cap keeps us under it.
QImageReader.setAllocationLimit(256)


_QT_FORMATS = {"jpeg": b"JPEG", "png": b"PNG", "webp": b"WEBP"}


class ImageDecodeError(Exception):
    pass


def decode_to_fit(path: Path, box: QSize | None) -> QImage:
    """Decode ``path`` scaled to fit inside ``box`` (device pixels; None = full size),
    with EXIF orientation applied. Raises :class:`ImageDecodeError` saying why it cannot."""
    from PySide6.QtCore import QBuffer, QFile, QIODevice

    # Read whole first, by QFile, which lets go of the GIL while it waits for the disk:
    # QImageReader reading the file itself keeps the GIL through its header reads, and a cold
    # disk then froze the UI thread for 100+ ms. Not by Python: its bytes would be copied once
    # more into a QByteArray, holding the GIL (0.2 ms for a 3 MB still; 2-4 % of a decode).
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise ImageDecodeError(f"cannot be read ({file.errorString()})")
    data = file.readAll()  # named: the buffer reads it in place, it must outlive the read
    file.close()
    kind = image_kind(bytes(data.left(16).data()))
    if kind is None:
        _info, problems = check_media(path, "image")
        raise ImageDecodeError(problems[0].message if problems else "is not a JPEG, PNG or WebP")
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # The format named, and no probing: asked to guess, QImageReader tries every plugin, and
    # SVG's probe builds a QTextStream, which takes a Qt connection lock while this pool
    # thread holds the GIL (PySide6 keeps it through size()). A main thread deleting a widget
    # holds such a lock and wants the GIL: both wait forever (seen in the test suite).
    reader = QImageReader(buffer, _QT_FORMATS[kind])
    reader.setAutoDetectImageFormat(False)
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
        fitted = fit_within(transformed, box)
        if transformed != size:  # rotated by EXIF: the reader scales before it rotates
            fitted = fitted.transposed()
        reader.setScaledSize(fitted)
    image = reader.read()
    if image.isNull():
        raise ImageDecodeError(f"cannot be decoded ({reader.errorString()})")
    return image


def decode_bytes(data: bytes, image_format: str) -> QImage:
    """Decode encoded image ``data`` of a known format; a null QImage if it cannot.

    Not ``QImage.fromData``: PySide6 keeps the GIL through that whole call, and without a
    format it probes every plugin (SVG's probe makes a QTextStream, which takes a Qt connection
    lock). On a pool thread that deadlocked start-up about once in 30 starts: the main thread,
    holding that lock while a widget's animation was destroyed, waited for the GIL. QImageReader
    releases the GIL while it reads.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, image_format.encode("ascii"))
    reader.setAutoDetectImageFormat(False)
    # Make the reader's handler now, while holding the GIL (PySide6 keeps it through
    # canRead()). read() lets the GIL go and would make the handler under Qt's image-handler
    # lock, where this Python-made buffer's virtuals (pos, seek, read…) take the GIL back: a
    # thread holding the GIL and waiting for that lock (decode_to_fit's size() on another pool
    # thread, a QImageReader on the main thread) then waits forever, and so does this one.
    # Seen as a hang of the booth soak with a visitor every cycle.
    if not reader.canRead():
        return QImage()
    return reader.read()


def fit_within(size: QSize, box: QSize) -> QSize:
    """``size`` scaled to fit inside ``box`` with its aspect ratio kept, at least 1×1.

    The arithmetic of ``QSize.scaled(box, Qt.KeepAspectRatio)``, written out because this runs
    before the first paint, and naming ``Qt`` there makes PySide6 build the Python enums of the
    whole ``Qt`` namespace (93 of them, about 25 ms).
    """
    width, height = max(1, size.width()), max(1, size.height())
    scaled_width = box.height() * width // height
    if scaled_width <= box.width():
        return QSize(max(1, scaled_width), max(1, box.height()))
    return QSize(max(1, box.width()), max(1, box.width() * height // width))


def _oriented_size(reader: QImageReader, size: QSize) -> QSize:
    from PySide6.QtGui import QImageIOHandler  # a decode from the kit: not a warm start's

    rotate = QImageIOHandler.Transformation.TransformationRotate90
    if reader.transformation() & rotate:
        return size.transposed()
    return size


_plugins_warmed = False


def warm_image_plugins() -> None:
    """Load the JPEG, PNG and WebP plugins on the main thread, before any pool thread decodes.

    A first decode on a pool thread loads the plugin there, under Qt's plugin-loader lock and
    while holding Python's GIL; the main thread meanwhile can want both. Seen as a rare hang at
    start-up (about one start in 70, the key art decoding while the window was being built).
    Decoding a 1-pixel file of each format loads its plugin for ~0.5 ms. Once per process:
    the viewer calls it before the first pool decode it starts, or after its first paint when
    its start decodes nothing on a pool thread (a key art read from the cache).
    """
    global _plugins_warmed
    if _plugins_warmed:
        return
    _plugins_warmed = True
    from app import paths

    for extension in ("jpg", "png", "webp"):
        sample = paths.resource(f"images/plugin-warm-up.{extension}")
        if QImage(str(sample)).isNull():
            log.warning("cannot load the image plugin for .%s files (tried %s)", extension, sample)
