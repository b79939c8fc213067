"""Image metadata for the story pack and ``presskit new``: write the kit's caption, credit and
terms into JPEG, PNG and WebP files, and read them back out. Pure Python, no Qt, no third-party
library.

Why our own small writer: the program is MIT-licensed and its installers must stay
distributable as they are; the complete metadata libraries for Python bind GPL exiv2
(pyexiv2, python-exiv2). The job here is narrow (a dozen properties in three containers), so a
few hundred lines of our own cost less than a new run-time dependency and its packaging, and
the tests read every file back with an independent reader (exiftool).

Public API
----------

``ImageFields``
    What to write: ``caption`` (dc:description, IIM 2:120), ``credit`` (photoshop:Credit,
    IIM 2:110), ``photographer`` (dc:creator, IIM 2:80), ``copyright`` (dc:rights, IIM 2:116),
    ``usage`` (xmpRights:UsageTerms), ``alt`` (Iptc4xmpCore:AltTextAccessibility), ``people``
    (Iptc4xmpExt:PersonInImage), ``title`` (dc:title), ``max_avail_width`` /
    ``max_avail_height`` (Iptc4xmpExt:MaxAvailWidth/Height, for web-size exports).
    Language alternatives are written with ``x-default``. A field left ``None`` (``people``
    empty) keeps whatever the file holds for it; so does a blank one. Characters XML cannot
    hold (most control characters) are left out of every field.

``write_with_metadata(src_path, dst_file, fields) -> list[str]``
    Copy the image at ``src_path`` into the open binary file ``dst_file`` (positioned where the
    image should start) with ``fields`` merged: the listed properties set, the studio's other
    XMP properties kept, EXIF, ICC and every other segment or chunk copied untouched, and the
    image data copied once, in large chunks or by the kernel, so the decoded pixels are the
    original's. JPEGs also get IPTC IIM (marked UTF-8, each value cut at a character boundary
    to its length limit; the IPTC digest rewritten). A JPEG's XMP stays in its main packet,
    where every reader looks: a studio's extended XMP (over 64 KB) is kept, less any property
    the kit sets, and when the kit's fields would overfill the main packet the studio's
    largest properties move into extended XMP. Returns the problems met (damaged
    metadata that had to be replaced), one sentence each. Raises ``MetadataWriteError`` when
    the image itself is damaged or not a JPEG/PNG/WebP, and ``OSError`` for file errors;
    after either, ``dst_file`` holds a partial image the caller must discard.

``merge_metadata(original, kind, fields) -> bytes``
    The same on bytes in memory; ``kind`` is ``"jpeg"``, ``"png"`` or ``"webp"``.

``read_metadata(path) -> ImageMetadata``
    The same fields read from a file: XMP first, then IPTC IIM, then EXIF (ImageDescription,
    Artist, Copyright, with XPComment/XPAuthor/UserComment as fallbacks), field by field, as
    the Metadata Working Group's guidance orders them. ``sources`` says where each field came
    from; ``problems`` lists what was damaged or refused (a DTD in the XMP, truncated
    segments, lengths past the end, a FIFO or device named like an image). Never raises on
    bad input and reads a bounded amount. ``photographer`` joins several creators with "; ".

Problems are sentences without a file name (``the XMP packet was not read: the XML has a
document type declaration, which XMP never needs``): the caller names the file, e.g. as a
``Problem(Severity.WARNING, "stills/01.jpg", message)`` for ``validate`` or ``presskit new``,
or as ``left out: stills #N: message`` for the story pack.

``image_kind(head) -> str | None``
    ``"jpeg"``, ``"png"`` or ``"webp"`` from a file's first 12 bytes.
"""

from __future__ import annotations

import io
import logging
import os
import stat
from os import PathLike
from typing import BinaryIO

from app.model.image_metadata import jpeg, png, webp
from app.model.image_metadata.fields import (
    ImageFields,
    ImageMetadata,
    MetadataWriteError,
    clean_fields,
)

log = logging.getLogger(__name__)

__all__ = [
    "ImageFields",
    "ImageMetadata",
    "MetadataWriteError",
    "image_kind",
    "merge_metadata",
    "read_metadata",
    "write_with_metadata",
]

_WRITERS = {"jpeg": jpeg.write, "png": png.write, "webp": webp.write}
_READERS = {"jpeg": jpeg.read_into, "png": png.read_into, "webp": webp.read_into}


def image_kind(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(png.SIGNATURE):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _write(src: BinaryIO, dst: BinaryIO, fields: ImageFields, kind: str | None) -> list[str]:
    actual = image_kind(src.read(12))
    src.seek(0)
    if actual is None:
        raise MetadataWriteError("the file is not a JPEG, PNG or WebP image")
    if kind is not None and kind != actual:
        raise MetadataWriteError(f"the file is a {actual.upper()}, not a {kind.upper()}")
    return _WRITERS[actual](src, dst, clean_fields(fields))


def _open_regular(path: str | PathLike[str]) -> BinaryIO:
    """``path`` opened for reading if it is a regular file. Opened without blocking and
    checked on the open descriptor: a FIFO named like an image would otherwise hang the open,
    and a link to a device would read without end."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs to fear
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise MetadataWriteError("the file is not a regular file")
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_with_metadata(
    src_path: str | PathLike[str], dst_file: BinaryIO, fields: ImageFields
) -> list[str]:
    with _open_regular(src_path) as src:
        problems = _write(src, dst_file, fields, None)
    for problem in problems:
        log.info("%s: %s", src_path, problem)
    return problems


def merge_metadata(original: bytes, kind: str, fields: ImageFields) -> bytes:
    if kind not in _WRITERS:
        raise ValueError(f"unknown image kind {kind!r}")
    out = io.BytesIO()
    _write(io.BytesIO(original), out, fields, kind)
    return out.getvalue()


def read_metadata(path: str | PathLike[str]) -> ImageMetadata:
    found = ImageMetadata()
    try:
        with _open_regular(path) as src:
            kind = image_kind(src.read(12))
            src.seek(0)
            if kind is None:
                found.problems.append("the file is not a JPEG, PNG or WebP image")
                return found
            _READERS[kind](src, found)
    except OSError as error:
        found.problems.append(f"the file cannot be read: {error.strerror or error}")
    except MetadataWriteError as error:
        found.problems.append(str(error))
    return found
