"""Writing a story pack with the real engine: every file read back by exiftool (XMP and IIM,
UTF-8 intact), decoded pixels compared, web-size JPEGs measured, zips opened, and a cancel or a
failure shown to leave nothing behind."""

from __future__ import annotations

import datetime as dt
import errno
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QColorSpace, QImage

from app.media.headless import ensure_headless_app
from app.media.story_pack.writer import (
    PackCancelled,
    PackRefused,
    PackResult,
    PackWriteError,
    write_pack,
)
from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.story_pack import PackOptions, PackPlan, plan_pack
from tests.model.conftest import MakeKit, make_kit  # noqa: F401  (the fixture, shared)
from tests.model.image_samples import decoded, exiftool, exiftool_read, needs_exiftool
from tests.model.kit_1_1 import MANIFEST_1_1, make_kit_1_1

NOW = dt.datetime(2030, 2, 1, tzinfo=dt.timezone.utc)  # every embargo of the test kit has passed
CAPTION = "Ola Example and Åsa Ødegård in the cupola; the crew's last night."
PHOTOGRAPHER = "Pilou Asbæk"

MANIFEST = MANIFEST_1_1.replace("photographer: Kari Example", f"photographer: {PHOTOGRAPHER}")
MANIFEST = MANIFEST.replace(
    "  - file: stills/01.jpg\n", f"  - file: stills/01.jpg\n    caption: {CAPTION}\n"
)
MANIFEST = MANIFEST.replace(
    "stills/02.png, credit: Photo by Kari Example}",
    "stills/02.png, credit: Photo by Kari Example, alt: Two people at a console.}",
)


@pytest.fixture(autouse=True)
def qt_app() -> None:
    ensure_headless_app()


@pytest.fixture
def kit(make_kit: MakeKit) -> PressKit:  # noqa: F811
    return load_press_kit(make_kit_1_1(make_kit, MANIFEST)).kit


def no_progress(done: int, total: int) -> None:
    assert 0 <= done <= total


def never() -> bool:
    return False


def write(kit: PressKit, out: Path, **options: object) -> tuple[PackPlan, PackResult]:
    plan = plan_pack(kit, PackOptions(**options), NOW)  # type: ignore[arg-type]
    return plan, write_pack(kit, plan, out, no_progress, never)


