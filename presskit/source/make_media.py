"""Generate the original placeholder media bundled with the I.S.S. press kit.

No real stills, poster or footage of the film are available to this project, so the kit ships
original placeholder artwork made here: every image is painted with Qt (QPainter on offscreen
QImages), the teaser's score is synthesised sample by sample, and ffmpeg (libx264 + AAC) encodes
the teaser. The script is deterministic: fixed seeds, no network, no input files besides the
DejaVu fonts.

    .venv/bin/python presskit/source/make_media.py                # everything, a few minutes
    .venv/bin/python presskit/source/make_media.py --skip-teaser  # stills and key art only

On-screen texts come only from the film's checked facts (title, director, cast, distributor, US
release date, official synopsis), and the key art and teaser each say that they are placeholders.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QConicalGradient,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRadialGradient,
    QTransform,
)

ROOT = Path(__file__).resolve().parents[2]
KIT = ROOT / "presskit"
STILLS_DIR = KIT / "stills"
ART_DIR = KIT / "art"
TRAILER_DIR = KIT / "trailer"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

SEED = 20240119
W, H = 2560, 1440  # stills
JPEG_QUALITY = 88

Mode = QPainter.CompositionMode
ARGB = QImage.Format.Format_ARGB32_Premultiplied
NO_PEN = Qt.PenStyle.NoPen
SMOOTH = Qt.TransformationMode.SmoothTransformation
IGNORE_ASPECT = Qt.AspectRatioMode.IgnoreAspectRatio


# --------------------------------------------------------------------------------------- basics


def keep_none_alive() -> None:
    """Work around PySide6 6.12 on CPython 3.11: each call of a Qt method that returns nothing
    drops one reference to None (harmless from CPython 3.12 on, where None is immortal), so after
    a few thousand painter calls CPython aborts with "deallocating None". Give None a reference
    count that cannot run out."""
    if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def clamp(v: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if v < lo else hi if v > hi else v


def smoothstep(x: float) -> float:
    x = clamp(x)
    return x * x * (3.0 - 2.0 * x)


def col(spec: str, alpha: float = 1.0) -> QColor:
    c = QColor(spec)
    c.setAlphaF(clamp(alpha))
    return c


def with_alpha(c: QColor, alpha: float) -> QColor:
    out = QColor(c)
    out.setAlphaF(clamp(alpha))
    return out


def mix(a: QColor, b: QColor, t: float) -> QColor:
    t = clamp(t)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def rgb(r: float, g: float, b: float, alpha: float = 1.0) -> QColor:
    return QColor.fromRgbF(clamp(r), clamp(g), clamp(b), clamp(alpha))


def new_layer(w: int, h: int, fill: QColor | None = None) -> QImage:
    img = QImage(w, h, ARGB)
    img.fill(fill if fill is not None else QColor(0, 0, 0, 0))
    return img


@contextmanager
def painting(img: QImage) -> Iterator[QPainter]:
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.setPen(NO_PEN)
    try:
        yield p
    finally:
        p.end()


def composite(
    dst: QImage, src: QImage, mode: Mode = Mode.CompositionMode_SourceOver, opacity: float = 1.0
) -> None:
    with painting(dst) as p:
        p.setCompositionMode(mode)
        p.setOpacity(opacity)
        p.drawImage(0, 0, src)


def mask_layer(layer: QImage, brush: QBrush) -> None:
    """Keep the layer only where `brush` is opaque."""
    with painting(layer) as p:
        p.setCompositionMode(Mode.CompositionMode_DestinationIn)
        p.fillRect(QRectF(layer.rect()), brush)


def linear(p0: QPointF, p1: QPointF, stops: Sequence[tuple[float, QColor]]) -> QBrush:
    g = QLinearGradient(p0, p1)
    for t, c in stops:
        g.setColorAt(t, c)
    return QBrush(g)


def pen(colour: QColor, width: float, *, cosmetic: bool = False, round_cap: bool = True) -> QPen:
    out = QPen(colour, width)
    out.setCosmetic(cosmetic)
    out.setCapStyle(Qt.PenCapStyle.RoundCap if round_cap else Qt.PenCapStyle.FlatCap)
    out.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return out


# ------------------------------------------------------------------------------ light and film


def glow(p: QPainter, c: QPointF, radius: float, colour: QColor, hardness: float = 3.0) -> None:
    """Soft round light: Gaussian-like falloff that reaches zero at `radius`."""
    if radius <= 0.05:
        return
    g = QRadialGradient(c, radius)
    a = colour.alphaF()
    for i in range(13):
        t = i / 12
        g.setColorAt(t, with_alpha(colour, a * math.exp(-hardness * t * t) * (1.0 - t)))
    p.setPen(NO_PEN)
    p.setBrush(QBrush(g))
    p.drawEllipse(c, radius, radius)


def soft_ellipse(
    p: QPainter,
    c: QPointF,
    rx: float,
    ry: float,
    angle: float,
    colour: QColor,
    hardness: float = 3.0,
) -> None:
    p.save()
    p.translate(c)
    p.rotate(angle)
    p.scale(1.0, ry / rx)
    glow(p, QPointF(0, 0), rx, colour, hardness)
    p.restore()


def blurred(img: QImage, radius: float) -> QImage:
    """Cheap, smooth blur: halve the image a few times, then scale it back up in steps."""
    sizes = [(img.width(), img.height())]
    small = img
    for _ in range(max(1, round(math.log2(max(radius, 2.0))))):
        w, h = max(1, small.width() // 2), max(1, small.height() // 2)
        small = small.scaled(w, h, IGNORE_ASPECT, SMOOTH)
        sizes.append((w, h))
    for w, h in reversed(sizes[:-1]):
        small = small.scaled(w, h, IGNORE_ASPECT, SMOOTH)
    return small


def bloom(img: QImage, radius: float, strength: float) -> None:
    """Highlights bleed light into their surroundings, like a lens."""
    halo = blurred(img, radius)
    with painting(halo) as p:  # square the blurred image so that mostly the highlights glow
        p.setCompositionMode(Mode.CompositionMode_Multiply)
        p.drawImage(0, 0, halo.copy())
    composite(img, halo, Mode.CompositionMode_Screen, strength)


def vignette(img: QImage, strength: float = 0.7, inner: float = 0.42) -> None:
    w, h = img.width(), img.height()
    with painting(img) as p:
        p.translate(w / 2, h / 2)
        p.scale(w / 2, h / 2)
        g = QRadialGradient(QPointF(0, 0), 1.42)
        g.setColorAt(0.0, col("#000000", 0.0))
        g.setColorAt(inner, col("#000000", 0.0))
        g.setColorAt(0.72, col("#000000", strength * 0.55))
        g.setColorAt(1.0, col("#000000", strength))
        p.fillRect(QRectF(-1, -1, 2, 2), QBrush(g))


def gray_image(data: bytes, w: int, h: int) -> QImage:
    img = QImage(w, h, QImage.Format.Format_Grayscale8)
    bpl = img.bytesPerLine()
    buf = img.bits()
    for y in range(h):
        buf[y * bpl : y * bpl + w] = data[y * w : (y + 1) * w]
    return img


_GRAIN_TILES: dict[tuple[int, float, float], QImage] = {}


def grain_tile(seed: int, mean: float, std: float, size: int = 768) -> QImage:
    """A tile of Gaussian noise (grey levels), cached."""
    key = (seed, mean, std)
    if key not in _GRAIN_TILES:
        rng = random.Random(seed)
        table = [int(clamp(rng.gauss(mean, std), 0, 255)) for _ in range(4096)]
        data = bytes(rng.choices(table, k=size * size))
        _GRAIN_TILES[key] = gray_image(data, size, size).convertToFormat(ARGB)
    return _GRAIN_TILES[key]


def add_grain(img: QImage, strength: float, seed: int) -> None:
    """Film grain: noise overlaid on the mid-tones (mid-grey is neutral in Overlay mode), plus a
    faint additive grain that lifts the blacks a few levels, like film base."""
    with painting(img) as p:
        for mode, tile, opacity in (
            (Mode.CompositionMode_Plus, grain_tile(seed + 1, 5.0, 3.5), 1.0),
            (Mode.CompositionMode_Overlay, grain_tile(seed, 128.0, 41.0), strength),
        ):
            brush = QBrush(tile)
            brush.setTransform(QTransform().scale(1.2, 1.2))
            p.setCompositionMode(mode)
            p.setOpacity(opacity)
            p.fillRect(QRectF(img.rect()), brush)


def finish(
    img: QImage,
    *,
    bloom_radius: float = 28.0,
    bloom_strength: float = 0.35,
    vignette_strength: float = 0.7,
) -> QImage:
    bloom(img, bloom_radius, bloom_strength)
    vignette(img, vignette_strength)
    return img


def save_jpeg(img: QImage, path: Path, *, grain: float, seed: int) -> None:
    out = img.copy()
    if grain > 0:
        add_grain(out, grain, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QImageWriter(str(path), b"jpeg")
    writer.setQuality(JPEG_QUALITY)
    writer.setOptimizedWrite(True)
    # Baseline, not progressive: a viewer on the same disk gains nothing from a picture that
    # arrives coarse first, and a progressive JPEG decodes ~3x slower even when scaled down
    # (the 2000x3000 key art: 46 ms against 16 ms at the overview's size), at every first start.
    writer.setProgressiveScanWrite(False)
    if not writer.write(out.convertToFormat(QImage.Format.Format_RGB32)):
        raise RuntimeError(f"could not write {path}: {writer.errorString()}")


# ------------------------------------------------------------------------------------- sky


STAR_TINTS = ("#ffffff", "#d6e4ff", "#ffeedd", "#c8d8ff", "#fff4e0")


def draw_stars(
    p: QPainter,
    rng: random.Random,
    rect: QRectF,
    count: int,
    *,
    brightness: float = 1.0,
    size: float = 1.0,
) -> None:
    for _ in range(count):
        c = QPointF(
            rect.left() + rng.random() * rect.width(), rect.top() + rng.random() * rect.height()
        )
        m = rng.random() ** 5
        tint = col(rng.choice(STAR_TINTS))
        r = (0.55 + 1.9 * m) * size
        a = (0.2 + 0.8 * m) * brightness * rng.uniform(0.55, 1.0)
        if m > 0.3:
            glow(p, c, r * 6.5, with_alpha(tint, 0.25 * a))
        p.setPen(NO_PEN)
        p.setBrush(with_alpha(tint, a))
        p.drawEllipse(c, r, r)


def draw_milky_way(
    img: QImage, rng: random.Random, a: QPointF, b: QPointF, width: float, *, dust: int = 18000
) -> None:
    """A band of mottled light, unresolved stars and dark dust lanes from a to b."""
    w, h = img.width(), img.height()
    length = math.hypot(b.x() - a.x(), b.y() - a.y())
    ux, uy = (b.x() - a.x()) / length, (b.y() - a.y()) / length
    angle = math.degrees(math.atan2(uy, ux))
    mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)

    def along(s: float, off: float) -> QPointF:
        return QPointF(a.x() + ux * s * length - uy * off, a.y() + uy * s * length + ux * off)

    def stretched(gray: QImage, lut: Callable[[int], QColor], half: float) -> QImage:
        """Noise stretched along the band, faded out across it."""
        layer = new_layer(w, h)
        with painting(layer) as p:
            p.translate(mid)
            p.rotate(angle)
            p.drawImage(
                QRectF(-length * 0.6, -width * 1.5, length * 1.2, width * 3.0), colourise(gray, lut)
            )
        n = QPointF(-uy, ux) * half
        mask_layer(
            layer,
            linear(
                mid - n,
                mid + n,
                [
                    (0.0, col("#000000", 0.0)),
                    (0.3, col("#000000", 0.45)),
                    (0.5, col("#000000")),
                    (0.7, col("#000000", 0.45)),
                    (1.0, col("#000000", 0.0)),
                ],
            ),
        )
        core = QRadialGradient(along(0.6, 0), length * 0.55)
        core.setColorAt(0.0, col("#000000"))
        core.setColorAt(1.0, col("#000000", 0.2))
        mask_layer(layer, QBrush(core))
        return layer

    light = fbm(rng, 1536, 512, cells=6, octaves=7, gain=0.62)
    at = percentiles(light)

    def light_lut(v: int) -> QColor:
        t = smoothstep((v - at(0.1)) / (at(0.997) - at(0.1)))
        return with_alpha(mix(col("#8ea3d6"), col("#f3dcbc"), t), min(1.0, 1.7 * t**1.3))

    with painting(img) as p:  # the band's diffuse base light
        p.setCompositionMode(Mode.CompositionMode_Plus)
        soft_ellipse(p, along(0.55, 0), length * 0.55, width * 0.6, angle, col("#c9c2d8", 0.2), 2.0)
    composite(img, stretched(light, light_lut, width), Mode.CompositionMode_Plus)
    with painting(img) as p:
        for _ in range(dust):
            s = rng.random()
            core = math.exp(-(((s - 0.6) / 0.35) ** 2))
            r = rng.uniform(0.45, 0.95)
            p.setBrush(col(rng.choice(STAR_TINTS), rng.uniform(0.1, 0.55) * (0.5 + 0.5 * core)))
            p.drawEllipse(along(s, rng.gauss(0, width * 0.22)), r, r)
    lanes = fbm(rng, 1536, 512, cells=9, octaves=6, gain=0.6)
    at2 = percentiles(lanes)

    def lane_lut(v: int) -> QColor:
        return col("#000000", 0.7 * smoothstep((v - at2(0.55)) / (at2(0.95) - at2(0.55))))

    composite(img, stretched(lanes, lane_lut, width * 0.5))


def space_backdrop(
    p: QPainter, rng: random.Random, w: int, h: int, *, stars: int, brightness: float = 1.0
) -> None:
    p.fillRect(
        QRectF(0, 0, w, h),
        linear(QPointF(0, 0), QPointF(w * 0.3, h), [(0.0, col("#020309")), (1.0, col("#000000"))]),
    )
    draw_stars(p, rng, QRectF(0, 0, w, h), stars, brightness=brightness)


def lens_starburst(
    p: QPainter, rng: random.Random, c: QPointF, size: float, colour: QColor, rays: int = 12
) -> None:
    """Thin diffraction rays plus an anamorphic streak around a point light."""
    p.save()
    p.setCompositionMode(Mode.CompositionMode_Plus)
    for i in range(rays):
        angle = 360.0 * i / rays + rng.uniform(-5, 5)
        length = size * (0.25 + 0.75 * rng.random() ** 2)
        width = size * rng.uniform(0.0025, 0.005)
        p.save()
        p.translate(c)
        p.rotate(angle)
        p.setBrush(
            linear(
                QPointF(0, 0),
                QPointF(length, 0),
                [
                    (0.0, with_alpha(colour, 0.45)),
                    (0.2, with_alpha(colour, 0.12)),
                    (1.0, with_alpha(colour, 0.0)),
                ],
            )
        )
        p.drawPolygon(QPolygonF([QPointF(0, -width), QPointF(length, 0), QPointF(0, width)]))
        p.restore()
    soft_ellipse(p, c, size * 1.5, size * 0.01, 0.0, col("#9fd0ff", 0.45), hardness=2.0)
    p.restore()


# ----------------------------------------------------------------------------------- globes


@dataclass(frozen=True)
class SurfacePoint:
    """A point on the visible disc of a globe, as seen from orbit."""

    pos: QPointF
    theta: float  # angle round the disc, 0 = straight up from its centre, clockwise
    depth: float  # screen distance in from the limb
    fore: float  # radial foreshortening: 1 mid-disc, 0 at the limb

    @property
    def tangent_deg(self) -> float:
        return math.degrees(self.theta)

    @property
    def scale(self) -> float:
        """Features shrink towards the horizon."""
        return 0.28 + 0.72 * self.fore


def circle_polygon(cx: float, cy: float, r: float, n: int = 2048) -> QPolygonF:
    return QPolygonF(
        [
            QPointF(cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
            for i in range(n)
        ]
    )


@dataclass(frozen=True)
class Globe:
    cx: float
    cy: float
    r: float

    @property
    def centre(self) -> QPointF:
        return QPointF(self.cx, self.cy)

    def limb_y(self, x: float) -> float:
        return self.cy - math.sqrt(max(0.0, self.r**2 - (x - self.cx) ** 2))

    def point(self, theta: float, depth: float) -> SurfacePoint:
        rho = max(0.0, self.r - depth)
        pos = QPointF(self.cx + rho * math.sin(theta), self.cy - rho * math.cos(theta))
        return SurfacePoint(pos, theta, depth, math.sqrt(max(0.0, 1.0 - (rho / self.r) ** 2)))

    def at(self, x: float, y: float) -> SurfacePoint | None:
        d = math.hypot(x - self.cx, y - self.cy)
        if d >= self.r:
            return None
        return self.point(math.atan2(x - self.cx, self.cy - y), self.r - d)

    def sample(
        self, rng: random.Random, rect: QRectF, max_depth: float | None = None
    ) -> SurfacePoint | None:
        for _ in range(60):
            sp = self.at(
                rect.left() + rng.random() * rect.width(), rect.top() + rng.random() * rect.height()
            )
            if sp is not None and (max_depth is None or sp.depth <= max_depth):
                return sp
        return None

    def offset(self, sp: SurfacePoint, du: float, dv: float) -> SurfacePoint | None:
        """Move along the surface: `du` along the horizon, `dv` towards the viewer's nadir."""
        rho = max(self.r - sp.depth, 1.0)
        depth = sp.depth + dv * max(sp.fore, 0.05)
        if depth < 0:
            return None
        return self.point(sp.theta + du / rho, depth)

    def disc(self) -> QPainterPath:
        path = QPainterPath()
        path.addPolygon(circle_polygon(self.cx, self.cy, self.r))
        path.closeSubpath()
        return path

    def band(self, r0: float, r1: float) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for radius in (r1, max(r0, 1.0)):
            path.addPolygon(circle_polygon(self.cx, self.cy, radius))
            path.closeSubpath()
        return path


