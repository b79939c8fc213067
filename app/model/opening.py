"""Opening a kit location the person names: a kit folder, its presskit.yaml, or a .zip archive.

Returns the loaded kit with every problem, or says why it cannot open. Problems in an archive
are named by the member's path inside the archive, never by the temporary folder.

Start-up path: the loader and the archive code are imported only when a kit needs them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.kit import MANIFEST_NAME, LoadResult
from app.model.problems import KitLoadError, Problem, Severity

if TYPE_CHECKING:  # zipfile, tempfile and shutil load only when an archive is opened
    from app.model.archive import ExtractedKit, ProgressCallback
    from app.model.kit_snapshot import KitSnapshots

log = logging.getLogger(__name__)


class KitOpenError(Exception):
    """The location cannot be opened as a kit; ``problems`` says why, in ``validate`` form."""

    def __init__(self, location: Path, problems: list[Problem]) -> None:
        self.location = location
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


class OpenedKit:
    """A kit as opened. A plain class, not a dataclass: importing ``dataclasses`` (and the
    ``inspect`` it pulls in) cost ~6 ms of every start, and ``close()`` changes ``extracted``."""

    __slots__ = ("extracted", "location", "result")

    def __init__(
        self, location: Path, result: LoadResult, extracted: ExtractedKit | None = None
    ) -> None:
        self.location = location  # what the person opened: a folder or an archive
        self.result = result
        self.extracted = extracted

    def __repr__(self) -> str:
        return f"OpenedKit({self.location!r}, extracted={self.extracted is not None})"

    @property
    def archive_prefix(self) -> str:
        return self.extracted.prefix if self.extracted else ""

    def close(self) -> None:
        """Release what opening took: an extracted archive's temporary folder."""
        if self.extracted is not None:
            self.extracted.cleanup()
            log.info("removed %s", self.extracted.temp_dir)
            self.extracted = None


def is_archive(location: Path) -> bool:
    return location.suffix.lower() == ".zip"


def open_kit_location(
    location: Path,
    progress: ProgressCallback | None = None,
    snapshots: KitSnapshots | None = None,
) -> OpenedKit:
    """Raises :class:`KitOpenError`, or ``ExtractionCancelled`` when ``progress`` says stop.

    With ``snapshots``, a folder whose kit is unchanged since it was last opened cleanly comes
    from its snapshot (PyYAML and the loader are then never imported), and a clean load is
    kept as the next start's snapshot.
    """
    location = Path(location)
    if not location.exists():
        raise KitOpenError(
            location, [Problem(Severity.ERROR, str(location), "no such file or folder")]
        )
    if location.is_file() and location.name == MANIFEST_NAME:
        location = location.parent
    if location.is_file() and is_archive(location):
        return _open_archive(location, progress)
    if not location.is_dir():
        raise KitOpenError(
            location,
            [Problem(Severity.ERROR, str(location), "is not a press kit folder or .zip archive")],
        )
    result = snapshots.load(location) if snapshots is not None else None
    if result is None:
        result = _load(location)
        if snapshots is not None:
            snapshots.save(result)
    return OpenedKit(location, result)


def _load(root: Path) -> LoadResult:
    from app.model.loader import load_press_kit

    try:
        return load_press_kit(root)
    except KitLoadError as exc:
        raise KitOpenError(root, exc.problems) from None


def _open_archive(archive: Path, progress: ProgressCallback | None) -> OpenedKit:
    from app.model.archive import ArchiveError, extract_kit
    from app.model.loader import load_press_kit

    try:
        extracted = extract_kit(archive, progress)
    except ArchiveError as exc:
        raise KitOpenError(archive, [Problem(Severity.ERROR, archive.name, str(exc))]) from None
    try:
        result = load_press_kit(extracted.kit_root)
    except KitLoadError as exc:
        extracted.cleanup()
        raise KitOpenError(archive, in_archive(exc.problems, extracted.prefix)) from None
    kit = result.kit._replace(source=archive, archive_members=extracted.members)
    return OpenedKit(
        archive, LoadResult(kit, in_archive(result.problems, extracted.prefix)), extracted
    )


def in_archive(problems: list[Problem], prefix: str) -> list[Problem]:
    """Problems renamed from kit-relative paths to member paths inside the archive."""
    if not prefix:
        return problems
    return [p._replace(file=prefix + p.file) for p in problems]
