"""Gallery benchmark: the stills tab on kits of 100, 1,000 and 2,000 full-resolution stills.

    python tests/benchmarks/bench_gallery.py [--sizes 100,1000,2000] [--ratios 1,2]

Synthetic kits of photo-like JPEGs (4000×2667, gradients, soft blotches and grain, quality 90,
2–4 MB each) are made once and kept under ``$XDG_CACHE_HOME/iss-presskit-bench/gallery``
(``~/.cache/...``). Painting and encoding 2,000 such pictures would take most of the time
budget, so 40 distinct pictures are painted and each of the 2,000 files is one of them with a
JPEG comment segment of its own: every file has its own bytes, path, size and mtime (so its own
identity and cache key), and every decode is a real decode of a 4000×2667 JPEG. The three kits
are manifests in one folder (``presskit-100.yaml`` …) over the same files.

For each size and each device pixel ratio (1, and 2 through ``QT_SCALE_FACTOR=2``), in a real X
server, three fresh child processes run one after the other:

* **baseline** — QImageReader scaled reads (``setScaledSize`` to the tile size × ratio) of the
  same files on all cores (a thread per core; QImageReader releases the GIL): images per second;
  the floor for a first screen is *visible tiles × time per image ÷ cores*.
* **cold** — an empty thumbnail cache; **warm** — the cache the cold run left, as on a kit's
  second opening. Each opens a 1600×1000 window, shows it empty (the memory baseline), then
  shows the real ``StillsTab`` in it and measures: first screen (from the tab being shown to the
  end of the first paint of the grid in which every visible tile had its thumbnail); a scroll
  from top to bottom over three seconds (a 10 ms timer moving the scroll bar; the longest gap
  between its ticks, less the interval, is the longest UI stall); the time until every
  thumbnail is made (the tab's progress says "N stills") and so the throughput; the peak
  resident memory above the empty window's.

Targets (one line each, exit 0 only when all are met): cold first screen ≤ 1.3× its floor and
warm ≤ 0.25× cold, at every size and ratio; full pass (cold) ≥ 0.85× the baseline's throughput;
peak memory growth ≤ 150 MB at 2,000 stills; longest UI stall ≤ 33 ms (two frames).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

SIZES = (100, 1000, 2000)
RATIOS = (1, 2)
WIDTH, HEIGHT = 4000, 2667
QUALITY = 90
DISTINCT_PICTURES = 40
MIN_BYTES, MAX_BYTES = 2_000_000, 4_000_000
WINDOW = (1600, 1000)
SCROLL_S = 3.0
TICK_MS = 10
GENERATOR_VERSION = "1"

FIRST_SCREEN_FLOOR_TARGET = 1.3
WARM_TARGET = 0.25
THROUGHPUT_TARGET = 0.85
MEMORY_TARGET_MB = 150
MEMORY_TARGET_SIZE = 2000
STALL_TARGET_MS = 33
CHILD_TIMEOUT_S = 240


def bench_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iss-presskit-bench" / "gallery"


# -- the synthetic kit ------------------------------------------------------------------------


def _paint_picture(seed: int) -> bytes:
    """One photo-like 4000×2667 JPEG: gradients, soft colour blotches, coarse and fine grain."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QRadialGradient

    rnd = random.Random(seed)
    grain = 14 + (seed * 7) % 24  # the fine grain's strength sets the file size
    for _attempt in range(6):
        image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        gradient = QLinearGradient(0, 0, WIDTH * rnd.uniform(0.5, 1.0), HEIGHT)
        for stop in (0.0, 0.5, 1.0):
            gradient.setColorAt(
                stop,
                QColor.fromHsv(rnd.randrange(360), rnd.randrange(60, 200), rnd.randrange(60, 230)),
            )
        painter.fillRect(image.rect(), gradient)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for _ in range(12):
            centre = QPointF(rnd.uniform(0, WIDTH), rnd.uniform(0, HEIGHT))
            blotch = QRadialGradient(centre, rnd.uniform(200, 1400))
            colour = QColor.fromHsv(
                rnd.randrange(360), rnd.randrange(40, 256), rnd.randrange(40, 256), 160
            )
            blotch.setColorAt(0, colour)
            colour.setAlpha(0)
            blotch.setColorAt(1, colour)
            painter.fillRect(image.rect(), blotch)
        coarse_w, coarse_h = WIDTH // 14, HEIGHT // 14
        coarse = QImage(
            rnd.randbytes(coarse_w * coarse_h * 4), coarse_w, coarse_h, QImage.Format.Format_RGB32
        )
        painter.setOpacity(0.18)
        painter.drawImage(
            QRectF(0, 0, WIDTH, HEIGHT),
            coarse.scaled(
                WIDTH,
                HEIGHT,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ),
        )
        fine = QImage(rnd.randbytes(WIDTH * HEIGHT * 4), WIDTH, HEIGHT, QImage.Format.Format_RGB32)
        painter.setOpacity(grain / 255)
        painter.drawImage(0, 0, fine)
        painter.end()
        encoded = QByteArray()
        buffer = QBuffer(encoded)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", QUALITY)
        data = encoded.data()
        if len(data) < MIN_BYTES:
            grain += 6
        elif len(data) > MAX_BYTES:
            grain -= 6
        else:
            return data
    raise SystemExit(f"picture {seed}: cannot make it 2–4 MB (last {len(data)} bytes)")


