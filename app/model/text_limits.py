"""How much of a one-line kit field the viewer shows, and the shortening it applies.

A one-line field (a title, a caption, a name) a megabyte long — one word, no space to wrap at —
costs a text layout seconds to measure and paint. The model says where the sensible length
ends; ``validate`` warns past it, and views show :func:`shorten_for_display`'s text instead.
Paragraph fields (synopsis, note bodies) and paths are not one-line fields and are not bounded
here.
"""

from __future__ import annotations

MAX_TITLE_CHARS = 200  # the longest real film titles run to about 200 characters
MAX_LINE_FIELD_CHARS = 2000  # a long caption or credit is a few hundred characters
TITLE_FIELDS = frozenset({"title"})
UNBOUNDED_FIELDS = frozenset(
    {
        "short",
        "long",
        "body",
        "bio",  # Markdown paragraphs, like a note's body
        "format",
        "file",
        "key_art",
        "poster",
        "captions",
        "transcript",
        "photo",
        "laurel",
    }
)


def field_limit(name: str) -> int | None:
    """The most characters a field called ``name`` shows, or None for a paragraph or path."""
    if name in UNBOUNDED_FIELDS:
        return None
    return MAX_TITLE_CHARS if name in TITLE_FIELDS else MAX_LINE_FIELD_CHARS


def shorten_for_display(text: str, limit: int = MAX_LINE_FIELD_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, ending in ``…`` when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
