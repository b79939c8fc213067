"""Export for journalists: originals unchanged, credits.csv and captions.txt, nothing partial."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app.model.export import captions_txt, credits_csv, export_stills
from app.model.kit import KitFile, Still


def still(folder: Path, name: str, caption: str, credit: str, data: bytes = b"jpeg") -> Still:
    path = folder / name
    path.write_bytes(data)
    info = path.stat()
    kit_file = KitFile(f"stills/{name}", path, info.st_size, info.st_mtime_ns)
    return Still(f"stills/{name}", kit_file, caption, credit, None)


@pytest.fixture
def stills(tmp_path: Path) -> list[Still]:
    source = tmp_path / "kit"
    source.mkdir()
    return [
        still(source, "01.jpg", 'Caption with "quotes", a comma', "Photo: A. Person", b"one"),
        still(source, "02.jpg", "Multi\nline caption", "Crédit — ünïcode", b"two"),
        Still("stills/missing.jpg", None, "Missing", "Nobody", None, "does not exist"),
    ]


def test_credits_csv_is_rfc4180_utf8(stills: list[Still]) -> None:
    text = credits_csv(stills)
    assert text.startswith("file,caption,credit\r\n")
    assert '"Caption with ""quotes"", a comma"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["01.jpg", 'Caption with "quotes", a comma', "Photo: A. Person"]
    assert rows[2] == ["02.jpg", "Multi\nline caption", "Crédit — ünïcode"]
    assert len(rows) == 3  # the missing still is not exported


def test_captions_txt_blocks(stills: list[Still]) -> None:
    assert captions_txt(stills[:1]) == (
        '01.jpg\nCaption with "quotes", a comma\nPhoto: A. Person\n\n'
    )


def test_export_copies_originals_unchanged(tmp_path: Path, stills: list[Still]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = export_stills(stills, out)
    assert result.error is None and not result.cancelled
    assert result.written == ["01.jpg", "02.jpg", "credits.csv", "captions.txt"]
    assert (out / "01.jpg").read_bytes() == b"one"
    assert (out / "credits.csv").read_bytes().decode("utf-8").count("\r\n") >= 3
    assert not list(out.glob(".*partial"))


def test_skip_existing_keeps_the_file_there(tmp_path: Path, stills: list[Still]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "01.jpg").write_bytes(b"keep me")
    result = export_stills(stills, out, skip_existing=True)
    assert (out / "01.jpg").read_bytes() == b"keep me"
    assert "01.jpg" not in result.written


def test_failure_midway_reports_what_was_written_and_leaves_no_partial(
    tmp_path: Path, stills: list[Still]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "02.jpg").mkdir()  # a folder where the file must go: the rename fails
    result = export_stills(stills, out)
    assert result.error is not None
    assert result.written == ["01.jpg"]
    assert not list(out.glob(".*partial"))


def test_cancel_stops_after_the_current_file(tmp_path: Path, stills: list[Still]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = export_stills(stills, out, progress=lambda done, total: False)
    assert result.cancelled
    assert result.written == ["01.jpg"]
