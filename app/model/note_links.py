"""Links and images inside press notes: each checked, and placed on the manifest line it is on.

Only ``http(s):`` and ``mailto:`` links leave the kit; every other target must be a file inside
the kit folder, by the same path rule as any other kit file. Unsafe targets are reported and
left out of the note's links, so the view never offers them.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

import yaml

from app.model.kit import LinkTarget
from app.model.kit_paths import PathRefusal, resolve_kit_file
from app.model.manifest_nodes import NodeReader
from app.model.markdown_refs import MarkdownRef, find_refs, first_raw_html, is_external_link
from app.model.problems import Problem, Severity, quote_value

# A target is quoted whole in messages (a path is what a person searches the manifest for),
# bounded only so a hostile megabyte-long target cannot flood the output.
_TARGET_LIMIT = 2000
RAW_HTML_WARNING = "raw HTML in notes is shown as written, not rendered"


def note_links(
    reader: NodeReader,
    body_node: yaml.Node,
    body: str,
    key: str,
    source: str,
    where: str = "notes",
) -> tuple[LinkTarget, ...]:
    """Check every link and image in a Markdown ``body`` (a note's, or a person's ``bio``);
    ``where`` names the kind of field in messages."""
    line_of = _body_line_finder(reader, body_node, source)
    links: list[LinkTarget] = []

    def problem(line: int, message: str) -> None:
        reader.problems.append(Problem(Severity.ERROR, reader.file_name, message, line, key))

    for ref in find_refs(body):
        line = line_of(ref)
        target = ref.target
        what = "image" if ref.is_image else "link"
        if target.startswith("#"):
            continue
        if not target.strip():
            problem(line, f"{what} with an empty target")
            continue
        if is_external_link(target):
            if ref.is_image:
                problem(
                    line,
                    f"the image {quote_value(target, _TARGET_LIMIT)} is remote; images in "
                    f"{where} must be files inside the kit",
                )
            else:
                links.append(LinkTarget(target, False, line))
            continue
        relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
        resolved = resolve_kit_file(reader.real_root, relative)
        if isinstance(resolved, PathRefusal):
            problem(line, f"{what} {resolved.reason}")
            continue
        links.append(LinkTarget(target, ref.is_image, line, resolved))
    # Raw HTML is neither a link nor an image to the renderer (it never loads anything), so
    # it is not checked as one: one warning per note says the markup will not take effect.
    tag = first_raw_html(body)
    if tag is not None:
        reader.problems.append(
            Problem(Severity.WARNING, reader.file_name, RAW_HTML_WARNING, line_of(tag), key)
        )
    return tuple(links)


def _body_line_finder(
    reader: NodeReader, body_node: yaml.Node, text: str
) -> Callable[[MarkdownRef], int]:
    """The manifest line of a Markdown reference inside a note's body.

    A literal block (``|``) keeps the author's line breaks, so the value's line offset is the
    source's (counted from the line after the indicator). Folded (``>``), plain and quoted
    scalars join lines, so there the target is looked up in the scalar's source text instead.
    """
    start = body_node.start_mark
    first_line = reader.lines.line_of(start.index)
    style = getattr(body_node, "style", None)
    if style == "|":
        return lambda ref: first_line + 1 + ref.line_offset
    # Marks carry character indexes into the stream with both the C and the Python parser.
    source = text[start.index : body_node.end_mark.index]
    cursor = 0

    def find(ref: MarkdownRef) -> int:
        nonlocal cursor
        found = source.find(ref.target, cursor)
        if found < 0:
            found = source.find(ref.target)
        if found < 0:  # written with escapes the value no longer shows: the scalar's first line
            return first_line
        cursor = found + len(ref.target)
        return reader.lines.line_of(start.index + found)

    return find
