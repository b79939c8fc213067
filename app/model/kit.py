"""The press kit as plain data: what every view shows, with no Qt and no file access.

The records are ``NamedTuple`` classes: immutable, compared and hashed by value, like frozen
dataclasses, but made about four times faster. The viewer builds these classes before its
first paint: thirteen frozen dataclasses cost 6 ms of every start (each one compiles six
generated methods), against under 2 ms as named tuples; the two dozen records presskit/1.1
needs cost about 5 ms (most of it typing's parse of each field's annotation).

Start-up path: ``unicodedata``, needed only when names are matched, is imported there.
"""

# No ``from __future__ import annotations`` here: NamedTuple makes each field's annotation text
# a ForwardRef, compiling every one (some 140), ~1 ms of the first paint; as objects they cost
# next to nothing. A record named before it is defined is written in quotes.
import datetime
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

from app.model.problems import Problem

MANIFEST_NAME = "presskit.yaml"  # the one manifest a kit folder holds

# The closed vocabularies of presskit/1.1. Literal types rather than Enum classes: the values are
# the manifest's own words, compare equal to plain text, and go into a snapshot as they are.
ArtworkKind = Literal["key-art", "poster", "logo", "banner", "other"]
ARTWORK_KINDS: tuple[ArtworkKind, ...] = ("key-art", "poster", "logo", "banner", "other")
VideoKind = Literal["trailer", "teaser", "clip", "featurette", "interview", "b-roll"]
VIDEO_KINDS: tuple[VideoKind, ...] = (
    "trailer",
    "teaser",
    "clip",
    "featurette",
    "interview",
    "b-roll",
)
AwardResult = Literal["official selection", "nominee", "winner", "special mention"]
AWARD_RESULTS: tuple[AwardResult, ...] = (
    "official selection",
    "nominee",
    "winner",
    "special mention",
)


class KitFile(NamedTuple):
    """A file the manifest refers to, checked to lie inside the kit."""

    relative: str  # as written in the manifest, a POSIX path relative to the kit root
    path: Path  # absolute, symlinks resolved
    size: int
    mtime_ns: int


class ReleaseDate(NamedTuple):
    label: str
    date: datetime.date
    place: str | None = None


class KitInfo(NamedTuple):
    """The manifest's ``kit:`` section: which kit this is and which edition of it."""

    id: str  # letters, digits, - and _: the same across editions (calendar UIDs are made of it)
    version: int | None = None  # raised with each new edition
    updated: datetime.date | None = None


class FilmSpecs(NamedTuple):
    year: int | None = None
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    aspect_ratio: str | None = None
    sound: str | None = None
    color: str | None = None
    exhibition_format: str | None = None


class Rights(NamedTuple):
    """Terms of use: the kit's, or one still's or video's with the kit's filled in."""

    usage: str | None = None
    copyright: str | None = None
    embargo: datetime.datetime | None = None  # aware; the material may be published from then
    # Set when the manifest's embargo could not be read: nobody can tell when it lifts, so the
    # material counts as embargoed (a public screen must not show it) until it is corrected.
    embargo_problem: str | None = None


class Film(NamedTuple):
    title: str
    tagline: str | None = None
    logline: str | None = None
    genres: tuple[str, ...] = ()
    runtime_minutes: int | None = None
    rating: str | None = None
    distributor: str | None = None
    key_art: KitFile | None = None
    dates: tuple[ReleaseDate, ...] = ()
    original_title: str | None = None
    specs: FilmSpecs | None = None


class Synopsis(NamedTuple):
    short: str | None = None
    long: str | None = None
    attribution: str | None = None

    def paragraphs(self) -> list[str]:
        """The long synopsis split at blank lines (the short one when there is no long one)."""
        text = self.long or self.short or ""
        return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


class CastMember(NamedTuple):
    name: str
    role: str | None = None


class CrewMember(NamedTuple):
    name: str
    job: str


class Still(NamedTuple):
    """One production still; ``file`` is None and ``problem`` says why when it is unusable."""

    file_text: str
    file: KitFile | None
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None
    problem: str | None = None
    # presskit/1.1; usage, copyright and embargo override the kit's rights for this still.
    photographer: str | None = None
    people: tuple[str, ...] = ()
    usage: str | None = None
    copyright: str | None = None
    embargo: datetime.datetime | None = None

    @property
    def has_own_terms(self) -> bool:
        """True when the still says its own usage, copyright or embargo (the grid's badge)."""
        return bool(self.usage or self.copyright or self.embargo)


class Artwork(NamedTuple):
    """Key art variants, logos, banners: images shown with the stills, in a group of their own."""

    file_text: str
    file: KitFile | None
    title: str | None = None
    kind: ArtworkKind | None = None
    credit: str | None = None
    caption: str | None = None
    alt: str | None = None
    problem: str | None = None


