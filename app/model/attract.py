"""The attract loop's running order as a pure state machine: the trailer, then every still,
then the title card, and again. Parts that turn out unusable are left out from then on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from app.model.kit import ReleaseDate


class StepKind(str, Enum):
    TRAILER = "trailer"
    STILL = "still"
    TITLE = "title"


@dataclass(frozen=True)
class AttractStep:
    kind: StepKind
    cycle: int  # 0 for the first run through the loop
    still: int | None = None  # index into the kit's stills for STILL steps


class AttractSequence:
    """Which step follows which. The title card always plays, so the loop never runs dry."""

    def __init__(
        self, has_trailer: bool, still_count: int, unusable_stills: Iterable[int] = ()
    ) -> None:
        self.trailer_usable = has_trailer
        self.still_count = still_count
        self.unusable_stills: set[int] = set(unusable_stills)

    def first(self) -> AttractStep:
        return self._from_start(0)

    def after(self, step: AttractStep) -> AttractStep:
        if step.kind is StepKind.TRAILER:
            return self._still_from(0, step.cycle)
        if step.kind is StepKind.STILL:
            assert step.still is not None
            return self._still_from(step.still + 1, step.cycle)
        return self._from_start(step.cycle + 1)

    def next_still(self, step: AttractStep) -> int | None:
        """The still the step after ``step`` shows, if any (to decode it ahead of time)."""
        following = self.after(step)
        return following.still if following.kind is StepKind.STILL else None

    def first_still(self) -> int | None:
        step = self._still_from(0, 0)
        return step.still if step.kind is StepKind.STILL else None

    def drop_trailer(self) -> None:
        self.trailer_usable = False

    def drop_still(self, index: int) -> None:
        self.unusable_stills.add(index)

    def usable_stills(self) -> list[int]:
        return [i for i in range(self.still_count) if i not in self.unusable_stills]

    def _from_start(self, cycle: int) -> AttractStep:
        if self.trailer_usable:
            return AttractStep(StepKind.TRAILER, cycle)
        return self._still_from(0, cycle)

    def _still_from(self, index: int, cycle: int) -> AttractStep:
        for candidate in range(index, self.still_count):
            if candidate not in self.unusable_stills:
                return AttractStep(StepKind.STILL, cycle, candidate)
        return AttractStep(StepKind.TITLE, cycle)


_RELEASE_WORD = re.compile(r"\brelease\b|\bin (cinemas|theaters|theatres)\b|\btheatrical\b", re.I)


def release_date(dates: Sequence[ReleaseDate]) -> ReleaseDate | None:
    """The date to print on the title card: the kit's release (a label such as "US theatrical
    release" — not "First trailer released"), else the last date the kit lists."""
    for date in dates:
        if _RELEASE_WORD.search(date.label):
            return date
    return max(dates, key=lambda d: d.date) if dates else None