def _with_comment(jpeg: bytes, text: str) -> bytes:
    """The same JPEG with a COM segment of its own right after SOI: other bytes, same picture."""
    comment = text.encode("ascii")
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def _generate_part(folder: Path, seeds: list[int]) -> None:
    """Child: paint some of the distinct pictures (two children share the cores)."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication(["bench-generate"])
    for seed in seeds:
        (folder / f"picture-{seed:02d}.jpg").write_bytes(_paint_picture(seed))


def ensure_kit(largest: int) -> tuple[Path, str]:
    """The cached kit folder, made now if missing; and a line saying how it was made."""
    folder = bench_folder()
    kit = folder / "kit"
    stamp = folder / f"complete-v{GENERATOR_VERSION}-{largest}.json"
    if stamp.exists():
        info = json.loads(stamp.read_text())
        return kit, f"kit: cached in {kit} ({info['summary']})"
    started = time.monotonic()
    pictures = folder / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    (kit / "stills").mkdir(parents=True, exist_ok=True)
    missing = [
        s for s in range(DISTINCT_PICTURES) if not (pictures / f"picture-{s:02d}.jpg").exists()
    ]
    cores = os.cpu_count() or 1
    children = [
        subprocess.Popen(
            [
                *(sys.executable, __file__, "--child", "generate", "--folder", str(pictures)),
                *("--seeds", ",".join(str(s) for s in missing[part::cores])),
            ],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        for part in range(cores)
        if missing[part::cores]
    ]
    for child in children:
        if child.wait() != 0:
            raise SystemExit("generating the pictures failed")
    bases = [(pictures / f"picture-{s:02d}.jpg").read_bytes() for s in range(DISTINCT_PICTURES)]
    sizes = []
    for index in range(largest):
        data = _with_comment(
            bases[index % DISTINCT_PICTURES],
            f"iss-presskit gallery benchmark still {index:04d} of picture "
            f"{index % DISTINCT_PICTURES:02d}",
        )
        (kit / "stills" / f"{index:04d}.jpg").write_bytes(data)
        sizes.append(len(data))
    for size in SIZES:
        if size > largest:
            continue
        lines = [
            "format: presskit/1",
            "film:",
            f"  title: Gallery benchmark, {size} stills",
            "synopsis:",
            "  short: Synthetic stills for bench_gallery.py.",
            "stills:",
        ]
        for index in range(size):
            lines.append(
                f"  - {{file: stills/{index:04d}.jpg, caption: Synthetic still {index + 1}, "
                "credit: bench_gallery.py}"
            )
        (kit / f"presskit-{size}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = (
        f"{largest} files of {min(sizes) / 1e6:.1f}–{max(sizes) / 1e6:.1f} MB, "
        f"mean {statistics.mean(sizes) / 1e6:.2f} MB, {WIDTH}×{HEIGHT} quality {QUALITY}; "
        f"{DISTINCT_PICTURES} distinct pictures, each file byte-distinct by its own JPEG "
        "comment segment (own identity and cache key, real decodes)"
    )
    stamp.write_text(json.dumps({"summary": summary}))
    return kit, f"kit: generated in {time.monotonic() - started:.0f} s into {kit} ({summary})"


# -- children ---------------------------------------------------------------------------------


def _still_paths(kit: Path, size: int) -> list[Path]:
    return [kit / "stills" / f"{index:04d}.jpg" for index in range(size)]


def _child_baseline(kit: Path, size: int, ratio: int) -> dict[str, float]:
    """QImageReader scaled reads of the kit's files, a thread per core."""
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QGuiApplication, QImageReader

    QGuiApplication(["bench-baseline"])
    box = QSize(256 * ratio, 144 * ratio)

    def read(path: Path) -> int:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        reader.setScaledSize(reader.size().scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
        return reader.read().width()

    paths = _still_paths(kit, size)
    cores = os.cpu_count() or 1
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(read, paths[: cores * 2]))  # plugin loaded, threads started: untimed
        started = time.perf_counter()
        widths = list(pool.map(read, paths))
        elapsed = time.perf_counter() - started
    if min(widths) <= 0:
        raise SystemExit("the baseline could not decode the stills")
    return {"seconds": elapsed, "per_second": size / elapsed, "cores": cores}


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _thread_cpu_s(native_id: int) -> float:
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class StallWitness:
    """What the machine and the UI thread did between two heartbeat ticks, so that a stall over
    the target is printed with where its time went: the UI thread running, waiting for a CPU
    (its run-queue wait), or neither (blocked: a lock, the X server, a page read back from disk);
    its major page faults; and the machine's vCPU steal and I/O wait (Linux /proc figures)."""

    def __init__(self) -> None:
        self._task = Path(f"/proc/self/task/{threading.get_native_id()}")
        self._tick_s = 1 / os.sysconf("SC_CLK_TCK")
        self._last = self._sample()

    def _sample(self) -> tuple[float, ...]:
        import resource

        usage = resource.getrusage(resource.RUSAGE_THREAD)
        run_queue_ns = int((self._task / "schedstat").read_text().split()[1])
        machine = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return (
            time.thread_time(),
            run_queue_ns / 1e9,
            float(usage.ru_majflt),
            float(resource.getrusage(resource.RUSAGE_SELF).ru_majflt),
            int(machine[8]) * self._tick_s,  # steal
            int(machine[5]) * self._tick_s,  # iowait
        )

    def tick(self, gap_ms: float, where: str) -> str:
        """Samples anew; a description of the interval just ended when it was a stall."""
        now = self._sample()
        ran, waited, faults, all_faults, steal, iowait = (
            b - a for a, b in zip(self._last, now, strict=True)
        )
        self._last = now
        if gap_ms <= STALL_TARGET_MS:
            return ""
        interval_ms = gap_ms + TICK_MS
        off_cpu = max(0.0, interval_ms - (ran + waited) * 1000)
        return (
            f"{gap_ms:.0f} ms {where}: of the {interval_ms:.0f} ms between ticks the UI thread "
            f"ran {ran * 1000:.0f} ms, waited {waited * 1000:.0f} ms for a CPU and was off it "
            f"{off_cpu:.0f} ms (asleep or blocked); major faults "
            f"{faults:.0f} (process {all_faults:.0f}); machine steal {steal * 1000:.0f} ms, "
            f"I/O wait {iowait * 1000:.0f} ms"
        )


