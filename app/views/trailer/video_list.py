"""The list of a kit's videos beside the player: poster, title, kind, length, embargo badge.

Posters are decoded and lengths read from the file headers on pool threads; a length the
header does not give is filled in from the player once that video is loaded. Kit text goes
into list items, which Qt always shows as plain text.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.media.images import decode_to_fit
from app.media.worker import run_in_background
from app.model.kit import PressKit, Video
from app.model.times import SystemWallClock, WallClock, describe_moment, local_offset_at
from app.model.video_duration import format_duration, mp4_duration_ms

log = logging.getLogger(__name__)

POSTER_SIZE = QSize(128, 72)
EMBARGO_BADGE = "\U0001f512 Embargoed"  # a padlock: readable without colour


class VideoList(QListWidget):
    video_chosen = Signal(int)  # the index in kit.videos

    def __init__(self, kit: PressKit, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoList")
        self.setAccessibleName("Videos")
        self.setIconSize(POSTER_SIZE)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.kit = kit
        self.durations: dict[int, int | None] = {}
        # Asked again each time the list is shown: the app may stay open past an embargo.
        self.clock: WallClock = SystemWallClock()
        self._shown_before = False
        self._embargoed = [False] * len(kit.videos)
        for index, video in enumerate(kit.videos):
            item = QListWidgetItem(self)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self._read_in_background(index, video)
        self.refresh_embargo(now)
        self.itemActivated.connect(self._on_item_chosen)
        self.itemClicked.connect(self._on_item_chosen)

    def refresh_embargo(self, now: dt.datetime) -> None:
        """Each video's embargo badge and tooltip as of ``now``."""
        self._embargoed = [self.kit.under_embargo(video, now) for video in self.kit.videos]
        for index, video in enumerate(self.kit.videos):
            tip = ""
            if video.embargo is not None and self._embargoed[index]:
                offset = local_offset_at(now)
                tip = f"Under embargo until {describe_moment(video.embargo, offset)}"
            self.item(index).setToolTip(tip)
            self._describe(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_before:
            self.refresh_embargo(self.clock.utc_now())
        self._shown_before = True

    def is_embargoed(self, index: int) -> bool:
        return self._embargoed[index]

    def select(self, index: int) -> None:
        """Mark ``index`` as the video playing, without emitting ``video_chosen``."""
        self.blockSignals(True)
        self.setCurrentRow(index)
        self.blockSignals(False)

    def set_duration(self, index: int, duration_ms: int) -> None:
        """The player's length for a video the header did not give one for."""
        if duration_ms > 0 and not self.durations.get(index):
            self.durations[index] = duration_ms
            self._describe(index)

    def _describe(self, index: int) -> None:
        video = self.kit.videos[index]
        title = video.title or video.file_text or f"Video {index + 1}"
        details = [video.kind.replace("-", " ").capitalize() if video.kind else "Video"]
        details.append(format_duration(self.durations.get(index)))
        lines = [title, " · ".join(details)]
        if self._embargoed[index]:
            lines.append(EMBARGO_BADGE)
        item = self.item(index)
        item.setText("\n".join(lines))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(lines))

    def _read_in_background(self, index: int, video: Video) -> None:
        if video.file is not None:
            path = video.file.path
            run_in_background(
                lambda: mp4_duration_ms(path),
                lambda duration: self._on_duration_read(index, duration),
                owner=self,
            )
        if video.poster is not None:
            poster = video.poster.path
            run_in_background(
                lambda: decode_to_fit(poster, POSTER_SIZE),
                lambda image: self._on_poster_decoded(index, image),
                lambda error: log.info("video list: poster %s not shown: %s", index + 1, error),
                owner=self,
            )

    def _on_duration_read(self, index: int, duration: object) -> None:
        if isinstance(duration, int):
            self.set_duration(index, duration)

    def _on_poster_decoded(self, index: int, image: object) -> None:
        if isinstance(image, QImage) and not image.isNull():
            self.item(index).setIcon(QPixmap.fromImage(image))

    @Slot(QListWidgetItem)
    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        self.video_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
