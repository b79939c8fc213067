"""Where the stills grid's UI stalls come from: bench_gallery.py's app child, run with a 5 ms
heartbeat on the UI thread that notes each gap over 20 ms, how long the UI thread ran in it and
how long it waited for a CPU (its run-queue wait in /proc/self/task/*/schedstat, Linux), the
grid's slots that ran in it (timed), and the UI thread's Python stack sampled by a watchdog
thread while the heartbeat is late.

    DISPLAY=:N QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 \
    python tests/benchmarks/probe_gallery_stalls.py \
        --folder ~/.cache/iss-presskit-bench/gallery/kit --size 2000 --ratio 2 \
        --cache /tmp/thumbs --phase cold     # then --phase warm with the same cache

``PROBE_LIGHT=1``: the heartbeat only (no timed slots, no watchdog), for A/B runs. For native
stacks, run it under ``py-spy record --native --threads``. A diagnostic, not a benchmark: the
instruments slow what they watch.
"""

from __future__ import annotations

import collections
import functools
import os
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
sys.path.insert(0, str(ROOT))

import bench_gallery  # noqa: E402

EVENTS: collections.deque[tuple[float, float, str]] = collections.deque(maxlen=20000)
SAMPLES: collections.deque[tuple[float, str]] = collections.deque(maxlen=200000)
GAPS: list[tuple[float, float, int]] = []
MAIN_ID = threading.get_ident()
MAIN_TASK = f"/proc/self/task/{threading.get_native_id()}"
# Linux x86-64 system call numbers the UI thread is seen blocked in: futex is a lock (the GIL,
# or a Qt mutex), poll/recvmsg the X server's reply, anything else by number.
SYSCALLS = {"202": "futex", "7": "poll", "47": "recvmsg", "0": "read", "1": "write", "20": "writev"}


def ui_thread_state() -> str:
    """The UI thread's scheduler state (R running, S sleeping) and the system call it is in."""
    try:
        state = Path(f"{MAIN_TASK}/stat").read_text().rsplit(")", 1)[1].split()[0]
        call = Path(f"{MAIN_TASK}/syscall").read_text().split()[0]
    except OSError:
        return "?"
    return f"[{state} {SYSCALLS.get(call, call)}]"


state = {"last": 0.0, "on": False, "bar": None, "faults": 0}
T0 = time.perf_counter()


def timed(cls: type, name: str) -> None:
    original = getattr(cls, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            end = time.perf_counter()
            extra = ""
            if name == "_on_loader_cached":
                extra = f"[{len(args[1])}]"
            if threading.get_ident() == MAIN_ID:
                EVENTS.append((start, end, f"{cls.__name__}.{name}{extra}"))

    setattr(cls, name, wrapper)


def install() -> None:
    from app.media.thumbnail_loader import ThumbnailLoader
    from app.views.stills.grid_model import StillsModel
    from app.views.stills.grid_view import StillsGrid, TileDelegate
    from app.views.stills_tab import StillsTab

    for name in (
        "set_viewport",
        "_on_loader_ready",
        "_on_loader_cached",
        "_read_cached_now",
        "_hold",
        "fill_in_background",
        "_on_sizes_read",
        "_on_picks_changed",
    ):
        timed(StillsModel, name)
    for name in ("paintEvent", "_report_viewport", "viewport_rows"):
        timed(StillsGrid, name)
    timed(TileDelegate, "paint")
    for name in ("_on_relay_made", "_on_relay_cached", "fill", "set_viewport"):
        timed(ThumbnailLoader, name)
    for name in ("_update_footer", "_on_fill_timer_timeout", "_on_view_painted"):
        timed(StillsTab, name)


def watch_collections() -> None:
    """Each run of the cycle collector, timed, as an event of its own ("gc gen2")."""
    import gc

    started = {"at": 0.0}

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started["at"] = time.perf_counter()
        else:
            EVENTS.append((started["at"], time.perf_counter(), f"gc gen{info['generation']}"))

    gc.callbacks.append(callback)


def watchdog() -> None:
    while True:
        time.sleep(0.002)
        if not state["on"]:
            continue
        now = time.perf_counter()
        if now - state["last"] > 0.012:
            frame = sys._current_frames().get(MAIN_ID)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-5:]
            text = (
                ui_thread_state()
                + " "
                + " < ".join(
                    f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(stack)
                )
            )
            SAMPLES.append((now, text))