def _child_app(kit: Path, size: int, cache: Path, phase: str) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.model.loader import load_press_kit
    from app.model.thumbnail_cache import ThumbnailCache
    from app.settings import Settings
    from app.views.application import create_application
    from app.views.icons import icon, install_pending_icons
    from app.views.stills_tab import StillsTab

    app = create_application()
    loaded = load_press_kit(kit, f"presskit-{size}.yaml").kit
    assert len(loaded.stills) == size
    settings = Settings(QSettings(str(cache.parent / "bench.ini"), QSettings.Format.IniFormat))
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    window.resize(*WINDOW)
    window.show()
    # As in the app, whose main window shows its tabs' icons long before the stills tab is
    # opened: qtawesome's icon font is loaded by then (about 250 ms, once per process).
    install_pending_icons()
    icon("mdi6.image-multiple-outline")
    result: dict[str, float] = {}
    marks: dict[str, float] = {}
    state: dict[str, object] = {"tab": None, "last_tick": 0.0, "stall": 0.0}

    def settle_then_open() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(20, settle_then_open)
            return
        QTimer.singleShot(500, open_tab)

    class FirstScreen(QObject):
        """Stops the clock after the first grid paint with every visible tile's thumbnail."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            tab = state["tab"]
            if event.type() != QEvent.Type.Paint or "first_screen" in marks:
                return False
            assert isinstance(tab, StillsTab) and tab.model is not None and tab.view is not None
            rows = tab.view.viewport_rows()
            if not rows or not rows[0]:
                return False
            model = tab.model
            complete = all(row in model.thumbnails or row in model.problems for row in rows[0])
            if not complete:
                return False
            tab.view.viewportEvent(event)  # the paint itself, timed
            marks["first_screen"] = time.perf_counter()
            result["visible"] = len(rows[0])
            QTimer.singleShot(0, start_ticking)
            return True

    first_screen = FirstScreen()

    def open_tab() -> None:
        result["rss_empty_kb"] = _rss_kb("VmRSS")
        Path("/proc/self/clear_refs").write_text("5")  # peak RSS from here on
        tab = StillsTab(loaded, settings, window, thumbnail_cache=ThumbnailCache(cache))
        state["tab"] = tab
        layout.addWidget(tab)
        marks["shown"] = time.perf_counter()
        marks["ui_cpu_shown"] = _thread_cpu_s(threading.get_native_id())
        tab.show()  # builds the grid (first_shown)
        assert tab.view is not None and tab.model is not None
        tab.model.progress_changed.connect(on_progress)
        tab.view.viewport().installEventFilter(first_screen)

    # A 10 ms timer runs from the first screen to the end: the longest gap between its ticks,
    # less the interval, is the longest the UI thread was busy. Cold, it ticks idle while the
    # rest of the thumbnails are made, then scrolls; warm, it scrolls at once.
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    stalls = {"pass": 0.0, "scroll": 0.0}
    witnessed: list[str] = []

    def start_ticking() -> None:
        state["witness"] = StallWitness()
        state["last_tick"] = time.perf_counter()
        state["scrolling"] = False
        ticker.start()

    def on_tick() -> None:
        now = time.perf_counter()
        gap = (now - float(state["last_tick"])) * 1000 - TICK_MS  # type: ignore[arg-type]
        state["last_tick"] = now
        tab = state["tab"]
        assert isinstance(tab, StillsTab) and tab.view is not None
        bar = tab.view.verticalScrollBar()
        witness = state["witness"]
        assert isinstance(witness, StallWitness)
        where = f"scrolling at {bar.value()} of {bar.maximum()}" if state["scrolling"] else "idle"
        note = witness.tick(gap, where)
        if note:
            witnessed.append(note)
        if not state["scrolling"]:
            stalls["pass"] = max(stalls["pass"], gap)
            if "all" in marks or phase == "warm":
                state["scrolling"] = True
                state["step"] = max(1, round(bar.maximum() / (SCROLL_S * 1000 / TICK_MS)))
            return
        stalls["scroll"] = max(stalls["scroll"], gap)
        if bar.value() >= bar.maximum():
            ticker.stop()
            wait_for_all()
            return
        bar.setValue(bar.value() + int(state["step"]))  # type: ignore[call-overload]

    ticker.timeout.connect(on_tick)

    def on_progress(made: int, total: int) -> None:
        if made >= total and "all" not in marks:
            marks["all"] = time.perf_counter()
            marks["ui_cpu_all"] = _thread_cpu_s(threading.get_native_id())

    def wait_for_all() -> None:
        tab = state["tab"]
        assert isinstance(tab, StillsTab) and tab.model is not None
        if "all" not in marks:
            QTimer.singleShot(5, wait_for_all)
            return
        result["first_screen_ms"] = (marks["first_screen"] - marks["shown"]) * 1000
        result["all_s"] = marks["all"] - marks["shown"]
        result["per_second"] = size / result["all_s"]
        result["ui_cpu_s"] = marks["ui_cpu_all"] - marks["ui_cpu_shown"]
        result["peak_growth_mb"] = (_rss_kb("VmHWM") - result["rss_empty_kb"]) * 1024 / 1e6
        result["stall_pass_ms"] = max(0.0, stalls["pass"])
        result["stall_scroll_ms"] = max(0.0, stalls["scroll"])
        result["stall_ms"] = max(result["stall_pass_ms"], result["stall_scroll_ms"])
        result["failed"] = len(tab.model.problems)
        result["stalls_witnessed"] = witnessed[:5]  # type: ignore[assignment]
        result["progress"] = tab.progress.text()  # type: ignore[assignment]
        tab.shutdown()
        app.quit()

    QTimer.singleShot(0, settle_then_open)
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, app.quit)
    app.exec()
    return result


# -- parent -----------------------------------------------------------------------------------


def _run_child(args: list[str], env: dict[str, str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S + 30
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            figures: dict[str, float] = json.loads(line[6:])
            return figures
    raise SystemExit(
        f"child {args} gave no figures (exit {done.returncode}):\n{done.stderr[-3000:]}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--ratios", default=",".join(str(r) for r in RATIOS))
    parser.add_argument("--child", choices=("generate", "baseline", "app"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seeds", default="", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--ratio", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=("cold", "warm"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child == "generate":
        _generate_part(options.folder, [int(s) for s in options.seeds.split(",") if s])
        return 0
    if options.child == "baseline":
        print("BENCH " + json.dumps(_child_baseline(options.folder, options.size, options.ratio)))
        return 0
    if options.child == "app":
        figures = _child_app(options.folder, options.size, options.cache, options.phase)
        print("BENCH " + json.dumps(figures))
        return 0

    from _display import x_display

    started = time.monotonic()
    sizes = [int(s) for s in options.sizes.split(",")]
    ratios = [int(r) for r in options.ratios.split(",")]
    kit, kit_line = ensure_kit(max(sizes))
    print(kit_line, flush=True)
    figures: dict[tuple[int, int], dict[str, dict[str, float]]] = {}
    width, height = WINDOW
    with (
        tempfile.TemporaryDirectory(prefix="bench-gallery-") as folder,
        x_display(f"{width * max(ratios) + 200}x{height * max(ratios) + 200}x24") as display_env,
    ):
        home = Path(folder)
        env = {
            **display_env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "PYTHONPATH": str(ROOT),
        }
        print(
            f"display {env.get('DISPLAY')}; window {width}×{height}; {os.cpu_count()} cores; "
            f"scroll top to bottom in {SCROLL_S:.0f} s with a {TICK_MS} ms timer",
            flush=True,
        )
        for size in sizes:
            for ratio in ratios:
                ratio_env = {**env, "QT_SCALE_FACTOR": str(ratio)}
                cache = home / f"thumbnails-{size}-{ratio}"
                run: dict[str, dict[str, float]] = {}
                common = ["--folder", str(kit), "--size", str(size), "--ratio", str(ratio)]
                run["baseline"] = _run_child(["baseline", *common], ratio_env)
                for phase in ("cold", "warm"):
                    run[phase] = _run_child(
                        ["app", *common, "--cache", str(cache), "--phase", phase], ratio_env
                    )
                figures[(size, ratio)] = run
                _print_run(size, ratio, run)

    ok = _print_targets(figures)
    print(f"took {time.monotonic() - started:.0f} s in all")
    return 0 if ok else 1


def _floor_ms(run: dict[str, dict[str, float]], phase: str) -> float:
    """Visible tiles × the baseline's time per image on one core ÷ cores."""
    baseline = run["baseline"]
    per_image_per_core_s = baseline["cores"] / baseline["per_second"]
    return run[phase]["visible"] * per_image_per_core_s / baseline["cores"] * 1000


