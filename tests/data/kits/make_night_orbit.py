"""Regenerate the placeholder media of ``tests/data/kits/night-orbit`` (run by hand; the outputs
are committed). The film, its people and its festivals are fictional.

Needs PySide6 (every picture is painted with QPainter; Pillow is not used) and ffmpeg (libx264 +
AAC). Deterministic: no randomness, ffmpeg in bit-exact mode on one thread, no metadata, so a
re-run rewrites the same bytes. The whole kit stays far under 2 MB.

    .venv/bin/python tests/data/kits/make_night_orbit.py
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

KIT = Path(__file__).resolve().parent / "night-orbit"
FPS = 10
VIDEO_W, VIDEO_H = 160, 90

Painter = Callable[[QPainter, int, int], None]


def _font(size: float, bold: bool = False) -> QFont:
    # DejaVu Sans is on every machine this runs on; naming it keeps the output the same
    # whatever the desktop's default font is.
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def _night_sky(p: QPainter, w: int, h: int, tint: str) -> None:
    p.fillRect(0, 0, w, h, QColor(tint))
    p.setPen(Qt.PenStyle.NoPen)
    for i in range(24):  # fixed star positions: a small multiplicative hash, no random module
        x = (i * 7919 + i * i * 613) % w
        y = (i * i * 2909 + i * 71) % h
        p.setBrush(QColor(255, 255, 255, 90 + (i * 37) % 120))
        p.drawEllipse(QPointF(x, y), 0.8, 0.8)


def _orbit(p: QPainter, w: int, h: int, angle: float) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(170, 190, 220, 160), max(1.0, w / 200)))
    rect = QRectF(w * 0.15, h * 0.35, w * 0.7, h * 0.4)
    p.drawEllipse(rect)
    dot = QPointF(
        rect.center().x() + rect.width() / 2 * math.cos(angle),
        rect.center().y() + rect.height() / 2 * math.sin(angle),
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffe7a8"))
    p.drawEllipse(dot, max(1.5, w / 90), max(1.5, w / 90))


def _label(p: QPainter, w: int, h: int, text: str, size: float, y: float = 0.82) -> None:
    p.setPen(QColor("#e8eef6"))
    p.setFont(_font(size, bold=True))
    p.drawText(QRectF(0, h * y - size, w, size * 2), Qt.AlignmentFlag.AlignCenter, text)


def _image(relative: str, w: int, h: int, paint: Painter, quality: int = 70) -> None:
    transparent = relative.endswith(".png")
    image = QImage(
        w,
        h,
        QImage.Format.Format_ARGB32 if transparent else QImage.Format.Format_RGB32,
    )
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("black"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(p, w, h)
    p.end()
    target = KIT / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), quality=quality):
        sys.exit(f"could not write {target}")


def _still(tint: str, text: str, angle: float) -> Painter:
    def paint(p: QPainter, w: int, h: int) -> None:
        _night_sky(p, w, h, tint)
        _orbit(p, w, h, angle)
        _label(p, w, h, text, h * 0.07)

    return paint


def _key_art(p: QPainter, w: int, h: int) -> None:
    _night_sky(p, w, h, "#0b1630")
    _orbit(p, w, h, 2.2)
    _label(p, w, h, "NIGHT ORBIT", w * 0.11, 0.14)
    p.setFont(_font(w * 0.05))
    p.drawText(QRectF(0, h * 0.88, w, h * 0.1), Qt.AlignmentFlag.AlignCenter, "placeholder art")


def _logo(p: QPainter, w: int, h: int) -> None:
    _label(p, w, h, "NIGHT ORBIT", h * 0.45, 0.5)


def _laurel(p: QPainter, w: int, h: int) -> None:
    gold = QColor("#d8b45a")
    p.setPen(QPen(gold, 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for side in (-1, 1):  # two branches of leaves curving up around the text
        branch = QPainterPath()
        branch.moveTo(w / 2 + side * w * 0.1, h * 0.92)
        branch.quadTo(w / 2 + side * w * 0.48, h * 0.75, w / 2 + side * w * 0.3, h * 0.08)
        p.drawPath(branch)
        for k in range(6):
            t = 0.15 + k * 0.14
            x = w / 2 + side * (w * 0.1 + (w * 0.3) * math.sin(t * math.pi * 0.9))
            y = h * (0.92 - 0.8 * t)
            p.setBrush(gold)
            p.drawEllipse(QPointF(x + side * 4, y), 5, 2.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(gold)
    p.setFont(_font(h * 0.07, bold=True))
    text = "OFFICIAL\nSELECTION\nExample Film\nFestival 2030"
    p.drawText(QRectF(w * 0.2, h * 0.2, w * 0.6, h * 0.6), Qt.AlignmentFlag.AlignCenter, text)


def _person(initials: str, tint: str) -> Painter:
    def paint(p: QPainter, w: int, h: int) -> None:
        p.fillRect(0, 0, w, h, QColor(tint))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(230, 220, 210))
        p.drawEllipse(QPointF(w / 2, h * 0.38), w * 0.22, w * 0.22)
        p.drawEllipse(QRectF(w * 0.18, h * 0.62, w * 0.64, h * 0.6))
        _label(p, w, h, initials, h * 0.12, 0.12)

    return paint


def _video(name: str, seconds: int, tint: str, text: str, tone: int) -> None:
    """Frames painted here, piped raw into ffmpeg; a sine tone for sound."""
    frames = bytearray()
    for index in range(seconds * FPS):
        image = QImage(VIDEO_W, VIDEO_H, QImage.Format.Format_RGB888)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        _night_sky(p, VIDEO_W, VIDEO_H, tint)
        _orbit(p, VIDEO_W, VIDEO_H, index * 2 * math.pi / (seconds * FPS))
        _label(p, VIDEO_W, VIDEO_H, text, 9)
        p.setFont(_font(7))
        p.drawText(6, 12, f"{index // FPS:02d}s placeholder")
        p.end()
        row = VIDEO_W * 3  # 480 bytes: already 4-byte aligned, so rows carry no padding
        frames += bytes(image.constBits())[: row * VIDEO_H]
    target = KIT / "video" / f"{name}.mp4"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "ffmpeg", "-loglevel", "error", "-y", "-threads", "1",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{VIDEO_W}x{VIDEO_H}",
            "-r", str(FPS), "-i", "-",
            "-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}:sample_rate=22050",
            "-c:v", "libx264", "-preset", "veryslow", "-crf", "34", "-pix_fmt", "yuv420p",
            "-x264-params", "threads=1",
            "-c:a", "aac", "-b:a", "24k", "-ac", "1",
            "-shortest", "-movflags", "+faststart", "-map_metadata", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            str(target),
        ],
        input=bytes(frames),
        check=True,
    )  # fmt: skip


TRAILER_VTT = """WEBVTT

