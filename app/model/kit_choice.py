"""Which kit to show: the one asked for, else the bundled kit.

The viewer at start-up, the viewer after a kit chosen later fails, and booth mode all fall back
the same way; one function keeps them from drifting (which failure is reported, whether the
bundled kit's own failure is kept). Qt-free, like the rest of the model.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app import paths
from app.model.opening import KitOpenError, OpenedKit, open_kit_location

if TYPE_CHECKING:
    from app.model.kit_snapshot import KitSnapshots

log = logging.getLogger(__name__)


class KitChoice(NamedTuple):
    """What to show, and what went wrong on the way. (A NamedTuple: on the start-up path,
    where importing ``dataclasses`` would cost ~6 ms.)"""

    #: The kit asked for, else the bundled kit; None when neither opened.
    opened: OpenedKit | None
    #: Why the kit asked for could not be opened (None when it opened or none was asked for).
    failure: KitOpenError | None = None
    #: Why the bundled kit could not be opened, when it was needed and failed.
    bundled_failure: KitOpenError | None = None

    @property
    def fell_back(self) -> bool:
        """The bundled kit is shown in place of the one asked for."""
        return self.failure is not None and self.opened is not None

    @property
    def first_failure(self) -> KitOpenError | None:
        """The failure a person should hear about first: theirs, else the bundled kit's."""
        return self.failure or self.bundled_failure


def open_kit_or_bundled(
    requested: Path | None,
    snapshots: KitSnapshots | None = None,
    bundled: Path | None = None,
) -> KitChoice:
    """Open ``requested`` (a folder, manifest or .zip); if it is None or fails, the bundled kit.

    ``bundled`` defaults to the kit that ships with the app; tests pass their own.
    """
    failure: KitOpenError | None = None
    if requested is not None:
        try:
            return KitChoice(open_kit_location(requested, snapshots=snapshots))
        except KitOpenError as exc:
            log.warning("cannot open %s, falling back to the bundled kit: %s", requested, exc)
            failure = exc
    bundled_location = paths.bundled_kit_dir() if bundled is None else bundled
    try:
        opened = open_kit_location(bundled_location, snapshots=snapshots)
    except KitOpenError as exc:
        log.error("the bundled kit cannot load: %s", exc)
        return KitChoice(None, failure, exc)
    return KitChoice(opened, failure)
