"""The kit's lists as ``presskit diff`` compares them: how each item is recognised in the other
edition, how it is named when added or removed, and what it says beyond its searched text.

Identities are what a publicist keeps when editing an item: a still's file, a person's name, a
note's heading. Where an item can lose that identity and stay itself (a note renamed), a second
key catches it (the note's body), so an edit reads as a change and not as a removal and an
addition.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Hashable
from typing import Any

from app.model.kit import (
    Artwork,
    CastMember,
    CrewMember,
    PressKit,
    Quote,
    Rights,
    Screening,
    Still,
    Video,
    name_key,
)
from app.model.kit_diff_text import shortened
from app.model.kit_diff_types import Extras, ListSpec, Value
from app.model.times import format_time

log = logging.getLogger(__name__)


def kit_extras(kit: PressKit) -> Extras:
    """The kit's own terms and its key art, labelled with the manifest's keys."""
    rights = kit.rights or Rights()
    return (
        ("film key_art", kit.film.key_art),
        ("rights usage", rights.usage),
        ("rights copyright", rights.copyright),
        ("rights embargo", _embargo(rights.embargo, rights.embargo_problem)),
    )


def _embargo(moment: datetime.datetime | None, problem: str | None = None) -> Value | None:
    # An embargo the manifest wrote unreadably is in force until corrected: say so, as a
    # change from or to a readable one matters to whoever publishes.
    if problem is not None:
        return f"unreadable: {problem}"
    return moment


def _media_file(item: Still | Artwork | Video) -> Value | None:
    # The file is the item's identity; its content is compared (same name, other bytes: a
    # replaced still). A file the loader could not use is named with its reason instead.
    if item.file is not None:
        return item.file
    return f"{item.file_text} cannot be used: {item.problem}" if item.problem else None


def _named_media(file_text: str, text: str | None) -> str:
    return f'{file_text} "{shortened(text)}"' if text else file_text


def _joined(values: tuple[str, ...]) -> str | None:
    return ", ".join(values) if values else None


def _no_extras(item: Any) -> Extras:
    return ()


def _cast_line(member: CastMember) -> str:
    return f'"{member.name} as {member.role}"' if member.role else f'"{member.name}"'


def _crew_line(member: CrewMember) -> str:
    return f'"{member.job} — {member.name}"'


def _still_extras(still: Still) -> Extras:
    return (
        ("", _media_file(still)),
        ("photographer", still.photographer),
        ("people", _joined(still.people)),
        ("usage", still.usage),
        ("copyright", still.copyright),
        ("embargo", _embargo(still.embargo)),
    )


def _artwork_extras(art: Artwork) -> Extras:
    return (("", _media_file(art)), ("kind", art.kind))


def _video_extras(video: Video) -> Extras:
    return (
        ("", _media_file(video)),
        ("kind", video.kind),
        ("poster", video.poster),
        ("captions", video.captions),
        ("transcript", video.transcript),
        ("usage", video.usage),
        ("embargo", _embargo(video.embargo)),
    )


def _quote_extras(quote: Quote) -> Extras:
    return (("date", quote.date.isoformat() if quote.date else None), ("url", quote.url))


def _screening_extras(screening: Screening) -> Extras:
    # Not searched, so every part is an extra, labelled with the manifest's keys.
    return (
        ("start", screening.start),
        ("title", screening.title),
        ("venue", screening.venue),
        ("city", screening.city),
        ("address", screening.address),
        ("note", screening.note),
    )


def _screening_name(screening: Screening) -> str:
    when = format_time(screening.start)
    return f'{when} "{shortened(screening.title)}"' if screening.title else when


def _folded(text: str | None) -> Hashable:
    return " ".join(text.split()).casefold() if text else None


LIST_SPECS: tuple[ListSpec, ...] = (
    ListSpec(
        "cast",
        "credits cast",
        (lambda m: (name_key(m.name), m.role), lambda m: name_key(m.name)),
        _cast_line,
        _no_extras,
    ),
    ListSpec(
        "crew",
        "credits crew",
        (lambda m: (name_key(m.name), m.job.casefold()), lambda m: name_key(m.name)),
        _crew_line,
        _no_extras,
    ),
    ListSpec(
        "people",
        "people",
        (lambda p: name_key(p.name),),
        lambda p: f'"{p.name}"',
        lambda p: (("photo", p.photo),),
        numbered=False,
        label=lambda p: f"people {p.name}",
        label_text=lambda p: p.name,
    ),
    ListSpec(
        "stills",
        "stills",
        (lambda s: s.file_text,),
        lambda s: _named_media(s.file_text, s.caption),
        _still_extras,
    ),
    ListSpec(
        "artwork",
        "artwork",
        (lambda a: a.file_text,),
        lambda a: _named_media(a.file_text, a.title),
        _artwork_extras,
    ),
    ListSpec(
        "videos",
        "videos",
        (lambda v: v.file_text,),
        lambda v: _named_media(v.file_text, v.title),
        _video_extras,
    ),
    ListSpec(
        "quotes",
        "quotes",
        (lambda q: _folded(q.text), lambda q: (_folded(q.source), _folded(q.author))),
        lambda q: f'"{shortened(q.text)}" — {q.source}',
        _quote_extras,
    ),
    ListSpec(
        "awards",
        "awards",
        (
            lambda a: (_folded(a.festival), a.year, _folded(a.category)),
            lambda a: (_folded(a.festival), a.year),
        ),
        lambda a: f'"{a.festival} {a.year}"' if a.year else f'"{a.festival}"',
        lambda a: (("laurel", a.laurel),),
    ),
    ListSpec(
        "notes",
        "notes",
        (lambda n: _folded(n.heading), lambda n: _folded(n.body)),
        lambda n: f'"{n.heading}"',
        _no_extras,
        label_text=lambda n: f'"{n.heading}"',
    ),
    ListSpec(
        "contacts",
        "contacts",
        (lambda c: _folded(c.name), lambda c: _folded(c.email)),
        lambda c: f'"{shortened(", ".join(p for p in (c.name, c.role, c.email) if p))}"',
        _no_extras,
    ),
    ListSpec(
        "screenings",
        "screenings",
        (lambda s: (s.start, _folded(s.title)), lambda s: _folded(s.title), lambda s: s.start),
        _screening_name,
        _screening_extras,
    ),
)