# --------------------------------------------------------------------------- noise textures


def fbm(
    rng: random.Random, w: int, h: int, *, cells: float, octaves: int, gain: float = 0.5
) -> QImage:
    """Fractal value noise: octaves of random grids, smoothly enlarged and summed (greyscale).
    Each octave is turned by a random angle so that no grid lines line up."""
    acc = new_layer(w, h, col("#000000"))
    weights = [gain**k for k in range(octaves)]
    side = math.hypot(w, h)
    with painting(acc) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for k, weight in enumerate(weights):
            n = max(2, round(cells * 2**k * side / w))
            if n > side / 3:
                break
            grid = gray_image(rng.randbytes(n * n), n, n).convertToFormat(ARGB)
            big = blurred(
                grid.scaled(round(side), round(side), IGNORE_ASPECT, SMOOTH), 0.45 * side / n
            )
            p.save()
            p.translate(w / 2, h / 2)
            p.rotate(rng.uniform(0, 360))
            p.setOpacity(weight / sum(weights))
            p.drawImage(QPointF(-side / 2, -side / 2), big)
            p.restore()
    return acc.convertToFormat(QImage.Format.Format_Grayscale8)


def percentiles(gray: QImage) -> Callable[[float], float]:
    """Grey level below which a given fraction of the texture lies."""
    sample = gray.scaled(512, 512, IGNORE_ASPECT, Qt.TransformationMode.FastTransformation)
    data = bytes(sample.constBits())
    cumulative, total = [], 0
    for v in range(256):
        total += data.count(v)
        cumulative.append(total)

    def at(q: float) -> float:
        target = clamp(q) * total
        for v, c in enumerate(cumulative):
            if c >= target:
                return float(v)
        return 255.0

    return at


def colourise(gray: QImage, lut: Callable[[int], QColor]) -> QImage:
    """Map grey levels through a colour table (Indexed8 reinterpretation of the same bytes)."""
    idx = QImage(
        gray.constBits(),
        gray.width(),
        gray.height(),
        gray.bytesPerLine(),
        QImage.Format.Format_Indexed8,
    )
    idx.setColorTable([lut(v).rgba() for v in range(256)])
    return idx.convertToFormat(ARGB)


def cover_lut(
    at: Callable[[float], float],
    cover: float,
    thin: QColor,
    thick: QColor,
    *,
    edge: float = 0.1,
    alpha: float = 1.0,
) -> Callable[[int], QColor]:
    """The top `cover` of the noise becomes opaque; `edge` softens the border, thicker parts
    shade from `thin` to `thick`."""
    lo, mid, hi = at(1 - cover), at(1 - cover * (1 - edge)), at(0.995)

    def lut(v: int) -> QColor:
        a = smoothstep((v - lo) / max(mid - lo, 1.0))
        return with_alpha(mix(thin, thick, smoothstep((v - lo) / max(hi - lo, 1.0))), alpha * a)

    return lut


def noise_layer(
    rng: random.Random,
    size: int,
    cells: float,
    cover: float,
    thin: QColor,
    thick: QColor,
    *,
    edge: float = 0.1,
    alpha: float = 1.0,
    octaves: int = 8,
    gain: float = 0.55,
) -> QImage:
    gray = fbm(rng, size, size, cells=cells, octaves=octaves, gain=gain)
    return colourise(gray, cover_lut(percentiles(gray), cover, thin, thick, edge=edge, alpha=alpha))


def cloud_texture(
    rng: random.Random,
    size: int,
    cover: float,
    thin: QColor,
    thick: QColor,
    *,
    detail: float = 40.0,
    systems: float = 5.0,
    edge: float = 0.3,
) -> QImage:
    """Broken cloud: fields of small cumulus gathered into large weather systems, over a thin
    veil where the systems are."""
    regions = fbm(rng, size, size, cells=systems, octaves=5, gain=0.5)
    at = percentiles(regions)
    lo, hi = at(1 - cover - 0.2), at(1 - cover + 0.25)
    mask = colourise(regions, lambda v: col("#ffffff", smoothstep((v - lo) / max(hi - lo, 1))))
    fine = fbm(rng, size, size, cells=detail, octaves=6, gain=0.6)
    tex = colourise(fine, cover_lut(percentiles(fine), 0.6, thin, thick, edge=edge))
    composite(tex, mask, Mode.CompositionMode_DestinationIn)
    veil = tinted(mask, with_alpha(thin, 0.22))
    composite(veil, tex)
    return veil


def tinted(layer: QImage, brush: QBrush | QColor) -> QImage:
    """The layer's shape (alpha) filled with another colour or gradient."""
    out = layer.copy()
    with painting(out) as p:
        p.setCompositionMode(Mode.CompositionMode_SourceIn)
        p.fillRect(QRectF(out.rect()), brush)
    return out


def texture_quad(p: QPainter, texture: QImage, source: QRectF, quad: QPolygonF) -> None:
    """Draw part of a texture mapped in perspective onto a quadrilateral."""
    src = QPolygonF(
        [source.topLeft(), source.topRight(), source.bottomRight(), source.bottomLeft()]
    )
    t = QTransform()
    if QTransform.quadToQuad(src, quad, t):
        p.save()
        p.setTransform(t, True)
        p.drawImage(source, texture, source)
        p.restore()


