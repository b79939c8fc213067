"""Problems found in a press kit, and the exception raised when a kit cannot load at all."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):  # a NamedTuple, as kit.py's records are: cheap to define
    """One problem, located by kit-relative file (and line, and manifest key, where known)."""

    severity: Severity
    file: str
    message: str
    line: int | None = None
    key: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The ``validate`` line: ``presskit.yaml:14: error: stills #3 file: '..' leaves …``.

        Always one line, whatever the kit holds: a file name or key with a line break, another
        control character or a bidi override (which could make a line read backwards, or
        forge a second problem line) is shown escaped, as ``\\n`` or ``\\u202e``.
        """
        file = escape_unprintable(self.file)
        location = f"{file}:{self.line}" if self.line is not None else file
        key = f"{escape_unprintable(self.key)}: " if self.key else ""
        return f"{location}: {self.severity.value}: {key}{escape_unprintable(self.message)}"


def escape_unprintable(text: str) -> str:
    """``text`` with every character Python does not call printable written as an escape
    (control characters, line and paragraph separators, bidi controls, other format marks)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def quote_value(text: str, limit: int = 100) -> str:
    """``'text'`` for a message: control characters escaped, long values shortened with ``…``."""
    short = text if len(text) <= limit else text[: limit - 1]
    shown = escape_unprintable(short)
    return f"'{shown}…'" if len(text) > limit else f"'{shown}'"


def count_summary(problems: Iterable[Problem]) -> str:
    """``2 errors, 1 warning`` — the last line of ``validate``."""
    items = list(problems)
    errors = sum(1 for p in items if p.is_error)
    warnings = len(items) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class KitLoadError(Exception):
    """The kit cannot be opened at all; ``problems`` says every reason that was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))
