"""The booth's "take the kit home" QR code: the URL checked, and its modules made offline.

segno makes the symbol: a pure-Python, BSD-licensed generator that follows ISO/IEC 18004 and
needs no network and no native library (so the frozen bundle carries it as plain modules). The
views draw the modules themselves, dark on white, at a whole number of pixels per module.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import segno

log = logging.getLogger(__name__)

# A phone must read the code from a step or two away: past a few hundred characters the
# modules get too small on a booth's screen. Press-kit links are far shorter.
MAX_URL_CHARS = 300
QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks


class BoothUrlError(ValueError):
    """A URL the booth will not show; the message says why and what to give instead."""


def check_booth_url(text: str) -> str:
    """``text`` if it is an http or https URL a phone can open, else BoothUrlError."""
    if not text:
        raise BoothUrlError("the URL is empty")
    if len(text) > MAX_URL_CHARS:
        raise BoothUrlError(
            f"the URL is {len(text)} characters long; at most {MAX_URL_CHARS} fit a QR code "
            "a phone reads from a distance (use a shorter link)"
        )
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise BoothUrlError("the URL contains spaces or control characters (percent-encode them)")
    if not text.isascii():
        # Phones' readers differ in how they read non-ASCII bytes in a QR code; an encoded
        # link reads the same everywhere.
        raise BoothUrlError(
            "the URL contains non-ASCII characters (percent-encode them, or use the "
            "xn-- form of the host)"
        )
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise BoothUrlError(f"the URL cannot be read: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BoothUrlError("only http:// and https:// URLs can be shown (a phone opens them)")
    if not parts.hostname:
        raise BoothUrlError("the URL names no host (write it like https://example.com/kit)")
    return text


def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules with the four-module quiet zone, row by row; True is dark.

    Error correction at least M (segno raises it further when the URL leaves room): a booth's
    screen gets fingerprints and reflections.
    """
    code = segno.make(url, error="m", micro=False, boost_error=True)
    rows = tuple(
        tuple(bool(module) for module in row) for row in code.matrix_iter(border=QUIET_ZONE)
    )
    log.debug("booth QR code: version %s, %d modules a side", code.designator, len(rows))
    return rows
