"""How ``presskit diff`` shows a text that changed: old and new on one line, cut around the change.

A synopsis is hundreds of words and an edit often one: printing both in full would bury the
change. Each side keeps the words just before the first difference and just after the last
one (the shared prefix and suffix are found once, so both sides start at the same place), cut at
word boundaries with ``…`` where text was left out. Control characters are not handled here: the
command escapes the whole line it prints.
"""

from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger(__name__)

ELLIPSIS = "…"
#: At most this many characters of each side are shown (plus the ellipses).
WIDTH = 100
#: Unchanged characters kept on each side of the change, so a reader sees where it is.
CONTEXT = 30


def changed_pair(old: str, new: str, width: int = WIDTH, context: int = CONTEXT) -> tuple[str, str]:
    """``old`` and ``new`` shortened to the part around their difference."""
    if len(old) <= width and len(new) <= width:
        return old, new
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, limit=min(len(old), len(new)) - prefix)
    start = max(0, prefix - context)
    if start > 0:
        # Start at a word, not inside one, when a space lies in the context.
        space = old.find(" ", start, prefix)
        if space != -1:
            start = space + 1
    return (
        _window(old, start, len(old) - suffix, width, context),
        _window(new, start, len(new) - suffix, width, context),
    )


def shortened(text: str, width: int = WIDTH) -> str:
    """``text`` cut to ``width`` characters at a word boundary, with ``…`` when cut."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", width // 2, width)
    return text[: cut if cut != -1 else width - 1].rstrip() + ELLIPSIS


def _window(text: str, start: int, change_end: int, width: int, context: int) -> str:
    end = min(len(text), start + width, max(change_end + context, start + 1))
    if len(text) - start <= width:
        end = len(text)  # the rest fits: show it whole rather than cut a few words off
    elif end < len(text):
        # End at a word: after the change when a space lies there, else wherever one does.
        space = text.rfind(" ", change_end, end)
        if space == -1:
            space = text.rfind(" ", start + 1, end)
        if space > start:
            end = space
    # Never part a letter from its accent (a decomposed "å" is two characters).
    while start < end and unicodedata.combining(text[start]):
        start += 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    return f"{head}{text[start:end].strip()}{tail}"


def _common_prefix(a: str, b: str) -> int:
    length = min(len(a), len(b))
    index = 0
    while index < length and a[index] == b[index]:
        index += 1
    return index


def _common_suffix(a: str, b: str, limit: int) -> int:
    index = 0
    while index < limit and a[-1 - index] == b[-1 - index]:
        index += 1
    return index
