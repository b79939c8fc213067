"""Link and image targets inside press notes' Markdown, found without rendering it.

Destinations are read by CommonMark's rules (section 6.3, "Links"), which the notes' renderer
follows: a destination in ``<…>`` may hold spaces and parentheses; a bare one ends at the first
space or at a ``)`` that closes nothing, so ``stills/a(1).jpg`` is one target; backslash escapes
and entity references are decoded. Reading them any other way would check one target and let
the renderer open another.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# The start of an inline link or image: ``[text](`` or ``![alt](``; the destination is parsed
# by hand from there, as a regular expression cannot balance parentheses.
_INLINE_START = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(")
# [label]: destination — reference definitions (an image when any ![..][label] uses them).
_REFERENCE_DEF = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*", re.MULTILINE)
_REFERENCE_IMAGE_USE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\[([^\]]*)\]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*)>")
# Raw HTML (CommonMark 6.6): an open or closing tag. The notes are rendered with raw HTML off,
# so a tag is shown as the characters written and loads nothing: it is worth a warning (the
# publicist expected markup), not a link check. An autolink (``<https://…>``) is not a tag: a
# tag name has no ``:``.
_RAW_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Code is shown as code, tags and all, so a tag inside it is not raw HTML.
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[^\n]*$|`+[^`\n]*`+", re.M | re.S)
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}

EXTERNAL_LINK_SCHEMES = ("http:", "https:", "mailto:")


@dataclass(frozen=True)
class MarkdownRef:
    target: str
    is_image: bool
    line_offset: int  # 0-based line within the Markdown text


def find_refs(markdown: str) -> list[MarkdownRef]:
    refs: list[MarkdownRef] = []

    def line_of(index: int) -> int:
        return markdown.count("\n", 0, index)

    image_labels = {m.group(1).casefold() for m in _REFERENCE_IMAGE_USE.finditer(markdown)}
    for match in _INLINE_START.finditer(markdown):
        target = _inline_destination(markdown, match.end())
        if target is not None:
            refs.append(MarkdownRef(target, match.group(1) == "!", line_of(match.start())))
    for match in _REFERENCE_DEF.finditer(markdown):
        parsed = parse_destination(markdown, match.end())
        if parsed is not None and parsed[0]:
            is_image = match.group(1).casefold() in image_labels
            refs.append(MarkdownRef(parsed[0], is_image, line_of(match.start())))
    for match in _AUTOLINK.finditer(markdown):
        refs.append(MarkdownRef(match.group(1), False, line_of(match.start())))
    return sorted(refs, key=lambda ref: ref.line_offset)


def first_raw_html(markdown: str) -> MarkdownRef | None:
    """The first raw HTML tag outside code in ``markdown`` (its text as ``target``), if any."""
    # Code is blanked with spaces of the same length, so offsets (and lines) stay true.
    visible = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    match = _RAW_HTML_TAG.search(visible)
    if match is None:
        return None
    return MarkdownRef(match.group(0), False, markdown.count("\n", 0, match.start()))


def parse_destination(text: str, start: int) -> tuple[str, int] | None:
    """The link destination at ``text[start:]`` (decoded) and where it ends, or None when
    CommonMark would not read one there."""
    if text.startswith("<", start):
        index = start + 1
        chars: list[str] = []
        while index < len(text):
            char = text[index]
            if char == ">":
                return _decode("".join(chars)), index + 1
            if char in "<\n":
                return None
            if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
                chars.append(char + text[index + 1])
                index += 2
                continue
            chars.append(char)
            index += 1
        return None
    index = start
    depth = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            index += 2
            continue
        if ord(char) <= 0x20 or char == "\x7f":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    if depth != 0:
        return None
    return _decode(text[start:index]), index


def _inline_destination(text: str, start: int) -> str | None:
    """The destination of an inline link whose ``(`` ends just before ``start``; None when
    the rest is not a link by CommonMark's rules (then the renderer shows it as text)."""
    index = _skip_space(text, start)
    if text.startswith(")", index):
        return ""
    parsed = parse_destination(text, index)
    if parsed is None:
        return None
    target, index = parsed
    after = _skip_space(text, index)
    if after < len(text) and after > index and text[after] in _TITLE_CLOSE:
        closing = _TITLE_CLOSE[text[after]]
        cursor = after + 1
        while cursor < len(text) and text[cursor] != closing:
            cursor += 2 if text[cursor] == "\\" else 1
        after = _skip_space(text, cursor + 1)
    return target if text.startswith(")", after) else None


def _skip_space(text: str, index: int) -> int:
    """Past spaces and tabs with at most one line ending, as CommonMark allows in a link."""
    newline_seen = False
    while index < len(text) and text[index] in " \t\n":
        if text[index] == "\n":
            if newline_seen:
                break
            newline_seen = True
        index += 1
    return index


def _decode(raw: str) -> str:
    """Backslash escapes and entity references, decoded as the renderer decodes them."""
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", raw)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), unescaped)


def is_external_link(target: str) -> bool:
    return target.lower().startswith(EXTERNAL_LINK_SCHEMES)