def leftovers(folder: Path, *expected: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


@needs_exiftool
def test_original_size_files_carry_every_field_and_the_original_pixels(
    kit: PressKit, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    _plan, result = write(kit, out, artwork="all")
    assert result.images == 4 and result.left_out == ()
    still = (
        out / "test-film_still01_ola-example-and-asa-odegard-in-the-cupola-the-crew-s-last-ni.jpg"
    )
    tags = exiftool_read(still)
    assert tags["XMP-dc:Description"] == CAPTION
    assert tags["XMP-photoshop:Credit"] == "Photo by Kari Example"
    assert tags["XMP-dc:Creator"] == PHOTOGRAPHER
    assert tags["XMP-dc:Rights"] == "© 2030 Kari Example"
    assert tags["XMP-xmpRights:UsageTerms"] == "Not before the premiere."
    assert tags["XMP-iptcExt:PersonInImage"] == ["Ola Example", "Åsa Ødegård"]
    assert tags["XMP-dc:Title"] == "Test Film"
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Caption-Abstract"] == CAPTION
    assert tags["IPTC:By-line"] == PHOTOGRAPHER
    assert tags["IPTC:Credit"] == "Photo by Kari Example"
    assert tags["IPTC:CopyrightNotice"] == "© 2030 Kari Example"
    # The journalist's own marks never reach a file.
    assert not [key for key in tags if key.endswith((":Rating", ":Label", ":Pick"))]
    source = kit.stills[0].file
    assert source is not None
    assert decoded(still) == decoded(source.path)

    png = exiftool_read(out / "test-film_still02.png")
    assert png["XMP-iptcCore:AltTextAccessibility"] == "Two people at a console."
    assert png["XMP-xmpRights:UsageTerms"] == "Editorial use only."
    assert decoded(out / "test-film_still02.png") == decoded(kit.stills[1].file.path)  # type: ignore[union-attr]
    webp = exiftool_read(out / "test-film_art02_the-logo.webp")
    assert webp["XMP-dc:Description"] == "The logo."
    assert webp["XMP-dc:Title"] == "Test Film"
    names = {p.name for p in out.iterdir()}
    assert {
        "credits.csv",
        "captions.txt",
        "facts.txt",
        "README.txt",
        "one-sheet.pdf",
        "contact-sheet.pdf",
        "test-film_art01_key-art.jpg",
    } <= names
    assert names == set(result.files)
    assert leftovers(tmp_path, "pack", "kit0") == []


def test_original_keeps_the_studios_other_metadata(kit: PressKit, tmp_path: Path) -> None:
    source = kit.stills[0].file
    assert source is not None
    exiftool("-XMP-photoshop:City=Houston", "-IPTC:Keywords=space", source.path)
    _plan, _result = write(kit, tmp_path / "pack", stills=(1,))
    tags = exiftool_read(next((tmp_path / "pack").glob("*.jpg")))
    assert tags["XMP-photoshop:City"] == "Houston" and tags["IPTC:Keywords"] == "space"
    assert tags["XMP-dc:Description"] == CAPTION


def big_photo(path: Path, width: int, height: int, space: QColorSpace.NamedColorSpace) -> None:
    """A photo-sized JPEG with a pattern in every pixel, tagged with ``space``'s profile."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 40, 40))
    for x in range(0, width, 7):
        for y in range(0, height, 97):
            image.setPixelColor(x, y, QColor(x % 256, y % 256, 90))
    image.setColorSpace(QColorSpace(space))
    assert image.save(str(path), "JPEG", 92)


@needs_exiftool
def test_web_size_is_an_srgb_jpeg_at_most_2048_with_orientation_applied(
    kit: PressKit, tmp_path: Path
) -> None:
    source = kit.stills[0].file
    assert source is not None
    big_photo(source.path, 3000, 2000, QColorSpace.NamedColorSpace.AdobeRgb)
    exiftool("-Orientation#=6", source.path)  # stored landscape, shown portrait
    _plan, result = write(kit, tmp_path / "pack", size="web", artwork="all")
    assert result.images == 4
    for name in result.files[:4]:
        assert name.endswith(".jpg"), name
        tags = exiftool_read(tmp_path / "pack" / name)
        assert tags["File:FileType"] == "JPEG"
        assert "sRGB" in str(tags.get("ICC_Profile:ProfileDescription")), tags
        assert max(tags["File:ImageWidth"], tags["File:ImageHeight"]) <= 2048
        assert "IFD0:Orientation" not in tags  # the pixels are turned; nothing to turn again
    still = exiftool_read(tmp_path / "pack" / result.files[0])
    assert (still["File:ImageWidth"], still["File:ImageHeight"]) == (1365, 2048)
    assert (still["XMP-iptcExt:MaxAvailWidth"], still["XMP-iptcExt:MaxAvailHeight"]) == (
        2000,
        3000,
    )
    assert still["XMP-dc:Description"] == CAPTION
    assert still["IPTC:By-line"] == PHOTOGRAPHER
    # The Adobe RGB red became the sRGB red a browser shows for it (more saturated than 200).
    pixel = QImage(str(tmp_path / "pack" / result.files[0])).pixelColor(5, 1000)
    assert pixel.red() > 215 and pixel.green() < 40


def test_zip_holds_the_pack_in_one_folder(kit: PressKit, tmp_path: Path) -> None:
    out = tmp_path / "story.zip"
    _plan, result = write(kit, out, as_zip=True)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [f"story/{name}" for name in result.files]
        image = archive.getinfo(f"story/{result.files[0]}")
        assert image.compress_type == zipfile.ZIP_STORED
        assert archive.read("story/credits.csv").startswith(b"\xef\xbb\xbf")
        with archive.open(f"story/{result.files[1]}") as member:
            assert member.read(8) == b"\x89PNG\r\n\x1a\n"
    assert leftovers(tmp_path, "story.zip", "kit0") == []


@pytest.mark.parametrize("as_zip", [False, True])
@pytest.mark.parametrize("stop_after", [0, 1, 3, 6])
def test_cancel_leaves_nothing(
    kit: PressKit, tmp_path: Path, as_zip: bool, stop_after: int
) -> None:
    plan = plan_pack(kit, PackOptions(artwork="all", as_zip=as_zip), NOW)
    steps: list[int] = []
    with pytest.raises(PackCancelled):
        write_pack(
            kit,
            plan,
            tmp_path / "out",
            lambda done, total: steps.append(done),
            lambda: len(steps) >= stop_after,
        )
    assert len(steps) == stop_after
    assert leftovers(tmp_path, "kit0") == []


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_failure_midway_leaves_nothing_and_keeps_the_pack_it_would_replace(
    kit: PressKit, tmp_path: Path, as_zip: bool
) -> None:
    out = tmp_path / "out"
    if as_zip:
        out.write_bytes(b"the earlier pack")
    else:
        out.mkdir()
        (out / "earlier.jpg").write_bytes(b"the earlier pack")
    plan = plan_pack(kit, PackOptions(artwork="all", as_zip=as_zip), NOW)

    def disk_full(done: int, total: int) -> None:
        # A full disk cannot be made here; it arrives as the OSError the write would raise.
        if done == 5:
            raise OSError(errno.ENOSPC, "No space left on device", str(out))

    with pytest.raises(PackWriteError, match="No space left on device"):
        write_pack(kit, plan, out, disk_full, never)
    assert leftovers(tmp_path, "kit0") == ["out"]
    earlier = out if as_zip else out / "earlier.jpg"
    assert earlier.read_bytes() == b"the earlier pack"


def test_force_replaces_the_earlier_pack_whole(kit: PressKit, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.jpg").write_bytes(b"stale")
    write(kit, out)
    assert not (out / "stale.jpg").exists()
    assert (out / "README.txt").is_file()
    assert leftovers(tmp_path, "out", "kit0") == []


def test_a_damaged_image_is_left_out_and_the_rest_written(kit: PressKit, tmp_path: Path) -> None:
    damaged = kit.stills[1].file
    assert damaged is not None
    damaged.path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 40)
    plan, result = write(kit, tmp_path / "pack")
    assert plan.left_out == ()
    assert [left.label for left in result.left_out] == ["stills #2"]
    assert result.left_out[0].reason.startswith("stills/02.png: ")
    assert result.images == 1
    assert not list((tmp_path / "pack").glob("*still02*"))
    csv_text = (tmp_path / "pack" / "credits.csv").read_text("utf-8-sig")
    assert "still02" not in csv_text


def test_nothing_to_write_is_refused_before_anything_is_made(kit: PressKit, tmp_path: Path) -> None:
    plan = plan_pack(kit, PackOptions(stills="picks"), NOW)
    with pytest.raises(PackRefused):
        write_pack(kit, plan, tmp_path / "out", no_progress, never)
    early = plan_pack(kit, PackOptions(), dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
    with pytest.raises(PackRefused, match="under embargo until"):
        write_pack(kit, early, tmp_path / "out", no_progress, never)
    assert leftovers(tmp_path, "kit0") == []


def test_web_size_puts_a_transparent_image_on_white(kit: PressKit, tmp_path: Path) -> None:
    source = kit.stills[1].file  # stills/02.png
    assert source is not None
    image = QImage(300, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))  # fully transparent: black if the alpha were dropped
    for x in range(100, 200):
        for y in range(50, 150):
            image.setPixelColor(x, y, QColor(20, 40, 200))
    assert image.save(str(source.path), "PNG")
    _plan, result = write(kit, tmp_path / "pack", stills=(2,), size="web")
    web = QImage(str(tmp_path / "pack" / result.files[0]))
    assert result.files[0] == "test-film_still02.jpg"
    assert (web.width(), web.height()) == (300, 200)  # never enlarged
    corner, centre = web.pixelColor(5, 5), web.pixelColor(150, 100)
    assert min(corner.red(), corner.green(), corner.blue()) > 245
    assert centre.blue() > 180 and centre.red() < 60


def test_a_place_that_cannot_hold_the_pack_is_a_write_error(kit: PressKit, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    plan = plan_pack(kit, PackOptions(), NOW)
    with pytest.raises(PackWriteError, match="Not a directory"):
        write_pack(kit, plan, blocker / "pack", no_progress, never)
    assert leftovers(tmp_path, "kit0", "a-file") == []


def test_credits_csv_gives_the_size_each_file_was_written_at(kit: PressKit, tmp_path: Path) -> None:
    import csv

    source = kit.stills[0].file
    assert source is not None
    big_photo(source.path, 4096, 1024, QColorSpace.NamedColorSpace.SRgb)
    out = tmp_path / "pack.zip"
    write(kit, out, size="web", as_zip=True)
    with zipfile.ZipFile(out) as archive:
        text = archive.read("pack/credits.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert (rows[0]["width"], rows[0]["height"]) == ("2048", "512")
    assert rows[0]["photographer"] == PHOTOGRAPHER


@needs_exiftool
def test_iim_is_cut_at_a_character_and_xmp_keeps_the_whole_text(
    make_kit: MakeKit,  # noqa: F811
    tmp_path: Path,
) -> None:
    credit = "Photo: Åsa Ødegård-Asbæk / Ærø Pictures International"  # over IIM's 32 bytes
    manifest = MANIFEST.replace("credit: Photo by Kari Example\n", f"credit: '{credit}'\n", 1)
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    _plan, result = write(kit, tmp_path / "pack", stills=(1,))
    tags = exiftool_read(tmp_path / "pack" / result.files[0])
    assert tags["XMP-photoshop:Credit"] == credit
    iim = tags["IPTC:Credit"]
    assert credit.startswith(iim) and 28 <= len(iim.encode("utf-8")) <= 32
