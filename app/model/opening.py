"""Opening a kit location the person names: a kit folder (a .zip archive comes with the viewer's
archive support). Returns the loaded kit with every problem, or says why it cannot open."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.model.kit import LoadResult
from app.model.loader import MANIFEST_NAME, load_press_kit
from app.model.problems import KitLoadError, Problem, Severity

log = logging.getLogger(__name__)


class KitOpenError(Exception):
    """The location cannot be opened as a kit; ``problems`` says why, in ``validate`` form."""

    def __init__(self, location: Path, problems: list[Problem]) -> None:
        self.location = location
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


@dataclass
class OpenedKit:
    location: Path  # what the person opened (a folder, or later an archive)
    result: LoadResult

    def close(self) -> None:
        """Release what opening took (an extracted archive's temporary folder)."""


def open_kit_location(location: Path) -> OpenedKit:
    location = Path(location)
    if not location.exists():
        raise KitOpenError(
            location, [Problem(Severity.ERROR, str(location), "no such file or folder")]
        )
    if location.is_file() and location.name == MANIFEST_NAME:
        location = location.parent
    if not location.is_dir():
        raise KitOpenError(
            location,
            [Problem(Severity.ERROR, str(location), "is not a press kit folder")],
        )
    try:
        result = load_press_kit(location)
    except KitLoadError as exc:
        raise KitOpenError(location, exc.problems) from None
    return OpenedKit(location, result)
