"""What changed between two editions of a kit: one :class:`Change` per difference, ``WHERE: what``.

The texts compared are exactly the fields ``presskit search`` searches (``app.model.search_fields``,
with its ``WHERE`` labels), so a field the format adds is diffed the day search learns it. What
search does not hold but an edition still says — terms, embargoes, who is in a still, the media
files themselves — is added per list in :mod:`app.model.kit_diff_lists`.

Items of a list are matched by who or what they are (a still by its file, a cast member by
name), never by their place: a still inserted at the top is one addition, not a change of every
still after it, and a reordering is reported as moves. Labels number items as the NEW edition
does; a removed item is numbered as it was in the OLD one.

The order is deterministic: the kit's single fields, then each list in the order the viewer shows
it; within a list the new edition's order, with what was removed after the item it followed.
"""

from __future__ import annotations

import datetime
import logging
from bisect import bisect_left
from collections.abc import Hashable, Iterator, Sequence
from typing import Any

from app.model.kit import Film, KitFile, PressKit, Synopsis
from app.model.kit_diff_lists import LIST_SPECS, kit_extras
from app.model.kit_diff_media import FileDigests
from app.model.kit_diff_text import changed_pair, shortened
from app.model.kit_diff_types import Change, ItemKey, KitExtras, ListSpec, Part, Value
from app.model.search_fields import kit_fields
from app.model.times import format_time

log = logging.getLogger(__name__)


def diff_kits(
    old: PressKit,
    new: PressKit,
    specs: Sequence[ListSpec] = LIST_SPECS,
    kit_extras: KitExtras = kit_extras,
) -> list[Change]:
    """Every difference between ``old`` and ``new`` (empty when the editions say the same).

    Reads every transcript and hashes media files whose sizes agree: call it off the UI thread.
    """
    digests = FileDigests()
    changes = _compare_parts(
        _kit_parts(old, specs, kit_extras), _kit_parts(new, specs, kit_extras), digests
    )
    for spec in specs:
        changes.extend(_diff_list(spec, old, new, digests))
    return changes


def single_fields(kit: PressKit, specs: Sequence[ListSpec]) -> list[Part]:
    """The kit's searched fields that belong to no compared list (title, facts, synopsis,
    translations…), under search's labels: the kit with those lists emptied says only them."""
    emptied: dict[str, Any] = {spec.attribute: () for spec in specs}
    return [Part(field.where, field.text) for field in kit_fields(kit._replace(**emptied))]


def _kit_parts(kit: PressKit, specs: Sequence[ListSpec], extras: KitExtras) -> list[Part]:
    parts = single_fields(kit, specs)
    parts.extend(Part(where, value) for where, value in extras(kit) if value is not None)
    return parts


def item_base(kit: PressKit) -> PressKit:
    """The kit saying nothing: one item put in it gives that item's fields alone."""
    emptied: dict[str, Any] = {
        name: () for name, value in kit._asdict().items() if type(value) is tuple
    }
    return kit._replace(film=Film(title=""), synopsis=Synopsis(), **emptied)


def item_fields(spec: ListSpec, base: PressKit, item: Any, number: int) -> list[Part]:
    """The item's searched fields, labelled as item ``number`` of its list."""
    alone: dict[str, Any] = {spec.attribute: (item,)}
    fields = kit_fields(base._replace(**alone))
    return [_part(spec, item, _renumbered(spec, f.where, number), f.text) for f in fields]


def _part(spec: ListSpec, item: Any, where: str, value: Value) -> Part:
    if spec.label_text is None:
        return Part(where, value)
    # The kit text comes after the list's prefix (``people NAME``, ``notes #2 "HEADING"``):
    # looked for from there, a name such as "people" cannot be found in the prefix instead.
    text = spec.label_text(item)
    start = where.find(text, len(spec.prefix))
    key = where if start == -1 else where[:start] + where[start + len(text) :]
    return Part(where, value, key)