def _print_run(size: int, ratio: int, run: dict[str, dict[str, float]]) -> None:
    baseline = run["baseline"]
    per_image_ms = 1000 * baseline["cores"] / baseline["per_second"]
    print(
        f"{size:>5} stills @{ratio}x: baseline {baseline['per_second']:.1f} images/s on "
        f"{baseline['cores']:.0f} cores ({per_image_ms:.1f} ms per image per core)",
        flush=True,
    )
    for phase in ("cold", "warm"):
        figures = run[phase]
        print(
            f"      {phase}: first screen {figures['first_screen_ms']:.0f} ms for "
            f"{figures['visible']:.0f} tiles (floor {_floor_ms(run, phase):.0f} ms); all made in "
            f"{figures['all_s']:.2f} s = {figures['per_second']:.1f}/s "
            f"({figures['per_second'] / baseline['per_second']:.2f}× baseline; UI thread busy "
            f"{figures['ui_cpu_s'] / figures['all_s'] * 100:.0f} % of it); peak memory "
            f"+{figures['peak_growth_mb']:.0f} MB; longest UI stall "
            f"{figures['stall_pass_ms']:.0f} ms while thumbnails were made, "
            f"{figures['stall_scroll_ms']:.0f} ms scrolling; progress {figures['progress']!r}",
            flush=True,
        )
        notes: list[str] = figures.get("stalls_witnessed") or []  # type: ignore[assignment]
        for note in notes:
            print(f"        stall {note}", flush=True)


