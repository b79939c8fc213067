"""Start the viewer: the Qt application, the theme, the first kit, the main window.

Start-up path: the main window is imported once the application exists (Qt style, as elsewhere,
otherwise); see tests/views/test_startup_path.py for what the first paint may cost.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from app import __version__, paths
from app.identity import DISPLAY_NAME, EXIT_FAILURE, EXIT_OK, SLUG, USER_FOLDER_NAME
from app.log import log_file_path
from app.media.images import warm_image_plugins
from app.model.kit_choice import open_kit_or_bundled
from app.model.kit_snapshot import user_kit_snapshots
from app.model.opening import is_archive
from app.settings import DEFAULT_WINDOW_SIZE, Settings
from app.views.error_dialog import install_exception_hook
from app.views.key_art_prefetch import prefetch_key_art
from app.views.palette import themed

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from app.views.main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_PAINT_TIMEOUT_MS = 20_000


def load_stylesheet() -> str:
    """The viewer's stylesheets (``resources/styles/*.qss``, in name order), themed."""
    styles = sorted(paths.resource("styles").glob("*.qss"))
    return "\n".join(themed(path.read_text(encoding="utf-8"), str(path)) for path in styles)


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon  # its 151-member ThemeIcon enum: after the first paint

    icon = QIcon(str(paths.resource("icons/app.svg")))
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = paths.resource(f"icons/app-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    return icon


def create_application(warm_plugins: bool = True) -> QApplication:
    """The application, styled; ``warm_plugins=False`` leaves the image plugins to the caller
    (see :func:`~app.media.images.warm_image_plugins`)."""
    existing = QApplication.instance()
    # Fusion on every platform, chosen by Qt's own -style argument: asking app.style() for its
    # name from Python would build the Python enums of QStyle before the first paint.
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([*sys.argv[:1], "-style", "fusion"])
    )
    app.setOrganizationName(USER_FOLDER_NAME)
    app.setApplicationName(SLUG)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(SLUG)
    # A QApplication made before this one (the tests') gets the app's style as well.
    if isinstance(existing, QApplication) and existing.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setStyleSheet(load_stylesheet())
    if warm_plugins:
        warm_image_plugins()
    return app


def run_viewer(kit: Path | None, exit_after_first_paint: bool = False) -> int:
    # The app never talks to a network; keep Qt's own proxy lookups from trying either.
    os.environ.setdefault("QT_NO_NETWORK_PROXY_AUTODETECT", "1")
    # The image plugins are loaded before the first pool decode (the key art's, when it is
    # not in the cache, or an archive's) or else after the first paint: ~1 ms a warm start
    # does not wait for.
    app = create_application(warm_plugins=False)
    install_exception_hook(log_file_path())
    settings = Settings()
    # The first start's snapshot is written once the first screen is up.
    snapshots = user_kit_snapshots()
    snapshots.hold_saves()
    unpack_first = kit is not None and is_archive(kit) and kit.is_file()
    if unpack_first:
        warm_image_plugins()
    choice = None
    if not unpack_first or exit_after_first_paint:
        # Opened before the main window is imported and built, so that the key art decodes
        # on a pool thread meanwhile (see key_art_prefetch).
        choice = open_kit_or_bundled(kit, snapshots=snapshots)
        if choice.opened is not None:
            screen = app.primaryScreen()
            ratio = screen.devicePixelRatio() if screen is not None else 1.0
            prefetch_key_art(choice.opened.result.kit, DEFAULT_WINDOW_SIZE[1], ratio)
    from app.views.main_window import MainWindow

    window = MainWindow(settings, snapshots=snapshots)
    window.after_first_paint(snapshots.write_held)
    window.after_first_paint(warm_image_plugins)
    # Loading the SVG and eight PNG sizes costs ~10 ms: done once the first screen is up.
    window.after_first_paint(lambda: app.setWindowIcon(app_icon()))
    window.after_first_paint(_end_start_up_gc_pause)
    if choice is None:
        # Unpacking may take a while: show the window and its progress dialog first.
        assert kit is not None
        window.restore_and_show()
        QTimer.singleShot(0, window, lambda: window.open_location(kit, fall_back_to_bundled=True))
        return _run_event_loop(app, window, settings)

    opened = choice.opened
    failure = choice.first_failure
    if opened is None and exit_after_first_paint:
        return EXIT_FAILURE
    if opened is not None:
        window.show_kit(opened, remember=kit is not None and choice.failure is None)

    if exit_after_first_paint:
        window.overview_painted.connect(lambda: app.exit(EXIT_OK))
        QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, lambda: app.exit(EXIT_FAILURE))
    window.restore_and_show()
    if failure is not None and not exit_after_first_paint:
        shown = opened is not None
        reported = failure
        QTimer.singleShot(0, window, lambda: window.report_open_failure(reported, fell_back=shown))
    elif opened is not None and opened.result.problems and not exit_after_first_paint:
        loaded = opened
        QTimer.singleShot(0, window, lambda: window.report_problems(loaded))
    return _run_event_loop(app, window, settings)


def _end_start_up_gc_pause() -> None:
    """app.main paused the cycle collector for start-up; the first screen is up: resume it."""
    # What start-up built lives as long as the app: keep it out of every later collection.
    gc.freeze()
    gc.enable()


def _run_event_loop(app: QApplication, window: MainWindow, settings: Settings) -> int:
    status = app.exec()
    # Save and release what must not wait for the interpreter's teardown (app.main.run skips
    # it): the settings, the kit (an unpacked .zip's temporary folder), work still running.
    window.shut_down()
    settings.sync()
    QThreadPool.globalInstance().waitForDone(5000)
    return status
