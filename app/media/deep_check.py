"""``validate --deep``: every image decodes at thumbnail size; every video gives a frame."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize
from PySide6.QtGui import QImageReader

from app.media.frame_probe import probe_video_frames
from app.media.headless import ensure_headless_app
from app.model.kit import KitFile, PressKit
from app.model.media_headers import MAX_IMAGE_PIXELS
from app.model.problems import Problem, Severity

log = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 256


def decode_thumbnail_problem(kit_file: KitFile, width: int = THUMBNAIL_WIDTH) -> str | None:
    """Why the image cannot be decoded at thumbnail size, or None when it decodes."""
    reader = QImageReader(str(kit_file.path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        return f"cannot be decoded ({reader.errorString()})"
    if size.width() * size.height() > MAX_IMAGE_PIXELS:
        return f"is {size.width()}×{size.height()} pixels, over the decoding limit"
    scaled_height = max(1, round(size.height() * width / max(1, size.width())))
    reader.setScaledSize(QSize(width, scaled_height))
    image = reader.read()
    if image.isNull():
        return f"cannot be decoded ({reader.errorString()})"
    return None


def deep_check_kit(kit: PressKit) -> list[Problem]:
    ensure_headless_app()
    problems: list[Problem] = []
    checked: set[str] = set()
    for _key, kit_file, kind in kit.referenced_files():
        if kit_file.relative in checked:
            continue
        checked.add(kit_file.relative)
        if kind == "image":
            reason = decode_thumbnail_problem(kit_file)
            if reason:
                problems.append(Problem(Severity.ERROR, kit_file.relative, reason))
        elif kind == "video":
            probe = probe_video_frames(kit_file.path, wanted_frames=1)
            if probe.error:
                problems.append(Problem(Severity.ERROR, kit_file.relative, probe.error))
    return problems
