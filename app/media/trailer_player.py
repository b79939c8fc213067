"""``TrailerPlayer``: QMediaPlayer + QAudioOutput behind one QObject with its own signals.

The tab's widgets talk only to this object (picard's ``ui/player/player.py`` habit). It also
answers honestly when playback cannot work: no backend, a file Qt refuses, or a codec that
"plays" without ever delivering a frame (caught by a watchdog, since Qt may report nothing).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

log = logging.getLogger(__name__)

FIRST_FRAME_WATCHDOG_MS = 5000


class TrailerPlayer(QObject):
    playing_changed = Signal(bool)
    position_changed = Signal("qlonglong")  # ms
    duration_changed = Signal("qlonglong")  # ms
    first_frame_shown = Signal()
    ended = Signal()
    failed = Signal(str)  # a message a person can act on
    sound_only = Signal()  # the file has sound but no picture; it plays the sound
    audio_available_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio_output: QAudioOutput | None = None
        self.frames_seen = 0
        self.source: Path | None = None
        self.failure: str | None = None
        self._sink: QVideoSink | None = None
        self._watchdog = QTimer(self, singleShot=True, interval=FIRST_FRAME_WATCHDOG_MS)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)
        self.player.playbackStateChanged.connect(self._on_player_state_changed)
        self.player.positionChanged.connect(self.position_changed)
        self.player.durationChanged.connect(self.duration_changed)
        self.player.errorOccurred.connect(self._on_player_error)
        self.player.mediaStatusChanged.connect(self._on_player_media_status_changed)
        self._setup_audio()

    # -- set-up ---------------------------------------------------------------------------

    def _setup_audio(self) -> None:
        if not QMediaDevices.audioOutputs():
            log.info("no audio output device: the trailer plays without sound")
            self.audio_output = None
            return
        self.audio_output = QAudioOutput(self)
        self.player.setAudioOutput(self.audio_output)

    @property
    def audio_available(self) -> bool:
        return self.audio_output is not None

    def set_video_sink(self, sink: QVideoSink) -> None:
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._on_sink_frame)
        self._sink = sink
        self.player.setVideoSink(sink)
        sink.videoFrameChanged.connect(self._on_sink_frame)

    def load(self, path: Path) -> bool:
        """Open ``path``; False (and ``failed`` emitted) when it cannot even be tried."""
        self.source = path
        self.failure = None
        self.frames_seen = 0
        if not self.player.isAvailable():
            # isAvailable() false emits no signal of its own: we must say it.
            self._fail("Video cannot play: no multimedia backend is available on this system.")
            return False
        if not path.is_file():
            self._fail("The trailer file is missing.")
            return False
        if path.stat().st_size == 0:
            self._fail("The trailer file is empty.")
            return False
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        return True

    # -- control --------------------------------------------------------------------------

    def play(self) -> None:
        if self.failure is not None or self.source is None:
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            self.player.setPosition(0)
        self.player.play()
        if self.frames_seen == 0:
            self._watchdog.start()

    def pause(self) -> None:
        self.player.pause()

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._watchdog.stop()
        self.player.stop()

    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def seek(self, position_ms: int) -> None:
        duration = self.player.duration()
        if duration > 0:
            position_ms = max(0, min(position_ms, duration))
        self.player.setPosition(max(0, position_ms))

    def skip(self, delta_ms: int) -> None:
        self.seek(self.player.position() + delta_ms)

    def position(self) -> int:
        return int(self.player.position())

    def duration(self) -> int:
        return int(self.player.duration())

    def set_volume(self, percent: int) -> None:
        if self.audio_output is not None:
            self.audio_output.setVolume(max(0, min(percent, 100)) / 100)

    def set_muted(self, muted: bool) -> None:
        if self.audio_output is not None:
            self.audio_output.setMuted(muted)

    def shutdown(self) -> None:
        """Stop and release the file (the window is closing or the kit changes)."""
        self._watchdog.stop()
        self.player.stop()
        self.player.setSource(QUrl())

    # -- handlers -------------------------------------------------------------------------

    def _fail(self, message: str) -> None:
        if self.failure is not None:
            return
        self.failure = message
        self._watchdog.stop()
        log.warning("trailer %s: %s", self.source, message)
        self.failed.emit(message)

    @Slot(QVideoFrame)
    def _on_sink_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self.frames_seen += 1
        if self.frames_seen == 1:
            self._watchdog.stop()
            self.first_frame_shown.emit()

    @Slot()
    def _on_watchdog_timeout(self) -> None:
        if self.frames_seen == 0 and self.player.hasVideo():
            self._fail(
                "This trailer's video cannot be decoded here (probably an unsupported codec; "
                "H.264 in an MP4 file plays everywhere)."
            )

    @Slot(QMediaPlayer.PlaybackState)
    def _on_player_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)

    @Slot(QMediaPlayer.Error, str)
    def _on_player_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        if self.frames_seen > 0:
            # Damage midway: what could be played was played; end calmly.
            log.warning("trailer stopped early: %s", message)
            self.ended.emit()
            return
        detail = f" ({message})" if message else ""
        self._fail(f"This file cannot be played as a video{detail}.")

    @Slot(QMediaPlayer.MediaStatus)
    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail("This file is not a playable video (it may be damaged or not a video).")
        elif status == QMediaPlayer.MediaStatus.LoadedMedia:
            if not self.player.hasVideo() and self.player.hasAudio():
                self.sound_only.emit()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._watchdog.stop()
            if self.frames_seen == 0 and self.player.hasVideo():
                self._fail(
                    "This trailer's video cannot be decoded here (no picture was produced; "
                    "H.264 in an MP4 file plays everywhere)."
                )
                return
            self.ended.emit()
