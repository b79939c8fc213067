"""List items the loader could not read, put back at their place among the ones it could.

The problems dialog tells a person that the parts of a kit it could not read are "marked in
their tabs": a tab that lists dates, cast, crew, notes or contacts shows such an item as a row
"⚠ Not shown: <problem>" where it stands in the manifest, never leaving a silent gap.

Start-up path (the overview's date rows use it before the first paint): the standard library
and the palette only, no Qt; ``html`` is imported by the rich-text row that needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TypeVar

from app.model.kit import SkippedEntry
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.views.palette import WARNING

log = logging.getLogger(__name__)

_T = TypeVar("_T")

NOT_SHOWN = "⚠ Not shown: "


def in_place(items: Sequence[_T], skipped: Iterable[SkippedEntry]) -> list[_T | SkippedEntry]:
    """``items`` (the readable entries, in manifest order) with each skipped entry at its
    number (counted from 1 over readable and skipped entries alike)."""
    unread = {entry.number: entry for entry in skipped}
    readable = iter(items)
    merged: list[_T | SkippedEntry] = []
    for number in range(1, len(items) + len(unread) + 1):
        entry = unread.get(number)
        if entry is not None:
            merged.append(entry)
            continue
        item = next(readable, None)
        if item is None:  # a number past the end (cannot happen with the loader's numbers)
            log.warning("skipped entry numbers run past the list: %s", sorted(unread))
            break
        merged.append(item)
    return merged


def skipped_label(entry: SkippedEntry, noun: str = "") -> str:
    """What names the item: its own label (a name, a heading) or ``#n`` (``Date #2``)."""
    if entry.label and entry.label.strip():
        return shorten_for_display(" ".join(entry.label.split()), MAX_TITLE_CHARS)
    return f"{noun} #{entry.number}".strip()


def not_shown(entry: SkippedEntry) -> str:
    """``⚠ Not shown: <problem>``, on one line."""
    return NOT_SHOWN + " ".join(shorten_for_display(entry.problem).split())


def not_shown_html(entry: SkippedEntry) -> str:
    """:func:`not_shown` for rich text, escaped, in the palette's warning colour."""
    import html  # with html.entities, 2 ms of start-up: the first paint shows no such row

    return f"<span style='color:{WARNING}'>{html.escape(not_shown(entry))}</span>"
