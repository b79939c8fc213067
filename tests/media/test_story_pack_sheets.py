"""The story pack's one-sheet and contact sheet, read back as a journalist's tools read them:
poppler's pdftotext (the text is real text) and pdfinfo (pages, paper), on the night-orbit
kit and on kits built here to be hostile (markup, megabyte fields, words with no spaces)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage, QPageSize

from app.media.story_pack.contact_sheet import (
    PER_PAGE,
    ContactSheetEntry,
    page_count,
    write_contact_sheet,
)
from app.media.story_pack.one_sheet import page_size_for, write_one_sheet
from app.model.kit import CastMember, Contact, CrewMember, Film, PressKit, Rights, Synopsis
from app.model.loader import load_press_kit
from app.model.sheet_text import cut, one_sheet_text, terms_line

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
MARKUP = '<b>NO</b> <img src="/dev/zero"> &amp;'

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils reads the PDFs back",
)


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def flat(text: str) -> str:
    """pdftotext's lines joined: a wrapped phrase is found whatever the line breaks."""
    return " ".join(text.split())


@pytest.fixture
def night_orbit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


def hostile_kit(root: Path) -> PressKit:
    """Every field huge, markup in every one, and a title that is one 5,000-letter word."""
    paragraph = (MARKUP + " A sentence that goes on. ") * 4000
    return PressKit(
        root=root,
        manifest=root / "presskit.yaml",
        film=Film(
            title="Orbit" * 1000,
            tagline=MARKUP * 300,
            logline=paragraph,
            genres=tuple(f"Genre {n} {MARKUP}" for n in range(200)),
            runtime_minutes=97,
            distributor=paragraph,
        ),
        synopsis=Synopsis(short=paragraph, long=paragraph),
        cast=tuple(CastMember(f"Actor {n} {MARKUP}", paragraph) for n in range(300)),
        crew=(CrewMember("Director " + MARKUP + "x" * 3000, "Director"),),
        contacts=tuple(
            Contact(f"Contact {n}", paragraph, "a@example.com", "+1 555", paragraph)
            for n in range(50)
        ),
        rights=Rights(usage=paragraph, copyright=paragraph),
    )


# -- one-sheet -------------------------------------------------------------------------------


def test_one_sheet_says_what_a_journalist_needs_as_selectable_text(
    qapp: object, night_orbit: PressKit, tmp_path: Path
) -> None:
    path = tmp_path / "one-sheet.pdf"
    write_one_sheet(night_orbit, path, QLocale("de_DE"))
    text = flat(pdf_text(path))
    for wanted in (
        "Night Orbit",
        "Six hours of darkness. One way home.",
        "two-person crew must bring it home by hand",  # logline
        "Two astronauts fly a dead supply ship home",  # short synopsis
        "Ingrid Example",  # director
        "Ola Example as Commander Lind",
        "Åsmund Ødegård-Example as Engineer Berg",  # UTF-8 survives into the PDF's text
        "press@example.com",
        "Editorial use only, in connection with the film's release",
        "© 2030 Example Pictures",
        "Running time: 97 minutes",
        "the film's release",  # "fi" as two letters: no ligature glyph in the text
    ):
        assert wanted in text, wanted
    assert pdf_info(path)["Pages"] == "1"
    # A passed or coming embargo is not the sheet's to say: the pack writes none anywhere.
    assert "2030-01-10" not in text and "embargo" not in text.lower()


@pytest.mark.parametrize(
    ("locale", "paper"),
    [
        ("en_US", "letter"),
        ("en_CA", "letter"),
        ("es_MX", "letter"),
        ("en_GB", "A4"),
        ("de_DE", "A4"),
        ("nb_NO", "A4"),
    ],
)
def test_paper_follows_the_readers_locale(
    qapp: object, night_orbit: PressKit, tmp_path: Path, locale: str, paper: str
) -> None:
    expected = QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4
    assert page_size_for(QLocale(locale)).id() == expected
    path = tmp_path / f"{locale}.pdf"
    write_one_sheet(night_orbit, path, QLocale(locale))
    assert f"({paper})" in pdf_info(path)["Page size"]


def test_hostile_kit_still_makes_one_page_and_prints_markup_as_characters(
    qapp: object, tmp_path: Path
) -> None:
    path = tmp_path / "one-sheet.pdf"
    write_one_sheet(hostile_kit(tmp_path), path, QLocale("en_US"))
    assert pdf_info(path)["Pages"] == "1"
    text = pdf_text(path)
    assert "<b>NO</b>" in flat(text)  # the markup's own characters, never interpreted
    assert "Orbit" in text and "Actor 0" in text and "Contact 0" in text
    assert "…" in text  # what did not fit is cut visibly, not silently


def test_one_sheet_without_key_art_or_rights_still_has_its_text(
    qapp: object, tmp_path: Path
) -> None:
    kit = PressKit(
        root=tmp_path, manifest=tmp_path / "presskit.yaml", film=Film("Bare"), synopsis=Synopsis()
    )
    path = tmp_path / "bare.pdf"
    write_one_sheet(kit, path)
    assert "Bare" in pdf_text(path)
    assert pdf_info(path)["Pages"] == "1"


