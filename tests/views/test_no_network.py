"""The app makes no network connection: checked at the system-call level with strace.

A Python-level socket patch would miss Qt's and FFmpeg's C++ code, so a child process runs
the real app through every tab (playing the trailer) under ``strace -f -e trace=connect``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DRIVER = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from app import paths
from app.model.opening import open_kit_location
from app.settings import Settings
from app.views.application import create_application
from app.views.icons import install_pending_icons
from app.views.main_window import MainWindow
from app.views.trailer.trailer_tab import TrailerTab

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

app = create_application()
settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window = MainWindow(settings)
window.show_kit(open_kit_location(paths.bundled_kit_dir()), remember=False)
window.show()
install_pending_icons()
for index in range(window.tab_widget.count()):
    window.tab_widget.setCurrentIndex(index)
    wait(400)
    tab = window.tab_widget.widget(index)
    if isinstance(tab, TrailerTab) and tab.player is not None:
        tab.player.play(); wait(1500); tab.player.pause()
window.close()
print("visited", window.tab_widget.count(), "tabs")
"""


@pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace is not installed (Debian package 'strace'; .ci/run installs it)",
)
def test_no_inet_connect_through_every_tab(tmp_path: Path) -> None:
    trace = tmp_path / "connect.trace"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    completed = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect",
            "-o",
            str(trace),
            sys.executable,
            "-c",
            DRIVER,
            str(tmp_path / "settings.ini"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if completed.returncode != 0 and "ptrace" in completed.stderr:
        pytest.skip(f"strace cannot trace here: {completed.stderr.strip()[:200]}")
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "visited" in completed.stdout
    calls = trace.read_text()
    assert trace.exists()  # strace really ran and wrote its trace
    inet = [line for line in calls.splitlines() if re.search(r"AF_INET6?\b", line)]
    assert inet == [], "network connections were attempted:\n" + "\n".join(inet[:20])
