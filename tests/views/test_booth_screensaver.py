"""The screen-saver inhibit over D-Bus: it works against a ScreenSaver service on a private
session bus, and without a bus or a service booth mode carries on (logged, no exception)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PROBE = (
    "from app.views.booth.screensaver import ScreenSaverInhibitor\n"
    "inhibitor = ScreenSaverInhibitor()\n"
    "print(inhibitor.inhibit(), inhibitor.cookie, inhibitor.problem)\n"
    "inhibitor.release()\n"
    "print('released', inhibitor.active)\n"
)


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, cwd=REPO, env=env, timeout=60, check=False
    )


def test_without_a_session_bus_it_logs_and_carries_on() -> None:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}
    result = run([sys.executable, "-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "False None no D-Bus session bus"
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_inhibits_through_the_freedesktop_service_and_without_it_carries_on(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PROBE": PROBE, "PYTHONPATH": str(REPO)}
    script = (
        f"{sys.executable} {HERE / 'fake_screensaver.py'} 20 > service.out 2>&1 & "
        "for i in $(seq 100); do grep -q ready service.out 2>/dev/null && break; sleep 0.1; done; "
        f'{sys.executable} -c "$PROBE"; kill %1'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "True 42 None" in lines, result.stdout + result.stderr
    assert "released False" in lines

    # A bus without the service: no inhibit, a reason, no exception.
    alone = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert alone.returncode == 0, alone.stderr
    assert "no org.freedesktop.ScreenSaver service" in alone.stdout
