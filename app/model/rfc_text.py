"""Content lines as iCalendar (RFC 5545) and vCard (RFC 6350) write them: one shared writer.

Both standards use the same line grammar: ``NAME;PARAM=value:value``, TEXT values with
backslash escapes, CRLF line ends, and lines folded at 75 octets by a CRLF followed by one
space. Writing it once keeps a calendar and a contact card from drifting apart (a fix to the
folding of multi-byte text must reach both).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from app import __version__
from app.identity import DISPLAY_NAME, SLUG

log = logging.getLogger(__name__)

CRLF = "\r\n"
# Who made the file (PRODID, in both standards): the program and its version, for a reader
# that has to work around a writer's quirks.
PRODID = f"-//{SLUG}//{DISPLAY_NAME} {__version__}//EN"
# RFC 5545 3.1 and RFC 6350 3.2: a line SHOULD NOT be longer than 75 octets, line break excluded.
MAX_LINE_OCTETS = 75

_NEWLINES = re.compile(r"\r\n|\r|\n")
# The standards' TEXT excludes control characters other than tab (RFC 5545 3.3.11 "TSAFE-CHAR";
# RFC 6350 keeps the same rule). A stray one would make a strict reader drop the whole card, so
# it is removed; newlines were already turned into the \n escape by then.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def escape_text(value: str) -> str:
    """A TEXT value escaped: backslash, semicolon, comma and newline (RFC 5545 3.3.11,
    RFC 6350 3.4); other control characters except tab removed."""
    escaped = (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    )  # backslash first, or the escapes added for ; and , would be doubled
    escaped = _NEWLINES.sub("\\\\n", escaped)
    return _CONTROL.sub("", escaped)


def escape_components(components: Sequence[str]) -> str:
    """A structured value (vCard ``N``, ``ADR``): each part escaped, joined by semicolons."""
    return ";".join(escape_text(part) for part in components)


def quote_parameter(value: str) -> str:
    """A parameter value: RFC 6868 caret escapes for characters a parameter cannot hold, and
    double quotes when it contains ``:``, ``;`` or ``,`` (RFC 5545 3.2, RFC 6350 5)."""
    encoded = value.replace("^", "^^").replace('"', "^'")
    encoded = _NEWLINES.sub("^n", encoded)
    encoded = _CONTROL.sub("", encoded)
    return f'"{encoded}"' if any(ch in encoded for ch in ":;,") else encoded


def fold(line: str, limit: int = MAX_LINE_OCTETS) -> str:
    """One logical line folded into physical lines of at most ``limit`` UTF-8 octets each,
    joined by CRLF + space, never splitting a character's UTF-8 sequence.

    The space that starts a continuation line counts toward its octets (a reader removes it),
    so continuation lines carry ``limit - 1`` octets of the value.
    """
    if limit < 5:  # a 4-octet character must fit on a continuation line after its space
        raise ValueError("a folding limit under 5 octets cannot hold every character")
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    room = limit
    for char in line:
        size = len(char.encode("utf-8"))
        if used + size > room:
            pieces.append("".join(current))
            current = []
            used = 0
            room = limit - 1
        current.append(char)
        used += size
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


ParameterValue = str | tuple[str, ...]


def content_line(
    name: str,
    value: str,
    parameters: Iterable[tuple[str, ParameterValue]] = (),
) -> str:
    """``NAME;PARAM=value:value`` folded and ended with CRLF. ``value`` is written as given:
    escape TEXT values with :func:`escape_text` first (URIs and dates are not escaped).

    A parameter with several values (``TYPE=work,voice``) takes a tuple: each value is quoted
    on its own, since one quoted ``"work,voice"`` would be a single value to a reader."""
    if not _NAME.match(name):
        raise ValueError(f"{name!r} is not a property name")
    head = name.upper()
    for param_name, param_value in parameters:
        if not _NAME.match(param_name):
            raise ValueError(f"{param_name!r} is not a parameter name")
        values = (param_value,) if isinstance(param_value, str) else param_value
        head += f";{param_name.upper()}=" + ",".join(quote_parameter(v) for v in values)
    # Nothing in a value may end the line early: a URI or date that carries a newline or
    # another control character is a caller's mistake, kept out rather than written raw.
    safe_value = _CONTROL.sub("", _NEWLINES.sub(" ", value))
    if safe_value != value:
        log.warning("removed line breaks or control characters from the %s value", head)
    return fold(f"{head}:{safe_value}") + CRLF


def text_line(name: str, value: str, parameters: Iterable[tuple[str, ParameterValue]] = ()) -> str:
    """A property whose value is TEXT: escaped, folded, ended with CRLF."""
    return content_line(name, escape_text(value), parameters)
