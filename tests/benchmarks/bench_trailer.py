"""Trailer benchmark: our TrailerTab against a bare QMediaPlayer + QVideoWidget, in a real X server.

    python tests/benchmarks/bench_trailer.py [--runs N] [--span SECONDS] [--file VIDEO]

Two figures, each measured in a fresh child process per run (so one run's decoder threads,
caches and Qt state never leak into the next), alternating which player goes first:

* **first frame** — from ``play()`` to the end of the first paint of the video area after the
  first decoded frame reached the video sink. Both players draw through a QVideoWidget, whose
  picture is painted by its internal QVideoWindow on an UpdateRequest (or Expose) event: the
  child handles that event itself inside an event filter and stops the clock when it returns.
* **CPU** — process CPU time (``time.process_time``: every thread, decoder included) per second
  of wall time over a fixed span of playback, starting 0.5 s after ``play()``.

Prints one line per target with both medians and the ratio; exits 0 only when first frame is
≤ 1.2× and CPU ≤ 1.3× the bare player. Uses the bundled kit's trailer when it exists, else the
test fixture ``tests/data/media/valid.mp4``. Runs under the current DISPLAY, or starts Xvfb.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

FIRST_FRAME_TARGET = 1.2
CPU_TARGET = 1.3
WINDOW_SIZE = (1280, 800)
SETTLE_MS = 400  # after the window is exposed and the media loaded, before play()
TIMEOUT_S = 60


# -- child: one measured run ------------------------------------------------------------------


def _child(kind: str, video: Path, span_s: float) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    result: dict[str, float] = {}
    marks: dict[str, float] = {}

    if kind == "bare":
        from PySide6.QtMultimediaWidgets import QVideoWidget

        app = QApplication(sys.argv[:1])
        window = QWidget()
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        video_widget = QVideoWidget(window)
        layout.addWidget(video_widget)
        player = QMediaPlayer()
        audio = QAudioOutput()
        player.setAudioOutput(audio)
        player.setVideoOutput(video_widget)
        player.setSource(QUrl.fromLocalFile(str(video)))
        sink = video_widget.videoSink()
        play = player.play
        is_loaded = lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia  # noqa: E731
    else:
        from PySide6.QtCore import QSettings

        from app.model.loader import load_press_kit
        from app.settings import Settings
        from app.views.application import create_application
        from app.views.trailer.trailer_tab import TrailerTab

        app = create_application()
        kit_dir = Path(os.environ["BENCH_KIT"])
        kit = load_press_kit(kit_dir).kit
        settings = Settings(
            QSettings(str(Path(os.environ["BENCH_HOME"]) / "s.ini"), QSettings.Format.IniFormat)
        )
        window = QWidget()
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        tab = TrailerTab(kit, settings, window)
        layout.addWidget(tab)
        sink = None  # known once the tab is shown

        def play() -> None:
            assert tab.player is not None
            tab.player.play()

        def is_loaded() -> bool:
            return (
                tab.player is not None
                and tab.player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia
            )

    window.resize(*WINDOW_SIZE)
    window.show()
    if kind == "tab":
        assert tab.canvas is not None
        sink = tab.canvas.video_sink()

    class PaintTimer(QObject):
        """Ends the clock when the video window has painted the first frame."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if "frame" in marks and "painted" not in marks:
                kind_ = event.type()
                if kind_ in (QEvent.Type.UpdateRequest, QEvent.Type.Expose):
                    watched.removeEventFilter(self)
                    watched.event(event)  # the render, timed
                    marks["painted"] = time.perf_counter()
                    return True
            return False

    paint_timer = PaintTimer()

    def on_frame(frame: QVideoFrame) -> None:
        if frame.isValid() and "frame" not in marks and "play" in marks:
            marks["frame"] = time.perf_counter()
            for window_ in QGuiApplication.allWindows():
                if window_.metaObject().className() == "QVideoWindow":
                    window_.installEventFilter(paint_timer)

    assert sink is not None
    sink.videoFrameChanged.connect(on_frame)

    def start() -> None:
        if not (window.windowHandle() and window.windowHandle().isExposed() and is_loaded()):
            QTimer.singleShot(20, start)
            return
        QTimer.singleShot(SETTLE_MS, go)

    def go() -> None:
        marks["play"] = time.perf_counter()
        play()
        QTimer.singleShot(500, begin_span)

    def begin_span() -> None:
        marks["cpu0"] = time.process_time()
        marks["wall0"] = time.perf_counter()
        QTimer.singleShot(int(span_s * 1000), end_span)

    def end_span() -> None:
        cpu = time.process_time() - marks["cpu0"]
        wall = time.perf_counter() - marks["wall0"]
        result["cpu_per_s"] = cpu / wall
        if "painted" in marks:
            result["first_frame_ms"] = (marks["painted"] - marks["play"]) * 1000
        app.quit()

    QTimer.singleShot(0, start)
    QTimer.singleShot(TIMEOUT_S * 1000, app.quit)
    app.exec()
    print("BENCH " + json.dumps(result), flush=True)


