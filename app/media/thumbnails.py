"""Thumbnails at tile size and their disk cache: read, decoded, stored.

The stills grid's loader, which decodes them on pool threads in priority order, is
:mod:`app.media.thumbnail_loader`.

Start-up path: the overview reads its key art through this module before the first paint, so
it holds only what that needs; the loader, its queue and its pool classes (~3 ms to import)
load with the stills tab.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QSize,
)
from PySide6.QtGui import QImage

from app import paths
from app.media.images import decode_bytes, decode_to_fit
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache

log = logging.getLogger(__name__)

# Opaque thumbnails are cached as JPEG (small, quick to decode); one with transparency (a
# logo, a laurel PNG) as PNG, because JPEG has no alpha channel and it came back on black.
OPAQUE_CACHE_FORMAT = "JPEG"
ALPHA_CACHE_FORMAT = "PNG"
CACHE_QUALITY = 90
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def default_cache() -> ThumbnailCache:
    return ThumbnailCache(paths.cache_dir() / "thumbnails")


def whole_logical_pixels(image: QImage, pixel_ratio: float) -> QImage:
    """``image`` cropped by a device pixel or two so that it is a whole number of logical
    pixels wide and high at ``pixel_ratio``.

    An item view draws a decoration at its logical size rounded to whole pixels: a 431×288
    thumbnail at 200 % (215.5 logical pixels wide) was resampled to 432×288 on every paint,
    which blurred it and, at 500 KB a tile, overflowed Qt's 10 MB icon pixmap cache, so a
    screenful was resampled again on each scroll step (a full repaint took 30 ms, not 12).
    """
    if pixel_ratio == 1.0 or image.isNull():
        return image
    width = _whole_logical(image.width(), pixel_ratio)
    height = _whole_logical(image.height(), pixel_ratio)
    if (width, height) == (image.width(), image.height()):
        return image
    return image.copy(0, 0, width, height)


def mark_pixel_ratio(image: QImage, pixel_ratio: float) -> None:
    """Give ``image`` the screen's device pixel ratio where it is made, while nothing else
    shares its pixels: a pixmap made from it then takes the ratio along. Set on the pixmap
    instead (on the UI thread, the image still shared by the loader's signal), it copied
    every thumbnail's pixels: 1-2 ms a tile at 200 % while the first screen's tiles arrived
    with the pool decoding beside it (tests/benchmarks/bench_gallery.py's cold first screen)."""
    if image.devicePixelRatio() != pixel_ratio:
        image.setDevicePixelRatio(pixel_ratio)


def _whole_logical(device: int, pixel_ratio: float) -> int:
    """The largest length ≤ ``device`` that is whole in both device and logical pixels; at a
    ratio such as 1.3 that has none within a few pixels, ``device`` itself."""
    logical = int(device / pixel_ratio + 1e-9)
    for candidate in range(logical, max(0, logical - 4), -1):
        length = candidate * pixel_ratio
        if abs(length - round(length)) < 1e-6:
            return max(1, round(length))
    return device


def thumbnail_from_cache(
    path: Path,
    identity: SourceIdentity,
    box: QSize,
    cache: ThumbnailCache,
    pixel_ratio: float = 1.0,
) -> QImage | None:
    """The cached thumbnail, or None (not cached, or a corrupt entry, which is dropped).
    A small JPEG read and decoded: quick enough for the UI thread when it must be."""
    key = cache.key(identity, box.width(), box.height())
    data = cache.get(key)
    if data is None:
        return None
    image_format = ALPHA_CACHE_FORMAT if data.startswith(_PNG_SIGNATURE) else OPAQUE_CACHE_FORMAT
    image = decode_bytes(data, image_format)
    if image.isNull():
        log.info("thumbnail cache entry for %s is corrupt; rebuilding it", path)
        cache.discard(key)
        return None
    return whole_logical_pixels(image, pixel_ratio)  # entries made before it was cropped


def cached_thumbnail(
    path: Path,
    identity: SourceIdentity,
    box: QSize,
    cache: ThumbnailCache | None,
    pixel_ratio: float = 1.0,
) -> QImage:
    """The thumbnail from the cache, or decoded now (and stored), in whole logical pixels at
    ``pixel_ratio``. Runs on a pool thread."""
    if cache is not None:
        cached = thumbnail_from_cache(path, identity, box, cache, pixel_ratio)
        if cached is not None:
            return cached
    image = whole_logical_pixels(decode_to_fit(path, box), pixel_ratio)
    if cache is not None:
        store_thumbnail(cache, cache.key(identity, box.width(), box.height()), image)
    return image


def store_thumbnail(cache: ThumbnailCache, key: str, image: QImage) -> None:
    """Encode ``image`` and write it to the cache under ``key`` (a few ms at 200 %)."""
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    alpha = image.hasAlphaChannel()
    image_format = ALPHA_CACHE_FORMAT if alpha else OPAQUE_CACHE_FORMAT
    quality = -1 if alpha else CACHE_QUALITY  # PNG is lossless: Qt's default compression
    # PySide6's stubs type the format as bytes, but at run time only a str is accepted (bytes
    # fails the call's signature check); the ignore goes when the stubs are fixed.
    if image.save(buffer, image_format, quality):  # type: ignore[call-overload]
        cache.put(key, bytes(encoded.data()))
