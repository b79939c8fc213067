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
    assert result.written == ["01.jpg", "credits.csv", "captions.txt"]
    assert result.listed == ["01.jpg"]  # what is in the folder is credited
    assert not list(out.glob(".*partial"))


def test_cancel_stops_after_the_current_file(tmp_path: Path, stills: list[Still]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = export_stills(stills, out, progress=lambda done, total: False)
    assert result.cancelled
    assert result.written == ["01.jpg", "credits.csv", "captions.txt"]
    assert result.listed == ["01.jpg"]


# -- the folder's credit files list every still in it -------------------------------------------


def _kit_stills(folder: Path, count: int) -> list[Still]:
    folder.mkdir(exist_ok=True)
    return [
        still(folder, f"{n:02}.jpg", f"Caption {n}, with a comma", f"Photo {n}", b"x" * n)
        for n in range(1, count + 1)
    ]


def _listed(out: Path) -> list[str]:
    raw = (out / "credits.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    text = raw[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # CRLF line ends only (RFC 4180)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["file", "caption", "credit"]
    captions = (out / "captions.txt").read_text(encoding="utf-8").split("\n\n")
    assert [block.split("\n")[0] for block in captions if block] == [row[0] for row in rows[1:]]
    return [row[0] for row in rows[1:]]


@pytest.mark.parametrize("skip_existing", [True, False], ids=["keep existing", "replace"])
def test_exporting_3_then_all_12_credits_all_12(tmp_path: Path, skip_existing: bool) -> None:
    stills = _kit_stills(tmp_path / "kit", 12)
    out = tmp_path / "out"
    out.mkdir()
    export_stills(stills[:3], out)
    assert _listed(out) == ["01.jpg", "02.jpg", "03.jpg"]
    (out / "01.jpg").write_bytes(b"changed by hand")
    result = export_stills(stills, out, skip_existing=skip_existing)
    assert _listed(out) == [f"{n:02}.jpg" for n in range(1, 13)]
    assert result.listed == _listed(out)
    if skip_existing:
        assert result.kept == ["01.jpg", "02.jpg", "03.jpg"]
        assert (out / "01.jpg").read_bytes() == b"changed by hand"
    else:
        assert result.kept == []
        assert (out / "01.jpg").read_bytes() == b"x"
    assert "credits.csv" in result.written and "captions.txt" in result.written


def test_an_earlier_exports_stills_stay_credited_while_they_are_in_the_folder(
    tmp_path: Path,
) -> None:
    stills = _kit_stills(tmp_path / "kit", 5)
    out = tmp_path / "out"
    out.mkdir()
    export_stills(stills[:2], out)
    (out / "02.jpg").unlink()  # deleted by the journalist: no longer credited
    export_stills(stills[3:], out)
    assert _listed(out) == ["01.jpg", "04.jpg", "05.jpg"]
    rows = list(csv.reader(io.StringIO((out / "credits.csv").read_text("utf-8-sig"), newline="")))
    assert rows[1] == ["01.jpg", "Caption 1, with a comma", "Photo 1"]


def test_the_kits_caption_and_credit_win_over_an_earlier_exports(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    export_stills([still(kit, "a.jpg", "Old caption", "Old credit")], out)
    export_stills([still(kit, "a.jpg", "New caption", "New credit")], out, skip_existing=True)
    text = (out / "credits.csv").read_text("utf-8-sig")
    assert "New credit" in text and "Old credit" not in text
    assert "New caption" in (out / "captions.txt").read_text("utf-8")


@pytest.mark.parametrize(
    "foreign",
    [
        b"name;notes\r\nsomething;else\r\n",  # another program's file of the same name
        b"\xff\xfe not utf-8 \x80",
        b"",
    ],
    ids=["other header", "not UTF-8", "empty"],
)
def test_a_credits_csv_that_is_not_ours_is_written_anew(tmp_path: Path, foreign: bytes) -> None:
    stills = _kit_stills(tmp_path / "kit", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "credits.csv").write_bytes(foreign)
    result = export_stills(stills, out)
    assert result.error is None
    assert _listed(out) == ["01.jpg", "02.jpg"]


def test_a_row_naming_a_file_outside_the_folder_is_not_carried_over(tmp_path: Path) -> None:
    stills = _kit_stills(tmp_path / "kit", 1)
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.jpg").write_bytes(b"x")
    (out / "credits.csv").write_text(
        "file,caption,credit\r\n../elsewhere.jpg,c,d\r\nsub,c,d\r\n", encoding="utf-8"
    )
    (out / "sub").mkdir()
    export_stills(stills, out)
    assert _listed(out) == ["01.jpg"]
