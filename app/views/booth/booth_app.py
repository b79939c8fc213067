"""Start booth mode: check the PIN is set, open the kit, lock the screen, run the loop."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app import paths
from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.model.booth_session import BoothConfig
from app.views.palette import themed

log = logging.getLogger(__name__)

NO_PIN_MESSAGE = (
    f"{COMMAND_NAME}: booth mode needs an operator PIN to leave it, and none is set. Set one "
    f"with '{COMMAND_NAME} --set-booth-pin', or start with --booth-no-pin to leave by holding "
    "Ctrl+Shift+Q for 3 seconds."
)
BOOTH_STYLESHEET = "styles/booth/20-booth.qss"


def load_booth_stylesheet() -> str:
    """Booth mode's larger controls, themed from the palette like the viewer's stylesheets."""
    path = paths.resource(BOOTH_STYLESHEET)
    try:
        return themed(path.read_text(encoding="utf-8"), str(path))
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
    from app.model.kit_choice import open_kit_or_bundled
    from app.views.application import create_application
    from app.views.error_dialog import install_exception_hook, set_error_dialogs_enabled

    app = create_application()
    app.setStyleSheet(app.styleSheet() + "\n" + load_booth_stylesheet())
    install_exception_hook(log_file_path())
    set_error_dialogs_enabled(False)  # errors are logged; no dialog for a visitor to poke at

    from app.model.booth_watch import StableFiles, newest_good_kit

    stable = StableFiles()
    # Started (or restarted by its unit) with a watched folder: the newest good kit there.
    watched = newest_good_kit(config.watch_dir, stable) if config.watch_dir else None
    opened = watched.opened if watched is not None else None
    if opened is None:
        choice = open_kit_or_bundled(kit)
        if choice.failure is not None:
            print(
                f"{COMMAND_NAME}: cannot open {kit}; showing the bundled kit instead",
                file=sys.stderr,
            )
        opened = choice.opened
    if opened is None:
        print(f"{COMMAND_NAME}: no press kit could be opened for booth mode", file=sys.stderr)
        return EXIT_FAILURE
    for kit_problem in opened.result.problems:
        log.warning("booth mode: kit problem: %s", kit_problem.format())

    from app.views.application import app_icon
    from app.views.booth.booth_window import BoothWindow
    from app.views.booth.screensaver import ScreenSaverInhibitor

    qr = None
    if config.qr_url:
        from app.model.booth_qr import qr_modules
        from app.views.booth.qr_code import BoothQr

        qr = BoothQr(qr_modules(config.qr_url), config.qr_url)
    window = BoothWindow(settings, config, pin_hash if config.require_pin else None, qr=qr)
    window.show_kit(opened)
    if config.watch_dir is not None:
        from app.views.booth.kit_watch import KitWatch

        window.set_kit_watch(KitWatch(config.watch_dir, window.clock, stable, watched, window))
    window.exit_confirmed.connect(lambda: app.exit(EXIT_OK))
    app.setWindowIcon(app_icon())
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()
    log.info(
        "booth mode: idle %g s, slides %g s, sound %s, PIN %s, QR %s, watching %s",
        config.idle_seconds,
        config.slide_seconds,
        "on" if config.sound else "off",
        "required" if config.require_pin else "not required",
        config.qr_url or "none",
        config.watch_dir or "nothing",
    )
    window.start()
    try:
        return app.exec()
    finally:
        inhibitor.release()
