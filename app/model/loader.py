"""``load_press_kit()``: the manifest, the path rules and one ``stat`` per file — nothing more.

Every problem found is collected (not just the first). A kit whose manifest cannot be parsed,
or that lacks a required key, raises :class:`KitLoadError`; any other problem leaves the kit
loadable in degraded form: the still, trailer or field concerned is marked unavailable, and a
list item that cannot be read at all is kept as a ``SkippedEntry`` for the views to mark.

The generic node reading is :mod:`app.model.manifest_nodes`; note links are
:mod:`app.model.note_links`; this module reads the manifest file and its sections.

Start-up path (a kit without a snapshot): what only a faulty manifest needs is imported there.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml

from app.model.kit import (
    MANIFEST_NAME,
    CastMember,
    Contact,
    CrewMember,
    Film,
    KitFile,
    LoadResult,
    Note,
    PressKit,
    ReleaseDate,
    Still,
    Synopsis,
    Trailer,
)
from app.model.kit_paths import UnreadableFile, is_within, read_regular_file
from app.model.manifest_nodes import Missing, NodeReader, child_key, is_null
from app.model.manifest_yaml import MAX_MANIFEST_BYTES, LineIndex, parse_manifest
from app.model.note_links import note_links
from app.model.problems import KitLoadError, Problem, Severity, quote_value

log = logging.getLogger(__name__)

FORMAT_V1 = "presskit/1"

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
    real_root = root.resolve()
    data = read_manifest_bytes(real_root, manifest_name)
    node, problems = parse_manifest(data, manifest_name)
    if node is None:
        raise KitLoadError(problems)
    # The source text lets problems inside folded notes point at their exact line.
    source = data.decode("utf-8-sig", errors="replace")
    reader = _ManifestReader(real_root, manifest_name, source)
    kit = reader.read(node, root, manifest_path)
    if kit is None:
        raise KitLoadError(reader.problems)
    log.info("loaded kit %r from %s with %d problem(s)", kit.film.title, root, len(reader.problems))
    return LoadResult(kit, reader.problems)


def read_manifest_bytes(real_root: Path, manifest_name: str) -> bytes:
    """The manifest's bytes, held to the rules of every kit file: a regular file (a FIFO would
    hang the open, ``/dev/zero`` would never end) inside the kit, read no further than the
    size limit. Raises :class:`KitLoadError` saying which rule it breaks."""

    def refuse(message: str) -> KitLoadError:
        return KitLoadError([Problem(Severity.ERROR, manifest_name, message)])

    lexical = real_root / manifest_name
    if not os.path.lexists(lexical):
        raise refuse("not found: a kit needs a presskit.yaml")
    real = Path(os.path.realpath(lexical))
    if not is_within(real_root, real):
        raise refuse(
            "is a symbolic link that leaves the kit folder; the manifest must be inside it"
        )
    if not real.exists():
        raise refuse("is a symbolic link to a file that does not exist")
    try:
        data = read_regular_file(
            real,
            MAX_MANIFEST_BYTES,
            lambda size: f"the manifest is {size:,} bytes; the limit is {MAX_MANIFEST_BYTES:,}",
        )
    except UnreadableFile as exc:
        raise refuse(str(exc)) from None
    return data


class _ManifestReader(NodeReader):
    """Turns the manifest's node tree into a :class:`PressKit`, collecting problems."""

    def __init__(self, real_root: Path, manifest_name: str, source: str) -> None:
        super().__init__(real_root, manifest_name, LineIndex(source))
        self.source = source
        self.fatal = False

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
            skipped=tuple(self.skipped),
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
        except Missing:
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
            raise Missing
        label = self.required_text(values, "label", key, node)
        if "date" not in values:
            self.error(node, key, "'date' is required")
            raise Missing
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
        if node is None or is_null(node):  # ``credits:`` with nothing under it
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
            raise Missing
        return CastMember(
            self.required_text(values, "name", key, node), self.text(values, "role", key)
        )

    def read_crew_member(self, node: yaml.Node, key: str) -> CrewMember:
        values = self.mapping(node, key, CREW_KEYS)
        if values is None:
            raise Missing
        return CrewMember(
            self.required_text(values, "name", key, node),
            self.required_text(values, "job", key, node),
        )

    def read_still(self, node: yaml.Node, key: str) -> Still:
        values = self.mapping(node, key, STILL_KEYS)
        if values is None:
            raise Missing
        file_text = self.required_text(values, "file", key, node)
        found = self.kit_file_or_reason(values, "file", key)
        credit = self.text(values, "credit", key)
        if credit is None or not credit.strip():
            # Export writes credits.csv from these; a journalist may not publish a still
            # without one, so the publicist hears of it before the kit goes out.
            self.warning(node, key, "has no credit (a journalist needs one to publish it)")
        return Still(
            file_text=file_text,
            file=found if isinstance(found, KitFile) else None,
            caption=self.text(values, "caption", key),
            credit=credit,
            alt=self.text(values, "alt", key),
            problem=found if isinstance(found, str) else None,
        )

    def read_trailer(self, node: yaml.Node | None) -> Trailer | None:
        if node is None or is_null(node):  # ``trailer:`` with nothing under it
            return None
        values = self.mapping(node, "trailer", TRAILER_KEYS)
        if values is None:
            return None
        try:
            file_text = self.required_text(values, "file", "trailer", node)
        except Missing:
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
            raise Missing
        heading = self.required_text(values, "heading", key, node)
        body = self.required_text(values, "body", key, node)
        links = note_links(self, values["body"], body, child_key(key, "body"), self.source)
        return Note(heading, body, self.text(values, "attribution", key), links)

    def read_contact(self, node: yaml.Node, key: str) -> Contact:
        values = self.mapping(node, key, CONTACT_KEYS)
        if values is None:
            raise Missing
        return Contact(
            name=self.required_text(values, "name", key, node),
            role=self.text(values, "role", key),
            email=self.text(values, "email", key),
            phone=self.text(values, "phone", key),
            url=self.text(values, "url", key),
        )
