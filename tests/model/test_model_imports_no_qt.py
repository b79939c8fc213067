"""The model package is plain Python: importing all of it loads no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
import app.model
names = sorted(
    info.name for info in pkgutil.walk_packages(app.model.__path__, "app.model.")
)
for name in names:
    importlib.import_module(name)
qt = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("PySide6", "shiboken6", "qtawesome")
)
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_importing_every_model_module_loads_no_qt() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert "app.model.loader" in report["imported"]
    assert "app.model.media_headers" in report["imported"]
    assert "app.model.validate" in report["imported"]
    assert report["qt"] == []