def test_one_sheet_to_an_unwritable_place_raises_oserror(
    qapp: object, night_orbit: PressKit, tmp_path: Path
) -> None:
    with pytest.raises(OSError, match="cannot be written"):
        write_one_sheet(night_orbit, tmp_path / "no-such-folder" / "one-sheet.pdf")


def test_sheet_text_caps_every_field_and_shrinks_with_the_budget(tmp_path: Path) -> None:
    kit = hostile_kit(tmp_path)
    full, small = one_sheet_text(kit, 1.0), one_sheet_text(kit, 0.2)
    assert len(full.synopsis) <= 1400 and len(small.synopsis) <= 280
    assert len(full.cast) == 6 and len(full.contacts) == 4
    assert full.director.startswith("Director <b>NO</b>")
    assert cut("alpha beta gamma delta", 20) == "alpha beta gamma…"  # at a space
    assert cut("abcdefghij" * 3, 10) == "abcdefghi…"  # inside a word with no space near
    assert cut("  spaced\n\nout  ", 50) == "spaced out"
    assert cut(None, 10) == ""


def test_terms_line_never_names_the_embargo(night_orbit: PressKit) -> None:
    line = terms_line(night_orbit)
    assert line.startswith("Editorial use only") and "© 2030 Example Pictures" in line
    embargoed = night_orbit._replace(
        rights=Rights(usage="Use freely.", embargo=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    )
    assert terms_line(embargoed) == "Use freely."


# -- contact sheet ---------------------------------------------------------------------------


def entries_of(kit: PressKit, count: int) -> list[ContactSheetEntry]:
    stills = [still for still in kit.stills if still.file is not None]
    made = []
    for number in range(1, count + 1):
        still = stills[(number - 1) % len(stills)]
        assert still.file is not None
        made.append(
            ContactSheetEntry(
                f"Still {number:02d}", still.file.path, still.caption or "", still.credit or ""
            )
        )
    return made


@pytest.mark.parametrize(("count", "pages"), [(1, 1), (9, 1), (40, 4)])
def test_contact_sheet_pages_hold_every_still_with_number_caption_and_credit(
    qapp: object, night_orbit: PressKit, tmp_path: Path, count: int, pages: int
) -> None:
    path = tmp_path / "contact-sheet.pdf"
    write_contact_sheet(night_orbit, entries_of(night_orbit, count), path, QLocale("en_US"))
    assert pdf_info(path)["Pages"] == str(pages) == str(page_count(count))
    for page in range(1, pages + 1):
        text = flat(pdf_text(path, page))
        # Every page is headed by the film and its terms: a stray printed page still says them.
        assert text.startswith("Night Orbit")
        assert "Editorial use only" in text and f"page {page} of {pages}" in text
        first, last = (page - 1) * PER_PAGE + 1, min(count, page * PER_PAGE)
        for number in range(first, last + 1):
            assert f"Still {number:02d}" in text
        assert f"Still {last + 1:02d}" not in text
    text = flat(pdf_text(path))
    assert "Commander Lind at the window" in text
    assert "Photo by Kari Example / Example Pictures" in text


def test_contact_sheet_survives_a_bad_image_and_hostile_text(qapp: object, tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("darkblue"))
    assert image.save(str(good), "JPEG")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff not really a jpeg")
    kit = hostile_kit(tmp_path)
    entries = [
        ContactSheetEntry("Still 01", good, MARKUP * 500, "x" * 5000),
        ContactSheetEntry("Still 02", bad, "Caption of the bad one", "Credit"),
        ContactSheetEntry("Still 03", tmp_path / "missing.jpg", "Gone", "Credit"),
    ]
    path = tmp_path / "contact-sheet.pdf"
    write_contact_sheet(kit, entries, path)
    assert pdf_info(path)["Pages"] == "1"
    text = flat(pdf_text(path))
    assert "<b>NO</b>" in text and "Caption of the bad one" in text
    assert text.count("This still cannot be read.") == 2
    assert "…" in text  # the long caption is cut to its three lines


def test_contact_sheet_of_nothing_says_so(
    qapp: object, night_orbit: PressKit, tmp_path: Path
) -> None:
    path = tmp_path / "empty.pdf"
    write_contact_sheet(night_orbit, [], path)
    assert pdf_info(path)["Pages"] == "1"
    assert "No stills were chosen." in pdf_text(path)


def test_wrap_lines_breaks_a_spaceless_run_and_elides_the_last_line(
    qapp: object, tmp_path: Path
) -> None:
    from app.media.story_pack.contact_sheet import wrap_lines
    from app.media.story_pack.one_sheet import mm, open_pdf, print_font

    writer, painter = open_pdf(tmp_path / "scratch.pdf", "scratch", None)
    try:
        font = print_font(8)
        lines = wrap_lines("x" * 5000, font, writer, mm(50), 3)
        assert len(lines) == 3 and lines[-1].endswith("…")
        assert all(len(line) < 200 for line in lines)  # broken inside the run, not left whole
        assert wrap_lines("Short words fit.", font, writer, mm(50), 3) == ["Short words fit."]
    finally:
        painter.end()