def grime(img: QImage, rng: random.Random, strength: float, cells: float = 10.0) -> None:
    """Uneven wear and light on a flat surface seen face-on."""
    gray = fbm(rng, img.width() // 2, img.height() // 2, cells=cells, octaves=6, gain=0.6)
    with painting(img) as p:
        p.setCompositionMode(Mode.CompositionMode_Overlay)
        p.setOpacity(strength)
        p.drawImage(QRectF(img.rect()), gray.convertToFormat(ARGB))


# ------------------------------------------------------------------------------- the Earth


@dataclass(frozen=True)
class Ground:
    """How a surface texture lies on the globe: a plane tilting away towards the limb at the
    point nearest `focus`, seen in perspective."""

    focus: QPointF
    far_half: float  # half-width of the texture's far edge, on the horizon
    near_half: float  # half-width of its near edge
    near_dist: float  # how far in from the limb the near edge lies

    def transform(self, globe: Globe, size: int) -> QTransform:
        theta = math.atan2(self.focus.x() - globe.cx, globe.cy - self.focus.y())
        ux, uy = math.sin(theta), -math.cos(theta)
        rx, ry = -uy, ux
        lx, ly = globe.cx + ux * globe.r, globe.cy + uy * globe.r
        nx, ny = lx - ux * self.near_dist, ly - uy * self.near_dist
        dst = QPolygonF(
            [
                QPointF(lx - rx * self.far_half, ly - ry * self.far_half),
                QPointF(lx + rx * self.far_half, ly + ry * self.far_half),
                QPointF(nx + rx * self.near_half, ny + ry * self.near_half),
                QPointF(nx - rx * self.near_half, ny - ry * self.near_half),
            ]
        )
        src = QPolygonF([QPointF(0, 0), QPointF(size, 0), QPointF(size, size), QPointF(0, size)])
        t = QTransform()
        if not QTransform.quadToQuad(src, dst, t):
            raise ValueError("degenerate ground transform")
        return t


def ground_layer(
    img: QImage, globe: Globe, ground: Ground, texture: QImage, shift: QPointF | None = None
) -> QImage:
    """A surface texture projected onto the visible disc, as a frame-sized layer."""
    layer = new_layer(img.width(), img.height())
    with painting(layer) as p:
        p.setClipPath(globe.disc())
        p.setTransform(ground.transform(globe, texture.width()), True)
        p.drawImage(shift if shift is not None else QPointF(0, 0), texture)
    return layer


def draw_atmosphere(
    img: QImage,
    globe: Globe,
    colour: QColor,
    *,
    inner: float,
    outer: float,
    strength: float,
    offset: float = 0.0,
    mask: QBrush | None = None,
    steps: int = 40,
) -> None:
    """Additive glow hugging the limb: nested bands whose sum falls off exponentially."""
    layer = new_layer(img.width(), img.height())

    def profile(f: float) -> float:
        return math.exp(-4.0 * f)

    with painting(layer) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for k in range(1, steps + 1):
            f0, f1 = (k - 1) / steps, k / steps
            p.setBrush(with_alpha(colour, strength * (profile(f0) - profile(f1))))
            p.drawPath(globe.band(globe.r + offset - inner * f1, globe.r + offset + outer * f1))
    if mask is not None:
        mask_layer(layer, mask)
    composite(img, layer, Mode.CompositionMode_Plus)


def draw_day_earth(
    img: QImage,
    rng: random.Random,
    globe: Globe,
    ground: Ground,
    *,
    hot: QPointF,
    spread: float,
    cover: float = 0.5,
    land: float = 0.22,
    glint: QPointF | None = None,
    size: int = 3072,
) -> None:
    """Sunlit ocean, land, cloud shadows and clouds, all in perspective on the globe."""
    frame = QRectF(img.rect())
    disc = globe.disc()
    with painting(img) as p:
        g = QRadialGradient(hot, spread)
        for t, c in ((0.0, "#2f79bd"), (0.3, "#195896"), (0.65, "#0d3668"), (1.0, "#04122a")):
            g.setColorAt(t, col(c))
        p.setClipPath(disc)
        p.fillRect(frame, QBrush(g))
    shelf = noise_layer(
        rng, size, 3.0, land + 0.07, col("#2a9bbd"), col("#2a9bbd"), edge=0.6, alpha=0.3
    )
    composite(img, ground_layer(img, globe, ground, shelf))
    terrain = noise_layer(
        rng, size, 3.0, land, col("#44573a"), col("#9a8660"), edge=0.04, alpha=0.93
    )
    composite(img, ground_layer(img, globe, ground, terrain))
    if glint is not None:
        with painting(img) as p:
            p.setClipPath(disc)
            p.setCompositionMode(Mode.CompositionMode_Plus)
            soft_ellipse(p, glint, 640, 260, 0.0, col("#cfe6ff", 0.28), 2.2)
    clouds = cloud_texture(rng, size, cover, col("#b9c6d6"), col("#ffffff"))
    shadow = tinted(clouds, col("#010a16"))
    composite(img, ground_layer(img, globe, ground, shadow, QPointF(12, 9)), opacity=0.45)
    composite(img, ground_layer(img, globe, ground, clouds))
    with painting(img) as p:  # the far side of the globe turns away from the sun
        p.setClipPath(disc)
        g = QRadialGradient(hot, spread * 1.25)
        g.setColorAt(0.0, col("#000000", 0.0))
        g.setColorAt(0.6, col("#000000", 0.1))
        g.setColorAt(1.0, col("#000000", 0.5))
        p.fillRect(frame, QBrush(g))


@dataclass(frozen=True)
class Flash:
    """A distant burst of light under the clouds on the night side."""

    pos: QPointF
    radius: float
    strength: float = 1.0
    tint: str = "#ffd6a0"


def draw_city_lights(
    p: QPainter, rng: random.Random, globe: Globe, rect: QRectF, clusters: int
) -> None:
    """Clusters and strings of sodium-orange specks: cities, roads, coastlines."""
    for _ in range(clusters):
        sp = globe.sample(rng, rect)
        if sp is None:
            continue
        spread = rng.uniform(8, 50) * sp.scale
        glow(p, sp.pos, spread * 3.0, col("#ff9440", 0.06 + 0.06 * rng.random()))
        for _ in range(int(rng.uniform(10, 110))):
            q = globe.offset(sp, rng.gauss(0, spread), rng.gauss(0, spread))
            if q is None:
                continue
            r = rng.uniform(0.6, 1.6) * (0.5 + 0.5 * q.fore)
            p.setBrush(col(rng.choice(("#ffb561", "#ffd08a", "#ffe8c0")), rng.uniform(0.35, 0.95)))
            p.drawEllipse(q.pos, r, r * max(q.fore, 0.35))
        if rng.random() < 0.6:  # a road or a coast leaving town
            q, heading = sp, rng.uniform(0, 2 * math.pi)
            for _ in range(int(rng.uniform(20, 90))):
                heading += rng.gauss(0, 0.25)
                nxt = globe.offset(q, math.cos(heading) * 9, math.sin(heading) * 9)
                if nxt is None:
                    break
                q = nxt
                if rng.random() < 0.7:
                    r = rng.uniform(0.5, 1.2) * (0.5 + 0.5 * q.fore)
                    p.setBrush(col("#ffc070", rng.uniform(0.3, 0.8)))
                    p.drawEllipse(q.pos, r, r)


def draw_night_earth(
    img: QImage,
    rng: random.Random,
    globe: Globe,
    ground: Ground,
    *,
    clusters: int,
    cover: float = 0.45,
    flashes: Sequence[Flash] = (),
    size: int = 3072,
) -> None:
    """Dark land and sea, city lights on the land only, clouds lit from below by flashes."""
    frame = QRectF(img.rect())
    disc = globe.disc()
    with painting(img) as p:
        p.setClipPath(disc)
        p.fillRect(
            frame,
            linear(
                QPointF(0, frame.top()),
                QPointF(0, frame.bottom()),
                [(0.0, col("#070b16")), (1.0, col("#020309"))],
            ),
        )
    white = col("#ffffff")
    land = ground_layer(
        img, globe, ground, noise_layer(rng, size, 3.0, 0.4, white, white, edge=0.02)
    )
    cities = new_layer(img.width(), img.height())
    with painting(cities) as p:
        draw_city_lights(p, rng, globe, frame, clusters)
    composite(cities, land, Mode.CompositionMode_DestinationIn)
    composite(img, cities, Mode.CompositionMode_Plus)
    with painting(img) as p:
        p.setClipPath(disc)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for f in flashes:  # light under the cloud deck
            glow(p, f.pos, f.radius * 1.8, col(f.tint, 0.22 * f.strength), 2.0)
            glow(p, f.pos, f.radius * 0.5, col(f.tint, 0.5 * f.strength), 2.5)
    clouds = ground_layer(
        img,
        globe,
        ground,
        cloud_texture(rng, size, cover, with_alpha(white, 0.3), white, detail=60.0, edge=0.7),
    )
    composite(img, tinted(clouds, col("#121826")), opacity=0.9)
    if flashes:
        light = new_layer(img.width(), img.height())
        with painting(light) as p:
            p.setCompositionMode(Mode.CompositionMode_Plus)
            for f in flashes:
                glow(p, f.pos, f.radius * 1.5, col(f.tint, 0.5 * f.strength), 2.6)
                glow(p, f.pos, f.radius * 0.6, col("#fff1dc", 0.9 * f.strength), 2.6)
        composite(light, clouds, Mode.CompositionMode_DestinationIn)
        composite(img, light, Mode.CompositionMode_Plus)
        with painting(img) as p:
            p.setCompositionMode(Mode.CompositionMode_Plus)
            for f in flashes:
                glow(p, f.pos, f.radius * 0.25, col("#fff6e8", 0.35 * f.strength), 2.2)
                glow(p, f.pos, f.radius * 0.05, col("#ffffff", f.strength), 1.5)


# ---------------------------------------------------------------------------------- station


@dataclass(frozen=True)
class StationStyle:
    hull: QColor
    array: QColor
    array_grid: QColor
    lattice: QColor
    rim: QColor
    rim_offset: QPointF
    radiator: QColor


SILHOUETTE = StationStyle(
    hull=col("#06080c"),
    array=col("#1c140c"),
    array_grid=col("#6a5236", 0.5),
    lattice=col("#28303a"),
    rim=col("#d4e8ff", 0.95),
    rim_offset=QPointF(-2.0, -2.4),
    radiator=col("#0a0d12"),
)


def station_parts() -> list[tuple[str, QRectF, float]]:
    """The station seen from above, in metres: truss, eight array wings, radiators, modules."""
    parts: list[tuple[str, QRectF, float]] = []

    def add(kind: str, x0: float, y0: float, x1: float, y1: float, radius: float = 0.0) -> None:
        parts.append((kind, QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized(), radius))

    for cx in (-50.5, -36.5, 36.5, 50.5):
        for sign in (-1, 1):
            for half in (-1, 1):
                add("array", cx + half * 0.55, sign * 4.0, cx + half * 6.3, sign * 38.0)
            add("mast", cx - 0.3, sign * 3.0, cx + 0.3, sign * 38.6)
    for cx in (-17.5, 17.5):
        add("radiator", cx - 2.4, -4.0, cx + 2.4, -24.0)
    add("truss", -56.5, -2.0, 56.5, 2.0)
    for cx in (-43.5, 43.5):
        add("truss", cx - 2.2, -3.2, cx + 2.2, 3.2)
    add("module", -2.2, -6.0, 2.2, 22.0, 2.1)  # Unity, Destiny, Harmony
    add("module", 2.0, 16.0, 9.8, 20.2, 2.0)  # Columbus
    add("module", -13.8, 15.4, -2.0, 20.6, 2.3)  # Kibo
    add("truss", -19.0, 16.3, -13.8, 19.8)  # Kibo exposed facility
    add("module", 2.0, -4.2, 7.8, -0.6, 1.7)  # Tranquility
    add("module", -2.1, -6.0, 2.1, -20.0, 1.8)  # Zarya
    add("module", -2.4, -20.0, 2.4, -33.0, 2.0)  # Zvezda
    for sign in (-1, 1):
        add("array", sign * 2.4, -27.0, sign * 13.5, -29.2)
    add("module", -1.4, -33.0, 1.4, -39.5, 1.3)  # docked cargo craft
    add("module", -7.2, -12.0, -2.1, -14.4, 1.1)  # crew capsule
    return parts


def station_transform(
    centre: QPointF,
    span: float,
    *,
    yaw: float = 0.0,
    pitch: float = 0.0,
    roll: float = 0.0,
    depth: float = 4.0,
) -> QTransform:
    """Homography placing the (flat) station in the frame with 3D rotation and perspective."""
    corners = [(-58.0, -44.0), (58.0, -44.0), (58.0, 44.0), (-58.0, 44.0)]
    cy, sy = math.cos(yaw), math.sin(yaw)
    cp, sp = math.cos(pitch), math.sin(pitch)
    cr, sr = math.cos(roll), math.sin(roll)
    dst = []
    for x0, y0 in corners:
        x, y, z = x0 / 116.0, y0 / 116.0, 0.0
        y, z = y * cp - z * sp, y * sp + z * cp
        x, z = x * cy + z * sy, -x * sy + z * cy
        x, y = x * cr - y * sr, x * sr + y * cr
        k = depth / (depth + z)
        dst.append(QPointF(centre.x() + span * x * k, centre.y() + span * y * k))
    result = QTransform()
    src = QPolygonF([QPointF(x, y) for x, y in corners])
    if not QTransform.quadToQuad(src, QPolygonF(dst), result):
        raise ValueError("degenerate station transform")
    return result


def draw_station_details(p: QPainter, kind: str, rect: QRectF, style: StationStyle) -> None:
    if kind == "array":
        p.setPen(pen(style.array_grid, 1.0, cosmetic=True))
        y = rect.top()
        while y < rect.bottom():
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += 1.7
        mid = rect.center().x()
        p.drawLine(QPointF(mid, rect.top()), QPointF(mid, rect.bottom()))
    elif kind == "truss":
        p.setPen(pen(style.lattice, 1.2, cosmetic=True))
        x, up = rect.left(), True
        step = rect.height()
        while x < rect.right() - 0.1:
            y0, y1 = (rect.bottom(), rect.top()) if up else (rect.top(), rect.bottom())
            p.drawLine(QPointF(x, y0), QPointF(min(x + step, rect.right()), y1))
            x += step
            up = not up
    elif kind == "module":
        p.setPen(pen(style.lattice, 1.0, cosmetic=True))
        long_x = rect.width() > rect.height()
        n = int((rect.width() if long_x else rect.height()) / 2.6)
        for i in range(1, n):
            if long_x:
                x = rect.left() + rect.width() * i / n
                p.drawLine(QPointF(x, rect.top() + 0.4), QPointF(x, rect.bottom() - 0.4))
            else:
                y = rect.top() + rect.height() * i / n
                p.drawLine(QPointF(rect.left() + 0.4, y), QPointF(rect.right() - 0.4, y))
    elif kind == "radiator":
        p.setPen(pen(style.lattice, 1.0, cosmetic=True))
        for i in range(1, 8):
            y = rect.top() + rect.height() * i / 8
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    p.setPen(NO_PEN)


def draw_station(p: QPainter, transform: QTransform, style: StationStyle) -> None:
    """Each part: a rim-light copy nudged towards the light, the body, then its details."""
    fills = {"array": style.array, "radiator": style.radiator}
    for kind, rect, radius in station_parts():
        local = QPainterPath()
        local.addRoundedRect(rect, radius, radius)
        screen = transform.map(local)
        rim = (
            style.rim
            if kind not in ("array", "mast")
            else with_alpha(style.rim, style.rim.alphaF() * 0.55)
        )
        p.setPen(NO_PEN)
        p.setBrush(rim)
        p.drawPath(screen.translated(style.rim_offset))
        p.setBrush(fills.get(kind, style.hull))
        p.drawPath(screen)
        p.save()
        p.setTransform(transform, True)
        draw_station_details(p, kind, rect, style)
        p.restore()


# ----------------------------------------------------------------------------- module interiors


@dataclass(frozen=True)
class Camera:
    """Pinhole camera for the interiors: x right, y down, z into the picture."""

    cx: float
    cy: float
    focal: float

    def project(self, x: float, y: float, z: float) -> QPointF:
        return QPointF(self.cx + self.focal * x / z, self.cy + self.focal * y / z)

    def poly(self, pts: Sequence[tuple[float, float, float]]) -> QPolygonF:
        return QPolygonF([self.project(*pt) for pt in pts])


@dataclass(frozen=True)
class Lighting:
    """How a module interior is lit: wall tint, lamp colour and haze."""

    wall: tuple[float, float, float]
    lamp: QColor
    fog: QColor
    fog_depth: float
    screen: QColor


RED_ALERT = Lighting(
    wall=(1.0, 0.17, 0.14),
    lamp=col("#ff7664"),
    fog=col("#3a0604"),
    fog_depth=6.5,
    screen=col("#7fe0ff"),
)
DAYLIGHT = Lighting(
    wall=(0.86, 0.92, 1.0),
    lamp=col("#f4fbff"),
    fog=col("#c9d8e6"),
    fog_depth=9.0,
    screen=col("#9fe3ff"),
)

HALF_W, HALF_H = 1.0, 0.92


def wall_quad(
    cam: Camera, wall: str, z0: float, z1: float, b0: float, b1: float, inset: float = 0.0
) -> QPolygonF:
    """A rectangle on one wall of the square module: `b` runs across the wall, `z` along it."""
    if wall in ("left", "right"):
        x = (-HALF_W if wall == "left" else HALF_W) * (1 - inset)
        pts = [(x, b0, z0), (x, b1, z0), (x, b1, z1), (x, b0, z1)]
    else:
        y = (-HALF_H if wall == "ceiling" else HALF_H) * (1 - inset)
        pts = [(b0, y, z0), (b1, y, z0), (b1, y, z1), (b0, y, z1)]
    return cam.poly(pts)


def draw_tunnel(
    p: QPainter,
    rng: random.Random,
    cam: Camera,
    light: Lighting,
    *,
    z_near: float = 0.5,
    z_far: float = 15.0,
    bay: float = 1.1,
    wear: QImage | None = None,
) -> list[tuple[QPointF, float, QColor]]:
    """Racks, lockers, handrails and lamps of a module interior, painted far to near.

    Returns the lamps and screens as (position, radius, colour) for the glow pass.
    """
    lights: list[tuple[QPointF, float, QColor]] = []

    def shade(level: float, z: float) -> QColor:
        fog = 1.0 - math.exp(-(z - z_near) / light.fog_depth)
        lit = rgb(*(c * level for c in light.wall))
        return mix(lit, light.fog, fog)

    corners = [(-HALF_W, -HALF_H), (HALF_W, -HALF_H), (HALF_W, HALF_H), (-HALF_W, HALF_H)]
    p.setBrush(shade(0.35, z_far))
    p.drawPolygon(cam.poly([(x, y, z_far) for x, y in corners]))
    hatch = cam.project(0, 0.05, z_far)
    rad = cam.focal * 0.6 / z_far
    p.setBrush(shade(0.55, z_far))
    p.drawEllipse(hatch, rad * 1.15, rad * 1.15)
    p.setBrush(shade(0.12, z_far + 3))
    p.drawEllipse(hatch, rad, rad)
    lights.append((hatch, rad * 2.5, with_alpha(light.lamp, 0.2)))

    base = {"ceiling": 0.6, "floor": 0.26, "left": 0.42, "right": 0.48}
    n = int((z_far - z_near) / bay)
    for k in reversed(range(n)):
        z0 = z_near + k * bay
        z1, zm = z0 + bay, z0 + bay / 2
        for wall, level in base.items():
            p.setBrush(shade(level * 0.55, zm))
            p.drawPolygon(wall_quad(cam, wall, z0, z1, -1.0, 1.0))
            # rack faces: two columns of lockers, some racks replaced by bags or equipment
            for b0, b1 in ((-0.92, -0.04), (0.04, 0.92)):
                kind = rng.random()
                p.setBrush(shade(level * rng.uniform(0.85, 1.1), zm))
                p.drawPolygon(wall_quad(cam, wall, z0 + 0.04, z1 - 0.04, b0, b1))
                if kind < 0.55:
                    rows = rng.choice((2, 3, 4))
                    for r in range(rows):
                        c0 = b0 + (b1 - b0) * r / rows + 0.03
                        c1 = b0 + (b1 - b0) * (r + 1) / rows - 0.03
                        p.setBrush(shade(level * rng.uniform(0.7, 1.05), zm))
                        p.drawPolygon(wall_quad(cam, wall, z0 + 0.1, z1 - 0.1, c0, c1, -0.01))
                elif kind < 0.75:
                    p.setBrush(shade(level * 0.35, zm))
                    p.drawPolygon(
                        wall_quad(cam, wall, z0 + 0.2, z1 - 0.3, b0 + 0.1, b1 - 0.2, 0.04)
                    )
                elif kind < 0.85 and wall in ("left", "right") and k > 2:
                    p.setBrush(shade(0.08, zm))
                    p.drawPolygon(
                        wall_quad(cam, wall, z0 + 0.25, z1 - 0.35, b0 + 0.2, b0 + 0.5, 0.02)
                    )
                    p.setBrush(with_alpha(light.screen, 0.8))
                    scr = wall_quad(cam, wall, z0 + 0.29, z1 - 0.39, b0 + 0.24, b0 + 0.46, 0.03)
                    p.drawPolygon(scr)
                    lights.append(
                        (
                            scr.boundingRect().center(),
                            cam.focal * 0.18 / zm,
                            with_alpha(light.screen, 0.35),
                        )
                    )
            p.setBrush(shade(level * 0.25, zm))  # seam between bays
            p.drawPolygon(wall_quad(cam, wall, z0, z0 + 0.02, -1.0, 1.0, -0.005))
            if wall in ("left", "right"):  # handrails
                for b in (-0.62, 0.66):
                    p.setBrush(shade(level * 1.6, zm))
                    p.drawPolygon(wall_quad(cam, wall, z0, z1, b - 0.018, b + 0.018, 0.06))
                    p.setBrush(shade(level * 0.8, zm))
                    p.drawPolygon(
                        wall_quad(cam, wall, z0 + 0.1, z0 + 0.14, b - 0.02, b + 0.02, 0.03)
                    )
            if wear is not None:  # scuffs and uneven light, mapped onto the wall
                p.setCompositionMode(Mode.CompositionMode_Overlay)
                p.setOpacity(0.8)
                x, y = rng.uniform(0, wear.width() - 200), rng.uniform(0, wear.height() - 200)
                texture_quad(
                    p, wear, QRectF(x, y, 200, 200), wall_quad(cam, wall, z0, z1, -1.0, 1.0, -0.004)
                )
                p.setOpacity(1.0)
                p.setCompositionMode(Mode.CompositionMode_SourceOver)
        lamp = wall_quad(cam, "ceiling", zm - 0.2, zm + 0.2, -0.3, 0.3, 0.01)
        p.setBrush(light.lamp)
        p.drawPolygon(lamp)
        lights.append(
            (
                cam.project(0, -HALF_H * 0.97, zm),
                cam.focal * 0.9 / zm,
                with_alpha(light.lamp, 0.55 * min(1.0, 2.5 / zm)),
            )
        )
    return lights


# ------------------------------------------------------------------------------------ stills


def still_station_over_earth(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    globe = Globe(1750, H + 5600 - 640, 5600)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=900)
    draw_day_earth(
        img,
        rng,
        globe,
        Ground(QPointF(1750, 0), 2600, 5200, 1000),
        hot=QPointF(700, 900),
        spread=2600,
        cover=0.5,
        land=0.2,
        glint=QPointF(900, 1250),
    )
    draw_atmosphere(img, globe, col("#b9e2ff"), inner=170, outer=24, strength=1.2)
    draw_atmosphere(img, globe, col("#3f86ff"), inner=30, outer=90, offset=8, strength=0.9)
    with painting(img) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, QPointF(-250, -300), 1500, col("#9ec9ff", 0.16))
        p.setCompositionMode(Mode.CompositionMode_SourceOver)
        draw_station(
            p,
            station_transform(QPointF(1000, 560), 1750, yaw=0.35, pitch=0.95, roll=-0.16),
            SILHOUETTE,
        )
    return finish(img, bloom_strength=0.3)