class Video(NamedTuple):
    """One video of the kit. A presskit/1 ``trailer:`` is read as one video of kind trailer."""

    file_text: str
    file: KitFile | None
    title: str | None = None
    poster: KitFile | None = None
    captions: KitFile | None = None
    problem: str | None = None
    kind: VideoKind | None = None
    transcript: KitFile | None = None  # timed text of what is said (WebVTT or SRT)
    usage: str | None = None
    embargo: datetime.datetime | None = None

    @property
    def has_own_terms(self) -> bool:
        """True when the video says its own usage or embargo."""
        return bool(self.usage or self.embargo)


# The views written before several videos existed name the record by its old name.
Trailer = Video


class Person(NamedTuple):
    """More about a credited person, matched to the credits by name."""

    name: str
    pronunciation: str | None = None
    bio: str | None = None  # Markdown, like a press note's body
    photo: KitFile | None = None
    photo_credit: str | None = None
    bio_links: tuple["LinkTarget", ...] = ()  # defined below, with the notes


class Award(NamedTuple):
    festival: str
    result: AwardResult
    year: int | None = None
    category: str | None = None
    laurel: KitFile | None = None


class Quote(NamedTuple):
    text: str
    source: str
    author: str | None = None
    date: datetime.date | None = None
    url: str | None = None  # http(s) only


class Screening(NamedTuple):
    start: datetime.datetime  # aware, in the offset the manifest wrote
    title: str | None = None
    venue: str | None = None
    city: str | None = None
    address: str | None = None
    note: str | None = None


class Translation(NamedTuple):
    """The film's text in another language; ``language`` is a BCP 47 tag as written."""

    language: str
    title: str | None = None
    tagline: str | None = None
    logline: str | None = None
    synopsis: Synopsis | None = None


class LinkTarget(NamedTuple):
    """A link or image target inside a note's Markdown."""

    target: str
    is_image: bool
    line: int | None
    file: KitFile | None = None  # set for targets inside the kit


class Note(NamedTuple):
    heading: str
    body: str  # Markdown
    attribution: str | None = None
    links: tuple[LinkTarget, ...] = ()


class Contact(NamedTuple):
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    territory: str | None = None  # presskit/1.1: contacts are grouped by it


class SkippedEntry(NamedTuple):
    """A list item the kit names but that cannot be shown as written (a date that is not a
    date, a crew member without a job, …). Kept so a view can mark the row in its place
    instead of dropping it silently, as the problems dialog promises.

    ``section`` is the manifest key of the list (``film.dates``, ``credits.crew``, ``notes``…);
    ``number`` the item's place in it, counted from 1 as a person counts; ``label`` the most
    telling text the item has (its label, name or heading), if any.
    """

    section: str
    number: int
    label: str | None
    problem: str
    line: int | None = None


