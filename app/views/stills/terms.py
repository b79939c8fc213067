"""What a still's badge says: under embargo now, or with terms of its own, and why.

Worked out once per kit when the grid's model is made (a paint only looks the answer up):
the grid repaints its tiles on every scroll step, and comparing times and building phrases per
tile per paint would cost the scrolling what the benchmark measures.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import Enum

from app.model.kit import PressKit, Still
from app.model.times import embargo_phrase, local_offset_at

log = logging.getLogger(__name__)


class BadgeKind(Enum):
    EMBARGO = "Embargo"  # may not be published yet: the stronger of the two
    TERMS = "Terms"  # its own usage, copyright or embargo, different from the kit's


@dataclass(frozen=True)
class TileTerms:
    """A still's badge and the tooltip lines that say why it wears it."""

    kind: BadgeKind
    reasons: tuple[str, ...]


def still_terms(
    kit: PressKit, still: Still, now: dt.datetime, local_offset: dt.timedelta | None = None
) -> TileTerms | None:
    """The badge ``still`` wears at ``now`` (None: no badge). ``local_offset``: the reader's
    offset from UTC at the embargo (None: this computer's)."""
    under = kit.under_embargo(still, now)
    if not under and not still.has_own_terms:
        return None
    rights = kit.effective_rights(still)
    reasons: list[str] = []
    if rights.embargo_problem is not None:
        reasons.append(f"Embargoed: its embargo cannot be read ({rights.embargo_problem})")
    elif rights.embargo is not None and (under or still.embargo is not None):
        offset = local_offset if local_offset is not None else local_offset_at(rights.embargo)
        reasons.append(embargo_phrase(rights.embargo, now, offset))
    if still.usage:
        reasons.append(f"Its own terms of use: {still.usage}")
    if still.copyright:
        reasons.append(f"Its own copyright: {still.copyright}")
    kind = BadgeKind.EMBARGO if under else BadgeKind.TERMS
    return TileTerms(kind, tuple(reasons))


def terms_by_row(
    kit: PressKit, stills: list[Still], now: dt.datetime, local_offset: dt.timedelta | None = None
) -> dict[int, TileTerms]:
    """Each badged still's row and its :class:`TileTerms`, for the whole grid at once."""
    found: dict[int, TileTerms] = {}
    for row, still in enumerate(stills):
        terms = still_terms(kit, still, now, local_offset)
        if terms is not None:
            found[row] = terms
    return found
