"""Reading typed values out of the manifest's YAML nodes, collecting every problem on the way.

The section readers in :mod:`app.model.loader` build on :class:`NodeReader`; the rules shared by
every section live here: how a value is found, checked and reported, and how a problem's place
is named (``stills #2 file``: items counted from 1, as the person who wrote the list counts).

Start-up path (a kit without a snapshot): what only a faulty manifest needs is imported there,
and so is the RFC 3339 parser, which only a kit with an embargo or screenings needs.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from app.model.kit import KitFile, SkippedEntry
from app.model.kit_paths import PathRefusal, resolve_kit_file
from app.model.manifest_yaml import LineIndex, describe_node, is_plain
from app.model.problems import Problem, Severity, quote_value
from app.model.text_limits import field_limit

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_S = TypeVar("_S", bound=str)
_WEB_URL = re.compile(r"^https?://[^/?#\s]+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[0-9]+$")
_ITEM_KEY = re.compile(r" #\d+$")
NULL_SCALARS = frozenset({"", "~"})
# The keys whose value best names a list item when the item must be skipped.
_LABEL_KEYS = ("label", "name", "heading", "file")


class Missing(Exception):
    """Raised inside one item's reader when a required value is absent or unusable."""


def child_key(key: str, name: str) -> str:
    """``film.title``, but ``stills #2 file``: a field of a numbered item follows a space."""
    if not key:
        return name
    return f"{key} {name}" if _ITEM_KEY.search(key) else f"{key}.{name}"


def item_key(key: str, index: int) -> str:
    """``stills #2`` for the list item at ``index`` (0-based): people count from 1."""
    return f"{key} #{index + 1}"


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and is_plain(node) and node.value in NULL_SCALARS


