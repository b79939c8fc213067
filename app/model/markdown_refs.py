"""Link and image targets inside press notes' Markdown, found without rendering it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# ![alt](target "title") and [text](target): the target may be wrapped in <…>.
_INLINE = re.compile(
    r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
# [label]: target  — reference definitions (whether used as image or link is decided at use;
# treat them as images too when any ![..][label] refers to them).
_REFERENCE_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
_REFERENCE_IMAGE_USE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\[([^\]]*)\]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_HTML_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_HTML_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)

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
    for match in _INLINE.finditer(markdown):
        refs.append(
            MarkdownRef(_unwrap(match.group(2)), match.group(1) == "!", line_of(match.start()))
        )
    for match in _REFERENCE_DEF.finditer(markdown):
        is_image = match.group(1).casefold() in image_labels
        refs.append(MarkdownRef(_unwrap(match.group(2)), is_image, line_of(match.start())))
    for match in _AUTOLINK.finditer(markdown):
        refs.append(MarkdownRef(match.group(1), False, line_of(match.start())))
    for match in _HTML_SRC.finditer(markdown):
        refs.append(MarkdownRef(match.group(1), True, line_of(match.start())))
    for match in _HTML_HREF.finditer(markdown):
        refs.append(MarkdownRef(match.group(1), False, line_of(match.start())))
    return sorted(refs, key=lambda ref: ref.line_offset)


def _unwrap(target: str) -> str:
    if target.startswith("<") and target.endswith(">"):
        return target[1:-1]
    return target


def is_external_link(target: str) -> bool:
    return target.lower().startswith(EXTERNAL_LINK_SCHEMES)
