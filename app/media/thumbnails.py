"""Thumbnails for the stills grid: decoded on a pool thread straight to tile size, kept in a
disk cache so a kit's second opening shows them at once.

The request queue is newest-first, so the tiles the person is looking at now are decoded
before those scrolled past; results come back to the main thread by signal.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QThreadPool, Signal
from PySide6.QtGui import QImage

from app import paths
from app.media.images import ImageDecodeError, decode_to_fit
from app.media.worker import run_in_background
from app.model.media_headers import truncation_warning
from app.model.thumbnail_cache import SourceIdentity, ThumbnailCache

log = logging.getLogger(__name__)

CACHE_QUALITY = 90


def default_cache() -> ThumbnailCache:
    return ThumbnailCache(paths.cache_dir() / "thumbnails")


def thumbnail_with_warning(
    path: Path, identity: SourceIdentity, box: QSize, cache: ThumbnailCache | None
) -> tuple[QImage, str | None]:
    """The thumbnail, and a warning when the file is truncated. Runs on a pool thread."""
    return cached_thumbnail(path, identity, box, cache), truncation_warning(path)


def cached_thumbnail(
    path: Path, identity: SourceIdentity, box: QSize, cache: ThumbnailCache | None
) -> QImage:
    """The thumbnail from the cache, or decoded now (and stored). Runs on a pool thread."""
    key = cache.key(identity, box.width(), box.height()) if cache else ""
    if cache is not None:
        data = cache.get(key)
        if data is not None:
            image = QImage.fromData(data)
            if not image.isNull():
                return image
            log.info("thumbnail cache entry for %s is corrupt; rebuilding it", path)
            cache.discard(key)
    image = decode_to_fit(path, box)
    if cache is not None:
        encoded = QByteArray()
        buffer = QBuffer(encoded)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if image.save(buffer, "JPEG", CACHE_QUALITY):
            cache.put(key, encoded.data())
    return image


class ThumbnailLoader(QObject):
    """Decodes thumbnails off the UI thread; emits ``ready(key, image)`` or ``failed(key, why)``."""

    ready = Signal(object, object, object)  # key, QImage, warning (str or None)
    failed = Signal(object, str)  # key, reason

    def __init__(
        self,
        box: QSize,
        parent: QObject | None = None,
        max_threads: int = 0,
        cache: ThumbnailCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.box = box
        self.cache = cache
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self._pending: set[object] = set()
        self._stopped = False

    def request(self, key: object, path: Path, identity: SourceIdentity | None = None) -> None:
        if key in self._pending or self._stopped:
            return
        self._pending.add(key)
        box = self.box
        cache = self.cache if identity is not None else None
        source = identity or SourceIdentity(())
        run_in_background(
            lambda: thumbnail_with_warning(path, source, box, cache),
            lambda image: self._on_done(key, image),
            lambda error: self._on_error(key, error),
            pool=self.pool,
            priority=len(self._pending),  # later requests (what is on screen now) first
            owner=self,
        )

    def is_pending(self, key: object) -> bool:
        return key in self._pending

    def pending_count(self) -> int:
        return len(self._pending)

    def stop(self) -> None:
        """Drop queued work and wait for what is running (called when the kit closes)."""
        self._stopped = True
        self.pool.clear()
        self.pool.waitForDone(5000)

    def _on_done(self, key: object, result: tuple[QImage, str | None]) -> None:
        self._pending.discard(key)
        if not self._stopped:
            image, warning = result
            self.ready.emit(key, image, warning)

    def _on_error(self, key: object, error: Exception) -> None:
        self._pending.discard(key)
        reason = str(error) if isinstance(error, ImageDecodeError) else "cannot be decoded"
        log.warning("thumbnail %s: %s", key, reason)
        if not self._stopped:
            self.failed.emit(key, reason)
