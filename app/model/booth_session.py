"""Booth mode's rules as plain state machines, driven by a clock's readings (no Qt, no timers).

* :class:`BoothSession` — attract loop → visitor on input → countdown after the idle time →
  reset to the attract loop, unless someone continues.
* :class:`ExitGesture` — the operator's way out: Ctrl+Shift+Q held for 3 s, or five quick taps
  in the top-left corner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

DEFAULT_IDLE_SECONDS = 90.0
DEFAULT_SLIDE_SECONDS = 6.0
COUNTDOWN_SECONDS = 10.0
CURSOR_HIDE_SECONDS = 3.0
EXIT_HOLD_SECONDS = 3.0
# A release of the held key followed by a press within this time continues the hold. X11
# delivers a held key's autorepeat as release/press pairs, and Qt marks a pair as autorepeat
# only when the press is already queued when it reads the release; with the main thread busy
# (the attract trailer's frames) it often is not, and every pair restarted the 3 s hold. The
# pairs come every 1/rate s (25-30 per second: 33-40 ms); 600 ms also covers a main thread
# stalled for a few frames, and is shorter than a deliberate let go and press again.
EXIT_HOLD_GRACE_SECONDS = 0.6
CORNER_TAPS = 5
CORNER_TAP_GAP_SECONDS = 1.0  # at most this long between one corner tap and the next
CORNER_SIZE = 96  # logical pixels: the top-left square that counts as "the corner"


@dataclass(frozen=True)
class BoothConfig:
    """What the command line decides about a booth."""

    idle_seconds: float = DEFAULT_IDLE_SECONDS
    slide_seconds: float = DEFAULT_SLIDE_SECONDS
    sound: bool = False
    require_pin: bool = True
    countdown_seconds: float = COUNTDOWN_SECONDS
    cursor_hide_seconds: float = CURSOR_HIDE_SECONDS
    qr_url: str | None = None  # shown as a QR code on the title card and in visitor mode
    watch_dir: Path | None = None  # a folder whose newest good .zip kit the booth shows

    @property
    def title_seconds(self) -> float:
        """The title card stays up for two slides' time."""
        return self.slide_seconds * 2

    @property
    def fade_seconds(self) -> float:
        """Cross-fades take a quarter of a slide, at most a second."""
        return min(1.0, self.slide_seconds / 4)


class BoothPhase(str, Enum):
    ATTRACT = "attract"
    VISITOR = "visitor"
    COUNTDOWN = "countdown"


class SessionEvent(str, Enum):
    VISITOR_STARTED = "visitor_started"  # input during the attract loop
    COUNTDOWN_STARTED = "countdown_started"  # idle time reached
    CONTINUED = "continued"  # input during the countdown
    RESET = "reset"  # the countdown ran out: back to the attract loop


class BoothSession:
    """Which phase the booth is in, from input times and the clock."""

    def __init__(self, idle_seconds: float, countdown_seconds: float, now: float) -> None:
        if idle_seconds <= 0 or countdown_seconds <= 0:
            raise ValueError("idle and countdown times must be positive")
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.phase = BoothPhase.ATTRACT
        self._last_input = now
        self._countdown_started = now
        self._busy = False

    def input(self, now: float) -> SessionEvent | None:
        """Someone touched, clicked, typed or moved the pointer."""
        self._last_input = now
        if self.phase is BoothPhase.ATTRACT:
            self.phase = BoothPhase.VISITOR
            return SessionEvent.VISITOR_STARTED
        if self.phase is BoothPhase.COUNTDOWN:
            self.phase = BoothPhase.VISITOR
            return SessionEvent.CONTINUED
        return None

    def set_busy(self, busy: bool, now: float) -> None:
        """While something the visitor started plays (the trailer), idle time does not count;
        it starts counting again when playback stops."""
        if self._busy and not busy:
            self._last_input = max(self._last_input, now)
        self._busy = busy

    def poll(self, now: float) -> SessionEvent | None:
        if self.phase is BoothPhase.VISITOR:
            if not self._busy and now - self._last_input >= self.idle_seconds:
                self.phase = BoothPhase.COUNTDOWN
                self._countdown_started = now
                return SessionEvent.COUNTDOWN_STARTED
        elif self.phase is BoothPhase.COUNTDOWN and self.countdown_left(now) <= 0:
            self.phase = BoothPhase.ATTRACT
            return SessionEvent.RESET
        return None

    def countdown_left(self, now: float) -> float:
        if self.phase is not BoothPhase.COUNTDOWN:
            return self.countdown_seconds
        return max(0.0, self.countdown_seconds - (now - self._countdown_started))

    def countdown_shown(self, now: float) -> int:
        """Whole seconds to show on the countdown (10, 9, … 1)."""
        return max(1, math.ceil(self.countdown_left(now) - 1e-9))

    def back_to_attract(self, now: float) -> None:
        self.phase = BoothPhase.ATTRACT
        self._last_input = now


class ExitGesture:
    """Recognises the operator's exit gesture; each completion is reported once."""

    def __init__(
        self,
        hold_seconds: float = EXIT_HOLD_SECONDS,
        taps: int = CORNER_TAPS,
        tap_gap_seconds: float = CORNER_TAP_GAP_SECONDS,
        grace_seconds: float = EXIT_HOLD_GRACE_SECONDS,
    ) -> None:
        self.hold_seconds = hold_seconds
        self.grace_seconds = grace_seconds
        self._released_at: float | None = None
        self.taps_needed = taps
        self.tap_gap_seconds = tap_gap_seconds
        self._hold_started: float | None = None
        self._taps = 0
        self._last_tap = -math.inf

    # -- the key hold ---------------------------------------------------------------------

    def hold_pressed(self, now: float) -> None:
        if self._released_at is not None and now - self._released_at > self.grace_seconds:
            self._hold_started = None  # let go for longer than an autorepeat pair takes
        self._released_at = None
        if self._hold_started is None:
            self._hold_started = now

    def hold_released(self, now: float) -> None:
        """The key went up: the hold ends unless it is pressed again within the grace."""
        if self._hold_started is not None and self._released_at is None:
            self._released_at = now

    @property
    def holding(self) -> bool:
        return self._hold_started is not None

    def hold_progress(self, now: float) -> float:
        if self._hold_started is None:
            return 0.0
        return min(1.0, (now - self._hold_started) / self.hold_seconds)

    def hold_seconds_left(self, now: float) -> float:
        if self._hold_started is None:
            return self.hold_seconds
        return max(0.0, self.hold_seconds - (now - self._hold_started))

    def poll(self, now: float) -> bool:
        """True once when the hold has lasted long enough with the key down (the hold must be
        renewed after); a release not followed by a press within the grace ends the hold."""
        if self._released_at is not None:
            if now - self._released_at > self.grace_seconds:
                self._hold_started = None
                self._released_at = None
            return False
        if self._hold_started is not None and now - self._hold_started >= self.hold_seconds:
            self._hold_started = None
            return True
        return False

    # -- corner taps ----------------------------------------------------------------------

    def tap(self, now: float, in_corner: bool) -> bool:
        """A press somewhere; True when it completes the taps in the corner."""
        if not in_corner or now - self._last_tap > self.tap_gap_seconds:
            self._taps = 0
        if not in_corner:
            return False
        self._taps += 1
        self._last_tap = now
        if self._taps >= self.taps_needed:
            self._taps = 0
            self._last_tap = -math.inf
            return True
        return False
