"""Every way an archive can fail to unpack is one message that names the entry, never a
traceback, an errno number or the private temporary folder. Finder's metadata and ``./``
entries are not failures: such a kit opens."""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from app.commands.validate_command import run_validate
from app.model.archive import ArchiveError, extract_kit
from app.model.opening import KitOpenError, open_kit_location

MANIFEST = b"format: presskit/1\nfilm: {title: Zip Film}\nsynopsis: {short: Short.}\n"


def make_zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def refusal(tmp_path: Path, archive: Path) -> str:
    temp = tmp_path / "temp"
    temp.mkdir(exist_ok=True)
    with pytest.raises(ArchiveError) as caught:
        extract_kit(archive, temp_parent=temp)
    assert list(temp.iterdir()) == [], "a refused archive leaves nothing behind"
    message = str(caught.value)
    assert "\n" not in message and "presskit-" not in message and "Errno" not in message
    return message


def validate_lines(archive: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = run_validate(archive, deep=False)
    return code, out.getvalue().splitlines()


# -- names the file system cannot hold ----------------------------------------------------------

LONG_PART = "a" * 256 + ".jpg"
DEEP_PATH = "/".join(["d" * 200] * 25) + "/x.jpg"


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param(
            [("kit/presskit.yaml", MANIFEST), ("kit/a", b"x"), ("kit/a/b.jpg", b"y")],
            "is refused: 'kit/a' is both a file and a folder in the archive",
            id="file-and-folder",
        ),
        pytest.param(
            [("kit/a/b.jpg", b"y"), ("kit/presskit.yaml", MANIFEST), ("kit/a", b"x")],
            "is refused: 'kit/a' is both a file and a folder in the archive",
            id="folder-then-file",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), (f"stills/{LONG_PART}", b"x")],
            "has a name part of 260 bytes; file systems hold at most 255",
            id="long-name-part",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), (DEEP_PATH, b"x")],
            "too long a path for this system",
            id="path-over-limit",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), ("a.jpg", b"1"), ("a.jpg", b"2")],
            "is refused: the entry 'a.jpg' appears twice",
            id="duplicate",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), ("Still.jpg", b"1"), ("still.JPG", b"2")],
            "differ only in upper and lower case",
            id="case-clash",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), ("Stills/a.jpg", b"1"), ("stills/b.jpg", b"2")],
            "differ only in upper and lower case",
            id="folder-case-clash",
        ),
        pytest.param(
            [("presskit.yaml", MANIFEST), ("bad\u202egpj.exe", b"1"), ("bad\u202egpj.exe", b"2")],
            "the entry 'bad\\u202egpj.exe' appears twice",
            id="bidi-escaped",
        ),
    ],
)
def test_names_that_cannot_be_unpacked_are_messages(
    tmp_path: Path, entries: list[tuple[str, bytes]], expected: str
) -> None:
    archive = make_zip(tmp_path / "kit.zip", entries)
    assert expected in refusal(tmp_path, archive)


