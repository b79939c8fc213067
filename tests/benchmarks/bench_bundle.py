"""Bundle benchmark: the Linux deliverables' sizes, and the frozen start against the source's.

    python tests/benchmarks/bench_bundle.py [--runs N] [--no-build]

Builds the deliverables with the documented command (resources/packaging/build_linux.sh) into
tests/benchmarks/.cache/dist, and the same spec with trimming switched off
(PRESSKIT_UNTRIMMED=1, bundle only) into tests/benchmarks/.cache/dist-untrimmed, one after
the other. ``--no-build`` measures what is already there. Then prints, one line per figure:
the bundle's size on disk with and without the bundled kit, the untrimmed bundle's, the
.tar.xz's and the .deb's, and the start to first paint (``--exit-after-first-paint``) of the
frozen ``iss-presskit`` against ``python -m app`` from the source tree (bytecode compiled, as
an installed app has it), interleaved, medians, in a real X server.

Sizes are in MB (10^6 bytes), on disk (allocated blocks; symbolic links count as links). A start
that never exits is a bug, not a time: it is reported in a WARNING line and left out of the
medians (one more run makes up for it).
Exits 0 only when: the bundle without the kit is <= 150 MB; the .tar.xz and the .deb (with the
kit) are <= 55 MB each; the frozen start is <= 1.1 x the source start. It also lists the
bundle's ten largest files, so the next person sees where the megabytes are.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _display import x_display

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from app.identity import SLUG

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "tests" / "benchmarks" / ".cache"
BUILD = ROOT / "resources" / "packaging" / "build_linux.sh"
NAME = SLUG

BUNDLE_TARGET_MB = 150
ARCHIVE_TARGET_MB = 55
LARGEST_SHOWN = 10
START_RATIO_TARGET = 1.1


def app_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def build(dist: Path, untrimmed: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PRESSKIT_UNTRIMMED"}
    command = ["bash", str(BUILD), "--dist", str(dist)]
    if untrimmed:
        env["PRESSKIT_UNTRIMMED"] = "1"
        command.append("--bundle-only")
    label = "untrimmed bundle" if untrimmed else "deliverables"
    print(f"building the {label} into {dist} ...", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"bench_bundle: building the {label} failed")
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)


def size_on_disk(path: Path, exclude: Path | None = None) -> int:
    """Allocated bytes of every file and link under `path` (hard links counted once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for folder, dirs, files in os.walk(path):
        if exclude is not None:
            dirs[:] = [d for d in dirs if Path(folder, d) != exclude]
        total += os.lstat(folder).st_blocks * 512  # the folder itself, as du counts it
        for name in [*files, *(d for d in dirs if Path(folder, d).is_symlink())]:
            info = os.lstat(Path(folder, name))
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total


def largest_files(root: Path, count: int) -> list[tuple[int, str]]:
    """The ``count`` largest regular files under ``root``: (bytes on disk, relative path)."""
    sizes = [
        (path.lstat().st_blocks * 512, path.relative_to(root).as_posix())
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]
    return sorted(sizes, reverse=True)[:count]


def mb(size: int) -> float:
    return size / 1_000_000


RUN_TIMEOUT_S = 30  # the app gives up on its first paint after 20 s


def time_command(command: list[str], env: dict[str, str], hangs: list[str]) -> float | None:
    """Seconds from start to exit; None (noted in `hangs`) for a run that never exits."""
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, timeout=RUN_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        stderr = (exc.stderr or b"")[-300:]
        hangs.append(f"{Path(command[0]).name} {' '.join(command[1:])}: {stderr!r}")
        return None
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(
            f"bench_bundle: {' '.join(command)} exited {completed.returncode}: "
            f"{completed.stderr[-500:]!r}"
        )
    return elapsed


def start_times(frozen: Path, runs: int, hangs: list[str]) -> tuple[list[float], list[float]]:
    """`runs` timed starts of each, interleaved. A run that hangs is a bug, not a time: it is
    reported in `hangs`, left out of the medians, and made up for by one more run."""
    frozen_times: list[float] = []
    source_times: list[float] = []
    with tempfile.TemporaryDirectory() as home, x_display() as display_env:
        base = {
            **display_env,
            "HOME": home,  # a fresh settings/log home, like a first start on a new machine
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_STATE_HOME": f"{home}/state",
            "XDG_CACHE_HOME": f"{home}/cache",
        }
        for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"):
            base.pop(key, None)
        # An installed app has its bytecode compiled (pip and PyInstaller both do it); a shell
        # that forbids writing .pyc files would time the compiler, not the app.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], check=True)
        source_env = {**base, "PYTHONPATH": str(ROOT)}
        frozen_command = [str(frozen), "--exit-after-first-paint"]
        source_command = [sys.executable, "-m", "app", "--exit-after-first-paint"]
        time_command(frozen_command, base, hangs)  # warm the disk cache for both, untimed
        time_command(source_command, source_env, hangs)
        pair = [(frozen_command, base, frozen_times), (source_command, source_env, source_times)]
        run = 0
        while min(len(frozen_times), len(source_times)) < runs and run < runs + 5:
            for command, env, times in pair if run % 2 == 0 else reversed(pair):
                if len(times) < runs and (elapsed := time_command(command, env, hangs)):
                    times.append(elapsed)
            run += 1
    if min(len(frozen_times), len(source_times)) < runs:
        raise SystemExit(f"bench_bundle: too many runs hung: {hangs}")
    return frozen_times, source_times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-up runs of each (>= 7)")
    parser.add_argument("--no-build", action="store_true", help="measure the existing builds")
    parser.add_argument("--dist", type=Path, default=CACHE / "dist")
    parser.add_argument("--untrimmed-dist", type=Path, default=CACHE / "dist-untrimmed")
    options = parser.parse_args()
    if options.runs < 7:
        parser.error("--runs must be at least 7")
    started = time.monotonic()
    if not options.no_build:
        build(options.dist, untrimmed=False)
        build(options.untrimmed_dist, untrimmed=True)

    version = app_version()
    bundle = options.dist / NAME
    untrimmed = options.untrimmed_dist / NAME
    tarball = options.dist / f"{NAME}-{version}-linux-x86_64.tar.xz"
    deb = options.dist / f"{NAME}_{version}_amd64.deb"
    for path in (bundle / NAME, untrimmed / NAME, tarball, deb):
        if not path.exists():
            raise SystemExit(f"bench_bundle: {path} is missing (run without --no-build)")

    kit = bundle / "_internal" / "presskit"
    with_kit = size_on_disk(bundle)
    without_kit = size_on_disk(bundle, exclude=kit)
    untrimmed_with_kit = size_on_disk(untrimmed)
    untrimmed_without_kit = size_on_disk(untrimmed, exclude=untrimmed / "_internal" / "presskit")
    tar_size = tarball.stat().st_size
    deb_size = deb.stat().st_size

    hangs: list[str] = []
    frozen_times, source_times = start_times(bundle / NAME, options.runs, hangs)
    frozen_median = statistics.median(frozen_times)
    source_median = statistics.median(source_times)
    ratio = frozen_median / source_median

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    results = [
        mb(without_kit) <= BUNDLE_TARGET_MB,
        mb(tar_size) <= ARCHIVE_TARGET_MB,
        mb(deb_size) <= ARCHIVE_TARGET_MB,
        ratio <= START_RATIO_TARGET,
    ]
    print(
        f"bundle without the kit: {mb(without_kit):.1f} MB "
        f"(target <= {BUNDLE_TARGET_MB} MB) {verdict(results[0])}"
    )
    print(
        f"bundle with the kit: {mb(with_kit):.1f} MB (the kit: {mb(with_kit - without_kit):.1f} MB)"
    )
    print(
        f"untrimmed bundle (PRESSKIT_UNTRIMMED=1): {mb(untrimmed_without_kit):.1f} MB "
        f"without the kit, {mb(untrimmed_with_kit):.1f} MB with it; trimming saves "
        f"{mb(untrimmed_without_kit - without_kit):.1f} MB "
        f"({1 - without_kit / untrimmed_without_kit:.0%})"
    )
    print(
        f"{tarball.name}: {mb(tar_size):.1f} MB with the kit "
        f"(target <= {ARCHIVE_TARGET_MB} MB) {verdict(results[1])}"
    )
    print(
        f"{deb.name}: {mb(deb_size):.1f} MB with the kit "
        f"(target <= {ARCHIVE_TARGET_MB} MB) {verdict(results[2])}"
    )
    print(
        f"start to first paint, median of {options.runs} interleaved runs in a real X server: "
        f"frozen {frozen_median * 1000:.0f} ms, source {source_median * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (target <= {START_RATIO_TARGET}) {verdict(results[3])}"
    )
    print(f"the bundle's {LARGEST_SHOWN} largest files:")
    for size, relative in largest_files(bundle, LARGEST_SHOWN):
        print(f"  {mb(size):6.1f} MB  {relative}")
    for hang in hangs:
        print(f"WARNING: a run did not exit within {RUN_TIMEOUT_S} s (left out): {hang}")
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
