"""Searching a kit: every word of the query must occur in the same field, after folding.

:class:`SearchIndex` is built once per kit (off the UI thread: folding and indexing a large kit
takes a noticeable fraction of a second) and then answers each keystroke from what it keeps:

- every field's text already folded, so a query folds only itself, and where the folded text
  and the original differ in length, so a hit's spans are mapped back without folding again;
- for each three-character piece of folded text, the fields that contain it. A query word of
  three or more characters can only occur in the fields holding all of its pieces, so the
  substring test runs on those candidates only, not on every field of the kit.

:func:`plain_scan` is the obvious way (fold every field, test every word) and gives the same
answers; the tests use it as the reference and the benchmark as the speed to beat.

A hit keeps the spans of the original text where each query word first occurs, mapped back
from the folded text (folding changes lengths: "æ" is "ae", a combining accent vanishes), so a
view highlights exactly the characters on screen.
"""

from __future__ import annotations

import logging
import re
from array import array
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from app.model.search_fields import Field
from app.model.text_fold import FoldMap, fold, original_span

log = logging.getLogger(__name__)

#: Length of the pieces the index keeps; shorter query words are tested on every field.
GRAM = 3
#: The longest snippet, "…" included.
SNIPPET_LENGTH = 200

# A run of line breaks (a paragraph break is two) reads as one space on a line.
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


class Hit(NamedTuple):
    field: Field
    # The original text's span of each query word's first occurrence, in text order.
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        """Where the first match begins in ``field.text``."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[0][1]

    def snippet(self, length: int = SNIPPET_LENGTH) -> str:
        return snippet(self.field.text, self.start, self.end, length)

    def line(self) -> str:
        """``WHERE: text`` as ``presskit search`` prints it."""
        return f"{self.field.where}: {self.snippet()}"


def query_words(query: str) -> list[str]:
    """The folded words of ``query``, each once, longest first (the most selective)."""
    words = list(dict.fromkeys(fold(query).split()))
    return sorted(words, key=len, reverse=True)


def _hit(
    field: Field, folded: str, words: Sequence[str], fold_map: FoldMap | None = None
) -> Hit | None:
    found: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        if at < 0:
            return None
        found.append((at, at + len(word)))
    found.sort()
    text = field.text
    if fold_map is None and not text.isascii():
        fold_map = FoldMap(text)
    spans = tuple(original_span(text, start, end, fold_map) for start, end in found)
    return Hit(field, spans)


class SearchIndex:
    """The fields of one kit, folded and indexed once; :meth:`search` answers a query."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self.fields: tuple[Field, ...] = tuple(fields)
        self._folded: tuple[str, ...] = tuple(fold(field.text) for field in self.fields)
        # How each folded text lines up with its original, to map hits back without folding
        # again (None for ASCII text, where they are the same).
        self._maps: tuple[FoldMap | None, ...] = tuple(
            None if field.text.isascii() else FoldMap(field.text) for field in self.fields
        )
        # Field numbers in arrays, not lists or sets: arrays hold plain numbers, which the
        # cycle collector never has to walk. Tens of thousands of sets would make each of its
        # full passes (in whatever thread allocates at the time, holding the GIL) stall the
        # window for tens of milliseconds.
        postings: dict[str, array[int]] = {}
        for number, folded in enumerate(self._folded):
            for piece in {folded[i : i + GRAM] for i in range(len(folded) - GRAM + 1)}:
                holders = postings.get(piece)
                if holders is None:
                    postings[piece] = array("I", (number,))
                else:
                    holders.append(number)
        self._postings = postings
        log.debug("indexed %d fields, %d pieces", len(self.fields), len(self._postings))

    def __len__(self) -> int:
        return len(self.fields)

    def candidates(self, words: Sequence[str]) -> Sequence[int]:
        """The fields that may hold every word, in kit order (all of them when no word is long
        enough to look up)."""
        lists: list[array[int]] = []
        for word in words:
            if len(word) < GRAM:
                continue
            for i in range(len(word) - GRAM + 1):
                holders = self._postings.get(word[i : i + GRAM])
                if holders is None:
                    return ()
                lists.append(holders)
        if not lists:
            return range(len(self.fields))
        lists.sort(key=len)  # the rarest piece first: the smallest set to narrow down
        found = set(lists[0])
        for holders in lists[1:]:
            found.intersection_update(holders)
            if not found:
                return ()
        return sorted(found)

    def search(self, query: str) -> list[Hit]:
        """Every field holding every word of ``query``, in kit order. No words: no hits."""
        return self.first_hits(query, None)[1]

    def first_hits(self, query: str, limit: int | None) -> tuple[int, list[Hit]]:
        """How many fields hold every word of ``query``, and the first ``limit`` of them as
        hits (all with None). A view shows a page of results: working out the spans of
        thousands of hits that nobody scrolls to would only hold up the keystroke."""
        words = query_words(query)
        if not words:
            return 0, []
        folded = self._folded
        matching = [
            number
            for number in self.candidates(words)
            if all(word in folded[number] for word in words)
        ]
        fields = self.fields
        maps = self._maps
        hits: list[Hit] = []
        for number in matching[:limit]:
            hit = _hit(fields[number], folded[number], words, maps[number])
            assert hit is not None  # every word was found in it just above
            hits.append(hit)
        return len(matching), hits


def plain_scan(fields: Iterable[Field], query: str) -> list[Hit]:
    """The same answers as :meth:`SearchIndex.search`, found by folding every field each time."""
    words = query_words(query)
    if not words:
        return []
    hits: list[Hit] = []
    for field in fields:
        hit = _hit(field, fold(field.text), words)
        if hit is not None:
            hits.append(hit)
    return hits


def group_hits(hits: Iterable[Hit]) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by where they are (``stills``, ``notes``…), groups in kit order."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.field.group, []).append(hit)
    return list(groups.items())


def snippet(text: str, start: int, end: int, length: int = SNIPPET_LENGTH) -> str:
    """``text`` on one line (each run of line breaks a space), cut to ``length`` characters
    around ``[start, end)``, with "…" where it was cut (the "…" counted in the length)."""
    size = len(text)
    if size > length:
        inner = length - 2  # room left when both ends are cut
        shown = min(end - start, inner)
        left = max(0, start - (inner - shown) // 2)
        if left == 0:
            text = text[: length - 1] + "…"
        elif left + inner >= size:
            text = "…" + text[size - (length - 1) :]
        else:
            text = "…" + text[left : left + inner] + "…"
    return _LINE_BREAKS.sub(" ", text)