def still_cupola_view(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    frame = QRectF(0, 0, W, H)
    globe = Globe(1500, 4300, 4000)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=500)
    draw_day_earth(
        img,
        rng,
        globe,
        Ground(QPointF(1500, 0), 2400, 4600, 1400),
        hot=QPointF(1500, 1100),
        spread=2600,
        cover=0.45,
        land=0.3,
        glint=QPointF(1150, 1000),
    )
    draw_atmosphere(img, globe, col("#b9e2ff"), inner=130, outer=22, strength=1.1)
    draw_atmosphere(img, globe, col("#3f86ff"), inner=20, outer=70, offset=6, strength=0.8)
    bloom(img, 24, 0.25)

    centre = QPointF(1280, 760)
    windows = QPainterPath()
    windows.addEllipse(centre, 300, 300)
    trapezoids = []
    m, a1, a2 = 34.0, 395.0, 835.0
    tan30, cos30 = math.tan(math.radians(30)), math.cos(math.radians(30))
    for k in range(6):
        c = math.radians(k * 60 + 30)
        pts = []
        for y, side in ((a1, -1), (a1, 1), (a2, 1), (a2, -1)):
            x = side * (y * tan30 - m / cos30)  # local +y points along the window's direction
            pts.append(
                QPointF(
                    centre.x() + x * math.cos(c) + y * math.sin(c),
                    centre.y() + x * math.sin(c) - y * math.cos(c),
                )
            )
        poly = QPolygonF(pts)
        trapezoids.append(poly)
        windows.addPolygon(poly)
        windows.closeSubpath()
    structure = QPainterPath()
    structure.setFillRule(Qt.FillRule.OddEvenFill)
    structure.addRect(frame)
    structure.addPath(windows)

    with painting(img) as p:
        # faint glass tint and reflections in the panes
        p.setClipPath(windows)
        p.fillRect(frame, col("#6fa5d8", 0.06))
        p.fillRect(
            frame,
            linear(
                QPointF(600, 200),
                QPointF(1900, 1300),
                [
                    (0.0, col("#ffffff", 0.0)),
                    (0.47, col("#ffffff", 0.0)),
                    (0.5, col("#ffffff", 0.06)),
                    (0.56, col("#ffffff", 0.0)),
                    (1.0, col("#ffffff", 0.0)),
                ],
            ),
        )
        p.setClipping(False)
        # the frame: metal lit by Earth-light through the windows, dark beyond
        g = QRadialGradient(centre, 1350)
        for t, c in (
            (0.0, "#53616f"),
            (0.25, "#3a4653"),
            (0.5, "#1c232c"),
            (0.75, "#0a0d11"),
            (1.0, "#030405"),
        ):
            g.setColorAt(t, col(c))
        p.setBrush(QBrush(g))
        p.drawPath(structure)
        p.setClipPath(structure)
        for _ in range(30):  # stowage and cables round the cupola's rim, barely lit
            a = rng.uniform(0, 2 * math.pi)
            rr = rng.uniform(1000, 1500)
            box = QRectF(0, 0, rng.uniform(60, 260), rng.uniform(30, 140))
            box.moveCenter(QPointF(centre.x() + rr * math.cos(a), centre.y() + rr * math.sin(a)))
            p.setBrush(col("#0c1014", rng.uniform(0.5, 0.9)))
            p.drawRoundedRect(box, 10, 10)
        p.setClipping(False)
        # window edges: a deep shadow inside each frame and a thin lit lip
        for poly in trapezoids:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(pen(col("#020304", 0.7), 22, round_cap=False))
            p.drawPolygon(poly)
            p.setPen(pen(col("#a9c4dc", 0.55), 2.5))
            p.drawPolygon(poly)
        p.setPen(pen(col("#020304", 0.7), 24))
        p.drawEllipse(centre, 300, 300)
        p.setPen(pen(col("#a9c4dc", 0.6), 3))
        p.drawEllipse(centre, 300, 300)
        p.setPen(NO_PEN)
        for k in range(24):  # bolts round the central window
            a = 2 * math.pi * k / 24
            c = QPointF(centre.x() + 352 * math.cos(a), centre.y() + 352 * math.sin(a))
            p.setBrush(col("#0c1015"))
            p.drawEllipse(c, 7, 7)
            p.setBrush(col("#8fa3b6", 0.6))
            p.drawEllipse(c + QPointF(-1.5, -1.5), 3, 3)
        for k in range(6):  # handles on the mullions
            a = math.radians(k * 60)
            c = QPointF(centre.x() + 640 * math.cos(a), centre.y() + 640 * math.sin(a))
            p.save()
            p.translate(c)
            p.rotate(k * 60 + 90)
            p.setBrush(col("#0b0e12"))
            p.drawRoundedRect(QRectF(-13, -90, 26, 180), 12, 12)
            p.setBrush(col("#9bb2c7", 0.35))
            p.drawRoundedRect(QRectF(-9, -84, 6, 168), 3, 3)
            p.restore()
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, QPointF(1280, 1540), 900, col("#ffb071", 0.1))  # warm cabin light from below
    return finish(img, bloom_radius=20, bloom_strength=0.2, vignette_strength=0.8)


def still_red_alert_module(rng: random.Random) -> QImage:
    img = new_layer(W, H, col("#000000"))
    cam = Camera(1340, 700, 1150)
    wear = fbm(rng, 1024, 1024, cells=6, octaves=7, gain=0.6).convertToFormat(ARGB)
    dim = replace(RED_ALERT, wall=(0.75, 0.12, 0.1))
    with painting(img) as p:
        lights = draw_tunnel(p, rng, cam, dim, wear=wear)
        for _ in range(2):  # cables drifting close to the camera
            path = QPainterPath(QPointF(rng.uniform(-200, 100), rng.uniform(-100, 300)))
            path.cubicTo(
                QPointF(rng.uniform(300, 700), rng.uniform(100, 500)),
                QPointF(rng.uniform(300, 800), rng.uniform(300, 700)),
                QPointF(rng.uniform(-100, 100), rng.uniform(1000, 1500)),
            )
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(pen(col("#ff6a55", 0.45), 13))
            p.drawPath(path.translated(0, -3))
            p.setPen(pen(col("#0c0101"), 12))
            p.drawPath(path)
        p.setPen(NO_PEN)
    layer = new_layer(W, H)
    with painting(layer) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for c, r, colour in lights:
            glow(p, c, r * 1.3, colour, 2.0)
        glow(p, QPointF(cam.cx, cam.cy), 900, col("#ff3b2a", 0.12), 1.6)  # haze down the module
        beacon = QPointF(380, 120)
        glow(p, beacon, 800, col("#ff2a14", 0.5), 2.0)
        glow(p, beacon, 120, col("#ffd0c0", 0.9), 2.0)
        for k in range(5):  # the beacon's rotating beam through the haze
            a = math.radians(8 + k * 9)
            tip = QPointF(380 + 2600 * math.cos(a), 120 + 2600 * math.sin(a))
            p.setBrush(
                linear(beacon, tip, [(0.0, col("#ff4a30", 0.09)), (1.0, col("#ff4a30", 0.0))])
            )
            side = QPointF(-math.sin(a) * 140, math.cos(a) * 140)
            p.drawPolygon(QPolygonF([beacon, tip + side, tip - side]))
    composite(img, blurred(layer, 4), Mode.CompositionMode_Plus)
    return finish(img, bloom_radius=30, bloom_strength=0.45, vignette_strength=0.9)


def still_night_side_flashes(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    globe = Globe(1600, H + 3800 - 1060, 3800)
    flashes = (
        Flash(QPointF(860, 930), 430, 1.0),
        Flash(QPointF(1820, 700), 300, 0.75),
        Flash(QPointF(2260, 1210), 520, 0.9, "#ffc78f"),
    )
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=1600)
    draw_night_earth(
        img,
        rng,
        globe,
        Ground(QPointF(1600, 0), 2400, 4600, 1300),
        clusters=420,
        cover=0.7,
        flashes=flashes,
    )
    draw_atmosphere(img, globe, col("#5cffa0"), inner=6, outer=10, offset=16, strength=0.3)
    draw_atmosphere(img, globe, col("#2d5cff"), inner=40, outer=50, offset=4, strength=0.35)
    near = QRadialGradient(flashes[1].pos, 1300)
    near.setColorAt(0.0, col("#ffffff"))
    near.setColorAt(1.0, col("#ffffff", 0.0))
    draw_atmosphere(img, globe, col("#ffc88a"), inner=30, outer=40, strength=0.8, mask=QBrush(near))
    return finish(img, bloom_radius=36, bloom_strength=0.5, vignette_strength=0.7)


def still_orbital_sunrise(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    globe = Globe(1180, H + 6500 - 430, 6500)
    sun = QPointF(1560, globe.limb_y(1560) - 8)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=700, brightness=0.7)
        p.setBrush(
            linear(QPointF(0, 1000), QPointF(0, H), [(0.0, col("#0a0f1c")), (1.0, col("#010205"))])
        )
        p.drawPath(globe.disc())
    clouds = ground_layer(
        img,
        globe,
        Ground(QPointF(1180, 0), 2600, 5000, 700),
        cloud_texture(rng, 2048, 0.55, col("#ffffff", 0.3), col("#ffffff"), detail=60.0, edge=0.7),
    )
    dawn = QRadialGradient(sun, 1100)
    dawn.setColorAt(0.0, col("#ffc08a", 0.9))
    dawn.setColorAt(0.25, col("#c8704a", 0.45))
    dawn.setColorAt(0.6, col("#1c2336", 0.35))
    dawn.setColorAt(1.0, col("#0c111c", 0.3))
    composite(img, tinted(clouds, QBrush(dawn)))

    def around_sun(radius: float) -> QBrush:
        g = QRadialGradient(sun, radius)
        g.setColorAt(0.0, col("#ffffff"))
        g.setColorAt(0.4, col("#ffffff", 0.55))
        g.setColorAt(1.0, col("#ffffff", 0.0))
        return QBrush(g)

    draw_atmosphere(img, globe, col("#2e6fe0"), inner=14, outer=60, offset=10, strength=0.6)
    draw_atmosphere(
        img, globe, col("#ff4d1a"), inner=6, outer=16, offset=2, strength=2.0, mask=around_sun(1600)
    )
    draw_atmosphere(
        img,
        globe,
        col("#ffb347"),
        inner=12,
        outer=18,
        offset=12,
        strength=1.4,
        mask=around_sun(1100),
    )
    draw_atmosphere(
        img,
        globe,
        col("#d5ecff"),
        inner=16,
        outer=30,
        offset=28,
        strength=1.0,
        mask=around_sun(1000),
    )
    draw_atmosphere(
        img,
        globe,
        col("#2f6bff"),
        inner=30,
        outer=120,
        offset=45,
        strength=1.0,
        mask=around_sun(2200),
    )
    with painting(img) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, sun, 1800, col("#ff9a50", 0.14), 2.0)
        glow(p, sun, 620, col("#ffcf8a", 0.4), 2.5)
        glow(p, sun, 190, col("#fff3d6", 0.95), 2.5)
        glow(p, sun, 46, col("#ffffff"), 1.5)
        lens_starburst(p, rng, sun, 850, col("#fff2dc"), rays=12)
        for k, r, tint in (
            (0.55, 46, "#7fb2ff"),
            (1.25, 120, "#9dff9f"),
            (1.55, 34, "#ffb27a"),
            (1.9, 190, "#8a7dff"),
        ):  # lens ghosts
            c = sun + (QPointF(W / 2, H / 2) - sun) * k
            glow(p, c, r, col(tint, 0.06), 0.8)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(pen(col(tint, 0.05), 3))
            p.drawEllipse(c, r * 0.9, r * 0.9)
            p.setPen(NO_PEN)
    return finish(img, bloom_radius=40, bloom_strength=0.45, vignette_strength=0.65)


Vec = tuple[float, float, float]


