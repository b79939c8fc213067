"""Which ``format:`` values the loader reads, and what it does with each.

``presskit/1`` and ``presskit/1.1`` are read in full. A later minor version of the same major
(``presskit/1.2``) was written for a newer app but keeps every promise of 1.x, so it opens with a
warning and its new keys are warned about and ignored. Another major version (``presskit/2``)
may change what known keys mean, so it is refused rather than shown wrongly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CURRENT_MAJOR = 1
CURRENT_MINOR = 1  # the newest minor version this app reads in full
FORMAT_V1 = "presskit/1"
FORMAT_CURRENT = f"presskit/{CURRENT_MAJOR}.{CURRENT_MINOR}"

# "presskit/1" is minor 0 and is written so: "presskit/1.0" was never a name of the format, and a
# version number is digits without leading zeros, as people write it.
_FORMAT = re.compile(r"presskit/(?P<major>[1-9][0-9]{0,5})(?:\.(?P<minor>[1-9][0-9]{0,5}))?")


class FormatVersion(NamedTuple):
    major: int
    minor: int

    @property
    def name(self) -> str:
        return (
            f"presskit/{self.major}" if self.minor == 0 else f"presskit/{self.major}.{self.minor}"
        )


def parse_format(text: str) -> FormatVersion | None:
    """The version ``text`` names, or None when it is not a ``presskit/N[.M]`` value at all."""
    match = _FORMAT.fullmatch(text)
    if match is None:
        return None
    return FormatVersion(int(match["major"]), int(match["minor"] or 0))


def refusal(version: FormatVersion | None) -> str | None:
    """Why a kit of this ``format:`` cannot be opened, or None when it can."""
    if version is not None and version.major == CURRENT_MAJOR:
        return None
    # Another major version is refused like an unknown value: it may change what keys mean.
    return f"is not a format this version reads (it reads '{FORMAT_V1}' and '{FORMAT_CURRENT}')"


def newer_minor_warning(version: FormatVersion) -> str | None:
    """The warning a later minor version opens with, or None for one this app reads in full."""
    if version.minor <= CURRENT_MINOR:
        return None
    return (
        f"'{version.name}' is newer than this version reads in full ('{FORMAT_CURRENT}'); "
        "keys it does not know are ignored"
    )
