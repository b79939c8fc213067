"""Everything a kit says, as searchable fields, each named by its WHERE label.

The labels are the ones ``presskit search`` prints and ``presskit diff`` will print too
(``title``, ``facts Rating``, ``stills #3 caption``, ``notes #2 "About the film"``,
``videos #1 transcript 00:01:05``…), counted from 1 as a person counts. Each part of the kit is
one entry of :data:`FIELD_SOURCES`, in the order the viewer's tabs show the kit, so a section the
format adds is one function and one line in that table.

A field also carries what a view needs to go there (its group, the item's number, a transcript
cue's time), so the label is never parsed back.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from app.model.captions import CaptionError, read_caption_file
from app.model.kit import PressKit, Synopsis

log = logging.getLogger(__name__)


class Field(NamedTuple):
    where: str  # the WHERE label, e.g. ``stills #3 caption``
    group: str  # what results are grouped by: ``title``, ``facts``, ``stills``, ``notes``…
    number: int | None  # the item's place in its list, from 1; None for single fields
    text: str  # as the kit writes it (the view shows this text; offsets index into it)
    time_ms: int | None = None  # a transcript line's start in its video
    # Which translation the text is from ("" for the kit's own text): going to a hit in a
    # translated synopsis or title switches the viewer to that language.
    language: str = ""
    # Which part of the item: ``cast``/``crew``, ``short``/``long``, ``caption``/``credit``/
    # ``alt``/``title``, ``transcript``, a facts row's label or a specs key ("" for none).
    part: str = ""


class TimedLine(NamedTuple):
    """One line of a transcript: when it starts, and what is said."""

    start_ms: int
    text: str


FieldSource = Callable[[PressKit], Iterator[Field]]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: datetime.date) -> str:
    """A date as the overview shows it ("June 12, 2023"), in English whatever the locale,
    so the searched text is the text on screen."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def format_time(milliseconds: int) -> str:
    """``HH:MM:SS`` of a transcript label (hours always written: a film runs past an hour)."""
    seconds = max(0, milliseconds) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _single(where: str, text: str | None) -> Iterator[Field]:
    if text:
        yield Field(where, where.split(" ", 1)[0], None, text)


def _film(kit: PressKit) -> Iterator[Field]:
    yield from _single("title", kit.film.title)
    yield from _single("tagline", kit.film.tagline)
    yield from _single("logline", kit.film.logline)


def _facts(kit: PressKit) -> Iterator[Field]:
    film = kit.film
    # The rows of the overview's facts panel that say something of their own (the director
    # and screenplay rows repeat the crew, which credits already covers).
    rows: list[tuple[str, str]] = []
    if film.original_title:
        rows.append(("Original title", film.original_title))
    for date in film.dates:
        place = f" — {date.place}" if date.place else ""
        rows.append((date.label, f"{format_day(date.date)}{place}"))
    if film.runtime_minutes:
        rows.append(("Running time", f"{film.runtime_minutes} minutes"))
    if film.rating:
        rows.append(("Rating", film.rating))
    if film.genres:
        rows.append(("Genre", ", ".join(film.genres)))
    if film.distributor:
        rows.append(("Distributor", film.distributor))
    for label, text in rows:
        yield Field(f"facts {label}", "facts", None, text, part=label)


def _specs(kit: PressKit) -> Iterator[Field]:
    specs = kit.film.specs
    if specs is None:
        return
    # The manifest's own keys, as validate names them.
    values: list[tuple[str, str | None]] = [
        ("year", str(specs.year) if specs.year is not None else None),
        ("countries", ", ".join(specs.countries)),
        ("languages", ", ".join(specs.languages)),
        ("aspect_ratio", specs.aspect_ratio),
        ("sound", specs.sound),
        ("color", specs.color),
        ("exhibition_format", specs.exhibition_format),
    ]
    for key, text in values:
        if text:
            yield Field(f"specs {key}", "specs", None, text, part=key)


def _synopsis_parts(synopsis: Synopsis, language: str) -> Iterator[Field]:
    where = f"synopsis ({language})" if language else "synopsis"
    for part, text in (("short", synopsis.short), ("long", synopsis.long)):
        if text:
            yield Field(f"{where} {part}", "synopsis", None, text, language=language, part=part)


def _synopsis(kit: PressKit) -> Iterator[Field]:
    yield from _synopsis_parts(kit.synopsis, "")


def _translations(kit: PressKit) -> Iterator[Field]:
    for translation in kit.translations:
        language = translation.language
        # The film's own lines in another language, labelled as the synopsis's are.
        for part, text in (
            ("title", translation.title),
            ("tagline", translation.tagline),
            ("logline", translation.logline),
        ):
            if text:
                yield Field(f"{part} ({language})", part, None, text, language=language)
        if translation.synopsis is not None:
            yield from _synopsis_parts(translation.synopsis, language)


