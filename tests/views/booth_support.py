"""Fixtures for the booth tests: kits with a trailer (good or broken) and stills (some broken),
and a real BoothWindow on a ManualClock with its own settings file."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kit_factory import make_kit, write_image
from PySide6.QtCore import QSettings

from app.model.booth_pin import hash_pin
from app.model.booth_session import BoothConfig
from app.model.clock import ManualClock
from app.model.opening import open_kit_location
from app.model.times import WallClock
from app.settings import BoothSettings
from app.views.booth.booth_window import BOOTH_DEFAULTS, BoothWindow
from app.views.booth.qr_code import BoothQr

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"
PIN = "2468"

TRAILER = """\
trailer:
  file: trailer/{video}
  title: Teaser
  captions: trailer/valid.en.vtt
"""
UNDECODABLE_STILL = """\
  - {file: stills/cut.jpg, caption: Cut short, credit: Nobody}
"""


def write_booth_kit(root: Path, video: str | None = "valid.mp4", undecodable: bool = False) -> Path:
    """The view tests' kit (two good stills, one missing, notes with a link, contacts) plus a
    trailer from tests/data/media and, optionally, a still whose header is fine but whose
    picture data is cut off before it starts (so only decoding finds the problem)."""
    extra = TRAILER.format(video=video) if video else ""
    make_kit(root, contacts=True, extra=extra)
    if video:
        (root / "trailer").mkdir(exist_ok=True)
        shutil.copyfile(MEDIA / video, root / "trailer" / video)
        shutil.copyfile(MEDIA / "valid.en.vtt", root / "trailer" / "valid.en.vtt")
    if undecodable:
        good = write_image(root / "stills" / "cut-source.jpg", 640, 360).read_bytes()
        (root / "stills" / "cut.jpg").write_bytes(good[: good.find(b"\xff\xda")])
        manifest = root / "presskit.yaml"
        text = manifest.read_text(encoding="utf-8")
        anchor = "  - {file: stills/missing.jpg, caption: Missing still, credit: Nobody}\n"
        manifest.write_text(text.replace(anchor, anchor + UNDECODABLE_STILL), encoding="utf-8")
    return root


MakeBooth = Callable[..., BoothWindow]


@pytest.fixture
def booth_kit(tmp_path: Path) -> Path:
    return write_booth_kit(tmp_path / "booth-kit")


@pytest.fixture
def booth_ini(tmp_path: Path) -> Path:
    return tmp_path / "booth-settings.ini"


@pytest.fixture
def make_booth(qtbot, booth_ini: Path) -> Iterator[MakeBooth]:
    """``make_booth(kit_dir, pin="2468", wall_clock=None, qr=None, **config)``: a started
    BoothWindow on a ManualClock (``window.clock``). Left properly at the end of the test, so
    its application-wide filters and URL handlers never leak into other tests."""
    made: list[BoothWindow] = []

    def make(
        kit_dir: Path,
        pin: str | None = PIN,
        wall_clock: WallClock | None = None,
        qr: BoothQr | None = None,
        **config: object,
    ) -> BoothWindow:
        options: dict[str, object] = {"slide_seconds": 2.0, "require_pin": pin is not None}
        options.update(config)
        backend = QSettings(str(booth_ini), QSettings.Format.IniFormat)
        settings = BoothSettings(BOOTH_DEFAULTS, backend)
        window = BoothWindow(
            settings,
            BoothConfig(**options),  # type: ignore[arg-type]
            hash_pin(pin) if pin else None,
            ManualClock(),
            wall_clock=wall_clock,
            qr=qr,
        )
        window.show_kit(open_kit_location(kit_dir))
        made.append(window)
        window.start()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        if not window.leaving:
            window.leave()
        window.deleteLater()


def clock_of(window: BoothWindow) -> ManualClock:
    assert isinstance(window.clock, ManualClock)
    return window.clock
