"""Export stills for journalists: the original files unchanged, plus ``credits.csv`` and
``captions.txt``. Qt-free; the view runs it on a pool thread behind a progress dialog.

Nothing is left half-written: each file is copied to a temporary name and renamed into place,
and a failure midway reports exactly which files were written.
"""

from __future__ import annotations

import csv
import io
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.model.kit import Still

log = logging.getLogger(__name__)

CREDITS_CSV = "credits.csv"
CAPTIONS_TXT = "captions.txt"


class ExportCancelled(Exception):
    pass


@dataclass
class ExportResult:
    written: list[str] = field(default_factory=list)
    error: str | None = None
    cancelled: bool = False


def exportable(stills: list[Still]) -> list[Still]:
    return [still for still in stills if still.file is not None]


def export_targets(stills: list[Still], folder: Path) -> list[Path]:
    """Every file an export would write, so the view can ask before replacing any."""
    names = [Path(still.file_text).name for still in exportable(stills)]
    return [folder / name for name in (*names, CREDITS_CSV, CAPTIONS_TXT)]


def credits_csv(stills: list[Still]) -> str:
    """UTF-8 text, header ``file,caption,credit``, RFC 4180 quoting and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["file", "caption", "credit"])
    for still in exportable(stills):
        writer.writerow([Path(still.file_text).name, still.caption or "", still.credit or ""])
    return buffer.getvalue()


def captions_txt(stills: list[Still]) -> str:
    """One block per still: file name, caption, credit, then a blank line."""
    blocks = [
        f"{Path(s.file_text).name}\n{s.caption or ''}\n{s.credit or ''}\n\n"
        for s in exportable(stills)
    ]
    return "".join(blocks)


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    partial = target.with_name(f".{target.name}.partial")
    try:
        write(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _copier(source: Path) -> Callable[[Path], None]:
    def copy(path: Path) -> None:
        shutil.copyfile(source, path)

    return copy


def _text_writer(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)

    return write


def export_stills(
    stills: list[Still],
    folder: Path,
    skip_existing: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportResult:
    """Copy the stills' original files and write the two credit files into ``folder``.

    ``skip_existing`` keeps files already there (the person chose not to replace them);
    otherwise they are replaced. ``progress(done, total)`` returning False cancels.
    """
    result = ExportResult()
    items = exportable(stills)
    total = len(items) + 2
    try:
        for index, still in enumerate(items):
            assert still.file is not None
            target = folder / Path(still.file_text).name
            if not (skip_existing and target.exists()):
                _write_atomically(target, _copier(still.file.path))
                result.written.append(target.name)
            if progress is not None and not progress(index + 1, total):
                raise ExportCancelled
        for name, text in ((CREDITS_CSV, credits_csv(items)), (CAPTIONS_TXT, captions_txt(items))):
            target = folder / name
            if not (skip_existing and target.exists()):
                _write_atomically(target, _text_writer(text))
                result.written.append(name)
    except ExportCancelled:
        result.cancelled = True
    except OSError as exc:
        result.error = f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
        log.warning("export to %s failed after %d files: %s", folder, len(result.written), exc)
    return result
