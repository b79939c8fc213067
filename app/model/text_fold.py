"""Folding text for matching, and for ASCII file names.

A journalist types "bjork" for "Björk" and "asbaek" for "Asbæk": text is compared after case
folding, Unicode NFKD with the combining marks removed, and the letters that are letters of
their own rather than accented forms (æ, ø, œ, ß, ł, đ, þ) written as the Latin letters a
reader without them on the keyboard would type. Story-pack file names use the same fold, kept
to ASCII letters and digits, so a caption names a file the way search finds it.

Folding works one character at a time (NFKD decomposes each character by itself, and the
combining marks that NFKD would reorder are dropped anyway), which is what lets a match in the
folded text be mapped back to the characters of the original for highlighting, even where one
character became two ("æ" → "ae") or a mark vanished.
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata

log = logging.getLogger(__name__)

# Letters NFKD leaves alone because they are not a base letter plus a mark. Upper-case forms
# reach this table already case-folded (Æ → æ, Ø → ø, ẞ → ss by casefold itself). The eth is
# not in the brief's list, but its capital Ð looks exactly like Đ and readers type "d" for both.
_OWN_LETTERS = {
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ß": "ss",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_character(char: str) -> str:
    # Casefold between two NFKD passes: compatibility forms such as "ℌ" or "Ⅻ" decompose to
    # capitals that still need folding, and a few folds ("İ" → "i̇") bring marks back.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_OWN_LETTERS.get(c, c) for c in kept)


class _FoldTable(dict[str, str]):
    """Each character's fold, computed the first time it is met (a kit uses few hundred)."""

    def __missing__(self, char: str) -> str:
        folded = _fold_character(char)
        self[char] = folded
        return folded


_FOLDS = _FoldTable()


def fold(text: str) -> str:
    """``text`` as search compares it: "Björk Asbæk" → "bjork asbaek"."""
    if text.isascii():
        return text.lower()  # the same as casefold for ASCII, and many times faster
    table = _FOLDS
    return "".join([table[char] for char in text])


class FoldMap:
    """How ``fold(text)`` lines up with ``text``, kept compactly.

    Almost every character folds to exactly one character, so only the others are recorded:
    where their fold starts in the folded text, where they are in the original, and how long
    their fold is (0 for a combining mark, 2 for "æ"). Between two of them the folded and
    original positions move together.
    """

    __slots__ = ("_folded_at", "_lengths", "_original_at", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded_at: list[int] = []
        self._original_at: list[int] = []
        self._lengths: list[int] = []
        shift = 0  # folded position minus original position so far
        table = _FOLDS
        # Only characters outside ASCII can fold to other than one character.
        for match in _NOT_ASCII.finditer(text):
            index = match.start()
            length = len(table[text[index]])
            if length != 1:
                self._folded_at.append(index + shift)
                self._original_at.append(index)
                self._lengths.append(length)
                shift += length - 1

    def source(self, position: int) -> int:
        """The index in ``text`` of the character whose fold holds folded ``position``
        (``len(text)`` for the position just past the end)."""
        k = bisect.bisect_right(self._folded_at, position) - 1
        if k < 0:
            return position
        folded_at, length = self._folded_at[k], self._lengths[k]
        if position < folded_at + length:
            return self._original_at[k]
        return self._original_at[k] + 1 + (position - folded_at - length)


def original_span(
    text: str, start: int, end: int, fold_map: FoldMap | None = None
) -> tuple[int, int]:
    """The span of ``text`` that the folded span ``[start, end)`` of ``fold(text)`` came from.

    A span that begins or ends inside one character's fold ("e" of "æ" → "ae") takes the whole
    character, and a match ending on a letter takes the combining marks that follow it (they
    were folded away but belong to the letter on screen).
    """
    if fold_map is None:
        if text.isascii():
            return start, end
        fold_map = FoldMap(text)
    first = fold_map.source(start)
    if end <= start:
        return first, first
    last = fold_map.source(end - 1) + 1
    table = _FOLDS
    while last < len(text) and not table[text[last]]:
        last += 1
    return first, last


def slug(text: str, max_length: int, fallback: str = "kit") -> str:
    """``text`` as an ASCII file-name part: folded, runs of anything but letters and digits
    turned into ``-``, at most ``max_length`` characters, never starting or ending with ``-``;
    ``fallback`` when nothing is left (a title in a script with no ASCII fold)."""
    # The pattern's ranges are ASCII only, so a character with no ASCII fold separates words
    # like punctuation does instead of silently joining its neighbours.
    parts = _NOT_SLUG.sub("-", fold(text)).strip("-")
    parts = parts[:max_length].rstrip("-")
    return parts or fallback
