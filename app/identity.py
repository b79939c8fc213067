"""The app's names and exit codes, declared once.

Every module that names the app or ends the process with a status reads it from here, and so
does the PyInstaller spec (``build_spec.spec`` imports this module, as picard's spec imports
its package), so the bundle, the desktop integration and the running app cannot drift apart.
The version stays in ``app/__init__.py``, where ``pyproject.toml`` and ``.ci/run`` read it.

This module is on the start-up path and is imported by the build spec: standard library only,
no Qt, nothing that costs time to import.
"""

from __future__ import annotations

import logging
from typing import Final

log = logging.getLogger(__name__)

# -- names --------------------------------------------------------------------------------------

#: What a person reads: window titles, the About box, the desktop menu, the macOS bundle.
DISPLAY_NAME: Final = "I.S.S. Press Kit"

#: The one short name: the installed executable and Debian package, the desktop file and its
#: icon, the XDG state and cache folders, QSettings' application name and the name given to
#: the session's screen saver.
SLUG: Final = "iss-presskit"

#: The folder (QSettings' organisation) that holds each user's settings file, and the log and
#: cache folders on Windows and macOS. It keeps the older spelling without dots on purpose:
#: the settings file holds the booth PIN's hash and the recent kits, so renaming the folder
#: would leave every existing installation without its PIN (booth mode would then refuse to
#: start) and with a cold thumbnail cache.
USER_FOLDER_NAME: Final = "ISS Press Kit"

#: The command a person types from a source install (``pyproject.toml``'s console script):
#: the prefix of every message the command line prints.
COMMAND_NAME: Final = "presskit"

#: macOS bundle identifier.
BUNDLE_ID: Final = "org.presskit.IssPressKit"

# -- exit codes ---------------------------------------------------------------------------------

#: Done, and nothing wrong: a clean kit, every self-test check passed, a normal quit.
EXIT_OK: Final = 0
#: The command ran and its answer is no: the kit has errors, a self-test check failed, no kit
#: could be opened or painted, the booth PIN could not be stored.
EXIT_FAILURE: Final = 1
#: The person asked for something that cannot be done as asked: bad options, a KIT that is not
#: there, booth mode with no PIN set, an unusable PIN (argparse uses 2 as well).
EXIT_USAGE: Final = 2
#: A bug, not the person's input (sysexits' EX_SOFTWARE); the details go to the log file.
EXIT_INTERNAL: Final = 70
#: Interrupted with Ctrl+C: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED: Final = 130
