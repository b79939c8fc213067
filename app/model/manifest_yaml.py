"""Safe parsing of ``presskit.yaml`` into PyYAML nodes that keep their line numbers.

The manifest is never *constructed* by PyYAML: we compose nodes (which carry the author's text
exactly as written and its position) and convert them ourselves, so YAML 1.1's implicit
booleans and floats never leak into text fields. Before composing, one pass over the event
stream refuses what could trick or exhaust the loader: tags other than the plain YAML ones,
anchors and aliases (alias bombs), and nesting deeper than a sane limit.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

import yaml

from app.model.problems import Problem, Severity, quote_value

# libyaml's parser when PyYAML was built with it (several times faster at start-up); the pure
# Python one otherwise. Both are safe: we only parse and compose, never construct objects.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_MANIFEST_BYTES = 1024 * 1024
MAX_NESTING_DEPTH = 32

# The line breaks an editor shows. YAML 1.1 (both PyYAML parsers) also breaks lines at U+0085,
# U+2028 and U+2029, so its marks' line numbers run ahead of the editor's after any of them;
# marks' character indexes are exact, so lines are counted from those.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class _Mark(Protocol):
    """A position PyYAML reports: its Python and libyaml parsers have distinct mark types."""

    @property
    def index(self) -> int: ...


class LineIndex:
    """Line numbers of character positions in a text, counted as editors count them."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _EDITOR_BREAK.finditer(text))]

    def line_of(self, index: int) -> int:
        """The 1-based line holding the character at ``index``."""
        return bisect.bisect_right(self._starts, index)

    def line_of_mark(self, mark: _Mark | None) -> int | None:
        return self.line_of(mark.index) if mark is not None else None


def parse_manifest(data: bytes, file_name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The manifest's root node, or None with the reasons it cannot be used."""

    def error(message: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(Severity.ERROR, file_name, message, line)]

    if len(data) > MAX_MANIFEST_BYTES:
        return error(f"the manifest is {len(data):,} bytes; the limit is {MAX_MANIFEST_BYTES:,}")
    if not data.strip():
        return error("the manifest is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        return error(f"is not UTF-8 text (byte 0x{bad} cannot be decoded)", line)

    lines = LineIndex(text)
    problems = _scan_events(text, file_name, lines)
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:  # the scan already parsed it; this is belt and braces
        return None, [_syntax_problem(exc, text, file_name, lines)]
    if root is None:
        return error("the manifest is empty")
    if not isinstance(root, yaml.MappingNode):
        return error(
            "the manifest must be a mapping of keys (format:, film:, …), "
            f"not {describe_node(root)}",
            lines.line_of_mark(root.start_mark),
        )
    return root, []


def _scan_events(text: str, file_name: str, lines: LineIndex) -> list[Problem]:
    problems: list[Problem] = []
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = lines.line_of_mark(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(
                        Problem(Severity.ERROR, file_name, "more than one YAML document", line)
                    )
                    break
            elif isinstance(event, yaml.AliasEvent):
                problems.append(
                    Problem(
                        Severity.ERROR,
                        file_name,
                        f"aliases (*{event.anchor}) are not allowed; write the value out",
                        line,
                    )
                )
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                if event.anchor is not None:
                    problems.append(
                        Problem(
                            Severity.ERROR,
                            file_name,
                            f"anchors (&{event.anchor}) are not allowed",
                            line,
                        )
                    )
                tag = getattr(event, "tag", None)
                if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
                    problems.append(
                        Problem(
                            Severity.ERROR,
                            file_name,
                            f"the tag '{_short_tag(tag)}' is not allowed; only plain values are",
                            line,
                        )
                    )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING_DEPTH:
                    problems.append(
                        Problem(
                            Severity.ERROR,
                            file_name,
                            f"nesting is deeper than {MAX_NESTING_DEPTH} levels",
                            line,
                        )
                    )
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if len(problems) >= 50:
                break
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError) and _is_libyaml_nesting_limit(exc):
            # libyaml (PyYAML 6.0.4 on) stops runaway nesting in its scanner, which reads ahead
            # of the events counted above. Say it our way, and spare PyYAML's Python parser,
            # which would take minutes over the same text to word the error.
            line = lines.line_of_mark(exc.problem_mark)
            message = f"nesting is deeper than {MAX_NESTING_DEPTH} levels"
            problems.append(Problem(Severity.ERROR, file_name, message, line))
        else:
            problems.append(
                _syntax_problem(_python_parser_error(text) or exc, text, file_name, lines)
            )
    return problems


# A comment that marks text a person still has to write (``presskit new`` writes them): the
# line must end with it, so "# TODO: later" or a TODO in the middle of a comment is left alone.
# Any line break an editor shows ends the line (a file saved on Windows ends its lines "\r\n").
_TODO_COMMENT = re.compile(r"#[ \t]*TODO[ \t]*(?=\r\n|\r|\n|\Z)")


def todo_lines(text: str) -> list[int]:
    """The lines whose comment ends with ``# TODO``, for ``still to fill`` warnings.

    Only real comments count: a ``#`` inside a quoted or block text (``caption: "Shot #
    TODO"``) is the kit's text, so the spans of every scalar token are skipped. Tokens are
    only scanned when the text holds a TODO at all, which keeps ordinary loads as fast.
    """
    matches = [m for m in _TODO_COMMENT.finditer(text) if _starts_comment(text, m.start())]
    if not matches:
        return []
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []  # a manifest that does not parse has its syntax error reported instead
    starts = [start for start, _end in spans]
    lines = LineIndex(text)
    found: list[int] = []
    for match in matches:
        at = match.start()
        index = bisect.bisect_right(starts, at) - 1
        if index >= 0 and spans[index][0] <= at < spans[index][1]:
            continue
        found.append(lines.line_of(at))
    return found


def _starts_comment(text: str, at: int) -> bool:
    """YAML starts a comment at ``#`` only at a line's start or after white space."""
    return at == 0 or text[at - 1] in " \t\r\n"


def _is_libyaml_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    return "maximum nesting depth" in str(exc.problem)


def _python_parser_error(text: str) -> yaml.YAMLError | None:
    """PyYAML's own parser explains syntax errors better than libyaml ("expected ',' or '}',
    but got ':'"); it only runs once the fast parser has already failed."""
    try:
        for _event in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError as exc:
        return exc
    return None


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _syntax_problem(exc: yaml.YAMLError, text: str, file_name: str, lines: LineIndex) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        detail = exc.problem or "invalid YAML"
        if exc.context:
            context = exc.context
            mark = exc.context_mark
            started = lines.line_of_mark(mark)
            if started is not None and started != lines.line_of_mark(exc.problem_mark):
                # e.g. an unclosed '{': the error shows up later; say where it began
                context = f"{context} (started on line {started})"
            detail = f"{context}, {detail}"
        return Problem(
            Severity.ERROR,
            file_name,
            f"YAML syntax error: {detail}",
            lines.line_of_mark(exc.problem_mark),
        )
    if isinstance(exc, yaml.reader.ReaderError):
        line = lines.line_of(exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(
            Severity.ERROR,
            file_name,
            f"contains the control character U+{code:04X}, which YAML does not allow",
            line,
        )
    return Problem(Severity.ERROR, file_name, f"YAML syntax error: {exc}")


def is_plain(node: yaml.ScalarNode) -> bool:
    """A plain (unquoted, non-block) scalar: libyaml says style '', PyYAML says None."""
    return not node.style


def describe_node(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.ScalarNode) and is_plain(node) and node.value in ("", "~"):
        return "nothing"
    return f"the value {quote_value(str(node.value), 40)}"
