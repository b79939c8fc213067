"""Kit text never makes the app open a file: checked at the system-call level with strace.

A kit whose every text field is HTML naming canary files (``/tmp/canary-<uuid>/…``) and
``/dev/zero`` is opened by the real app in a child process, which shows every tab (painted),
the trailer playing with its captions, the problem dialog, the still viewer for each still,
every tooltip, a click on every kind of link in the notes, and booth mode (attract loop
through stills and title card, then visitor mode through every tab), all under
``strace -f -e trace=openat``. A Python-level patch would miss Qt's C++ file access, which is
where rich text reads images.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_kit import HostileKit
from traced_app import opened_outside_the_kit, run_traced

VIEWS = Path(__file__).resolve().parent

STEPS = r"""
from app.model.booth_session import BoothConfig
from app.model.clock import ManualClock
from app.settings import BoothSettings
from app.views.notes_tab import NotesTab
from app.views.stills_tab import StillsTab
from app.views.trailer.trailer_tab import TrailerTab
from app.views.still_viewer import StillViewer
for index in range(window.tab_widget.count()):
    if window.tab_widget.isTabVisible(index):
        window.tab_widget.setCurrentIndex(index)
        wait(300)
        show_everything(window)
trailer = window.show_tab(TrailerTab)
wait(300)
trailer.player.play(); wait(1500); show_everything(window); trailer.player.pause()
notes = window.show_tab(NotesTab)
wait(100)
for link in ("https://example.org", "mailto:press@example.org", "run.sh", "setup.desktop",
             "codec.exe", "stills/one.jpg", "stills/link-out.png", "/dev/zero",
             "file:///etc/hostname", "../escape.png"):
    notes.browser.anchorClicked.emit(QUrl(link)); wait(100)
show_everything(window)
stills = window.show_tab(StillsTab)
wait(300)
model = stills.model
for row in range(model.rowCount()):
    tip = model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
    QToolTip.showText(QPoint(10, 10), tip, stills)
    wait(20)
    stills.open_viewer(row); wait(400)
    for viewer in [w for w in QApplication.topLevelWidgets() if isinstance(w, StillViewer)]:
        show_everything(viewer); viewer.close()
    wait(50)
print("opened-urls", recorder.urls)
window.close()
wait(100)

# Booth mode: the attract loop (trailer, stills with captions, the title card), then a visitor.
from app.views.booth.booth_window import BOOTH_DEFAULTS, BoothWindow
backend = QSettings(settings_file + ".booth", QSettings.Format.IniFormat)
settings = BoothSettings(BOOTH_DEFAULTS, backend)
clock = ManualClock()
booth = BoothWindow(settings, BoothConfig(slide_seconds=2.0, require_pin=False), None, clock)
from app.model.opening import open_kit_location
booth.show_kit(open_kit_location(kit_root))
booth.start()
wait(300)
for _ in range(60):
    clock.advance(0.5); wait(30)
    booth.grab()
from PySide6.QtTest import QTest
QTest.mouseClick(booth.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
wait(200)
for index in range(booth.tab_widget.count()):
    if booth.tab_widget.isTabVisible(index):
        booth.tab_widget.setCurrentIndex(index); wait(300); show_everything(booth)
booth.leave()
wait(100)
print("done")
"""


@pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace is not installed (Debian package 'strace'; .ci/run installs it)",
)
def test_hostile_kit_text_opens_no_file_outside_the_kit(qapp, tmp_path: Path) -> None:
    hostile = HostileKit(tmp_path / "hostile")
    hostile.write()
    trace = tmp_path / "openat.trace"
    try:
        stdout = run_traced(STEPS, [str(hostile.root), str(tmp_path / "settings.ini")], trace)
    finally:
        hostile.remove_canaries()
    # Only the web and mail links reached the desktop's opener; kit files never did.
    assert "opened-urls ['https://example.org', 'mailto:press@example.org']" in stdout
    opened = opened_outside_the_kit(trace, hostile.canary_dir)
    assert opened == [], "files outside the kit were opened:\n" + "\n".join(opened[:20])
