"""The booth's public kit (nothing under embargo), its QR URL rules, and the watched folder's
rules (a file is taken only once it has settled; each version checked once; the newest good kit
at start) on real zip files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from app.model.booth_public import public_kit
from app.model.booth_qr import MAX_URL_CHARS, BoothUrlError, check_booth_url, qr_modules
from app.model.booth_watch import (
    StableFiles,
    ZipState,
    check_kit,
    list_zips,
    newest_good_kit,
)
from app.model.opening import open_kit_location

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
UTC = dt.timezone.utc


# -- the public kit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "stills", "videos", "artwork"),
    [
        # The kit's embargo (10 Jan 2030 14:00 UTC) holds everything without its own terms;
        # still 2's own embargo passed in 2024, and the trailer's own on 1 Jun 2025.
        (dt.datetime(2024, 1, 1, tzinfo=UTC), [], [], 0),
        (dt.datetime(2026, 1, 1, tzinfo=UTC), ["stills/02.jpg"], ["video/trailer.mp4"], 0),
        (dt.datetime(2030, 1, 10, 13, 59, 59, tzinfo=UTC), ["stills/02.jpg"], None, 0),
        # At the kit's embargo exactly: still 3 and the artwork; the interview waits to the 12th.
        (
            dt.datetime(2030, 1, 10, 14, tzinfo=UTC),
            ["stills/02.jpg", "stills/03.jpg"],
            ["video/trailer.mp4"],
            5,
        ),
        (
            dt.datetime(2030, 2, 1, tzinfo=UTC),
            ["stills/02.jpg", "stills/03.jpg"],
            ["video/trailer.mp4", "video/interview.mp4"],
            5,
        ),
    ],
)
def test_public_kit_leaves_out_everything_under_embargo(
    moment: dt.datetime, stills: list[str], videos: list[str] | None, artwork: int
) -> None:
    kit = open_kit_location(NIGHT_ORBIT).result.kit
    public = public_kit(kit, moment)
    assert [s.file_text for s in public.kit.stills] == stills
    if videos is not None:
        assert [v.file_text for v in public.kit.videos] == videos
    assert len(public.kit.artwork) == artwork
    assert public.withheld == (
        len(kit.stills) - len(stills) + len(kit.videos) - len(public.kit.videos) + 5 - artwork
    )
    # Nothing else of the kit changes; the trailer a single player shows is a public one.
    assert public.kit.film == kit.film and public.kit.quotes == kit.quotes
    assert public.kit.trailer in (*public.kit.videos, None)


def test_the_same_moment_gives_the_same_media_and_a_passed_embargo_does_not() -> None:
    kit = open_kit_location(NIGHT_ORBIT).result.kit
    before = public_kit(kit, dt.datetime(2030, 1, 10, 13, tzinfo=UTC))
    assert before.same_media(public_kit(kit, dt.datetime(2030, 1, 10, 13, 30, tzinfo=UTC)))
    after = public_kit(kit, dt.datetime(2030, 1, 10, 15, tzinfo=UTC))
    assert not after.same_media(before)
    assert not after.same_media(None)
    with pytest.raises(ValueError, match="aware"):
        public_kit(kit, dt.datetime(2030, 1, 1))


# -- the QR URL ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["https://example.org/kit", "http://press.example.com:8080/a?b=c#d", "HTTPS://X.ORG"]
)
def test_http_and_https_urls_are_shown(url: str) -> None:
    assert check_booth_url(url) == url
    modules = qr_modules(url)
    side = len(modules)
    assert all(len(row) == side for row in modules)
    # The four-module quiet zone: the outer four rows and columns are all light.
    for index in (0, 1, 2, 3, side - 4, side - 3, side - 2, side - 1):
        assert not any(modules[index])
        assert not any(row[index] for row in modules)
    assert modules[4][4]  # the top-left finder pattern starts right inside it


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.org/kit", "only http"),
        ("javascript:alert(1)", "only http"),
        ("example.org/kit", "only http"),
        ("https://", "no host"),
        ("https://example.org/a b", "spaces"),
        ("https://example.org/\x07", "control"),
        ("https://exämple.org/", "non-ASCII"),
        ("", "empty"),
        ("https://example.org/" + "a" * MAX_URL_CHARS, "characters long"),
    ],
)
def test_other_urls_are_refused_with_a_reason(url: str, why: str) -> None:
    with pytest.raises(BoothUrlError, match=why):
        check_booth_url(url)


# -- the watched folder ----------------------------------------------------------------------


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temporary folder for extractions, so a test can see each one come and go
    (other processes share the system's)."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def zip_kit(
    folder: Path, archive: Path, title: str | None = None, mtime: float | None = None
) -> Path:
    """night-orbit as a .zip, its title changed so each edition is told apart."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            if name == "presskit.yaml" and title:
                data = data.replace(b"title: Night Orbit", f"title: {title}".encode())
            out.writestr(name, data)
    if mtime is not None:
        os.utime(archive, (mtime, mtime))
    return archive


def broken_zip(archive: Path, mtime: float | None = None) -> Path:
    archive.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    if mtime is not None:
        os.utime(archive, (mtime, mtime))
    return archive


