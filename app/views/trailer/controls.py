"""The trailer's controls: a seek slider, and the row of buttons bound to a ``TrailerPlayer``.

The row drives the player directly (play, skip, seek, volume) and keeps its own buttons true
to the player's signals; what belongs to the tab (settings, dialogs, full screen) leaves as
signals of its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolTip,
    QWidget,
)

from app.media.trailer_player import TrailerPlayer
from app.views.icons import set_icon_later
from app.views.kit_text import kit_tooltip

log = logging.getLogger(__name__)

SKIP_MS = 5000
AUDIO_UNAVAILABLE = "Audio is unavailable: no sound output device was found."


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


class PlayerControls(QWidget):
    """Play, skip, seek, time, sound, captions, save and full screen, for one player."""

    mute_clicked = Signal()
    captions_clicked = Signal()
    save_frame_clicked = Signal()
    save_file_clicked = Signal()
    full_screen_clicked = Signal()
    volume_changed = Signal(int)  # by the person, 0–100

    def __init__(
        self,
        player: TrailerPlayer,
        volume: int,
        locked_down: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("playerControls")
        self.player = player
        self.file_saveable = True  # whether "save the file" stays possible after a failure
        self._slider_held = False
        # The theme styles the slider's groove and handle but not its own background, which
        # Fusion then fills with an orange frame around the groove.
        self.setStyleSheet("QSlider { background: transparent; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 10)
        row.setSpacing(6)
        self.play_button = self._button("mdi6.play", "Play", "Play / pause (Space, K)")
        self.back_button = self._button("mdi6.rewind-5", "Back 5 seconds", "Back 5 s (J, ←)")
        self.forward_button = self._button(
            "mdi6.fast-forward-5", "Forward 5 seconds", "Forward 5 s (L, →)"
        )
        self.seek_slider = SeekSlider(self)
        self.seek_slider.setAccessibleName("Position in the trailer")
        self.time_label = QLabel("0:00 / 0:00", self)
        self.time_label.setObjectName("statusText")
        self.time_label.setAccessibleName("Elapsed and total time")
        self.mute_button = self._button("mdi6.volume-high", "Mute", "Mute (M)")
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(110)
        self.volume_slider.setValue(volume)
        self.volume_slider.setAccessibleName("Volume")
        self.audio_label = QLabel("No audio", self)
        self.audio_label.setObjectName("statusText")
        self.audio_label.setToolTip(AUDIO_UNAVAILABLE)
        self.audio_label.setAccessibleName(AUDIO_UNAVAILABLE)
        self.captions_button = self._button(
            "mdi6.closed-caption-outline", "Captions", "Captions on/off (C)"
        )
        self.captions_button.setCheckable(True)
        self.frame_button = self._button(
            "mdi6.camera-outline", "Save current frame as PNG", "Save current frame as PNG…"
        )
        self.save_button = self._button(
            "mdi6.content-save-outline", "Save trailer as", "Save the trailer file as…"
        )
        self.full_screen_button = self._button(
            "mdi6.fullscreen", "Full screen", "Full screen (F, double-click; Esc leaves)"
        )
        if locked_down:
            # Booth mode: saving opens a file dialog, full screen another window.
            for widget in (self.frame_button, self.save_button, self.full_screen_button):
                widget.hide()
        for transport in (self.play_button, self.back_button, self.forward_button):
            row.addWidget(transport)
        row.addSpacing(6)
        row.addWidget(self.seek_slider, 1)
        row.addWidget(self.time_label)
        row.addSpacing(10)
        tail: tuple[QWidget, ...] = (
            self.mute_button,
            self.volume_slider,
            self.audio_label,
            self.captions_button,
            self.frame_button,
            self.save_button,
            self.full_screen_button,
        )
        for item in tail:
            row.addWidget(item)
        self._connect()
        self.update_audio()

    def _button(self, icon: str, accessible: str, tip: str) -> QPushButton:
        widget = QPushButton(self)
        widget.setObjectName("iconButton")
        widget.setAccessibleName(accessible)
        widget.setToolTip(tip)
        set_icon_later(widget, icon)
        return widget

    def _connect(self) -> None:
        self.play_button.clicked.connect(self.player.toggle)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.forward_button.clicked.connect(self._on_forward_button_clicked)
        # clicked(bool) does not connect to a signal without arguments: pass it on by hand.
        for button, signal in (
            (self.mute_button, self.mute_clicked),
            (self.captions_button, self.captions_clicked),
            (self.frame_button, self.save_frame_clicked),
            (self.save_button, self.save_file_clicked),
            (self.full_screen_button, self.full_screen_clicked),
        ):
            button.clicked.connect(lambda _checked=False, signal=signal: signal.emit())
        self.seek_slider.sliderPressed.connect(self._on_seek_slider_pressed)
        self.seek_slider.sliderReleased.connect(self._on_seek_slider_released)
        self.seek_slider.sliderMoved.connect(self._on_seek_slider_moved)
        self.seek_slider.actionTriggered.connect(self._on_seek_slider_action_triggered)
        self.volume_slider.valueChanged.connect(self._on_volume_slider_value_changed)
        player = self.player
        player.playing_changed.connect(self._on_player_playing_changed)
        player.position_changed.connect(self._on_player_position_changed)
        player.duration_changed.connect(self._on_player_duration_changed)
        player.ended.connect(self._on_player_ended)
        player.failed.connect(self._on_player_failed)
        player.sound_only.connect(self._on_player_sound_only)
        player.audio_available_changed.connect(self._on_player_audio_changed)
        player.muted_changed.connect(self._on_player_audio_changed)

    # -- state shown ----------------------------------------------------------------------

    def set_captions_state(self, checked: bool, problem: str | None) -> None:
        """The captions button: on/off, or disabled with the reason when there are none."""
        self.captions_button.setChecked(checked)
        if self.player.captions is not None:
            return
        self.captions_button.setEnabled(False)
        if problem is None:
            self.captions_button.setToolTip("This trailer has no captions.")
        else:
            self.captions_button.setToolTip(kit_tooltip(f"The captions cannot be used: {problem}"))

    def set_full_screen(self, full_screen: bool) -> None:
        set_icon_later(
            self.full_screen_button, "mdi6.fullscreen-exit" if full_screen else "mdi6.fullscreen"
        )
        self.full_screen_button.setAccessibleName(
            "Leave full screen" if full_screen else "Full screen"
        )

    def update_audio(self) -> None:
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

    # -- the person's actions -------------------------------------------------------------

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self.player.skip(-SKIP_MS)

    @Slot()
    def _on_forward_button_clicked(self) -> None:
        self.player.skip(SKIP_MS)

    @Slot()
    def _on_seek_slider_pressed(self) -> None:
        self._slider_held = True

    @Slot()
    def _on_seek_slider_released(self) -> None:
        self._slider_held = False
        self.player.seek(self.seek_slider.value())

    @Slot(int)
    def _on_seek_slider_moved(self, value: int) -> None:
        self.player.seek(value)

    @Slot(int)
    def _on_seek_slider_action_triggered(self, action: int) -> None:
        # Keyboard and page clicks on the bar (sliderMoved covers dragging).
        if action != QSlider.SliderAction.SliderMove.value:
            self.player.seek(self.seek_slider.sliderPosition())

    @Slot(int)
    def _on_volume_slider_value_changed(self, value: int) -> None:
        self.player.set_volume(value)
        self.volume_slider.setToolTip(f"Volume {value} %")
        self.volume_changed.emit(value)

    # -- the player's signals -------------------------------------------------------------

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        set_icon_later(self.play_button, "mdi6.pause" if playing else "mdi6.play")
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    @Slot(int)
    def _on_player_position_changed(self, position: int) -> None:
        if not self._slider_held:
            self.seek_slider.setValue(position)
        duration = self.player.duration()
        self.time_label.setText(f"{format_time(position)} / {format_time(duration)}")

    @Slot(int)
    def _on_player_duration_changed(self, duration: int) -> None:
        self.seek_slider.setRange(0, max(0, duration))
        self.time_label.setText(f"0:00 / {format_time(duration)}")

    @Slot()
    def _on_player_ended(self) -> None:
        set_icon_later(self.play_button, "mdi6.replay")
        self.play_button.setAccessibleName("Replay")
        self.play_button.setToolTip("Replay (Space, K)")

    @Slot(str)
    def _on_player_failed(self, _message: str) -> None:
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.seek_slider,
            self.frame_button,
            self.captions_button,
        ):
            widget.setEnabled(False)
        self.save_button.setEnabled(self.file_saveable)

    @Slot()
    def _on_player_sound_only(self) -> None:
        self.frame_button.setEnabled(False)

    @Slot()
    def _on_player_audio_changed(self) -> None:
        self.update_audio()
