"""Writing a story pack: the images with their metadata, the text files and the two PDFs, into
a folder or a ``.zip``. Runs on a pool thread (the dialog) or the command's own thread.

Everything goes to a temporary name beside ``out`` and is renamed into place at the end: a
failure or a cancel leaves nothing behind, and an ``out`` being replaced (``--force``) stays
whole until the new pack is complete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, NamedTuple

from app.media.images import ImageDecodeError
from app.media.story_pack.pdfs import PDF_NAMES, write_pdfs
from app.media.story_pack.web_image import web_jpeg
from app.model.image_metadata import MetadataWriteError, merge_metadata, write_with_metadata
from app.model.kit import PressKit
from app.model.media_headers import check_media
from app.model.story_pack import LeftOut, PackItem, PackPlan
from app.model.story_pack_texts import (
    CAPTIONS_TXT,
    CREDITS_CSV,
    FACTS_TXT,
    README_TXT,
    WrittenImage,
    captions_txt,
    credits_csv,
    facts_txt,
    readme_txt,
)

log = logging.getLogger(__name__)

_TEXT_FILES = (CREDITS_CSV, CAPTIONS_TXT, FACTS_TXT)


class PackRefused(Exception):
    """Nothing may be exported (the kit is under embargo, or no image can be written)."""


class PackWriteError(Exception):
    """Writing failed; nothing was left behind. The message names the file and the reason."""


class PackCancelled(Exception):
    pass


class PackResult(NamedTuple):
    out: Path
    files: tuple[str, ...]  # the names in the pack, in the order written
    left_out: tuple[LeftOut, ...]  # the plan's, then those that failed as they were written
    images: int  # how many of ``files`` are images


def write_pack(
    kit: PressKit,
    plan: PackPlan,
    out: Path,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> PackResult:
    """Write ``plan`` to ``out`` (a folder, or a zip file when the plan's options say so),
    replacing whatever is there. Raises :class:`PackRefused`, :class:`PackWriteError` or
    :class:`PackCancelled`; after any of them nothing new is left on disk."""
    if plan.refused is not None:
        raise PackRefused(plan.refused)
    if not plan.items:
        raise PackRefused(_nothing_left(plan.left_out))
    total = len(plan.items) + len(_TEXT_FILES) + len(PDF_NAMES) + 1
    try:
        sink: _Sink = _ZipSink(out) if plan.options.as_zip else _FolderSink(out)
    except OSError as exc:
        raise PackWriteError(_describe(out, exc)) from exc
    try:
        images: list[WrittenImage] = []
        left_out = list(plan.left_out)
        for done, item in enumerate(plan.items):
            _check(cancelled)
            try:
                images.append(_write_image(sink, item, plan.options.size))
            except (MetadataWriteError, ImageDecodeError) as exc:
                # The one image is damaged: the rest of the pack is still worth having.
                log.warning(
                    "%s (%s) left out of the pack: %s", item.label, item.source.relative, exc
                )
                sink.discard(item.name)
                left_out.append(LeftOut(item.label, f"{item.source.relative}: {exc}"))
            progress(done + 1, total)
        if not images:
            raise PackRefused(_nothing_left(left_out))
        step = len(plan.items)
        for name, data in (
            (CREDITS_CSV, credits_csv(images)),
            (CAPTIONS_TXT, captions_txt(images)),
            (FACTS_TXT, facts_txt(kit)),
        ):
            _check(cancelled)
            sink.write_bytes(name, data)
            step += 1
            progress(step, total)
        for name in write_pdfs(kit, images, sink.scratch()):
            _check(cancelled)
            sink.add_file(name, sink.scratch() / name)
            step += 1
            progress(step, total)
        others = [*_TEXT_FILES, *PDF_NAMES]
        sink.write_bytes(README_TXT, readme_txt(kit, images, others))
        _check(cancelled)
        sink.commit()
        progress(total, total)
        files = (*tuple(image.item.name for image in images), *others, README_TXT)
        return PackResult(out, files, tuple(left_out), len(images))
    except OSError as exc:
        sink.abandon()
        raise PackWriteError(_describe(out, exc)) from exc
    except BaseException:
        sink.abandon()
        raise


def _describe(out: Path, exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(out) else ""
    return f"{out}: {exc.strerror or exc}{where}"


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise PackCancelled


def _nothing_left(left_out: list[LeftOut] | tuple[LeftOut, ...]) -> str:
    if not left_out:
        return "nothing to export: no stills or artwork were chosen"
    return "nothing can be exported: every chosen image is left out"


def _write_image(sink: _Sink, item: PackItem, size: str) -> WrittenImage:
    if size == "web":
        web = web_jpeg(item.source.path)
        fields = dataclasses.replace(
            item.fields, max_avail_width=web.original_width, max_avail_height=web.original_height
        )
        sink.write_bytes(item.name, merge_metadata(web.jpeg, "jpeg", fields))
        return WrittenImage(item, web.width, web.height)
    with sink.open(item.name) as stream:
        write_with_metadata(item.source.path, stream, item.fields)
    return WrittenImage(item, *_size_of(item.source.path))


def _size_of(path: Path) -> tuple[int | None, int | None]:
    info, _problems = check_media(path, "image")
    if info is None:
        return None, None
    return info.width, info.height


class _Sink:
    """Where the pack's files go until :meth:`commit` puts them at ``out``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._scratch: Path | None = None

    def scratch(self) -> Path:
        """A temporary folder beside ``out`` for files made elsewhere (the PDFs)."""
        if self._scratch is None:
            self._scratch = Path(
                tempfile.mkdtemp(dir=self.out.parent, prefix=".story-pack-scratch-")
            )
        return self._scratch

    def open(self, name: str) -> BinaryIO:
        raise NotImplementedError

    def write_bytes(self, name: str, data: bytes) -> None:
        with self.open(name) as stream:
            stream.write(data)

    def add_file(self, name: str, path: Path) -> None:
        raise NotImplementedError

    def discard(self, name: str) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abandon(self) -> None:
        self._drop_scratch()

    def _drop_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _replace_out(self, temporary: Path) -> None:
        """``temporary`` renamed to ``out``; an old ``out`` moved aside first and deleted only
        once the new one is in place."""
        old: Path | None = None
        if self.out.exists() or self.out.is_symlink():
            old = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=".story-pack-old-"))
            old = old / "old"
            self.out.rename(old)
        try:
            temporary.rename(self.out)
        except OSError:
            if old is not None:
                old.rename(self.out)
            raise
        if old is not None:
            _remove(old.parent)