def draw_array_wing(
    p: QPainter,
    rng: random.Random,
    cam: Camera,
    origin: Vec,
    across: Vec,
    along: Vec,
    glint: QPointF,
    *,
    length: float = 34.0,
    rows: int = 150,
    lit: float = 1.0,
) -> None:
    """One solar array wing: two blankets of cells either side of a mast, hinged in panels."""

    def at(u: float, v: float) -> Vec:
        return (
            origin[0] + across[0] * u + along[0] * v,
            origin[1] + across[1] * u + along[1] * v,
            origin[2] + across[2] * u + along[2] * v,
        )

    cols = 10
    for u0 in (0.0, 1.12):
        p.setBrush(col("#2a1d0f"))
        p.drawPolygon(cam.poly([at(u0, 0), at(u0 + 1, 0), at(u0 + 1, length), at(u0, length)]))
        for r in reversed(range(rows)):
            v0, v1 = length * r / rows, length * (r + 1) / rows
            hinge = 0.08 if r % 8 == 7 else 0.025
            tilt = lit * (0.8 + 0.35 * (((r // 8) * 7) % 3) / 2)  # panels catch light unevenly
            for c in range(cols):
                w0, w1 = u0 + (c + 0.05) / cols, u0 + (c + 0.95) / cols
                quad = cam.poly(
                    [at(w0, v0 + 0.02), at(w1, v0 + 0.02), at(w1, v1 - hinge), at(w0, v1 - hinge)]
                )
                ctr = quad.boundingRect().center()
                d = math.hypot(ctr.x() - glint.x(), (ctr.y() - glint.y()) * 1.7)
                spec = 0.75 * math.exp(-((d / 650) ** 2)) + 0.25 * math.exp(-((d / 160) ** 2))
                shade = tilt * rng.uniform(0.9, 1.1)
                base = rgb(0.07 * shade, 0.08 * shade, 0.2 * shade)
                p.setBrush(mix(base, col("#ffe3b8"), spec * tilt))
                p.drawPolygon(quad)
    p.setPen(pen(col("#9c968a"), max(2.0, 6 * lit)))
    p.drawLine(cam.project(*at(1.06, -1.0)), cam.project(*at(1.06, length)))
    p.setPen(NO_PEN)


def still_solar_arrays(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    cam = Camera(1280, 720, 1400)
    glint = QPointF(1640, 520)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=1500)
        p.translate(W / 2, H / 2)
        p.rotate(-8)
        p.translate(-W / 2, -H / 2)
        draw_array_wing(
            p,
            rng,
            cam,
            (1.05, -1.1, 1.25),
            (0.12, 1.0, 0.1),
            (-0.62, 0.05, 1.0),
            glint,
            length=30.0,
            rows=130,
        )
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, glint, 1000, col("#ffd9a3", 0.22), 2.0)
        glow(p, glint, 110, col("#ffffff", 0.85), 2.0)
        lens_starburst(p, rng, glint, 650, col("#fff0d0"), rays=8)
    return finish(img, bloom_radius=30, bloom_strength=0.4, vignette_strength=0.75)


def draw_box_truss(p: QPainter, cam: Camera, a: Vec, b: Vec, size: float, rim: QColor) -> None:
    """A square lattice truss from a to b: four longerons, frames and diagonals."""
    ax, ay, az = a
    dx, dy, dz = b[0] - ax, b[1] - ay, b[2] - az
    length = math.sqrt(dx * dx + dy * dy + dz * dz)
    ux, uy, uz = dx / length, dy / length, dz / length
    n = math.hypot(uy, ux) or 1.0
    vx, vy, vz = -uy / n, ux / n, 0.0  # two directions across the truss
    wx, wy, wz = uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx

    def pt(s: float, i: int) -> Vec:
        ox, oy = ((-1, -1), (1, -1), (1, 1), (-1, 1))[i % 4]
        return (
            ax + ux * s + (vx * ox + wx * oy) * size / 2,
            ay + uy * s + (vy * ox + wy * oy) * size / 2,
            az + uz * s + (vz * ox + wz * oy) * size / 2,
        )

    def beam(p0: Vec, p1: Vec, k: float) -> None:
        width = max(1.5, cam.focal * 0.07 * k / ((p0[2] + p1[2]) / 2))
        s0, s1 = cam.project(*p0), cam.project(*p1)
        p.setPen(pen(rim, width + 1.0))
        p.drawLine(s0 + QPointF(0, -1.2), s1 + QPointF(0, -1.2))
        p.setPen(pen(col("#010102"), width))
        p.drawLine(s0, s1)

    for j in reversed(range(int(length / size))):
        s0, s1 = j * size, (j + 1) * size
        for i in range(4):
            beam(pt(s0, i), pt(s1, i + 1), 0.55)
            beam(pt(s0, i), pt(s0, i + 1), 0.7)
            beam(pt(s0, i), pt(s1, i), 1.0)
    p.setPen(NO_PEN)


def draw_aurora(img: QImage, rng: random.Random, globe: Globe, x0: float, x1: float) -> None:
    """Curtains of green light standing on the night side, just inside the limb."""
    layer = new_layer(img.width(), img.height())
    depth, height, bright = 70.0, 150.0, 0.6
    with painting(layer) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        steps = 2200
        for i in range(steps):
            x = x0 + (x1 - x0) * i / steps
            edge = globe.at(x, globe.limb_y(x) + 1)
            if edge is None:
                continue
            depth = clamp(depth + rng.gauss(0, 2.2) + (75 - depth) * 0.01, 25, 150)
            height = clamp(height + rng.gauss(0, 9) + (150 - height) * 0.02, 50, 300)
            bright = clamp(bright + rng.gauss(0, 0.05) + (0.6 - bright) * 0.02, 0.1, 1.0)
            base = globe.point(edge.theta, depth).pos
            up = QPointF(math.sin(edge.theta), -math.cos(edge.theta))
            top = base + up * height * rng.uniform(0.6, 1.0)
            a = bright * rng.uniform(0.5, 1.0)
            p.setBrush(
                linear(
                    base,
                    top,
                    [
                        (0.0, col("#7dffb4", 0.0)),
                        (0.04, col("#8affbe", 0.5 * a)),
                        (0.35, col("#2fe08a", 0.22 * a)),
                        (0.8, col("#b04dff", 0.05 * a)),
                        (1.0, col("#ff4dd2", 0.0)),
                    ],
                )
            )
            half = QPointF(-up.y(), up.x()) * rng.uniform(0.8, 2.0)
            p.drawPolygon(QPolygonF([base - half, base + half, top + half, top - half]))
    composite(img, blurred(layer, 10), Mode.CompositionMode_Plus)
    composite(img, blurred(layer, 2), Mode.CompositionMode_Plus, 0.6)


def still_truss_silhouette(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    globe = Globe(1750, H + 4200 - 600, 4200)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=1500)
    draw_night_earth(
        img, rng, globe, Ground(QPointF(1750, 0), 2400, 4600, 950), clusters=520, cover=0.4
    )
    draw_atmosphere(img, globe, col("#2d5cff"), inner=30, outer=40, offset=4, strength=0.4)
    draw_aurora(img, rng, globe, 0, W)
    bloom(img, 20, 0.4)
    cam = Camera(1280, 720, 1300)
    with painting(img) as p:
        draw_box_truss(p, cam, (-3.4, 1.9, 1.2), (5.6, -0.15, 12.0), 0.72, col("#62e0a0", 0.16))
    return finish(img, bloom_radius=24, bloom_strength=0.3, vignette_strength=0.75)


def still_open_hatch(rng: random.Random) -> QImage:
    centre, radius = QPointF(1180, 700), 400.0
    beyond = new_layer(W, H, col("#000000"))
    with painting(beyond) as p:
        lights = draw_tunnel(
            p, rng, Camera(centre.x() + 40, centre.y() + 10, 820), DAYLIGHT, z_near=1.3, z_far=13.0
        )
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for c, r, colour in lights:
            glow(p, c, r, colour, 2.2)
    img = blurred(beyond, 7)
    bloom(img, 30, 0.6)
    opening = QPainterPath()
    opening.addEllipse(centre, radius, radius)
    wall = QPainterPath()
    wall.setFillRule(Qt.FillRule.OddEvenFill)
    wall.addRect(QRectF(0, 0, W, H))
    wall.addPath(opening)
    bulkhead = new_layer(W, H, col("#0e1217"))
    grime(bulkhead, rng, 0.5, cells=8)
    with painting(bulkhead) as p:
        for x in (180, 1850, 2300):
            p.fillRect(QRectF(x, 0, 6, H), col("#000000", 0.5))
        for y in (200, 1240):
            p.fillRect(QRectF(0, y, W, 5), col("#000000", 0.5))
        p.setBrush(col("#11161c"))
        p.drawRoundedRect(QRectF(1950, 380, 360, 520), 14, 14)
        p.setBrush(col("#1a2129"))
        for k in range(8):
            p.drawRoundedRect(QRectF(1980, 410 + 60 * k, 300, 38), 6, 6)
        p.setBrush(col("#232b34"))
        p.drawRoundedRect(QRectF(290, 260, 34, 900), 17, 17)  # handrail
        spill = QRadialGradient(centre, 1500)
        spill.setColorAt(0.0, col("#dbe9f7", 0.55))
        spill.setColorAt(0.3, col("#9db5cc", 0.26))
        spill.setColorAt(1.0, col("#9db5cc", 0.0))
        p.setCompositionMode(Mode.CompositionMode_Plus)
        p.fillRect(QRectF(0, 0, W, H), QBrush(spill))
    with painting(img) as p:
        p.setClipPath(wall)
        p.drawImage(0, 0, bulkhead)
        p.setClipping(False)
        # the hatch ring: machined metal, with its inner lip catching the light
        ring = QPainterPath()
        ring.setFillRule(Qt.FillRule.OddEvenFill)
        ring.addEllipse(centre, radius + 78, radius + 78)
        ring.addEllipse(centre, radius, radius)
        g = QConicalGradient(centre, 120)
        for t, c in (
            (0.0, "#9aa7b4"),
            (0.2, "#2c343d"),
            (0.45, "#6d7a87"),
            (0.7, "#1c2229"),
            (1.0, "#9aa7b4"),
        ):
            g.setColorAt(t, col(c))
        p.setBrush(QBrush(g))
        p.drawPath(ring)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(col("#f2f8ff", 0.85), 4))
        p.drawEllipse(centre, radius + 2, radius + 2)
        p.setPen(pen(col("#000000", 0.6), 6))
        p.drawEllipse(centre, radius + 80, radius + 80)
        p.setPen(NO_PEN)
        for k in range(20):
            a = 2 * math.pi * k / 20
            c = QPointF(
                centre.x() + (radius + 40) * math.cos(a), centre.y() + (radius + 40) * math.sin(a)
            )
            p.setBrush(col("#0e1216"))
            p.drawEllipse(c, 9, 9)
            p.setBrush(col("#cfdbe6", 0.5))
            p.drawEllipse(c + QPointF(-2, -2), 3.5, 3.5)
        # the hatch door, swung open towards us on its hinge at the right
        door = QPointF(centre.x() + radius + 200, centre.y() + 20)
        p.setBrush(col("#dbe9f7", 0.5))
        p.drawEllipse(door + QPointF(-5, 0), 118, 446)
        p.setBrush(
            linear(
                QPointF(door.x() - 110, 0),
                QPointF(door.x() + 110, 0),
                [(0.0, col("#3d4854")), (0.35, col("#161b21")), (1.0, col("#07090b"))],
            )
        )
        p.drawEllipse(door, 112, 440)
        p.setBrush(col("#222a33"))
        p.drawRoundedRect(QRectF(door.x() - 34, door.y() - 110, 48, 220), 16, 16)
        p.setBrush(col("#9fb0c0", 0.35))
        p.drawRoundedRect(QRectF(door.x() - 30, door.y() - 104, 8, 208), 4, 4)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for k in range(9):  # faint shafts of light from the hatch into the dark module
            a = math.radians(k * 40 + rng.uniform(-12, 12))
            tip = centre + QPointF(math.cos(a), math.sin(a)) * 1700
            side = QPointF(-math.sin(a), math.cos(a)) * rng.uniform(60, 160)
            p.setBrush(
                linear(centre, tip, [(0.0, col("#cfe3ff", 0.05)), (1.0, col("#cfe3ff", 0.0))])
            )
            p.drawPolygon(QPolygonF([centre, tip + side, tip - side]))
        p.setCompositionMode(Mode.CompositionMode_SourceOver)
        p.fillRect(
            QRectF(0, 0, W, H),
            linear(
                QPointF(0, 900),
                QPointF(0, H),
                [(0.0, col("#000000", 0.0)), (1.0, col("#000000", 0.6))],
            ),
        )
    return finish(img, bloom_radius=24, bloom_strength=0.25, vignette_strength=0.85)


def draw_console(
    p: QPainter, rng: random.Random, emissive: list[tuple[QPointF, float, QColor]]
) -> None:
    """A console face in its own 2400 x 1400 design space (the painter carries the perspective)."""
    amber, red = col("#ff9d1c"), col("#ff3a22")
    p.setBrush(col("#15171a"))
    p.drawRect(QRectF(0, 0, 2400, 1400))

    def bevel(r: QRectF, face: str) -> None:
        p.setBrush(col("#2c3035"))
        p.drawRect(r)
        p.setBrush(col("#07080a"))
        p.drawRect(r.adjusted(4, 4, 0, 0))
        p.setBrush(col(face))
        p.drawRect(r.adjusted(3, 3, -3, -3))
        for c in (r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()):
            p.setBrush(col("#3a3f46"))
            p.drawEllipse(
                c + QPointF(14 if c.x() == r.left() else -14, 14 if c.y() == r.top() else -14), 6, 6
            )

    def labels(x: float, y: float, count: int, pitch: float) -> None:
        for i in range(count):
            p.setBrush(col("#b8bec6", 0.35))
            p.drawRect(QRectF(x + i * pitch + rng.uniform(-4, 4), y, rng.uniform(26, 60), 7))

    def switch(c: QPointF, up: bool, guard: bool) -> None:
        p.setBrush(col("#0b0c0e"))
        p.drawRoundedRect(QRectF(c.x() - 20, c.y() - 20, 40, 40), 6, 6)
        p.setBrush(col("#8d939b"))
        p.drawEllipse(c, 9, 9)
        tip = c + QPointF(0, -34 if up else 34)
        p.setPen(pen(col("#c9ced4"), 9))
        p.drawLine(c, tip)
        p.setPen(pen(col("#ffcf80", 0.35), 3))
        p.drawLine(c + QPointF(-2, 0), tip + QPointF(-2, 0))
        p.setPen(NO_PEN)
        if guard:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(pen(col("#8a1c14"), 5))
            p.drawRoundedRect(QRectF(c.x() - 26, c.y() - 46, 52, 92), 10, 10)
            p.setPen(NO_PEN)

    def lamp(r: QRectF, lit: bool, colour: QColor = amber) -> None:
        p.setBrush(col("#050505"))
        p.drawRoundedRect(r.adjusted(-5, -5, 5, 5), 6, 6)
        if lit:
            p.setBrush(
                linear(
                    r.topLeft(),
                    r.bottomLeft(),
                    [(0.0, mix(colour, col("#ffe2b0"), 0.35)), (1.0, colour)],
                )
            )
            emissive.append((r.center(), max(r.width(), r.height()) * 1.8, with_alpha(colour, 0.5)))
        else:
            p.setBrush(mix(colour, col("#000000"), 0.72))
        p.drawRoundedRect(r, 4, 4)
        p.setBrush(col("#000000", 0.45 if lit else 0.25))  # the legend's engraved bars
        for k in range(2 if r.height() > 80 else 1):
            bar = QRectF(0, 0, r.width() * rng.uniform(0.35, 0.6), max(5.0, r.height() * 0.09))
            bar.moveCenter(
                QPointF(
                    r.center().x(),
                    r.center().y() + (k - 0.5) * r.height() * 0.3
                    if r.height() > 80
                    else r.center().y(),
                )
            )
            p.drawRect(bar)

    def screen(r: QRectF, tint: QColor) -> None:
        p.setBrush(col("#030504"))
        p.drawRect(r.adjusted(-8, -8, 8, 8))
        p.setBrush(mix(col("#060806"), tint, 0.08))
        p.drawRect(r)
        p.setPen(pen(with_alpha(tint, 0.18), 1.5))
        for i in range(1, 8):
            p.drawLine(
                QPointF(r.left() + r.width() * i / 8, r.top()),
                QPointF(r.left() + r.width() * i / 8, r.bottom()),
            )
        for i in range(1, 5):
            p.drawLine(
                QPointF(r.left(), r.top() + r.height() * i / 5),
                QPointF(r.right(), r.top() + r.height() * i / 5),
            )
        trace = QPainterPath(QPointF(r.left(), r.center().y()))
        ph = rng.uniform(0, 6)
        for i in range(1, 121):
            x = r.left() + r.width() * i / 120
            y = (
                r.center().y()
                - r.height() * 0.3 * math.sin(i / 9 + ph) * math.exp(-i / 160)
                - r.height() * 0.08 * math.sin(i / 2.3)
            )
            trace.lineTo(QPointF(x, y))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(tint, 3.5))
        p.drawPath(trace)
        p.setPen(NO_PEN)
        for i in range(6):
            level = rng.uniform(0.15, 0.75)
            p.setBrush(with_alpha(tint, 0.7))
            p.drawRect(
                QRectF(
                    r.left() + 20 + i * 34,
                    r.bottom() - 16 - level * r.height() * 0.4,
                    22,
                    level * r.height() * 0.4,
                )
            )
        emissive.append((r.center(), max(r.width(), r.height()) * 0.8, with_alpha(tint, 0.2)))

    bevel(QRectF(30, 30, 760, 660), "#1d2024")
    screen(QRectF(80, 80, 660, 380), amber)
    for i in range(6):
        lamp(QRectF(90 + i * 108, 530, 74, 46), i in (1, 2, 4))
    labels(90, 610, 6, 108)
    bevel(QRectF(810, 30, 780, 660), "#1b1e22")
    for row in range(3):
        labels(860, 70 + row * 205, 8, 90)
        for i in range(8):
            switch(
                QPointF(880 + i * 90, 160 + row * 205), rng.random() < 0.5, row == 2 and i in (2, 5)
            )
    bevel(QRectF(1610, 30, 760, 660), "#1d2024")
    screen(QRectF(1660, 80, 420, 300), col("#7de8ff"))
    for i in range(4):
        c = QPointF(1700 + i * 160, 520)
        g = QRadialGradient(c + QPointF(-12, -14), 60)
        g.setColorAt(0.0, col("#6b727b"))
        g.setColorAt(1.0, col("#101215"))
        p.setBrush(QBrush(g))
        p.drawEllipse(c, 52, 52)
        a = math.radians(rng.uniform(-140, 140) - 90)
        p.setPen(pen(col("#e6e9ee"), 6))
        p.drawLine(c, c + QPointF(math.cos(a), math.sin(a)) * 40)
        p.setPen(NO_PEN)
    labels(1680, 610, 4, 160)
    for i in range(3):
        lamp(QRectF(2140, 100 + i * 100, 170, 60), i == 0, red if i == 0 else amber)
    bevel(QRectF(30, 710, 1060, 660), "#1b1e22")
    lamp(QRectF(90, 780, 420, 170), True)
    lamp(QRectF(560, 780, 420, 170), True, red)
    for r in range(3):
        for c in range(8):
            lamp(QRectF(90 + c * 120, 1020 + r * 110, 80, 60), rng.random() < 0.3)
    bevel(QRectF(1110, 710, 620, 660), "#1d2024")
    for row in range(2):
        labels(1150, 760 + row * 300, 5, 110)
        for i in range(5):
            switch(QPointF(1180 + i * 110, 880 + row * 300), rng.random() < 0.4, row == 0)
    bevel(QRectF(1750, 710, 620, 660), "#1b1e22")
    screen(QRectF(1800, 760, 520, 260), amber)
    for r in range(3):
        for c in range(5):
            p.setBrush(col("#2a2e34"))
            p.drawRoundedRect(QRectF(1810 + c * 102, 1080 + r * 92, 80, 66), 8, 8)
            p.setBrush(col("#b8bec6", 0.3))
            p.drawRect(QRectF(1830 + c * 102, 1108 + r * 92, 36, 8))


def still_control_panel(rng: random.Random) -> QImage:
    img = new_layer(W, H, col("#030304"))
    emissive: list[tuple[QPointF, float, QColor]] = []
    to_screen = QTransform()
    if not QTransform.quadToQuad(
        QPolygonF(QRectF(0, 0, 2400, 1400)),
        QPolygonF([QPointF(-90, 60), QPointF(2430, 300), QPointF(2470, 1260), QPointF(-140, 1560)]),
        to_screen,
    ):
        raise ValueError("degenerate console transform")
    wear = fbm(rng, 1200, 700, cells=8, octaves=7, gain=0.6).convertToFormat(ARGB)
    with painting(img) as p:
        p.fillRect(
            QRectF(0, 0, W, H),
            linear(QPointF(0, 0), QPointF(W, 0), [(0.0, col("#0a0b0d")), (1.0, col("#020203"))]),
        )
        p.setTransform(to_screen)
        draw_console(p, rng, emissive)
        p.setCompositionMode(Mode.CompositionMode_Overlay)
        p.setOpacity(0.45)
        p.drawImage(QRectF(0, 0, 2400, 1400), wear)
        p.setOpacity(1.0)
        p.setCompositionMode(Mode.CompositionMode_SourceOver)
        # dim cabin: the console falls off into darkness away from the warning lights
        p.fillRect(
            QRectF(0, 0, 2400, 1400),
            linear(
                QPointF(0, 0),
                QPointF(2400, 0),
                [
                    (0.0, col("#000000", 0.25)),
                    (0.5, col("#000000", 0.05)),
                    (1.0, col("#000000", 0.55)),
                ],
            ),
        )
    layer = new_layer(W, H)
    with painting(layer) as p:
        p.setTransform(to_screen)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        for c, r, colour in emissive:
            glow(p, c, r, colour, 2.5)
        glow(p, QPointF(520, 870), 1100, col("#ff8a10", 0.22), 1.6)
    composite(img, blurred(layer, 8), Mode.CompositionMode_Plus)
    soft = blurred(img, 10)  # depth of field: the far end of the console goes soft
    mask_layer(
        soft,
        linear(
            QPointF(1500, 0), QPointF(2500, 0), [(0.0, col("#000000", 0.0)), (1.0, col("#000000"))]
        ),
    )
    composite(img, soft)
    return finish(img, bloom_radius=26, bloom_strength=0.35, vignette_strength=0.8)


def still_earth_limb_blue(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    globe = Globe(1000, 1090 + 12000, 12000)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=160, brightness=0.8)
    draw_day_earth(
        img,
        rng,
        globe,
        Ground(QPointF(1000, 0), 3000, 6000, 600),
        hot=QPointF(1300, 1500),
        spread=2200,
        cover=0.5,
        land=0.15,
    )
    draw_atmosphere(img, globe, col("#cdeaff"), inner=90, outer=10, strength=1.1)
    draw_atmosphere(img, globe, col("#5aa2ff"), inner=10, outer=26, offset=6, strength=1.1)
    draw_atmosphere(img, globe, col("#1f4fd6"), inner=10, outer=200, offset=20, strength=0.8)
    with painting(img) as p:
        p.fillRect(
            QRectF(0, 0, W, H),
            linear(
                QPointF(0, 0),
                QPointF(W, 0),
                [
                    (0.0, col("#000000", 0.45)),
                    (0.45, col("#000000", 0.0)),
                    (1.0, col("#000000", 0.3)),
                ],
            ),
        )
    return finish(img, bloom_radius=30, bloom_strength=0.3, vignette_strength=0.6)


def still_window_reflection(rng: random.Random) -> QImage:
    centre, radius = QPointF(1520, 690), 400.0
    outside = new_layer(W, H)
    globe = Globe(900, 2900, 2200)
    with painting(outside) as p:
        space_backdrop(p, rng, W, H, stars=500)
    draw_day_earth(
        outside,
        rng,
        globe,
        Ground(centre, 1500, 3000, 800),
        hot=QPointF(1700, 900),
        spread=1500,
        cover=0.5,
        land=0.25,
        glint=QPointF(1650, 950),
    )
    draw_atmosphere(outside, globe, col("#b9e2ff"), inner=80, outer=16, strength=1.1)
    draw_atmosphere(outside, globe, col("#3f86ff"), inner=16, outer=50, offset=5, strength=0.8)
    img = new_layer(W, H)
    with painting(img) as p:  # interior wall: dark panels, a warm lamp somewhere off to the left
        p.fillRect(
            QRectF(0, 0, W, H),
            linear(
                QPointF(0, 0),
                QPointF(W, H),
                [(0.0, col("#23211d")), (0.5, col("#121519")), (1.0, col("#07080b"))],
            ),
        )
    grime(img, rng, 0.55, cells=7)
    glass = QPainterPath()
    glass.addEllipse(centre, radius, radius)
    with painting(img) as p:
        for x in (420, 980, 2120):
            p.fillRect(QRectF(x, 0, 5, H), col("#000000", 0.55))
            p.fillRect(QRectF(x + 5, 0, 2, H), col("#4a5058", 0.2))
        p.fillRect(QRectF(0, 1180, W, 4), col("#000000", 0.5))
        p.setBrush(col("#1d2227"))  # handrail under the window and a cable run
        p.drawRoundedRect(QRectF(1080, 1250, 900, 30), 15, 15)
        p.setBrush(col("#5d6670", 0.4))
        p.drawRoundedRect(QRectF(1090, 1253, 880, 7), 3, 3)
        for y in (170, 196):
            p.setBrush(col("#0a0c0f"))
            p.drawRoundedRect(QRectF(-20, y, 1100, 16), 8, 8)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, QPointF(-100, 200), 1400, col("#ffb36b", 0.16), 1.6)
        glow(p, centre, 950, col("#7fb1e6", 0.14), 1.8)  # Earth-light round the window
        p.setCompositionMode(Mode.CompositionMode_SourceOver)
        p.setClipPath(glass)
        p.drawImage(0, 0, outside)
        # the glass: a faint ghost of the cabin and a diagonal sheen
        p.fillRect(QRectF(0, 0, W, H), col("#8fb4d9", 0.05))
        p.fillRect(
            QRectF(0, 0, W, H),
            linear(
                QPointF(1200, 300),
                QPointF(1850, 1100),
                [
                    (0.0, col("#ffffff", 0.0)),
                    (0.3, col("#ffffff", 0.0)),
                    (0.38, col("#ffffff", 0.09)),
                    (0.44, col("#ffffff", 0.02)),
                    (0.52, col("#ffffff", 0.06)),
                    (0.6, col("#ffffff", 0.0)),
                    (1.0, col("#ffffff", 0.0)),
                ],
            ),
        )
        glow(p, centre + QPointF(190, 200), 170, col("#ffc58a", 0.12), 1.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(col("#d9ecff", 0.1), 2))
        p.drawEllipse(centre + QPointF(14, 10), radius - 30, radius - 30)  # inner pane's edge
        p.setClipping(False)
        p.setPen(NO_PEN)
    highlight = new_layer(W, H)
    with painting(highlight) as p:
        p.setPen(pen(col("#ffffff", 0.5), 7))
        p.drawArc(
            QRectF(
                centre.x() - radius + 24, centre.y() - radius + 24, 2 * radius - 48, 2 * radius - 48
            ),
            100 * 16,
            50 * 16,
        )
    composite(img, blurred(highlight, 3), Mode.CompositionMode_Plus)
    with painting(img) as p:
        ring = QPainterPath()
        ring.setFillRule(Qt.FillRule.OddEvenFill)
        ring.addEllipse(centre, radius + 150, radius + 150)
        ring.addEllipse(centre, radius, radius)
        g = QConicalGradient(centre, 135)
        for t, c in (
            (0.0, "#8c97a3"),
            (0.18, "#2a3038"),
            (0.5, "#5d6874"),
            (0.75, "#191d22"),
            (1.0, "#8c97a3"),
        ):
            g.setColorAt(t, col(c))
        p.setBrush(QBrush(g))
        p.drawPath(ring)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(col("#000000", 0.7), 26))
        p.drawEllipse(centre, radius + 12, radius + 12)
        p.setPen(pen(col("#b8d4ef", 0.5), 3))
        p.drawEllipse(centre, radius + 1, radius + 1)
        p.setPen(pen(col("#000000", 0.5), 8))
        p.drawEllipse(centre, radius + 152, radius + 152)
        p.setPen(NO_PEN)
        for k in range(16):
            a = 2 * math.pi * (k + 0.5) / 16
            c = QPointF(
                centre.x() + (radius + 95) * math.cos(a), centre.y() + (radius + 95) * math.sin(a)
            )
            p.setBrush(col("#0d1014"))
            p.drawEllipse(c, 11, 11)
            p.setBrush(col("#c4d2e0", 0.45))
            p.drawEllipse(c + QPointF(-2.5, -2.5), 4, 4)
    return finish(img, bloom_radius=26, bloom_strength=0.3, vignette_strength=0.8)


