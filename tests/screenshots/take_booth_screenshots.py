"""Screenshots of booth mode in a real X server (Xvfb), for looking at it and for the README.

    python tests/screenshots/take_booth_screenshots.py [--out tests/screenshots]

Runs the real BoothWindow with the bundled kit on a ManualClock (so each shot is taken at a
chosen moment of the loop) and grabs the whole screen, native video included:
booth-01-attract-trailer, -02-attract-still, -03-attract-crossfade, -04-attract-title,
-05-visitor, -06-visitor-trailer, -07-countdown, -08-pin.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
sys.path.insert(0, str(ROOT))
SIZE = "1600x1000x24"


def _child(out: Path) -> int:
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.model.attract import StepKind
    from app.model.booth_pin import hash_pin
    from app.model.booth_session import BoothConfig
    from app.model.clock import ManualClock
    from app.model.opening import open_kit_location
    from app.settings import BoothSettings
    from app.views.application import create_application
    from app.views.booth.booth_app import load_booth_stylesheet
    from app.views.booth.booth_window import BOOTH_DEFAULTS, BoothWindow
    from app.views.trailer.trailer_tab import TrailerTab

    app = create_application()
    app.setStyleSheet(app.styleSheet() + "\n" + load_booth_stylesheet())
    folder = Path(tempfile.mkdtemp(prefix="booth-shots-"))
    settings = BoothSettings(
        BOOTH_DEFAULTS, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    )
    clock = ManualClock()
    window = BoothWindow(settings, BoothConfig(), hash_pin("2468"), clock)
    window.show_kit(open_kit_location(paths.bundled_kit_dir()))
    window.attract.trailer_tail_ms = 3500
    window.start()

    def wait(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def wait_for(condition, limit: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + limit
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("take_booth_screenshots: timed out")
            wait(0.05)

    def shoot(name: str) -> None:
        wait(0.3)
        image = app.primaryScreen().grabWindow(0)
        image.save(str(out / f"booth-{name}.png"))
        print(f"wrote booth-{name}.png")

    attract = window.attract
    wait_for(lambda: attract._layout.currentWidget() is attract.video)
    wait(1.5)
    shoot("01-attract-trailer")
    end = time.monotonic() + 8
    while attract.step is not None and attract.step.kind is StepKind.TRAILER:
        if time.monotonic() > end:  # no end of media reported: the loop's own time limit
            clock.advance(20)
        wait(0.1)
    wait_for(lambda: attract.step is not None and attract.step.kind is StepKind.STILL)
    wait_for(lambda: attract.canvas.current is not None)
    clock.advance(2.5)
    shoot("02-attract-still")
    wait_for(lambda: attract.sequence is not None)
    clock.advance(attract.config.slide_seconds - 2.5)
    wait_for(lambda: attract.canvas.previous is not None)
    clock.advance(attract.config.fade_seconds / 2)
    shoot("03-attract-crossfade")
    while attract.step is not None and attract.step.kind is not StepKind.TITLE:
        clock.advance(0.5)
        wait(0.05)
    clock.advance(1.5)
    shoot("04-attract-title")

    QTest.mouseClick(
        attract, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(800, 500)
    )
    wait(1.5)
    shoot("05-visitor")
    trailer = window.show_tab(TrailerTab)
    wait(1.5)
    assert isinstance(trailer, TrailerTab)
    shoot("06-visitor-trailer")
    window.tab_widget.setCurrentIndex(0)
    clock.advance(window.config.idle_seconds + 3.2)
    shoot("07-countdown")
    QTest.mouseClick(window.countdown.continue_button, Qt.MouseButton.LeftButton)
    QTest.keyPress(
        window,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    clock.advance(3.1)
    QTest.keyClicks(window.exit_prompt.pin_edit, "1111")
    QTest.keyClick(window.exit_prompt.pin_edit, Qt.Key.Key_Return)
    shoot("08-pin")
    window.leave()
    QApplication.processEvents()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "screenshots")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    if options.child:
        return _child(options.out)
    from _display import x_display

    with x_display(SIZE) as env:
        env = {**env, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="booth-shots-config-")}
        command = [sys.executable, __file__, "--child", "--out", str(options.out)]
        return subprocess.run(command, env=env, cwd=ROOT, check=False, timeout=300).returncode


if __name__ == "__main__":
    os.environ.setdefault("QT_NO_NETWORK_PROXY_AUTODETECT", "1")
    sys.exit(main())
