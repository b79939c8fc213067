"""The Press tab, its laurels and the person card open no file that kit text names.

Checked at the system-call level, as tests/views/test_no_file_reads.py does for the other
tabs: a presskit/1.1 kit whose quotes, awards and people are HTML naming canary files
(``/tmp/canary-<uuid>/…``) and ``/dev/zero`` is shown by the real widgets in a child process
under ``strace -f -e trace=openat``; tooltips are shown, the quotes copied, the person card
opened with its biography's links clicked. A Python-level patch would miss Qt's C++ file
access, which is where rich text and image readers open files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DRIVER = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QEventLoop, QObject, QPoint, QSettings, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from app.settings import Settings
from app.views.application import create_application
from app.views.icons import install_pending_icons
from app.views.main_window import MainWindow
from app.views.person_card import show_person_card
from app.views.press_tab import PressTab

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
    window.grab()

kit_root, settings_file, person = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
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
press = window.show_tab(PressTab)
wait(500)
show_everything(window)
for card in press.quote_cards:
    card.copy_button.click()
    if card.link_button is not None:
        card.link_button.click()
wait(100)
person_card = show_person_card(window, window.opened.result.kit, person)
assert person_card is not None, "no card"
wait(500)
show_everything(person_card)
for link in ("https://example.org", "/dev/zero", "run.sh", "../escape.png"):
    person_card.bio.anchorClicked.emit(QUrl(link)); wait(50)
person_card.copy_button.click()
person_card.close()
print("opened-urls", recorder.urls)
window.close()
wait(100)
print("done")
"""


def _markup(canary: Path, name: str) -> str:
    return (
        f'<b>NO</b> <img src="{canary}/{name}-q.png"> <img src={canary}/{name}-u.png> '
        f"<img src='/dev/zero'> <a href=\"file://{canary}/{name}-a\">x</a> "
        f"<span style=\"background-image:url('{canary}/{name}-css.png')\">s</span> &amp;"
    )


def _write_kit(root: Path, canary: Path) -> str:
    def text(name: str) -> str:
        return json.dumps(_markup(canary, name))  # a JSON string is a YAML double-quoted one

    person = _markup(canary, "person")
    bio = (
        f'Raw <img src="/dev/zero"> <img src={canary}/bio-u.png> '
        f"![md]({canary}/bio-md.png) ![up](../escape.png) [a link](https://example.org) "
        f"[run](run.sh)"
    )
    root.mkdir(parents=True)
    (root / "presskit.yaml").write_text(
        "format: presskit/1.1\n"
        f"film: {{title: {text('title')}}}\n"
        "synopsis: {short: A kit for the tests.}\n"
        f"credits: {{cast: [{{name: {json.dumps(person)}, role: {text('role')}}}]}}\n"
        "awards:\n"
        f"  - {{festival: {text('festival')}, year: 2030, result: winner,"
        f" category: {text('category')}}}\n"
        "quotes:\n"
        f"  - {{text: {text('quote')}, source: {text('source')}, author: {text('author')},"
        " url: https://example.org/review}\n"
        "people:\n"
        f"  - name: {json.dumps(person)}\n"
        f"    pronunciation: {text('pronunciation')}\n"
        f"    photo_credit: {text('credit')}\n"
        f"    bio: {json.dumps(bio)}\n",
        encoding="utf-8",
    )
    return person


@pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace is not installed (Debian package 'strace'; .ci/run installs it)",
)
def test_press_and_person_card_open_no_file_kit_text_names(tmp_path: Path) -> None:
    canary = Path(f"/tmp/canary-{uuid.uuid4().hex}")
    canary.mkdir()
    try:
        # The canaries exist, so a reader that tried would succeed and be seen doing so.
        for name in ("title", "festival", "quote", "person", "bio-md", "bio-u"):
            (canary / f"{name}-q.png").write_bytes(b"\x89PNG")
        kit = tmp_path / "kit"
        person = _write_kit(kit, canary)
        trace = tmp_path / "openat.trace"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
        strace = ["strace", "-f", "-qq", "-e", "trace=openat,open,openat2", "-o", str(trace)]
        driver = [sys.executable, "-c", DRIVER, str(kit), str(tmp_path / "s.ini"), person]
        completed = subprocess.run(
            [*strace, *driver],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(canary, ignore_errors=True)
    if completed.returncode != 0 and "ptrace" in completed.stderr:
        pytest.skip(f"strace cannot trace here: {completed.stderr.strip()[:200]}")
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "done" in completed.stdout, completed.stdout[-2000:]
    # Only the quote's web address and the biography's web link reached the desktop.
    assert "opened-urls ['https://example.org/review', 'https://example.org']" in completed.stdout
    calls = trace.read_text()
    assert "presskit.yaml" in calls  # strace really traced the app's own file access
    opened = [
        line
        for line in calls.splitlines()
        if str(canary) in line or '"/dev/zero"' in line or "escape.png" in line
    ]
    assert opened == [], "files outside the kit were opened:\n" + "\n".join(opened[:20])
