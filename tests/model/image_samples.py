"""Sample images for the image-metadata tests, made with Qt's own encoders, and exiftool (an
independent reader and writer of image metadata) run on them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(
    EXIFTOOL is None, reason="needs exiftool (Debian: libimage-exiftool-perl)"
)

# name -> (Qt format, quality, file suffix). Qt writes lossless WebP (VP8L) at quality 100 and
# lossy (VP8) below it: both simple forms the writer must turn into the extended container.
KINDS = {
    "jpeg": ("JPG", 90, ".jpg"),
    "png": ("PNG", -1, ".png"),
    "webp-lossy": ("WEBP", 80, ".webp"),
    "webp-lossless": ("WEBP", 100, ".webp"),
}

UTF8_NAME = "Ærø Ødegård — Zoë"


def image_bytes(kind: str, width: int = 48, height: int = 32) -> bytes:
    """A small image with a pattern in every pixel, so any change to the data would show."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(width):
            image.setPixel(x, y, QColor((x * 5) % 256, (y * 7) % 256, (x * y) % 256).rgb())
    qt_format, quality, _suffix = KINDS[kind]
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, qt_format, quality)
    return bytes(data.data())


def make_image(tmp_path: Path, kind: str, name: str = "still") -> Path:
    path = tmp_path / f"{name}{KINDS[kind][2]}"
    path.write_bytes(image_bytes(kind))
    return path


def decoded(path: Path) -> QImage:
    image = QImage()
    assert image.loadFromData(path.read_bytes()), f"Qt cannot decode {path}"
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def exiftool(*args: str | Path) -> None:
    """Run exiftool to write metadata (overwriting the original in place)."""
    assert EXIFTOOL is not None
    completed = subprocess.run(
        [EXIFTOOL, "-overwrite_original", "-q", "-m", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


def exiftool_read(path: Path) -> dict[str, Any]:
    """Every tag exiftool finds, ``-G1`` group-qualified, as the brief's readers see them."""
    assert EXIFTOOL is not None
    completed = subprocess.run(
        [EXIFTOOL, "-j", "-G1", "-a", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)[0]
    return result


def exiftool_warnings(path: Path) -> list[str]:
    assert EXIFTOOL is not None
    completed = subprocess.run(
        [EXIFTOOL, "-j", "-validate", "-warning", "-error", "-a", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    info: dict[str, Any] = json.loads(completed.stdout)[0]
    found = [value for key, value in info.items() if key in ("Warning", "Error")]
    return [
        str(item) for value in found for item in (value if isinstance(value, list) else [value])
    ]