def test_a_file_is_ready_only_after_it_kept_its_size_and_time_for_5_seconds(
    tmp_path: Path,
) -> None:
    stable = StableFiles()
    growing = tmp_path / "new.zip"
    growing.write_bytes(b"PK" * 10)
    (tmp_path / ".partial.zip").write_bytes(b"PK")  # a sync client's temporary copy
    (tmp_path / "notes.txt").write_text("not a kit")
    assert set(list_zips(tmp_path)) == {growing}
    assert stable.update(list_zips(tmp_path), 0.0) == []
    for second in range(1, 12):  # still being written: it grows every second
        with growing.open("ab") as out:
            out.write(b"more")
        assert stable.update(list_zips(tmp_path), float(second)) == []
    assert stable.update(list_zips(tmp_path), 15.0) == []
    ready = stable.update(list_zips(tmp_path), 16.0)
    assert [path for path, _ in ready] == [growing]
    # Checked once in this version: never again while it stays as it is.
    assert stable.update(list_zips(tmp_path), 30.0) == []
    # A new version (same size, new time) is checked again once it has settled.
    os.utime(growing, ns=(0, growing.stat().st_mtime_ns + 1_000_000_000))
    assert stable.update(list_zips(tmp_path), 31.0) == []
    assert [path for path, _ in stable.update(list_zips(tmp_path), 36.0)] == [growing]


def test_ready_files_come_newest_first(tmp_path: Path) -> None:
    stable = StableFiles(stable_seconds=1)
    older = broken_zip(tmp_path / "b-older.zip", mtime=1_000_000)
    newer = broken_zip(tmp_path / "a-newer.zip", mtime=2_000_000)
    stable.update(list_zips(tmp_path), 0)
    assert [path for path, _ in stable.update(list_zips(tmp_path), 1)] == [newer, older]


def test_check_kit_opens_a_good_kit_and_names_a_broken_ones_problems(
    tmp_path: Path, temp_root: Path
) -> None:
    good = zip_kit(NIGHT_ORBIT, tmp_path / "good.zip", title="Edition Two")
    stat = good.stat()
    check = check_kit(good, ZipState(stat.st_size, stat.st_mtime_ns))
    assert check.good and check.opened is not None
    assert check.opened.result.kit.film.title == "Edition Two"
    temp = check.opened.extracted.temp_dir if check.opened.extracted else None
    assert temp is not None and temp.exists()
    check.opened.close()
    assert not temp.exists()
    assert list(temp_root.iterdir()) == []

    bad = broken_zip(tmp_path / "bad.zip")
    bad_check = check_kit(bad, ZipState(bad.stat().st_size, bad.stat().st_mtime_ns))
    assert not bad_check.good
    assert bad_check.problems and all(p.is_error for p in bad_check.problems)
    assert "bad.zip" in bad_check.problems[0].format()


def test_a_kit_with_errors_is_bad_and_its_extraction_removed(
    tmp_path: Path, temp_root: Path
) -> None:
    folder = tmp_path / "kit"
    shutil.copytree(NIGHT_ORBIT, folder)
    (folder / "stills" / "01.jpg").unlink()  # a still the manifest lists but the kit lacks
    archive = zip_kit(folder, tmp_path / "missing-still.zip")
    check = check_kit(archive, ZipState(archive.stat().st_size, archive.stat().st_mtime_ns))
    assert not check.good
    assert any("01.jpg" in p.format() for p in check.problems)
    assert list(temp_root.iterdir()) == []  # it was extracted to be checked, then removed


def test_at_start_the_newest_good_settled_kit_is_chosen(tmp_path: Path, temp_root: Path) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    now = 5_000_000.0
    zip_kit(NIGHT_ORBIT, watched / "old.zip", title="Old Edition", mtime=now - 3600)
    zip_kit(NIGHT_ORBIT, watched / "new.zip", title="New Edition", mtime=now - 600)
    broken_zip(watched / "newest-but-broken.zip", mtime=now - 60)
    zip_kit(NIGHT_ORBIT, watched / "still-copying.zip", title="Copying", mtime=now - 1)
    stable = StableFiles()
    check = newest_good_kit(watched, stable, wall_now=now)
    assert check is not None and check.opened is not None
    try:
        assert check.opened.result.kit.film.title == "New Edition"
    finally:
        check.opened.close()
    assert list(temp_root.iterdir()) == []  # the broken one left nothing either
    # What was checked at start is not checked again by the watch; the young file will be.
    listing = list_zips(watched)
    stable.update(listing, 0)
    ready = [path.name for path, _ in stable.update(listing, 10)]
    assert ready == ["still-copying.zip", "old.zip"]


def test_at_start_without_a_good_kit_there_is_none(tmp_path: Path) -> None:
    broken_zip(tmp_path / "bad.zip", mtime=1_000)
    assert newest_good_kit(tmp_path, StableFiles(), wall_now=10_000) is None
    assert newest_good_kit(tmp_path / "gone", StableFiles(), wall_now=10_000) is None
