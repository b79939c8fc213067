"""The booth operator's PIN: stored only as a salted scrypt hash, checked in constant time, and
wrong guesses slowed down by a growing delay.

A PIN is 4 to 12 digits, so it can be typed on the on-screen keypad of a touch screen with no
keyboard attached.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12

# scrypt's cost: 16 MiB and ~50 ms per check on a laptop, so guessing offline is slow too.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_SCHEME = "scrypt"

# Back-off after each wrong PIN: 1 s, 2 s, 4 s … doubling, at most five minutes.
BACKOFF_FIRST_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 300.0


class PinError(ValueError):
    """A PIN that cannot be used, or a stored hash that cannot be read; says why."""


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a booth PIN, or None when it can."""
    if not pin:
        return "the PIN is empty"
    if not pin.isascii() or not pin.isdigit():
        return "a booth PIN is digits only (it is typed on an on-screen keypad)"
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return f"a booth PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits long"
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64 parts): all that is ever stored of a PIN."""
    problem = pin_problem(pin)
    if problem:
        raise PinError(problem)
    salt = salt if salt is not None else secrets.token_bytes(_SALT_BYTES)
    digest = _derive(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return "$".join(
        (_SCHEME, str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P), _b64(salt), _b64(digest))
    )


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored`` (from :func:`hash_pin`); constant-time comparison.

    Raises :class:`PinError` when ``stored`` is not a hash this program wrote."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        raise PinError("the stored booth PIN is not in a format this program knows")
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise PinError("the stored booth PIN is damaged") from exc
    if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16 and salt and expected):
        raise PinError("the stored booth PIN has unusable parameters")
    try:
        candidate = _derive(pin, salt, n, r, p, len(expected))
    except ValueError as exc:
        raise PinError("the stored booth PIN has unusable parameters") from exc
    return hmac.compare_digest(candidate, expected)


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int = _HASH_BYTES) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=64 * 1024 * 1024
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def backoff_delay(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row (0 before the first)."""
    if failures <= 0:
        return 0.0
    return float(min(BACKOFF_FIRST_SECONDS * 2 ** min(failures - 1, 30), BACKOFF_MAX_SECONDS))


@dataclass(frozen=True)
class PinAttempt:
    accepted: bool
    wait_seconds: float  # before the next attempt is taken (0 when accepted)
    refused_unheard: bool = False  # made during a back-off: not even checked


class PinGate:
    """Checks PINs against the stored hash; every wrong one makes the next wait longer.

    The count survives closing the prompt (a visitor cannot reset it by cancelling); only a
    right PIN clears it."""

    def __init__(self, stored_hash: str) -> None:
        self._stored = stored_hash
        self.failures = 0
        self._locked_until = 0.0

    def wait_seconds(self, now: float) -> float:
        return max(0.0, self._locked_until - now)

    def attempt(self, pin: str, now: float) -> PinAttempt:
        waiting = self.wait_seconds(now)
        if waiting > 0:
            return PinAttempt(False, waiting, refused_unheard=True)
        try:
            right = verify_pin(pin, self._stored)
        except PinError:
            right = False
        if right:
            self.failures = 0
            self._locked_until = 0.0
            return PinAttempt(True, 0.0)
        self.failures += 1
        delay = backoff_delay(self.failures)
        self._locked_until = now + delay
        return PinAttempt(False, delay)


def stored_hash_problem(stored: str) -> str | None:
    """Why ``stored`` cannot be used to check PINs (None when it can): checked at start, so
    a damaged setting is found before the booth is locked, not when the operator wants out."""
    if not stored:
        return "no booth PIN is set"
    try:
        verify_pin("0000", stored)
    except PinError as exc:
        return str(exc)
    return None
