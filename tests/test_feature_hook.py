"""The viewer gives Python its own import function back after importing PySide6
(app.main._import_qt_without_feature_hook): PySide6's replacement reads the source of every
module that imports anything, looking for ``from __feature__`` switches, which this app never
uses. Imports of every kind keep working after it, in a fresh interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import builtins
    python_import = builtins.__import__
    from app.main import _import_qt_without_feature_hook
    _import_qt_without_feature_hook()
    assert builtins.__import__ is python_import, builtins.__import__
    # Classes, enums and modules of PySide6 imported afterwards, as the tabs do.
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QApplication, QFormLayout
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6 import QtSvg
    app = QApplication([])
    assert QKeySequence.StandardKey.Copy.name == "Copy"
    assert QFormLayout.ItemRole.FieldRole.value == 1
    assert QMediaPlayer.PlaybackState.StoppedState.name == "StoppedState"
    import app.views.main_window, app.views.stills_tab, app.views.trailer.trailer_tab
    print("ok")
    """
)


def test_imports_work_with_pythons_own_import_function() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert completed.stdout.strip().endswith("ok")


def test_the_app_uses_no_feature_switches() -> None:
    """If it ever did, PySide6's import function would have to stay."""
    users = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "app").rglob("*.py"))
        if re.search(r"^\s*(from __feature__|import __feature__)", path.read_text("utf-8"), re.M)
    ]
    assert users == []
