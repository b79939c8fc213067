"""``load_press_kit()``: the manifest, the path rules and one ``stat`` per file — nothing more.

Every problem found is collected (not just the first). A kit whose manifest cannot be parsed,
or that lacks a required key, raises :class:`KitLoadError`; any other problem leaves the kit
loadable in degraded form: the still, trailer or field concerned is marked unavailable.

Start-up path (a kit without a snapshot): what only a faulty manifest needs is imported there.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

import yaml

from app.model.kit import (
    MANIFEST_NAME,
    CastMember,
    Contact,
    CrewMember,
    Film,
    KitFile,
    LinkTarget,
    LoadResult,
    Note,
    PressKit,
    ReleaseDate,
    Still,
    Synopsis,
    Trailer,
)
from app.model.kit_paths import PathRefusal, resolve_kit_file
from app.model.manifest_yaml import MAX_MANIFEST_BYTES, describe_node, is_plain, parse_manifest
from app.model.markdown_refs import MarkdownRef, find_refs, is_external_link
from app.model.problems import KitLoadError, Problem, Severity, quote_value

log = logging.getLogger(__name__)

FORMAT_V1 = "presskit/1"

_T = TypeVar("_T")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[0-9]+$")
_NULL_SCALARS = {"", "~"}

TOP_KEYS = ("format", "film", "synopsis", "credits", "stills", "trailer", "notes", "contacts")
FILM_KEYS = (
    "title",
    "tagline",
    "logline",
    "genres",
    "runtime_minutes",
    "rating",
    "distributor",
    "key_art",
    "dates",
)
DATE_KEYS = ("label", "date", "place")
SYNOPSIS_KEYS = ("short", "long", "attribution")
CREDITS_KEYS = ("cast", "crew")
CAST_KEYS = ("name", "role")
CREW_KEYS = ("name", "job")
STILL_KEYS = ("file", "caption", "credit", "alt")
TRAILER_KEYS = ("file", "title", "poster", "captions")
NOTE_KEYS = ("heading", "body", "attribution")
CONTACT_KEYS = ("name", "role", "email", "phone", "url")


class _Missing(Exception):
    """Raised inside one section's reader when a required value is absent or unusable."""


def load_press_kit(root: Path, manifest_name: str = MANIFEST_NAME) -> LoadResult:
    """Load the kit whose manifest is ``root/presskit.yaml``.

    Raises :class:`KitLoadError` when the kit cannot be used at all.
    """
    root = Path(root)
    manifest_path = root / manifest_name
    if not root.is_dir():
        raise KitLoadError(
            [Problem(Severity.ERROR, str(root), "is not a press kit folder (no such folder)")]
        )
    try:
        size = manifest_path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            data = b"x" * (MAX_MANIFEST_BYTES + 1)  # refused by size without reading it all
        else:
            data = manifest_path.read_bytes()
    except FileNotFoundError:
        raise KitLoadError(
            [Problem(Severity.ERROR, manifest_name, "not found: a kit needs a presskit.yaml")]
        ) from None
    except OSError as exc:
        raise KitLoadError(
            [Problem(Severity.ERROR, manifest_name, f"cannot be read ({exc.strerror})")]
        ) from None
    if size > MAX_MANIFEST_BYTES:
        raise KitLoadError(
            [
                Problem(
                    Severity.ERROR,
                    manifest_name,
                    f"the manifest is {size:,} bytes; the limit is {MAX_MANIFEST_BYTES:,}",
                )
            ]
        )
    node, problems = parse_manifest(data, manifest_name)
    if node is None:
        raise KitLoadError(problems)
    # The source text lets problems inside folded notes point at their exact line.
    source = data.decode("utf-8-sig", errors="replace")
    reader = _ManifestReader(root.resolve(), manifest_name, source)
    kit = reader.read(node, root, manifest_path)
    if kit is None:
        raise KitLoadError(reader.problems)
    log.info("loaded kit %r from %s with %d problem(s)", kit.film.title, root, len(reader.problems))
    return LoadResult(kit, reader.problems)


