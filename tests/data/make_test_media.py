"""Regenerate the tiny media of ``tests/data/kits/full`` (run by hand; the outputs are committed).

Needs PySide6 (images) and ffmpeg (the one-second teaser). Every file is a few hundred bytes to
a few kilobytes: real, decodable media, small enough to keep ``tests/data`` well under 1 MB.

    .venv/bin/python tests/data/make_test_media.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent / "kits" / "full"


def _image(relative: str, width: int, height: int, color: str) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor("white"))
    painter.end()
    target = KIT / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), quality=60):
        sys.exit(f"could not write {target}")


def main() -> None:
    _image("art/key-art.jpg", 20, 30, "#203050")
    _image("stills/01.jpg", 32, 18, "#102040")
    _image("stills/02.png", 32, 18, "#601010")
    _image("stills/03.webp", 32, 18, "#104020")
    _image("trailer/poster.jpg", 32, 18, "#000000")
    subprocess.run(
        [
            "ffmpeg", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "color=c=navy:s=64x36:d=1:r=10",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "16k",
            "-shortest", "-movflags", "+faststart",
            str(KIT / "trailer" / "teaser.mp4"),
        ],
        check=True,
    )  # fmt: skip


if __name__ == "__main__":
    main()
