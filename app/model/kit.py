"""The press kit as plain data: what every view shows, with no Qt and no file access.

The records are ``NamedTuple`` classes: immutable, compared and hashed by value, like frozen
dataclasses, but made about four times faster. The viewer builds these classes before its
first paint, and thirteen frozen dataclasses cost 6 ms of every start (each one compiles six
generated methods), against under 2 ms as named tuples.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from app.model.problems import Problem

MANIFEST_NAME = "presskit.yaml"  # the one manifest a kit folder holds


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


class Trailer(NamedTuple):
    file_text: str
    file: KitFile | None
    title: str | None = None
    poster: KitFile | None = None
    captions: KitFile | None = None
    problem: str | None = None


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
    trailer: Trailer | None = None
    notes: tuple[Note, ...] = ()
    contacts: tuple[Contact, ...] = ()
    # List items that could not be read, in manifest order (see SkippedEntry).
    skipped: tuple[SkippedEntry, ...] = ()
    # Where the kit came from, for display and identity: the .zip when it was extracted.
    source: Path | None = None
    # For zip kits: kit-relative path -> (archive member name, size, CRC) for cache keys.
    archive_members: Mapping[str, tuple[str, int, int]] = MappingProxyType({})

    @property
    def attribution(self) -> str:
        """What follows copied synopsis text: the manifest's, else ``title — distributor``."""
        if self.synopsis.attribution:
            return self.synopsis.attribution
        if self.film.distributor:
            return f"{self.film.title} — {self.film.distributor}"
        return self.film.title

    def skipped_in(self, section: str) -> list[SkippedEntry]:
        """The unreadable items of one list (``film.dates``…), for a view to mark in place."""
        return [entry for entry in self.skipped if entry.section == section]

    def crew_with_job(self, *jobs: str) -> list[CrewMember]:
        wanted = {job.casefold() for job in jobs}
        return [member for member in self.crew if member.job.casefold() in wanted]

    def referenced_files(self) -> list[tuple[str, KitFile, str]]:
        """Every media file the kit refers to as ``(key, file, kind)``; kind is image/video/…"""
        found: list[tuple[str, KitFile, str]] = []
        if self.film.key_art:
            found.append(("film.key_art", self.film.key_art, "image"))
        for index, still in enumerate(self.stills):
            if still.file:
                found.append((f"stills #{index + 1} file", still.file, "image"))
        if self.trailer:
            if self.trailer.file:
                found.append(("trailer.file", self.trailer.file, "video"))
            if self.trailer.poster:
                found.append(("trailer.poster", self.trailer.poster, "image"))
            if self.trailer.captions:
                found.append(("trailer.captions", self.trailer.captions, "captions"))
        for index, note in enumerate(self.notes):
            for link in note.links:
                if link.file and link.is_image:
                    found.append((f"notes #{index + 1} body", link.file, "image"))
        return found


class LoadResult(NamedTuple):
    """A kit that loaded, possibly degraded, with every problem found on the way."""

    kit: PressKit
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]
