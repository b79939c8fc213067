"""``presskit new``'s plan: which files of a folder become the kit's stills, key art and videos.

The folder and its subfolders are walked in natural path order (``still-2`` before
``still-10``, case ignored), skipping dot files and folders, macOS Finder's ``__MACOSX`` and
anything that is not a regular file. Each still's caption, credit, photographer, copyright,
usage, alt text and people come from the image's own metadata (XMP, then IPTC IIM, then EXIF:
the reader the story pack uses). Pure Python, no Qt; writing the manifest is
:mod:`app.model.kit_new_yaml`'s job and the command's.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path
from typing import Literal, NamedTuple

from app.model.image_metadata import ImageMetadata, read_metadata
from app.model.kit import MANIFEST_NAME
from app.model.kit_new_codecs import CodecReadError, portability_warning, read_tracks
from app.model.media_headers import MediaInfo, check_media
from app.model.problems import Problem, Severity

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm")
CAPTION_SUFFIXES = (".vtt", ".srt")  # WebVTT first: the player's own format
# What a kit may hold; a folder past these is not a press kit (a home folder typed by mistake),
# and the walk stops rather than reading metadata from a hundred thousand files.
MAX_FILES = 10_000
MAX_DEPTH = 16
KEY_ART_WORDS = ("key-art", "keyart", "poster")
# Video kinds by the words a file name uses; the earliest in the name wins.
_KIND_PATTERN = re.compile(
    r"(?<![a-z])(trailer|teaser|clip|interview|featurette|b[-_ ]?roll)(?![a-z])"
)
_DIGITS = re.compile(r"(\d+)")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.IGNORECASE)


class NewStill(NamedTuple):
    relative: str  # POSIX path inside the kit
    metadata: ImageMetadata
    width: int | None
    height: int | None


class NewVideo(NamedTuple):
    relative: str
    title: str
    kind: str
    captions: str | None


class KitPlan(NamedTuple):
    title: str
    stills: list[NewStill]
    key_art: str | None
    videos: list[NewVideo]
    problems: list[Problem]  # what the plan found on the way: left-out files, codecs, …

    @property
    def usable(self) -> bool:
        return bool(self.stills or self.videos)


def natural_key(relative: str) -> tuple[tuple[tuple[str | int, ...], str], ...]:
    """Sort key for a POSIX path: part by part, digits compared as numbers, case ignored
    (the original text breaks ties, so the order never depends on the file system's)."""
    key = []
    for part in relative.split("/"):
        pieces = _DIGITS.split(part.casefold())
        # split() puts text at even positions and digit runs at odd ones, so a number is only
        # ever compared with a number.
        key.append((tuple(int(p) if i % 2 else p for i, p in enumerate(pieces)), part))
    return tuple(key)


def kit_files(root: Path, problems: list[Problem]) -> list[str]:
    """The regular files under ``root`` a kit could use, as POSIX paths in natural order."""
    found: list[str] = []
    real_root = os.path.realpath(root)
    pending: list[tuple[str, str, int]] = [(str(root), "", 0)]
    while pending:
        folder, prefix, depth = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            problems.append(
                Problem(
                    Severity.WARNING, prefix or ".", f"left out: cannot be read ({error.strerror})"
                )
            )
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.name.startswith(".") or entry.name == "__MACOSX":
                continue  # hidden files and Finder's metadata are never part of a kit
            try:
                info = os.stat(entry.path)  # follows links: a link to a file inside is fine
            except OSError:
                continue  # a dangling link
            if entry.is_symlink() and not _inside(real_root, entry.path):
                problems.append(
                    Problem(Severity.WARNING, relative, "left out: a link to outside the folder")
                )
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.is_symlink():
                    continue  # a linked folder could loop back on itself
                if depth >= MAX_DEPTH:
                    problems.append(
                        Problem(Severity.WARNING, relative, "left out: folders nest too deep")
                    )
                    continue
                pending.append((entry.path, relative + "/", depth + 1))
            elif stat.S_ISREG(info.st_mode) and entry.name.lower().endswith(
                IMAGE_SUFFIXES + VIDEO_SUFFIXES + CAPTION_SUFFIXES
            ):
                found.append(relative)
                if len(found) > MAX_FILES:
                    raise TooManyFiles(MAX_FILES)
    found.sort(key=natural_key)
    return found


class TooManyFiles(Exception):
    """The folder holds more media than a kit may (the viewer's archive limit)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} media files")
        self.limit = limit


def _inside(real_root: str, path: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def plan_kit(root: Path, title: str | None = None) -> KitPlan:
    """What ``presskit new`` would write for the folder ``root``. Raises TooManyFiles."""
    problems: list[Problem] = []
    files = kit_files(root, problems)
    names = set(files)
    stills: list[NewStill] = []
    videos: list[NewVideo] = []
    for relative in files:
        if relative == MANIFEST_NAME:
            continue
        lower = relative.lower()
        if lower.endswith(IMAGE_SUFFIXES):
            still = _still(root, relative, problems)
            if still is not None:
                stills.append(still)
        elif lower.endswith(VIDEO_SUFFIXES):
            video = _video(root, relative, names, problems)
            if video is not None:
                videos.append(video)
    key_art = next((s.relative for s in stills if _is_key_art(s)), None)
    kit_title = title.strip() if title and title.strip() else _folder_title(root)
    log.info("planned kit %r: %d stills, %d videos", kit_title, len(stills), len(videos))
    return KitPlan(kit_title, stills, key_art, videos, problems)


def _folder_title(root: Path) -> str:
    name = Path(os.path.realpath(root)).name
    return name or "Untitled"


def _usable_media(
    root: Path, relative: str, kind: Literal["image", "video"], problems: list[Problem]
) -> MediaInfo | None:
    """The file's header facts, or None (and a "left out: why" warning) when it cannot be used."""
    info, found = check_media(root / relative, kind)
    errors = [item.message for item in found if not item.is_warning]
    if info is None or errors:
        reason = errors[0] if errors else f"not a readable {kind}"
        problems.append(Problem(Severity.WARNING, relative, f"left out: {reason}"))
        return None
    return info


def _still(root: Path, relative: str, problems: list[Problem]) -> NewStill | None:
    path = root / relative
    info = _usable_media(root, relative, "image", problems)
    if info is None:
        return None
    metadata = read_metadata(path)
    for message in metadata.problems:
        problems.append(Problem(Severity.WARNING, relative, message))
    width, height = info.width, info.height
    if metadata.orientation is not None and metadata.orientation >= 5:
        # Stored on its side: shown (and judged portrait or not) a quarter turn round.
        width, height = height, width
    return NewStill(relative, metadata, width, height)


def _is_key_art(still: NewStill) -> bool:
    name = still.relative.rsplit("/", 1)[-1].casefold()
    portrait = still.width is not None and still.height is not None and still.height > still.width
    return portrait and any(word in name for word in KEY_ART_WORDS)


def _video(root: Path, relative: str, names: set[str], problems: list[Problem]) -> NewVideo | None:
    path = root / relative
    if _usable_media(root, relative, "video", problems) is None:
        return None
    try:
        warning = portability_warning(read_tracks(path))
    except CodecReadError as error:
        warning = f"its codecs could not be read: {error}"
    if warning is not None:
        problems.append(Problem(Severity.WARNING, relative, warning))
    stem = relative.rsplit(".", 1)[0]
    return NewVideo(relative, video_title(stem), video_kind(stem), _captions(stem, names))


def video_kind(stem: str) -> str:
    """The kind a file name says (``teaser-2`` is a teaser); a clip when it says none."""
    match = _KIND_PATTERN.search(stem.rsplit("/", 1)[-1].casefold())
    if match is None:
        return "clip"
    word = match.group(1)
    return "b-roll" if word.startswith("b") else word


def video_title(stem: str) -> str:
    """A first title from the file name (``director-interview`` -> ``Director interview``)."""
    words = " ".join(re.split(r"[-_.\s]+", stem.rsplit("/", 1)[-1])).strip()
    return words[:1].upper() + words[1:] if words else stem


def _captions(stem: str, names: set[str]) -> str | None:
    """The same-named caption file: ``trailer.vtt`` (or ``.srt``), else one language-tagged
    file such as ``trailer.en.vtt``."""
    for suffix in CAPTION_SUFFIXES:
        for candidate in (stem + suffix, stem + suffix.upper()):
            if candidate in names:
                return candidate
    tagged = sorted(
        (
            name
            for name in names
            if name.startswith(stem + ".")
            and name.lower().endswith(CAPTION_SUFFIXES)
            and _LANGUAGE.match(name[len(stem) + 1 :].rsplit(".", 1)[0])
        ),
        key=natural_key,
    )
    return tagged[0] if tagged else None
