"""Which codecs a video file holds, read from its container's own headers without Qt.

``presskit new`` warns about a video that will not play everywhere; only H.264 video with AAC
audio does (phones, browsers, Windows and macOS players without extra codecs). The answer comes
from the container's track descriptions: an MP4/QuickTime file's sample entries (``avc1``,
``mp4a``, …) and a Matroska/WebM file's ``CodecID`` strings. Decoding is never needed, which
keeps the model free of Qt and the command fast.

Every read is bounded (boxes and elements visited, bytes read, nesting depth): a hostile or
truncated file yields "could not be read", never a hang or a large allocation.
"""

from __future__ import annotations

import logging
import os
import stat
import struct
from pathlib import Path
from typing import BinaryIO, NamedTuple

log = logging.getLogger(__name__)

MAX_NODES = 20_000  # boxes or elements visited in one file
MAX_DEPTH = 8
MAX_READ = 1024 * 1024  # the largest single header read (an stsd box, a Tracks element)

# MP4/QuickTime boxes that lead from the file to its sample descriptions.
_MP4_PATH = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
_MP4_NAMES = {
    b"avc1": "H.264",
    b"avc3": "H.264",
    b"hvc1": "HEVC (H.265)",
    b"hev1": "HEVC (H.265)",
    b"mp4v": "MPEG-4 Part 2",
    b"vp08": "VP8",
    b"vp09": "VP9",
    b"av01": "AV1",
    b"apcn": "Apple ProRes",
    b"apch": "Apple ProRes",
    b"apcs": "Apple ProRes",
    b"apco": "Apple ProRes",
    b"ap4h": "Apple ProRes",
    b"jpeg": "Motion JPEG",
    b"mp4a": "AAC",
    b"ac-3": "Dolby Digital (AC-3)",
    b"ec-3": "Dolby Digital Plus (E-AC-3)",
    b"Opus": "Opus",
    b"fLaC": "FLAC",
    b".mp3": "MP3",
    b"alac": "Apple Lossless",
    b"lpcm": "PCM",
    b"sowt": "PCM",
    b"twos": "PCM",
    b"ipcm": "PCM",
}
_MP4_HANDLERS = {b"vide": "video", b"soun": "audio"}
# MPEG-4 objectTypeIndication values of audio (ISO/IEC 14496-1 and the MP4 registration
# authority): AAC in its MPEG-4 and MPEG-2 forms, and MP3.
_MPEG4_AUDIO = {
    0x40: "AAC",
    0x66: "AAC",
    0x67: "AAC",
    0x68: "AAC",
    0x69: "MP3",
    0x6B: "MP3",
    0xA5: "Dolby Digital (AC-3)",
    0xA6: "Dolby Digital Plus (E-AC-3)",
    0xAD: "Opus",
}

# Matroska/WebM element IDs (with their length marker bits, as they appear in the file).
_EBML = 0x1A45DFA3
_SEGMENT = 0x18538067
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_CODEC_ID = 0x86
_CLUSTER = 0x1F43B675
_MKV_TYPES = {1: "video", 2: "audio"}
_MKV_PREFIXES = (
    ("V_MPEG4/ISO/AVC", "H.264"),
    ("V_MPEGH/ISO/HEVC", "HEVC (H.265)"),
    ("V_MPEG4/ISO", "MPEG-4 Part 2"),
    ("V_VP8", "VP8"),
    ("V_VP9", "VP9"),
    ("V_AV1", "AV1"),
    ("V_THEORA", "Theora"),
    ("V_PRORES", "Apple ProRes"),
    ("A_AAC", "AAC"),
    ("A_OPUS", "Opus"),
    ("A_VORBIS", "Vorbis"),
    ("A_MPEG/L3", "MP3"),
    ("A_AC3", "Dolby Digital (AC-3)"),
    ("A_EAC3", "Dolby Digital Plus (E-AC-3)"),
    ("A_FLAC", "FLAC"),
    ("A_PCM", "PCM"),
)
PORTABLE = {"video": "H.264", "audio": "AAC"}


class Track(NamedTuple):
    kind: str  # "video" or "audio"
    codec: str  # a name a person knows ("H.264", "VP9"), or the raw code when unknown


class CodecReadError(Exception):
    """The container's track descriptions could not be read; the message says why."""


