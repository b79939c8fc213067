"""Hang stress: ``presskit validate --deep KIT`` many times, each under a time limit.

    python tests/benchmarks/stress_deep_validate.py [--runs N] [--jobs N] [--timeout S] [--kit KIT]

``validate --deep`` plays the kit's trailer to see that it really decodes. A run that does not
finish within ``--timeout`` seconds counts as a hang: it is killed (with its process group, so
no decoder thread lingers) and its stderr tail is printed. Runs go ``--jobs`` at a time in
fresh processes, as a publicist would start them.

Prints ``hangs: H/N`` with the timing of the runs that finished, and exits 0 only when no run
hung, every run gave the exit status of a clean kit (0) and everything finished within
15 minutes.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 15 * 60


@dataclass(frozen=True)
class Run:
    index: int
    hung: bool
    returncode: int | None
    seconds: float
    stderr_tail: str


def _presskit_command(kit: Path) -> list[str]:
    # The module, not the console script: the stress works from a plain checkout as well.
    return [sys.executable, "-m", "app", "validate", "--deep", str(kit)]


def _one_run(index: int, kit: Path, timeout_s: float) -> Run:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(
        _presskit_command(kit),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,  # its own process group, so a hang can be killed whole
    )
    try:
        _, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        return Run(index, True, None, time.perf_counter() - started, stderr[-600:])
    return Run(index, False, process.returncode, time.perf_counter() - started, stderr[-600:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--kit", type=Path, default=ROOT / "presskit")
    args = parser.parse_args()

    started = time.perf_counter()
    runs: list[Run] = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [
            pool.submit(_one_run, index, args.kit, args.timeout) for index in range(args.runs)
        ]
        for future in futures:
            run = future.result()
            runs.append(run)
            if run.hung:
                print(f"run {run.index + 1}: HUNG (killed after {run.seconds:.0f} s)", flush=True)
                print(f"  stderr tail: {run.stderr_tail!r}", flush=True)
            elif run.returncode != 0:
                print(f"run {run.index + 1}: exit status {run.returncode}", flush=True)
                print(f"  stderr tail: {run.stderr_tail!r}", flush=True)
            if (run.index + 1) % 50 == 0:
                print(f"... {run.index + 1}/{args.runs} runs", flush=True)
    total = time.perf_counter() - started

    hangs = sum(run.hung for run in runs)
    failures = sum(1 for run in runs if not run.hung and run.returncode != 0)
    finished = sorted(run.seconds for run in runs if not run.hung)
    print(f"hangs: {hangs}/{len(runs)}")
    print(f"other failures (exit status not 0): {failures}/{len(runs)}")
    if finished:
        p95 = finished[min(len(finished) - 1, int(len(finished) * 0.95))]
        print(
            f"run time: median {statistics.median(finished):.2f} s, 95th percentile "
            f"{p95:.2f} s, longest {finished[-1]:.2f} s"
        )
    print(f"total: {total:.0f} s for {len(runs)} runs, {args.jobs} at a time")
    within_time = total <= TIME_LIMIT_S
    if not within_time:
        print(f"over the time limit of {TIME_LIMIT_S} s")
    return 0 if hangs == 0 and failures == 0 and within_time else 1


if __name__ == "__main__":
    sys.exit(main())
