"""Start booth mode: check the PIN is set, open the kit, lock the screen, run the loop."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app import paths
from app.model.booth_session import BoothConfig

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_KIT = 1
EXIT_USAGE = 2

NO_PIN_MESSAGE = (
    "presskit: booth mode needs an operator PIN to leave it, and none is set. Set one with "
    "'presskit --set-booth-pin', or start with --booth-no-pin to leave by holding "
    "Ctrl+Shift+Q for 3 seconds."
)
BOOTH_STYLESHEET = "styles/booth/20-booth.qss"


def load_booth_stylesheet() -> str:
    try:
        return paths.resource(BOOTH_STYLESHEET).read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("booth stylesheet missing (%s): the controls keep their normal size", exc)
        return ""


def run_booth(kit: Path | None, config: BoothConfig) -> int:
    from app.model.booth_pin import stored_hash_problem
    from app.settings import BOOTH_PIN_HASH
    from app.views.booth.booth_window import booth_settings

    settings = booth_settings()
    pin_hash = settings.get(BOOTH_PIN_HASH)
    if config.require_pin:
        problem = stored_hash_problem(pin_hash)
        if problem:
            detail = "" if not pin_hash else f" (the stored one is unusable: {problem})"
            print(NO_PIN_MESSAGE + detail, file=sys.stderr)
            return EXIT_USAGE

    os.environ.setdefault("QT_NO_NETWORK_PROXY_AUTODETECT", "1")
    from app.log import log_file_path
    from app.model.opening import KitOpenError, open_kit_location
    from app.views.application import create_application
    from app.views.error_dialog import install_exception_hook, set_error_dialogs_enabled

    app = create_application()
    app.setStyleSheet(app.styleSheet() + "\n" + load_booth_stylesheet())
    install_exception_hook(log_file_path())
    set_error_dialogs_enabled(False)  # errors are logged; no dialog for a visitor to poke at

    opened = None
    if kit is not None:
        try:
            opened = open_kit_location(kit)
        except KitOpenError as exc:
            log.error("booth mode: cannot open %s, showing the bundled kit: %s", kit, exc)
            print(f"presskit: cannot open {kit}; showing the bundled kit instead", file=sys.stderr)
    if opened is None:
        try:
            opened = open_kit_location(paths.bundled_kit_dir())
        except KitOpenError as exc:
            log.error("booth mode: the bundled kit cannot load: %s", exc)
            print("presskit: no press kit could be opened for booth mode", file=sys.stderr)
            return EXIT_NO_KIT
    for problem in opened.result.problems:
        log.warning("booth mode: kit problem: %s", problem.format())

    from app.views.application import app_icon
    from app.views.booth.booth_window import BoothWindow
    from app.views.booth.screensaver import ScreenSaverInhibitor

    window = BoothWindow(settings, config, pin_hash if config.require_pin else None)
    window.show_kit(opened)
    window.exit_confirmed.connect(lambda: app.exit(EXIT_OK))
    app.setWindowIcon(app_icon())
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()
    log.info(
        "booth mode: idle %g s, slides %g s, sound %s, PIN %s",
        config.idle_seconds,
        config.slide_seconds,
        "on" if config.sound else "off",
        "required" if config.require_pin else "not required",
    )
    window.start()
    try:
        return app.exec()
    finally:
        inhibitor.release()