def read_tracks(path: Path) -> list[Track]:
    """The video and audio tracks of the MP4/QuickTime or Matroska/WebM file at ``path``."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # a FIFO named like a video must not hang us
    try:
        fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise CodecReadError(f"the file cannot be read ({error.strerror or error})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CodecReadError("the file is not a regular file")
        if nonblocking:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            head = stream.read(12)
            size = os.fstat(fd).st_size
            stream.seek(0)
            try:
                if head.startswith(b"\x1a\x45\xdf\xa3"):
                    return _MatroskaReader(stream, size).tracks()
                if head[4:8] in {b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip"}:
                    return _Mp4Reader(stream, size).tracks()
            except (struct.error, OSError, ValueError) as error:
                log.info("%s: codec read stopped: %r", path, error)
                raise CodecReadError("its track descriptions are damaged") from None
            raise CodecReadError("it is neither an MP4/QuickTime nor a Matroska/WebM file")
    finally:
        os.close(fd)


def portability_warning(tracks: list[Track]) -> str | None:
    """Why these tracks will not play everywhere, or None when they will."""
    if not tracks:
        return "it has no video or audio track that could be read"
    odd = [t for t in tracks if t.codec != PORTABLE[t.kind]]
    if not odd:
        return None
    named = " and ".join(f"{t.codec} {t.kind}" for t in _unique(odd))
    return (
        f"it holds {named}; only H.264 video with AAC audio plays everywhere (phones, "
        "browsers, Windows and macOS without extra codecs)"
    )


def _unique(tracks: list[Track]) -> list[Track]:
    seen: list[Track] = []
    for track in tracks:
        if track not in seen:
            seen.append(track)
    return seen


class _Mp4Reader:
    """Walks box headers by seeking; reads only the ``hdlr`` and ``stsd`` boxes' bodies."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self.stream = stream
        self.size = size
        self.visited = 0
        self.found: list[Track] = []

    def tracks(self) -> list[Track]:
        self._walk(0, self.size, 0, None)
        return self.found

    def _walk(self, start: int, end: int, depth: int, handler: list[str] | None) -> None:
        position = start
        while position + 8 <= end:
            self.visited += 1
            if self.visited > MAX_NODES or depth > MAX_DEPTH:
                raise ValueError("too many boxes")
            self.stream.seek(position)
            size, kind = struct.unpack(">I4s", _read(self.stream, 8))
            header = 8
            if size == 1:
                (size,) = struct.unpack(">Q", _read(self.stream, 8))
                header = 16
            elif size == 0:
                size = end - position  # the box runs to the end of its parent
            if size < header or position + size > end:
                raise ValueError(f"box {kind!r} at {position} has a bad size")
            body, body_end = position + header, position + size
            if kind == b"trak":
                own: list[str] = []  # the track's handler type, found in its mdia/hdlr
                self._walk(body, body_end, depth + 1, own)
            elif kind in _MP4_PATH:
                self._walk(body, body_end, depth + 1, handler)
            elif kind == b"hdlr" and handler is not None:
                data = _read(self.stream, min(size - header, 64))
                handler.append(_MP4_HANDLERS.get(data[8:12], ""))
            elif kind == b"stsd" and handler is not None:
                self._sample_entries(_read(self.stream, min(size - header, MAX_READ)), handler)
            position = body_end

    def _sample_entries(self, data: bytes, handler: list[str]) -> None:
        kind = handler[0] if handler else ""
        if kind not in ("video", "audio"):
            return  # a text, timecode or chapter track says nothing about playback
        (count,) = struct.unpack_from(">I", data, 4)
        position = 8
        for _ in range(min(count, 16)):
            entry_size, code = struct.unpack_from(">I4s", data, position)
            name = _MP4_NAMES.get(code, _printable(code))
            if code == b"mp4a":
                entry = data[position : position + max(entry_size, 8)]
                object_type = _object_type(entry)
                if object_type is not None:
                    name = _MPEG4_AUDIO.get(object_type, f"MPEG-4 audio 0x{object_type:02x}")
            self.found.append(Track(kind, name))
            if entry_size < 8:
                break
            position += entry_size
            if position + 8 > len(data):
                break


