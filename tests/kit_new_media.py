"""Real media for the ``presskit new`` and ``presskit pack`` tests: images made by Qt's encoders
with metadata written by exiftool (an independent tool), and short clips made by ffmpeg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.model.image_samples import EXIFTOOL, exiftool, image_bytes

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="needs ffmpeg")
needs_exiftool = pytest.mark.skipif(EXIFTOOL is None, reason="needs exiftool")

# name -> ffmpeg output options: the portable pair, and others that do not play everywhere.
CLIPS = {
    "h264-aac.mp4": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "h264-aac.mov": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "h264-aac.mkv": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    "vp9-opus.webm": ["-c:v", "libvpx-vp9", "-c:a", "libopus"],
    "mpeg4.mp4": ["-c:v", "mpeg4", "-an"],
    # MP3 travels in MP4 under the same 'mp4a' sample entry as AAC: only its esds tells.
    "h264-mp3.mp4": ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "libmp3lame"],
}


def make_clip(folder: Path, name: str) -> Path:
    """A half-second clip with a tone (no audio for the mpeg4 one) made by ffmpeg."""
    assert FFMPEG is not None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    options = CLIPS[name]
    inputs = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=0.5"]
    if "-an" not in options:
        inputs += ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"]
    completed = subprocess.run(
        [FFMPEG, "-v", "error", "-y", *inputs, *options, "-shortest", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return target


def make_still(
    path: Path, kind: str = "jpeg", width: int = 48, height: int = 32, *tags: str
) -> Path:
    """An image at ``path`` and, when ``tags`` are given, exiftool writing them into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image_bytes(kind, width, height))
    if tags:
        exiftool(*tags, path)
    return path
