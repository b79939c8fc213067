"""A kit whose title is one 1 MB word paints as fast as the bundled kit, in a real X server.

    python tests/benchmarks/bench_long_fields.py [--runs N]

The bundled kit is copied and its ``film.title`` replaced by a single word of 1,000,000
characters (the manifest's own limit is 1 MiB). ``presskit --exit-after-first-paint`` is timed
on that kit and on the bundled kit, interleaved, from process start to exit, in one warmed
home. Prints both medians and the ratio; exits 0 when the long kit takes at most 1.5 times as
long. Without shortening for display, laying out the title alone took seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _display import x_display
from bench_startup import _home_env, time_command

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.5
WORD_LENGTH = 1_000_000


def write_long_title_kit(folder: Path) -> Path:
    """The bundled kit with a one-word title of ``WORD_LENGTH`` characters."""
    kit = folder / "long-title-kit"
    shutil.copytree(ROOT / "presskit", kit)
    manifest = kit / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    marker = "\n  title: I.S.S.\n"
    if marker not in text:
        raise SystemExit("the bundled manifest's film title line has changed: update this script")
    manifest.write_text(text.replace(marker, f"\n  title: {'T' * WORD_LENGTH}\n", 1), "utf-8")
    return kit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    long_times: list[float] = []
    bundled_times: list[float] = []
    with tempfile.TemporaryDirectory() as work, x_display() as display_env:
        long_kit = write_long_title_kit(Path(work))
        home = Path(work) / "home"
        home.mkdir()
        env = {**display_env, **_home_env(str(home)), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], check=True)
        base = [sys.executable, "-m", "app", "--exit-after-first-paint"]
        long_command = [*base, str(long_kit)]
        bundled_command = [*base, str(ROOT / "presskit")]
        time_command(long_command, env)  # warm caches for both, untimed
        time_command(bundled_command, env)
        for run in range(options.runs):
            pair = [(long_command, long_times), (bundled_command, bundled_times)]
            for command, times in pair if run % 2 == 0 else reversed(pair):
                times.append(time_command(command, env))
    long_median = statistics.median(long_times)
    bundled_median = statistics.median(bundled_times)
    ratio = long_median / bundled_median
    verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
    print(f"runs: {options.runs} each, interleaved, real X server")
    print(f"bundled kit, first paint (median): {bundled_median * 1000:.0f} ms")
    print(f"1 MB one-word title, first paint (median): {long_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
