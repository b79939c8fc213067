"""Trailer: the kit's trailer played in the app, with captions, poster and honest errors.

Nothing is opened or decoded until the tab is first shown; playback pauses when the tab is
left or the window is minimized, and stops when the kit closes.

The picture goes to a QVideoWidget (Qt renders it through its RHI, and draws the captions we
hand to its video sink as subtitle text). A QGraphicsView with a QGraphicsVideoItem was the
first design: it converts and scales every frame with QPainter and cost 1.28× the CPU of a
bare QVideoWidget on a 720p file under Xvfb, before any overlay or control was added; the
target is ≤ 1.3× (``tests/benchmarks/bench_trailer.py``). The poster, messages, and captions
for a picture-less file are painted by :class:`PosterView`, a native window stacked above the
video: an ordinary widget cannot be drawn over the video widget's native window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QShowEvent,
)
from PySide6.QtMultimedia import QVideoSink
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QStackedLayout,
    QStyle,
    QStyleOptionSlider,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app import settings as keys
from app.media.images import ImageDecodeError, decode_to_fit
from app.media.trailer_player import TrailerPlayer
from app.model.captions import CaptionError, read_caption_file
from app.model.kit import PressKit
from app.settings import Settings
from app.views import palette
from app.views.base_tab import KitTab, empty_state
from app.views.icons import set_icon_later
from app.views.save_original import ask_and_save_original

log = logging.getLogger(__name__)

SKIP_MS = 5000
AUDIO_UNAVAILABLE = "Audio is unavailable: no sound output device was found."
SOUND_ONLY = "This trailer has sound but no picture. The sound is playing."


def format_time(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class SeekSlider(QSlider):
    """A seek bar that jumps where it is clicked and shows the time under the pointer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setMouseTracking(True)
        # Arrow keys on the focused bar skip like J/L rather than by one millisecond.
        self.setSingleStep(SKIP_MS)
        self.setPageStep(SKIP_MS * 2)

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


