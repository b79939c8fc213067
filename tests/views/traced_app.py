"""Run the real app in a child process under ``strace`` and read which files it opened.

Kit text must never make the app open a file outside the kit, and a Python-level patch would
miss Qt's C++ file access (rich text and image readers open files there), so the tests trace
system calls. Each test writes its own steps after :data:`DRIVER_PRELUDE`, which opens the kit
in a main window and defines the helpers the steps use.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# argv: KIT_ROOT SETTINGS_FILE [more for the steps]. Defines wait(ms), recorder (the URLs the
# desktop was asked to open), show_everything(window) (every tooltip shown, every visible
# window painted) and window (a MainWindow with the kit open, 1280×820).
DRIVER_PRELUDE = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QEventLoop, QObject, QPoint, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from app.settings import Settings
from app.views.application import create_application
from app.views.icons import install_pending_icons
from app.views.main_window import MainWindow

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

class Recorder(QObject):
    def __init__(self):
        super().__init__(); self.urls = []
    @Slot(QUrl)
    def record(self, url):
        self.urls.append(url.toString())

def show_everything(window):
    for widget in window.findChildren(QWidget):
        if widget.toolTip():
            QToolTip.showText(QPoint(10, 10), widget.toolTip(), window); wait(5)
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.grab()

kit_root, settings_file = Path(sys.argv[1]), sys.argv[2]
app = create_application()
recorder = Recorder()
for scheme in ("http", "https", "mailto", "file"):
    QDesktopServices.setUrlHandler(scheme, recorder, "record")
window = MainWindow(Settings(QSettings(settings_file, QSettings.Format.IniFormat)))
window.show()
install_pending_icons()
window.open_location(kit_root)
wait(200)
window.resize(1280, 820)
"""


def run_traced(steps: str, arguments: list[str], trace: Path) -> str:
    """Run the prelude and ``steps`` under ``strace -f``, writing the open calls to ``trace``;
    returns the driver's standard output. Skips when strace cannot trace here; fails when the
    driver does not reach its final ``print("done")``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    command = ["strace", "-f", "-qq", "-e", "trace=openat,open,openat2", "-o", str(trace)]
    completed = subprocess.run(
        [*command, sys.executable, "-c", DRIVER_PRELUDE + steps, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0 and "ptrace" in completed.stderr:
        pytest.skip(f"strace cannot trace here: {completed.stderr.strip()[:200]}")
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "done" in completed.stdout, completed.stdout[-2000:]
    return completed.stdout


def opened_outside_the_kit(trace: Path, canary_dir: Path) -> list[str]:
    """The traced open calls of a canary file, ``/dev/zero`` or ``escape.png`` (a path that
    leaves the kit); asserts first that the trace really holds the app's own file access."""
    calls = trace.read_text()
    assert "presskit.yaml" in calls, "strace traced nothing of the app's own file access"
    return [
        line
        for line in calls.splitlines()
        if str(canary_dir) in line or '"/dev/zero"' in line or "escape.png" in line
    ]
