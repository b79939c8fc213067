"""Time as booth mode sees it: one object the views ask for "now", so tests can move it.

Idle timing, the countdown, PIN back-off, cursor hiding and the attract loop's pacing all read
the same clock. :class:`MonotonicClock` is the real one; :class:`ManualClock` only moves when a
test advances it, and tells its listeners so the views react at once (no test sleeps 90 s).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale (only differences mean anything)."""
        ...

    def on_advance(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` whenever the clock is moved by hand; returns an unsubscriber."""
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic``; views poll it from a timer."""

    def now(self) -> float:
        return time.monotonic()

    def on_advance(self, listener: Callable[[], None]) -> Callable[[], None]:
        return _nothing


class ManualClock:
    """A clock for tests: stands still until :meth:`advance`, which then notifies listeners."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._listeners: list[Callable[[], None]] = []

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float, step: float = 0.25) -> None:
        """Move forward by ``seconds`` in steps of at most ``step``, notifying after each step
        (as a real timer would fire along the way)."""
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        remaining = seconds
        while remaining > 0:
            moved = min(step, remaining)
            self._now += moved
            remaining -= moved
            for listener in list(self._listeners):
                listener()

    def on_advance(self, listener: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe


def _nothing() -> None:
    pass
