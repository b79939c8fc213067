"""What a story pack holds: the choice of stills and artwork, their file names and the metadata
each file carries, and what is left out and why. Qt-free; ``app.media.story_pack`` writes it.

A pack never holds embargoed material: a kit whose own embargo is in force is refused as a
whole, and a still under its own embargo is left out. Nothing ever writes an embargo moment
into the pack (one still in force keeps the still out; one that has passed is no longer news),
so the plan's metadata carries none. The journalist's picks and ratings choose stills; they are
never written into a file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Sequence
from pathlib import PurePosixPath
from typing import Literal, NamedTuple

from app.model.image_metadata import ImageFields
from app.model.kit import Artwork, KitFile, PressKit, Rights, Still, Video
from app.model.picks import still_key
from app.model.text_fold import slug
from app.model.times import describe_moment

log = logging.getLogger(__name__)

StillChoice = Literal["all", "picks"] | tuple[int, ...]
ArtworkChoice = Literal["none", "all"] | tuple[int, ...]
PackSize = Literal["original", "web"]
ItemKind = Literal["still", "artwork"]

TITLE_LENGTH = 40  # the title part of a file name, in characters
CAPTION_LENGTH = 60  # the caption part
WEB_LONG_EDGE = 2048  # a web-size image's longest side, in pixels
WEB_QUALITY = 90  # a web-size JPEG's quality

# The image types a pack writes metadata into, by the file name's suffix; the name a pack
# gives each (".jpeg" is written ".jpg", as newsroom systems expect).
_SUFFIXES = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png", ".webp": ".webp"}


class PackUsageError(ValueError):
    """The options ask for something the kit does not have (``--stills 14`` of 12)."""


class PackOptions(NamedTuple):
    """What to export. ``stills`` and ``artwork`` take numbers counted from 1 in the kit's
    order (stills and artwork numbered separately)."""

    stills: StillChoice = "all"
    artwork: ArtworkChoice = "none"
    size: PackSize = "original"
    as_zip: bool = False


class PackItem(NamedTuple):
    """One image of the pack."""

    kind: ItemKind
    number: int  # from 1, in the kit's order of its kind
    source: KitFile
    name: str  # the file name in the pack
    fields: ImageFields
    caption: str  # for captions.txt and the contact sheet ("" when the kit has none)
    credit: str

    @property
    def label(self) -> str:
        """``stills #3``: how the command line and validate name the item."""
        return f"{'stills' if self.kind == 'still' else 'artwork'} #{self.number}"


class LeftOut(NamedTuple):
    label: str  # "stills #3"
    reason: str


class PackPlan(NamedTuple):
    """What :func:`plan_pack` decided. ``refused`` set: nothing may be written at all."""

    options: PackOptions
    items: tuple[PackItem, ...]
    left_out: tuple[LeftOut, ...]
    refused: str | None = None


def plan_pack(
    kit: PressKit,
    options: PackOptions,
    now: dt.datetime,
    picked: Collection[str] = (),
) -> PackPlan:
    """The pack ``options`` ask for at ``now`` (an aware datetime). ``picked`` holds the
    :func:`still_key` (or the ``file_text``) of each still the journalist picked (read only
    for ``stills="picks"``).

    Raises :class:`PackUsageError` for a number outside the kit's stills or artwork."""
    still_numbers = _chosen(options.stills, len(kit.stills), "stills")
    art_numbers = _chosen(options.artwork, len(kit.artwork), "artwork")
    if kit.under_embargo(None, now):
        return PackPlan(options, (), (), refused=_embargo_reason(kit, None, now))
    if options.stills == "picks":
        wanted = set(picked)
        still_numbers = [n for n in still_numbers if _is_picked(kit.stills[n - 1], wanted)]
    items: list[PackItem] = []
    left_out: list[LeftOut] = []
    for number in still_numbers:
        still = kit.stills[number - 1]
        reason = _still_problem(kit, still, now)
        if reason is not None or still.file is None:
            left_out.append(LeftOut(f"stills #{number}", reason or "the file is missing"))
            continue
        items.append(_still_item(kit, still, number, options.size))
    for number in art_numbers:
        art = kit.artwork[number - 1]
        reason = _unusable(art.file, art.problem)
        if reason is not None or art.file is None:
            left_out.append(LeftOut(f"artwork #{number}", reason or "the file is missing"))
            continue
        items.append(_artwork_item(kit, art, number, options.size))
    return PackPlan(options, tuple(items), tuple(left_out))


def _is_picked(still: Still, picked: Collection[str]) -> bool:
    # The store keys a still by its file as resolved; a caller holding the manifest's own
    # text for it (``./stills/01.jpg``) means the same still.
    return still_key(still) in picked or still.file_text in picked


def _chosen(choice: StillChoice | ArtworkChoice, count: int, what: str) -> list[int]:
    if choice == "none":
        return []
    if choice in ("all", "picks"):
        return list(range(1, count + 1))
    assert isinstance(choice, tuple)
    wrong = [n for n in choice if not 1 <= n <= count]
    if wrong:
        has = f"has {count}" if count else "has none"
        listed = ", ".join(str(n) for n in wrong)
        raise PackUsageError(f"{what} #{listed}: no such {what} (the kit {has})")
    return list(dict.fromkeys(choice))  # each once, in the order asked


