"""The video area: the poster view and the video canvas with its caption overlay.

The picture goes to a QVideoWidget (Qt renders it through its RHI, and draws the captions we
hand to its video sink as subtitle text). A QGraphicsView with a QGraphicsVideoItem was the
first design: it converts and scales every frame with QPainter and cost 1.28× the CPU of a
bare QVideoWidget on a 720p file under Xvfb, before any overlay or control was added; the
target is ≤ 1.3× (``tests/benchmarks/bench_trailer.py``). The poster, messages, and captions
for a picture-less file are painted by :class:`PosterView`, a native window stacked above the
video: an ordinary widget cannot be drawn over the video widget's native window.

The Trailer tab and the booth's attract loop both show the trailer here, so a caption fix is
made once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPixmap, QShowEvent
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QStackedLayout, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.trailer_player import TrailerPlayer
from app.model.kit import KitFile
from app.views import palette

log = logging.getLogger(__name__)


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
    """The video area: the poster page (poster, message, caption) or the playing video.

    :meth:`follow` binds it to a :class:`TrailerPlayer`: the player's cues then show as
    captions (while :attr:`captions_visible`), on whichever page shows.
    """

    clicked = Signal()
    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoCanvas")
        self._player: TrailerPlayer | None = None
        self.captions_visible = True
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

    def follow(self, player: TrailerPlayer) -> None:
        """Show ``player``'s picture here, with its cues as captions."""
        self._player = player
        player.set_video_sink(self.video_sink())
        player.caption_changed.connect(self._on_player_caption_changed)

    def set_captions_visible(self, visible: bool) -> None:
        """Captions on or off; the change shows at once, paused or playing."""
        self.captions_visible = visible
        text = self._player.caption_text() if self._player is not None else ""
        self.set_caption(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The video's native window is created on first show, above the poster: restack.
        if not self.poster_view.isHidden():
            self.poster_view.raise_()

    def video_sink(self) -> QVideoSink:
        return self.video.videoSink()

    def set_caption(self, text: str) -> None:
        """Show ``text`` as the caption ("" for none), unless captions are off."""
        if not self.captions_visible:
            text = ""
        sink = self.video.videoSink()
        if sink.subtitleText() != text:
            # The video widget draws its sink's subtitle text over the picture, scaled with
            # it; but the text travels with the next frame, and a paused player sends none.
            sink.setSubtitleText(text)
            self._redeliver_paused_frame(sink)
        self.poster_view.set_caption(text)

    def _redeliver_paused_frame(self, sink: QVideoSink) -> None:
        player = self._player
        if player is None or player.is_playing():
            return
        frame = sink.videoFrame()
        if not frame.isValid():
            return
        # The sink ignores the very frame it holds, so hand it an equal picture in a new
        # frame; the sink stamps it with the new subtitle text and the widget redraws.
        again = QVideoFrame(frame.toImage())
        again.setStartTime(frame.startTime())
        again.setEndTime(frame.endTime())
        sink.setVideoFrame(again)

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

    def load_poster(self, poster: KitFile) -> None:
        """Decode the kit's poster at screen size; one that cannot be decoded is left out."""
        ratio = self.devicePixelRatioF()
        try:
            image = decode_to_fit(poster.path, QSize(int(1920 * ratio), int(1080 * ratio)))
        except ImageDecodeError as exc:
            log.warning("poster %s %s", poster.relative, exc)
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.set_poster(pixmap)

    def reset(self, poster: KitFile | None) -> None:
        """Ready for another video: its poster (or none), no caption, no message."""
        self.set_caption("")
        self.set_message("")
        self.set_poster(None)
        if poster is not None:
            self.load_poster(poster)
        self.show_poster(True)

    def show_poster(self, visible: bool) -> None:
        self.poster_view.setVisible(visible)
        if visible:
            self.poster_view.raise_()

    def showing_poster(self) -> bool:
        return not self.poster_view.isHidden()

    @Slot(str)
    def _on_player_caption_changed(self, text: str) -> None:
        self.set_caption(text)

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
