"""Booth soak test: the real attract loop, hundreds of cycles, visitors now and then — no leak.

    python tests/benchmarks/soak_booth.py [--cycles N] [--slide SECONDS] [--kit KIT]

Runs the real :class:`BoothWindow` (in a child process, under the current DISPLAY or an Xvfb it
starts) with the bundled kit: the real ``TrailerPlayer`` plays the kit's trailer, seeked to its
last 0.4 s; every still is really decoded; slides last 50 ms and the title card 100 ms. Every
10th cycle a simulated visitor wakes the booth, opens every tab, opens a still in the viewer,
plays the trailer for a moment and turns its volume down, then leaves; the booth counts down
(1 s idle and a 0.5 s countdown here) and resets to the attract loop.

After each cycle it samples resident memory, the number of QObjects under the application's
top-level widgets (``findChildren(QObject)``), the number of top-level widgets and the QTimers
among those objects. It prints one line per target with the figure at cycle 20 (after the
caches and pools have filled) and at the end, and the growth; it exits 0 only when memory grew
≤ 3 % and no count grew, within 15 minutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

MEMORY_TARGET = 0.03  # at most 3 % growth
BASELINE_CYCLE = 20
WINDOW = 10  # cycles averaged at the baseline and at the end (memory is noisy)
VISITOR_EVERY = 10
TIME_LIMIT_S = 15 * 60
TRAILER_TAIL_MS = 400


# -- child: the soak itself -------------------------------------------------------------------


def _rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(cycles_wanted: int, slide: float, kit: Path, visitor_every: int, trace: bool) -> int:
    from PySide6.QtCore import QEventLoop, QObject, QPoint, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.model.booth_session import BoothConfig
    from app.model.clock import MonotonicClock
    from app.model.opening import open_kit_location
    from app.settings import BoothSettings
    from app.views.application import create_application
    from app.views.booth.booth_app import load_booth_stylesheet
    from app.views.booth.booth_window import BOOTH_DEFAULTS, BoothWindow
    from app.views.stills_tab import StillsTab
    from app.views.trailer.trailer_tab import TrailerTab

    app = create_application()
    app.setStyleSheet(app.styleSheet() + "\n" + load_booth_stylesheet())
    folder = Path(tempfile.mkdtemp(prefix="soak-booth-"))
    settings = BoothSettings(
        BOOTH_DEFAULTS, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    )
    config = BoothConfig(
        slide_seconds=slide, idle_seconds=1.0, countdown_seconds=0.5, require_pin=False
    )
    window = BoothWindow(settings, config, None, MonotonicClock())
    window.show_kit(open_kit_location(kit))
    window.attract.trailer_tail_ms = TRAILER_TAIL_MS
    window.start()

    finished = {"count": 0}
    loop = QEventLoop()

    def on_cycle(_number: int) -> None:
        finished["count"] += 1
        loop.quit()

    window.attract.cycle_finished.connect(on_cycle)
    shown = {"trailer": 0, "still": 0, "title": 0}

    def on_step(kind: str) -> None:
        shown[kind] += 1

    window.attract.step_started.connect(on_step)

    def pump(seconds: float) -> None:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def pump_until(condition, limit_s: float) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + limit_s
        while not condition() and time.monotonic() < deadline:
            pump(0.02)
        return bool(condition())

    def sample() -> tuple[int, int, int, int]:
        tops = QApplication.topLevelWidgets()
        objects = [child for top in tops for child in top.findChildren(QObject)]
        timers = sum(1 for child in objects if isinstance(child, QTimer))
        return _rss_bytes(), len(objects), len(tops), timers

    spots = [QPoint(400 + 40 * i, 500) for i in range(4)]

    def touch() -> None:
        """The visitor's hand moves: real pointer motion, so the booth sees someone there."""
        spots.append(spots.pop(0))
        QTest.mouseMove(window, spots[0])

    def visitor_session() -> None:
        QTest.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
        for index in range(window.tab_widget.count()):
            if window.tab_widget.isTabVisible(index):
                touch()
                window.tab_widget.setCurrentIndex(index)
                pump(0.08)
        touch()
        stills = window.show_tab(StillsTab)
        pump(0.1)
        touch()
        if isinstance(stills, StillsTab) and stills.model is not None:
            stills.open_viewer(0)
            pump(0.3)
        touch()
        trailer = window.show_tab(TrailerTab)
        pump(0.1)
        touch()
        if isinstance(trailer, TrailerTab) and trailer.player is not None:
            trailer.controls.volume_slider.setValue(30)
            trailer.player.play()
            pump(0.4)
            trailer.player.pause()
        # Walk away: the idle time, the countdown, the reset.
        if not pump_until(lambda: window.resets > resets_before, 10):
            raise SystemExit("soak_booth: the booth did not reset after the visitor left")

    started = time.monotonic()
    samples: list[tuple[int, int, int, int]] = []
    sessions = 0
    while finished["count"] < cycles_wanted:
        before = finished["count"]
        while finished["count"] == before:
            loop.exec()
            if time.monotonic() - started > TIME_LIMIT_S:
                print(f"soak_booth: over {TIME_LIMIT_S // 60} minutes after {before} cycles")
                return 1
        pump(0)  # let deferred deletions run before counting
        samples.append(sample())
        if trace:
            rss, objects, _tops, _timers = samples[-1]
            print(
                f"cycle {finished['count']}: {rss / 2**20:.1f} MiB, {objects} objects", flush=True
            )
        if finished["count"] % visitor_every == 0 and finished["count"] < cycles_wanted:
            resets_before = window.resets
            visitor_session()
            sessions += 1
    elapsed = time.monotonic() - started
    window.leave()
    usable = sum(1 for still in window.attract.kit.stills if still.file and not still.problem)
    return _report(samples, sessions, elapsed, slide, shown, usable)