def _cast(kit: PressKit) -> Iterator[Field]:
    for number, member in enumerate(kit.cast, 1):
        # The credit line a journalist copies: "Ariana DeBose as Dr. Kira Foster".
        text = f"{member.name} as {member.role}" if member.role else member.name
        yield Field(f"credits cast #{number}", "credits", number, text, part="cast")


def _crew(kit: PressKit) -> Iterator[Field]:
    for number, member in enumerate(kit.crew, 1):
        text = f"{member.job} — {member.name}"
        yield Field(f"credits crew #{number}", "credits", number, text, part="crew")


def _people(kit: PressKit) -> Iterator[Field]:
    for number, person in enumerate(kit.people, 1):
        name = f"{person.name} ({person.pronunciation})" if person.pronunciation else person.name
        parts = [name, person.bio, person.photo_credit]
        text = "\n\n".join(part for part in parts if part)
        yield Field(f"people {person.name}", "people", number, text)


def _stills(kit: PressKit) -> Iterator[Field]:
    for number, still in enumerate(kit.stills, 1):
        for part, text in (
            ("caption", still.caption),
            ("credit", still.credit),
            ("alt", still.alt),
        ):
            if text:
                yield Field(f"stills #{number} {part}", "stills", number, text, part=part)


def _artwork(kit: PressKit) -> Iterator[Field]:
    for number, art in enumerate(kit.artwork, 1):
        parts = (("title", art.title), ("caption", art.caption), ("credit", art.credit))
        for part, text in (*parts, ("alt", art.alt)):
            if text:
                yield Field(f"artwork #{number} {part}", "artwork", number, text, part=part)


def _notes(kit: PressKit) -> Iterator[Field]:
    for number, note in enumerate(kit.notes, 1):
        # The heading is searched with the body (a reader looks for "production notes" too);
        # the attribution too, as who wrote a note is part of what it says.
        parts = [note.heading, note.body]
        if note.attribution:
            parts.append(f"— {note.attribution}")
        label = f'notes #{number} "{note.heading}"'
        yield Field(label, "notes", number, "\n\n".join(parts))


def _quotes(kit: PressKit) -> Iterator[Field]:
    for number, quote in enumerate(kit.quotes, 1):
        who = ", ".join(part for part in (quote.author, quote.source) if part)
        yield Field(f"quotes #{number}", "quotes", number, f"{quote.text} — {who}")


def _awards(kit: PressKit) -> Iterator[Field]:
    for number, award in enumerate(kit.awards, 1):
        festival = f"{award.festival} {award.year}" if award.year else award.festival
        parts = [festival, award.result, award.category]
        text = " — ".join(part for part in parts if part)
        yield Field(f"awards #{number}", "awards", number, text)


def _contacts(kit: PressKit) -> Iterator[Field]:
    for number, contact in enumerate(kit.contacts, 1):
        parts = [
            contact.name,
            contact.role,
            contact.email,
            contact.phone,
            contact.url,
            contact.territory,
        ]
        text = ", ".join(part for part in parts if part)
        yield Field(f"contacts #{number}", "contacts", number, text)


def _videos(kit: PressKit) -> Iterator[Field]:
    for number, video in enumerate(kit.videos, 1):
        if video.title:
            yield Field(f"videos #{number} title", "videos", number, video.title, part="title")
        if video.transcript is not None:
            yield from transcript_fields(number, _transcript_lines(video.transcript.path))


def _transcript_lines(path: Path) -> list[TimedLine]:
    # Read with the player's own parser and limits: a transcript validate passes is searched
    # whole, and one it refuses is left out (logged), never half-read.
    try:
        track = read_caption_file(path)
    except CaptionError as exc:
        log.warning("transcript left out of search: %s", exc)
        return []
    return [TimedLine(cue.start_ms, cue.text) for cue in track.cues]


#: The kit's parts in the order the viewer shows them; results keep this order.
FIELD_SOURCES: tuple[FieldSource, ...] = (
    _film,
    _facts,
    _specs,
    _synopsis,
    _translations,
    _cast,
    _crew,
    _people,
    _stills,
    _artwork,
    _videos,
    _quotes,
    _awards,
    _notes,
    _contacts,
)


def transcript_fields(video_number: int, lines: Sequence[TimedLine]) -> Iterator[Field]:
    """One field per transcript line, labelled with the time it is said."""
    for line in lines:
        if line.text:
            where = f"videos #{video_number} transcript {format_time(line.start_ms)}"
            yield Field(where, "videos", video_number, line.text, line.start_ms, part="transcript")


def kit_fields(kit: PressKit) -> list[Field]:
    """Every searchable field of ``kit``, in the order the viewer shows them.

    Reads each video's transcript file (at most the caption size limit each): call it where
    file reading may take its time, off the UI thread.
    """
    fields: list[Field] = []
    for source in FIELD_SOURCES:
        fields.extend(source(kit))
    return fields
