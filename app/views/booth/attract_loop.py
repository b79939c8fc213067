"""The attract loop: the kit's trailer, then its stills with captions and credits (slow pan and
zoom, cross-fades), then a title card with the release date — and again, while nobody uses the
booth.

The running order is :class:`app.model.attract.AttractSequence`; this module plays it. A
trailer that cannot play and a still that cannot be decoded are logged and left out, never
shown as an error. Pacing and animation read the booth's clock, so tests can step through it.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QStackedLayout, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.trailer_player import TrailerPlayer
from app.media.worker import run_in_background
from app.model.attract import AttractSequence, AttractStep, StepKind, release_date
from app.model.booth_session import BoothConfig
from app.model.captions import CaptionError, read_caption_file
from app.model.clock import Clock
from app.model.kit import PressKit
from app.views import palette
from app.views.overview_tab import format_date

log = logging.getLogger(__name__)

ANIMATION_INTERVAL_MS = 33  # about 30 frames a second for the pan and zoom
DECODE_WAIT_SECONDS = 20.0  # a still whose decode takes longer than this is skipped
TRAILER_MARGIN_SECONDS = 15.0  # past the trailer's duration without an end: move on
TRAILER_UNKNOWN_LIMIT_SECONDS = 600.0  # when the duration never becomes known
HISTORY_LENGTH = 200

# Slow pan and zoom ("Ken Burns"): (zoom at start, zoom at end, (x, y) at start, (x, y) at
# end); positions run from -1 (left/top edge of the picture) to 1 (right/bottom edge).
MOTIONS: tuple[tuple[float, float, tuple[float, float], tuple[float, float]], ...] = (
    (1.0, 1.12, (0.0, 0.0), (0.5, -0.4)),
    (1.12, 1.0, (-0.6, 0.3), (0.0, 0.0)),
    (1.06, 1.06, (-0.9, 0.0), (0.9, 0.0)),
    (1.0, 1.1, (0.0, 0.0), (-0.5, 0.5)),
)


@dataclass
class Frame:
    """One picture of the loop: a still (moving) or the title card (standing)."""

    pixmap: QPixmap
    started: float
    duration: float
    caption: str = ""
    credit: str = ""
    motion: int | None = None  # index into MOTIONS; None for the title card


class AttractCanvas(QWidget):
    """Paints the current frame over the previous one while cross-fading."""

    def __init__(self, clock: Clock, fade_seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.clock = clock
        self.fade_seconds = max(0.001, fade_seconds)
        self.current: Frame | None = None
        self.previous: Frame | None = None

    def show_frame(self, frame: Frame) -> None:
        self.previous = self.current
        self.current = frame
        self.update()

    def clear(self) -> None:
        self.current = None
        self.previous = None
        self.update()

    def fade_progress(self) -> float:
        if self.current is None:
            return 1.0
        return _clamp((self.clock.now() - self.current.started) / self.fade_seconds)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(palette.VIDEO_BACKGROUND))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            now = self.clock.now()
            fade = self.fade_progress()
            if self.previous is not None and fade < 1.0:
                self._draw(painter, self.previous, 1.0, now)
            elif self.previous is not None:
                self.previous = None  # faded out: let its pixmap go
            if self.current is not None:
                self._draw(painter, self.current, fade, now)
        except Exception:  # a paint error must not take the booth down
            log.exception("attract loop: painting failed")
        finally:
            painter.end()

    def _draw(self, painter: QPainter, frame: Frame, opacity: float, now: float) -> None:
        painter.setOpacity(opacity)
        width, height = float(self.width()), float(self.height())
        size = frame.pixmap.deviceIndependentSize()
        if frame.motion is None:
            target = QRectF(0, 0, width, height)
        else:
            start_zoom, end_zoom, (x0, y0), (x1, y1) = MOTIONS[frame.motion % len(MOTIONS)]
            progress = _ease(_clamp((now - frame.started) / max(0.001, frame.duration)))
            cover = max(width / max(1.0, size.width()), height / max(1.0, size.height()))
            scale = cover * (start_zoom + (end_zoom - start_zoom) * progress)
            shown_w, shown_h = size.width() * scale, size.height() * scale
            x = x0 + (x1 - x0) * progress
            y = y0 + (y1 - y0) * progress
            left = (width - shown_w) / 2 - x * (shown_w - width) / 2
            top = (height - shown_h) / 2 - y * (shown_h - height) / 2
            target = QRectF(left, top, shown_w, shown_h)
        painter.drawPixmap(target, frame.pixmap, QRectF(frame.pixmap.rect()))
        if frame.caption or frame.credit:
            self._draw_caption(painter, frame)
        painter.setOpacity(1.0)

    def _draw_caption(self, painter: QPainter, frame: Frame) -> None:
        width, height = float(self.width()), float(self.height())
        band = QRectF(0, height * 0.72, width, height * 0.28)
        shade = QLinearGradient(band.topLeft(), band.bottomLeft())
        shade.setColorAt(0.0, QColor(palette.with_alpha(palette.SHADE, 0)))
        shade.setColorAt(0.55, QColor(palette.with_alpha(palette.SHADE, 170)))
        shade.setColorAt(1.0, QColor(palette.with_alpha(palette.SHADE, 215)))
        painter.fillRect(band, shade)
        margin = width * 0.05
        caption_font = QFont(self.font())
        caption_font.setPixelSize(max(16, int(height / 30)))
        caption_font.setWeight(QFont.Weight.DemiBold)
        credit_font = QFont(self.font())
        credit_font.setPixelSize(max(12, int(height / 52)))
        credit_font.setItalic(True)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        text_width = width - 2 * margin
        bottom = height - height * 0.05
        if frame.credit:
            painter.setFont(credit_font)
            credit_rect = painter.boundingRect(
                QRectF(0, 0, text_width, height), flags, f"Credit: {frame.credit}"
            )
            credit_rect.moveTo(margin, bottom - credit_rect.height())
            painter.setPen(QColor(palette.TEXT_CAPTION_CREDIT))
            painter.drawText(credit_rect, flags, f"Credit: {frame.credit}")
            bottom = credit_rect.top() - credit_font.pixelSize() * 0.4
        if frame.caption:
            painter.setFont(caption_font)
            caption_rect = painter.boundingRect(
                QRectF(0, 0, text_width, height), flags, frame.caption
            )
            caption_rect.moveTo(margin, bottom - caption_rect.height())
            painter.setPen(QColor(palette.TEXT_STRONG))
            painter.drawText(caption_rect, flags, frame.caption)


class AttractLoop(QWidget):
    """Plays the loop while started; :meth:`poll` moves it on by the clock."""

    cycle_finished = Signal(int)  # the number of the cycle that just ended (0 first)
    step_started = Signal(str)  # "trailer", "still" or "title"

    def __init__(self, clock: Clock, config: BoothConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attractLoop")
        self.clock = clock
        self.config = config
        self.kit: PressKit | None = None
        self.sequence: AttractSequence | None = None
        self.step: AttractStep | None = None
        self.history: deque[AttractStep] = deque(maxlen=HISTORY_LENGTH)
        self.running = False
        # For the soak benchmark: play only the trailer's last this-many milliseconds.
        self.trailer_tail_ms: int | None = None
        self._step_started = 0.0
        self._shown_at: float | None = None  # when the current still/title appeared
        self._generation = 0  # decodes started before a stop or a new kit are dropped
        self._kit_generation = 0
        self._trailer_shown = False
        self._images: dict[int, QImage] = {}
        self._decoding: set[int] = set()
        self._failed_logged: set[int] = set()
        self._motion = 0
        self._key_art: QImage | None = None
        self._title_card: QPixmap | None = None

        self.video = QVideoWidget(self)
        self.video.setObjectName("attractVideo")
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.canvas = AttractCanvas(clock, config.fade_seconds, self)
        self._layout = QStackedLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.canvas)
        self._layout.addWidget(self.video)
        self._layout.setCurrentWidget(self.canvas)
        self.player: TrailerPlayer | None = None

        self._animation = QTimer(self)
        self._animation.setInterval(ANIMATION_INTERVAL_MS)
        self._animation.timeout.connect(self._on_animation_timeout)

    # -- set-up ---------------------------------------------------------------------------

    def set_kit(self, kit: PressKit) -> None:
        self.stop()
        self.kit = kit
        self._kit_generation += 1
        self._key_art = None
        self._title_card = None
        self._failed_logged.clear()
        trailer = kit.trailer
        playable = trailer is not None and trailer.file is not None and not trailer.problem
        unusable = [i for i, s in enumerate(kit.stills) if s.file is None or s.problem]
        for index in unusable:
            log.info(
                "attract loop: leaving out still %s (%s)", index + 1, kit.stills[index].problem
            )
        self.sequence = AttractSequence(playable, len(kit.stills), unusable)
        if trailer is not None and not playable:
            log.info("attract loop: leaving out the trailer (%s)", trailer.problem)
        self._set_up_player(kit)
        self._decode_key_art(kit)

    def _set_up_player(self, kit: PressKit) -> None:
        if self.player is not None:
            self.player.shutdown()
            self.player.deleteLater()
            self.player = None
        trailer = kit.trailer
        if self.sequence is None or not self.sequence.trailer_usable or trailer is None:
            return
        assert trailer.file is not None
        self.player = TrailerPlayer(self)
        self.player.set_video_sink(self.video.videoSink())
        self.player.set_muted(not self.config.sound)
        self.player.ended.connect(self._on_player_ended)
        self.player.first_frame_shown.connect(self._on_player_first_frame_shown)
        self.player.playing_changed.connect(self._on_player_playing_changed)
        self.player.failed.connect(self._on_player_failed)
        self.player.sound_only.connect(self._on_player_sound_only)
        self.player.duration_changed.connect(self._on_player_duration_changed)
        self.player.caption_changed.connect(self._on_player_caption_changed)
        if trailer.captions is not None:
            # Captions on: a booth is noisy, and often silent on purpose.
            try:
                self.player.set_captions(read_caption_file(trailer.captions.path))
            except CaptionError as exc:
                log.info("attract loop: trailer captions unusable: %s", exc)
        self.player.load(trailer.file.path)  # a failure arrives as `failed`

    def _decode_key_art(self, kit: PressKit) -> None:
        key_art = kit.film.key_art
        if key_art is None:
            return
        generation = self._kit_generation
        path = key_art.path
        box = QSize(1200, 1800)
        run_in_background(
            lambda: decode_to_fit(path, box),
            lambda image: self._on_key_art_decoded(generation, image),
            lambda error: log.info("attract loop: key art not shown: %s", error),
            owner=self,
        )

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        if self.sequence is None or self.running:
            return
        self.running = True
        self._generation += 1
        self.canvas.clear()
        self._enter(self.sequence.first())

    def stop(self) -> None:
        """Stop playing and let go of decoded pictures (visitor mode, reset, exit)."""
        self.running = False
        self._generation += 1
        self._animation.stop()
        if self.player is not None:
            self.player.stop()
        self.video.videoSink().setSubtitleText("")
        self._images.clear()
        self._decoding.clear()
        self.canvas.clear()
        self._layout.setCurrentWidget(self.canvas)
        self.step = None
        self._shown_at = None

    def shutdown(self) -> None:
        self.stop()
        if self.player is not None:
            self.player.shutdown()

    def poll(self) -> None:
        """Move on when the current step's time is up (called by the booth's tick)."""
        step = self.step
        if not self.running or step is None:
            return
        now = self.clock.now()
        if step.kind is StepKind.TRAILER:
            if now - self._step_started > self._trailer_limit():
                log.warning("attract loop: the trailer did not end in time; moving on")
                self._advance()
        elif self._shown_at is None:
            if step.kind is StepKind.STILL and now - self._step_started > DECODE_WAIT_SECONDS:
                assert step.still is not None
                self._give_up_still(step.still, "took too long to decode")
        else:
            duration = (
                self.config.title_seconds
                if step.kind is StepKind.TITLE
                else self.config.slide_seconds
            )
            if now - self._shown_at >= duration:
                self._advance()

    def _trailer_limit(self) -> float:
        duration = self.player.duration() if self.player is not None else 0
        if duration <= 0:
            return TRAILER_UNKNOWN_LIMIT_SECONDS
        played = self.trailer_tail_ms if self.trailer_tail_ms is not None else duration
        return min(duration, played) / 1000 + TRAILER_MARGIN_SECONDS

    def _advance(self) -> None:
        if self.sequence is None or self.step is None or not self.running:
            return
        finished = self.step
        following = self.sequence.after(finished)
        if following.cycle != finished.cycle:
            self.cycle_finished.emit(finished.cycle)
            if not self.running:  # a listener stopped the loop
                return
        self._enter(following)

    def _enter(self, step: AttractStep) -> None:
        self.step = step
        self._step_started = self.clock.now()
        self._shown_at = None
        if step.kind is StepKind.TRAILER:
            self._enter_trailer()
        elif step.kind is StepKind.STILL:
            assert step.still is not None
            self._enter_still(step.still)
        else:
            self._enter_title()

    def _enter_trailer(self) -> None:
        assert self.player is not None
        self._animation.stop()
        self.canvas.clear()
        # Black until the first picture: a trailer that turns out not to play is never seen.
        self._layout.setCurrentWidget(self.canvas)
        self._trailer_shown = False
        self.player.play()
        self._seek_to_tail()
        # Meanwhile, decode the first still so the slideshow starts without a wait.
        if self.sequence is not None:
            first = self.sequence.first_still()
            if first is not None:
                self._request_still(first)

    def _seek_to_tail(self) -> None:
        if self.player is not None and self.trailer_tail_ms is not None:
            duration = self.player.duration()
            if duration > 0:
                self.player.seek(max(0, duration - self.trailer_tail_ms))

    def _enter_still(self, index: int) -> None:
        self._layout.setCurrentWidget(self.canvas)
        self._animation.start()
        if index in self._images:
            self._show_still(index)
        else:
            self._request_still(index)

    def _enter_title(self) -> None:
        self._layout.setCurrentWidget(self.canvas)
        self._animation.start()
        now = self.clock.now()
        self.canvas.show_frame(Frame(self._title_pixmap(), now, self.config.title_seconds))
        self._shown_at = now
        self._record(StepKind.TITLE)

    def _record(self, kind: StepKind) -> None:
        if self.step is not None:
            self.history.append(self.step)
        self.step_started.emit(kind.value)

    # -- stills ---------------------------------------------------------------------------

    def _request_still(self, index: int) -> None:
        if self.kit is None or index in self._images or index in self._decoding:
            return
        still_file = self.kit.stills[index].file
        if still_file is None:
            self._give_up_still(index, "has no file")
            return
        generation = self._generation
        path = still_file.path
        ratio = self.devicePixelRatioF()
        # A little larger than the screen: the slow zoom goes up to 12 %.
        box = QSize(
            max(640, int(self.width() * ratio * 1.12)), max(360, int(self.height() * ratio * 1.12))
        )
        self._decoding.add(index)
        run_in_background(
            lambda: decode_to_fit(path, box),
            lambda image: self._on_still_decoded(generation, index, image),
            lambda error: self._on_still_failed(generation, index, error),
            owner=self,
        )

    def _on_still_decoded(self, generation: int, index: int, image: QImage) -> None:
        if generation != self._generation:
            return
        self._decoding.discard(index)
        self._images[index] = image
        step = self.step
        waiting = step is not None and step.kind is StepKind.STILL and self._shown_at is None
        if waiting and step is not None and step.still == index:
            self._show_still(index)

    def _on_still_failed(self, generation: int, index: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._decoding.discard(index)
        reason = str(error) if isinstance(error, ImageDecodeError) else repr(error)
        self._give_up_still(index, reason)

    def _give_up_still(self, index: int, reason: str) -> None:
        if index not in self._failed_logged:
            self._failed_logged.add(index)
            log.warning("attract loop: still %s left out: it %s", index + 1, reason)
        if self.sequence is not None:
            self.sequence.drop_still(index)
        step = self.step
        if step is not None and step.kind is StepKind.STILL and step.still == index:
            QTimer.singleShot(0, self, self._advance)

    def _show_still(self, index: int) -> None:
        assert self.kit is not None and self.sequence is not None and self.step is not None
        image = self._images.pop(index)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        still = self.kit.stills[index]
        now = self.clock.now()
        frame = Frame(
            pixmap,
            now,
            self.config.slide_seconds + self.config.fade_seconds,
            caption=still.caption or "",
            credit=still.credit or "",
            motion=self._motion,
        )
        self._motion += 1
        self.canvas.show_frame(frame)
        self._shown_at = now
        self._record(StepKind.STILL)
        following = self.sequence.next_still(self.step)
        if following is not None:
            self._request_still(following)

    # -- the title card -------------------------------------------------------------------

    def _title_pixmap(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        size = QSize(max(320, int(self.width() * ratio)), max(200, int(self.height() * ratio)))
        card = self._title_card
        if card is None or card.size() != size:
            card = self._title_card = self._paint_title_card(size, ratio)
        return card

    def title_lines(self) -> list[str]:
        """The title card's text, top to bottom (only what the kit's manifest says)."""
        if self.kit is None:
            return []
        film = self.kit.film
        lines = [film.title]
        if film.tagline:
            lines.append(film.tagline)
        date = release_date(film.dates)
        if date is not None:
            lines.append(date.label)
            lines.append(format_date(date.date))
        if film.distributor:
            lines.append(film.distributor)
        return lines

    def _paint_title_card(self, size: QSize, ratio: float) -> QPixmap:
        assert self.kit is not None
        film = self.kit.film
        pixmap = QPixmap(size)
        pixmap.setDevicePixelRatio(ratio)
        width, height = size.width() / ratio, size.height() / ratio
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            background = QLinearGradient(0, 0, 0, height)
            background.setColorAt(0.0, QColor(palette.BACKGROUND))
            background.setColorAt(1.0, QColor(palette.TITLE_CARD_END))
            painter.fillRect(QRectF(0, 0, width, height), background)
            text_left = width * 0.08
            if self._key_art is not None:
                art = self._key_art
                art_height = height * 0.78
                art_width = art_height * art.width() / max(1, art.height())
                art_rect = QRectF(width * 0.08, (height - art_height) / 2, art_width, art_height)
                painter.drawImage(art_rect, art)
                text_left = art_rect.right() + width * 0.06
            text_width = width - text_left - width * 0.06
            date = release_date(film.dates)
            blocks: list[tuple[str, float, str, bool, QFont.Weight]] = [
                (film.title, height / 9, palette.TEXT_STRONG, False, QFont.Weight.ExtraBold),
            ]
            if film.tagline:
                blocks.append((film.tagline, height / 28, palette.AMBER, True, QFont.Weight.Normal))
            if date is not None:
                blocks.append(
                    (date.label, height / 34, palette.TEXT_SECONDARY, False, QFont.Weight.DemiBold)
                )
                blocks.append(
                    (
                        format_date(date.date),
                        height / 16,
                        palette.TEXT_STRONG,
                        False,
                        QFont.Weight.Bold,
                    )
                )
            if film.distributor:
                blocks.append(
                    (
                        film.distributor,
                        height / 36,
                        palette.TEXT_SECONDARY,
                        False,
                        QFont.Weight.Normal,
                    )
                )
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
            measured: list[tuple[str, QFont, str, QRectF]] = []
            for text, pixel_size, color, italic, weight in blocks:
                font = QFont(self.font())
                font.setPixelSize(max(12, int(pixel_size)))
                font.setItalic(italic)
                font.setWeight(weight)
                if text == film.title:
                    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, pixel_size * 0.08)
                painter.setFont(font)
                rect = painter.boundingRect(QRectF(0, 0, text_width, height), flags, text)
                measured.append((text, font, color, rect))
            gap = height * 0.035
            total = sum(rect.height() for *_, rect in measured) + gap * (len(measured) - 1)
            top = (height - total) / 2
            for text, font, color, rect in measured:
                painter.setFont(font)
                painter.setPen(QColor(color))
                painter.drawText(QRectF(text_left, top, text_width, rect.height()), flags, text)
                top += rect.height() + gap
        finally:
            painter.end()
        return pixmap

    # -- handlers -------------------------------------------------------------------------

    def _on_key_art_decoded(self, kit_generation: int, image: QImage) -> None:
        if kit_generation == self._kit_generation:
            self._key_art = image
            self._title_card = None

    @Slot()
    def _on_animation_timeout(self) -> None:
        if self.isVisible():
            self.canvas.update()

    @Slot()
    def _on_player_ended(self) -> None:
        step = self.step
        if self.running and step is not None and step.kind is StepKind.TRAILER:
            QTimer.singleShot(0, self, self._advance)

    @Slot()
    def _on_player_first_frame_shown(self) -> None:
        self._show_trailer()

    @Slot(bool)
    def _on_player_playing_changed(self, playing: bool) -> None:
        # After the first cycle the picture is known to decode: show it as it starts again.
        if playing and self.player is not None and self.player.frames_seen > 0:
            self._show_trailer()

    def _show_trailer(self) -> None:
        step = self.step
        on_trailer = self.running and step is not None and step.kind is StepKind.TRAILER
        if on_trailer and not self._trailer_shown:
            self._trailer_shown = True
            self._layout.setCurrentWidget(self.video)
            self._record(StepKind.TRAILER)

    @Slot(str)
    def _on_player_failed(self, message: str) -> None:
        log.warning("attract loop: leaving out the trailer: %s", message)
        self._drop_trailer()

    @Slot()
    def _on_player_sound_only(self) -> None:
        log.warning("attract loop: leaving out the trailer: it has no picture")
        if self.player is not None:
            self.player.stop()
        self._drop_trailer()

    def _drop_trailer(self) -> None:
        if self.sequence is not None:
            self.sequence.drop_trailer()
        step = self.step
        if self.running and step is not None and step.kind is StepKind.TRAILER:
            self._layout.setCurrentWidget(self.canvas)
            QTimer.singleShot(0, self, self._advance)

    @Slot(int)
    def _on_player_duration_changed(self, _duration: int) -> None:
        step = self.step
        if self.running and step is not None and step.kind is StepKind.TRAILER:
            self._seek_to_tail()

    @Slot(str)
    def _on_player_caption_changed(self, text: str) -> None:
        sink = self.video.videoSink()
        if sink.subtitleText() != text:
            sink.setSubtitleText(text)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _ease(value: float) -> float:
    """Ease in and out (smoothstep): the motion starts and ends gently."""
    return value * value * (3 - 2 * value)
