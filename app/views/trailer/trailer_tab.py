"""Trailer/Videos: the kit's videos played in the app, with captions, poster and honest errors.
Several videos or a transcript add a side panel (``videos_panel``); all use the one player.

Nothing is opened or decoded until the tab is first shown; playback pauses when the tab is
left or the window is minimized, and stops when the kit closes. Video area, controls, full
screen live in their own modules; this one builds them, keeps settings, saves, maps keys.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app import settings as keys
from app.media.trailer_player import TrailerPlayer
from app.model.kit import PressKit, Video
from app.model.story_pack import embargo_refusal
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.model.times import SystemWallClock
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.save_original import ask_and_save_original
from app.views.trailer.controls import SKIP_MS, PlayerControls
from app.views.trailer.full_screen import FullScreenLender, TrailerStage
from app.views.trailer.notice import make_notice
from app.views.trailer.save_frame import save_current_frame
from app.views.trailer.video_canvas import VideoCanvas
from app.views.trailer.videos_panel import VideosPanel, place_stage

if TYPE_CHECKING:  # annotations only: a tab loads without the search model
    from app.model.search import Hit

log = logging.getLogger(__name__)

SOUND_ONLY = "This trailer has sound but no picture. The sound is playing."


class TrailerTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        # Built on first show (opening the file and the audio device is not free), all at once.
        self.player: TrailerPlayer | None = None
        self.canvas: VideoCanvas | None = None
        self.stage: TrailerStage | None = None
        self.controls: PlayerControls | None = None
        self.notice_label: QLabel | None = None
        self._full_screen: FullScreenLender | None = None
        self.panel: VideosPanel | None = None
        self.video: Video | None = kit.trailer  # the one in the player; the booth's choice first
        self.captions_on = settings.get(keys.TRAILER_CAPTIONS)
        self.captions_problem: str | None = None
        self._watched_window: QWidget | None = None
        self._sound_only = False
        self._seek_when_loaded: int | None = None  # a transcript hit's time, for a new video
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        if kit.trailer is None:
            self._layout.addWidget(empty_state("This press kit has no trailer.", self))

    # -- building (on first show) ---------------------------------------------------------

    def first_shown(self) -> None:
        trailer = self.video
        if trailer is None:
            return
        player = self.player = TrailerPlayer(self)
        player.set_volume(self.settings.get(keys.TRAILER_VOLUME))
        player.set_muted(self.settings.get(keys.TRAILER_MUTED))
        stage = self.stage = TrailerStage(self.handle_key, self)
        canvas = self.canvas = VideoCanvas(stage)
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        canvas.captions_visible = self.captions_on
        canvas.follow(player)
        notice = self.notice_label = make_notice(stage)
        controls = self.controls = PlayerControls(
            player, self.settings.get(keys.TRAILER_VOLUME), self.settings.locked_down, stage
        )
        for widget in (canvas, notice, controls):
            stage.stage_layout.addWidget(widget, 1 if widget is canvas else 0)
        self.panel, home_layout = place_stage(
            self.kit, stage, self._layout, player, self._on_panel_video_chosen
        )
        stage.show()  # now, not on the layout's queued show: it is wanted on screen
        self._layout.activate()  # and laid out now, so the first click lands on its button
        self._full_screen = FullScreenLender(stage, home_layout, self)
        self._wire(player, canvas, controls)
        self.show_video(trailer)
        window = self.window()
        if window is not None and window is not self:
            window.installEventFilter(self)
            self._watched_window = window

    def _wire(self, player: TrailerPlayer, canvas: VideoCanvas, controls: PlayerControls) -> None:
        canvas.double_clicked.connect(self.toggle_full_screen)
        canvas.clicked.connect(self._on_canvas_clicked)
        player.playing_changed.connect(self._on_player_playing_changed)
        player.failed.connect(self._on_player_failed)
        player.ended.connect(self._on_player_ended)
        player.first_frame_shown.connect(self._on_player_first_frame_shown)
        player.sound_only.connect(self._on_player_sound_only)
        # A position set before the file is loaded is dropped: a pending seek waits for it.
        player.player.mediaStatusChanged.connect(self._on_player_media_status_changed)
        controls.mute_clicked.connect(self.toggle_mute)
        controls.captions_clicked.connect(self.toggle_captions)
        controls.save_frame_clicked.connect(self.save_frame)
        controls.save_file_clicked.connect(self.save_trailer)
        controls.full_screen_clicked.connect(self.toggle_full_screen)
        controls.volume_changed.connect(self._on_controls_volume_changed)
        assert self._full_screen is not None
        self._full_screen.changed.connect(self._on_full_screen_changed)

    def show_video(self, video: Video) -> None:
        """Load ``video`` into the player, paused at its poster (first show, or the list)."""
        player, canvas, controls = self.player, self.canvas, self.controls
        if player is None or canvas is None or controls is None:
            return
        self.video, self._sound_only = video, False
        name = shorten_for_display(video.title or video.file_text or "video", MAX_TITLE_CHARS)
        canvas.setAccessibleName(f"Trailer video: {name}")
        controls.file_saveable = bool(video.file and video.file.size > 0)
        canvas.reset(video.poster)
        self._show_notice("")
        player.load_trailer(video)  # a failure arrives as `failed`
        self._show_captions_state(player)
        if self.panel is not None:
            self.panel.show_video(video)

    def reveal(self, hit: Hit) -> bool:
        """Load a ``videos #N`` hit's video, paused; a transcript line's hit also selects
        the line and seeks there (once the video is loaded, when it was another one)."""
        if self.player is None:
            return False
        video = self.kit.videos[(hit.field.number or 1) - 1]
        if video is not self.video:
            self.show_video(video)
        position = hit.field.time_ms
        if position is None:
            return True
        if self.player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia:
            self.player.seek(position)
        else:
            self._seek_when_loaded = position
        return self.panel is not None and self.panel.transcript.select_line(position, hit)

    @Slot(QMediaPlayer.MediaStatus)
    def _on_player_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        loaded = status == QMediaPlayer.MediaStatus.LoadedMedia
        if loaded and self._seek_when_loaded is not None and self.player is not None:
            self.player.seek(self._seek_when_loaded)
            self._seek_when_loaded = None

    @Slot(int)
    def _on_panel_video_chosen(self, index: int) -> None:
        if self.kit.videos[index] is not self.video and self.player is not None:
            self.show_video(self.kit.videos[index])
            self.player.play()  # choosing a video in the list means "play this"

    def _show_captions_state(self, player: TrailerPlayer) -> None:
        assert self.controls is not None
        self.captions_problem = player.captions_problem
        self.controls.set_captions_state(self.captions_on, self.captions_problem)
        if self.captions_problem is not None:
            self._show_notice(
                f"The captions cannot be used ({self.captions_problem}). "
                "The trailer plays without captions."
            )

    def _show_notice(self, text: str) -> None:
        if self.notice_label is not None:
            self.notice_label.setText(text)
            self.notice_label.setVisible(bool(text))

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def toggle_play(self) -> None:
        if self.player is not None:
            self.player.toggle()

    def skip(self, delta_ms: int) -> None:
        if self.player is not None:
            self.player.skip(delta_ms)

    @Slot()
    def toggle_mute(self) -> None:
        if self.player is None or not self.player.audio_available:
            return
        muted = not self.player.is_muted()
        self.player.set_muted(muted)  # the controls follow the player's muted_changed
        self.settings.set(keys.TRAILER_MUTED, muted)

    @Slot()
    def toggle_captions(self) -> None:
        if self.player is None or self.player.captions is None or self.canvas is None:
            return
        self.captions_on = not self.captions_on
        if self.controls is not None:
            self.controls.captions_button.setChecked(self.captions_on)
        self.settings.set(keys.TRAILER_CAPTIONS, self.captions_on)
        self.canvas.set_captions_visible(self.captions_on)

    @Slot()
    def toggle_full_screen(self) -> None:
        lender = self._full_screen
        if lender is None or self.settings.locked_down:
            return
        if lender.is_active():
            lender.leave()
            return
        video = self.video
        lender.enter(f"{self.kit.film.title} — {video.title if video else ''}")

    def is_full_screen(self) -> bool:
        return self._full_screen is not None and self._full_screen.is_active()

    @Slot()
    def save_frame(self) -> None:
        if self.player is not None:
            # The stage's window: in full screen the toast shows there, not behind it.
            save_current_frame(self.stage or self, self.player)

    @Slot()
    def save_trailer(self) -> None:
        video = self.video
        if video is not None and video.file is not None:
            refused = embargo_refusal(self.kit, video, SystemWallClock().utc_now())
            what = video.kind or "video"
            ask_and_save_original(self, video.file.path, video.file_text, what, refused=refused)

    # -- signals --------------------------------------------------------------------------

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        if playing and self.canvas is not None and not self._sound_only:
            # Leave the poster as playback starts, so the video widget is ready for frame one.
            self.canvas.show_poster(False)

    @Slot()
    def _on_player_first_frame_shown(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(False)

    @Slot()
    def _on_player_ended(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(True)
            self.canvas.set_caption("")

    @Slot(str)
    def _on_player_failed(self, message: str) -> None:
        if self.canvas is not None:
            self.canvas.set_caption("")
            self.canvas.set_message(message)

    @Slot()
    def _on_player_sound_only(self) -> None:
        self._sound_only = True
        if self.canvas is not None:
            self.canvas.set_message(SOUND_ONLY)

    @Slot()
    def _on_canvas_clicked(self) -> None:
        # A click on the poster starts the trailer, as on every video site.
        player, canvas = self.player, self.canvas
        playing = player is not None and player.is_playing()
        if player is not None and canvas is not None and canvas.showing_poster() and not playing:
            player.play()

    @Slot(int)
    def _on_controls_volume_changed(self, value: int) -> None:
        self.settings.set(keys.TRAILER_VOLUME, value)

    @Slot(bool)
    def _on_full_screen_changed(self, full_screen: bool) -> None:
        if self.controls is not None:
            self.controls.set_full_screen(full_screen)
        if self.canvas is not None:
            self.canvas.setFocus()

    # -- keyboard, lifecycle ---------------------------------------------------------------

    def handle_key(self, key: int) -> bool:
        if self.player is None:
            return False
        actions = {
            Qt.Key.Key_Space: self.toggle_play,
            Qt.Key.Key_K: self.toggle_play,
            Qt.Key.Key_J: lambda: self.skip(-SKIP_MS),
            Qt.Key.Key_Left: lambda: self.skip(-SKIP_MS),
            Qt.Key.Key_L: lambda: self.skip(SKIP_MS),
            Qt.Key.Key_Right: lambda: self.skip(SKIP_MS),
            Qt.Key.Key_M: self.toggle_mute,
            Qt.Key.Key_F: self.toggle_full_screen,
            Qt.Key.Key_C: self.toggle_captions,
        }
        try:
            action = actions.get(Qt.Key(key))
        except ValueError:
            return False
        if action is not None:
            action()
            return True
        if key == Qt.Key.Key_Escape and self.is_full_screen():
            self.toggle_full_screen()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._watched_window
            and event.type() == QEvent.Type.WindowStateChange
            and self._watched_window.isMinimized()
            and self.player is not None
            and not self.is_full_screen()
        ):
            self.player.pause()
        return False

    def tab_left(self) -> None:
        if self.player is not None:
            self.player.pause()

    def shutdown(self) -> None:
        if self._full_screen is not None:
            self._full_screen.leave()
        if self._watched_window is not None:
            self._watched_window.removeEventFilter(self)
            self._watched_window = None
        if self.player is not None:
            self.player.shutdown()
