"""``presskit --self-test KIT.zip`` opens the archive as the viewer does: extracted safely,
checked, and its temporary folder removed when the report is made."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import cast

import pytest

from app import selftest

FULL_KIT = Path(__file__).resolve().parent / "data" / "kits" / "full"


def zip_folder(folder: Path, archive: Path, top: str) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return archive


@pytest.fixture
def model_checks_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window, trailer and stills checks need a display and decoding; the opening under
    # test happens in "load", and "validate" proves the extracted files are readable.
    monkeypatch.setattr(selftest, "CHECKS", selftest.CHECKS[:2])


@pytest.mark.usefixtures("model_checks_only")
def test_a_zipped_kit_passes_and_leaves_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    archive = zip_folder(FULL_KIT, tmp_path / "full.zip", "Full Kit")
    report = selftest.run_checks(archive)
    checks = {c["name"]: c for c in cast(list[dict[str, object]], report["checks"])}
    assert checks["load"]["status"] == "pass", checks["load"]
    assert checks["validate"]["status"] == "pass", checks["validate"]
    assert report["kit"] == "Test Film"
    assert list(temp.iterdir()) == []


@pytest.mark.usefixtures("model_checks_only")
def test_a_refused_zip_fails_the_load_check_with_the_archive_message(tmp_path: Path) -> None:
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("kit/presskit.yaml", "format: presskit/1\n")
        zf.writestr("kit/a", "x")
        zf.writestr("kit/a/b", "y")
    report = selftest.run_checks(archive)
    load = cast(list[dict[str, object]], report["checks"])[0]
    assert load["status"] == "fail"
    assert load["detail"] == (
        "bad.zip: error: is refused: 'kit/a' is both a file and a folder in the archive"
    )
