"""A thumbnail with transparency (a logo, a laurel) comes back from the disk cache with its
alpha channel, not on black; an opaque one stays a small JPEG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from app.media.thumbnails import cached_thumbnail, thumbnail_from_cache
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache

BOX = QSize(120, 80)


def _write(path: Path, transparent: bool, pixel_format: QImage.Format) -> SourceIdentity:
    image = QImage(400, 200, pixel_format)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("white"))
    for x in range(150, 250):
        for y in range(50, 150):
            image.setPixelColor(x, y, QColor(200, 30, 30))
    assert image.save(str(path))
    info = path.stat()
    return SourceIdentity.for_file(path, info.st_size, info.st_mtime_ns)


@pytest.mark.parametrize("pixel_ratio", [1.0, 2.0])
def test_a_transparent_png_keeps_its_alpha_through_the_cache(
    qapp, tmp_path: Path, pixel_ratio: float
) -> None:
    source = tmp_path / "logo.png"
    identity = _write(source, transparent=True, pixel_format=QImage.Format.Format_ARGB32)
    cache = ThumbnailCache(tmp_path / "cache")
    made = cached_thumbnail(source, identity, BOX, cache, pixel_ratio)
    again = thumbnail_from_cache(source, identity, BOX, cache, pixel_ratio)
    assert again is not None and again.hasAlphaChannel()
    for image in (made, again):
        assert image.pixelColor(0, 0).alpha() == 0  # the corner stays see-through
        centre = image.pixelColor(image.width() // 2, image.height() // 2)
        assert centre.alpha() == 255 and centre.red() > 150


def test_an_opaque_image_is_cached_as_jpeg(qapp, tmp_path: Path) -> None:
    source = tmp_path / "still.jpg"
    identity = _write(source, transparent=False, pixel_format=QImage.Format.Format_RGB32)
    cache = ThumbnailCache(tmp_path / "cache")
    cached_thumbnail(source, identity, BOX, cache)
    data = cache.get(cache.key(identity, BOX.width(), BOX.height()))
    assert data is not None and data.startswith(b"\xff\xd8")  # a JPEG
    again = thumbnail_from_cache(source, identity, BOX, cache)
    assert again is not None and not again.isNull()
