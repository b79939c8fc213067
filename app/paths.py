"""The one place that finds the app's own files: bundled resources, the bundled kit, log folder.

Works from the source tree and from a PyInstaller bundle (where data files sit under
``sys._MEIPASS``). No Qt import, so the command line can use it without loading Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ISS Press Kit"
APP_SLUG = "iss-presskit"


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


def log_dir() -> Path:
    """The platform's per-user log folder for this app (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_NAME / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / APP_SLUG


def cache_dir() -> Path:
    """The platform's per-user cache folder for this app (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / APP_SLUG
