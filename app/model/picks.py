"""A journalist's picks: per still a flag (picked, rejected or none) and 0–5 stars.

They are the person's own judgement, not the kit's: kept in the person's data folder, one
small JSON file per kit, never inside the kit (a kit folder may be read-only, shared, or a
.zip extracted to a temporary folder) and never written in booth mode, where visitors must
leave nothing behind.

A kit is known by its ``kit.id`` when it declares one, so picks follow a kit to a new folder,
a new edition or its .zip; without one, by the resolved path of its folder or .zip. A still is
known by its file path as the manifest writes it, so reordering the stills keeps the picks.

Every change is written at once (atomically), merged into what the file holds then: two
windows with the same kit each write only the stills they changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from app.identity import SLUG
from app.model.atomic_write import write_bytes_atomically
from app.model.kit import PressKit, Still

log = logging.getLogger(__name__)

Flag = Literal["picked", "rejected", "none"]
FLAGS: tuple[Flag, ...] = ("picked", "rejected", "none")
MAX_STARS = 5
FORMAT = f"{SLUG}-picks/1"  # written into each file, so a later version can tell


class Mark(NamedTuple):
    """What the person said about one still."""

    flag: Flag = "none"
    stars: int = 0

    @property
    def is_blank(self) -> bool:
        return self.flag == "none" and self.stars == 0

    def describe(self) -> str:
        """``picked, 3 stars``; ``""`` for a still nobody marked (screen readers, labels)."""
        parts: list[str] = [] if self.flag == "none" else [self.flag]
        if self.stars:
            parts.append(f"{self.stars} star" + "s" * (self.stars != 1))
        return ", ".join(parts)


BLANK = Mark()


class Change(NamedTuple):
    """One key press's worth: a new flag, new stars, or both (None: left as it is)."""

    flag: Flag | None = None
    stars: int | None = None

    def applied_to(self, mark: Mark) -> Mark:
        return Mark(
            mark.flag if self.flag is None else self.flag,
            mark.stars if self.stars is None else max(0, min(MAX_STARS, self.stars)),
        )


FilterKind = Literal["all", "picks", "rated", "not-rejected"]


class PicksFilter(NamedTuple):
    """Which stills the grid shows: all, the picks, those rated ``min_stars`` or more, or all
    but the rejects."""

    kind: FilterKind = "all"
    min_stars: int = 1

    def accepts(self, mark: Mark) -> bool:
        if self.kind == "picks":
            return mark.flag == "picked"
        if self.kind == "rated":
            return mark.stars >= self.min_stars
        if self.kind == "not-rejected":
            return mark.flag != "rejected"
        return True

    def describe(self) -> str:
        return {
            "all": "all stills",
            "picks": "picks",
            "rated": f"rated {self.min_stars}+",
            "not-rejected": "not rejected",
        }[self.kind]


def still_key(still: Still) -> str:
    """How a still is known in the store: its file as the manifest writes it."""
    return still.file.relative if still.file is not None else still.file_text


def kit_key(kit: PressKit) -> str:
    """``id:<kit.id>`` when the kit declares one, else ``path:<its folder or .zip>``."""
    if kit.kit_info is not None and kit.kit_info.id:
        return f"id:{kit.kit_info.id}"
    where = kit.source or kit.root
    try:
        where = where.resolve()
    except OSError:  # a folder gone since it was opened: its path as given still names it
        log.warning("picks: cannot resolve %s", where)
    return f"path:{where}"


def store_file(kit: PressKit, folder: Path | None = None) -> Path:
    """The kit's picks file in ``folder`` (None: the person's data folder). Named by a hash of
    the kit's key: an id or a path may hold characters no file name may."""
    if folder is None:
        from app.paths import picks_dir

        folder = picks_dir()
    digest = hashlib.sha256(kit_key(kit).encode("utf-8")).hexdigest()[:32]
    return folder / f"{digest}.json"