# -- parent: runs, medians, verdict ------------------------------------------------------------


def _video_and_kit(requested: Path | None, home: Path) -> tuple[Path, Path, Path]:
    """A copy of the video in a one-trailer kit folder (so both players read the same file,
    and nothing else editing the source tree can change it mid-run)."""
    if requested is None:
        bundled = ROOT / "presskit" / "trailer" / "teaser.mp4"
        fixture = ROOT / "tests" / "data" / "media" / "valid.mp4"
        requested = bundled if bundled.is_file() else fixture
    kit = home / "kit"
    (kit / "trailer").mkdir(parents=True)
    video = kit / "trailer" / requested.name
    shutil.copyfile(requested, video)
    (kit / "presskit.yaml").write_text(
        "format: presskit/1\nfilm:\n  title: Benchmark\nsynopsis:\n  short: Benchmark.\n"
        f"trailer:\n  file: trailer/{requested.name}\n",
        encoding="utf-8",
    )
    return requested, video, kit


def _duration_s(video: Path) -> float:
    probe = shutil.which("ffprobe")
    if probe is None:
        return 0.0
    out = subprocess.run(
        [probe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(video)],
        capture_output=True,
        text=True,
    )
    try:
        return float(out.stdout.strip())
    except ValueError:
        return 0.0


def _run_child(kind: str, video: Path, span: float, env: dict[str, str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--file", str(video)]
    command += ["--span", str(span)]
    done = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S + 30
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            figures: dict[str, float] = json.loads(line[6:])
            if "first_frame_ms" in figures and "cpu_per_s" in figures:
                return figures
    raise SystemExit(f"the {kind} run gave no figures (exit {done.returncode}):\n{done.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--span", type=float, default=0.0, help="seconds of playback for CPU")
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--child", choices=("tab", "bare"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.child, options.file, options.span)
        return 0
    if options.runs < 7:
        parser.error("at least 7 runs: the medians are the result")

    from _display import x_display

    started = time.monotonic()
    figures: dict[str, list[dict[str, float]]] = {"tab": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="bench-trailer-") as folder, x_display() as env:
        home = Path(folder)
        source, video, kit = _video_and_kit(options.file, home)
        duration = _duration_s(video)
        span = options.span or max(1.0, min(8.0, duration - 1.5))
        env = {
            **env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "PYTHONPATH": str(ROOT),
            "BENCH_KIT": str(kit),
            "BENCH_HOME": str(home),
            "QT_LOGGING_RULES": "qt.multimedia.*=false",
        }
        print(
            f"file: {source} ({duration:.1f} s, copied for the run); {options.runs} runs per "
            "player, "
            f"CPU over {span:.1f} s of playback; display {env.get('DISPLAY')}",
            flush=True,
        )
        _run_child("bare", video, 1.0, env)  # warm the disk cache for both, untimed
        for run in range(options.runs):
            order = ("tab", "bare") if run % 2 == 0 else ("bare", "tab")
            for kind in order:
                figures[kind].append(_run_child(kind, video, span, env))
            tab, bare = figures["tab"][-1], figures["bare"][-1]
            print(
                f"  run {run + 1}: first frame tab {tab['first_frame_ms']:.1f} ms, "
                f"bare {bare['first_frame_ms']:.1f} ms; CPU tab {tab['cpu_per_s']:.3f} s/s, "
                f"bare {bare['cpu_per_s']:.3f} s/s",
                flush=True,
            )

    def median(kind: str, key: str) -> float:
        return statistics.median(run[key] for run in figures[kind])

    ok = True
    lines = []
    for key, label, unit, target in (
        ("first_frame_ms", "first frame (play() to first video paint)", "ms", FIRST_FRAME_TARGET),
        ("cpu_per_s", "CPU per second of playback", "s/s", CPU_TARGET),
    ):
        ours, bare = median("tab", key), median("bare", key)
        ratio = ours / bare if bare > 0 else float("inf")
        passed = ratio <= target
        ok = ok and passed
        digits = 1 if unit == "ms" else 3
        lines.append(
            f"{label}: TrailerTab {ours:.{digits}f} {unit}, bare QVideoWidget "
            f"{bare:.{digits}f} {unit}, ratio {ratio:.2f} (target ≤ {target}) "
            f"{'PASS' if passed else 'FAIL'}"
        )
    print("\n".join(lines))
    print(f"medians of {options.runs} runs each; took {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
