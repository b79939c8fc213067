"""Render every tab of the viewer in a real window and save PNG screenshots.

Run under a real X server (the README's screenshots are made this way)::

    xvfb-run -s "-screen 0 1600x1000x24" \
        .venv/bin/python tests/screenshots/take_screenshots.py [OUT]

Each tab is shown, given time to load its content (thumbnails, the trailer's first frames),
then grabbed from the screen, not rendered offscreen: this is what a person sees.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app import paths
from app.model.opening import open_kit_location
from app.settings import Settings
from app.views.application import create_application
from app.views.icons import install_pending_icons
from app.views.main_window import MainWindow
from app.views.tab_specs import TAB_SPECS, tab_index

HERE = Path(__file__).resolve().parent


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = Settings(
        QSettings(str(out / ".screenshot-settings.ini"), QSettings.Format.IniFormat)
    )
    window = MainWindow(settings)
    window.show_kit(open_kit_location(paths.bundled_kit_dir()), remember=False)
    window.resize(1440, 900)
    window.show()
    install_pending_icons()
    wait(800)
    for index, spec in enumerate(TAB_SPECS):
        if not window.tab_widget.isTabVisible(index):
            continue
        window.tab_widget.setCurrentIndex(index)
        wait(1500)
        if spec.class_name == "TrailerTab":
            tab = window.hosts[index].ensure_tab()
            player = getattr(tab, "player", None)
            if player is not None:
                player.play()
                started = time.monotonic()
                while time.monotonic() - started < 12 and player.position() < 9000:
                    wait(100)
                player.pause()
                wait(300)
        QApplication.processEvents()
        screen = window.screen()
        pixmap = screen.grabWindow(window.winId())
        name = f"{index + 1:02d}-{spec.default_title.lower().replace(' ', '-')}.png"
        pixmap.save(str(out / name))
        print(out / name)
    if window.hosts:
        stills = window.hosts[tab_index("stills")].ensure_tab()
        open_viewer = getattr(stills, "open_viewer", None)
        if open_viewer is not None and window.opened and window.opened.result.kit.stills:
            window.tab_widget.setCurrentIndex(tab_index("stills"))
            open_viewer(1)
            wait(2500)
            viewer = stills.viewer
            if viewer is not None:
                pixmap = viewer.screen().grabWindow(viewer.winId())
                pixmap.save(str(out / "08-still-viewer.png"))
                print(out / "08-still-viewer.png")
                # The slideshow running: its button shows "Stop" with a pause icon.
                viewer.start_slideshow()
                wait(300)
                pixmap = viewer.screen().grabWindow(viewer.winId())
                pixmap.save(str(out / "09-still-viewer-slideshow.png"))
                print(out / "09-still-viewer-slideshow.png")
                viewer.stop_slideshow()
                viewer.close()
    window.close()
    (out / ".screenshot-settings.ini").unlink(missing_ok=True)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
