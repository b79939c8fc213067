"""Fixtures for the view tests: settings of their own, a shown Trailer tab, booth windows.

The small kits around tests/data/media (``media``, ``write_trailer_kit``) are in
tests/conftest.py, shared with the media tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.settings import TRAILER_MUTED, Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in an INI file of this test's own: never the person's real settings.

    Muted, so the test tones stay quiet on a machine with speakers.
    """
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(TRAILER_MUTED, True)
    return settings


@pytest.fixture
def make_trailer_tab(qtbot, settings: Settings) -> Iterator[Callable[..., object]]:
    """``make_trailer_tab(kit_dir, show=True)``: a TrailerTab in a shown host window.

    Every tab made is shut down (player stopped, file released) at the end of the test.
    """
    from app.views.trailer.trailer_tab import TrailerTab

    made: list[tuple[TrailerTab, QWidget]] = []

    def make(kit_dir: Path, show: bool = True, tab_settings: Settings | None = None) -> TrailerTab:
        kit = load_press_kit(kit_dir).kit
        host = QWidget()
        qtbot.addWidget(host)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        tab = TrailerTab(kit, tab_settings or settings, host)
        layout.addWidget(tab)
        host.resize(960, 600)
        made.append((tab, host))
        if show:
            host.show()
            qtbot.waitExposed(host)
        return tab

    yield make
    for tab, host in made:
        tab.shutdown()
        host.close()


# Booth mode's fixtures (a started BoothWindow on a ManualClock, kits with broken media).
from booth_support import booth_ini, booth_kit, make_booth  # noqa: E402, F401
