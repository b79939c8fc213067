"""``validate`` at header depth: load the kit, then check every referenced file's header.

Where the app itself reads a file in pure Python, ``validate`` uses the very same code: caption
files are read whole and parsed by :func:`read_caption_file`, with the player's size limit, and
images get the stills grid's truncation check (their last bytes). Pure Python; the deep check
(real decoding) lives in ``app.media.deep_check`` because it needs Qt.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.model.captions import CaptionError, read_caption_file
from app.model.kit import KitFile, LoadResult, PressKit
from app.model.loader import load_press_kit
from app.model.media_headers import check_media, truncation_warning
from app.model.problems import KitLoadError, Problem, Severity

log = logging.getLogger(__name__)


def check_headers(kit: PressKit) -> list[Problem]:
    """Header problems of every file the kit refers to, each named by its kit-relative path."""
    problems: list[Problem] = []
    seen: set[tuple[Path, str]] = set()
    for key, kit_file, kind in kit.referenced_files():
        if (kit_file.path, kind) in seen:
            continue
        seen.add((kit_file.path, kind))
        _info, found = check_media(kit_file.path, kind)
        for item in found:
            severity = Severity.WARNING if item.is_warning else Severity.ERROR
            problems.append(Problem(severity, kit_file.relative, item.message, None, None))
            log.debug("%s (%s): %s", kit_file.relative, key, item.message)
        if not any(not item.is_warning for item in found):
            problems.extend(_as_the_app_reads_it(kit_file, kind))
    return problems


def _as_the_app_reads_it(kit_file: KitFile, kind: str) -> list[Problem]:
    """What the app would find when it reads a file whose header is sound."""
    if kind == "captions":
        try:
            read_caption_file(kit_file.path)
        except CaptionError as exc:
            return [Problem(Severity.ERROR, kit_file.relative, exc.reason, exc.line)]
    elif kind == "image":
        truncated = truncation_warning(kit_file.path)
        if truncated is not None:
            return [Problem(Severity.WARNING, kit_file.relative, truncated)]
    return []


def validate_kit(root: Path) -> tuple[LoadResult | None, list[Problem]]:
    """Load and header-check the kit at ``root``: the result (None when it cannot load) and
    every problem, manifest problems first, in the order found."""
    try:
        result = load_press_kit(root)
    except KitLoadError as exc:
        return None, exc.problems
    return result, [*result.problems, *check_headers(result.kit)]