00:00:00.000 --> 00:00:01.500
The ship has gone quiet.

00:00:01.500 --> 00:00:03.000
Six hours of darkness.

00:00:03.000 --> 00:00:04.000
NIGHT ORBIT
"""

# The transcript names its speakers with WebVTT voice tags; every name is in the credits, so
# a copied passage can add the speaker's job or role.
INTERVIEW_VTT = """WEBVTT

00:00:00.000 --> 00:00:02.500
<v Ingrid Example>I wanted the dark to feel like a third character.

00:00:02.500 --> 00:00:05.000
<v Ola Example>We rehearsed the cockpit scenes in total darkness.

00:00:05.000 --> 00:00:07.000
<v Åsmund Ødegård-Example>Nobody could see their lines, so we learned them.

00:00:07.000 --> 00:00:08.000
Applause.
"""

INTERVIEW_SRT = """1
00:00:00,000 --> 00:00:02,500
I wanted the dark to feel like a third character.

2
00:00:02,500 --> 00:00:05,000
We rehearsed the cockpit scenes in total darkness.

3
00:00:05,000 --> 00:00:07,000
Nobody could see their lines, so we learned them.

4
00:00:07,000 --> 00:00:08,000
[Applause]
"""


def _text(relative: str, content: str) -> None:
    target = KIT / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8"))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # fonts need an application
    _image("art/key-art.jpg", 120, 180, _key_art)
    _image("art/poster.jpg", 120, 180, _key_art, quality=60)
    _image("art/banner.jpg", 300, 60, _still("#0b1630", "NIGHT ORBIT — in cinemas 2030", 0.3))
    _image("art/logo.png", 200, 50, _logo)
    _image("art/laurel.png", 160, 120, _laurel)
    _image("stills/01.jpg", 192, 80, _still("#0b1630", "Commander Lind", 0.6))
    _image("stills/02.jpg", 192, 80, _still("#3a0d12", "The cockpit", 2.4))
    _image("stills/03.jpg", 192, 80, _still("#0d2a1a", "Ground control", 4.0))
    _image("people/ola.jpg", 90, 120, _person("OE", "#2a3550"))
    _image("people/asmund.jpg", 90, 120, _person("ÅØ", "#40302a"))
    _image("video/trailer.jpg", VIDEO_W, VIDEO_H, _still("#0b1630", "Official trailer", 0.0))
    _image("video/interview.jpg", VIDEO_W, VIDEO_H, _still("#1d1d2b", "Interview", 1.0))
    _video("trailer", 4, "#0b1630", "NIGHT ORBIT", 330)
    _video("interview", 8, "#1d1d2b", "Interview", 220)
    _text("video/trailer.en.vtt", TRAILER_VTT)
    _text("video/interview.en.vtt", INTERVIEW_VTT)
    _text("video/interview.en.srt", INTERVIEW_SRT)
    total = sum(path.stat().st_size for path in KIT.rglob("*") if path.is_file())
    print(f"{KIT}: {total:,} bytes")


if __name__ == "__main__":
    main()
