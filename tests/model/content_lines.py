"""A small reader of RFC 5545 / RFC 6350 content lines for the tests, written independently of
``app.model.rfc_text`` so that the writer is checked against the standard, not against itself."""

from __future__ import annotations

CRLF = "\r\n"


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1 / RFC 6350 3.2 unfolding: a CRLF followed by a space or a tab joins the next
    physical line to the previous one (without that one white-space character)."""
    assert text.endswith(CRLF), "the last line must end with CRLF too"
    logical: list[str] = []
    for physical in text[: -len(CRLF)].split(CRLF):
        if physical[:1] in (" ", "\t"):
            assert logical, "a continuation line cannot come first"
            logical[-1] += physical[1:]
        else:
            logical.append(physical)
    return logical


def unescape(value: str) -> str:
    """A TEXT value's escapes undone: ``\\n``/``\\N`` newline, ``\\x`` the character x."""
    out: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(ch)
    return "".join(out)


def split_property(line: str) -> tuple[str, list[tuple[str, str]], str]:
    """``NAME;P=v;Q="a,b":value`` -> (NAME, [(P, v), (Q, a,b)], value); quotes respected."""
    head_end = None
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head_end = index
            break
    assert head_end is not None, f"no ':' in {line!r}"
    head, value = line[:head_end], line[head_end + 1 :]
    name, *raw_params = head.split(";")
    params = []
    for raw in raw_params:
        key, _, param_value = raw.partition("=")
        params.append((key, param_value.strip('"')))
    return name, params, value
