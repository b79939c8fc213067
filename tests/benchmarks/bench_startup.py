"""Start-up benchmark: the app's first paint against a bare PySide6 window's, in a real X server.

    python tests/benchmarks/bench_startup.py [--runs N]

``presskit --exit-after-first-paint`` (the overview painted with its title, facts and key art)
is timed against a bare QMainWindow that exits after its own first paint, interleaved, from
process start to exit. Two targets, one line each; exits 0 only when both are met:

* warm start (the usual one) ≤ 1.2× the bare window: the timed runs share one fresh home,
  which an untimed first run fills as any start does (the key art at its shown size in the
  thumbnail cache, the kit's snapshot, so a start parses no manifest);
* first start after installing ≤ 1.4×: each run in a home of its own, with empty caches (the
  manifest parsed, the key art decoded from the kit) — every journalist's first impression.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _display import x_display

ROOT = Path(__file__).resolve().parents[2]
WARM_TARGET = 1.2
FIRST_START_TARGET = 1.4

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv)
window = Window()
window.setCentralWidget(QLabel("I.S.S."))
window.resize(1280, 820)
window.show()
sys.exit(app.exec())
"""


def _home_env(home: str) -> dict[str, str]:
    return {
        "HOME": home,
        "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_STATE_HOME": f"{home}/state",
        "XDG_CACHE_HOME": f"{home}/cache",
    }


def time_command(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=60)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} exited {completed.returncode}: {completed.stderr[-500:]!r}"
        )
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    app_times: list[float] = []
    bare_times: list[float] = []
    first_start_times: list[float] = []
    with tempfile.TemporaryDirectory() as home, x_display() as display_env:
        # A fresh settings/log/cache home, like a first start on a new machine.
        env = {**display_env, **_home_env(home), "PYTHONPATH": str(ROOT)}
        # An installed app has its bytecode compiled (pip and PyInstaller both do it); a
        # shell that forbids writing .pyc files would time the compiler, not the app.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], check=True)
        app_command = [sys.executable, "-m", "app", "--exit-after-first-paint"]
        bare_command = [sys.executable, "-c", BARE_WINDOW]
        time_command(app_command, env)  # warm the disk cache for both, untimed
        time_command(bare_command, env)
        for run in range(options.runs):
            pair = [(app_command, app_times), (bare_command, bare_times)]
            for command, times in pair if run % 2 == 0 else reversed(pair):
                times.append(time_command(command, env))
            with tempfile.TemporaryDirectory() as empty_home:
                first_start_times.append(
                    time_command(app_command, {**env, **_home_env(empty_home)})
                )
    bare_median = statistics.median(bare_times)
    print(f"runs: {options.runs} each, interleaved, real X server")
    print(f"bare QMainWindow first paint (median): {bare_median * 1000:.0f} ms")
    met = True
    for label, times, target in (
        ("warm start", app_times, WARM_TARGET),
        ("first start (empty caches)", first_start_times, FIRST_START_TARGET),
    ):
        median = statistics.median(times)
        ratio = median / bare_median
        verdict = "PASS" if ratio <= target else "FAIL"
        met = met and ratio <= target
        print(
            f"{label}: {median * 1000:.0f} ms (median), {ratio:.2f} x the bare window "
            f"(target <= {target}) {verdict}"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
