"""The one place that finds the app's own files: bundled resources, the bundled kit, and the
person's log, cache and data folders.

Works from the source tree and from a PyInstaller bundle (where data files sit under
``sys._MEIPASS``). No Qt import, so the command line can use it without loading Qt.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app.identity import SLUG, USER_FOLDER_NAME

log = logging.getLogger(__name__)


def bundle_root() -> Path:
    """Folder that holds ``resources/`` and ``presskit/``: the bundle when frozen, else the repo."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def resource(relative: str) -> Path:
    """A file under ``resources/``, e.g. ``resource("styles/dark.qss")``."""
    return resources_dir() / relative


def bundled_kit_dir() -> Path:
    """The press kit that ships with the app (the *I.S.S.* kit)."""
    return bundle_root() / "presskit"


def _user_dir(windows: str, macos: tuple[str, str], xdg_variable: str, xdg_default: str) -> Path:
    """A per-user folder of this app by each platform's convention (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / USER_FOLDER_NAME / windows
    if sys.platform == "darwin":
        return Path.home() / "Library" / macos[0] / macos[1]
    return Path(os.environ.get(xdg_variable) or Path.home() / xdg_default) / SLUG


def log_dir() -> Path:
    return _user_dir("Logs", ("Logs", USER_FOLDER_NAME), "XDG_STATE_HOME", ".local/state")


def cache_dir() -> Path:
    return _user_dir("Cache", ("Caches", USER_FOLDER_NAME), "XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    """What the person made and would miss if it were deleted (a cache is not): their picks."""
    return _user_dir(
        "Data", ("Application Support", USER_FOLDER_NAME), "XDG_DATA_HOME", ".local/share"
    )


def picks_dir() -> Path:
    """One small JSON file per kit with the person's picks, rejects and stars."""
    return data_dir() / "picks"
