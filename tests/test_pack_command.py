"""``presskit pack KIT -o FILE.zip``: the same bytes every time, only what the kit names, the
zip the viewer's own archive reader opens with 0 errors, refusals and exit codes."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

import app.model.kit_pack
from app.main import main
from app.model.archive import MAX_RATIO, RATIO_CHECK_FLOOR, extract_kit
from app.model.kit_pack import PackEntry, PackError, write_pack
from app.model.loader import load_press_kit
from tests.kit_new_media import make_still
from tests.test_cli import assert_no_traceback, run_cli

UTF8 = "Ærø Ødegård"
VTT = "WEBVTT\n\n00:00.000 --> 00:00.400\nHello\n"


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def write_kit(root: Path, extra: str = "") -> Path:
    """A kit naming stills, key art, a note's image and link, captions; and files it does not
    name (which must stay out of the zip)."""
    make_still(root / "stills" / "01.jpg")
    make_still(root / "stills" / f"{UTF8}.png", "png")
    make_still(root / "art" / "key-art.jpg", "jpeg", 32, 64)
    make_still(root / "unlisted.jpg")
    (root / "video").mkdir()
    (root / "video" / "trailer.en.vtt").write_text(VTT, encoding="utf-8")
    (root / "video" / "transcript.vtt").write_text(VTT, encoding="utf-8")
    (root / "README.md").write_text("Read me.\n", encoding="utf-8")
    (root / "NOTICE").write_text("Notice.\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "__MACOSX").mkdir()
    (root / "__MACOSX" / "._01.jpg").write_bytes(b"\x00\x05\x16\x07")
    (root / "presskit-1.1.schema.json").write_text("{}", encoding="utf-8")
    manifest = f"""# yaml-language-server: $schema=presskit-1.1.schema.json
format: presskit/1.1
film:
  title: Night Orbit
  key_art: art/key-art.jpg
synopsis:
  short: Two astronauts fly home.
stills:
  - file: stills/01.jpg
    credit: Example
  - file: ./stills/{UTF8}.png
    credit: Example
