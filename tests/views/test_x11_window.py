"""What only a real X server shows: the window title as the window manager gets it (Qt adds the
application's name there, once) and dialog buttons without the platform's light-theme icons.

The offscreen platform neither formats window titles nor gives dialog buttons icons, so these
run the app in a child process on an Xvfb display of their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kit_factory import make_kit

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(
        shutil.which("Xvfb") is None or shutil.which("xprop") is None,
        reason="needs Xvfb and xprop (Debian packages 'xvfb' and 'x11-utils')",
    ),
]

DRIVER = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QMessageBox
from app.model.opening import open_kit_location
from app.model.problems import Problem, Severity
from app.settings import Settings
from app.views.application import create_application
from app.views.kit_messages import problems_box
from app.views.main_window import MainWindow

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

app = create_application()
window = MainWindow(Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.show_kit(open_kit_location(Path(sys.argv[1])), remember=False)
window.show()
wait(500)
print("window", int(window.winId()), flush=True)
box = problems_box([Problem(Severity.ERROR, "presskit.yaml", "broken", 3)], window)
box.open()
wait(300)
ok = box.button(QMessageBox.StandardButton.Ok)
print("ok-icon", "none" if ok.icon().isNull() else "some", flush=True)
sys.stdin.readline()  # the test reads the title, then lets the app end
"""


@pytest.fixture
def x_display() -> Iterator[str]:
    for number in range(140, 190):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        for _ in range(200):
            if socket.exists():
                break
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_title_names_the_film_then_the_app_once_and_buttons_have_no_light_icons(
    x_display: str, tmp_path: Path, qapp
) -> None:
    kit = make_kit(tmp_path / "kit")
    env = {
        **{k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"},
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(kit), str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        window_line = child.stdout.readline().split()
        icon_line = child.stdout.readline().split()
        assert window_line[:1] == ["window"], child.stderr.read() if child.stderr else ""
        title = subprocess.run(
            ["xprop", "-id", window_line[1], "_NET_WM_NAME"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        assert title.strip() == '_NET_WM_NAME(UTF8_STRING) = "Test Film — I.S.S. Press Kit"'
        assert icon_line == ["ok-icon", "none"]
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