def test_unsupported_compression_is_a_message(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", [("presskit.yaml", MANIFEST)])
    data = bytearray(archive.read_bytes())
    # Compression method 99 (AES), in the local header and the central directory.
    data[8:10] = struct.pack("<H", 99)
    central = data.rfind(b"PK\x01\x02")
    data[central + 10 : central + 12] = struct.pack("<H", 99)
    archive.write_bytes(bytes(data))
    assert "compressed with a method this app cannot unpack" in refusal(tmp_path, archive)


def test_bad_crc_is_a_message(tmp_path: Path) -> None:
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("presskit.yaml", MANIFEST)
        zf.writestr("a.bin", b"A" * 1000)
    data = bytearray(archive.read_bytes())
    at = data.find(b"A" * 1000)
    data[at + 10] = ord("B")
    archive.write_bytes(bytes(data))
    message = refusal(tmp_path, archive)
    assert message.startswith("is damaged: the entry 'a.bin' cannot be read (Bad CRC-32")


def test_a_zip64_size_field_that_lies_is_a_message(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", [("presskit.yaml", MANIFEST)])
    data = bytearray(archive.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    # "see the zip64 field" markers with no zip64 field behind them, in every size field.
    data[central + 20 : central + 28] = b"\xff" * 8
    archive.write_bytes(bytes(data))
    temp = tmp_path / "temp"
    temp.mkdir()
    try:
        extracted = extract_kit(archive, temp_parent=temp)
    except ArchiveError as exc:
        assert "\n" not in str(exc)
    else:  # Python may read the entry by its real size: then it must be the real bytes
        assert (extracted.kit_root / "presskit.yaml").read_bytes() == MANIFEST
        extracted.cleanup()


def test_truncated_in_the_middle_of_an_entry_is_a_message(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip", [("presskit.yaml", MANIFEST), ("big.bin", os.urandom(200_000))]
    )
    data = archive.read_bytes()
    archive.write_bytes(data[:100_000])
    assert "damaged or truncated" in refusal(tmp_path, archive)


# -- what opens ---------------------------------------------------------------------------------


def test_a_kit_zipped_by_macos_finder_opens_without_its_metadata(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip",
        [
            ("My Kit/", b""),
            ("My Kit/presskit.yaml", MANIFEST),
            ("My Kit/.DS_Store", b"\0\0\0\1Bud1"),
            ("My Kit/stills/a.jpg", b"jpeg"),
            ("__MACOSX/", b""),
            ("__MACOSX/My Kit/", b""),
            ("__MACOSX/My Kit/._presskit.yaml", b"\0\5\26\7 resource fork"),
            ("__MACOSX/My Kit/stills/._a.jpg", b"\0\5\26\7"),
            ("My Kit/stills/._a.jpg", b"\0\5\26\7"),
        ],
    )
    opened = open_kit_location(archive)
    try:
        assert opened.result.kit.film.title == "Zip Film"
        assert opened.archive_prefix == "My Kit/"
        assert opened.extracted is not None
        unpacked = sorted(
            str(p.relative_to(opened.extracted.temp_dir))
            for p in opened.extracted.temp_dir.rglob("*")
        )
        assert unpacked == [
            "My Kit",
            "My Kit/presskit.yaml",
            "My Kit/stills",
            "My Kit/stills/a.jpg",
        ]
    finally:
        opened.close()


@pytest.mark.parametrize(
    "entries",
    [
        [("./", b""), ("presskit.yaml", MANIFEST)],
        [("./", b""), ("./presskit.yaml", MANIFEST), ("./stills/a.jpg", b"x")],
        [("./kit/", b""), ("./kit/presskit.yaml", MANIFEST)],
    ],
    ids=["dot-entry", "dot-prefixed-names", "dot-then-folder"],
)
def test_harmless_dot_entries_are_accepted(
    tmp_path: Path, entries: list[tuple[str, bytes]]
) -> None:
    archive = make_zip(tmp_path / "kit.zip", entries)
    opened = open_kit_location(archive)
    try:
        assert opened.result.kit.film.title == "Zip Film"
    finally:
        opened.close()


# -- the same failures through validate and the opener -------------------------------------------


def test_validate_prints_one_zip_line_and_exits_1_not_internal_error(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip",
        [("kit/presskit.yaml", MANIFEST), ("kit/a", b"x"), ("kit/a/b.jpg", b"y")],
    )
    code, lines = validate_lines(archive)
    assert code == 1
    assert lines == [
        "kit.zip: error: is refused: 'kit/a' is both a file and a folder in the archive",
        "1 error, 0 warnings",
    ]


def test_the_opener_turns_every_failure_into_a_kit_open_error(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", [("presskit.yaml", MANIFEST), (DEEP_PATH, b"x")])
    with pytest.raises(KitOpenError) as caught:
        open_kit_location(archive)
    (problem,) = caught.value.problems
    assert problem.file == "kit.zip"
    assert "too long a path" in problem.message


def test_no_temporary_folder_is_a_message(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", [("presskit.yaml", MANIFEST)])
    with pytest.raises(ArchiveError) as caught:
        extract_kit(archive, temp_parent=tmp_path / "no such folder")
    assert str(caught.value) == (
        "cannot be unpacked: no private temporary folder could be made (No such file or directory)"
    )


def test_a_kit_path_with_a_newline_is_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "a\nb\u202e.zip"
    assert run_validate(missing, deep=False) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a\\nb\\u202e.zip: no such kit folder or archive" in err
