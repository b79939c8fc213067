"""``TrailerPlayer``: QMediaPlayer + QAudioOutput behind one QObject with its own signals.

The Trailer tab and the booth's attract loop talk only to this object, so one set of rules
(captions, watchdog, failures) serves every front end. It also answers honestly when playback
cannot work: no backend, a file Qt refuses, or a codec that "plays" without ever delivering a
frame (caught by a watchdog, since Qt may report nothing).
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

from app.media.qt_workarounds import prime_override_lookups
from app.model.captions import CaptionError, CaptionTrack, read_caption_file
from app.model.kit import Trailer

log = logging.getLogger(__name__)


# "No frame within this long of playing" means the picture cannot be decoded. A 4K H.264 file
# gives its first frame in well under a second on a slow laptop; five seconds leaves room.
FIRST_FRAME_WATCHDOG_MS = 5000

UNDECODABLE = (
    "This trailer's picture cannot be decoded on this computer (its video codec is probably "
    "not supported here; H.264 in an MP4 file plays everywhere)."
)


class _FrameRelay(QObject):
    """Carries the sink's frames from the media thread to the main thread, in C++ only.

    Qt's FFmpeg backend emits ``videoFrameChanged`` on its video renderer thread, and that
    thread also frees the connections of that signal which were dropped since its last
    emission. A connection to a Python callable can only be freed holding the GIL, so after a
    disconnect the renderer thread could wait for the GIL while the main thread, holding it
    inside ``QMediaPlayer.stop()``, waited for the renderer thread: a hang (about one
    ``validate --deep`` in 30). A signal-to-signal connection is plain C++ on both ends, so the
    renderer thread never needs Python; Python slots listen to :attr:`frame_arrived`, which the
    queued connection emits on the main thread only.
    """

    frame_arrived = Signal(QVideoFrame)


class TrailerPlayer(QObject):
    playing_changed = Signal(bool)
    position_changed = Signal(int)  # ms
    duration_changed = Signal(int)  # ms
    first_frame_shown = Signal()  # the first decoded picture reached the video sink
    frame_arrived = Signal()  # a decoded picture reached the video sink (main thread)
    ended = Signal()  # once per play-through, also after damage cut it short
    failed = Signal(str)  # a message a person can act on; playback is over
    sound_only = Signal()  # the file has sound but no picture; it plays the sound
    audio_available_changed = Signal(bool)
    muted_changed = Signal(bool)
    caption_changed = Signal(str)  # the cue text at the current position ("" between cues)

    def __init__(
        self,
        parent: QObject | None = None,
        first_frame_timeout_ms: int = FIRST_FRAME_WATCHDOG_MS,
    ) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        # An audio output is always attached, device or not: without one, Qt's FFmpeg backend
        # never reports the end of a sound-only file. It also holds volume and mute.
        self.audio_output = QAudioOutput(self)
        self.player.setAudioOutput(self.audio_output)
        # Before any media thread exists: see qt_workarounds (a stop() could hang otherwise).
        prime_override_lookups(self.player, self.audio_output)
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_devices_audio_outputs_changed)
        self._audio_available = bool(QMediaDevices.audioOutputs())
        if not self._audio_available:
            log.info("no audio output device: the trailer plays without sound")
        self.frames_seen = 0
        self.source: Path | None = None
        self.failure: str | None = None
        self.captions: CaptionTrack | None = None
        self.captions_problem: str | None = None  # why the kit's captions cannot be used
        self._caption = ""
        self._ended_emitted = False
        self._sink: QVideoSink | None = None
        self._relay = _FrameRelay(self)
        self._relay.frame_arrived.connect(self._on_relay_frame_arrived)
        self._watchdog = QTimer(self, singleShot=True, interval=first_frame_timeout_ms)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)
        self.player.playbackStateChanged.connect(self._on_player_playback_state_changed)
        self.player.positionChanged.connect(self._on_player_position_changed)
        self.player.durationChanged.connect(self._on_player_duration_changed)
        self.player.errorOccurred.connect(self._on_player_error_occurred)
        self.player.mediaStatusChanged.connect(self._on_player_media_status_changed)

    # -- set-up ---------------------------------------------------------------------------

    @property
    def audio_available(self) -> bool:
        """Whether a sound output device exists (the trailer plays silently without one)."""
        return self._audio_available

    def set_video_sink(self, sink: QVideoSink) -> None:
        """Send the picture to ``sink`` (a QVideoWidget's sink, or a bare one when headless)."""
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._relay.frame_arrived)
        prime_override_lookups(sink)
        self._sink = sink
        self.player.setVideoSink(sink)
        # Never a Python slot on this signal: see _FrameRelay.
        sink.videoFrameChanged.connect(
            self._relay.frame_arrived, Qt.ConnectionType.QueuedConnection
        )

    def set_captions(self, captions: CaptionTrack | None) -> None:
        self.captions = captions
        self._update_caption(self.position())

    def caption_text(self) -> str:
        """The cue text at the current position ("" between cues or without captions)."""
        return self._caption

    def load_trailer(self, trailer: Trailer) -> bool:
        """Open the kit's ``trailer`` with its captions: the one way every front end loads it.

        Captions that cannot be used leave :attr:`captions_problem` set (the trailer still
        plays); a trailer the manifest already found unusable becomes ``failed`` with the
        manifest's reason. False when playback cannot even be tried.
        """
        self.captions_problem = None
        self.failure = None
        captions: CaptionTrack | None = None
        if trailer.captions is not None:
            try:
                captions = read_caption_file(trailer.captions.path)
            except CaptionError as exc:
                log.warning("trailer captions unusable: %s", exc)
                self.captions_problem = str(exc)
        self.set_captions(captions)
        if trailer.problem or trailer.file is None:
            self.source = None
            self.fail(f"The trailer cannot be played: {trailer.problem}.")
            return False
        return self.load(trailer.file.path)

    def load(self, path: Path) -> bool:
        """Open ``path``; False (and ``failed`` emitted) when it cannot even be tried."""
        self.source = path
        self.failure = None
        self.frames_seen = 0
        self._ended_emitted = False
        if not self.player.isAvailable():
            # isAvailable() false emits no signal of its own: we must say it.
            self.fail("Video cannot play: no multimedia backend is available on this system.")
            return False
        if not path.is_file():
            self.fail("The trailer file is missing.")
            return False
        if path.stat().st_size == 0:
            self.fail("The trailer file is empty (0 bytes).")
            return False
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        return True

    # -- control --------------------------------------------------------------------------

    def play(self) -> None:
        if self.failure is not None or self.source is None:
            return
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            self.player.setPosition(0)
        self._ended_emitted = False
        self.player.play()
        if self.frames_seen == 0:
            self._watchdog.start()

    def pause(self) -> None:
        self._watchdog.stop()  # restarted by play(): time paused is not time waiting
        self.player.pause()

    def toggle(self) -> None:
        """Pause when playing, else play (the Space key and the play button)."""
        (self.pause if self.is_playing() else self.play)()

    def stop(self) -> None:
        self._watchdog.stop()
        self.player.stop()

    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def has_ended(self) -> bool:
        return self._ended_emitted

    def seek(self, position_ms: int) -> None:
        duration = self.player.duration()
        if duration > 0:
            position_ms = min(position_ms, duration)
        self.player.setPosition(max(0, position_ms))

    def skip(self, delta_ms: int) -> None:
        self.seek(self.player.position() + delta_ms)

    def position(self) -> int:
        return int(self.player.position())

    def duration(self) -> int:
        return int(self.player.duration())

    def current_frame(self) -> QVideoFrame:
        """The picture showing now (invalid before the first frame)."""
        # The player's own record of its sink: Qt clears it when the sink is deleted (with its
        # widget) or taken by another player, where a wrapper kept here would be dead.
        sink = self.player.videoSink()
        return sink.videoFrame() if sink is not None else QVideoFrame()

    def volume(self) -> int:
        return round(self.audio_output.volume() * 100)

    def set_volume(self, percent: int) -> None:
        self.audio_output.setVolume(max(0, min(percent, 100)) / 100)

    def is_muted(self) -> bool:
        return bool(self.audio_output.isMuted())

    def set_muted(self, muted: bool) -> None:
        if muted != self.is_muted():
            self.audio_output.setMuted(muted)
            self.muted_changed.emit(muted)

    def shutdown(self) -> None:
        """Stop, release the file and let go of the video sink: the end of this player's use
        (the window is closing or the kit changes).

        Clearing the source cancels a load still running on Qt's thread pool and waits for it,
        and ends the backend's demux, decode and render threads, so nothing reads the file
        after this returns (the kit's extraction folder may be removed next). The sink is
        handed back too: it belongs to a widget that another player may feed next, or that
        may be deleted before this player is, and no thread of ours must be left holding it.
        """
        self._watchdog.stop()
        self.player.stop()
        self.player.setSource(QUrl())
        if self._sink is not None and shiboken6.isValid(self._sink):
            self._sink.videoFrameChanged.disconnect(self._relay.frame_arrived)
            if self.player.videoSink() is self._sink:
                self.player.setVideoSink(None)  # type: ignore[arg-type]
        self._sink = None

    # -- handlers -------------------------------------------------------------------------

    def fail(self, message: str) -> None:
        """Give up on this trailer with ``message`` (also for problems found before loading)."""
        if self.failure is not None:
            return
        self.failure = message
        self._watchdog.stop()
        if self.player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self.player.stop()
        log.warning("trailer %s: %s", self.source, message)
        self.failed.emit(message)

    def _end(self) -> None:
        self._watchdog.stop()
        if not self._ended_emitted:
            self._ended_emitted = True
            self._update_caption(-1)
            self.ended.emit()

    def _update_caption(self, position: int) -> None:
        text = self.captions.text_at(position) if self.captions and position >= 0 else ""
        if text != self._caption:
            self._caption = text
            self.caption_changed.emit(text)

    @Slot(QVideoFrame)
    def _on_relay_frame_arrived(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self.frames_seen += 1
        if self.frames_seen == 1:
            self._watchdog.stop()
            self.first_frame_shown.emit()
        self.frame_arrived.emit()

    @Slot()
    def _on_watchdog_timeout(self) -> None:
        if self.frames_seen == 0 and self.player.hasVideo():
            self.fail(UNDECODABLE)

    @Slot()
    def _on_devices_audio_outputs_changed(self) -> None:
        available = bool(QMediaDevices.audioOutputs())
        if available:
            self.audio_output.setDevice(QMediaDevices.defaultAudioOutput())
        if available != self._audio_available:
            self._audio_available = available
            log.info("audio output %s", "available" if available else "gone")
            self.audio_available_changed.emit(available)

    @Slot(QMediaPlayer.PlaybackState)
    def _on_player_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)

    @Slot("qint64")
    def _on_player_position_changed(self, position: int) -> None:
        self.position_changed.emit(int(position))
        self._update_caption(int(position))

    @Slot("qint64")
    def _on_player_duration_changed(self, duration: int) -> None:
        # Not a signal-to-signal connection: qint64 -> int signals do not connect in PySide6.
        self.duration_changed.emit(int(duration))

    @Slot(QMediaPlayer.Error, str)
    def _on_player_error_occurred(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        if self.frames_seen > 0:
            # Damage midway: what could be played was played; end calmly.
            log.warning("trailer %s stopped early: %s", self.source, message)
            self._end()
            return
        detail = f" (the player says: {message})" if message else ""
        self.fail(f"This file cannot be played: it is damaged or is not a video{detail}.")

    @Slot(QMediaPlayer.MediaStatus)
    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.fail("This file cannot be played: it is damaged or is not a video.")
        elif status == QMediaPlayer.MediaStatus.LoadedMedia:
            if not self.player.hasVideo() and self.player.hasAudio():
                log.warning("trailer %s has sound but no picture", self.source)
                self.sound_only.emit()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self.frames_seen == 0 and self.player.hasVideo():
                self.fail(UNDECODABLE)
                return
            self._end()
