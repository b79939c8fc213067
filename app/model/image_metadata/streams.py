"""Bounded reads and the one-pass copy of an image's pixel data."""

from __future__ import annotations

import io
import logging
import os
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


def copy_span(src: BinaryIO, dst: BinaryIO, size: int | None, what: str) -> None:
    """Copy ``size`` bytes (or everything left, for None) from ``src`` to ``dst``.

    The image data is most of the file and is copied once, in large chunks or by the kernel
    (``os.sendfile``) where both ends are real files: an export of many originals must run
    near the speed of a plain file copy.
    """
    if size is None and _sendfile(src, dst):
        return
    remaining = size
    while remaining is None or remaining > 0:
        chunk = src.read(COPY_CHUNK if remaining is None else min(COPY_CHUNK, remaining))
        if not chunk:
            if remaining is not None:
                raise MetadataWriteError(f"the file ends inside {what}")
            return
        dst.write(chunk)
        if remaining is not None:
            remaining -= len(chunk)


def _sendfile(src: BinaryIO, dst: BinaryIO) -> bool:
    if not hasattr(os, "sendfile"):
        return False
    try:
        src_fd, dst_fd = src.fileno(), dst.fileno()
    except (OSError, AttributeError, io.UnsupportedOperation):
        return False
    dst.flush()
    offset = src.tell()
    try:
        end = os.fstat(src_fd).st_size
        while offset < end:
            sent = os.sendfile(dst_fd, src_fd, offset, min(end - offset, 1 << 30))
            if sent == 0:
                break
            offset += sent
    except OSError as error:
        if offset == src.tell():  # nothing sent yet: the ordinary copy below still works
            log.debug("sendfile unavailable (%s); copying in chunks", error)
            return False
        raise
    src.seek(offset)
    # sendfile wrote past the file object's own position; put it at the true end.
    dst.seek(0, os.SEEK_END)
    return True
