"""Start-up fallbacks and the unexpected-error dialog."""

from __future__ import annotations

import sys
from pathlib import Path

from kit_factory import make_kit, temp_settings
from PySide6.QtWidgets import QMessageBox

from app.model.opening import open_kit_location
from app.views.error_dialog import install_exception_hook
from app.views.main_window import MainWindow


def test_unloadable_kit_at_start_falls_back_to_the_bundled_kit(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_text("this is not a zip")
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.restore_and_show()
    window.open_location(broken, fall_back_to_bundled=True)
    qtbot.waitUntil(lambda: window.opened is not None, timeout=10000)
    assert window.opened.result.kit.film.title == "I.S.S."
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert "not a zip archive" in box.informativeText()
    assert "bundled I.S.S. kit is shown instead" in box.informativeText()
    box.close()


def test_unexpected_exception_shows_a_dialog_and_the_app_keeps_running(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    previous_hook = sys.excepthook
    log_file = tmp_path / "presskit.log"
    install_exception_hook(log_file)
    try:
        window = MainWindow(temp_settings(tmp_path))
        qtbot.addWidget(window)
        window.show_kit(open_kit_location(make_kit(tmp_path / "kit")), remember=False)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous_hook
    assert len(shown) == 1
    text, details = shown[0]
    assert "keeps running" in text
    assert "RuntimeError: boom in a slot" in details
    assert str(log_file) in details
    window.tab_actions[1].trigger()
    assert window.tab_widget.currentIndex() == 1