class PosterView(QWidget):
    """The poster on black, with a message box and a caption painted over it when set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._poster = QPixmap()
        self._scaled = QPixmap()
        self.message = ""
        self.caption = ""

    def set_poster(self, pixmap: QPixmap | None) -> None:
        self._poster = pixmap or QPixmap()
        self._scaled = QPixmap()
        self.update()

    def has_poster(self) -> bool:
        return not self._poster.isNull()

    def set_message(self, text: str) -> None:
        self.message = text
        self.setAccessibleDescription(text)
        self.update()

    def set_caption(self, text: str) -> None:
        if text != self.caption:
            self.caption = text
            self.update()

    def _poster_rect(self) -> QRectF:
        logical = self._poster.deviceIndependentSize()
        scale = min(self.width() / logical.width(), self.height() / logical.height())
        width, height = logical.width() * scale, logical.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(palette.VIDEO_BACKGROUND))
        if not self._poster.isNull():
            target = self._poster_rect()
            ratio = self.devicePixelRatioF()
            wanted = QSize(round(target.width() * ratio), round(target.height() * ratio))
            if self._scaled.size() != wanted:  # rescale once per size, not once per paint
                self._scaled = self._poster.scaled(
                    wanted,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self._scaled.setDevicePixelRatio(ratio)
            painter.drawPixmap(target.topLeft(), self._scaled)
        height = self.height()
        if self.message:
            # Dim the poster so the message reads on any picture.
            painter.fillRect(self.rect(), QColor(palette.with_alpha(palette.SHADE, 110)))
            self._draw_text_box(painter, self.message, height * 0.5, height / 24, 0.7, 190)
        if self.caption:
            self._draw_text_box(painter, self.caption, height * 0.88, height / 20, 0.9, 160)
        painter.end()

    def _draw_text_box(
        self,
        painter: QPainter,
        text: str,
        center_y: float,
        pixel_size: float,
        width_share: float,
        alpha: int,
    ) -> None:
        font = QFont(self.font())
        font.setPixelSize(int(max(15, min(pixel_size, 34))))
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        available = QRectF(0, 0, max(200.0, self.width() * width_share), self.height())
        bounds = painter.boundingRect(available, int(flags), text)
        pad_x, pad_y = font.pixelSize() * 0.9, font.pixelSize() * 0.5
        box = QRectF(
            (self.width() - bounds.width()) / 2 - pad_x,
            center_y - bounds.height() / 2 - pad_y,
            bounds.width() + 2 * pad_x,
            bounds.height() + 2 * pad_y,
        )
        box.moveBottom(min(box.bottom(), self.height() - 4.0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(palette.with_alpha(palette.SHADE, alpha)))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(QColor(palette.TEXT_STRONG))
        # Lay the text out in the same width it was measured in: the tight box can be a
        # fraction of a pixel narrower and would wrap (and clip) the last word.
        text_rect = QRectF(
            (self.width() - available.width()) / 2,
            box.top() + pad_y,
            available.width(),
            bounds.height(),
        )
        painter.drawText(text_rect, int(flags), text)


class VideoCanvas(QWidget):
    """The video area: the poster page (poster, message, caption) or the playing video."""

    clicked = Signal()
    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoCanvas")
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        # Both pages stay shown, the poster on top: the video widget's window and its GPU
        # surface are ready before play() (showing it only at play() cost ~70 ms of first
        # frame). The poster must be a native window to stack above the video's native one.
        self._stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        self.video = QVideoWidget(self)
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.poster_view = PosterView(self)
        # The video widget draws through a QVideoWindow in a window container. Unless that
        # container is native, Qt parents the QVideoWindow to the top-level window, above
        # every widget; a native container keeps it in the widget stacking order.
        container = self.video.findChild(QWidget)
        for widget in (container, self.video, self.poster_view):
            if widget is not None:
                widget.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self._stack.addWidget(self.video)
        self._stack.addWidget(self.poster_view)
        self._stack.setCurrentWidget(self.poster_view)
        for widget in (self.poster_view, self.video):
            widget.setFocusProxy(self)
            widget.installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The video's native window is created on first show, above the poster: restack.
        if not self.poster_view.isHidden():
            self.poster_view.raise_()

    def video_sink(self) -> QVideoSink:
        return self.video.videoSink()

    def set_caption(self, text: str) -> None:
        # The video widget draws its sink's subtitle text over the picture, scaled with it.
        if self.video.videoSink().subtitleText() != text:
            self.video.videoSink().setSubtitleText(text)
        self.poster_view.set_caption(text)

    def caption_text(self) -> str:
        """The caption on screen now, on whichever page shows."""
        if self.showing_poster():
            return self.poster_view.caption
        return str(self.video.videoSink().subtitleText())

    def set_message(self, text: str) -> None:
        self.poster_view.set_message(text)
        if text:
            self.show_poster(True)

    def message_text(self) -> str:
        return self.poster_view.message

    def set_poster(self, pixmap: QPixmap | None) -> None:
        self.poster_view.set_poster(pixmap)

    def show_poster(self, visible: bool) -> None:
        self.poster_view.setVisible(visible)
        if visible:
            self.poster_view.raise_()

    def showing_poster(self) -> bool:
        return not self.poster_view.isHidden()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.double_clicked.emit()
            return True
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.clicked.emit()
        return False


class FullScreenHost(QWidget):
    """A top-level window that borrows the tab's video and controls while full screen."""

    leave_requested = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.setObjectName("trailerFullScreen")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed by the window manager: hand the video back instead of destroying it.
        event.ignore()
        self.leave_requested.emit()