class _FolderSink(_Sink):
    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self._folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=".story-pack-partial-"))

    def open(self, name: str) -> BinaryIO:
        return (self._folder / name).open("wb")

    def add_file(self, name: str, path: Path) -> None:
        os.replace(path, self._folder / name)

    def discard(self, name: str) -> None:
        (self._folder / name).unlink(missing_ok=True)

    def commit(self) -> None:
        self._drop_scratch()
        # mkdtemp's folder is private to its owner; a pack is meant to be shared.
        os.chmod(self._folder, 0o755)
        self._replace_out(self._folder)

    def abandon(self) -> None:
        super().abandon()
        shutil.rmtree(self._folder, ignore_errors=True)


class _ZipSink(_Sink):
    """A zip whose files sit in one folder named after it, so unpacking it never scatters the
    pack among the reader's other files. Images are stored, not deflated: JPEG, PNG and WebP
    are compressed already, and deflating them again costs time for nothing."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=".story-pack-partial-")
        self._path = Path(name)
        self._zip = zipfile.ZipFile(os.fdopen(fd, "w+b"), "w", allowZip64=True)
        self._root = out.stem or "story-pack"

    def open(self, name: str) -> BinaryIO:
        # Buffered in memory until closed: an image that fails midway must leave no member.
        return _ZipMember(self, name)

    def _store(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(f"{self._root}/{name}")
        info.compress_type = (
            zipfile.ZIP_DEFLATED if name.endswith((".txt", ".csv")) else zipfile.ZIP_STORED
        )
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, data)

    def add_file(self, name: str, path: Path) -> None:
        self._store(name, path.read_bytes())

    def discard(self, name: str) -> None:
        pass  # a failed image never reached the archive (see open)

    def commit(self) -> None:
        self._drop_scratch()
        self._zip.close()
        os.chmod(self._path, 0o644)  # mkstemp's file is private to its owner
        self._replace_out(self._path)

    def abandon(self) -> None:
        super().abandon()
        with contextlib.suppress(OSError, ValueError):
            self._zip.close()
        self._path.unlink(missing_ok=True)


class _ZipMember(io.BytesIO):
    """A file object that becomes a zip member when closed without an error."""

    def __init__(self, sink: _ZipSink, name: str) -> None:
        super().__init__()
        self._sink = sink
        self._name = name

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self._sink._store(self._name, self.getvalue())
        self.close()


def _remove(path: Path) -> None:
    try:
        shutil.rmtree(path)
    except OSError as exc:
        # The new pack is in place; a leftover of the old one is only untidy.
        log.warning("the replaced pack at %s could not be deleted: %s", path, exc)
