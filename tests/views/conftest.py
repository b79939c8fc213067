"""Fixtures for the trailer tests: small real kits around the media in tests/data/media.

The media files are made by ``tests/data/media/make_media_fixtures.py`` (which documents how
each one was made); the kits are written to ``tmp_path`` per test and loaded with the real
``load_press_kit``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.model.loader import load_press_kit
from app.settings import TRAILER_MUTED, Settings

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"

WriteKit = Callable[..., Path]


@pytest.fixture
def media() -> Path:
    return MEDIA


@pytest.fixture
def write_trailer_kit(tmp_path: Path) -> WriteKit:
    """``write_trailer_kit(video, poster=..., captions=...)``: a kit folder in tmp_path.

    ``video``/``poster``/``captions`` name files in tests/data/media (copied into the kit's
    ``trailer/`` folder); ``video=None`` writes a kit with no trailer; ``missing=True`` names
    the video in the manifest without copying it.
    """
    counter = iter(range(1000))

    def write(
        video: str | None = "valid.mp4",
        poster: str | None = "poster.jpg",
        captions: str | None = "valid.en.vtt",
        missing: bool = False,
    ) -> Path:
        root = tmp_path / f"kit{next(counter)}"
        (root / "trailer").mkdir(parents=True)
        lines = [
            "format: presskit/1",
            "film:",
            "  title: Trailer Test Film",
            "synopsis:",
            "  short: A kit for the trailer tests.",
        ]
        if video is not None:
            lines += ["trailer:", f"  file: trailer/{video}", "  title: Teaser"]
            if not missing:
                shutil.copyfile(MEDIA / video, root / "trailer" / video)
            for key, name in (("poster", poster), ("captions", captions)):
                if name is not None:
                    shutil.copyfile(MEDIA / name, root / "trailer" / name)
                    lines.append(f"  {key}: trailer/{name}")
        (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return root

    return write


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
    from app.views.trailer_tab import TrailerTab

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
