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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.model.kit import Still

log = logging.getLogger(__name__)

CREDITS_CSV = "credits.csv"
CAPTIONS_TXT = "captions.txt"
CSV_HEADER = ("file", "caption", "credit")


class ExportCancelled(Exception):
    pass


@dataclass
class ExportResult:
    written: list[str] = field(default_factory=list)  # file names, in the order written
    kept: list[str] = field(default_factory=list)  # stills already there, not replaced
    listed: list[str] = field(default_factory=list)  # the stills credits.csv now lists
    error: str | None = None
    cancelled: bool = False


def exportable(stills: list[Still]) -> list[Still]:
    return [still for still in stills if still.file is not None]


def export_targets(stills: list[Still], folder: Path) -> list[Path]:
    """The stills' files an export would write, so the view can ask before replacing any.

    ``credits.csv`` and ``captions.txt`` are not among them: they are always brought up to date
    (see :func:`export_stills`), never kept stale or replaced blindly.
    """
    return [folder / Path(still.file_text).name for still in exportable(stills)]


@dataclass(frozen=True)
class CreditRecord:
    """One line of ``credits.csv`` (and one block of ``captions.txt``)."""

    file: str
    caption: str
    credit: str

    @classmethod
    def of(cls, still: Still) -> CreditRecord:
        return cls(Path(still.file_text).name, still.caption or "", still.credit or "")


def credits_csv(records: Sequence[CreditRecord | Still]) -> str:
    """Header ``file,caption,credit``, RFC 4180 quoting and CRLF line ends (written as UTF-8
    with a byte order mark, which is how Excel knows it is UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADER)
    for record in _records(records):
        writer.writerow([record.file, record.caption, record.credit])
    return buffer.getvalue()


def captions_txt(records: Sequence[CreditRecord | Still]) -> str:
    """One block per still: file name, caption, credit, then a blank line."""
    return "".join(f"{r.file}\n{r.caption}\n{r.credit}\n\n" for r in _records(records))


def _records(items: Sequence[CreditRecord | Still]) -> list[CreditRecord]:
    records = []
    for item in items:
        if isinstance(item, CreditRecord):
            records.append(item)
        elif item.file is not None:
            records.append(CreditRecord.of(item))
    return records


def read_credits_csv(path: Path) -> list[CreditRecord]:
    """The lines of a ``credits.csv`` an earlier export left in a folder; none when there is
    none, or when the file is not one of ours (another header, not UTF-8, not CSV)."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        log.warning("%s cannot be read, it is written anew: %s", path, exc)
        return []
    if not rows or rows[0] != list(CSV_HEADER):
        log.warning("%s was not written by an export (header %r): written anew", path, rows[:1])
        return []
    return [CreditRecord(*row) for row in rows[1:] if len(row) == len(CSV_HEADER)]


def folder_records(folder: Path, exported: Sequence[CreditRecord]) -> list[CreditRecord]:
    """What the folder's credit files list after an export: the stills an earlier export left
    there that are still in the folder, then every still this export wrote or kept (with the
    kit's caption and credit, which win over an earlier export's)."""
    names = {record.file for record in exported}
    earlier = [
        record
        for record in read_credits_csv(folder / CREDITS_CSV)
        if record.file not in names and _in_folder(folder, record.file)
    ]
    return [*earlier, *exported]


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


def _text_writer(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("w", encoding=encoding, newline="") as stream:
            stream.write(text)

    return write


def _in_folder(folder: Path, name: str) -> bool:
    """A plain file name of a file in ``folder``: an earlier line naming a path elsewhere
    (``../x.jpg``), a folder or a file since deleted is not carried over."""
    return Path(name).name == name and name not in ("", ".", "..") and (folder / name).is_file()


def export_stills(
    stills: list[Still],
    folder: Path,
    skip_existing: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportResult:
    """Copy the stills' original files and bring the folder's two credit files up to date.

    ``skip_existing`` keeps files already there (the person chose not to replace them);
    otherwise they are replaced. ``progress(done, total)`` returning False cancels.

    Whatever happens (done, cancelled, a failure midway) the credit files are then written to
    list every still in the folder that this export wrote or kept, and those an earlier export
    left there: a still in the folder without its credit could be published uncredited.
    """
    result = ExportResult()
    items = exportable(stills)
    total = len(items) + 2
    exported: list[CreditRecord] = []
    try:
        for index, still in enumerate(items):
            assert still.file is not None
            target = folder / Path(still.file_text).name
            if skip_existing and target.exists():
                result.kept.append(target.name)
            else:
                _write_atomically(target, _copier(still.file.path))
                result.written.append(target.name)
            exported.append(CreditRecord.of(still))
            if progress is not None and not progress(index + 1, total):
                raise ExportCancelled
    except ExportCancelled:
        result.cancelled = True
    except OSError as exc:
        result.error = _describe(exc)
        log.warning("export to %s failed after %d files: %s", folder, len(result.written), exc)
    if not exported and not (folder / CREDITS_CSV).exists():
        return result  # nothing in the folder to credit
    try:
        records = folder_records(folder, exported)
        result.listed = [record.file for record in records]
        for name, text, encoding in (
            (CREDITS_CSV, credits_csv(records), "utf-8-sig"),
            (CAPTIONS_TXT, captions_txt(records), "utf-8"),
        ):
            _write_atomically(folder / name, _text_writer(text, encoding))
            result.written.append(name)
    except OSError as exc:
        result.error = result.error or _describe(exc)
        log.warning("export to %s: the credit files could not be written: %s", folder, exc)
    return result


def _describe(exc: OSError) -> str:
    return f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