class PicksStore:
    """The marks of one kit's stills. ``path`` None: held in memory only, nothing written
    (booth mode, and the tests that want no file)."""

    def __init__(self, path: Path | None, key: str = "") -> None:
        self.path = path
        self.key = key
        self.marks: dict[str, Mark] = self._read()
        # Set when the file could not be read: the next write keeps it beside the new one
        # (``.unreadable``) rather than destroying what someone may want to recover.
        self._keep_unreadable = self._unreadable
        # Stills whose last write failed: the next write carries them too, so a merge with
        # the file (which does not have them) does not take them for cleared elsewhere.
        self._unsaved: set[str] = set()

    @classmethod
    def for_kit(
        cls, kit: PressKit, writable: bool = True, folder: Path | None = None
    ) -> PicksStore:
        """The kit's store in the data folder; ``writable`` False (booth mode): in memory,
        empty, and nothing is read or written."""
        if not writable:
            return cls(None, kit_key(kit))
        return cls(store_file(kit, folder), kit_key(kit))

    # -- reading ------------------------------------------------------------------------------

    def _read(self) -> dict[str, Mark]:
        """The file's marks; empty (and logged) when it is missing or cannot be read."""
        self._unreadable = False
        if self.path is None:
            return {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            log.warning("picks: cannot read %s: %s; starting empty", self.path, error)
            self._unreadable = True
            return {}
        try:
            return parse_marks(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError) as error:
            log.warning("picks: %s is not a picks file (%s); starting empty", self.path, error)
            self._unreadable = True
            return {}

    def mark(self, still: Still) -> Mark:
        return self.marks.get(still_key(still), BLANK)

    def picked(self, stills: Iterable[Still]) -> list[Still]:
        """The picked stills among ``stills``, in their order."""
        return [still for still in stills if self.mark(still).flag == "picked"]

    # -- changing -----------------------------------------------------------------------------

    def apply(self, change: Change, stills: Iterable[Still]) -> list[Still]:
        """Apply ``change`` to ``stills`` and write the file; returns the stills whose mark
        changed. Raises OSError when the file cannot be written (the marks stay changed in
        memory: the person sees what they did, and the view says it was not saved)."""
        changed = []
        for still in stills:
            key = still_key(still)
            old = self.marks.get(key, BLANK)
            new = change.applied_to(old)
            if new != old:
                changed.append(still)
                self._set(self.marks, key, new)
        if changed:
            self._write({still_key(still) for still in changed})
        return changed

    @staticmethod
    def _set(marks: dict[str, Mark], key: str, mark: Mark) -> None:
        if mark.is_blank:
            marks.pop(key, None)  # the file holds only what someone marked
        else:
            marks[key] = mark

    def _write(self, keys: set[str]) -> None:
        if self.path is None:
            return
        keys = keys | self._unsaved
        self._unsaved = set(keys)  # until the file holds them
        # What another window wrote since, with this store's changes on top.
        on_disk = self._read()
        if self._unreadable or self._keep_unreadable:
            self._set_aside()
            on_disk = {}
        for key in keys:
            self._set(on_disk, key, self.marks.get(key, BLANK))
        for key, mark in on_disk.items():
            self.marks.setdefault(key, mark)
        for key in [key for key in self.marks if key not in on_disk and key not in keys]:
            del self.marks[key]  # cleared in another window
        write_bytes_atomically(self.path, dump_marks(on_disk, self.key))
        self._unsaved = set()
        log.info("picks: %d marked stills written to %s", len(on_disk), self.path)

    def _set_aside(self) -> None:
        assert self.path is not None
        aside = self.path.with_name(self.path.name + ".unreadable")
        try:
            self.path.replace(aside)
            log.warning("picks: the unreadable %s is kept as %s", self.path, aside)
        except FileNotFoundError:
            pass
        self._keep_unreadable = False
        self._unreadable = False


def parse_marks(data: object) -> dict[str, Mark]:
    """The marks of a picks file's JSON; entries that make no sense are skipped (logged), a
    file that is not a picks file at all raises ValueError."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ValueError(f"no {FORMAT!r} format")
    stills = data.get("stills")
    if not isinstance(stills, Mapping):
        raise ValueError("no 'stills' table")
    marks: dict[str, Mark] = {}
    for key, entry in stills.items():
        flag = entry.get("flag", "none") if isinstance(entry, Mapping) else None
        stars = entry.get("stars", 0) if isinstance(entry, Mapping) else None
        if (
            not isinstance(key, str)
            or flag not in FLAGS
            or not isinstance(stars, int)
            or isinstance(stars, bool)
            or not 0 <= stars <= MAX_STARS
        ):
            log.warning("picks: skipping the entry %r: %r", key, entry)
            continue
        mark = Mark(flag, stars)
        if not mark.is_blank:
            marks[key] = mark
    return marks


def dump_marks(marks: Mapping[str, Mark], key: str) -> bytes:
    stills = {
        name: {"flag": mark.flag, "stars": mark.stars} for name, mark in sorted(marks.items())
    }
    document = {"format": FORMAT, "kit": key, "stills": stills}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def picked_stills(kit: PressKit, store: PicksStore | None = None) -> list[Still]:
    """The kit's picked stills in the kit's order: what ``--stills picks`` and the export
    dialog take. ``store`` None: the kit's store in the person's data folder, read now."""
    return (store or PicksStore.for_kit(kit)).picked(kit.stills)


def picked_numbers(kit: PressKit, store: PicksStore | None = None) -> list[int]:
    """The kit's picked stills as numbers from 1 in the kit's order (as ``--stills N,N``)."""
    store = store or PicksStore.for_kit(kit)
    return [
        number for number, still in enumerate(kit.stills, 1) if store.mark(still).flag == "picked"
    ]