notes:
  - heading: Statement
    body: |
      See the [transcript](video/transcript.vtt) and ![the still](stills/01.jpg).
{extra}"""
    (root / "presskit.yaml").write_text(manifest, encoding="utf-8")
    return root


def pack(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["pack", *args])
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    return status, out, err


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_packing_twice_gives_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    status, out, err = pack(capsys, str(kit), "-o", str(first))
    assert status == 0, err
    # Another moment, other timestamps on every file: still the same bytes.
    for path in kit.rglob("*"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    assert pack(capsys, str(kit), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    size = first.stat().st_size
    assert out == f"{first}: 7 files, {size} bytes, sha256 {sha256(first)}\n"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(first.stat().st_mode) == 0o666 & ~mask  # to send, not private


def test_the_zip_holds_only_what_the_kit_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    target = tmp_path / "kit.zip"
    assert pack(capsys, str(kit), "-o", str(target))[0] == 0
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert set(names) == {
            "NOTICE",
            "README.md",
            "art/key-art.jpg",
            "presskit.yaml",
            "stills/01.jpg",
            f"stills/{UTF8}.png",  # written './stills/…' in the manifest
            "video/transcript.vtt",  # linked from a note
        }
        assert len(names) == 7
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644
            assert stat.S_ISREG(info.external_attr >> 16)
            assert info.flag_bits & 0x8 == 0  # no data descriptor: sizes in the header
            media = info.filename.endswith((".jpg", ".png"))
            expected = zipfile.ZIP_STORED if media else zipfile.ZIP_DEFLATED
            assert info.compress_type == expected, info.filename
            if not info.filename.isascii():
                assert info.flag_bits & 0x800  # the UTF-8 name flag
        assert archive.testzip() is None
        assert archive.read("presskit.yaml") == (kit / "presskit.yaml").read_bytes()


def test_the_zip_validates_and_opens_in_the_viewers_loader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    target = tmp_path / "kit.zip"
    assert pack(capsys, str(kit), "-o", str(target))[0] == 0
    assert main(["validate", str(target)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 0 warnings"
    extracted = extract_kit(target)
    try:
        loaded = load_press_kit(extracted.kit_root)
        assert loaded.problems == []
        assert [s.file is not None for s in loaded.kit.stills] == [True, True]
    finally:
        extracted.cleanup()


def test_text_that_would_trip_the_inflate_ratio_limit_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cue = "00:00.000 --> 00:00.400\nHello\n\n"
    repeats = (RATIO_CHECK_FLOOR * 4) // len(cue)
    extra = (
        "videos:\n  - {file: video/clip.mp4, captions: video/clip.vtt, transcript: video/t.vtt}\n"
    )
    kit = write_kit(tmp_path / "kit", extra)
    (kit / "video" / "clip.vtt").write_text("WEBVTT\n\n" + cue * repeats, encoding="utf-8")
    (kit / "video" / "t.vtt").write_text(VTT, encoding="utf-8")
    make_still(kit / "video" / "poster.jpg")
    (kit / "video" / "clip.mp4").write_bytes(
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
    )
    target = tmp_path / "kit.zip"
    status, _out, err = pack(capsys, str(kit), "-o", str(target))
    assert status == 0, err
    with zipfile.ZipFile(target) as archive:
        big = archive.getinfo("video/clip.vtt")
        assert big.compress_type == zipfile.ZIP_STORED
        # Deflated it would have passed the viewer's limit: that is why it is stored.
        data = (kit / "video" / "clip.vtt").read_bytes()
        assert len(data) > MAX_RATIO * len(zlib.compress(data))
        assert archive.getinfo("video/t.vtt").compress_type == zipfile.ZIP_DEFLATED
    extracted = extract_kit(target)  # the viewer's reader takes it
    extracted.cleanup()


def test_an_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = write_kit(tmp_path / "kit")
    target = tmp_path / "kit.zip"
    target.write_bytes(b"old")
    status, out, err = pack(capsys, str(kit), "-o", str(target))
    assert (status, out) == (2, "")
    assert "--force" in err
    assert target.read_bytes() == b"old"
    status, out, _err = pack(capsys, str(kit), "-o", str(target), "--force")
    assert status == 0
    assert zipfile.is_zipfile(target)
    assert out.startswith(f"{target}: 7 files, ")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_kit_with_errors_is_not_packed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit", "contacts:\n  - {name: Pat, email: not-an-address}\n")
    (kit / "stills" / "01.jpg").unlink()  # named by the manifest, gone
    target = tmp_path / "kit.zip"
    status, out, err = pack(capsys, str(kit), "-o", str(target))
    assert (status, out) == (1, "")
    assert "stills #1 file: 'stills/01.jpg' does not exist" in err
    assert "not packed" in err
    assert not target.exists()
    assert list(tmp_path.glob(".kit.zip.*")) == []


def test_warnings_are_printed_and_do_not_stop_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    text = (kit / "presskit.yaml").read_text(encoding="utf-8")
    (kit / "presskit.yaml").write_text(text.replace("Night Orbit", "Night Orbit  # TODO"))
    status, out, err = pack(capsys, str(kit), "-o", str(tmp_path / "kit.zip"))
    assert status == 0
    assert "presskit.yaml:4: warning: still to fill (TODO)" in err
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("artwork:\n  - {file: .hidden/logo.png}\n", "hidden file"),
        ("artwork:\n  - {file: Stills/02.jpg}\n", "differ only in upper and lower case"),
        ("", "a viewer opens at most 3"),
    ],
)
def test_what_a_viewer_would_refuse_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: str,
    reason: str,
) -> None:
    kit = write_kit(tmp_path / "kit", extra)
    make_still(kit / ".hidden" / "logo.png", "png")
    make_still(kit / "Stills" / "02.jpg")
    if not extra:
        monkeypatch.setattr(app.model.kit_pack, "MAX_ENTRIES", 3)
    target = tmp_path / "kit.zip"
    status, out, err = pack(capsys, str(kit), "-o", str(target))
    assert (status, out) == (1, "")
    assert reason in err
    assert not target.exists()


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = write_kit(tmp_path / "kit")
    assert pack(capsys, str(tmp_path / "missing"), "-o", str(tmp_path / "a.zip"))[0] == 2
    assert pack(capsys, str(kit), "-o", str(tmp_path / "no" / "such" / "a.zip"))[0] == 2
    assert pack(capsys, str(kit), "-o", str(tmp_path))[0] == 2
    assert main(["pack", str(kit)]) == 2  # -o is required
    assert "-o" in capsys.readouterr().err
    zipped = tmp_path / "kit.zip"
    assert pack(capsys, str(kit), "-o", str(zipped))[0] == 0
    status, _out, err = pack(capsys, str(zipped), "-o", str(tmp_path / "again.zip"))
    assert status == 2 and "not a kit folder" in err
    # The manifest names its kit, as it does for validate.
    status, out, _err = pack(capsys, str(kit / "presskit.yaml"), "-o", str(tmp_path / "m.zip"))
    assert status == 0 and out.startswith(f"{tmp_path / 'm.zip'}: 7 files")


def test_as_a_real_process(tmp_path: Path) -> None:
    kit = write_kit(tmp_path / "kit")
    target = tmp_path / "kit.zip"
    completed = run_cli("pack", str(kit), "-o", str(target))
    assert completed.returncode == 0, completed.stderr
    assert_no_traceback(completed.stdout, completed.stderr)
    assert completed.stdout == (
        f"{target}: 7 files, {target.stat().st_size} bytes, sha256 {sha256(target)}\n"
    )


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs Info-ZIP unzip")
def test_an_independent_unzip_reads_every_entry_and_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    target = tmp_path / "kit.zip"
    assert pack(capsys, str(kit), "-o", str(target))[0] == 0
    tested = subprocess.run(
        ["unzip", "-t", str(target)], capture_output=True, timeout=60, check=False
    )
    assert tested.returncode == 0, tested.stdout
    out = tmp_path / "out"
    unpacked = subprocess.run(
        ["unzip", "-q", str(target), "-d", str(out)], capture_output=True, timeout=60, check=False
    )
    assert unpacked.returncode == 0, unpacked.stderr
    assert (out / "stills" / f"{UTF8}.png").read_bytes() == (
        kit / "stills" / f"{UTF8}.png"
    ).read_bytes()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_kit_file_is_named_and_nothing_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = write_kit(tmp_path / "kit")
    (kit / "NOTICE").chmod(0)
    target = tmp_path / "kit.zip"
    status, out, err = pack(capsys, str(kit), "-o", str(target))
    assert (status, out) == (1, "")
    assert "'NOTICE' cannot be read" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit", "state"]


def test_a_file_gone_while_packing_is_named_and_nothing_is_left(tmp_path: Path) -> None:
    """What a kit file deleted between the listing and the copy does (also what an unreadable
    one does, which root, running these tests in CI containers, cannot be shown)."""
    present = tmp_path / "presskit.yaml"
    present.write_text("format: presskit/1.1\n", encoding="utf-8")
    entries = [
        PackEntry("presskit.yaml", present, present.stat().st_size, True),
        PackEntry("stills/gone.jpg", tmp_path / "gone.jpg", 10, False),
    ]
    target = tmp_path / "out" / "kit.zip"
    target.parent.mkdir()
    with pytest.raises(PackError, match=r"'stills/gone\.jpg' cannot be read"):
        write_pack(entries, target, replace=False)
    assert list(target.parent.iterdir()) == []