def _still_problem(kit: PressKit, still: Still, now: dt.datetime) -> str | None:
    if kit.under_embargo(still, now):
        return _embargo_reason(kit, still, now)
    return _unusable(still.file, still.problem)


def _unusable(file: KitFile | None, problem: str | None) -> str | None:
    if file is None:
        return problem or "the file is missing"
    if PurePosixPath(file.relative).suffix.lower() not in _SUFFIXES:
        return "not a JPEG, PNG or WebP image, which is what a pack's metadata is written into"
    return None


def _embargo_reason(kit: PressKit, item: Still | Video | None, now: dt.datetime) -> str:
    rights = kit.effective_rights(item)
    if rights.embargo_problem is not None:
        return f"under embargo: its date cannot be read ({rights.embargo_problem})"
    assert rights.embargo is not None
    # As the kit wrote it, by its own offset: the reader's zone is not the pack's business.
    own_offset = rights.embargo.utcoffset() or dt.timedelta(0)
    return f"under embargo until {describe_moment(rights.embargo, own_offset)}"


def count_width(count: int) -> int:
    """The digits of a file name's number: the count's, at least two."""
    return max(2, len(str(count)))


def item_name(
    title: str, kind: ItemKind, number: int, count: int, caption: str | None, ext: str
) -> str:
    """``<title>_still<NN>_<caption><ext>`` (``_art<NN>_`` for artwork), the caption part left
    out when there is none; ``kit`` when the title folds to nothing."""
    parts = [
        slug(title, TITLE_LENGTH),
        f"{'still' if kind == 'still' else 'art'}{number:0{count_width(count)}d}",
    ]
    caption_part = slug(caption or "", CAPTION_LENGTH, fallback="")
    if caption_part:
        parts.append(caption_part)
    return "_".join(parts) + ext


def _extension(source: KitFile, size: PackSize) -> str:
    if size == "web":
        return ".jpg"
    return _SUFFIXES[PurePosixPath(source.relative).suffix.lower()]


def _still_item(kit: PressKit, still: Still, number: int, size: PackSize) -> PackItem:
    assert still.file is not None
    name = item_name(
        kit.film.title,
        "still",
        number,
        len(kit.stills),
        still.caption,
        _extension(still.file, size),
    )
    fields = still_fields(kit, still)
    return PackItem(
        "still", number, still.file, name, fields, still.caption or "", still.credit or ""
    )


def still_fields(kit: PressKit | None, still: Still) -> ImageFields:
    """What a still's file carries when it leaves the kit (a pack, "Save original"): its own
    words, the terms that apply to it, and the film's title. ``kit`` None: the still's alone."""
    rights = (
        kit.effective_rights(still) if kit is not None else Rights(still.usage, still.copyright)
    )
    return ImageFields(
        caption=still.caption,
        credit=still.credit,
        photographer=still.photographer,
        copyright=rights.copyright,
        usage=rights.usage,
        alt=still.alt,
        people=still.people,
        title=kit.film.title if kit is not None else None,
    )


def embargo_refusal(kit: PressKit | None, item: Still | Video, now: dt.datetime) -> str | None:
    """``under embargo until …`` while ``item`` (or the kit) may not be published at ``now``;
    None when it may. The rule the pack follows, for a single file saved on its own."""
    if kit is None:
        if item.embargo is None or now >= item.embargo:
            return None
        offset = item.embargo.utcoffset() or dt.timedelta(0)
        return f"under embargo until {describe_moment(item.embargo, offset)}"
    # Both may be in force: name the one that lifts last, when the file may be saved at all
    # (an unreadable embargo never lifts). A still's own earlier embargo does not free it
    # from the kit's.
    holding = [where for where in (item, None) if kit.under_embargo(where, now)]
    if not holding:
        return None
    latest = max(holding, key=lambda where: _lifts_at(kit.effective_rights(where)))
    return _embargo_reason(kit, latest, now)


def _lifts_at(rights: Rights) -> dt.datetime:
    if rights.embargo_problem is not None or rights.embargo is None:
        return dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    return rights.embargo


def _artwork_item(kit: PressKit, art: Artwork, number: int, size: PackSize) -> PackItem:
    assert art.file is not None
    rights = kit.effective_rights(art)
    caption = art.caption or art.title
    fields = ImageFields(
        caption=caption,
        credit=art.credit,
        copyright=rights.copyright,
        usage=rights.usage,
        alt=art.alt,
        title=kit.film.title,
    )
    name = item_name(
        kit.film.title, "artwork", number, len(kit.artwork), caption, _extension(art.file, size)
    )
    return PackItem("artwork", number, art.file, name, fields, caption or "", art.credit or "")


def parse_numbers(text: str, what: str) -> tuple[int, ...]:
    """``3,1,7`` as numbers; :class:`PackUsageError` for anything else."""
    numbers: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or not part.isascii():
            words = "'all', 'picks'" if what == "stills" else "'none', 'all'"
            raise PackUsageError(
                f"--{what}: {text!r} is not {words} or a list of numbers like 1,3,4"
            )
        numbers.append(int(part))
    return tuple(numbers)


def item_labels(items: Sequence[PackItem]) -> list[str]:
    return [item.label for item in items]
