"""Bounded reads, a read-only view of a whole file, and the one-pass copy of an image's data."""

from __future__ import annotations

import io
import logging
import mmap
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from app.model.image_metadata.fields import MetadataWriteError

log = logging.getLogger(__name__)

COPY_CHUNK = 1024 * 1024


def read_exactly(src: BinaryIO, size: int, what: str) -> bytes:
    """``size`` bytes of ``src``, or MetadataWriteError naming ``what`` was cut short."""
    data = src.read(size)
    if len(data) != size:
        raise MetadataWriteError(f"the file ends inside {what}")
    return data


@contextmanager
def whole_view(src: BinaryIO) -> Iterator[bytes | mmap.mmap]:
    """The whole of ``src`` to index into: a memory map for a real file (the pages are read
    only where the caller looks, so walking a PNG's thousand chunk headers reads a few
    kilobytes, not the file), else the bytes themselves."""
    try:
        fd = src.fileno()
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ) if os.fstat(fd).st_size else None
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        mapped = None
    if mapped is None:
        src.seek(0)
        yield src.read()
        return
    try:
        yield mapped
    finally:
        mapped.close()


def copy_range(src: BinaryIO, dst: BinaryIO, offset: int, size: int, what: str) -> None:
    """Copy ``size`` bytes of ``src`` from ``offset`` to the end of what ``dst`` holds so far.

    The image data is most of the file and is copied once, by the kernel (``os.sendfile``)
    where both ends are real files, else in large chunks: an export of many originals must
    run near the speed of a plain file copy.
    """
    if size <= 0:
        return
    if _sendfile(src, dst, offset, size):
        return
    src.seek(offset)
    remaining = size
    while remaining > 0:
        chunk = src.read(min(COPY_CHUNK, remaining))
        if not chunk:
            raise MetadataWriteError(f"the file ends inside {what}")
        dst.write(chunk)
        remaining -= len(chunk)


def _sendfile(src: BinaryIO, dst: BinaryIO, offset: int, size: int) -> bool:
    if not hasattr(os, "sendfile"):
        return False
    try:
        src_fd, dst_fd = src.fileno(), dst.fileno()
    except (OSError, AttributeError, io.UnsupportedOperation):
        return False
    dst.flush()
    sent_total = 0
    try:
        while sent_total < size:
            sent = os.sendfile(dst_fd, src_fd, offset + sent_total, size - sent_total)
            if sent == 0:
                break
            sent_total += sent
    except OSError as error:
        if sent_total == 0:  # nothing sent yet: the ordinary copy still works
            log.debug("sendfile unavailable (%s); copying in chunks", error)
            return False
        raise
    # sendfile moved the descriptor's position behind the file object's back: resync it.
    dst.seek(os.lseek(dst_fd, 0, os.SEEK_CUR))
    if sent_total < size:
        raise MetadataWriteError("the file ends inside the image data")
    return True
