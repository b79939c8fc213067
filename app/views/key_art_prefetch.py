"""The overview's key art, decoded on a pool thread from the moment the kit is open.

Start-up path: the viewer opens the kit before it imports and builds its main window, and
starts this decode then, so the decode (a progressive 2000×3000 JPEG takes ~45 ms even when
scaled down) runs while the window is imported and built rather than after it. The overview's
:class:`~app.views.overview_tab.KeyArtLabel` then takes the image (or waits for it) instead of
decoding again. The decode writes nothing: the thumbnail cache entry is stored on a pool
thread once the image has been handed over, so the first paint never waits for an encode. From
the second start on the image comes from that cache entry, read on the main thread when the
kit is opened (see :meth:`KeyArtPrefetch.start`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.media.images import decode_to_fit, warm_image_plugins
from app.media.thumbnails import default_cache, store_thumbnail, thumbnail_from_cache
from app.media.worker import run_in_background
from app.model.kit import PressKit
from app.model.thumbnail_cache import SourceIdentity

log = logging.getLogger(__name__)

# The room the overview leaves above and below the key art in the window: the menu bar (27),
# the tab bar (40), the pane's rule (1) and the overview's margins (24 + 24), as the theme lays
# them out. Exact, so the key art is decoded at the very size it is shown and painted without
# resampling: at 130 it came 2 % small and every paint scaled it (~1-2 ms of the first paint,
# in perf's profile of Qt's transformed-image blending). A test checks it against the window.
KEY_ART_VERTICAL_MARGIN = 116
_KEY_ART_MIN_HEIGHT = 360

ImageCallback = Callable[[QImage], None]
ErrorCallback = Callable[[Exception], None]


def estimated_key_art_box(window_height: int, pixel_ratio: float) -> QSize:
    """Roughly the key art's size in a window of that height as laid out (portrait, 2:3,
    full height), in device pixels."""
    height = max(_KEY_ART_MIN_HEIGHT, window_height - KEY_ART_VERTICAL_MARGIN)
    return QSize(int(height * 2 / 3 * pixel_ratio), int(height * pixel_ratio))


class KeyArtPrefetch:
    """One key art decode at ``box``, started before anything shows it."""

    def __init__(self, path: Path, identity: SourceIdentity, box: QSize) -> None:
        self.path = path
        self.identity = identity
        self.box = box
        self.image: QImage | None = None
        self.error: Exception | None = None
        self._waiting: tuple[ImageCallback, ErrorCallback] | None = None
        self._cache = default_cache()

    @property
    def done(self) -> bool:
        return self.image is not None or self.error is not None

    def start(self) -> None:
        path, identity, box, cache = self.path, self.identity, self.box, self._cache
        # From the second start on, the key art at this size is a small JPEG in the cache
        # (~2 ms to read and decode): read here, so the overview has it when it is built. On
        # a pool thread it came late in about half the starts (the thread waits for the
        # interpreter lock at every Python call while this thread imports and builds the
        # window), and the window painted twice: ~5 ms later, and a pool thread's lock
        # hand-overs slowed this thread too (3.5 ms by interleaved start-up timings).
        cached = thumbnail_from_cache(path, identity, box, cache)
        if cached is not None:
            self.image = cached
            return
        warm_image_plugins()  # before any pool thread decodes (see there)
        run_in_background(lambda: decode_to_fit(path, box), self._on_made, self._on_failed)

    def take(self, on_image: ImageCallback, on_error: ErrorCallback) -> None:
        """``on_image(image)`` now when the decode is done, else as soon as it is (on the
        main thread); ``on_error(exc)`` instead when it failed. Once only."""
        if self.image is not None:
            on_image(self.image)
        elif self.error is not None:
            on_error(self.error)
        else:
            self._waiting = (on_image, on_error)

    def _on_made(self, image: QImage) -> None:
        self.image = image
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting[0](image)
        cache = self._cache
        key = cache.key(self.identity, self.box.width(), self.box.height())
        run_in_background(
            lambda: store_thumbnail(cache, key, image),
            lambda _stored: None,
            lambda error: log.info("key art: not kept in the cache: %s", error),
        )

    def _on_failed(self, error: Exception) -> None:
        self.error = error
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting[1](error)


_pending: KeyArtPrefetch | None = None


def prefetch_key_art(kit: PressKit, window_height: int, pixel_ratio: float) -> None:
    """Start decoding ``kit``'s key art for a window of that height (nothing without one)."""
    global _pending
    key_art = kit.film.key_art
    if key_art is None:
        return
    identity = SourceIdentity.for_file(key_art.path, key_art.size, key_art.mtime_ns)
    box = estimated_key_art_box(window_height, pixel_ratio)
    _pending = KeyArtPrefetch(key_art.path, identity, box)
    _pending.start()


def take_prefetched_key_art(path: Path, identity: SourceIdentity) -> KeyArtPrefetch | None:
    """The decode started for this very file, handed over once (None when there is none)."""
    global _pending
    prefetch = _pending
    if prefetch is None or prefetch.path != path or prefetch.identity != identity:
        return None
    _pending = None
    return prefetch
