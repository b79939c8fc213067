"""Kits from .zip archives: every unsafe archive is refused and nothing lands outside the
private temporary folder."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from app.model.archive import (
    MAX_ENTRIES,
    ArchiveError,
    ExtractionCancelled,
    extract_kit,
)
from app.model.opening import KitOpenError, open_kit_location

MANIFEST = b"format: presskit/1\nfilm: {title: Zip Film}\nsynopsis: {short: Short.}\n"


def make_zip(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def temp_parent(tmp_path: Path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir(exist_ok=True)
    return folder


def assert_nothing_left(tmp_path: Path) -> None:
    assert list((tmp_path / "temp").iterdir()) == []


def test_manifest_at_root(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST})
    extracted = extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert extracted.prefix == ""
    assert (extracted.kit_root / "presskit.yaml").read_bytes() == MANIFEST
    extracted.cleanup()
    assert_nothing_left(tmp_path)


def test_manifest_in_one_top_level_folder(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip", {"My Kit/presskit.yaml": MANIFEST, "My Kit/a.txt": b"x"}
    )
    extracted = extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert extracted.prefix == "My Kit/"
    assert extracted.members["a.txt"][0] == "My Kit/a.txt"
    extracted.cleanup()


def test_temp_folder_is_private(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST})
    extracted = extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert stat.S_IMODE(extracted.temp_dir.stat().st_mode) == 0o700
    extracted.cleanup()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.txt", "would land outside the kit folder"),
        ("kit/../../evil.txt", "would land outside the kit folder"),
        ("/etc/evil.txt", "has an absolute path"),
        ("C:/evil.txt", "has an absolute path"),
        ("kit\\..\\evil.txt", "uses backslashes"),
    ],
)
def test_unsafe_names_refuse_the_whole_archive(tmp_path: Path, name: str, reason: str) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST, name: b"evil"})
    with pytest.raises(ArchiveError, match=reason):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_entry_refused(tmp_path: Path) -> None:
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("presskit.yaml", MANIFEST)
        link = zipfile.ZipInfo("stills/link.jpg")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(ArchiveError, match="is a symbolic link"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_bomb_by_ratio_stops_while_streaming(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip", {"presskit.yaml": MANIFEST, "bomb.bin": b"\0" * (50 * 1024 * 1024)}
    )
    with pytest.raises(ArchiveError, match="inflates more than 100:1"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_bomb_with_lying_declared_size_is_caught_while_streaming(tmp_path: Path) -> None:
    """The central directory claims a small size; the stream is what counts."""
    archive = make_zip(
        tmp_path / "kit.zip", {"presskit.yaml": MANIFEST, "bomb.bin": b"\0" * (20 * 1024 * 1024)}
    )
    data = bytearray(archive.read_bytes())
    # Patch the central directory's uncompressed size of bomb.bin to 1 KiB.
    central = data.rfind(b"PK\x01\x02")
    assert data[central + 46 : central + 46 + 8] == b"bomb.bin"
    data[central + 24 : central + 28] = struct.pack("<I", 1024)
    archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveError):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_bomb_by_count_refused(tmp_path: Path) -> None:
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("presskit.yaml", MANIFEST)
        for index in range(MAX_ENTRIES + 1):
            zf.writestr(f"f/{index}", b"")
    with pytest.raises(ArchiveError, match="entries; the limit is 10,000"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_truncated_archive_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST, "a.bin": os.urandom(4096)})
    archive.write_bytes(archive.read_bytes()[:2000])
    with pytest.raises(ArchiveError, match="damaged or truncated"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_corrupt_member_data_refused_and_cleaned(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip",
        {"presskit.yaml": MANIFEST, "a.bin": os.urandom(8192)},
        zipfile.ZIP_STORED,
    )
    data = bytearray(archive.read_bytes())
    start = data.find(b"a.bin") + 5
    data[start + 100 : start + 200] = b"\xff" * 100  # CRC no longer matches
    archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="is damaged"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_encrypted_archive_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST})
    data = bytearray(archive.read_bytes())
    # Set the "encrypted" flag bit in the local header and the central directory.
    data[6] |= 0x1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="is encrypted"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_not_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "kit.zip"
    archive.write_text("this is not a zip")
    with pytest.raises(ArchiveError, match="not a zip archive"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))


def test_no_manifest(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"a/presskit.yaml": MANIFEST, "b/x": b""})
    with pytest.raises(ArchiveError, match=r"no presskit\.yaml"):
        extract_kit(archive, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_cancel_removes_what_was_written(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "kit.zip",
        {"presskit.yaml": MANIFEST, **{f"s/{i}.bin": os.urandom(300_000) for i in range(5)}},
    )
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 3

    with pytest.raises(ExtractionCancelled):
        extract_kit(archive, progress=progress, temp_parent=temp_parent(tmp_path))
    assert_nothing_left(tmp_path)


def test_open_kit_location_names_problems_by_member_path(tmp_path: Path) -> None:
    manifest = MANIFEST + b"stills:\n  - {file: stills/gone.jpg, credit: c}\n"
    archive = make_zip(tmp_path / "kit.zip", {"Kit/presskit.yaml": manifest})
    opened = open_kit_location(archive)
    try:
        assert [p.format() for p in opened.result.problems] == [
            "Kit/presskit.yaml:5: error: stills #1 file: 'stills/gone.jpg' does not exist"
        ]
        assert opened.result.kit.source == archive
    finally:
        temp_dir = opened.extracted.temp_dir if opened.extracted else None
        opened.close()
    assert temp_dir is not None and not temp_dir.exists()


def test_open_kit_location_refuses_unsafe_archive_with_message(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "kit.zip", {"presskit.yaml": MANIFEST, "../x": b""})
    with pytest.raises(KitOpenError) as caught:
        open_kit_location(archive)
    assert caught.value.problems[0].format().startswith("kit.zip: error: is refused:")