class _ManifestReader:
    """Turns the manifest's node tree into a :class:`PressKit`, collecting problems."""

    def __init__(self, real_root: Path, manifest_name: str, source: str) -> None:
        self.real_root = real_root
        self.source = source
        self.file_name = manifest_name
        self.problems: list[Problem] = []
        self.fatal = False

    # -- reporting -------------------------------------------------------------------------

    def error(self, node: yaml.Node | None, key: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(Severity.ERROR, self.file_name, message, line, key or None))

    def warning(self, node: yaml.Node | None, key: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(Severity.WARNING, self.file_name, message, line, key or None))

    # -- node readers ----------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, key: str, known: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        """The mapping's values by key; unknown keys warned about, duplicates refused."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, key, f"expected a mapping of keys, found {describe_node(node)}")
            return None
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, key, "keys must be plain names")
                continue
            name = str(key_node.value)
            child = f"{key}.{name}" if key else name
            if name in values:
                self.error(key_node, child, "duplicate key (it appears more than once)")
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
        if isinstance(node, yaml.ScalarNode) and node.value in _NULL_SCALARS:
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
            self.error(node, _child(key, name), f"expected text, found {describe_node(node)}")
            return None
        value = str(node.value)
        if is_plain(node) and value in _NULL_SCALARS:
            return None
        return value

    def required_text(
        self, values: dict[str, yaml.Node], name: str, key: str, parent: yaml.Node
    ) -> str:
        if name not in values:
            self.error(parent, key, f"'{name}' is required")
            raise _Missing
        value = self.text(values, name, key)
        if value is None or not value.strip():
            if value is not None or isinstance(values[name], yaml.ScalarNode):
                self.error(values[name], f"{key}.{name}", "must not be empty")
            raise _Missing
        return value

    def text_list(self, values: dict[str, yaml.Node], name: str, key: str) -> tuple[str, ...]:
        node = values.get(name)
        if node is None:
            return ()
        items: list[str] = []
        for index, item in enumerate(self.sequence(node, f"{key}.{name}")):
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                items.append(str(item.value))
            else:
                self.error(
                    item,
                    f"{key}.{name}[{index}]",
                    f"expected text, found {_describe_empty(item)}",
                )
        return tuple(items)

    def positive_int(self, values: dict[str, yaml.Node], name: str, key: str) -> int | None:
        node = values.get(name)
        if node is None:
            return None
        text = str(node.value) if isinstance(node, yaml.ScalarNode) else None
        # The length bound keeps int() away from Python's limit on very long digit strings.
        if text is None or not _INTEGER.match(text) or len(text) > 9 or int(text) <= 0:
            shown = quote_value(text) if text is not None else describe_node(node)
            self.error(node, f"{key}.{name}", f"{shown} is not a positive whole number")
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
        self.error(node, f"{key}.{name}", f"{shown} is not a valid date (write YYYY-MM-DD)")
        raise _Missing

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
            self.error(values[name], f"{key}.{name}", resolved.reason)
            return resolved.reason
        return resolved

    def each_item(
        self, node: yaml.Node | None, key: str, read_item: Callable[[yaml.Node, str], _T]
    ) -> tuple[_T, ...]:
        """Read every list item; an item with a missing required key is reported and skipped."""
        if node is None:
            return ()
        items: list[_T] = []
        for index, item in enumerate(self.sequence(node, key)):
            try:
                items.append(read_item(item, f"{key}[{index}]"))
            except _Missing:
                continue
        return tuple(items)

    # -- sections --------------------------------------------------------------------------

    def read(self, root_node: yaml.Node, root: Path, manifest_path: Path) -> PressKit | None:
        top = self.mapping(root_node, "", TOP_KEYS)
        if top is None:
            return None
        self.check_format(top, root_node)
        film = self.read_film(top.get("film"), root_node)
        synopsis = self.read_synopsis(top.get("synopsis"), root_node)
        cast, crew = self.read_credits(top.get("credits"))
        stills = self.each_item(top.get("stills"), "stills", self.read_still)
        trailer = self.read_trailer(top.get("trailer"))
        notes = self.each_item(top.get("notes"), "notes", self.read_note)
        contacts = self.each_item(top.get("contacts"), "contacts", self.read_contact)
        if self.fatal or film is None or synopsis is None:
            return None
        return PressKit(
            root=root,
            manifest=manifest_path,
            film=film,
            synopsis=synopsis,
            cast=cast,
            crew=crew,
            stills=stills,
            trailer=trailer,
            notes=notes,
            contacts=contacts,
        )

    def check_format(self, top: dict[str, yaml.Node], root_node: yaml.Node) -> None:
        if "format" not in top:
            self.error(root_node, "format", f"'format' is required (write 'format: {FORMAT_V1}')")
            self.fatal = True
            return
        value = self.text(top, "format", "")
        if value is None:  # a non-text value was reported by text(); an empty one is not yet
            if isinstance(top["format"], yaml.ScalarNode):
                self.error(top["format"], "format", f"is empty (write 'format: {FORMAT_V1}')")
            self.fatal = True
            return
        if value != FORMAT_V1:
            self.error(
                top["format"],
                "format",
                f"{quote_value(value)} is not a format this version reads (it reads '{FORMAT_V1}')",
            )
            self.fatal = True

    def read_film(self, node: yaml.Node | None, root_node: yaml.Node) -> Film | None:
        if node is None:
            self.error(root_node, "film", "'film' is required (with at least its title)")
            return None
        values = self.mapping(node, "film", FILM_KEYS)
        if values is None:
            return None
        try:
            title = self.required_text(values, "title", "film", node)
        except _Missing:
            return None
        dates = self.each_item(values.get("dates"), "film.dates", self.read_date)
        return Film(
            title=title,
            tagline=self.text(values, "tagline", "film"),
            logline=self.text(values, "logline", "film"),
            genres=self.text_list(values, "genres", "film"),
            runtime_minutes=self.positive_int(values, "runtime_minutes", "film"),
            rating=self.text(values, "rating", "film"),
            distributor=self.text(values, "distributor", "film"),
            key_art=self.kit_file(values, "key_art", "film"),
            dates=dates,
        )

    def read_date(self, node: yaml.Node, key: str) -> ReleaseDate:
        values = self.mapping(node, key, DATE_KEYS)
        if values is None:
            raise _Missing
        label = self.required_text(values, "label", key, node)
        if "date" not in values:
            self.error(node, key, "'date' is required")
            raise _Missing
        return ReleaseDate(label, self.date(values, "date", key), self.text(values, "place", key))

    def read_synopsis(self, node: yaml.Node | None, root_node: yaml.Node) -> Synopsis | None:
        if node is None:
            self.error(root_node, "synopsis", "'synopsis' is required (a short or long text)")
            return None
        values = self.mapping(node, "synopsis", SYNOPSIS_KEYS)
        if values is None:
            return None
        synopsis = Synopsis(
            short=self.text(values, "short", "synopsis"),
            long=self.text(values, "long", "synopsis"),
            attribution=self.text(values, "attribution", "synopsis"),
        )
        if not (synopsis.short or synopsis.long):
            self.error(node, "synopsis", "needs at least one of 'short' or 'long'")
            return None
        return synopsis

    def read_credits(
        self, node: yaml.Node | None
    ) -> tuple[tuple[CastMember, ...], tuple[CrewMember, ...]]:
        if node is None or _is_null(node):  # ``credits:`` with nothing under it
            return (), ()
        values = self.mapping(node, "credits", CREDITS_KEYS)
        if values is None:
            return (), ()
        cast = self.each_item(values.get("cast"), "credits.cast", self.read_cast_member)
        crew = self.each_item(values.get("crew"), "credits.crew", self.read_crew_member)
        return cast, crew

    def read_cast_member(self, node: yaml.Node, key: str) -> CastMember:
        values = self.mapping(node, key, CAST_KEYS)
        if values is None:
            raise _Missing
        return CastMember(
            self.required_text(values, "name", key, node), self.text(values, "role", key)
        )

    def read_crew_member(self, node: yaml.Node, key: str) -> CrewMember:
        values = self.mapping(node, key, CREW_KEYS)
        if values is None:
            raise _Missing
        return CrewMember(
            self.required_text(values, "name", key, node),
            self.required_text(values, "job", key, node),
        )

    def read_still(self, node: yaml.Node, key: str) -> Still:
        values = self.mapping(node, key, STILL_KEYS)
        if values is None:
            raise _Missing
        file_text = self.required_text(values, "file", key, node)
        found = self.kit_file_or_reason(values, "file", key)
        return Still(
            file_text=file_text,
            file=found if isinstance(found, KitFile) else None,
            caption=self.text(values, "caption", key),
            credit=self.text(values, "credit", key),
            alt=self.text(values, "alt", key),
            problem=found if isinstance(found, str) else None,
        )

    def read_trailer(self, node: yaml.Node | None) -> Trailer | None:
        if node is None or _is_null(node):  # ``trailer:`` with nothing under it
            return None
        values = self.mapping(node, "trailer", TRAILER_KEYS)
        if values is None:
            return None
        try:
            file_text = self.required_text(values, "file", "trailer", node)
        except _Missing:
            return None
        found = self.kit_file_or_reason(values, "file", "trailer")
        return Trailer(
            file_text=file_text,
            file=found if isinstance(found, KitFile) else None,
            title=self.text(values, "title", "trailer"),
            poster=self.kit_file(values, "poster", "trailer"),
            captions=self.kit_file(values, "captions", "trailer"),
            problem=found if isinstance(found, str) else None,
        )

    def read_note(self, node: yaml.Node, key: str) -> Note:
        values = self.mapping(node, key, NOTE_KEYS)
        if values is None:
            raise _Missing
        heading = self.required_text(values, "heading", key, node)
        body = self.required_text(values, "body", key, node)
        links = self.note_links(values["body"], body, f"{key}.body")
        return Note(heading, body, self.text(values, "attribution", key), links)

    def note_links(self, body_node: yaml.Node, body: str, key: str) -> tuple[LinkTarget, ...]:
        """Check every link and image in a note; unsafe ones are reported and left out."""
        line_of = _body_line_finder(body_node, self.source)
        links: list[LinkTarget] = []
        for ref in find_refs(body):
            line = line_of(ref)
            target = ref.target
            if target.startswith("#"):
                continue
            if not target.strip():
                what = "image" if ref.is_image else "link"
                self._note_problem(line, key, f"{what} with an empty target")
                continue
            if is_external_link(target):
                if ref.is_image:
                    self._note_problem(
                        line,
                        key,
                        f"the image '{target}' is remote; images in "
                        "notes must be files inside the kit",
                    )
                else:
                    links.append(LinkTarget(target, False, line))
                continue
            relative = target.split("#", 1)[0].split("?", 1)[0]
            resolved = resolve_kit_file(self.real_root, _percent_decode(relative))
            if isinstance(resolved, PathRefusal):
                what = "image" if ref.is_image else "link"
                self._note_problem(line, key, f"{what} {resolved.reason}")
                continue
            links.append(LinkTarget(target, ref.is_image, line, resolved))
        return tuple(links)

    def _note_problem(self, line: int, key: str, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, self.file_name, message, line, key))

    def read_contact(self, node: yaml.Node, key: str) -> Contact:
        values = self.mapping(node, key, CONTACT_KEYS)
        if values is None:
            raise _Missing
        return Contact(
            name=self.required_text(values, "name", key, node),
            role=self.text(values, "role", key),
            email=self.text(values, "email", key),
            phone=self.text(values, "phone", key),
            url=self.text(values, "url", key),
        )


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and is_plain(node) and node.value in _NULL_SCALARS


def _child(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _body_line_finder(body_node: yaml.Node, text: str) -> Callable[[MarkdownRef], int]:
    """The manifest line of a Markdown reference inside a note's body.

    A literal block (``|``) keeps the author's line breaks, so the value's line offset is the
    source's (counted from the line after the indicator). Folded (``>``), plain and quoted
    scalars join lines, so there the target is looked up in the scalar's source text instead.
    """
    start = body_node.start_mark
    first_line = start.line + 1
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
        return first_line + source.count("\n", 0, found)

    return find


def _percent_decode(text: str) -> str:
    return unquote(text)


def _describe_empty(node: yaml.Node) -> str:
    return "nothing" if isinstance(node, yaml.ScalarNode) else describe_node(node)
