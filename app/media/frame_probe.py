"""Does a video really decode? Count frames through a real QMediaPlayer, with a watchdog.

Qt may report nothing at all for a codec its FFmpeg cannot decode (an AV1 file plays
"successfully" with zero frames), so success is judged by frames that arrive, not by errors
that don't.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrameProbe:
    frames: int
    error: str | None  # why no (or too few) frames came, in words a person can act on
    width: int = 0
    height: int = 0


def probe_video_frames(path: Path, wanted_frames: int = 1, timeout_s: float = 8.0) -> FrameProbe:
    """Play ``path`` muted until ``wanted_frames`` frames arrived, an error, or the watchdog."""
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    loop = QEventLoop()
    state: dict[str, object] = {"frames": 0, "error": None, "size": (0, 0)}

    def on_frame(frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        state["frames"] = int(state["frames"]) + 1  # type: ignore[call-overload]
        state["size"] = (frame.width(), frame.height())
        if int(state["frames"]) >= wanted_frames:  # type: ignore[call-overload]
            loop.quit()

    def on_error(_error: QMediaPlayer.Error, message: str) -> None:
        state["error"] = message or "the file cannot be played"
        loop.quit()

    def on_status(status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            state["error"] = state["error"] or "not a playable video"
            loop.quit()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            loop.quit()
        elif status == QMediaPlayer.MediaStatus.LoadedMedia and not player.hasVideo():
            state["error"] = "the file has sound but no picture"
            loop.quit()

    sink.videoFrameChanged.connect(on_frame)
    player.errorOccurred.connect(on_error)
    player.mediaStatusChanged.connect(on_status)
    watchdog = QTimer(singleShot=True, interval=int(timeout_s * 1000))
    watchdog.timeout.connect(loop.quit)

    if not player.isAvailable():
        return FrameProbe(0, "no multimedia backend is available on this system")
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.play()
    watchdog.start()
    if int(state["frames"]) < wanted_frames and state["error"] is None:  # type: ignore[call-overload]
        loop.exec()
    watchdog.stop()
    player.stop()
    sink.videoFrameChanged.disconnect(on_frame)
    player.setSource(QUrl())
    frames = int(state["frames"])  # type: ignore[call-overload]
    error = state["error"] if isinstance(state["error"], str) else None
    if error is None and frames < wanted_frames:
        if frames == 0:
            error = (
                "no picture could be decoded (the video codec is probably not supported; "
                "H.264 in an MP4 file plays everywhere)"
            )
        else:
            error = f"only {frames} frame(s) could be decoded"
    width, height = state["size"]  # type: ignore[misc]
    log.info("probed %s: %d frame(s), error=%s", path, frames, error)
    return FrameProbe(frames, error, int(width), int(height))
