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
from functools import partial
from pathlib import Path

import yaml

from app.model.format_version import (
    CURRENT_MAJOR,
    FORMAT_CURRENT,
    FORMAT_V1,
    newer_minor_warning,
    parse_format,
    refusal,
)
from app.model.kit import (
    MANIFEST_NAME,
    CastMember,
    Contact,
    CrewMember,
    Film,
    KitFile,
    LoadResult,
    Note,
    Person,
    PressKit,
    ReleaseDate,
    Still,
    Synopsis,
    Video,
    name_key,
)
from app.model.kit_paths import UnreadableFile, is_within, read_regular_file
from app.model.manifest_media import read_artwork, read_trailer, read_video
from app.model.manifest_nodes import Missing, NodeReader, child_key, is_null
from app.model.manifest_press import (
    read_award,
    read_person,
    read_quote,
    read_screening,
    read_translations,
    warn_uncredited,
)
from app.model.manifest_terms import own_embargo, read_kit_info, read_rights, read_specs
from app.model.manifest_yaml import MAX_MANIFEST_BYTES, LineIndex, parse_manifest, todo_lines
from app.model.note_links import note_links
from app.model.problems import KitLoadError, Problem, Severity, quote_value

log = logging.getLogger(__name__)

TOP_KEYS = ("format", "film", "synopsis", "credits", "stills", "trailer", "notes", "contacts")
# The keys presskit/1.1 adds; in a presskit/1 manifest each is warned about and ignored.
TOP_KEYS_1_1 = (
    "kit",
    "rights",
    "artwork",
    "people",
    "awards",
    "quotes",
    "videos",
    "screenings",
    "translations",
)
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
FILM_KEYS_1_1 = ("original_title", "specs")
DATE_KEYS = ("label", "date", "place")
SYNOPSIS_KEYS = ("short", "long", "attribution")
CREDITS_KEYS = ("cast", "crew")
CAST_KEYS = ("name", "role")
CREW_KEYS = ("name", "job")
STILL_KEYS = ("file", "caption", "credit", "alt")
STILL_KEYS_1_1 = ("photographer", "people", "usage", "copyright", "embargo")
NOTE_KEYS = ("heading", "body", "attribution")
CONTACT_KEYS = ("name", "role", "email", "phone", "url")
CONTACT_KEYS_1_1 = ("territory",)


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
    # Text a person still has to write (``presskit new`` marks it) is said first, in line order:
    # it is the to-do list of a new kit.
    todo = [
        Problem(Severity.WARNING, manifest_name, "still to fill (TODO)", line)
        for line in todo_lines(source)
    ]
    if kit is None:
        raise KitLoadError([*todo, *reader.problems])
    log.info("loaded kit %r from %s with %d problem(s)", kit.film.title, root, len(reader.problems))
    return LoadResult(kit, [*todo, *reader.problems])


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
        self.credited: set[str] = set()  # name_key of every credited name
        self.described: dict[str, str] = {}  # name_key of each people entry -> its key

    # -- sections --------------------------------------------------------------------------

    def read(self, root_node: yaml.Node, root: Path, manifest_path: Path) -> PressKit | None:
        declared = self.peek_format(root_node)
        top = self.mapping(root_node, "", TOP_KEYS, TOP_KEYS_1_1)
        if top is None:
            return None
        self.check_format(top, root_node)
        # Sections are read in the order the README's example writes them, so problems come
        # out roughly in manifest order; credits come before anything matched against them.
        kit_info = read_kit_info(self, top.get("kit"))
        film = self.read_film(top.get("film"), root_node)
        synopsis = self.read_synopsis(top.get("synopsis"), root_node)
        cast, crew = self.read_credits(top.get("credits"))
        names = [member.name for member in cast] + [member.name for member in crew]
        self.credited = {name_key(name) for name in names}
        rights = read_rights(self, top.get("rights"))
        stills = self.each_item(top.get("stills"), "stills", self.read_still)
        artwork = self.each_item(top.get("artwork"), "artwork", partial(read_artwork, self))
        people = self.each_item(top.get("people"), "people", self.read_person)
        awards = self.each_item(top.get("awards"), "awards", partial(read_award, self))
        quotes = self.each_item(top.get("quotes"), "quotes", partial(read_quote, self))
        videos = self.read_videos(top)
        screenings = self.each_item(
            top.get("screenings"), "screenings", partial(read_screening, self)
        )
        notes = self.each_item(top.get("notes"), "notes", self.read_note)
        contacts = self.each_item(top.get("contacts"), "contacts", self.read_contact)
        translations = read_translations(self, top.get("translations"))
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
            videos=videos,
            notes=notes,
            contacts=contacts,
            skipped=tuple(self.skipped),
            format=declared or FORMAT_V1,
            kit_info=kit_info,
            rights=rights,
            artwork=artwork,
            people=people,
            awards=awards,
            quotes=quotes,
            screenings=screenings,
            translations=translations,
            trailer_shorthand="trailer" in top and "videos" not in top,
        )

    def peek_format(self, root_node: yaml.Node) -> str | None:
        """The ``format:`` text, read before anything else: which keys the rest may use
        depends on it. Its problems are reported by ``check_format``."""
        if not isinstance(root_node, yaml.MappingNode):
            return None
        for key_node, value_node in root_node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "format":
                if isinstance(value_node, yaml.ScalarNode):
                    version = parse_format(str(value_node.value))
                    if version is not None and version.major == CURRENT_MAJOR:
                        self.format_minor = version.minor
                        # Said first: it explains the unknown-key warnings that follow.
                        newer = newer_minor_warning(version)
                        if newer is not None:
                            self.warning(value_node, "format", newer)
                    return str(value_node.value)
                return None
        return None

    def check_format(self, top: dict[str, yaml.Node], root_node: yaml.Node) -> None:
        if "format" not in top:
            self.error(
                root_node, "format", f"'format' is required (write 'format: {FORMAT_CURRENT}')"
            )
            self.fatal = True
            return
        value = self.text(top, "format", "")
        if value is None:  # a non-text value was reported by text(); an empty one is not yet
            if isinstance(top["format"], yaml.ScalarNode):
                self.error(top["format"], "format", f"is empty (write 'format: {FORMAT_CURRENT}')")
            self.fatal = True
            return
        version = parse_format(value)
        refused = refusal(version)
        if refused is not None or version is None:
            self.error(top["format"], "format", f"{quote_value(value)} {refused}")
            self.fatal = True

    def read_videos(self, top: dict[str, yaml.Node]) -> tuple[Video, ...]:
        """``videos:``, or the ``trailer:`` shorthand for one; never both."""
        if "trailer" in top and "videos" in top:
            self.error(
                top["trailer"],
                "trailer",
                "a kit has 'trailer' (one video) or 'videos', not both; 'trailer' is ignored "
                "(move it into 'videos')",
            )
        if "videos" in top:
            return self.each_item(top["videos"], "videos", partial(read_video, self))
        trailer = read_trailer(self, top.get("trailer"))
        return (trailer,) if trailer is not None else ()

    def read_person(self, node: yaml.Node, key: str) -> Person:
        return read_person(self, node, key, self.source, self.is_credited, self.described)

    def is_credited(self, name: str) -> bool:
        return name_key(name) in self.credited

    def read_film(self, node: yaml.Node | None, root_node: yaml.Node) -> Film | None:
        if node is None:
            self.error(root_node, "film", "'film' is required (with at least its title)")
            return None
        values = self.mapping(node, "film", FILM_KEYS, FILM_KEYS_1_1)
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
            original_title=self.text(values, "original_title", "film"),
            specs=read_specs(self, values.get("specs")),
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
        values = self.mapping(node, key, STILL_KEYS, STILL_KEYS_1_1)
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
            photographer=self.text(values, "photographer", key),
            people=self.still_people(values, key),
            usage=self.text(values, "usage", key),
            copyright=self.text(values, "copyright", key),
            embargo=own_embargo(self, values, key),
        )

    def still_people(self, values: dict[str, yaml.Node], key: str) -> tuple[str, ...]:
        """Who a still shows; a name not in the credits is warned about (a misspelt name
        would not link to the person's card)."""
        people = self.text_list(values, "people", key)
        if people:
            node = values["people"]
            items = node.value if isinstance(node, yaml.SequenceNode) else []
            for index, item in enumerate(items):
                name = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
                if name.strip() and not self.is_credited(name):
                    warn_uncredited(self, item, f"{child_key(key, 'people')} #{index + 1}", name)
        return people

    def read_note(self, node: yaml.Node, key: str) -> Note:
        values = self.mapping(node, key, NOTE_KEYS)
        if values is None:
            raise Missing
        heading = self.required_text(values, "heading", key, node)
        body = self.required_text(values, "body", key, node)
        links = note_links(self, values["body"], body, child_key(key, "body"), self.source)
        return Note(heading, body, self.text(values, "attribution", key), links)

    def read_contact(self, node: yaml.Node, key: str) -> Contact:
        values = self.mapping(node, key, CONTACT_KEYS, CONTACT_KEYS_1_1)
        if values is None:
            raise Missing
        return Contact(
            name=self.required_text(values, "name", key, node),
            role=self.text(values, "role", key),
            email=self.text(values, "email", key),
            phone=self.text(values, "phone", key),
            url=self.text(values, "url", key),
            territory=self.text(values, "territory", key),
        )
