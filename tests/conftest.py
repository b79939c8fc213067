"""Shared test setup: Qt never needs a display here, and nothing touches the real home.

Also the small real kits around tests/data/media that the media tests (tests/media) and the
view tests (tests/views) both play.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Caches, logs, data (picks) and settings of a test run go to a throwaway folder,
# not the person's own.
_HOME = tempfile.mkdtemp(prefix="presskit-tests-")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")


MEDIA = Path(__file__).resolve().parent / "data" / "media"

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
