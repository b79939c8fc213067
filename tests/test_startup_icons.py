"""PySide6's import function stays: qtpy (under qtawesome) star-imports PySide6's modules, and
their classes appear through that function. Removing it once saved ~8 ms of start-up and left
the viewer without a single icon ('no icon named ...' for each). In a fresh interpreter, going
through the viewer's own start-up imports, icons are made."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    from app.main import _import_model_before_qt, _spare_the_apps_modules_pysides_source_scan
    _import_model_before_qt()
    _spare_the_apps_modules_pysides_source_scan()
    from app.views.application import create_application
    app = create_application()
    from app.views.icons import icon
    for name in ("mdi6.magnify", "mdi6.play-circle-outline", "mdi6.image-multiple-outline"):
        assert not icon(name).isNull(), name
    print("ok")
    """
)


def test_icons_are_made_after_the_viewers_start_up_imports() -> None:
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
    assert "no icon named" not in completed.stderr


SCAN_PROBE = textwrap.dedent(
    """
    import inspect, sys
    from app.main import _import_model_before_qt, _spare_the_apps_modules_pysides_source_scan
    _import_model_before_qt()
    _spare_the_apps_modules_pysides_source_scan()
    scanned = []
    real_getsource = inspect.getsource
    def getsource(obj):
        scanned.append(getattr(obj, "__name__", "?"))
        return real_getsource(obj)
    inspect.getsource = getsource
    import app.views.main_window, app.views.overview_tab
    import json, PySide6.QtWidgets  # json: a module of someone else's, after PySide6
    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    print("scanned", " ".join(scanned))
    print("flags", features.get("app.views.overview_tab"), features.get("app.views.kit_text"),
          features.get("json"))
    """
)


def test_the_viewers_modules_are_not_read_for_pysides_feature_switches() -> None:
    """PySide6 reads each imported module's source to see whether it uses PySide6; the viewer's
    own are answered without reading (~4 ms of start-up), as the scan would answer them, and
    every other module is still scanned."""
    completed = subprocess.run(
        [sys.executable, "-c", SCAN_PROBE],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in completed.stdout.strip().splitlines())
    scanned = lines["scanned"].split()
    assert not [name for name in scanned if name == "app" or name.startswith("app.")], scanned
    assert "json" in scanned
    # 0: "uses PySide6, no feature switched", what the scan says of a module importing Qt.
    assert lines["flags"].split() == ["0", "0", "-1"]
