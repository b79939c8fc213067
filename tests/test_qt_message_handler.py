"""No Python Qt message handler is ever installed, by the app or around the tests (issue 16).

PySide6 runs a Python message handler on whichever thread logs, taking the GIL; Qt's FFmpeg
backend logs from its media threads. Its glue reads the handler after taking the GIL, so a
media thread still waiting for the GIL when the handler is uninstalled calls a NULL handler: a
segmentation fault in a thread with no Python frame, as when pytest-qt uninstalls its log
capture at the end of a booth test (a script toggling a handler while three looping players
restart crashed so within 30 s). And a media thread waiting there while the main thread holds
the GIL inside QMediaPlayer.stop() never returns: a hang. pyproject.toml turns the capture off.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler

APP = Path(__file__).resolve().parent.parent / "app"


def test_no_python_message_handler_is_installed_while_a_test_runs(qtbot) -> None:
    # Uninstalling returns the Python handler in place, if any; none is, so this changes
    # nothing. With pytest-qt's capture on (no --no-qt-log) it returns pytest-qt's method.
    assert qInstallMessageHandler(None) is None


def test_the_app_installs_no_python_message_handler() -> None:
    installs = [
        f"{path.relative_to(APP.parent)}:{number}"
        for path in sorted(APP.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bqInstallMessageHandler\b", line)
    ]
    assert installs == []