class NodeReader:
    """Typed values from nodes; every problem is recorded with the editor's line number."""

    def __init__(self, real_root: Path, file_name: str, lines: LineIndex) -> None:
        self.real_root = real_root
        self.file_name = file_name
        self.lines = lines
        self.problems: list[Problem] = []
        self.skipped: list[SkippedEntry] = []
        # The minor version of presskit/1 the manifest declares: keys of a later minor are
        # warned about and ignored (see ``mapping``'s ``later``).
        self.format_minor = 1

    # -- reporting -------------------------------------------------------------------------

    def line_of(self, node: yaml.Node | None) -> int | None:
        return self.lines.line_of_mark(node.start_mark) if node is not None else None

    def error(self, node: yaml.Node | None, key: str, message: str) -> None:
        self.problems.append(
            Problem(Severity.ERROR, self.file_name, message, self.line_of(node), key or None)
        )

    def warning(self, node: yaml.Node | None, key: str, message: str) -> None:
        self.problems.append(
            Problem(Severity.WARNING, self.file_name, message, self.line_of(node), key or None)
        )

    # -- node readers ----------------------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node,
        key: str,
        known: tuple[str, ...],
        later: tuple[str, ...] = (),
    ) -> dict[str, yaml.Node] | None:
        """The mapping's values by key; unknown keys warned about, duplicates refused.

        ``later`` are the keys presskit/1.1 added here: in a presskit/1 manifest each is a
        warning naming the version that defines it, and is ignored, so an older kit reads as
        it always did."""
        if self.format_minor >= 1:
            known = known + later
        if not isinstance(node, yaml.MappingNode):
            self.error(node, key, f"expected a mapping of keys, found {describe_node(node)}")
            return None
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, key, "keys must be plain names")
                continue
            name = str(key_node.value)
            child = child_key(key, name)
            if name in values:
                self.error(key_node, child, "duplicate key (it appears more than once)")
                continue
            if name in later and name not in known:
                # Placed by line and named whole in the message, as a person searches for it.
                self.warning(key_node, "", f"'{child}' needs format presskit/1.1; ignored")
                continue
            if name not in known:
                import difflib  # only needed for a typo; keeps start-up lean

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.warning(key_node, child, f"unknown key{hint}")
                continue
            values[name] = value_node
        return values

    def sequence(self, node: yaml.Node, key: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.value in NULL_SCALARS:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, key, f"expected a list, found {describe_node(node)}")
            return []
        return list(node.value)

    def text(self, values: dict[str, yaml.Node], name: str, key: str) -> str | None:
        """A text field, exactly as written (``NO`` stays ``NO``, ``1.10`` stays ``1.10``)."""
        node = values.get(name)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, child_key(key, name), f"expected text, found {describe_node(node)}")
            return None
        value = str(node.value)
        if is_plain(node) and value in NULL_SCALARS:
            return None
        limit = field_limit(name)
        if limit is not None and len(value) > limit:
            self.warning(
                node,
                child_key(key, name),
                f"is {len(value):,} characters long; the viewer shows the first {limit:,}",
            )
        return value

    def required_text(
        self, values: dict[str, yaml.Node], name: str, key: str, parent: yaml.Node
    ) -> str:
        if name not in values:
            self.error(parent, key, f"'{name}' is required")
            raise Missing
        value = self.text(values, name, key)
        if value is None or not value.strip():
            if value is not None or isinstance(values[name], yaml.ScalarNode):
                self.error(values[name], child_key(key, name), "must not be empty")
            raise Missing
        return value

    def text_list(self, values: dict[str, yaml.Node], name: str, key: str) -> tuple[str, ...]:
        node = values.get(name)
        if node is None:
            return ()
        items: list[str] = []
        list_key = child_key(key, name)
        for index, item in enumerate(self.sequence(node, list_key)):
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                items.append(str(item.value))
            else:
                found = "nothing" if isinstance(item, yaml.ScalarNode) else describe_node(item)
                self.error(item, item_key(list_key, index), f"expected text, found {found}")
        return tuple(items)

    def positive_int(self, values: dict[str, yaml.Node], name: str, key: str) -> int | None:
        node = values.get(name)
        if node is None:
            return None
        text = str(node.value) if isinstance(node, yaml.ScalarNode) else None
        # The length bound keeps int() away from Python's limit on very long digit strings.
        if text is None or not _INTEGER.match(text) or len(text) > 9 or int(text) <= 0:
            shown = quote_value(text) if text is not None else describe_node(node)
            self.error(node, child_key(key, name), f"{shown} is not a positive whole number")
            return None
        return int(text)

    def date(self, values: dict[str, yaml.Node], name: str, key: str) -> datetime.date:
        node = values[name]
        text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if _ISO_DATE.match(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        shown = quote_value(text) if isinstance(node, yaml.ScalarNode) else describe_node(node)
        self.error(node, child_key(key, name), f"{shown} is not a valid date (write YYYY-MM-DD)")
        raise Missing

    def optional_date(
        self, values: dict[str, yaml.Node], name: str, key: str
    ) -> datetime.date | None:
        """A date that may be left out; a bad one is an error and reads as absent."""
        if name not in values or is_null(values[name]):
            return None
        try:
            return self.date(values, name, key)
        except Missing:
            return None

    def time(
        self, values: dict[str, yaml.Node], name: str, key: str
    ) -> tuple[datetime.datetime | None, str | None]:
        """An RFC 3339 date-time as ``(moment, None)``; ``(None, reason)`` with an error
        recorded when it is not one; ``(None, None)`` when the key is absent."""
        node = values.get(name)
        if node is None or is_null(node):
            return None, None
        if not isinstance(node, yaml.ScalarNode):
            reason = f"expected a date and time, found {describe_node(node)}"
            self.error(node, child_key(key, name), reason)
            return None, reason
        from app.model.times import TimeFormatError, parse_time  # only kits with times need it

        try:
            return parse_time(str(node.value)), None
        except TimeFormatError as exc:
            self.error(node, child_key(key, name), exc.reason)
            return None, exc.reason

    def choice(
        self,
        values: dict[str, yaml.Node],
        name: str,
        key: str,
        allowed: tuple[_S, ...],
        what: str = "kind",
    ) -> _S | None:
        """One of ``allowed`` exactly as the format spells it; anything else is an error."""
        text = self.text(values, name, key)
        if text is None:
            return None
        for option in allowed:
            if text == option:
                return option
        import difflib  # only needed for a mistake

        close = difflib.get_close_matches(text.casefold(), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        words = " | ".join(allowed)
        self.error(
            values[name],
            child_key(key, name),
            f"{quote_value(text)} is not a {what} the format knows ({hint}write one of: {words})",
        )
        return None

    def web_url(self, values: dict[str, yaml.Node], name: str, key: str) -> str | None:
        """An ``http(s)://`` address with a host; anything else (a ``javascript:`` or ``file:``
        link a click would follow) is an error and is left out."""
        text = self.text(values, name, key)
        if text is None:
            return None
        if _WEB_URL.match(text) and text.isprintable() and " " not in text:
            return text
        self.error(
            values[name],
            child_key(key, name),
            f"{quote_value(text)} is not a web address (write one that starts https:// or http://)",
        )
        return None

    def kit_file(self, values: dict[str, yaml.Node], name: str, key: str) -> KitFile | None:
        """A referenced file; None (with an error recorded) when it breaks the path rules."""
        found = self.kit_file_or_reason(values, name, key)
        return found if isinstance(found, KitFile) else None

    def kit_file_or_reason(
        self, values: dict[str, yaml.Node], name: str, key: str
    ) -> KitFile | str | None:
        text = self.text(values, name, key)
        if text is None:
            return None
        resolved = resolve_kit_file(self.real_root, text)
        if isinstance(resolved, PathRefusal):
            self.error(values[name], child_key(key, name), resolved.reason)
            return resolved.reason
        return resolved

    def each_item(
        self, node: yaml.Node | None, key: str, read_item: Callable[[yaml.Node, str], _T]
    ) -> tuple[_T, ...]:
        """Read every list item. An item that cannot be read is reported, and kept as a
        :class:`SkippedEntry` so a view can mark its row rather than lose it silently."""
        if node is None:
            return ()
        items: list[_T] = []
        for index, item in enumerate(self.sequence(node, key)):
            reported = len(self.problems)
            try:
                items.append(read_item(item, item_key(key, index)))
            except Missing:
                self._skip(item, key, index, self.problems[reported:])
        return tuple(items)

    def _skip(self, node: yaml.Node, key: str, index: int, problems: list[Problem]) -> None:
        errors = [p.message for p in problems if p.is_error]
        reason = errors[0] if errors else "cannot be read"
        label: str | None = None
        if isinstance(node, yaml.MappingNode):
            fields = {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            for name in _LABEL_KEYS:
                value = fields.get(name)
                if isinstance(value, yaml.ScalarNode) and str(value.value).strip():
                    label = str(value.value)
                    break
        self.skipped.append(SkippedEntry(key, index + 1, label, reason, self.line_of(node)))
        log.debug("skipped %s: %s", item_key(key, index), reason)
