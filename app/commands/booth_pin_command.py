"""``presskit --set-booth-pin``: store the booth operator's PIN as a salted hash.

On a terminal the PIN is asked for twice without echo (getpass); otherwise one line is read
from stdin (``echo 4711 | presskit --set-booth-pin`` for provisioning scripts). The PIN itself
is never stored, logged or accepted on the command line.
"""

from __future__ import annotations

import getpass
import logging
import sys

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE

log = logging.getLogger(__name__)


def read_pin() -> str | None:
    """The PIN typed (twice on a terminal) or piped in; None after a message when unusable."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            first = getpass.getpass("New booth PIN (4 to 12 digits): ")
            second = getpass.getpass("The same PIN again: ")
        except EOFError:
            print(f"{COMMAND_NAME}: no PIN was entered; nothing changed", file=sys.stderr)
            return None
        if first != second:
            print(f"{COMMAND_NAME}: the two PINs differ; nothing changed", file=sys.stderr)
            return None
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def run_set_booth_pin() -> int:
    from app.model.booth_pin import hash_pin, pin_problem

    pin = read_pin()
    if pin is None:
        return EXIT_USAGE
    problem = pin_problem(pin)
    if problem:
        print(f"{COMMAND_NAME}: {problem}; nothing changed", file=sys.stderr)
        return EXIT_USAGE
    from PySide6.QtCore import QSettings

    from app.settings import BOOTH_PIN_HASH, Settings, user_settings_store

    backend = user_settings_store()
    settings = Settings(backend)
    settings.set(BOOTH_PIN_HASH, hash_pin(pin))
    settings.sync()
    if backend.status() != QSettings.Status.NoError:
        print(
            f"{COMMAND_NAME}: the PIN could not be stored in {backend.fileName()}", file=sys.stderr
        )
        return EXIT_FAILURE
    log.info("booth PIN changed (stored as a salted hash in %s)", backend.fileName())
    print(f"Booth PIN stored (as a salted hash) in {backend.fileName()}.")
    return EXIT_OK