def _report(
    samples: list[tuple[int, int, int, int]],
    sessions: int,
    elapsed: float,
    slide: float,
    shown: dict[str, int],
    usable_stills: int,
) -> int:
    minutes, seconds = divmod(int(elapsed), 60)
    print(
        f"soak_booth: {len(samples)} attract-loop cycles and {sessions} visitor sessions in "
        f"{minutes}m{seconds:02d}s (slides {slide * 1000:.0f} ms; limit {TIME_LIMIT_S // 60} min)"
    )
    # The loop must really have played: a trailer, every still and the title card per cycle.
    cycles = len(samples)
    played = (
        shown["trailer"] >= cycles
        and shown["still"] >= cycles * usable_stills
        and shown["title"] >= cycles
    )
    print(
        f"played: {shown['trailer']} trailers, {shown['still']} stills ({usable_stills} a "
        f"cycle), {shown['title']} title cards {'PASS' if played else 'FAIL'}"
    )
    if len(samples) < BASELINE_CYCLE + WINDOW:
        print("soak_booth: too few cycles to judge growth")
        return 1
    base = samples[BASELINE_CYCLE - 1 : BASELINE_CYCLE - 1 + WINDOW]
    end = samples[-WINDOW:]
    ok = elapsed <= TIME_LIMIT_S and played
    base_rss = statistics.median(s[0] for s in base)
    end_rss = statistics.median(s[0] for s in end)
    growth = end_rss / base_rss - 1
    passed = growth <= MEMORY_TARGET
    ok &= passed
    print(
        f"resident memory: {base_rss / 2**20:.1f} MiB at cycles {BASELINE_CYCLE}-"
        f"{BASELINE_CYCLE + WINDOW - 1} -> {end_rss / 2**20:.1f} MiB at the last {WINDOW} "
        f"(median): {growth * 100:+.2f} % (target <= {MEMORY_TARGET * 100:.0f} %) "
        f"{'PASS' if passed else 'FAIL'}"
    )
    for column, name in (
        (1, "QObjects under top-level widgets"),
        (2, "top-level widgets"),
        (3, "QTimers"),
    ):
        before = max(s[column] for s in base)
        after = max(s[column] for s in end)
        passed = after <= before
        ok &= passed
        print(
            f"{name}: {before} at cycles {BASELINE_CYCLE}-{BASELINE_CYCLE + WINDOW - 1} -> "
            f"{after} at the last {WINDOW} (max): {after - before:+d} (target: no growth) "
            f"{'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


# -- parent -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--slide", type=float, default=0.05, help="seconds per still")
    parser.add_argument("--kit", type=Path, default=ROOT / "presskit")
    parser.add_argument("--visitor-every", type=int, default=VISITOR_EVERY, help="cycles")
    parser.add_argument("--trace", action="store_true", help="print every cycle's sample")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        import logging

        logging.basicConfig(level=logging.WARNING)
        return _child(
            options.cycles, options.slide, options.kit, options.visitor_every, options.trace
        )

    from _display import x_display

    with x_display("1600x1000x24") as env:
        env = {**env, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="soak-config-")}
        env.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="soak-cache-"))
        command = [sys.executable, __file__, "--child", "--cycles", str(options.cycles)]
        command += ["--slide", str(options.slide), "--kit", str(options.kit)]
        command += ["--visitor-every", str(options.visitor_every)]
        command += ["--trace"] if options.trace else []
        result = subprocess.run(command, env=env, cwd=ROOT, check=False, timeout=TIME_LIMIT_S + 120)
        return result.returncode


if __name__ == "__main__":
    os.environ.setdefault("QT_NO_NETWORK_PROXY_AUTODETECT", "1")
    sys.exit(main())
