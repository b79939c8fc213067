"""Python's full garbage collections held off while something moves on screen.

A full collection (the cycle collector's oldest generation) walks every object the app holds:
with a kit of 2,000 stills open it took 26 ms, and one that fell in a scroll step of the stills
grid was a stall of two frames at 200 % (seen with tests/benchmarks/probe_gallery_stalls.py,
which times each collection). While a scroll goes on, only the young generations are
collected (a fraction of a millisecond: they hold most cyclic garbage); the full collection
that came due waits until nothing has moved for :data:`QUIET_MS`, when a pause is not seen.

CPython 3.10-3.13 start a full collection after ``threshold2`` young (generation 1)
collections; raising it holds them off, and putting it back lets the one that came due run at
the next allocation.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger(__name__)

QUIET_MS = 500  # nothing moved for this long: full collections may run again
HELD_OFF = 1 << 30  # generation 1 collections before a full one, while held off


class _Hold:
    """The one hold of the process: a timer that puts the threshold back once quiet."""

    def __init__(self) -> None:
        self.usual: int | None = None  # the threshold to put back; None while not held
        self.timer: QTimer | None = None
        self.application: QCoreApplication | None = None  # the timer's

    def extend(self) -> None:
        application = QCoreApplication.instance()
        if application is None:  # no event loop to end the hold: nothing held
            return
        if self.timer is None or application is not self.application:
            # (A new application, in tests: the old one took its timer with it.)
            self.timer = QTimer(application, singleShot=True, interval=QUIET_MS)
            self.timer.timeout.connect(self.release)
            self.application = application
        if self.usual is None:
            young, middle, self.usual = gc.get_threshold()
            gc.set_threshold(young, middle, HELD_OFF)
        self.timer.start()

    def release(self) -> None:
        if self.usual is None:
            return
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, self.usual)
        self.usual = None


_HOLD = _Hold()


def hold_off_full_collections() -> None:
    """Something moved on screen (a scroll step): no full collection until it has been still
    for :data:`QUIET_MS`. Call it on every step; cheap."""
    _HOLD.extend()


def full_collections_held_off() -> bool:
    return _HOLD.usual is not None
