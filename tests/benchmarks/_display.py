"""A real X server for benchmarks: the current DISPLAY, or an Xvfb started for the run."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def x_display(size: str = "1920x1080x24") -> Iterator[dict[str, str]]:
    """Yields an environment with DISPLAY set to a running X server (xcb platform)."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    if os.environ.get("DISPLAY"):
        yield {**env, "QT_QPA_PLATFORM": "xcb"}
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is not installed (Debian package 'xvfb'): cannot benchmark")
    for number in range(90, 140):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    process = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", size, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        yield {**env, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        process.terminate()
        process.wait(timeout=10)