def _print_targets(figures: dict[tuple[int, int], dict[str, dict[str, float]]]) -> bool:
    ok = True

    def line(passed: bool, text: str) -> None:
        nonlocal ok
        ok = ok and passed
        print(f"{'PASS' if passed else 'FAIL'} {text}")

    print("targets:")
    for (size, ratio), run in sorted(figures.items()):
        cold, warm = run["cold"], run["warm"]
        floor = _floor_ms(run, "cold")
        ratio_cold = cold["first_screen_ms"] / floor
        line(
            ratio_cold <= FIRST_SCREEN_FLOOR_TARGET,
            f"{size} @{ratio}x cold first screen {cold['first_screen_ms']:.0f} ms = "
            f"{ratio_cold:.2f}× its floor {floor:.0f} ms (target ≤ {FIRST_SCREEN_FLOOR_TARGET}×)",
        )
        ratio_warm = warm["first_screen_ms"] / cold["first_screen_ms"]
        line(
            ratio_warm <= WARM_TARGET,
            f"{size} @{ratio}x warm first screen {warm['first_screen_ms']:.0f} ms = "
            f"{ratio_warm:.2f}× cold (target ≤ {WARM_TARGET}×)",
        )
        throughput = cold["per_second"] / run["baseline"]["per_second"]
        line(
            throughput >= THROUGHPUT_TARGET,
            f"{size} @{ratio}x full pass (cold) {cold['per_second']:.1f} images/s = "
            f"{throughput:.2f}× baseline {run['baseline']['per_second']:.1f}/s "
            f"(target ≥ {THROUGHPUT_TARGET}×)",
        )
        if size == MEMORY_TARGET_SIZE:
            growth = max(cold["peak_growth_mb"], warm["peak_growth_mb"])
            line(
                growth <= MEMORY_TARGET_MB,
                f"{size} @{ratio}x peak memory growth {growth:.0f} MB (cold "
                f"{cold['peak_growth_mb']:.0f}, warm {warm['peak_growth_mb']:.0f}; target ≤ "
                f"{MEMORY_TARGET_MB} MB)",
            )
        stall = max(cold["stall_ms"], warm["stall_ms"])
        line(
            stall <= STALL_TARGET_MS,
            f"{size} @{ratio}x longest UI stall while scrolling {stall:.0f} ms (cold "
            f"{cold['stall_ms']:.0f}, warm {warm['stall_ms']:.0f}; target ≤ {STALL_TARGET_MS} ms)",
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())