LIT_STATION = StationStyle(
    hull=col("#8d939b"),
    array=col("#241c16"),
    array_grid=col("#9c7a4e", 0.12),
    lattice=col("#5d636b"),
    rim=col("#f4f7fb", 0.85),
    rim_offset=QPointF(-0.8, -0.8),
    radiator=col("#c9cdd2"),
)


def still_station_far(rng: random.Random) -> QImage:
    img = new_layer(W, H)
    with painting(img) as p:
        space_backdrop(p, rng, W, H, stars=2600, brightness=0.9)
    draw_milky_way(img, rng, QPointF(-300, 1380), QPointF(2900, 40), 560)
    with painting(img) as p:
        draw_stars(p, rng, QRectF(0, 0, W, H), 400, brightness=1.0, size=1.1)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glow(p, QPointF(W * 0.15, H * 1.2), 1000, col("#2b5fd0", 0.12), 1.4)  # Earth-shine
    bloom(img, 14, 0.3)
    with painting(img) as p:
        c = QPointF(1790, 960)
        draw_station(p, station_transform(c, 190, yaw=-0.3, pitch=0.75, roll=0.35), LIT_STATION)
        p.setCompositionMode(Mode.CompositionMode_Plus)
        glint = c + QPointF(-40, -18)
        glow(p, glint, 40, col("#fff1d6", 0.7), 2.0)
        glow(p, c, 220, col("#fff1d6", 0.06), 1.5)
        lens_starburst(p, rng, glint, 180, col("#fff1d6"), rays=6)
    return finish(img, bloom_radius=20, bloom_strength=0.3, vignette_strength=0.65)


@dataclass(frozen=True)
class Still:
    name: str
    paint: Callable[[random.Random], QImage]
    description: str