class PressKit(NamedTuple):
    root: Path
    manifest: Path
    film: Film
    synopsis: Synopsis
    cast: tuple[CastMember, ...] = ()
    crew: tuple[CrewMember, ...] = ()
    stills: tuple[Still, ...] = ()
    # Every video, in manifest order; a presskit/1 ``trailer:`` is the one video here.
    videos: tuple[Video, ...] = ()
    notes: tuple[Note, ...] = ()
    contacts: tuple[Contact, ...] = ()
    # List items that could not be read, in manifest order (see SkippedEntry).
    skipped: tuple[SkippedEntry, ...] = ()
    # Where the kit came from, for display and identity: the .zip when it was extracted.
    source: Path | None = None
    # For zip kits: kit-relative path -> (archive member name, size, CRC) for cache keys.
    archive_members: Mapping[str, tuple[str, int, int]] = MappingProxyType({})
    # presskit/1.1 (empty or None in a presskit/1 kit).
    format: str = "presskit/1"  # the format the manifest declares, as written
    kit_info: KitInfo | None = None
    rights: Rights | None = None
    artwork: tuple[Artwork, ...] = ()
    people: tuple[Person, ...] = ()
    awards: tuple[Award, ...] = ()
    quotes: tuple[Quote, ...] = ()
    screenings: tuple[Screening, ...] = ()
    translations: tuple[Translation, ...] = ()
    trailer_shorthand: bool = False  # the one video was written as ``trailer:``

    @property
    def attribution(self) -> str:
        """What follows copied synopsis text: the manifest's, else ``title — distributor``."""
        if self.synopsis.attribution:
            return self.synopsis.attribution
        if self.film.distributor:
            return f"{self.film.title} — {self.film.distributor}"
        return self.film.title

    @property
    def trailer(self) -> Video | None:
        """The one video a single-player view shows: the booth's choice (see ``booth_video``)."""
        return self.booth_video()

    def booth_video(self, now: datetime.datetime | None = None) -> Video | None:
        """The video a public screen plays: the first of kind trailer, else the first teaser,
        else the first video. Given ``now``, only videos free of embargo then are candidates
        (an embargoed trailer gives way to a teaser that may be shown); None when none is."""
        videos = self.videos
        if now is not None:
            videos = tuple(video for video in videos if not self.under_embargo(video, now))
        for kind in ("trailer", "teaser"):
            for video in videos:
                if video.kind == kind:
                    return video
        return videos[0] if videos else None

    def public_stills(self, now: datetime.datetime) -> tuple[Still, ...]:
        """The stills a public screen may show at ``now``: none under embargo."""
        return tuple(still for still in self.stills if not self.under_embargo(still, now))

    def effective_rights(self, item: Still | Video | Artwork | None = None) -> Rights:
        """The terms that apply to ``item``: each of its own terms overrides the kit's, field by
        field (a still with its own embargo keeps the kit's usage text). None: the kit's.
        Artwork has no terms of its own: the kit's apply to it."""
        kit = self.rights or Rights()
        if item is None or isinstance(item, Artwork):
            return kit
        copyright = item.copyright if isinstance(item, Still) else None
        own_embargo = item.embargo is not None  # it replaces even an unreadable kit embargo
        return Rights(
            usage=item.usage or kit.usage,
            copyright=copyright or kit.copyright,
            embargo=item.embargo if own_embargo else kit.embargo,
            embargo_problem=None if own_embargo else kit.embargo_problem,
        )

    def under_embargo(self, item: Still | Video | Artwork | None, now: datetime.datetime) -> bool:
        """True while ``item`` (None: the kit as a whole) may not yet be published at ``now``
        (an aware datetime). An embargo the manifest wrote unreadably counts as in force."""
        if now.utcoffset() is None:
            raise ValueError("now must be an aware datetime (with its UTC offset)")
        rights = self.effective_rights(item)
        if rights.embargo_problem is not None:
            return True
        # The embargo lifts at its moment exactly: at 09:00:00 the material may be published.
        return rights.embargo is not None and now < rights.embargo

    def credited_role(self, name: str) -> str | None:
        """What ``name`` did on the film: their cast role, else their crew job(s), as credited
        (a person credited twice gets both, ``Director, Screenplay``). None when not credited."""
        wanted = name_key(name)
        found: list[str] = []
        for member in self.cast:
            if name_key(member.name) == wanted and member.role and member.role not in found:
                found.append(member.role)
        for crew in self.crew:
            if name_key(crew.name) == wanted and crew.job not in found:
                found.append(crew.job)
        return ", ".join(found) if found else None

    def is_credited(self, name: str) -> bool:
        wanted = name_key(name)
        credited = [member.name for member in self.cast] + [member.name for member in self.crew]
        return any(name_key(credited_name) == wanted for credited_name in credited)

    def person(self, name: str) -> Person | None:
        """The ``people`` details for a credited name, if the kit gives any."""
        wanted = name_key(name)
        return next((p for p in self.people if name_key(p.name) == wanted), None)

    def translation(self, language: str) -> Translation | None:
        """The translation whose tag is ``language`` (tags compare case-insensitively)."""
        wanted = language.casefold()
        return next((t for t in self.translations if t.language.casefold() == wanted), None)

    def skipped_in(self, section: str) -> list[SkippedEntry]:
        """The unreadable items of one list (``film.dates``…), for a view to mark in place."""
        return [entry for entry in self.skipped if entry.section == section]

    def crew_with_job(self, *jobs: str) -> list[CrewMember]:
        wanted = {job.casefold() for job in jobs}
        return [member for member in self.crew if member.job.casefold() in wanted]

    def referenced_files(self) -> list[tuple[str, KitFile, str]]:
        """Every media file the kit refers to as ``(key, file, kind)``; kind is image/video/…"""
        found: list[tuple[str, KitFile, str]] = []

        def add(key: str, file: KitFile | None, kind: str) -> None:
            if file is not None:
                found.append((key, file, kind))

        add("film.key_art", self.film.key_art, "image")
        for index, still in enumerate(self.stills):
            add(f"stills #{index + 1} file", still.file, "image")
        for index, art in enumerate(self.artwork):
            add(f"artwork #{index + 1} file", art.file, "image")
        for index, video in enumerate(self.videos):
            # A ``trailer:`` shorthand's video keeps the key it was written under.
            key = "trailer." if self.trailer_shorthand else f"videos #{index + 1} "
            add(f"{key}file", video.file, "video")
            add(f"{key}poster", video.poster, "image")
            add(f"{key}captions", video.captions, "captions")
            add(f"{key}transcript", video.transcript, "captions")
        for index, person in enumerate(self.people):
            add(f"people #{index + 1} photo", person.photo, "image")
        for index, award in enumerate(self.awards):
            add(f"awards #{index + 1} laurel", award.laurel, "image")
        for index, note in enumerate(self.notes):
            for link in note.links:
                if link.is_image:
                    add(f"notes #{index + 1} body", link.file, "image")
        for index, person in enumerate(self.people):
            for link in person.bio_links:
                if link.is_image:
                    add(f"people #{index + 1} bio", link.file, "image")
        return found


def name_key(name: str) -> str:
    """A credited name as compared: the same letters however the editor composed them
    (``Å`` as one character or as ``A`` and a ring), spaces collapsed, case ignored."""
    import unicodedata  # only when names are matched: keeps the record module's import cheap

    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


class LoadResult(NamedTuple):
    """A kit that loaded, possibly degraded, with every problem found on the way."""

    kit: PressKit
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]
