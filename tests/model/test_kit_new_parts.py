"""The parts of ``presskit new`` on their own: the codec reader on real and hostile files, the
YAML quoting read back by the kit's own loader, natural order, video kinds, TODO comments."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from app.model.kit_new import natural_key, video_kind, video_title
from app.model.kit_new_codecs import CodecReadError, Track, portability_warning, read_tracks
from app.model.kit_new_yaml import yaml_path, yaml_scalar
from app.model.loader import load_press_kit
from app.model.manifest_yaml import todo_lines
from tests.kit_new_media import CLIPS, make_clip, needs_ffmpeg

TRICKY_TEXTS = [
    "plain words",
    "Ola: a colon",
    'say "yes"',
    "it's",
    "yes",
    "No",
    "on",
    "~",
    "null",
    "1.10",
    "0x1F",
    "2030-01-12",
    "12:30",
    "- starts like a list",
    "# starts like a comment",
    "ends with a comment # TODO",
    "  leading and trailing  ",
    "line\nbreak",
    "windows\r\nbreak",
    "tab\tinside",
    "line\u2028separator",
    "next\x85line",
    "{flow: mapping}",
    "[flow, list]",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@reserved",
    "`reserved",
    "|literal",
    ">folded",
    "Ærø Ødegård — Zoë 日本語",
    "x" * 5000,
    "",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_a_quoted_text_reads_back_as_itself_through_the_kits_loader(
    tmp_path: Path, text: str
) -> None:
    written = yaml_scalar(text)
    assert "\n" not in written and "\r" not in written
    (tmp_path / "presskit.yaml").write_text(
        f"format: presskit/1.1\nfilm:\n  title: T\n  tagline: {written}  # TODO\n"
        "synopsis:\n  short: S\n",
        encoding="utf-8",
    )
    loaded = load_press_kit(tmp_path)
    assert loaded.kit.film.tagline == text
    # The TODO after the value is a comment, never part of the text.
    assert [p.line for p in loaded.problems if "TODO" in p.message] == [4]


@pytest.mark.parametrize("name", ["still: one.jpg", "c:x.jpg", "https:x.jpg", "a b/c:d.jpg"])
def test_a_path_that_looks_like_a_url_names_the_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_bytes(b"x")
    (tmp_path / "presskit.yaml").write_text(
        f"format: presskit/1.1\nfilm:\n  title: T\n  key_art: {yaml_path(name)}\n"
        "synopsis:\n  short: S\n",
        encoding="utf-8",
    )
    key_art = load_press_kit(tmp_path).kit.film.key_art
    assert key_art is not None and key_art.path == (tmp_path / name).resolve()


def test_todo_comments_only() -> None:
    text = (
        "format: presskit/1.1  # TODO\n"
        "film:\n"
        '  title: "Shot # TODO"\n'
        "  tagline: |\n"
        "    block text # TODO\n"
        "  logline: 'x'   #   TODO  \n"
        "  rating: x # TODO: later\n"
        "  distributor: x#TODO\n"
        "# TODO\n"
    )
    assert todo_lines(text) == [1, 6, 9]
    # A text the scanner cannot read: its syntax error is what the loader reports.
    assert todo_lines('a: "unclosed # TODO\n') == []
    assert todo_lines("a: b\n") == []
    # Windows line ends, and text before the mark that is more than one byte a character.
    assert todo_lines("a: b  # TODO\r\nc: d\r\ne: f # TODO") == [1, 3]
    assert todo_lines('t: "日本語 Ærø # TODO"\nu: 日本語  # TODO\n') == [2]


def test_natural_order() -> None:
    names = ["b/1.jpg", "a10.jpg", "A2.jpg", "a2.jpg", "a1.jpg", "a/z.jpg", "a3.jpg"]
    assert sorted(names, key=natural_key) == [
        "a/z.jpg",  # the folder "a" before "a1.jpg": paths compare part by part
        "a1.jpg",
        "A2.jpg",  # case ignored; the original text breaks the tie
        "a2.jpg",
        "a3.jpg",
        "a10.jpg",
        "b/1.jpg",
    ]


@pytest.mark.parametrize(
    ("stem", "kind"),
    [
        ("video/Official-Trailer-2", "trailer"),
        ("teaser_trailer", "teaser"),
        ("clips/b-roll", "b-roll"),
        ("BROLL", "b-roll"),
        ("b_roll 3", "b-roll"),
        ("press featurette", "featurette"),
        ("Director Interview", "interview"),
        ("trailers/making-of", "clip"),  # the folder's name says nothing of this file
        ("trailerpark", "clip"),
        ("scene", "clip"),
    ],
)
def test_video_kind_from_the_file_name(stem: str, kind: str) -> None:
    assert video_kind(stem) == kind


def test_video_title_from_the_file_name() -> None:
    assert video_title("video/director_interview-2") == "Director interview 2"


@needs_ffmpeg
@pytest.mark.parametrize("name", sorted(CLIPS))
def test_codecs_of_real_clips(tmp_path: Path, name: str) -> None:
    tracks = read_tracks(make_clip(tmp_path, name))
    expected = {
        "h264-aac.mp4": [Track("video", "H.264"), Track("audio", "AAC")],
        "h264-aac.mov": [Track("video", "H.264"), Track("audio", "AAC")],
        "h264-aac.mkv": [Track("video", "H.264"), Track("audio", "AAC")],
        "vp9-opus.webm": [Track("video", "VP9"), Track("audio", "Opus")],
        "mpeg4.mp4": [Track("video", "MPEG-4 Part 2")],
        "h264-mp3.mp4": [Track("video", "H.264"), Track("audio", "MP3")],
    }[name]
    assert tracks == expected
    assert (portability_warning(tracks) is None) == name.startswith("h264-aac")


def _box(kind: bytes, body: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


HOSTILE = {
    "empty": b"",
    "not a video": b"hello world, not a video",
    "cut short": _box(b"ftyp", b"isom\x00\x00\x00\x00") + b"\x00\x00\x10\x00moov\x00\x00",
    "huge 64-bit size": _box(b"ftyp", b"isom") + struct.pack(">I4sQ", 1, b"moov", 2**62),
    "size smaller than header": _box(b"ftyp", b"isom") + struct.pack(">I4s", 3, b"moov"),
    "endless small boxes": _box(b"ftyp", b"isom") + _box(b"free") * 30_000,
    "nested too deep": _box(b"ftyp", b"isom")
    + b"".join(struct.pack(">I4s", 8 * (40 - i), b"moov") for i in range(40)),
    "stsd claiming many entries": _box(b"ftyp", b"isom")
    + _box(
        b"moov",
        _box(
            b"trak",
            _box(
                b"mdia",
                _box(b"hdlr", b"\x00" * 8 + b"vide" + b"\x00" * 12)
                + _box(b"minf", _box(b"stbl", _box(b"stsd", b"\x00" * 4 + b"\xff" * 4))),
            ),
        ),
    ),
    "matroska garbage": b"\x1a\x45\xdf\xa3" + b"\x00" * 64,
    "matroska without tracks": b"\x1a\x45\xdf\xa3\x80"
    + b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff"
    + b"\x1f\x43\xb6\x75\x80",
    "matroska element past the end": b"\x1a\x45\xdf\xa3\x80"
    + b"\x18\x53\x80\x67\x88\x16\x54\xae\x6b\x08\xff\xff\xff\xff\xff\xff",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_containers_give_an_answer_never_a_hang(tmp_path: Path, name: str) -> None:
    path = tmp_path / "video.mp4"
    path.write_bytes(HOSTILE[name])
    try:
        tracks = read_tracks(path)
    except CodecReadError as error:
        assert str(error)
    else:
        assert portability_warning(tracks) is not None


def test_a_fifo_named_like_a_video_is_not_opened_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "video.mp4"
    os.mkfifo(path)
    with pytest.raises(CodecReadError, match="not a regular file"):
        read_tracks(path)


def _audio_file(entry_body: bytes) -> bytes:
    """An MP4 with one sound track whose single sample entry is ``mp4a`` + ``entry_body``."""
    entry = _box(b"mp4a", entry_body)
    stsd = _box(b"stsd", b"\x00" * 4 + struct.pack(">I", 1) + entry)
    hdlr = _box(b"hdlr", b"\x00" * 8 + b"soun" + b"\x00" * 12)
    trak = _box(b"trak", _box(b"mdia", hdlr + _box(b"minf", _box(b"stbl", stsd))))
    return _box(b"ftyp", b"isom") + _box(b"moov", trak)


@pytest.mark.parametrize(
    ("esds", "codec"),
    [
        (b"", "AAC"),  # no esds: what 'mp4a' says
        (b"esds\x00\x00\x00\x00\x03\x80", "AAC"),  # cut short inside the ES descriptor
        (b"esds\x00\x00\x00\x00\x03\x19\x00\x01\x00\x04\x11\x6b", "MP3"),
        (b"esds\x00\x00\x00\x00\x03\x19\x00\x01\xe0\x00\x02\x05", "AAC"),  # flags past the end
        (b"esds\x00\x00\x00\x00\x03\x19\x00\x01\x00\x04\x11\x99", "MPEG-4 audio 0x99"),
    ],
)
def test_the_audio_object_type_of_an_mp4a_entry(tmp_path: Path, esds: bytes, codec: str) -> None:
    path = tmp_path / "audio.mp4"
    path.write_bytes(_audio_file(b"\x00" * 28 + b"\x00\x00\x00\x00" + esds))
    assert read_tracks(path) == [Track("audio", codec)]