class TrailerTab(KitTab):
    title = "Trailer"
    icon_name = "mdi6.filmstrip"

    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(kit, settings, parent)
        self.player: TrailerPlayer | None = None
        self.canvas: VideoCanvas | None = None
        self.captions_on = settings.get(keys.TRAILER_CAPTIONS)
        self.captions_problem: str | None = None
        self._slider_held = False
        self._watched_window: QWidget | None = None
        self._full_screen_host: FullScreenHost | None = None
        self._sound_only = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        if kit.trailer is None:
            self._layout.addWidget(empty_state("This press kit has no trailer.", self))

    # -- building (on first show) ---------------------------------------------------------

    def first_shown(self) -> None:
        trailer = self.kit.trailer
        if trailer is None:
            return
        # The stage (video + notice + controls) is what goes full screen.
        self.stage = QWidget(self)
        self.stage.setObjectName("trailerStage")
        stage_layout = QVBoxLayout(self.stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.setSpacing(0)
        self.canvas = VideoCanvas(self.stage)
        self.canvas.setAccessibleName(f"Trailer video: {trailer.title or 'trailer'}")
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.double_clicked.connect(self.toggle_full_screen)
        self.canvas.clicked.connect(self._on_canvas_clicked)
        self.player = TrailerPlayer(self)
        self.player.set_video_sink(self.canvas.video_sink())
        self.notice_label = QLabel(self.stage)
        self.notice_label.setObjectName("trailerNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            f"QLabel#trailerNotice {{ background-color: {palette.NOTICE_BACKGROUND};"
            f" color: {palette.NOTICE_TEXT}; padding: 6px 16px;"
            f" border-top: 1px solid {palette.NOTICE_BORDER}; }}"
        )
        self.notice_label.hide()
        self._build_controls()
        stage_layout.addWidget(self.canvas, 1)
        stage_layout.addWidget(self.notice_label)
        stage_layout.addWidget(self.controls)
        self._layout.addWidget(self.stage)
        self.stage.show()  # now, not on the layout's queued show: it is wanted on screen
        self.stage.installEventFilter(self)

        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.duration_changed.connect(self._on_player_duration_changed)
        self.player.failed.connect(self._on_player_failed)
        self.player.ended.connect(self._on_player_ended)
        self.player.first_frame_shown.connect(self._on_player_first_frame_shown)
        self.player.sound_only.connect(self._on_player_sound_only)
        self.player.caption_changed.connect(self._on_player_caption_changed)
        self.player.audio_available_changed.connect(self._on_player_audio_available_changed)
        self.player.set_volume(self.settings.get(keys.TRAILER_VOLUME))
        self.player.set_muted(self.settings.get(keys.TRAILER_MUTED))
        self._update_audio_controls()

        self._load_poster()
        self._load_captions()
        if trailer.problem or trailer.file is None:
            self.player.fail(f"The trailer cannot be played: {trailer.problem}.")
        else:
            self.player.load(trailer.file.path)
        window = self.window()
        if window is not None and window is not self:
            window.installEventFilter(self)
            self._watched_window = window

    def _build_controls(self) -> None:
        self.controls = QWidget(self.stage)
        self.controls.setObjectName("playerControls")
        # The theme styles the slider's groove and handle but not its own background, which
        # Fusion then fills with an orange frame around the groove.
        self.controls.setStyleSheet("QSlider { background: transparent; }")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(16, 8, 16, 10)
        row.setSpacing(6)

        def button(icon: str, accessible: str, tip: str, slot: object) -> QPushButton:
            widget = QPushButton(self.controls)
            widget.setObjectName("iconButton")
            widget.setAccessibleName(accessible)
            widget.setToolTip(tip)
            widget.clicked.connect(slot)
            set_icon_later(widget, icon)
            return widget

        assert self.player is not None
        self.play_button = button("mdi6.play", "Play", "Play / pause (Space, K)", self.toggle_play)
        self.back_button = button(
            "mdi6.rewind-5", "Back 5 seconds", "Back 5 s (J, ←)", lambda: self.skip(-SKIP_MS)
        )
        self.forward_button = button(
            "mdi6.fast-forward-5",
            "Forward 5 seconds",
            "Forward 5 s (L, →)",
            lambda: self.skip(SKIP_MS),
        )
        self.seek_slider = SeekSlider(self.controls)
        self.seek_slider.setAccessibleName("Position in the trailer")
        self.seek_slider.sliderPressed.connect(self._on_seek_slider_pressed)
        self.seek_slider.sliderReleased.connect(self._on_seek_slider_released)
        self.seek_slider.sliderMoved.connect(self._on_seek_slider_moved)
        self.seek_slider.actionTriggered.connect(self._on_seek_slider_action_triggered)
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
        self.audio_label = QLabel("No audio", self.controls)
        self.audio_label.setObjectName("statusText")
        self.audio_label.setToolTip(AUDIO_UNAVAILABLE)
        self.audio_label.setAccessibleName(AUDIO_UNAVAILABLE)
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
            "Full screen (F, double-click; Esc leaves)",
            self.toggle_full_screen,
        )
        if self.settings.locked_down:
            # Booth mode: saving opens a file dialog, full screen another window.
            for widget in (self.frame_button, self.save_button, self.full_screen_button):
                widget.hide()
        for transport in (self.play_button, self.back_button, self.forward_button):
            row.addWidget(transport)
        row.addSpacing(6)
        row.addWidget(self.seek_slider, 1)
        row.addWidget(self.time_label)
        row.addSpacing(10)
        for widget in (
            self.mute_button,
            self.volume_slider,
            self.audio_label,
            self.captions_button,
            self.frame_button,
            self.save_button,
            self.full_screen_button,
        ):
            row.addWidget(widget)

    def _load_poster(self) -> None:
        trailer = self.kit.trailer
        if trailer is None or trailer.poster is None or self.canvas is None:
            return
        ratio = self.devicePixelRatioF()
        try:
            image = decode_to_fit(trailer.poster.path, QSize(int(1920 * ratio), int(1080 * ratio)))
        except ImageDecodeError as exc:
            log.warning("poster %s %s", trailer.poster.relative, exc)
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.canvas.set_poster(pixmap)

    def _load_captions(self) -> None:
        trailer = self.kit.trailer
        assert self.player is not None
        if trailer is None or trailer.captions is None:
            self.captions_button.setEnabled(False)
            self.captions_button.setToolTip("This trailer has no captions.")
            return
        try:
            self.player.set_captions(read_caption_file(trailer.captions.path))
        except CaptionError as exc:
            log.warning("captions unusable: %s", exc)
            self.captions_problem = str(exc)
            self.captions_button.setEnabled(False)
            self.captions_button.setToolTip(f"The captions cannot be used: {exc}")
            self._show_notice(
                f"The captions cannot be used ({exc}). The trailer plays without captions."
            )

    def _show_notice(self, text: str) -> None:
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
        self.player.set_muted(muted)
        self.settings.set(keys.TRAILER_MUTED, muted)
        self._update_audio_controls()

    def _update_audio_controls(self) -> None:
        assert self.player is not None
        available = self.player.audio_available
        muted = self.player.is_muted()
        for widget in (self.volume_slider, self.mute_button):
            widget.setEnabled(available)
        self.audio_label.setVisible(not available)
        if available:
            set_icon_later(self.mute_button, "mdi6.volume-off" if muted else "mdi6.volume-high")
            self.mute_button.setAccessibleName("Unmute" if muted else "Mute")
            self.mute_button.setToolTip("Unmute (M)" if muted else "Mute (M)")
            self.volume_slider.setToolTip(f"Volume {self.volume_slider.value()} %")
            self.volume_slider.setAccessibleDescription("")
        else:
            set_icon_later(self.mute_button, "mdi6.volume-variant-off")
            self.mute_button.setAccessibleName("Audio unavailable")
            for widget in (self.volume_slider, self.mute_button):
                widget.setToolTip(AUDIO_UNAVAILABLE)
            self.volume_slider.setAccessibleDescription(AUDIO_UNAVAILABLE)

    @Slot()
    def toggle_captions(self) -> None:
        if self.player is None or self.player.captions is None:
            return
        self.captions_on = not self.captions_on
        self.captions_button.setChecked(self.captions_on)
        self.settings.set(keys.TRAILER_CAPTIONS, self.captions_on)
        self._show_caption(self.player.caption_text() if self.captions_on else "")

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.canvas is None or self.settings.locked_down:
            return
        if self._full_screen_host is not None:
            self._leave_full_screen()
            return
        trailer = self.kit.trailer
        host = FullScreenHost(f"{self.kit.film.title} — {trailer.title if trailer else ''}")
        host.leave_requested.connect(self._leave_full_screen)
        host.add(self.stage)  # borrows the stage; it comes back on leaving
        self._full_screen_host = host
        set_icon_later(self.full_screen_button, "mdi6.fullscreen-exit")
        self.full_screen_button.setAccessibleName("Leave full screen")
        host.showFullScreen()
        self.canvas.setFocus()

    @Slot()
    def _leave_full_screen(self) -> None:
        host = self._full_screen_host
        if host is None:
            return
        self._full_screen_host = None
        self._layout.addWidget(self.stage)
        host.hide()
        host.deleteLater()
        set_icon_later(self.full_screen_button, "mdi6.fullscreen")
        self.full_screen_button.setAccessibleName("Full screen")
        if self.canvas is not None:
            self.canvas.setFocus()

    def is_full_screen(self) -> bool:
        return self._full_screen_host is not None

    @Slot()
    def save_frame(self) -> None:
        if self.player is None:
            return
        frame = self.player.current_frame()
        image = frame.toImage() if frame.isValid() else QImage()
        if image.isNull():
            QMessageBox.information(self, "No frame to save", "Play the trailer first.")
            return
        seconds = self.player.position() / 1000
        suggested = Path.home() / f"trailer-frame-{seconds:07.2f}s.png".replace(".", "-", 1)
        target, _ = QFileDialog.getSaveFileName(
            self, "Save the current frame", str(suggested), "PNG images (*.png)"
        )
        if target and not image.save(target, "PNG"):  # type: ignore[call-overload]
            QMessageBox.warning(self, "Cannot save the frame", f"“{target}” could not be written.")

    @Slot()
    def save_trailer(self) -> None:
        trailer = self.kit.trailer
        if trailer is not None and trailer.file is not None:
            ask_and_save_original(self, trailer.file.path, trailer.file_text, "trailer")

    # -- player signals -------------------------------------------------------------------

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        set_icon_later(self.play_button, "mdi6.pause" if playing else "mdi6.play")
        self.play_button.setAccessibleName("Pause" if playing else "Play")
        if playing and self.canvas is not None and not self._sound_only:
            # Leave the poster as playback starts, so the video widget is ready for frame one.
            self.canvas.show_poster(False)

    @Slot(int)
    def _on_player_position_changed(self, position: int) -> None:
        if not self._slider_held:
            self.seek_slider.setValue(position)
        duration = self.player.duration() if self.player else 0
        self.time_label.setText(f"{format_time(position)} / {format_time(duration)}")

    @Slot(int)
    def _on_player_duration_changed(self, duration: int) -> None:
        self.seek_slider.setRange(0, max(0, duration))
        self.time_label.setText(f"0:00 / {format_time(duration)}")

    @Slot(str)
    def _on_player_caption_changed(self, text: str) -> None:
        self._show_caption(text if self.captions_on else "")

    def _show_caption(self, text: str) -> None:
        if self.canvas is not None:
            self.canvas.set_caption(text)

    @Slot()
    def _on_player_first_frame_shown(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(False)

    @Slot()
    def _on_player_ended(self) -> None:
        if self.canvas is not None:
            self.canvas.show_poster(True)
            self._show_caption("")
        set_icon_later(self.play_button, "mdi6.replay")
        self.play_button.setAccessibleName("Replay")
        self.play_button.setToolTip("Replay (Space, K)")

    @Slot(str)
    def _on_player_failed(self, message: str) -> None:
        if self.canvas is not None:
            self._show_caption("")
            self.canvas.set_message(message)
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.seek_slider,
            self.frame_button,
            self.captions_button,
        ):
            widget.setEnabled(False)
        trailer = self.kit.trailer
        self.save_button.setEnabled(bool(trailer and trailer.file and trailer.file.size > 0))

    @Slot()
    def _on_player_sound_only(self) -> None:
        self._sound_only = True
        if self.canvas is not None:
            self.canvas.set_message(SOUND_ONLY)
        self.frame_button.setEnabled(False)

    @Slot(bool)
    def _on_player_audio_available_changed(self, _available: bool) -> None:
        self._update_audio_controls()

    @Slot()
    def _on_canvas_clicked(self) -> None:
        # A click on the poster starts the trailer, as on every video site.
        player, canvas = self.player, self.canvas
        playing = player is not None and player.is_playing()
        if player is not None and canvas is not None and canvas.showing_poster() and not playing:
            player.play()

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
    def _on_seek_slider_action_triggered(self, action: int) -> None:
        # Keyboard and page clicks on the bar (sliderMoved covers dragging).
        if action != QSlider.SliderAction.SliderMove.value and self.player is not None:
            self.player.seek(self.seek_slider.sliderPosition())

    @Slot(int)
    def _on_volume_slider_value_changed(self, value: int) -> None:
        if self.player is not None:
            self.player.set_volume(value)
        self.volume_slider.setToolTip(f"Volume {value} %")
        self.settings.set(keys.TRAILER_VOLUME, value)

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
            self._leave_full_screen()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is getattr(self, "stage", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            # Keys the focused child left alone reach the stage, in the tab or full screen.
            return self.handle_key(event.key())
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
        self._leave_full_screen()
        if self._watched_window is not None:
            self._watched_window.removeEventFilter(self)
            self._watched_window = None
        if self.player is not None:
            self.player.shutdown()
