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
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.trailer_player import TrailerPlayer
from app.media.worker import run_in_background
from app.model.attract import AttractSequence, AttractStep, StepKind
from app.model.booth_public import public_kit
from app.model.booth_session import BoothConfig
from app.model.clock import Clock
from app.model.kit import PressKit, Video
from app.model.times import SystemWallClock, WallClock
from app.views import palette
from app.views.booth.attract_canvas import AttractCanvas, Frame
from app.views.booth.qr_code import BoothQr
from app.views.booth.title_card import (
    TitleCardLine,
    card_laurels,
    paint_title_card,
    title_card_lines,
)
from app.views.kit_text import display_text
from app.views.laurel import LaurelWidget
from app.views.trailer.video_canvas import VideoCanvas

log = logging.getLogger(__name__)

ANIMATION_INTERVAL_MS = 33  # about 30 frames a second for the pan and zoom
DECODE_WAIT_SECONDS = 20.0  # a still whose decode takes longer than this is skipped
TRAILER_MARGIN_SECONDS = 15.0  # past the trailer's duration without an end: move on
TRAILER_UNKNOWN_LIMIT_SECONDS = 600.0  # when the duration never becomes known
HISTORY_LENGTH = 200
TOUCH_HINT = "Touch to explore"


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
        # What the title card says for the current kit, line by line with each line's role.
        self.title_card_lines: tuple[TitleCardLine, ...] = ()
        self.card_laurels: list[LaurelWidget] = []
        # What day it is, for embargoes: a public screen shows nothing still under embargo.
        # A test sets a fixed clock before set_kit.
        self.wall_clock: WallClock = SystemWallClock()
        self.video_choice: Video | None = None  # the booth's video, free of embargo at set_kit
        self.qr: BoothQr | None = None  # the take-the-kit-home code on the title card

        # The Trailer tab's own canvas: the same picture and the same caption overlay.
        self.video = VideoCanvas(self)
        self.video.setObjectName("attractVideo")
        self.video.show_poster(False)
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

        # Tells a visitor the screen is theirs to use. A native window, so it stays above the
        # trailer's native video window too (an ordinary widget is drawn under it).
        self.touch_hint = QLabel(TOUCH_HINT, self)
        self.touch_hint.setObjectName("attractTouchHint")
        self.touch_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.touch_hint.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.touch_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.touch_hint.setStyleSheet(
            f"QLabel#attractTouchHint {{ color: {palette.TEXT_STRONG};"
            f" background-color: {palette.with_alpha(palette.SHADE, 150)};"
            f" border: 1px solid {palette.with_alpha(palette.TEXT_STRONG, 90)};"
            " border-radius: 18px; padding: 8px 22px; font-size: 20px; font-weight: 600; }"
        )

    def _show_page(self, page: QWidget) -> None:
        self._layout.setCurrentWidget(page)
        # The page's native window may have come up over the hint: put the hint back on top.
        self.touch_hint.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Top right: the captions and credits take the bottom of the screen.
        self.touch_hint.adjustSize()
        margin = max(16, self.height() // 30)
        self.touch_hint.move(self.width() - self.touch_hint.width() - margin, margin)
        self.touch_hint.raise_()

    # -- set-up ---------------------------------------------------------------------------

    def set_kit(self, kit: PressKit) -> None:
        self.stop()
        # A public screen: only what is free of embargo now (the booth gives the same kit).
        kit = public_kit(kit, self.wall_clock.utc_now()).kit
        self.kit = kit
        self._kit_generation += 1
        self._key_art = None
        self._title_card = None
        self.title_card_lines = title_card_lines(kit.film, kit.quotes)
        self._set_up_laurels(kit)
        self._failed_logged.clear()
        trailer = self.video_choice = kit.booth_video()
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

    def _set_up_laurels(self, kit: PressKit) -> None:
        for laurel in self.card_laurels:
            laurel.deleteLater()
        self.card_laurels = card_laurels(kit, self)
        for laurel in self.card_laurels:
            laurel.image_ready.connect(self._on_laurel_image_ready)

    @Slot()
    def _on_laurel_image_ready(self) -> None:
        # Painted again, with the laurel image, when next shown (a card on screen is not
        # swapped mid-fade).
        self._title_card = None

    def release_player(self) -> None:
        """Stop the trailer and let go of its player now: its file is closed and its media
        threads have ended when this returns. Before the kit it plays from is closed (an
        archive's extraction folder is removed then), and before the loop takes another."""
        if self.player is None:
            return
        player, self.player = self.player, None
        player.shutdown()  # also hands the video sink back: the next player attaches to it
        player.deleteLater()

    def _set_up_player(self, kit: PressKit) -> None:
        self.release_player()
        trailer = self.video_choice
        if self.sequence is None or not self.sequence.trailer_usable or trailer is None:
            return
        self.player = TrailerPlayer(self)
        # Captions on: a booth is noisy, and often silent on purpose.
        self.video.follow(self.player)
        self.player.set_muted(not self.config.sound)
        player = self.player
        handlers: tuple[tuple[SignalInstance, Callable[..., None]], ...] = (
            (player.ended, self._on_player_ended),
            (player.first_frame_shown, self._on_player_first_frame_shown),
            (player.playing_changed, self._on_player_playing_changed),
            (player.failed, self._on_player_failed),
            (player.sound_only, self._on_player_sound_only),
            (player.duration_changed, self._on_player_duration_changed),
        )
        for signal, handler in handlers:
            signal.connect(handler)
        player.load_trailer(trailer)  # a failure arrives as `failed`

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
        self.video.set_caption("")
        self._images.clear()
        self._decoding.clear()
        self.canvas.clear()
        self._show_page(self.canvas)
        self.step = None
        self._shown_at = None

    def shutdown(self) -> None:
        """The end of the loop (the booth is left): nothing plays or decodes for it again."""
        self.stop()
        self.sequence = None  # start() does nothing now
        self.release_player()

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
        self._show_page(self.canvas)
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
        self._show_page(self.canvas)
        self._animation.start()
        if index in self._images:
            self._show_still(index)
        else:
            self._request_still(index)

    def _enter_title(self) -> None:
        self._show_page(self.canvas)
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
            # Shortened and breakable: painted text wraps only between words.
            caption=display_text(still.caption or ""),
            credit=display_text(still.credit or ""),
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
            assert self.kit is not None
            card = self._title_card = paint_title_card(
                self.title_card_lines,
                self._key_art,
                size,
                ratio,
                self.font(),
                self.card_laurels,
                self.qr,
            )
        return card

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
            self._show_page(self.video)
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
            self._show_page(self.canvas)
            QTimer.singleShot(0, self, self._advance)

    @Slot(int)
    def _on_player_duration_changed(self, _duration: int) -> None:
        step = self.step
        if self.running and step is not None and step.kind is StepKind.TRAILER:
            self._seek_to_tail()