def _object_type(entry: bytes) -> int | None:
    """The objectTypeIndication of an ``mp4a`` entry's ``esds`` box: ``mp4a`` only says
    "MPEG-4 audio", and MP3 travels under it as well as AAC. None when it cannot be read."""
    at = entry.find(b"esds")
    if at < 0:
        return None
    position = at + 8  # past the box type, its version and its flags
    try:
        if entry[position] != 0x03:  # ES_Descriptor
            return None
        position = _descriptor_body(entry, position)
        flags = entry[position + 2]
        position += 3
        if flags & 0x80:  # streamDependenceFlag: a depended-on ES_ID
            position += 2
        if flags & 0x40:  # URL_Flag: a length-prefixed URL
            position += 1 + entry[position]
        if flags & 0x20:  # OCRstreamFlag
            position += 2
        if entry[position] != 0x04:  # DecoderConfigDescriptor
            return None
        return entry[_descriptor_body(entry, position)]
    except IndexError:
        return None


def _descriptor_body(data: bytes, at: int) -> int:
    """Where the body of the MPEG-4 descriptor whose tag is at ``at`` starts (its length
    takes one to four bytes, seven bits each)."""
    position = at + 1
    for _ in range(4):
        more = data[position] & 0x80
        position += 1
        if not more:
            break
    return position


class _MatroskaReader:
    """Walks EBML element headers by seeking; reads only the Tracks element's body."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self.stream = stream
        self.size = size
        self.visited = 0

    def tracks(self) -> list[Track]:
        for ident, start, end in self._children(0, self.size):
            if ident == _SEGMENT:
                for child, body, child_end in self._children(start, end):
                    if child == _TRACKS:
                        self.stream.seek(body)
                        return self._parse_tracks(
                            _read(self.stream, min(child_end - body, MAX_READ))
                        )
                    if child == _CLUSTER:
                        break  # media data began and no track list came before it
                break
        raise ValueError("no track list before the media data")

    def _children(self, start: int, end: int) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        position = start
        while position < end:
            self.visited += 1
            if self.visited > MAX_NODES:
                raise ValueError("too many elements")
            self.stream.seek(position)
            head = self.stream.read(12)
            ident, id_length = _vint(head, 0, keep_marker=True)
            size, size_length = _vint(head, id_length, keep_marker=False)
            body = position + id_length + size_length
            # An "unknown" size (all ones) runs to the end of the parent.
            body_end = end if size == -1 else body + size
            if body_end > end:
                body_end = end  # a file cut short: the element's start is still worth reading
            found.append((ident, body, body_end))
            if ident in (_TRACKS, _CLUSTER):
                break
            position = body_end
        return found

    def _parse_tracks(self, data: bytes) -> list[Track]:
        tracks: list[Track] = []
        for ident, body, end in _elements(data, 0, len(data)):
            if ident != _TRACK_ENTRY:
                continue
            kind, codec = "", ""
            for child, child_body, child_end in _elements(data, body, end):
                if child == _TRACK_TYPE:
                    kind = _MKV_TYPES.get(int.from_bytes(data[child_body:child_end], "big"), "")
                elif child == _CODEC_ID:
                    codec = data[child_body:child_end].rstrip(b"\x00").decode("ascii", "replace")
            if kind:
                tracks.append(Track(kind, _mkv_name(codec)))
        return tracks


def _elements(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    position = start
    while position < end and len(found) < MAX_NODES:
        ident, id_length = _vint(data, position, keep_marker=True)
        size, size_length = _vint(data, position + id_length, keep_marker=False)
        body = position + id_length + size_length
        body_end = end if size == -1 else min(end, body + size)
        found.append((ident, body, body_end))
        position = body_end
    return found


def _vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at ``at``: (value, length); -1 for an unknown size."""
    if at >= len(data):
        raise ValueError("an element header is cut short")
    first = data[at]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or at + length > len(data):
        raise ValueError("a bad element header")
    raw = int.from_bytes(data[at : at + length], "big")
    if keep_marker:
        return raw, length
    value = raw & ((1 << (7 * length)) - 1)
    return (-1 if value == (1 << (7 * length)) - 1 else value), length


def _mkv_name(codec: str) -> str:
    for prefix, name in _MKV_PREFIXES:
        if codec.startswith(prefix):
            return name
    return codec or "an unnamed codec"


def _printable(code: bytes) -> str:
    text = code.decode("latin-1")
    return f"'{text}'" if text.isprintable() else f"0x{code.hex()}"


def _read(stream: BinaryIO, count: int) -> bytes:
    data = stream.read(count)
    if len(data) < count:
        raise ValueError("the file ends inside a header")
    return data
