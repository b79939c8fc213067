"""Story pack export benchmark: 200 stills at ``original`` size with metadata, through the real
engine, against ``shutil.copyfile`` over the same files in the same run.

    python tests/benchmarks/bench_export.py [--stills N] [--rounds N]

Makes a kit of N stills (default 200): real JPEGs of a production still's size (3-6 MB each,
a studio's XMP and IPTC IIM already in them), each with a caption, credit, photographer,
people and terms in the manifest. Each round copies every still with ``shutil.copyfile`` into a
fresh folder and exports the kit with ``plan_pack`` + ``write_pack`` (the command's and the
dialog's engine) into another, interleaved (alternating which goes first) so both see the same
disk and cache state.

The target (issue: at least 0.5x the throughput of copyfile, the bytes written once) is judged
on the engine's image phase: from the call to the progress report of the last image, i.e. every
image written with its metadata into the pack's temporary folder. The whole pack (text files,
the one-sheet, a contact sheet of every still, the rename into place) is printed beside it; the
contact sheet decodes every still and is not a copy of anything.

Prints one line per target and exits 0 only when it is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from app.media.headless import ensure_headless_app
from app.media.story_pack.writer import write_pack
from app.model.image_metadata import ImageFields, merge_metadata
from app.model.loader import load_press_kit
from app.model.story_pack import PackOptions, plan_pack

TARGET = 0.5
VARIANTS = 6  # distinct encodes; the stills are copies of them under their own names


def _photo(width: int, height: int, seed: int) -> bytes:
    """A JPEG of a real still's order of size: noise compresses as badly as film grain."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    noise = os.urandom(width * height * 4)
    stride = width * 4
    for y in range(height):
        line = image.scanLine(y)
        line[:] = noise[y * stride : (y + 1) * stride]  # type: ignore[index]
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG", 85 + seed % 3)  # type: ignore[call-overload]
    studio = ImageFields(caption="Studio caption", credit="Studio", photographer="Studio")
    return merge_metadata(bytes(data.data()), "jpeg", studio)


def make_kit(root: Path, count: int) -> tuple[Path, list[Path]]:
    (root / "stills").mkdir(parents=True)
    sizes = [(2500, 1700), (2700, 1800), (2900, 1900), (3000, 2000), (3100, 2100), (3300, 2100)]
    samples = [_photo(*sizes[n % len(sizes)], n) for n in range(VARIANTS)]
    lines = [
        "format: presskit/1.1",
        "film: {title: 'I.S.S.'}",
        "synopsis: {short: 'A benchmark kit.'}",
        "rights: {usage: 'Editorial use only.', copyright: '© 2023 Bleecker Street'}",
        "stills:",
    ]
    paths = []
    for index in range(count):
        relative = f"stills/{index + 1:04d}.jpg"
        (root / relative).write_bytes(samples[index % VARIANTS])
        paths.append(root / relative)
        lines += [
            f"  - file: {relative}",
            f"    caption: 'Pilou Asbæk and Ariana DeBose in the cupola, take {index + 1}.'",
            "    credit: 'Photo: Ærø Ødegård / Bleecker Street'",
            "    photographer: 'Ærø Ødegård'",
            "    people: ['Pilou Asbæk', 'Ariana DeBose']",
            "    alt: 'Two astronauts beside a round window.'",
        ]
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, paths


def copy_all(stills: list[Path], out: Path) -> float:
    out.mkdir()
    start = time.perf_counter()
    for path in stills:
        shutil.copyfile(path, out / path.name)
    return time.perf_counter() - start


def export_all(kit_root: Path, out: Path) -> tuple[float, float]:
    """(image phase, whole pack) in seconds."""
    kit = load_press_kit(kit_root).kit
    plan = plan_pack(kit, PackOptions(), dt.datetime.now(dt.timezone.utc))
    images_done: list[float] = []

    def progress(done: int, total: int) -> None:
        if done == len(plan.items):
            images_done.append(time.perf_counter())

    start = time.perf_counter()
    write_pack(kit, plan, out, progress, lambda: False)
    end = time.perf_counter()
    return images_done[0] - start, end - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stills", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ensure_headless_app()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        root = Path(temp)
        kit_root, stills = make_kit(root / "kit", args.stills)
        megabytes = sum(p.stat().st_size for p in stills) / 1e6
        sizes = sorted(p.stat().st_size / 1e6 for p in stills)
        copies: list[float] = []
        images: list[float] = []
        packs: list[float] = []
        for round_number in range(args.rounds):
            copy_dir, pack_dir = root / f"copy{round_number}", root / f"pack{round_number}"
            # Alternate which goes first: the second of a pair runs while the kernel writes
            # back the first one's pages, and neither should always bear that.
            if round_number % 2:
                image_time, pack_time = export_all(kit_root, pack_dir)
                copies.append(copy_all(stills, copy_dir))
            else:
                copies.append(copy_all(stills, copy_dir))
                image_time, pack_time = export_all(kit_root, pack_dir)
            images.append(image_time)
            packs.append(pack_time)
            shutil.rmtree(copy_dir)
            shutil.rmtree(pack_dir)
    copy_time = statistics.median(copies)
    image_time, pack_time = statistics.median(images), statistics.median(packs)
    ratio = copy_time / image_time
    print(
        f"stills: {args.stills} JPEGs, {megabytes:.0f} MB ({sizes[0]:.1f}-{sizes[-1]:.1f} MB "
        f"each), rounds: {args.rounds}"
    )
    print(f"shutil.copyfile median: {copy_time:.3f} s ({megabytes / copy_time:.0f} MB/s)")
    print(
        f"whole pack median (with text files and both PDFs): {pack_time:.3f} s "
        f"({copy_time / pack_time:.2f}x copyfile, not a target)"
    )
    verdict = "met" if ratio >= TARGET else "NOT met"
    print(
        f"export images at original size with metadata: {image_time:.3f} s, "
        f"{ratio:.2f}x copyfile throughput (target >= {TARGET}x): {verdict}"
    )
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