STILLS: tuple[Still, ...] = (
    Still(
        "01-station-over-earth",
        still_station_over_earth,
        "The station in silhouette, rim-lit by the sun, above Earth's blue day side and its "
        "glowing limb.",
    ),
    Still(
        "02-cupola-view",
        still_cupola_view,
        "Looking out through the cupola's round central window and six trapezoid panes at "
        "clouds, ocean and the curve of the Earth.",
    ),
    Still(
        "03-red-alert-module",
        still_red_alert_module,
        "A module corridor of racks, handrails and ceiling lamps receding to a hatch, "
        "drenched in red alert light from a rotating beacon.",
    ),
    Still(
        "04-night-side-flashes",
        still_night_side_flashes,
        "Earth's night side: city lights under a thin airglow, and cloud decks lit from "
        "below by three distant bright flashes.",
    ),
    Still(
        "05-orbital-sunrise",
        still_orbital_sunrise,
        "Orbital sunrise: the sun breaks over the limb in a starburst above thin red, gold "
        "and blue bands of atmosphere.",
    ),
    Still(
        "06-solar-arrays",
        still_solar_arrays,
        "Close on a solar array wing, its blue cells and gold hinges receding into black "
        "space, with a bright glint of sun.",
    ),
    Still(
        "07-truss-silhouette",
        still_truss_silhouette,
        "The station's lattice truss in black silhouette against night-side city lights and "
        "a green aurora along the horizon.",
    ),
    Still(
        "08-open-hatch",
        still_open_hatch,
        "An open round hatch in a dark bulkhead, its door swung aside, with a cool white-lit "
        "module beyond.",
    ),
    Still(
        "09-control-panel",
        still_control_panel,
        "A console of toggle switches, dials and displays in a dim module, amber and red "
        "warning lights glowing.",
    ),
    Still(
        "10-earth-limb-blue",
        still_earth_limb_blue,
        "A calm, wide view: a thin sliver of blue limb and cloud across the bottom of the "
        "frame under deep black space.",
    ),
    Still(
        "11-window-reflection",
        still_window_reflection,
        "A small round window in a dark cabin wall, Earth outside, faint reflections and "
        "sheen on the glass.",
    ),
    Still(
        "12-station-far",
        still_station_far,
        "The station, small and sunlit, far off against a vast starfield and the band of "
        "the Milky Way.",
    ),
)


# ------------------------------------------------------------------------------------- text


@dataclass(frozen=True)
class TextStyle:
    style: str  # DejaVu Sans face: "Book", "Bold" or "ExtraLight"
    px: int
    spacing: float  # extra space between letters, in px
    colour: str = "#eef2f6"


BODY = TextStyle("ExtraLight", 62, 6)
NAMES = TextStyle("Book", 46, 5)
SMALL = TextStyle("Book", 30, 9, "#a9b4c0")
TITLE = TextStyle("Bold", 230, 70)
NOTE = TextStyle("Book", 32, 2, "#9aa5b1")


def make_font(style: TextStyle) -> QFont:
    font = QFontDatabase.font("DejaVu Sans", style.style, 12)
    font.setPixelSize(style.px)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, style.spacing)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def draw_centred(
    p: QPainter,
    text: str,
    style: TextStyle,
    cx: float,
    baseline: float,
    colour: QColor | None = None,
) -> None:
    font = make_font(style)
    width = QFontMetricsF(font).horizontalAdvance(text) - style.spacing
    p.setFont(font)
    p.setPen(colour if colour is not None else col(style.colour))
    p.drawText(QPointF(cx - width / 2, baseline), text)
    p.setPen(NO_PEN)


def text_block(
    img: QImage,
    lines: Sequence[tuple[str, TextStyle]],
    cx: float,
    cy: float,
    *,
    glow_colour: QColor | None = None,
) -> None:
    """Lines centred on (cx, cy), optionally with a soft glow behind them."""
    heights = [s.px * 1.55 for _, s in lines]
    y = cy - sum(heights) / 2
    layer = new_layer(img.width(), img.height())
    with painting(layer) as p:
        for (text, style), h in zip(lines, heights, strict=True):
            draw_centred(p, text, style, cx, y + h * 0.5 + style.px * 0.36)
            y += h
    if glow_colour is not None:
        halo = blurred(layer, 18)
        with painting(halo) as p:
            p.setCompositionMode(Mode.CompositionMode_SourceIn)
            p.fillRect(QRectF(halo.rect()), glow_colour)
        composite(img, halo, Mode.CompositionMode_Plus)
    composite(img, layer)


# ---------------------------------------------------------------------------------- key art


def paint_red_horizon(
    w: int,
    h: int,
    rng: random.Random,
    *,
    limb: float,
    radius: float,
    burst_x: float,
    station: QPointF,
    span: float,
) -> QImage:
    """The key-art scene: the station rim-lit in red above a flash on the night-side horizon.
    Sizes are tuned for a 2000 px wide frame and scaled by `k`."""
    k = w / 2000
    img = new_layer(w, h)
    globe = Globe(w / 2, limb + radius, radius)
    burst = Flash(QPointF(burst_x, globe.limb_y(burst_x) + 60 * k), 520 * k, 1.0, "#ff7a45")
    with painting(img) as p:
        space_backdrop(p, rng, w, h, stars=int(1800 * w * h / 6e6))
    draw_night_earth(
        img,
        rng,
        globe,
        Ground(QPointF(w / 2, 0), 1800 * k, 4000 * k, 1500 * k),
        clusters=380,
        cover=0.5,
        flashes=(burst,),
    )
    draw_atmosphere(
        img, globe, col("#2d5cff"), inner=30 * k, outer=50 * k, offset=4 * k, strength=0.45
    )
    around = QRadialGradient(burst.pos, 1500 * k)
    around.setColorAt(0.0, col("#ffffff"))
    around.setColorAt(1.0, col("#ffffff", 0.0))
    draw_atmosphere(
        img,
        globe,
        col("#ff3b1f"),
        inner=40 * k,
        outer=60 * k,
        offset=6 * k,
        strength=2.0,
        mask=QBrush(around),
    )
    draw_atmosphere(
        img,
        globe,
        col("#ffb070"),
        inner=10 * k,
        outer=14 * k,
        offset=4 * k,
        strength=1.6,
        mask=QBrush(around),
    )
    with painting(img) as p:
        p.setCompositionMode(Mode.CompositionMode_Plus)
        soft_ellipse(p, burst.pos, 1500 * k, 360 * k, 0, col("#ff2a12", 0.4), 1.8)
        soft_ellipse(p, burst.pos, 600 * k, 160 * k, 0, col("#ff8a4a", 0.55), 2.0)
        glow(p, burst.pos, 110 * k, col("#fff4e6", 0.95), 2.0)
        lens_starburst(p, rng, burst.pos, 700 * k, col("#ffd2b0"), rays=10)
        glow(p, QPointF(w / 2, limb + 840 * k), 1200 * k, col("#ff2a12", 0.08), 1.5)
        p.setCompositionMode(Mode.CompositionMode_SourceOver)
        red_rim = replace(
            SILHOUETTE,
            rim=col("#ff6a45", 0.95),
            rim_offset=QPointF(0.5, 3.0 * k),
            array=col("#1e0d08"),
            array_grid=col("#7a3a22", 0.55),
        )
        draw_station(p, station_transform(station, span, yaw=-0.25, pitch=0.85, roll=0.12), red_rim)
    return finish(img, bloom_radius=34 * k, bloom_strength=0.45, vignette_strength=0.75)


def paint_key_art() -> QImage:
    kw, kh = 2000, 3000
    img = paint_red_horizon(
        kw,
        kh,
        random.Random(SEED + 100),
        limb=1760,
        radius=3600,
        burst_x=760,
        station=QPointF(1020, 1230),
        span=1650,
    )

    with painting(img) as p:
        p.fillRect(
            QRectF(0, 2150, kw, 850),
            linear(
                QPointF(0, 2150),
                QPointF(0, kh),
                [
                    (0.0, col("#000000", 0.0)),
                    (0.5, col("#000000", 0.55)),
                    (1.0, col("#000000", 0.85)),
                ],
            ),
        )
    cast = TextStyle("Book", 40, 9, "#c9d2dc")
    text_block(
        img,
        [
            ("ARIANA DEBOSE   CHRIS MESSINA   JOHN GALLAGHER JR.", cast),
            ("PILOU ASBÆK   COSTA RONIN   MASHA MASHKOVA", cast),
        ],
        kw / 2,
        215,
    )
    text_block(
        img,
        [("I.S.S.", replace(TITLE, px=300, spacing=95))],
        kw / 2,
        2380,
        glow_colour=col("#ff4a2a", 0.55),
    )
    text_block(
        img,
        [
            ("Directed by Gabriela Cowperthwaite", TextStyle("Book", 40, 5, "#c3ccd6")),
            ("In theaters January 19, 2024", TextStyle("Book", 54, 6)),
            ("Bleecker Street", TextStyle("Bold", 40, 12, "#c3ccd6")),
        ],
        kw / 2,
        2700,
    )
    text_block(
        img,
        [("Placeholder key art made for this press kit", TextStyle("Book", 26, 3, "#7d8894"))],
        kw / 2,
        2935,
    )
    return img


# ----------------------------------------------------------------------------------- teaser

FW, FH, FPS, DURATION = 1920, 1080, 24, 60.0
SRC_W, SRC_H = 2208, 1242  # stills are pre-scaled to 1.15x the frame for the Ken Burns moves
HIT_AT = 49.0  # the title card lands on the score's hit
TITLE_PLATE = "title-plate"  # key-art style background of the title card
SILENCE_FROM = 48.2  # the score drops out just before it


def paint_title_plate() -> QImage:
    """16:9 background of the teaser's title card (and so of its poster frame)."""
    return paint_red_horizon(
        SRC_W,
        SRC_H,
        random.Random(SEED + 101),
        limb=700,
        radius=4600,
        burst_x=800,
        station=QPointF(1180, 350),
        span=920,
    )


@dataclass(frozen=True)
class Move:
    """A Ken Burns move: zoom (1 = whole picture) and centre (fractions of the picture)."""

    zoom: tuple[float, float] = (1.0, 1.12)
    start: tuple[float, float] = (0.5, 0.5)
    end: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Shot:
    start: float
    end: float
    still: str | None = None
    lines: tuple[tuple[str, TextStyle], ...] = ()
    move: Move = field(default_factory=Move)
    fade_in: float = -1.0  # -1: fade in over the overlap with the previous shot
    fade_out: float = 0.0
    dim: float = 0.0  # darkening of the still behind a card
    text_y: float = 0.5  # height of a card's text, as a fraction of the frame
    flash: bool = False

    @property
    def text(self) -> str:
        return "\n".join(t for t, _ in self.lines)

    def opacity(self, t: float) -> float:
        if t < self.start or t >= self.end:
            return 0.0
        a = 1.0
        if self.fade_in > 0:
            a *= smoothstep((t - self.start) / self.fade_in)
        if self.fade_out > 0:
            a *= smoothstep((self.end - t) / self.fade_out)
        return a


def card(start: float, end: float, *lines: tuple[str, TextStyle], **kw: object) -> Shot:
    return Shot(start, end, lines=lines, **kw)  # type: ignore[arg-type]


def teaser_timeline() -> list[Shot]:
    """Shots and title cards; a shot fades in over its overlap with the one before."""
    shots = [
        Shot(
            0.0,
            5.6,
            "05-orbital-sunrise",
            move=Move((1.0, 1.14), (0.56, 0.62), (0.6, 0.62)),
            fade_in=1.5,
        ),
        card(
            4.6,
            9.6,
            ("Tensions flare in the near future", BODY),
            ("aboard the International Space Station", BODY),
        ),
        Shot(
            8.6, 13.6, "01-station-over-earth", move=Move((1.04, 1.16), (0.42, 0.45), (0.47, 0.5))
        ),
        Shot(
            12.6, 16.6, "11-window-reflection", move=Move((1.14, 1.02), (0.58, 0.48), (0.55, 0.5))
        ),
        card(15.6, 19.8, ("as a worldwide conflict breaks out on Earth", BODY)),
        Shot(
            18.8, 23.8, "04-night-side-flashes", move=Move((1.0, 1.15), (0.45, 0.6), (0.55, 0.55))
        ),
        Shot(23.0, 26.8, "03-red-alert-module", move=Move((1.0, 1.16), (0.52, 0.48), (0.52, 0.48))),
        card(26.0, 29.6, ("Take control of the station", BODY)),
        Shot(28.8, 32.4, "09-control-panel", move=Move((1.04, 1.15), (0.3, 0.55), (0.5, 0.5))),
        card(31.6, 35.0, ("by any means necessary", BODY)),
        Shot(34.2, 37.4, "08-open-hatch", move=Move((1.0, 1.15), (0.46, 0.49), (0.46, 0.49))),
        Shot(36.6, 40.0, "07-truss-silhouette", move=Move((1.12, 1.0), (0.4, 0.5), (0.55, 0.5))),
        card(
            39.2,
            42.8,
            ("Directed by", SMALL),
            ("Gabriela Cowperthwaite", NAMES),
            still="12-station-far",
            dim=0.4,
            move=Move((1.0, 1.08), (0.45, 0.5), (0.5, 0.5)),
        ),
        card(
            42.0,
            45.4,
            ("Ariana DeBose · Chris Messina · John Gallagher Jr.", NAMES),
            still="02-cupola-view",
            dim=0.62,
            move=Move((1.0, 1.07)),
        ),
        card(
            44.6,
            48.2,
            ("Pilou Asbæk · Costa Ronin · Masha Mashkova", NAMES),
            still="06-solar-arrays",
            dim=0.62,
            move=Move((1.06, 1.0)),
            fade_out=0.6,
        ),
        card(
            HIT_AT,
            54.8,
            ("I.S.S.", TITLE),
            still=TITLE_PLATE,
            move=Move((1.0, 1.06), (0.5, 0.45), (0.5, 0.5)),
            fade_in=0.0,
            text_y=0.76,
            flash=True,
        ),
        card(
            54.0,
            57.4,
            ("In theaters January 19, 2024", BODY),
            ("Bleecker Street", SMALL),
            still="10-earth-limb-blue",
            dim=0.45,
            move=Move((1.04, 1.0)),
        ),
        card(
            56.6,
            60.0,
            ("Placeholder teaser made for this press kit — not footage from the film", NOTE),
            fade_out=1.0,
        ),
    ]
    out: list[Shot] = []
    for shot in shots:
        if shot.fade_in < 0:
            overlap = out[-1].end - shot.start if out else 0.0
            shot = replace(shot, fade_in=max(overlap, 0.0))
        out.append(shot)
    return out


def cue_times(shots: Sequence[Shot]) -> list[tuple[float, float, str]]:
    """Each card's cue runs between the midpoints of its fades."""
    cues = []
    for i, shot in enumerate(shots):
        if not shot.lines:
            continue
        nxt = shots[i + 1] if i + 1 < len(shots) else None
        overlap = nxt.start < shot.end if nxt is not None else False
        end_fade = (shot.end - nxt.start) if (nxt is not None and overlap) else shot.fade_out
        cues.append((shot.start + shot.fade_in / 2, shot.end - end_fade / 2, shot.text))
    return cues


