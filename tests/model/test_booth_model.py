"""Booth mode's rules without Qt: PIN hashing and back-off, the idle session, the exit gesture,
the attract loop's running order and the title card's date."""

from __future__ import annotations

import datetime

import pytest

from app.model.attract import AttractSequence, StepKind, release_date
from app.model.booth_pin import (
    BACKOFF_MAX_SECONDS,
    PinError,
    PinGate,
    backoff_delay,
    hash_pin,
    pin_problem,
    stored_hash_problem,
    verify_pin,
)
from app.model.booth_session import (
    BoothConfig,
    BoothPhase,
    BoothSession,
    ExitGesture,
    SessionEvent,
)
from app.model.clock import ManualClock
from app.model.kit import ReleaseDate

# -- PIN --------------------------------------------------------------------------------------


def test_pin_hash_is_salted_and_never_contains_the_pin() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second  # a fresh salt each time
    assert "4711" not in first
    assert first.startswith("scrypt$")
    assert verify_pin("4711", first) and verify_pin("4711", second)
    assert not verify_pin("4712", first)
    assert stored_hash_problem(first) is None


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "１２３４", " 1234"])
def test_unusable_pins_are_refused_with_a_reason(pin: str) -> None:
    assert pin_problem(pin)
    with pytest.raises(PinError):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored", ["", "4711", "scrypt$1$2$3", "md5$16384$8$1$AAAA$BBBB", "scrypt$x$8$1$AA==$BB=="]
)
def test_damaged_stored_hashes_are_reported_not_crashed_on(stored: str) -> None:
    assert stored_hash_problem(stored)
    gate = PinGate(stored)
    assert not gate.attempt("4711", 0.0).accepted


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff_delay(n) for n in range(0, 12)]
    assert delays[0] == 0
    assert delays[1:5] == [1, 2, 4, 8]
    assert delays == sorted(delays)
    assert backoff_delay(100) == BACKOFF_MAX_SECONDS


def test_pin_gate_backs_off_refuses_unheard_while_waiting_and_clears_on_success() -> None:
    clock = ManualClock()
    gate = PinGate(hash_pin("2468"))
    first = gate.attempt("1111", clock.now())
    assert not first.accepted and first.wait_seconds == 1
    # During the wait even the right PIN is not checked.
    early = gate.attempt("2468", clock.now() + 0.5)
    assert not early.accepted and early.refused_unheard
    clock.advance(1)
    second = gate.attempt("2222", clock.now())
    assert second.wait_seconds == 2 > first.wait_seconds
    clock.advance(2)
    assert gate.attempt("2468", clock.now()).accepted
    assert gate.failures == 0 and gate.wait_seconds(clock.now()) == 0


# -- the idle session ---------------------------------------------------------------------------


def test_session_attract_visitor_countdown_reset() -> None:
    clock = ManualClock()
    session = BoothSession(90, 10, clock.now())
    assert session.phase is BoothPhase.ATTRACT
    assert session.poll(clock.now() + 1000) is None  # the attract loop never times out
    assert session.input(clock.now()) is SessionEvent.VISITOR_STARTED
    clock.advance(89.9)
    assert session.poll(clock.now()) is None
    clock.advance(0.1)
    assert session.poll(clock.now()) is SessionEvent.COUNTDOWN_STARTED
    assert session.countdown_shown(clock.now()) == 10
    clock.advance(3.5)
    assert session.countdown_shown(clock.now()) == 7
    clock.advance(6.5)
    assert session.poll(clock.now()) is SessionEvent.RESET
    assert session.phase is BoothPhase.ATTRACT


def test_input_during_the_countdown_continues() -> None:
    session = BoothSession(90, 10, 0.0)
    session.input(0.0)
    session.poll(90.0)
    assert session.input(95.0) is SessionEvent.CONTINUED
    assert session.phase is BoothPhase.VISITOR
    assert session.poll(95.0 + 89) is None  # idle counts from the continue


def test_playing_media_holds_off_the_idle_countdown() -> None:
    session = BoothSession(90, 10, 0.0)
    session.input(0.0)
    session.set_busy(True, 10.0)
    assert session.poll(500.0) is None
    session.set_busy(False, 500.0)
    assert session.poll(589.0) is None
    assert session.poll(590.0) is SessionEvent.COUNTDOWN_STARTED


def test_config_derived_times() -> None:
    config = BoothConfig(slide_seconds=0.05)
    assert config.title_seconds == pytest.approx(0.1)
    assert config.fade_seconds == pytest.approx(0.0125)
    assert BoothConfig().fade_seconds == 1.0
    assert not BoothConfig().sound and BoothConfig().require_pin


# -- the exit gesture ---------------------------------------------------------------------------


