"""Trailer: the kit's trailer played in the app, with captions, poster and honest errors.

Nothing is opened or decoded until the tab is first shown; playback pauses when the tab is
left or the window is minimized, and stops when the kit closes.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, QSizeF, Qt, Slot
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app import settings as keys
from app.media.images import ImageDecodeError, decode_to_fit
from app.media.trailer_player import TrailerPlayer
from app.model.captions import CaptionError, CaptionTrack, parse_captions
from app.model.kit import PressKit
from app.settings import Settings
from app.views.base_tab import KitTab, empty_state
from app.views.icons import set_icon_later

log = logging.getLogger(__name__)

SKIP_MS = 5000


def format_time(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class SeekSlider(QSlider):
    """A seek bar that jumps where it is clicked and shows the time under the pointer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setMouseTracking(True)

    def _value_at(self, x: float) -> int:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        return QStyle.sliderValueFromPosition(
            self.minimum(), self.maximum(), int(x - groove.x()), max(1, groove.width())
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setValue(self._value_at(event.position().x()))
            self.sliderMoved.emit(self.value())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        QToolTip.showText(
            event.globalPosition().toPoint(),
            format_time(self._value_at(event.position().x())),
            self,
        )
        super().mouseMoveEvent(event)


class VideoCanvas(QGraphicsView):
    """Video, poster, caption and message layered in one scene, scaled to the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setObjectName("videoCanvas")
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("#000000"))
        self.video = QGraphicsVideoItem()
        self.poster = QGraphicsPixmapItem()
        self.poster.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.caption = QGraphicsSimpleTextItem()
        self.caption.setBrush(QColor("#ffffff"))
        self.message = QGraphicsSimpleTextItem()
        self.message.setBrush(QColor("#ffffff"))
        for item, z in ((self.video, 0), (self.poster, 1), (self.caption, 3), (self.message, 4)):
            item.setZValue(z)
            self.scene().addItem(item)
        self.message_backdrop = self.scene().addRect(
            QRectF(), QColor(0, 0, 0, 0), QColor(0, 0, 0, 170)
        )
        self.message_backdrop.setZValue(3.5)
        self.caption_backdrop = self.scene().addRect(
            QRectF(), QColor(0, 0, 0, 0), QColor(0, 0, 0, 150)
        )
        self.caption_backdrop.setZValue(2.5)
        self.set_caption("")
        self.set_message("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.layout_items()

    def layout_items(self) -> None:
        width, height = max(1, self.viewport().width()), max(1, self.viewport().height())
        self.scene().setSceneRect(0, 0, width, height)
        self.video.setSize(QSizeF(width, height))
        pixmap = self.poster.pixmap()
        if not pixmap.isNull():
            logical = pixmap.deviceIndependentSize()
            scale = min(width / logical.width(), height / logical.height())
            self.poster.setScale(scale)
            self.poster.setPos(
                (width - logical.width() * scale) / 2, (height - logical.height() * scale) / 2
            )
        self._place_text(self.caption, self.caption_backdrop, height * 0.86, height / 22)
        self._place_text(self.message, self.message_backdrop, height * 0.45, height / 26)

    def _place_text(
        self, item: QGraphicsSimpleTextItem, backdrop: object, center_y: float, size: float
    ) -> None:
        font = QFont(item.font())
        font.setPixelSize(max(14, int(size)))
        item.setFont(font)
        rect = item.boundingRect()
        width = self.viewport().width()
        item.setPos((width - rect.width()) / 2, center_y - rect.height() / 2)
        padded = QRectF(
            item.pos().x() - 16, item.pos().y() - 8, rect.width() + 32, rect.height() + 16
        )
        backdrop.setRect(padded if item.text() else QRectF())  # type: ignore[attr-defined]

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.layout_items()

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.layout_items()

    def set_poster(self, pixmap: QPixmap | None) -> None:
        self.poster.setPixmap(pixmap or QPixmap())
        self.layout_items()

    def show_poster(self, visible: bool) -> None:
        self.poster.setVisible(visible)


class TrailerTab(KitTab):
    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.player: TrailerPlayer | None = None
        self.canvas: VideoCanvas | None = None
        self.captions: CaptionTrack | None = None
        self.captions_on = settings.get(keys.TRAILER_CAPTIONS)
        self._slider_held = False
        self._watched_window: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if kit.trailer is None:
            layout.addWidget(empty_state("This press kit has no trailer.", self))

    # -- building (on first show) ---------------------------------------------------------

    def first_shown(self) -> None:
        trailer = self.kit.trailer
        if trailer is None:
            return
        self.canvas = VideoCanvas(self)
        self.canvas.setAccessibleName(f"Trailer video: {trailer.title or 'trailer'}")
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.installEventFilter(self)
        self.player = TrailerPlayer(self)
        self.player.set_video_sink(self.canvas.video.videoSink())
        self._build_controls()
        self.layout().addWidget(self.canvas, 1)
        self.layout().addWidget(self.controls)

        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.duration_changed.connect(self._on_player_duration_changed)
        self.player.failed.connect(self._on_player_failed)
        self.player.ended.connect(self._on_player_ended)
        self.player.first_frame_shown.connect(self._on_player_first_frame_shown)
        self.player.sound_only.connect(self._on_player_sound_only)
        self.player.set_volume(self.settings.get(keys.TRAILER_VOLUME))
        self.player.set_muted(self.settings.get(keys.TRAILER_MUTED))

        self._load_poster()
        self._load_captions()
        if trailer.problem or trailer.file is None:
            self._on_player_failed(f"The trailer cannot be played: {trailer.problem}.")
        else:
            self.player.load(trailer.file.path)
        window = self.window()
        if window is not None:
            window.installEventFilter(self)
            self._watched_window = window

    def _build_controls(self) -> None:
        self.controls = QWidget(self)
        self.controls.setObjectName("playerControls")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(16, 8, 16, 10)

        def button(icon: str, accessible: str, tip: str, slot: object) -> QPushButton:
            widget = QPushButton(self.controls)
            widget.setObjectName("iconButton")
            widget.setAccessibleName(accessible)
            widget.setToolTip(tip)
            widget.clicked.connect(slot)  # type: ignore[arg-type]
            set_icon_later(widget, icon)
            return widget

        assert self.player is not None
        self.play_button = button(
            "mdi6.play", "Play", "Play / pause (Space, K)", self.player.toggle
        )
        self.back_button = button(
            "mdi6.rewind-5",
            "Back 5 seconds",
            "Back 5 s (J, ←)",
            lambda: self.player and self.player.skip(-SKIP_MS),
        )
        self.forward_button = button(
            "mdi6.fast-forward-5",
            "Forward 5 seconds",
            "Forward 5 s (L, →)",
            lambda: self.player and self.player.skip(SKIP_MS),
        )
        self.seek_slider = SeekSlider(self.controls)
        self.seek_slider.setAccessibleName("Position in the trailer")
        self.seek_slider.sliderPressed.connect(self._on_seek_slider_pressed)
        self.seek_slider.sliderReleased.connect(self._on_seek_slider_released)
        self.seek_slider.sliderMoved.connect(self._on_seek_slider_moved)
        self.time_label = QLabel("0:00 / 0:00", self.controls)
        self.time_label.setObjectName("statusText")
        self.time_label.setAccessibleName("Elapsed and total time")
        self.mute_button = button("mdi6.volume-high", "Mute", "Mute (M)", self.toggle_mute)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self.controls)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(110)
        self.volume_slider.setValue(self.settings.get(keys.TRAILER_VOLUME))
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.valueChanged.connect(self._on_volume_slider_value_changed)
        if not self.player.audio_available:
            for widget in (self.volume_slider, self.mute_button):
                widget.setEnabled(False)
                widget.setToolTip("Audio is unavailable: no sound output device was found.")
            self.volume_slider.setAccessibleDescription("Audio is unavailable")
        self.captions_button = button(
            "mdi6.closed-caption-outline", "Captions", "Captions on/off (C)", self.toggle_captions
        )
        self.captions_button.setCheckable(True)
        self.captions_button.setChecked(self.captions_on)
        self.frame_button = button(
            "mdi6.camera-outline",
            "Save current frame as PNG",
            "Save current frame as PNG…",
            self.save_frame,
        )
        self.save_button = button(
            "mdi6.content-save-outline",
            "Save trailer as",
            "Save the trailer file as…",
            self.save_trailer,
        )
        self.full_screen_button = button(
            "mdi6.fullscreen",
            "Full screen",
            "Full screen (F, double-click)",
            self.toggle_full_screen,
        )
        for widget in (self.play_button, self.back_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.seek_slider, 1)
        row.addWidget(self.time_label)
        for widget in (
            self.mute_button,
            self.volume_slider,
            self.captions_button,
            self.frame_button,
            self.save_button,
            self.full_screen_button,
        ):
            row.addWidget(widget)
        self._update_mute_icon()

    def _load_poster(self) -> None:
        trailer = self.kit.trailer
        if trailer is None or trailer.poster is None or self.canvas is None:
            return
        ratio = self.devicePixelRatioF()
        try:
            from PySide6.QtCore import QSize

            image = decode_to_fit(trailer.poster.path, QSize(int(1920 * ratio), int(1080 * ratio)))
        except ImageDecodeError as exc:
            log.warning("poster %s", exc)
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.canvas.set_poster(pixmap)

    def _load_captions(self) -> None:
        trailer = self.kit.trailer
        if trailer is None or trailer.captions is None:
            self.captions = None
            return
        try:
            text = trailer.captions.path.read_text(encoding="utf-8-sig")
            self.captions = parse_captions(text)
        except (OSError, UnicodeDecodeError, CaptionError) as exc:
            log.warning("captions %s unusable: %s", trailer.captions.relative, exc)
            self.captions = None
            self.captions_button.setEnabled(False)
            self.captions_button.setToolTip(f"The captions cannot be used: {exc}")

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def toggle_mute(self) -> None:
        if self.player is None or self.player.audio_output is None:
            return
        muted = not self.player.audio_output.isMuted()
        self.player.set_muted(muted)
        self.settings.set(keys.TRAILER_MUTED, muted)
        self._update_mute_icon()

    def _update_mute_icon(self) -> None:
        muted = self.settings.get(keys.TRAILER_MUTED)
        set_icon_later(self.mute_button, "mdi6.volume-off" if muted else "mdi6.volume-high")
        self.mute_button.setAccessibleName("Unmute" if muted else "Mute")

    @Slot()
    def toggle_captions(self) -> None:
        self.captions_on = not self.captions_on
        self.captions_button.setChecked(self.captions_on)
        self.settings.set(keys.TRAILER_CAPTIONS, self.captions_on)
        if self.player is not None:
            self._show_caption_at(self.player.position())

    @Slot()
    def toggle_full_screen(self) -> None:
        window = self.window()
        if window.isFullScreen():
            window.showNormal()
        else:
            window.showFullScreen()

    @Slot()
    def save_frame(self) -> None:
        if self.canvas is None:
            return
        frame = self.canvas.video.videoSink().videoFrame()
        image = frame.toImage() if frame.isValid() else QImage()
        if image.isNull():
            QMessageBox.information(self, "No frame to save", "Play the trailer first.")
            return
        target, _ = QFileDialog.getSaveFileName(
            self,
            "Save the current frame",
            str(Path.home() / "trailer-frame.png"),
            "PNG images (*.png)",
        )
        if target and not image.save(target, "PNG"):
            QMessageBox.warning(self, "Cannot save the frame", f"“{target}” could not be written.")

    @Slot()
    def save_trailer(self) -> None:
        trailer = self.kit.trailer
        if trailer is None or trailer.file is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, "Save the trailer", str(Path.home() / Path(trailer.file_text).name)
        )
        if not target:
            return
        try:
            shutil.copyfile(trailer.file.path, target)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Cannot save the trailer",
                f"“{target}” could not be written: {exc.strerror or exc}.",
            )

    # -- player signals -------------------------------------------------------------------

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        set_icon_later(self.play_button, "mdi6.pause" if playing else "mdi6.play")
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    @Slot(int)
    def _on_player_position_changed(self, position: int) -> None:
        if not self._slider_held:
            self.seek_slider.setValue(position)
        duration = self.player.duration() if self.player else 0
        self.time_label.setText(f"{format_time(position)} / {format_time(duration)}")
        self._show_caption_at(position)

    @Slot(int)
    def _on_player_duration_changed(self, duration: int) -> None:
        self.seek_slider.setRange(0, max(0, duration))
        self.time_label.setText(f"0:00 / {format_time(duration)}")

    def _show_caption_at(self, position: int) -> None:
        if self.canvas is None:
            return
        text = self.captions.text_at(position) if (self.captions and self.captions_on) else ""
        if text != self.canvas.caption.text():
            self.canvas.set_caption(text)

    @Slot()
    def _on_player_first_frame_shown(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(False)
            self.canvas.set_message("")

    @Slot()
    def _on_player_ended(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(True)
            self.canvas.set_caption("")
        set_icon_later(self.play_button, "mdi6.replay")
        self.play_button.setAccessibleName("Replay")

    @Slot(str)
    def _on_player_failed(self, message: str) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(True)
            self.canvas.set_message(message)
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.seek_slider,
            self.frame_button,
        ):
            widget.setEnabled(False)

    @Slot()
    def _on_player_sound_only(self) -> None:
        if self.canvas is not None:
            self.canvas.set_message("This trailer has sound but no picture.")

    @Slot()
    def _on_seek_slider_pressed(self) -> None:
        self._slider_held = True

    @Slot()
    def _on_seek_slider_released(self) -> None:
        self._slider_held = False
        if self.player is not None:
            self.player.seek(self.seek_slider.value())

    @Slot(int)
    def _on_seek_slider_moved(self, value: int) -> None:
        if self.player is not None:
            self.player.seek(value)

    @Slot(int)
    def _on_volume_slider_value_changed(self, value: int) -> None:
        if self.player is not None:
            self.player.set_volume(value)
        self.settings.set(keys.TRAILER_VOLUME, value)

    # -- keyboard, lifecycle ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event.key()):
            super().keyPressEvent(event)

    def handle_key(self, key: int) -> bool:
        if self.player is None:
            return False
        actions = {
            Qt.Key.Key_Space: self.player.toggle,
            Qt.Key.Key_K: self.player.toggle,
            Qt.Key.Key_J: lambda: self.player and self.player.skip(-SKIP_MS),
            Qt.Key.Key_Left: lambda: self.player and self.player.skip(-SKIP_MS),
            Qt.Key.Key_L: lambda: self.player and self.player.skip(SKIP_MS),
            Qt.Key.Key_Right: lambda: self.player and self.player.skip(SKIP_MS),
            Qt.Key.Key_M: self.toggle_mute,
            Qt.Key.Key_F: self.toggle_full_screen,
            Qt.Key.Key_C: self.toggle_captions,
        }
        action = actions.get(Qt.Key(key))
        if action is not None:
            action()
            return True
        if key == Qt.Key.Key_Escape and self.window().isFullScreen():
            self.window().showNormal()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas:
            if event.type() == QEvent.Type.MouseButtonDblClick:
                self.toggle_full_screen()
                return True
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self.handle_key(event.key())
        minimized = event.type() == QEvent.Type.WindowStateChange and self.window().isMinimized()
        if watched is self._watched_window and minimized and self.player is not None:
            self.player.pause()
        return False

    def tab_left(self) -> None:
        if self.player is not None:
            self.player.pause()

    def shutdown(self) -> None:
        if self._watched_window is not None:
            self._watched_window.removeEventFilter(self)
            self._watched_window = None
        if self.player is not None:
            self.player.shutdown()
