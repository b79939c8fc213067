"""A real X session for the tests marked ``xvfb``: Xvfb, the openbox window manager, and the
app started as a person starts it, driven by xdotool (real X key events, with X's autorepeat).

Skips with the reason when a tool is missing. Waits are polls with a generous limit: they end as
soon as the condition holds, so a slow machine makes a test slower, never wrong.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
POLL_LIMIT_S = 60.0  # an upper bound for a wait, not a measurement


def missing_tool() -> str | None:
    for tool in TOOLS:
        if shutil.which(tool) is None:
            return tool
    return None


def wait_for(condition: Callable[[], bool], what: str, limit: float = POLL_LIMIT_S) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@dataclass
class XSession:
    display: str
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        return done.stdout.strip()

    def window_ids(self, name: str) -> list[str]:
        """Visible top-level windows whose title contains ``name``."""
        found = self.xdotool("search", "--onlyvisible", "--name", name)
        return found.split()

    def window_names(self) -> list[str]:
        names = []
        for window in self.xdotool("search", "--onlyvisible", "--name", ".").split():
            names.append(self.xdotool("getwindowname", window))
        return names

    def start_app(self, *args: str, tmp_path: Path) -> subprocess.Popen[bytes]:
        """``python -m app ARGS`` on this display, with its own settings and caches."""
        env = {
            **self.env,
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            env=env,
            stdout=(tmp_path / "app-stdout.txt").open("wb"),
            stderr=(tmp_path / "app-stderr.txt").open("wb"),
        )
        self.processes.append(process)
        return process

    def screenshot(self, path: Path) -> None:
        if shutil.which("import") is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["import", "-display", self.display, "-window", "root", str(path)],
                env=self.env,
                timeout=60,
                check=False,
            )


def _free_display() -> int:
    for number in range(140, 240):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def _window_manager_running(env: dict[str, str]) -> bool:
    """An EWMH window manager announces itself on the root window."""
    done = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return "window id" in done.stdout


@pytest.fixture
def x_session() -> Iterator[XSession]:
    tool = missing_tool()
    if tool is not None:
        pytest.skip(f"needs a real X server: {tool} is not installed")
    number = _free_display()
    display = f":{number}"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    session = XSession(display, env)
    try:
        wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), "Xvfb to listen")
        session.processes.append(
            subprocess.Popen(
                ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )
        wait_for(lambda: _window_manager_running(env), "openbox to manage the screen")
        yield session
    finally:
        for process in reversed(session.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        xvfb.terminate()
        xvfb.wait(timeout=20)
