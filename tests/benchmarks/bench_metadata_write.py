"""Image-metadata write benchmark: writing originals with the kit's metadata against a plain copy.

    python tests/benchmarks/bench_metadata_write.py [--stills N] [--rounds N] [--bundled]

Makes N stills (default 200; JPEG, PNG and WebP in turn, each about 1-4 MB, the JPEGs with a
studio's XMP and IPTC IIM already in them; with ``--bundled``, copies of the bundled kit's
stills, 0.4-0.6 MB JPEGs, where the per-file cost weighs most), then, in each round, copies
them all with ``shutil.copyfile`` and writes them all with ``write_with_metadata`` (every
field set), each into a fresh folder, interleaved (alternating which goes first) so both see
the same disk and cache state. Prints the median time of each and the throughput ratio (copy
time / write time); exits 0 when the ratio is at least 0.5, the story pack's target (its
export writes each image's bytes once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from app.model.image_metadata import ImageFields, merge_metadata, write_with_metadata

TARGET = 0.5
FIELDS = ImageFields(
    caption="Ærø Ødegård — Zoë floats past the cupola window at dawn. " * 4,
    credit="Photo: Ærø Ødegård / Bleecker Street",
    photographer="Ærø Ødegård",
    copyright="© 2023 Bleecker Street",
    usage="Editorial use only, in connection with the film.",
    alt="An astronaut beside a round window.",
    people=("Ariana DeBose", "Chris Messina"),
    title="I.S.S.",
)


def _encoded(kind: str, quality: int) -> bytes:
    # Noise compresses badly, so a modest canvas gives a file of a real still's order of size.
    image = QImage(1400, 1000, QImage.Format.Format_RGB32)
    noise = os.urandom(1400 * 1000 * 4)
    for y in range(1000):
        line = image.scanLine(y)
        line[:] = noise[y * 5600 : (y + 1) * 5600]  # type: ignore[index]
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind, quality)
    return bytes(data.data())


def make_stills(folder: Path, count: int) -> list[Path]:
    studio = ImageFields(caption="Studio caption", credit="Studio", photographer="Studio")
    samples = {
        "jpg": merge_metadata(_encoded("JPG", 92), "jpeg", studio),
        "png": _encoded("PNG", -1),
        "webp": _encoded("WEBP", 90),
    }
    paths = []
    for index in range(count):
        suffix = list(samples)[index % 3]
        path = folder / f"still{index:04d}.{suffix}"
        path.write_bytes(samples[suffix])
        paths.append(path)
    return paths


def bundled_stills(folder: Path, count: int) -> list[Path]:
    originals = sorted((Path(__file__).resolve().parents[2] / "presskit" / "stills").glob("*.jpg"))
    paths = []
    for index in range(count):
        path = folder / f"still{index:04d}.jpg"
        shutil.copyfile(originals[index % len(originals)], path)
        paths.append(path)
    return paths


def copy_all(stills: list[Path], out: Path) -> float:
    out.mkdir()
    start = time.perf_counter()
    for path in stills:
        shutil.copyfile(path, out / path.name)
    return time.perf_counter() - start


def write_all(stills: list[Path], out: Path) -> float:
    out.mkdir()
    start = time.perf_counter()
    for path in stills:
        with (out / path.name).open("wb") as stream:
            write_with_metadata(path, stream, FIELDS)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stills", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bundled", action="store_true", help="the bundled kit's stills")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-metadata-") as temp:
        root = Path(temp)
        (root / "in").mkdir()
        make = bundled_stills if args.bundled else make_stills
        stills = make(root / "in", args.stills)
        megabytes = sum(p.stat().st_size for p in stills) / 1e6
        copies: list[float] = []
        writes: list[float] = []
        for round_number in range(args.rounds):
            # Alternate which goes first: the second of a pair runs while the kernel writes
            # back the first one's pages, and neither should always bear that.
            if round_number % 2:
                writes.append(write_all(stills, root / f"write{round_number}"))
                copies.append(copy_all(stills, root / f"copy{round_number}"))
            else:
                copies.append(copy_all(stills, root / f"copy{round_number}"))
                writes.append(write_all(stills, root / f"write{round_number}"))
            shutil.rmtree(root / f"copy{round_number}")
            shutil.rmtree(root / f"write{round_number}")
    copy_time, write_time = statistics.median(copies), statistics.median(writes)
    ratio = copy_time / write_time
    print(f"stills: {args.stills} ({megabytes:.0f} MB), rounds: {args.rounds}")
    print(f"shutil.copyfile median: {copy_time:.3f} s ({megabytes / copy_time:.0f} MB/s)")
    print(f"write_with_metadata median: {write_time:.3f} s ({megabytes / write_time:.0f} MB/s)")
    print(f"throughput ratio: {ratio:.2f}x copyfile (target >= {TARGET}x)")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
