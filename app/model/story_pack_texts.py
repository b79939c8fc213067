"""The text files of a story pack: ``credits.csv``, ``captions.txt``, ``facts.txt`` and
``README.txt``. Qt-free, pure functions of the kit and the pack's items.

No embargo moment is written anywhere (see ``app.model.story_pack``), and nothing of the
journalist's own (picks, ratings) either.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from app.model.kit import PressKit
from app.model.search_fields import format_day
from app.model.story_pack import PackItem

log = logging.getLogger(__name__)

CREDITS_CSV = "credits.csv"
CAPTIONS_TXT = "captions.txt"
FACTS_TXT = "facts.txt"
README_TXT = "README.txt"
ONE_SHEET_PDF = "one-sheet.pdf"
CONTACT_SHEET_PDF = "contact-sheet.pdf"

CSV_HEADER = (
    "file",
    "caption",
    "credit",
    "photographer",
    "copyright",
    "usage",
    "people",
    "width",
    "height",
)

TOP_CAST = 6  # the cast facts.txt names; the full credits are the kit's, not the pack's


class WrittenImage(NamedTuple):
    """An image the pack holds, with the size it was written at."""

    item: PackItem
    width: int | None
    height: int | None


def credits_csv(images: Sequence[WrittenImage]) -> bytes:
    """RFC 4180 (CRLF line ends, quotes where needed), UTF-8 with a byte order mark: how a
    spreadsheet knows the file is UTF-8 and keeps "Asbæk" intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADER)
    for image in images:
        fields = image.item.fields
        writer.writerow(
            [
                image.item.name,
                fields.caption or "",
                fields.credit or "",
                fields.photographer or "",
                fields.copyright or "",
                fields.usage or "",
                "; ".join(fields.people),
                "" if image.width is None else str(image.width),
                "" if image.height is None else str(image.height),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def captions_txt(images: Sequence[WrittenImage]) -> bytes:
    """One block per image, for pasting: file name, caption, credit line, then a blank line."""
    blocks = []
    for image in images:
        item = image.item
        lines = [item.name]
        if item.caption:
            lines.append(_one_line(item.caption))
        credit = _credit_line(item)
        if credit:
            lines.append(credit)
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks).encode("utf-8")


def _credit_line(item: PackItem) -> str:
    fields = item.fields
    parts = []
    if item.credit:
        parts.append(f"Credit: {_one_line(item.credit)}")
    if fields.photographer and fields.photographer != item.credit:
        parts.append(f"Photo: {_one_line(fields.photographer)}")
    if fields.copyright:
        parts.append(_one_line(fields.copyright))
    return " · ".join(parts)


def facts_txt(kit: PressKit) -> bytes:
    """The film at a glance: title, facts, specs, synopsis with its attribution, top credits,
    contacts, terms."""
    film = kit.film
    out: list[str] = [film.title]
    for extra in (film.tagline, film.logline):
        if extra:
            out.append(_one_line(extra))
    _section(out, "Facts", [f"{label}: {text}" for label, text in _fact_rows(kit)])
    _section(out, "Specs", [f"{label}: {text}" for label, text in _spec_rows(kit)])
    synopsis = kit.synopsis.paragraphs()
    if synopsis:
        _section(out, "Synopsis", ["\n\n".join(synopsis), "", f"— {kit.attribution}"])
    _section(out, "Credits", list(_top_credits(kit)))
    _section(out, "Contacts", [_contact_line(kit, index) for index in range(len(kit.contacts))])
    _section(out, "Terms", terms_lines(kit))
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def terms_lines(kit: PressKit) -> list[str]:
    """The kit's terms of use and copyright, as the pack states them (never the embargo)."""
    rights = kit.rights
    lines = []
    if rights is not None and rights.usage:
        lines.append(f"Usage: {rights.usage.strip()}")
    if rights is not None and rights.copyright:
        lines.append(f"Copyright: {rights.copyright.strip()}")
    if not lines:
        lines.append("The kit states no terms of use; ask the kit's contacts before publishing.")
    return lines


def readme_txt(kit: PressKit, images: Sequence[WrittenImage], other_files: Sequence[str]) -> bytes:
    """The kit's terms first, then what the pack holds."""
    out = [f"{kit.film.title} — story pack"]
    _section(out, "Terms of use", terms_lines(kit))
    own_terms = [
        image.item.name
        for image in images
        if image.item.kind == "still"
        and (image.item.fields.usage, image.item.fields.copyright) != _kit_terms(kit)
    ]
    if own_terms:
        _section(
            out,
            "Images with terms of their own (see credits.csv and each file's metadata)",
            own_terms,
        )
    stills = sum(1 for image in images if image.item.kind == "still")
    artwork = len(images) - stills
    held = []
    if stills:
        held.append(f"{_count(stills, 'still')}, named <title>_stillNN_<caption>")
    if artwork:
        held.append(f"{_count(artwork, 'artwork image')}, named <title>_artNN_<caption>")
    held.append(
        "Each image carries its caption, credit, photographer, copyright, terms of use, alt "
        "text, the people in it and the film's title in its XMP metadata (JPEGs also in IPTC "
        "IIM), where newsroom systems read them."
    )
    described = {
        CREDITS_CSV: "every image's caption, credit, terms and size, one row each (UTF-8)",
        CAPTIONS_TXT: "each image's caption and credit line, ready to paste",
        FACTS_TXT: "the film's facts, synopsis, credits, contacts and terms",
        ONE_SHEET_PDF: "the film on one page",
        CONTACT_SHEET_PDF: "the images with their numbers, captions and credits",
    }
    held += [f"{name}: {described.get(name, '')}".rstrip(": ") for name in other_files]
    _section(out, "This pack holds", held)
    contacts = [_contact_line(kit, index) for index in range(len(kit.contacts))]
    _section(out, "Questions", contacts)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _kit_terms(kit: PressKit) -> tuple[str | None, str | None]:
    rights = kit.rights
    return (rights.usage, rights.copyright) if rights is not None else (None, None)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _section(out: list[str], heading: str, lines: Sequence[str]) -> None:
    if not lines:
        return
    out += ["", heading.upper(), *lines]


def _fact_rows(kit: PressKit) -> Iterator[tuple[str, str]]:
    # The overview's facts panel, in its order and words (search labels them the same way).
    film = kit.film
    if film.original_title:
        yield "Original title", film.original_title
    for date in film.dates:
        place = f" — {date.place}" if date.place else ""
        yield date.label, f"{format_day(date.date)}{place}"
    if film.runtime_minutes:
        yield "Running time", f"{film.runtime_minutes} minutes"
    if film.rating:
        yield "Rating", film.rating
    if film.genres:
        yield "Genre", ", ".join(film.genres)
    if film.distributor:
        yield "Distributor", film.distributor


def _spec_rows(kit: PressKit) -> Iterator[tuple[str, str]]:
    specs = kit.film.specs
    if specs is None:
        return
    rows = (
        ("Year", str(specs.year) if specs.year is not None else ""),
        ("Countries", ", ".join(specs.countries)),
        ("Languages", ", ".join(specs.languages)),
        ("Aspect ratio", specs.aspect_ratio or ""),
        ("Sound", specs.sound or ""),
        ("Color", specs.color or ""),
        ("Exhibition format", specs.exhibition_format or ""),
    )
    yield from ((label, text) for label, text in rows if text)


def _top_credits(kit: PressKit) -> Iterator[str]:
    for member in kit.crew_with_job("director", "directed by"):
        yield f"Director: {member.name}"
    for member in kit.crew_with_job("screenplay", "writer", "written by"):
        yield f"Screenplay: {member.name}"
    for member in kit.crew_with_job("producer", "produced by"):
        yield f"Producer: {member.name}"
    for actor in kit.cast[:TOP_CAST]:
        yield f"{actor.name} as {actor.role}" if actor.role else actor.name


def _contact_line(kit: PressKit, index: int) -> str:
    contact = kit.contacts[index]
    parts = [contact.name]
    for extra in (contact.role, contact.territory, contact.email, contact.phone, contact.url):
        if extra:
            parts.append(extra)
    return " · ".join(_one_line(part) for part in parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())
