"""The booth window: the main window's tabs behind an attract loop, locked and full screen.

Phases (``app.model.booth_session.BoothSession``): the attract loop plays until someone
touches, clicks or types; then the kit's tabs (visitor mode, large touch-friendly controls
from the booth stylesheet); after the idle time a countdown offers to continue; then
everything is reset — the tabs are rebuilt from the kit (tab, selections, scroll positions,
open viewers), other windows and dialogs are closed, and the visitor's settings are forgotten.

Leaving takes the operator's gesture (Ctrl+Shift+Q held for 3 s, or five taps in the top-left
corner) and then the PIN, asked inside this window; closing the window, Alt+F4, Esc and F11 do
nothing. All timing reads one injectable clock.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from app import settings as keys
from app.model.booth_pin import PinGate
from app.model.booth_public import PublicKit, public_kit
from app.model.booth_session import (
    CORNER_SIZE,
    BoothConfig,
    BoothPhase,
    BoothSession,
    ExitGesture,
    SessionEvent,
)
from app.model.clock import Clock, MonotonicClock
from app.model.kit import PressKit
from app.model.opening import KitOpenError, OpenedKit
from app.model.times import SystemWallClock, WallClock
from app.settings import BoothSettings
from app.views.booth.allocator import keep_big_blocks_returnable, return_free_memory
from app.views.booth.attract_loop import AttractLoop
from app.views.booth.hold_overlay import HoldProgress
from app.views.booth.input_watch import CursorHider, InputWatcher
from app.views.booth.kit_watch import KitWatch
from app.views.booth.lockdown import Lockdown
from app.views.booth.overlays import CountdownOverlay, ExitPrompt
from app.views.booth.qr_code import BoothQr, visitor_page
from app.views.main_window import MainWindow

log = logging.getLogger(__name__)

# After a reset, when the old tabs' deferred deletions and their pool threads' last work are
# done: then the heaps' free pages go back to the system.
TRIM_AFTER_RESET_MS = 2000

# What a visitor may change, and what it is at the start of every visit. The stored settings
# (one journalist's volume at home) never leak into the booth, and nothing leaks out.
BOOTH_DEFAULTS: dict[str, object] = {
    keys.TRAILER_VOLUME.key: keys.TRAILER_VOLUME.default,
    keys.TRAILER_MUTED.key: False,
    keys.TRAILER_CAPTIONS.key: True,
    keys.SYNOPSIS_LONG.key: keys.SYNOPSIS_LONG.default,
    keys.LAST_TAB.key: 0,
    keys.RECENT_KITS.key: [],
    keys.WINDOW_GEOMETRY.key: QByteArray(),
    keys.WINDOW_STATE.key: QByteArray(),
}


def booth_settings() -> BoothSettings:
    return BoothSettings(BOOTH_DEFAULTS)


class BoothWindow(MainWindow):
    phase_changed = Signal(str)  # a BoothPhase value
    exit_confirmed = Signal()  # the operator passed the exit gate; the window is closing

    def __init__(
        self,
        settings: BoothSettings,
        config: BoothConfig,
        pin_hash: str | None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        wall_clock: WallClock | None = None,
        qr: BoothQr | None = None,
    ) -> None:
        # Before anything is decoded: otherwise a day of pictures fragments the heaps.
        keep_big_blocks_returnable()
        super().__init__(settings, parent)
        self.booth_settings = settings
        self.config = config
        self.clock: Clock = clock or MonotonicClock()
        # What day it is, for embargoes: everything the booth shows is the public kit then.
        self.wall_clock: WallClock = wall_clock or SystemWallClock()
        self.public: PublicKit | None = None
        self.kit_watch: KitWatch | None = None
        self.setObjectName("boothWindow")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setAcceptDrops(False)
        self._lock_menus()

        self.session = BoothSession(config.idle_seconds, config.countdown_seconds, self.clock.now())
        self.exit_gesture = ExitGesture()
        self.pin_gate = PinGate(pin_hash) if config.require_pin and pin_hash else None
        if config.require_pin and self.pin_gate is None:
            raise ValueError("booth mode needs a stored PIN unless no PIN is required")
        self.leaving = False
        self.resets = 0
        self._last_move = self.clock.now()
        self.cursor_hider = CursorHider()
        self.lockdown = Lockdown(self)
        self.inputs = InputWatcher(self)
        self.inputs.activity.connect(self._on_inputs_activity)
        self.inputs.pointer_moved.connect(self._on_inputs_pointer_moved)
        self.inputs.pressed.connect(self._on_inputs_pressed)
        self.inputs.exit_hold_changed.connect(self._on_inputs_exit_hold_changed)

        tabs = self.takeCentralWidget()
        assert tabs is not None  # MainWindow always has its tab widget as the central widget
        self.stack = QStackedWidget(self)
        self.attract = AttractLoop(self.clock, config, self.stack)
        self.attract.wall_clock = self.wall_clock
        self.attract.qr = qr
        self.attract.cycle_finished.connect(self._on_attract_cycle_finished)
        self.stack.addWidget(self.attract)
        self.visitor_page = tabs if qr is None else visitor_page(tabs, qr, self.stack)
        self.stack.addWidget(self.visitor_page)
        self.setCentralWidget(self.stack)

        self.countdown = CountdownOverlay(self)
        self.countdown.continue_requested.connect(self._on_countdown_continue_requested)
        self.exit_prompt = ExitPrompt(self)
        self.exit_prompt.submitted.connect(self._on_exit_prompt_submitted)
        self.exit_prompt.cancelled.connect(self._on_exit_prompt_cancelled)
        self.hold_progress = HoldProgress(self)

        self._tick = QTimer(self)
        self._tick.setInterval(max(10, min(200, int(config.slide_seconds * 1000 / 5))))
        self._tick.timeout.connect(self._on_tick_timeout)
        self._unsubscribe_clock = self.clock.on_advance(self.poll)

    def _lock_menus(self) -> None:
        """No menu, and no shortcut that opens, quits or leaves full screen."""
        self.menuBar().hide()
        for action in (
            self.open_folder_action,
            self.open_archive_action,
            self.open_bundled_action,
            self.quit_action,
            self.full_screen_action,
        ):
            action.setEnabled(False)
        self.recent_menu.setEnabled(False)

    # -- life -----------------------------------------------------------------------------

    def show_kit(self, opened: OpenedKit, remember: bool = False) -> None:
        # The loop's trailer plays from the kit being replaced: stopped and released before
        # show_kit closes that kit, which removes an archive's extraction folder.
        self.attract.stop()
        self.attract.release_player()
        super().show_kit(opened, remember=False)
        assert self.public is not None  # made by _build_tabs
        self.attract.set_kit(self.public.kit)

    def _build_tabs(self, kit: PressKit) -> None:
        # The one place the booth's tabs get their kit: the public kit at this moment.
        self.public = public_kit(kit, self.wall_clock.utc_now())
        super()._build_tabs(self.public.kit)

    def set_kit_watch(self, watch: KitWatch) -> None:
        """New kits from a watched folder, taken at the next idle moment."""
        self.kit_watch = watch
        watch.start()

    def start(self) -> None:
        """Go full screen and start the attract loop."""
        self.lockdown.install()
        self.inputs.install()
        self.inputs.swallow = True
        self.stack.setCurrentWidget(self.attract)
        # The whole screen also without a window manager to honour "full screen" (a bare X
        # session on a kiosk machine).
        self.setGeometry(self.screen().geometry())
        self.showFullScreen()
        self._run_after_first_paint()  # the icons: no overview paint to wait for here
        self.attract.start()
        self._tick.start()
        self._last_move = self.clock.now()
        self.phase_changed.emit(self.session.phase.value)

    def leave(self) -> None:
        """Leave booth mode: stop everything and close (the operator passed the gate)."""
        if self.leaving:
            return
        log.info("leaving booth mode")
        self.leaving = True
        self.exit_confirmed.emit()
        self.close()

    def _tear_down(self) -> None:
        self._tick.stop()
        if self.kit_watch is not None:
            self.kit_watch.shutdown()
        self._unsubscribe_clock()
        self.attract.shutdown()
        self.inputs.remove()
        self.lockdown.remove()
        self.cursor_hider.show()
        for panel in (self.countdown, self.exit_prompt, self.hold_progress):
            panel.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.leaving:
            log.info("booth mode: a request to close the window was refused")
            event.ignore()
            return
        try:
            self._tear_down()
        except Exception:
            log.exception("booth mode: tearing down failed")
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc and F11 leave full screen in the viewer; here they do nothing.
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.WindowStateChange
            and not self.leaving
            and self._tick.isActive()
            and not self.isFullScreen()
        ):
            # Something (a window manager's key, a minimise) took full screen away.
            QTimer.singleShot(0, self, self._back_to_full_screen)

    def _back_to_full_screen(self) -> None:
        if not self.leaving and not self.isFullScreen():
            log.info("booth mode: back to full screen")
            self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for panel in (self.countdown, self.exit_prompt, self.hold_progress):
            if panel.isVisible():
                panel.place()

    # Kits with problems still open in booth mode, without a dialog: the log says what.
    def report_open_failure(self, failure: KitOpenError, fell_back: bool) -> None:
        log.warning("booth mode: cannot open kit %s: %s", failure.location, failure)

    def report_problems(self, opened: OpenedKit) -> None:
        for problem in opened.result.problems:
            log.warning("booth mode: kit problem: %s", problem.format())

    # -- the clock ------------------------------------------------------------------------

    @Slot()
    def _on_tick_timeout(self) -> None:
        self.poll()

    def poll(self) -> None:
        """Everything that happens with time: exit hold, idle countdown, reset, cursor,
        PIN back-off, the attract loop's pace."""
        if self.leaving:
            return
        now = self.clock.now()
        try:
            if self.exit_gesture.poll(now):
                self._on_exit_gesture()
                if self.leaving:
                    return
            self._show_hold_progress(now)
            self.session.set_busy(self._visitor_media_playing(), now)
            event = self.session.poll(now)
            if event is SessionEvent.COUNTDOWN_STARTED:
                log.info("booth mode: idle; counting down to the attract loop")
                self.countdown.set_seconds(self.session.countdown_shown(now))
                self.countdown.pop_up()
                self.phase_changed.emit(self.session.phase.value)
            elif event is SessionEvent.RESET:
                self.reset()
            if self.session.phase is BoothPhase.COUNTDOWN:
                self.countdown.set_seconds(self.session.countdown_shown(now))
            if (
                not self.cursor_hider.hidden
                and now - self._last_move >= self.config.cursor_hide_seconds
            ):
                self.cursor_hider.hide()
            if self.exit_prompt.waiting and self.pin_gate is not None:
                self.exit_prompt.set_waiting(self.pin_gate.wait_seconds(now))
            self.attract.poll()
        except Exception:  # a timer callback must never take the booth down
            log.exception("booth mode: a tick failed")

    def _visitor_media_playing(self) -> bool:
        if self.session.phase is BoothPhase.ATTRACT:
            return False
        for host in self.hosts:
            player = getattr(host.tab, "player", None)
            if player is not None and player.is_playing():
                return True
        return False

    # -- phases ---------------------------------------------------------------------------

    def _enter_visitor(self) -> None:
        log.info("booth mode: a visitor")
        self.inputs.swallow = False
        self.attract.stop()
        self.stack.setCurrentWidget(self.visitor_page)
        self.phase_changed.emit(BoothPhase.VISITOR.value)

    def reset(self) -> None:
        """Back to the attract loop with everything as at the start of the day."""
        log.info("booth mode: reset to the attract loop")
        self.resets += 1
        self.countdown.hide()
        self.exit_prompt.hide()
        self._close_other_windows()
        # After the rebuild, not before: the old tabs' shutdown may still save what a visitor
        # set (a trailer's volume), and the only tab built now, the overview, reads no setting.
        self._renew_kit(always_rebuild=True)
        self.booth_settings.discard_changes()
        self.session.back_to_attract(self.clock.now())
        self.inputs.swallow = True
        self.stack.setCurrentWidget(self.attract)
        self.attract.start()
        self.phase_changed.emit(BoothPhase.ATTRACT.value)
        QTimer.singleShot(TRIM_AFTER_RESET_MS, self, return_free_memory)

    def _renew_kit(self, always_rebuild: bool) -> bool:
        """At an idle moment: a waiting kit from the watched folder replaces the shown one
        (closing it, and so removing its extraction), else the public kit is made again for
        now, so material whose embargo has passed appears. True when the loop's kit changed."""
        waiting = self.kit_watch.take_pending() if self.kit_watch is not None else None
        if waiting is not None and waiting.opened is not None:
            log.info("booth mode: showing the new kit %s", waiting.path)
            self._clear_tabs()  # so show_kit starts on the overview
            self.show_kit(waiting.opened)
            return True
        if self.opened is None:
            return False
        before = self.public
        if always_rebuild:
            self.rebuild_tabs()
        else:
            after = public_kit(self.opened.result.kit, self.wall_clock.utc_now())
            if after.same_media(before):
                return False
            self.rebuild_tabs()
        assert self.public is not None
        if self.public.same_media(before):
            return False
        self.attract.set_kit(self.public.kit)
        return True

    @Slot(int)
    def _on_attract_cycle_finished(self, _cycle: int) -> None:
        # A booth nobody touches never resets: the end of a loop is its idle moment too (the
        # loop starts again from the new kit). After the signal: the loop is mid-step.
        if self.kit_watch is not None and self.kit_watch.pending is not None:
            QTimer.singleShot(0, self, self._renew_at_loop_end)
        elif self.opened is not None and self.public is not None:
            now = self.wall_clock.utc_now()
            if not public_kit(self.opened.result.kit, now).same_media(self.public):
                QTimer.singleShot(0, self, self._renew_at_loop_end)

    def _renew_at_loop_end(self) -> None:
        if self.leaving or self.session.phase is not BoothPhase.ATTRACT:
            return
        if self._renew_kit(always_rebuild=False):
            self.attract.start()

    def _close_other_windows(self) -> None:
        """Viewers, dialogs, menus and tooltips a visitor left open."""
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            if widget.parentWidget() is None and widget.windowType() == Qt.WindowType.ToolTip:
                widget.hide()
                continue
            log.info("booth mode: closing %s", type(widget).__name__)
            widget.close()

    # -- input ----------------------------------------------------------------------------

    @Slot()
    def _on_inputs_activity(self) -> None:
        event = self.session.input(self.clock.now())
        if event is SessionEvent.VISITOR_STARTED:
            self._enter_visitor()
        elif event is SessionEvent.CONTINUED:
            self._continue()

    @Slot()
    def _on_inputs_pointer_moved(self) -> None:
        now = self.clock.now()
        self._last_move = now
        self.cursor_hider.show()
        # Reading with the mouse is using the booth; in the attract loop only a touch, click
        # or key wakes it (a passer-by's nudge of the mouse does not).
        if (
            self.session.phase is not BoothPhase.ATTRACT
            and self.session.input(now) is SessionEvent.CONTINUED
        ):
            self._continue()

    def _continue(self) -> None:
        log.info("booth mode: the visitor continues")
        self.countdown.hide()
        self.phase_changed.emit(BoothPhase.VISITOR.value)

    @Slot(QPoint)
    def _on_inputs_pressed(self, global_position: QPoint) -> None:
        local = self.mapFromGlobal(global_position)
        in_corner = 0 <= local.x() < CORNER_SIZE and 0 <= local.y() < CORNER_SIZE
        if self.exit_gesture.tap(self.clock.now(), in_corner):
            log.info("booth mode: five taps in the corner")
            QTimer.singleShot(0, self, self._on_exit_gesture)

    @Slot(bool)
    def _on_inputs_exit_hold_changed(self, held: bool) -> None:
        now = self.clock.now()
        if held:
            self.exit_gesture.hold_pressed(now)
        else:
            self.exit_gesture.hold_released(now)
        self._show_hold_progress(now)

    def _show_hold_progress(self, now: float) -> None:
        """The hold's progress while it lasts (also through an autorepeat's release/press)."""
        if not self.exit_gesture.holding or self.exit_prompt.isVisible():
            self.hold_progress.hide()
            return
        self.hold_progress.set_progress(
            self.exit_gesture.hold_progress(now), self.exit_gesture.hold_seconds_left(now)
        )
        if not self.hold_progress.isVisible():
            self.hold_progress.pop_up()

    @Slot()
    def _on_countdown_continue_requested(self) -> None:
        if self.session.input(self.clock.now()) is SessionEvent.CONTINUED:
            self._continue()

    # -- leaving --------------------------------------------------------------------------

    def _on_exit_gesture(self) -> None:
        if self.leaving:
            return
        if self.pin_gate is None:
            log.info("booth mode: exit gesture (no PIN required)")
            self.leave()
            return
        log.info("booth mode: exit gesture; asking for the PIN")
        self.exit_prompt.open()
        waiting = self.pin_gate.wait_seconds(self.clock.now())
        if waiting > 0:
            self.exit_prompt.set_waiting(waiting)

    @Slot(str)
    def _on_exit_prompt_submitted(self, pin: str) -> None:
        if self.pin_gate is None:
            return
        result = self.pin_gate.attempt(pin, self.clock.now())
        if result.accepted:
            self.exit_prompt.hide()
            self.leave()
            return
        if not result.refused_unheard:
            log.warning(
                "booth mode: wrong PIN (%d in a row); next try in %.0f s",
                self.pin_gate.failures,
                result.wait_seconds,
            )
        self.exit_prompt.set_waiting(result.wait_seconds)

    @Slot()
    def _on_exit_prompt_cancelled(self) -> None:
        log.info("booth mode: PIN prompt cancelled")