def vtt_time(t: float) -> str:
    ms = round(t * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def write_vtt(path: Path, shots: Sequence[Shot]) -> list[tuple[float, float, str]]:
    cues = cue_times(shots)
    body = ["WEBVTT", ""]
    for start, end, text in cues:
        body += [f"{vtt_time(start)} --> {vtt_time(end)}", text, ""]
    path.write_text("\n".join(body), encoding="utf-8")
    return cues


class TeaserRenderer:
    def __init__(self, stills: dict[str, QImage], shots: Sequence[Shot]) -> None:
        self.shots = list(shots)
        self.sources = {
            name: img.scaled(SRC_W, SRC_H, IGNORE_ASPECT, SMOOTH) for name, img in stills.items()
        }
        self.cards: dict[int, QImage] = {}
        for i, shot in enumerate(self.shots):
            if shot.lines:
                layer = new_layer(FW, FH)
                is_title = any(s is TITLE for _, s in shot.lines)
                text_block(
                    layer,
                    shot.lines,
                    FW / 2,
                    FH * shot.text_y,
                    glow_colour=col("#ff5a3a", 0.45) if is_title else None,
                )
                self.cards[i] = layer

    def draw_still(self, p: QPainter, name: str, move: Move, u: float) -> None:
        src = self.sources[name]
        zoom = move.zoom[0] + (move.zoom[1] - move.zoom[0]) * u
        sw, sh = SRC_W / zoom, SRC_H / zoom
        cx = (move.start[0] + (move.end[0] - move.start[0]) * u) * SRC_W
        cy = (move.start[1] + (move.end[1] - move.start[1]) * u) * SRC_H
        cx = min(max(cx, sw / 2), SRC_W - sw / 2)
        cy = min(max(cy, sh / 2), SRC_H - sh / 2)
        p.drawImage(QRectF(0, 0, FW, FH), src, QRectF(cx - sw / 2, cy - sh / 2, sw, sh))

    def frame(self, t: float) -> QImage:
        img = new_layer(FW, FH, col("#000000"))
        with painting(img) as p:
            for i, shot in enumerate(self.shots):
                a = shot.opacity(t)
                if a <= 0.0:
                    continue
                u = (t - shot.start) / (shot.end - shot.start)
                p.setOpacity(a)
                if shot.lines and shot.still is None:
                    p.fillRect(QRectF(0, 0, FW, FH), col("#000000"))
                if shot.still is not None:
                    self.draw_still(p, shot.still, shot.move, u)
                if shot.dim > 0:
                    p.setOpacity(a * shot.dim)
                    p.fillRect(QRectF(0, 0, FW, FH), col("#000000"))
                    p.setOpacity(a)
                if i in self.cards:  # cards drift slowly towards the viewer
                    s = 1.0 + 0.035 * u
                    p.save()
                    p.translate(FW / 2, FH * shot.text_y)
                    p.scale(s, s)
                    p.translate(-FW / 2, -FH * shot.text_y)
                    p.drawImage(0, 0, self.cards[i])
                    p.restore()
                if shot.flash and t - shot.start < 0.6:
                    p.setOpacity(0.9 * (1 - (t - shot.start) / 0.6) ** 2)
                    p.fillRect(QRectF(0, 0, FW, FH), col("#fff4ea"))
        return img


# ------------------------------------------------------------------------------------ score

RATE = 48000


def add_drone(
    left: array,
    right: array,
    t0: float,
    t1: float,
    *,
    base: float,
    level: float,
    fade_in: float,
    fade_out: float,
    grow: tuple[float, float] = (0.0, 0.0),
) -> None:
    """A low, slowly beating drone: detuned partials, a little wider in the right channel."""
    partials = ((1.0, 1.0), (1.5, 0.42), (2.0, 0.3), (3.0, 0.1), (4.02, 0.05))
    i0, i1 = int(t0 * RATE), min(int(t1 * RATE), len(left))
    tau = 2 * math.pi
    for buf, detune, ph in ((left, 1.0, 0.0), (right, 1.0031, 1.3)):
        freqs = [(tau * base * k * detune, a) for k, a in partials]
        for i in range(i0, i1):
            t = i / RATE
            env = min(1.0, (t - t0) / fade_in, (t1 - t) / fade_out)
            if grow[1] > grow[0]:
                env *= 1.0 + 0.8 * clamp((t - grow[0]) / (grow[1] - grow[0])) ** 2
            breathe = 0.75 + 0.25 * math.sin(tau * 0.07 * t + ph)
            s = 0.0
            for w, a in freqs:
                s += a * math.sin(w * t + 0.6 * math.sin(w * 0.5 * t))
            buf[i] += level * env * breathe * s


def add_thump(left: array, right: array, at: float, level: float) -> None:
    """A low pulse: a sine falling from 85 Hz to 40 Hz with a quick attack, and an octave above
    it that small speakers can reproduce."""
    i0 = int(at * RATE)
    phase = 0.0
    for n in range(int(0.8 * RATE)):
        if i0 + n >= len(left):
            break
        tau = n / RATE
        phase += 2 * math.pi * (40 + 45 * math.exp(-tau / 0.05)) / RATE
        attack = 1 - math.exp(-tau / 0.004)
        s = (
            level
            * attack
            * (
                math.exp(-tau / 0.17) * math.sin(phase)
                + 0.45 * math.exp(-tau / 0.07) * math.sin(2 * phase + 0.3)
            )
        )
        left[i0 + n] += s
        right[i0 + n] += s


def add_pulses(left: array, right: array, t0: float, t1: float) -> None:
    """Heartbeat pulses that quicken and grow towards the end of the build."""
    t = t0
    while t < t1 - 0.3:
        k = smoothstep((t - t0) / (t1 - t0))
        add_thump(left, right, t, 0.3 + 0.35 * k)
        add_thump(left, right, t + 0.24, 0.15 + 0.2 * k)
        t += 1.6 - 1.0 * k


def add_swell(left: array, right: array, rng: random.Random, t0: float, t1: float) -> None:
    """Rising tension: a gliding cluster and brightening noise that cut off dead at t1."""
    i0, i1 = int(t0 * RATE), int(t1 * RATE)
    span = t1 - t0
    voices = [(110.0, 0.0), (164.0, 1.0), (233.1, 2.0), (311.1, 0.5)]
    lp_l = lp_r = 0.0
    phases = [0.0] * len(voices)
    for i in range(i0, i1):
        u = (i - i0) / RATE / span
        cut = min(1.0, (t1 - i / RATE) / 0.02)
        amp = (u**2.2) * cut
        rise = 2 ** (1.6 * u**1.5)
        s = 0.0
        for k, (f, ph) in enumerate(voices):
            phases[k] += 2 * math.pi * f * rise / RATE
            s += math.sin(phases[k] + ph)
        a = 0.02 + 0.2 * u**2  # one-pole low-pass that opens as the swell rises
        lp_l += a * (rng.uniform(-1, 1) - lp_l)
        lp_r += a * (rng.uniform(-1, 1) - lp_r)
        noise = 0.9 * u**3 * cut
        left[i] += 0.09 * amp * s + noise * lp_l
        right[i] += 0.09 * amp * s + noise * lp_r


def add_hit(left: array, right: array, rng: random.Random, at: float) -> None:
    """The title hit: a falling sub boom, a burst of noise and a long metallic ring."""
    i0 = int(at * RATE)
    ring = [
        (196.0, 0.0, 1.0),
        (293.9, 1.1, 0.8),
        (415.3, 2.0, 0.7),
        (587.3, 0.4, 0.5),
        (831.0, 2.7, 0.35),
        (1244.5, 1.7, 0.2),
    ]
    phase = lp_l = lp_r = 0.0
    for n in range(int(9.0 * RATE)):
        if i0 + n >= len(left):
            break
        tau = n / RATE
        phase += 2 * math.pi * (30 + 60 * math.exp(-tau / 0.35)) / RATE
        boom = 1.8 * (1 - math.exp(-tau / 0.003)) * math.exp(-tau / 1.5) * math.sin(phase)
        env = math.exp(-tau / 0.22)
        lp_l += 0.35 * (rng.uniform(-1, 1) - lp_l)
        lp_r += 0.35 * (rng.uniform(-1, 1) - lp_r)
        decay = 0.08 * math.exp(-tau / 2.6) * (1 - math.exp(-tau / 0.01))
        metal_l = metal_r = 0.0
        for f, ph, a in ring:
            metal_l += a * math.sin(2 * math.pi * f * tau + ph)
            metal_r += a * math.sin(2 * math.pi * f * 1.004 * tau + ph)
        left[i0 + n] += boom + env * lp_l + decay * metal_l
        right[i0 + n] += boom + env * lp_r + decay * metal_r


def synth_score(path: Path, rng: random.Random) -> None:
    n = int(DURATION * RATE)
    left, right = array("d", bytes(8 * n)), array("d", bytes(8 * n))
    add_drone(
        left,
        right,
        0.0,
        SILENCE_FROM,
        base=55.0,
        level=0.13,
        fade_in=5.0,
        fade_out=0.03,
        grow=(20.0, SILENCE_FROM),
    )
    add_drone(
        left, right, 22.0, SILENCE_FROM, base=58.27, level=0.035, fade_in=6.0, fade_out=0.03
    )  # a semitone above: unease creeps in
    add_drone(
        left,
        right,
        1.0,
        SILENCE_FROM,
        base=220.0,
        level=0.018,
        fade_in=8.0,
        fade_out=0.03,
        grow=(30.0, SILENCE_FROM),
    )  # an open fifth in the middle register
    add_drone(
        left, right, 26.0, SILENCE_FROM, base=261.63, level=0.01, fade_in=8.0, fade_out=0.03
    )  # and a minor third above it
    add_pulses(left, right, 7.0, SILENCE_FROM)
    add_swell(left, right, rng, 33.0, SILENCE_FROM)
    add_hit(left, right, rng, HIT_AT)
    add_drone(left, right, HIT_AT + 0.4, DURATION, base=41.2, level=0.12, fade_in=2.5, fade_out=5.5)
    add_drone(
        left, right, HIT_AT + 1.0, DURATION, base=164.8, level=0.015, fade_in=3.0, fade_out=6.0
    )
    # gain staging: the build peaks near -4 dBFS; the hit rises above it into soft saturation
    build = int(SILENCE_FROM * RATE)
    body = max(max(map(abs, left[:build])), max(map(abs, right[:build])))
    gain = 0.75 / body
    samples = array("h")
    for a, b in zip(left, right, strict=True):
        samples.append(int(32767 * 0.89 * math.tanh(1.2 * gain * a)))
        samples.append(int(32767 * 0.89 * math.tanh(1.2 * gain * b)))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


# ----------------------------------------------------------------------------------- encode


# x264 runs on one thread: its VBV rate control (the bitrate cap that keeps the file small) is only
# reproducible that way, and the Python renderer keeps the other core busy anyway.
X264 = (
    "-c:v libx264 -threads 1 -preset medium -profile:v high -level 4.1 -crf 21 "
    "-maxrate 1250k -bufsize 2500k -g 48 "
    "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv"
)
AAC = "-c:a aac -b:a 128k -ar 48000 -ac 2"
TEASER_MAX_BYTES = 11 * 1024 * 1024
MUX_FILTERS = (
    "[0:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[v];"
    "[1:a]aecho=1.0:0.8:90|157|233:0.25|0.18|0.12,alimiter=limit=0.8:attack=3:release=80[a]"
)


def encode_teaser(renderer: TeaserRenderer, wav: Path, out: Path) -> None:
    """Render every frame, pipe it raw to ffmpeg, mux with the score."""
    pix_fmt = "bgra" if sys.byteorder == "little" else "argb"  # QImage ARGB32 in memory
    raw_in = f"-f rawvideo -pix_fmt {pix_fmt} -s {FW}x{FH} -framerate {FPS} -i -"
    cmd = [
        "ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
        *raw_in.split(), "-i", str(wav),
        "-filter_complex", MUX_FILTERS, "-map", "[v]", "-map", "[a]",
        *X264.split(), *AAC.split(),
        "-t", f"{DURATION:.3f}", "-movflags", "+faststart", str(out),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    frames = int(DURATION * FPS)
    try:
        for n in range(frames):
            proc.stdin.write(renderer.frame(n / FPS).constBits())
            if n % (FPS * 10) == 0:
                print(f"  teaser {n / FPS:4.0f} s / {DURATION:.0f} s", flush=True)
    finally:
        proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("ffmpeg failed to encode the teaser")


# ---------------------------------------------------------------------------------- summary


def probe(path: Path) -> str:
    fields = (
        "stream=codec_type,codec_name,profile,width,height,pix_fmt,r_frame_rate,"
        "sample_rate,channels,bit_rate:format=duration,bit_rate"
    )
    info = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            fields,
            "-of",
            "default=noprint_wrappers=1",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    trace = subprocess.run(
        ["ffprobe", "-v", "trace", str(path)], capture_output=True, text=True
    ).stderr
    atoms = re.findall(r"type:'(\w{4})' parent:'root'", trace)
    return "      " + " ".join(info) + "\n      top-level atoms: " + " → ".join(atoms)


def summary(files: Sequence[Path]) -> None:
    print("\nGenerated files:")
    total = 0
    for path in files:
        size = path.stat().st_size
        total += size
        print(f"  {path.relative_to(ROOT)!s:48} {size / 1024:9.1f} KiB")
        if path.suffix == ".mp4":
            print(probe(path))
    kit = sum(p.stat().st_size for p in KIT.rglob("*") if p.is_file())
    print(f"  generated total {total / 1e6:.2f} MB; presskit/ total {kit / 1e6:.2f} MB")


# ------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-teaser", action="store_true", help="stills and key art only")
    args = parser.parse_args()
    keep_none_alive()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-ExtraLight.ttf"):
        if QFontDatabase.addApplicationFont(str(FONT_DIR / face)) < 0:
            raise SystemExit(f"missing font {FONT_DIR / face} (install fonts-dejavu-core)")
    if not args.skip_teaser and shutil.which("ffmpeg") is None:
        raise SystemExit("ffmpeg (with libx264) is needed to encode the teaser")

    started = time.monotonic()
    written: list[Path] = []
    clean: dict[str, QImage] = {}
    for index, still in enumerate(STILLS):
        img = still.paint(random.Random(SEED + index))
        path = STILLS_DIR / f"{still.name}.jpg"
        save_jpeg(img, path, grain=0.12, seed=SEED + index)
        clean[still.name] = img
        written.append(path)
        print(f"  {path.name}  ({time.monotonic() - started:.0f} s)", flush=True)

    key_art = ART_DIR / "key-art.jpg"
    save_jpeg(paint_key_art(), key_art, grain=0.1, seed=SEED + 100)
    written.append(key_art)

    if not args.skip_teaser:
        TRAILER_DIR.mkdir(parents=True, exist_ok=True)
        shots = teaser_timeline()
        renderer = TeaserRenderer({**clean, TITLE_PLATE: paint_title_plate()}, shots)
        poster = TRAILER_DIR / "poster.jpg"
        save_jpeg(renderer.frame(HIT_AT + 3.0), poster, grain=0.0, seed=SEED)
        vtt = TRAILER_DIR / "teaser.en.vtt"
        cues = write_vtt(vtt, shots)
        mp4 = TRAILER_DIR / "teaser.mp4"
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "score.wav"
            synth_score(wav, random.Random(SEED + 200))
            print(f"  score synthesised ({time.monotonic() - started:.0f} s)", flush=True)
            encode_teaser(renderer, wav, mp4)
        if mp4.stat().st_size > TEASER_MAX_BYTES:
            raise SystemExit(f"{mp4} is over {TEASER_MAX_BYTES} bytes: raise the CRF")
        written += [mp4, poster, vtt]
        print("\nTitle cards (WebVTT cues):")
        for start, end, text in cues:
            print(f"  {vtt_time(start)} --> {vtt_time(end)}  {text.replace(chr(10), ' / ')}")
    summary(written)
    print(f"done in {time.monotonic() - started:.0f} s")
    del app


if __name__ == "__main__":
    main()