def _item_parts(spec: ListSpec, base: PressKit, item: Any, number: int) -> list[Part]:
    """The item's searched fields and what it says beyond them (its extras)."""
    where = item_label(spec, item, number)
    extras = [(part, value) for part, value in spec.extras(item) if value is not None]
    # The item's own line (its media file) first: "replaced" reads before what it shows.
    parts = [_part(spec, item, where, value) for part, value in extras if not part]
    parts.extend(item_fields(spec, base, item, number))
    parts.extend(_part(spec, item, f"{where} {part}", value) for part, value in extras if part)
    return parts


def item_label(spec: ListSpec, item: Any, number: int) -> str:
    if spec.label is not None:
        return spec.label(item)
    return f"{spec.prefix} #{number}"


def _renumbered(spec: ListSpec, where: str, number: int) -> str:
    # A lone item is labelled "#1" by search; the label's number is the only thing to change,
    # and it comes right after the list's own prefix, before any kit text.
    first = f"{spec.prefix} #1"
    if not spec.numbered or not where.startswith(first):
        return where
    rest = where[len(first) :]
    if rest and not rest.startswith(" "):
        return where
    return f"{spec.prefix} #{number}{rest}"


def _diff_list(spec: ListSpec, old: PressKit, new: PressKit, digests: FileDigests) -> list[Change]:
    old_items: tuple[Any, ...] = getattr(old, spec.attribute)
    new_items: tuple[Any, ...] = getattr(new, spec.attribute)
    pairs = match_items(old_items, new_items, spec.keys)  # new index -> old index
    moved = moved_items(pairs) if spec.numbered else set()
    matched_old = set(pairs.values())
    old_base, new_base = item_base(old), item_base(new)

    def removed_after(anchor: int | None) -> Iterator[Change]:
        # Old items that have no match, in old order, right after the old item ``anchor``.
        index = 0 if anchor is None else anchor + 1
        while index < len(old_items) and index not in matched_old:
            item = old_items[index]
            yield Change(item_label(spec, item, index + 1), f"removed {spec.name(item)}")
            index += 1

    changes = list(removed_after(None))
    for new_index, item in enumerate(new_items):
        number = new_index + 1
        old_index = pairs.get(new_index)
        if old_index is None:
            changes.append(Change(item_label(spec, item, number), f"added {spec.name(item)}"))
            continue
        if new_index in moved:
            changes.append(Change(item_label(spec, item, number), f"moved from #{old_index + 1}"))
        old_parts = _item_parts(spec, old_base, old_items[old_index], number)
        changes.extend(
            _compare_parts(old_parts, _item_parts(spec, new_base, item, number), digests)
        )
        changes.extend(removed_after(old_index))
    return changes


def match_items(
    old_items: Sequence[Any], new_items: Sequence[Any], keys: Sequence[ItemKey]
) -> dict[int, int]:
    """Pairs of (new index -> old index): under each key in turn, the k-th unpaired old item
    with a key value goes with the k-th unpaired new item with the same value."""
    pairs: dict[int, int] = {}
    paired_old: set[int] = set()
    for key in keys:
        waiting: dict[Hashable, list[int]] = {}
        for index, item in enumerate(old_items):
            value = key(item)
            if index not in paired_old and value is not None:
                waiting.setdefault(value, []).append(index)
        for index, item in enumerate(new_items):
            if index in pairs:
                continue
            value = key(item)
            queue = waiting.get(value) if value is not None else None
            if queue:
                old_index = queue.pop(0)
                pairs[index] = old_index
                paired_old.add(old_index)
    return pairs


# Up to this many paired items the kept run is chosen with care (quadratic time); past it, a
# longest run is found in n log n (a list that long is stills, where any longest run will do).
_CAREFUL_MOVES = 400