def test_exit_hold_needs_three_seconds_and_fires_once() -> None:
    gesture = ExitGesture()
    gesture.hold_pressed(0.0)
    assert not gesture.poll(2.9)
    gesture.hold_released(2.9)
    assert not gesture.poll(3.6)  # let go for longer than the grace: the hold is over
    assert not gesture.holding
    gesture.hold_pressed(5.0)
    gesture.hold_pressed(6.0)  # a repeated press does not restart the hold
    assert gesture.poll(8.0)
    assert not gesture.poll(20.0)


def test_autorepeat_release_press_pairs_continue_the_hold() -> None:
    """X11's autorepeat: a release and a press of the held key, every 1/rate s."""
    gesture = ExitGesture()
    gesture.hold_pressed(0.0)
    now = 0.66  # the autorepeat delay, then pairs at 25 per second
    while now < 3.0:
        gesture.hold_released(now)
        assert not gesture.poll(now)
        gesture.hold_pressed(now + 0.001)
        assert gesture.hold_progress(now) == pytest.approx(now / 3.0)
        now += 0.04
    assert gesture.poll(3.0)


@pytest.mark.parametrize("gap", [0.0, 0.3, 0.59])
def test_a_press_within_the_grace_continues_the_hold(gap: float) -> None:
    gesture = ExitGesture()
    gesture.hold_pressed(0.0)
    gesture.hold_released(1.0)
    assert not gesture.poll(1.0 + gap)  # up for a moment: not yet over, not yet done
    assert gesture.holding
    gesture.hold_pressed(1.0 + gap)
    assert not gesture.poll(2.99)
    assert gesture.poll(3.0)


@pytest.mark.parametrize("gap", [0.61, 1.0, 5.0])
def test_a_press_after_the_grace_starts_a_new_hold(gap: float) -> None:
    gesture = ExitGesture()
    gesture.hold_pressed(0.0)
    gesture.hold_released(1.0)
    gesture.hold_pressed(1.0 + gap)  # whether or not a poll came in between
    assert gesture.hold_progress(1.0 + gap) == 0.0
    assert not gesture.poll(3.5)
    assert gesture.poll(4.0 + gap)


def test_a_hold_does_not_complete_while_the_key_is_up() -> None:
    gesture = ExitGesture()
    gesture.hold_pressed(0.0)
    gesture.hold_released(2.9)
    assert not gesture.poll(3.2)  # three seconds passed, but the key is not down
    assert gesture.hold_seconds_left(3.2) == 0.0
    gesture.hold_pressed(3.3)
    assert gesture.poll(3.3)


def test_five_quick_corner_taps() -> None:
    gesture = ExitGesture()
    assert not any(gesture.tap(t * 0.3, True) for t in range(4))
    assert gesture.tap(1.2, True)
    # A tap elsewhere, or too slow, starts over.
    for t in range(4):
        gesture.tap(10 + t * 0.3, True)
    gesture.tap(11.0, False)
    assert not gesture.tap(11.1, True)
    slow = [gesture.tap(20 + t * 1.5, True) for t in range(6)]
    assert not any(slow)


# -- the attract loop's order -------------------------------------------------------------------


def test_sequence_trailer_stills_title_then_again() -> None:
    sequence = AttractSequence(True, 3)
    step = sequence.first()
    kinds = []
    for _ in range(10):
        kinds.append((step.kind, step.still, step.cycle))
        step = sequence.after(step)
    assert kinds[:6] == [
        (StepKind.TRAILER, None, 0),
        (StepKind.STILL, 0, 0),
        (StepKind.STILL, 1, 0),
        (StepKind.STILL, 2, 0),
        (StepKind.TITLE, None, 0),
        (StepKind.TRAILER, None, 1),
    ]


def test_sequence_leaves_out_what_cannot_be_shown() -> None:
    sequence = AttractSequence(True, 4, unusable_stills=[1])
    sequence.drop_trailer()
    sequence.drop_still(3)
    step = sequence.first()
    seen = []
    while step.cycle == 0:
        seen.append((step.kind, step.still))
        step = sequence.after(step)
    assert seen == [(StepKind.STILL, 0), (StepKind.STILL, 2), (StepKind.TITLE, None)]
    assert sequence.next_still(sequence.first()) == 2


def test_sequence_with_nothing_usable_still_shows_the_title_card() -> None:
    sequence = AttractSequence(False, 2, unusable_stills=[0, 1])
    step = sequence.first()
    assert step.kind is StepKind.TITLE
    assert sequence.after(step).kind is StepKind.TITLE
    assert sequence.after(step).cycle == 1


def test_release_date_prefers_the_release_over_a_trailer_date() -> None:
    dates = (
        ReleaseDate("World premiere", datetime.date(2023, 6, 12), "Tribeca Film Festival"),
        ReleaseDate("First trailer released", datetime.date(2023, 12, 4)),
        ReleaseDate("US theatrical release", datetime.date(2024, 1, 19), "United States"),
    )
    chosen = release_date(dates)
    assert chosen is not None and chosen.label == "US theatrical release"
    assert release_date(dates[:2]) == dates[1]  # no release: the last date
    assert release_date(()) is None
