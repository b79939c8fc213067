"""The side of the Videos tab: the list of the kit's videos and the transcript of the one
playing, both bound to the tab's one ``TrailerPlayer``.

A kit with one video and no transcript has no side panel: the tab stays the Trailer tab it
always was.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.media.trailer_player import TrailerPlayer
from app.model.kit import PressKit, Video
from app.model.times import SystemWallClock
from app.views.trailer.transcript_view import TranscriptView
from app.views.trailer.video_list import VideoList

log = logging.getLogger(__name__)

PANEL_WIDTH = 340


def needs_panel(kit: PressKit) -> bool:
    return len(kit.videos) > 1 or any(video.transcript is not None for video in kit.videos)


class VideosPanel(QWidget):
    video_chosen = Signal(int)  # the index in kit.videos the user picked

    def __init__(
        self, kit: PressKit, player: TrailerPlayer, now: dt.datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videosPanel")
        self.setMinimumWidth(PANEL_WIDTH)
        self.setMaximumWidth(PANEL_WIDTH * 2)
        self.kit = kit
        self.player = player
        self.index = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.video_list: VideoList | None = None
        if len(kit.videos) > 1:
            self.video_list = VideoList(kit, now, self)
            self.video_list.video_chosen.connect(self.video_chosen)
            layout.addWidget(self.video_list, 1)
        self.transcript = TranscriptView(kit, self)
        self.transcript.hide()
        layout.addWidget(self.transcript, 2)
        self.transcript.seek_requested.connect(self._on_transcript_seek_requested)
        player.position_changed.connect(self.transcript.follow)
        player.duration_changed.connect(self._on_player_duration_changed)

    def show_video(self, video: Video) -> None:
        """``video`` is now the one in the player: mark it and show its transcript."""
        self.index = self.kit.videos.index(video)
        if self.video_list is not None:
            self.video_list.select(self.index)
        self.transcript.set_video(video)
        if self.video_list is None:
            self.setVisible(self.transcript.video is not None and video.transcript is not None)

    @Slot(int)
    def _on_transcript_seek_requested(self, position_ms: int) -> None:
        self.player.seek(position_ms)
        self.transcript.follow(position_ms)
        if not self.player.is_playing():
            self.player.play()

    @Slot(int)
    def _on_player_duration_changed(self, duration_ms: int) -> None:
        if self.video_list is not None:
            self.video_list.set_duration(self.index, duration_ms)


def place_stage(
    kit: PressKit,
    stage: QWidget,
    layout: QBoxLayout,
    player: TrailerPlayer,
    on_video_chosen: Callable[[int], None],
) -> tuple[VideosPanel | None, QBoxLayout]:
    """Put the stage in the tab's ``layout``, with the panel beside it when the kit needs one.
    Returns the panel and the layout the stage lives in: full screen gives the stage back to
    the end of that layout, so beside a panel it lives alone in a box of its own."""
    if not needs_panel(kit):
        layout.addWidget(stage)
        return None, layout
    tab = stage.parentWidget()
    home = QWidget(tab)
    home_layout = QVBoxLayout(home)
    home_layout.setContentsMargins(0, 0, 0, 0)
    home_layout.addWidget(stage)
    panel = VideosPanel(kit, player, SystemWallClock().utc_now(), tab)
    panel.video_chosen.connect(on_video_chosen)
    row = QHBoxLayout()
    row.addWidget(home, 1)
    row.addWidget(panel)
    layout.addLayout(row)
    return panel, home_layout