def moved_items(pairs: dict[int, int]) -> set[int]:
    """The new indices of paired items that changed places: all but a longest run of pairs
    that kept their relative order (one item moved to the top is one move, not N). Among
    runs as long, the one keeping most items at their own number wins, so a list reversed
    reads "#1 moved from #3", "#3 moved from #1" and the middle item is not said to move."""
    by_old = sorted(pairs.items(), key=lambda pair: pair[1])
    sequence = [new_index for new_index, _ in by_old]
    if len(sequence) > _CAREFUL_MOVES:
        return set(sequence) - _longest_run(sequence)
    # best[i]: (length, items at their own number) of the best run ending at position i.
    best: list[tuple[int, int]] = []
    back: list[int | None] = []
    for position, (new_index, old_index) in enumerate(by_old):
        here = int(new_index == old_index)
        best.append((1, here))
        back.append(None)
        for earlier in range(position):
            if sequence[earlier] < new_index:
                length, fixed = best[earlier]
                if (length + 1, fixed + here) > best[position]:
                    best[position] = (length + 1, fixed + here)
                    back[position] = earlier
    kept: set[int] = set()
    cursor = max(range(len(best)), key=best.__getitem__) if best else None
    while cursor is not None:
        kept.add(sequence[cursor])
        cursor = back[cursor]
    return set(sequence) - kept


def _longest_run(sequence: list[int]) -> set[int]:
    """A longest increasing subsequence's values (patience sorting, with back links)."""
    tails: list[int] = []  # tails[k]: position in ``sequence`` ending the best run of k + 1
    tail_values: list[int] = []  # sequence[tails[k]], kept sorted for the binary search
    back: list[int | None] = [None] * len(sequence)
    for position, value in enumerate(sequence):
        k = bisect_left(tail_values, value)
        back[position] = tails[k - 1] if k > 0 else None
        if k == len(tails):
            tails.append(position)
            tail_values.append(value)
        else:
            tails[k] = position
            tail_values[k] = value
    kept: set[int] = set()
    cursor = tails[-1] if tails else None
    while cursor is not None:
        kept.add(sequence[cursor])
        cursor = back[cursor]
    return kept


def _compare_parts(old: list[Part], new: list[Part], digests: FileDigests) -> list[Change]:
    """Changes between two labelled part lists, in the new list's order; a part only the old
    list has comes right after the part it followed there."""
    old_parts = _keyed(old)
    new_parts = _keyed(new)
    removed_after: dict[tuple[str, int] | None, list[Part]] = {}
    anchor: tuple[str, int] | None = None
    for key, part in old_parts.items():
        if key in new_parts:
            anchor = key
        else:
            removed_after.setdefault(anchor, []).append(part)
    changes = [_removed(part) for part in removed_after.get(None, [])]
    for key, part in new_parts.items():
        before = old_parts.get(key)
        if before is None:
            changes.append(Change(part.where, f"added {_shown(part.value)}"))
        else:
            what = _difference(before.value, part.value, digests)
            if what is not None:
                changes.append(Change(part.where, what))
        changes.extend(_removed(gone) for gone in removed_after.get(key, []))
    return changes


def _keyed(parts: list[Part]) -> dict[tuple[str, int], Part]:
    # Two parts may share a label (two transcript lines said in the same second): the k-th
    # of a label in one edition is compared with the k-th in the other.
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], Part] = {}
    for part in parts:
        label = part.where if part.key is None else part.key
        count = seen.get(label, 0)
        seen[label] = count + 1
        keyed[(label, count)] = part
    return keyed


def _removed(part: Part) -> Change:
    return Change(part.where, f"removed {_shown(part.value)}")


def _difference(old: Value, new: Value, digests: FileDigests) -> str | None:
    """How ``old`` became ``new``; None when the edition says the same."""
    if isinstance(old, KitFile) and isinstance(new, KitFile):
        if old.relative == new.relative:
            if digests.same_content(old, new):
                return None
            return f"replaced {old.relative} (same name, different content)"
        return f"{_shown(old)} → {_shown(new)}"
    if isinstance(old, str) and isinstance(new, str):
        if old == new:
            return None
        old_text, new_text = changed_pair(old, new)
        return f'"{old_text}" → "{new_text}"'
    if isinstance(old, datetime.datetime) and isinstance(new, datetime.datetime):
        # The same moment written in another offset is the same embargo.
        return None if old == new else f"{_shown(old)} → {_shown(new)}"
    return f"{_shown(old)} → {_shown(new)}"


def _shown(value: Value) -> str:
    if isinstance(value, KitFile):
        return value.relative
    if isinstance(value, datetime.datetime):
        return format_time(value)
    return f'"{shortened(value)}"'
