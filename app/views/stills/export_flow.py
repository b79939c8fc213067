"""Running a story pack export for the dialog: the pack engine on a pool thread, its progress
and the Cancel button between the two threads, and the words for what came of it.

The worker only calls ``progress`` (which emits a queued signal) and ``cancelled`` (which
reads a flag); it never touches a widget. What the engine raises comes back on the UI thread
through ``run_in_background``'s error callback and is worded here for a person.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.media.story_pack.writer import (
    PackCancelled,
    PackRefused,
    PackResult,
    PackWriteError,
    write_pack,
)
from app.media.worker import run_in_background
from app.model.kit import PressKit, Still
from app.model.story_pack import LeftOut, PackPlan

log = logging.getLogger(__name__)


class PackRun(QObject):
    """One export on a pool thread. ``progressed(done, total)`` arrives on the UI thread;
    ``finished(result)`` or ``failed(message, cancelled)`` ends it."""

    progressed = Signal(int, int)
    finished = Signal(object)  # PackResult
    failed = Signal(str, bool)  # what went wrong, and whether it was a cancel

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel_requested = False
        self.running = False

    def start(self, kit: PressKit, plan: PackPlan, out: Path) -> None:
        self.running = True
        self._cancel_requested = False
        run_in_background(
            lambda: write_pack(kit, plan, out, self._report, self._is_cancelled),
            self._on_done,
            self._on_error,
            owner=self,
        )

    def cancel(self) -> None:
        """Ask the worker to stop at its next step; it removes what it had written."""
        self._cancel_requested = True

    # Called on the pool thread: a queued signal and a flag, nothing else.
    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def _is_cancelled(self) -> bool:
        return self._cancel_requested

    def _on_done(self, result: object) -> None:
        self.running = False
        assert isinstance(result, PackResult)
        log.info("story pack written to %s: %d files", result.out, len(result.files))
        self.finished.emit(result)

    def _on_error(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, PackCancelled):
            self.failed.emit("Export cancelled: nothing was written.", True)
        elif isinstance(error, (PackRefused, PackWriteError)):
            self.failed.emit(f"Nothing was exported: {error}", False)
        else:
            # An engine fault: the person is told plainly, the log keeps the details.
            log.error("story pack export failed", exc_info=error)
            self.failed.emit(f"Nothing was exported: the export failed ({error}).", False)


def left_out_lines(left_out: Sequence[LeftOut]) -> list[str]:
    """``stills #2: under embargo until …``: what the command line prints, one line each."""
    return [f"{item.label}: {item.reason}" for item in left_out]


def result_text(result: PackResult) -> str:
    """What the dialog says once a pack is written: where, what it holds, what was left out."""
    images = [name for name in result.files if name.lower().endswith((".jpg", ".png", ".webp"))]
    lines = [
        f"Wrote the story pack to {result.out}",
        f"{len(images)} image(s) and {len(result.files) - len(images)} other file(s):",
        *(f"  {name}" for name in result.files),
    ]
    if result.left_out:
        lines.append("")
        lines.append(f"Left out ({len(result.left_out)}):")
        lines.extend(f"  {line}" for line in left_out_lines(result.left_out))
    return "\n".join(lines)


def still_numbers(kit: PressKit, stills: Collection[Still]) -> tuple[int, ...]:
    """The 1-based numbers of ``stills`` in the kit's order (the pack's own numbering)."""
    chosen = set(stills)  # by value: the grid's model may hold copies of the kit's records
    return tuple(n for n, still in enumerate(kit.stills, start=1) if still in chosen)


def default_destination(folder: Path, title_slug: str, as_zip: bool) -> Path:
    """``folder/<title>-story-pack`` (with ``.zip`` for a zip), never an existing one when a
    numbered name is free: a second export does not offer to replace the first."""
    suffix = ".zip" if as_zip else ""
    candidate = folder / f"{title_slug}-story-pack{suffix}"
    number = 2
    while candidate.exists() and number < 100:
        candidate = folder / f"{title_slug}-story-pack-{number}{suffix}"
        number += 1
    return candidate
