"""Why the thumbnail pool is not in Linux's idle scheduling class: a priority inversion through
the interpreter lock (GIL), shown on its own.

    python tests/benchmarks/probe_gil_inversion.py [--seconds 4]

A pool thread alternates Python work (holding the GIL) with work that releases it, as a
thumbnail decode does; the main thread, like the UI thread, wakes every millisecond and needs
the GIL each time. The pool thread shares CPU 0 with a busy process at normal priority (Xvfb
or another program drawing, on a user's machine); the main thread has CPU 1 to itself. For
each scheduling of the pool thread, the main thread's longest wait for the GIL is printed.

A pool thread in the idle class that is preempted while it holds the GIL gets the CPU back only
when the busy process sleeps: the main thread, which has a CPU of its own, waits all that time.
At a positive nice value it is preempted as often but gets its share of the CPU within a few
milliseconds. Needs two CPUs and Linux; a diagnostic, not a benchmark (no target).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import threading
import time


def run(policy: str, seconds: float) -> tuple[float, float]:
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    os.sched_setaffinity(hog.pid, {0})
    stop = threading.Event()
    block = b"x" * 200_000

    def pool() -> None:
        os.sched_setaffinity(0, {0})
        if policy == "idle":
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        else:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), int(policy))
        while not stop.is_set():
            sum(range(3000))  # Python work: holds the GIL (~50 µs)
            hashlib.sha256(block).digest()  # releases the GIL (~150 µs), as a decode does

    thread = threading.Thread(target=pool)
    os.sched_setaffinity(0, {1})
    thread.start()
    waits: list[float] = []
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            before = time.perf_counter()
            time.sleep(0.001)  # releases the GIL; it is taken back on waking
            waits.append((time.perf_counter() - before - 0.001) * 1000)
    finally:
        stop.set()
        thread.join()
        hog.kill()
        hog.wait()
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    waits.sort()
    return waits[-1], waits[int(len(waits) * 0.99)]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    options = parser.parse_args()
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        print("needs Linux and two CPUs")
        return 2
    for policy in ("idle", "19", "10", "5", "0"):
        longest, p99 = run(policy, options.seconds)
        name = "idle class" if policy == "idle" else f"nice {policy}"
        print(
            f"pool thread in {name:>10}: the main thread's longest GIL wait {longest:6.1f} ms "
            f"(99th percentile {p99:5.1f} ms)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