def start_heartbeat() -> None:
    from PySide6.QtCore import QCoreApplication, Qt, QTimer

    app = QCoreApplication.instance()
    timer = QTimer(app)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)

    stat_path = f"/proc/self/task/{threading.get_native_id()}/schedstat"

    def beat() -> None:
        now = time.perf_counter()
        with open(stat_path) as f:
            run_ns, wait_ns, _ = (int(x) for x in f.read().split())
        faults = _major_faults()
        if state["on"]:
            gap = (now - state["last"]) * 1000 - 5
            if gap > 20:
                spent = (run_ns - state["run"], wait_ns - state["wait"])
                GAPS.append((state["last"], now, spent))
                GAP_FAULTS.append(faults - state["faults"])
        state["last"] = now
        state["run"], state["wait"], state["faults"] = run_ns, wait_ns, faults
        state["on"] = True

    timer.timeout.connect(beat)
    timer.start()
    state["timer"] = timer


def _major_faults() -> int:
    """The process's major page faults so far (pages read back from disk: the host's memory
    reclaim can evict even a running program's pages), from /proc/self/stat."""
    with open("/proc/self/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[9])


GAP_FAULTS: list[int] = []


def report() -> None:
    print(f"\n=== {len(GAPS)} gaps > 20 ms ===", file=sys.stderr)
    events = list(EVENTS)
    samples = list(SAMPLES)
    for (start, end, (run, wait)), faults in zip(GAPS, GAP_FAULTS, strict=True):
        print(
            f"-- gap {1000 * (end - start) - 5:.0f} ms at t={start - T0:.3f}s: UI thread ran "
            f"{run / 1e6:.0f} ms, waited for a CPU {wait / 1e6:.0f} ms, "
            f"{faults} major page faults in the process",
            file=sys.stderr,
        )
        inside = [e for e in events if e[1] > start and e[0] < end]
        totals: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0, 0.0])
        for s, e, name in inside:
            t = totals[name.split("[")[0]]
            t[0] += 1
            t[1] += (min(e, end) - max(s, start)) * 1000
            t[2] = max(t[2], (e - s) * 1000)
        for name, (count, ms, longest) in sorted(totals.items(), key=lambda kv: -kv[1][1]):
            print(f"     {name}: {count}x, {ms:.1f} ms (longest {longest:.1f})", file=sys.stderr)
        batch = [n for s, e, n in inside if "[" in n]
        if batch:
            print(f"     batches: {batch[:6]}", file=sys.stderr)
        stacks = collections.Counter(t for when, t in samples if start <= when <= end)
        for text, count in stacks.most_common(4):
            print(f"     {count} samples: {text}", file=sys.stderr)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--size", type=int)
    parser.add_argument("--ratio", type=int)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--phase")
    options = parser.parse_args()
    watch_collections()
    if not os.environ.get("PROBE_LIGHT"):
        install()
        threading.Thread(target=watchdog, daemon=True).start()
    from PySide6.QtCore import QTimer

    original_create = bench_gallery.__dict__.get("_child_app")
    import app.views.application as application

    real_create = application.create_application

    def create():  # type: ignore[no-untyped-def]
        app = real_create()
        QTimer.singleShot(0, start_heartbeat)
        return app

    application.create_application = create
    result = original_create(options.folder, options.size, options.cache, options.phase)
    print("BENCH", result)
    import app

    print("app from", app.__file__, file=sys.stderr)
    gaps = sorted(1000 * (e - s) - 5 for s, e, _ in GAPS)
    waits = [w / 1e6 for _, _, (r, w) in GAPS]
    runs = [r / 1e6 for _, _, (r, w) in GAPS]
    print(
        f"SUMMARY gaps>20: {len(gaps)}, >33: {sum(g > 33 for g in gaps)}, "
        f">50: {sum(g > 50 for g in gaps)}; "
        f"in them the UI thread ran {sum(runs):.0f} ms, waited for a CPU {sum(waits):.0f} ms; "
        f"worst {gaps[-3:] if gaps else []}",
        file=sys.stderr,
    )
    if not os.environ.get("PROBE_LIGHT"):
        report()


if __name__ == "__main__":
    main()
