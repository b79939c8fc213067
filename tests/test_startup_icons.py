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
    from app.main import _import_model_before_qt
    _import_model_before_qt()
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
