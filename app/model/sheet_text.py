"""What the story pack's one-sheet and contact sheet say, as plain text: no Qt, no layout.

The PDFs (``app/media/story_pack``) only place these strings on a page. Keeping the choice of
words here lets the tests read them without a paint device, and keeps the PDF modules to the
work of fitting text onto paper.

Every string is capped to a budget (``cut``): a kit can hold a megabyte in one field, and a
one-page sheet must stay one page whatever it holds. The caps are generous for real kits (a
logline is a sentence or two, a short synopsis a paragraph); ``budget`` scales all of them
down together when even the smallest type does not fit the page.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from app.model.kit import Contact, PressKit
from app.model.search_fields import format_day

log = logging.getLogger(__name__)

ELLIPSIS = "…"
TOP_CAST = 6  # a one-sheet names the leads, not the whole cast list
MAX_CONTACTS = 4  # beyond four, a sheet's contacts become a directory; the pack has them all
MAX_FACT_ROWS = 12


def cut(text: str | None, limit: int) -> str:
    """``text`` on one line (runs of white space as one space), at most ``limit`` characters:
    cut at the last space before the limit when there is one near it, with an ellipsis."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: max(1, limit - 1)]
    space = head.rfind(" ")
    if space > limit * 2 // 3:  # a word boundary close to the limit reads better than a cut word
        head = head[:space]
    return head.rstrip() + ELLIPSIS


class SheetText(NamedTuple):
    """The one-sheet's text, field by field, each already cut to its budget."""

    title: str
    original_title: str
    tagline: str
    logline: str
    facts: tuple[tuple[str, str], ...]  # (label, value)
    synopsis: str
    director: str  # "" when the kit credits none
    cast: tuple[str, ...]  # "Name as Role" or "Name"
    contacts: tuple[str, ...]  # one line each: name, role, email, phone
    usage: str
    copyright: str


def one_sheet_text(kit: PressKit, budget: float = 1.0) -> SheetText:
    """The one-sheet's words for ``kit``; ``budget`` (0 < budget ≤ 1) scales every cap."""

    def cap(limit: int) -> int:
        return max(12, int(limit * budget))

    film = kit.film
    rights = kit.rights
    directors = [member.name for member in kit.crew_with_job("Director", "Directed by")]
    cast = tuple(
        cut(f"{member.name} as {member.role}" if member.role else member.name, cap(120))
        for member in kit.cast[:TOP_CAST]
    )
    contacts = tuple(
        cut(contact_line(contact), cap(200)) for contact in kit.contacts[:MAX_CONTACTS]
    )
    return SheetText(
        title=cut(film.title, cap(200)),
        original_title=cut(film.original_title, cap(200)),
        tagline=cut(film.tagline, cap(200)),
        logline=cut(film.logline, cap(600)),
        facts=tuple(
            (cut(label, cap(60)), cut(value, cap(200)))
            for label, value in fact_rows(kit)[:MAX_FACT_ROWS]
        ),
        synopsis=cut(kit.synopsis.short or kit.synopsis.long, cap(1400)),
        director=cut(", ".join(directors), cap(200)),
        cast=cast,
        contacts=contacts,
        usage=cut(rights.usage if rights else None, cap(700)),
        copyright=cut(rights.copyright if rights else None, cap(300)),
    )


def fact_rows(kit: PressKit) -> list[tuple[str, str]]:
    """The film's facts and specs as (label, value) rows, in the order a reader scans them."""
    film = kit.film
    rows: list[tuple[str, str]] = []
    if film.genres:
        rows.append(("Genre", ", ".join(film.genres)))
    if film.runtime_minutes:
        rows.append(("Running time", f"{film.runtime_minutes} minutes"))
    if film.rating:
        rows.append(("Rating", film.rating))
    specs = film.specs
    if specs is not None:
        if specs.year is not None:
            rows.append(("Year", str(specs.year)))
        if specs.countries:
            rows.append(("Country", ", ".join(specs.countries)))
        if specs.languages:
            rows.append(("Language", ", ".join(specs.languages)))
        # Format details share one row: separate rows for each would crowd out the synopsis.
        technical = [
            text
            for text in (specs.aspect_ratio, specs.sound, specs.color, specs.exhibition_format)
            if text
        ]
        if technical:
            rows.append(("Format", " · ".join(technical)))
    if film.distributor:
        rows.append(("Distributor", film.distributor))
    for date in film.dates:
        place = f" — {date.place}" if date.place else ""
        rows.append((date.label, f"{format_day(date.date)}{place}"))
    return rows


def contact_line(contact: Contact) -> str:
    """One contact on one line: name (role, territory) · email · phone · url."""
    extras = ", ".join(part for part in (contact.role, contact.territory) if part)
    head = f"{contact.name} ({extras})" if extras else contact.name
    parts = [head] + [part for part in (contact.email, contact.phone, contact.url) if part]
    return " · ".join(parts)


def terms_line(kit: PressKit, limit: int = 400) -> str:
    """The kit's terms of use and copyright on one line (the contact sheet's header).

    The embargo is never named: a pack is only written once the kit's embargo has passed, and
    a passed embargo is written nowhere."""
    rights = kit.rights
    if rights is None:
        return ""
    parts = [part for part in (rights.usage, rights.copyright) if part]
    return cut(" — ".join(parts), limit)
