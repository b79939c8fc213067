"""The records ``presskit diff`` is built of: a change, a compared part, a list's spec.

Kept apart from the engine (``kit_diff``) and the table of lists (``kit_diff_lists``) so each
can import them without importing the other.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Hashable, Sequence
from typing import Any, NamedTuple

from app.model.kit import KitFile, PressKit

log = logging.getLogger(__name__)

#: What a compared part of a kit can hold: a text, a moment, or a media file.
Value = str | datetime.datetime | KitFile


class Change(NamedTuple):
    where: str  # a search WHERE label (``stills #2 caption``) or its item (``stills #2``)
    what: str  # kit text as written: the command escapes control characters when printing

    def line(self) -> str:
        return f"{self.where}: {self.what}"


class Part(NamedTuple):
    """One compared part: its label and its value in one edition."""

    where: str
    value: Value
    # What the part is compared under when its label holds kit text that may change (a note's
    # heading): the same part of the matched item, whatever the label now says.
    key: str | None = None


ItemKey = Callable[[Any], Hashable]
Extras = Sequence[tuple[str, Value | None]]
KitExtras = Callable[[PressKit], Extras]


class ListSpec(NamedTuple):
    """How one list of the kit is matched and compared."""

    attribute: str  # the PressKit field, e.g. ``stills``
    prefix: str  # the search label's start, e.g. ``credits cast``
    # Identities tried in turn: items equal under the first are paired first, the rest are
    # then paired under the next (a cast member by name and role, then by name alone, so a
    # changed role is a change of that row). None from a key: no identity under it.
    keys: tuple[ItemKey, ...]
    # ``added``/``removed`` lines name the item so: its file, its credit line, its heading…
    name: Callable[[Any], str]
    # What the edition says of the item beyond its searched text: (part, value or None).
    extras: Callable[[Any], Extras]
    numbered: bool = True  # False: the label names the item (``people NAME``), not its place
    # The item's label when it is not the search label's prefix and number (people).
    label: Callable[[Any], str] | None = None
    # The kit text an item's search labels hold (a note's heading, a person's name): left out
    # of the key its parts are compared under, so a renamed note is one change, not two.
    label_text: Callable[[Any], str] | None = None
