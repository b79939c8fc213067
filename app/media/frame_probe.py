"""Does a video really decode? Count frames through the real :class:`TrailerPlayer`.

Qt may report nothing at all for a codec its FFmpeg cannot decode (an AV1 file plays
"successfully" with zero frames), so success is judged by frames that arrive, not by errors
that don't. The player's first-frame watchdog bounds the wait for an undecodable file; an
overall timeout bounds everything else.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtMultimedia import QVideoSink

from app.media.trailer_player import FIRST_FRAME_WATCHDOG_MS, TrailerPlayer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrameProbe:
    frames: int
    error: str | None  # why no (or too few) frames came, in words a person can act on
    width: int = 0
    height: int = 0
    elapsed_ms: int = 0


def probe_video_frames(
    path: Path,
    wanted_frames: int = 1,
    timeout_s: float = 20.0,
    first_frame_timeout_ms: int = FIRST_FRAME_WATCHDOG_MS,
) -> FrameProbe:
    """Play ``path`` muted until ``wanted_frames`` frames arrived, it failed, or it ended.

    Needs a running Qt application (``ensure_headless_app()`` where there is none).
    """
    started = time.perf_counter()
    player = TrailerPlayer(first_frame_timeout_ms=first_frame_timeout_ms)
    sink = QVideoSink()
    player.set_video_sink(sink)
    player.set_muted(True)
    loop = QEventLoop()
    state: dict[str, str | None] = {"error": None}
    size = [0, 0]

    def on_frame() -> None:
        frame = player.current_frame()
        if frame.isValid():
            size[:] = [frame.width(), frame.height()]
        if player.frames_seen >= wanted_frames:
            loop.quit()

    def on_failed(message: str) -> None:
        state["error"] = message
        loop.quit()

    def on_sound_only() -> None:
        state["error"] = "The file has sound but no picture."
        loop.quit()

    # The player's signal, not the sink's: the sink's is emitted on the media thread, and a
    # Python callable connected there can hang stop() (see trailer_player._FrameRelay).
    player.frame_arrived.connect(on_frame)
    player.failed.connect(on_failed)
    player.sound_only.connect(on_sound_only)
    player.ended.connect(loop.quit)
    overall = QTimer(singleShot=True, interval=int(timeout_s * 1000))
    overall.timeout.connect(loop.quit)

    if player.load(path):
        player.play()
        overall.start()
        if player.frames_seen < wanted_frames and state["error"] is None:
            loop.exec()
    else:
        state["error"] = player.failure
    overall.stop()
    player.frame_arrived.disconnect(on_frame)
    player.shutdown()
    frames = player.frames_seen
    error = state["error"]
    if error is None and frames < wanted_frames:
        if frames == 0:
            error = "No picture could be decoded before the time limit."
        else:
            error = f"Only {frames} of {wanted_frames} frames could be decoded."
    elapsed = round((time.perf_counter() - started) * 1000)
    log.info("probed %s: %d frame(s) in %d ms, error=%s", path, frames, elapsed, error)
    return FrameProbe(frames, error, size[0], size[1], elapsed)
