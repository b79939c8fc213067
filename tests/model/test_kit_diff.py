"""``diff_kits`` on real editions: a copy of the Night Orbit kit edited as a publicist would
(a caption reworded, a still re-exported under its name, an embargo added, credits edited), read
by the real loader, compared with the untouched kit."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.kit import KitFile, PressKit
from app.model.kit_diff import Change, diff_kits, item_base, item_fields, single_fields
from app.model.kit_diff_lists import LIST_SPECS
from app.model.kit_diff_media import FileDigests
from app.model.loader import load_press_kit
from app.model.search_fields import kit_fields

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"

Edit = Callable[..., PressKit]


def load(root: Path) -> PressKit:
    result = load_press_kit(root)
    assert [p.format() for p in result.errors] == []
    return result.kit


@pytest.fixture(scope="module")
def old() -> PressKit:
    return load(NIGHT_ORBIT)


@pytest.fixture
def edit(tmp_path: Path) -> Edit:
    """``edit((old, new), …, files={path: bytes})``: a new edition of Night Orbit, loaded."""

    editions: list[Path] = []

    def make(*replacements: tuple[str, str], files: dict[str, bytes] | None = None) -> PressKit:
        root = Path(shutil.copytree(NIGHT_ORBIT, tmp_path / f"edition-{len(editions) + 1}"))
        editions.append(root)
        manifest = root / "presskit.yaml"
        text = manifest.read_text(encoding="utf-8")
        for before, after in replacements:
            assert before in text, before
            text = text.replace(before, after, 1)
        manifest.write_text(text, encoding="utf-8")
        for name, content in (files or {}).items():
            (root / name).write_bytes(content)
        return load(root)

    return make


def lines(changes: list[Change]) -> list[str]:
    return [change.line() for change in changes]


def test_the_same_edition_says_the_same(old: PressKit, tmp_path: Path) -> None:
    copy = load(Path(shutil.copytree(NIGHT_ORBIT, tmp_path / "copy")))
    assert diff_kits(old, copy) == []


def test_a_changed_caption_shows_old_and_new_text(old: PressKit, edit: Edit) -> None:
    new = edit(("caption: Ground control at dawn.", "caption: Ground control at first light."))
    assert lines(diff_kits(old, new)) == [
        'stills #3 caption: "Ground control at dawn." → "Ground control at first light."'
    ]


def test_a_still_replaced_under_its_name_is_found_by_its_bytes(old: PressKit, edit: Edit) -> None:
    original = (NIGHT_ORBIT / "stills" / "02.jpg").read_bytes()
    # Same size, one byte of the image data changed: only the content tells them apart.
    retouched = original[:-10] + bytes([original[-10] ^ 0xFF]) + original[-9:]
    assert len(retouched) == len(original)
    new = edit(files={"stills/02.jpg": retouched})
    assert lines(diff_kits(old, new)) == [
        "stills #2: replaced stills/02.jpg (same name, different content)"
    ]
    # A file of another size is replaced too, without reading it.
    bigger = edit(files={"stills/02.jpg": original + b"\0"})
    assert lines(diff_kits(old, bigger)) == [
        "stills #2: replaced stills/02.jpg (same name, different content)"
    ]


def test_a_new_embargo_on_a_still_and_a_changed_kit_embargo(old: PressKit, edit: Edit) -> None:
    new = edit(
        (
            "alt: A dark green frame with a horizon line.",
            "alt: A dark green frame with a horizon line.\n    embargo: 2030-02-01T08:00:00Z",
        ),
        ("embargo: 2030-01-10T09:00:00-05:00", "embargo: 2030-01-11T09:00:00-05:00"),
    )
    assert lines(diff_kits(old, new)) == [
        "rights embargo: 2030-01-10T09:00:00-05:00 → 2030-01-11T09:00:00-05:00",
        "stills #3 embargo: added 2030-02-01T08:00:00Z",
    ]


def test_the_same_moment_in_another_offset_is_no_change(old: PressKit, edit: Edit) -> None:
    new = edit(("embargo: 2030-01-10T09:00:00-05:00", "embargo: 2030-01-10T14:00:00Z"))
    assert diff_kits(old, new) == []


def test_terms_of_the_kit_and_of_an_item(old: PressKit, edit: Edit) -> None:
    new = edit(
        ("copyright: © 2030 Example Pictures. All", "copyright: © 2031 Example Pictures. All"),
        ("    usage: Excerpts up to 30 seconds.\n", ""),
    )
    assert lines(diff_kits(old, new)) == [
        'rights copyright: "© 2030 Example Pictures. All rights reserved." → '
        '"© 2031 Example Pictures. All rights reserved."',
        'videos #2 usage: removed "Excerpts up to 30 seconds."',
    ]


def test_credits_added_removed_and_a_role_changed(old: PressKit, edit: Edit) -> None:
    new = edit(
        ("role: Engineer Berg", "role: Chief Engineer Berg"),
        ("    - {name: Sunniva Example, role: Ground control}\n", ""),
        (
            "    - {name: Mette Example, job: Editing}\n",
            "    - {name: Mette Example, job: Editing}\n"
            "    - {name: Nils Example, job: Original music}\n",
        ),
    )
    assert lines(diff_kits(old, new)) == [
        'credits cast #2: "Åsmund Ødegård-Example as Engineer Berg" → '
        '"Åsmund Ødegård-Example as Chief Engineer Berg"',
        'credits cast #3: removed "Sunniva Example as Ground control"',
        'credits crew #5: added "Original music — Nils Example"',
    ]


def test_a_reordering_is_moves_not_a_change_of_every_row(old: PressKit, edit: Edit) -> None:
    first = "    - {name: Ola Example, role: Commander Lind}\n"
    new = edit(
        (first, ""),
        (
            "    - {name: Sunniva Example, role: Ground control}\n",
            "    - {name: Sunniva Example, role: Ground control}\n" + first,
        ),
    )
    # Ola went from first to last: one move, the two others kept their order.
    assert lines(diff_kits(old, new)) == ["credits cast #3: moved from #1"]


def test_a_still_inserted_at_the_top_is_one_addition(
    old: PressKit, edit: Edit, tmp_path: Path
) -> None:
    new = edit(
        ("stills:\n", "stills:\n  - {file: stills/00.jpg, caption: A new first still.}\n"),
        files={"stills/00.jpg": (NIGHT_ORBIT / "stills" / "03.jpg").read_bytes()},
    )
    assert lines(diff_kits(old, new)) == ['stills #1: added stills/00.jpg "A new first still."']
    # And taken out again, it is one removal, numbered as it was in its edition.
    assert lines(diff_kits(new, old)) == ['stills #1: removed stills/00.jpg "A new first still."']


def test_a_translation_changed_and_one_added(old: PressKit, edit: Edit) -> None:
    new = edit(
        ("tagline: Seks timer mørke. Én vei hjem.", "tagline: Seks timer i mørket. Én vei hjem."),
        ("  nb:\n", "  de:\n    title: Nachtbahn\n  nb:\n"),
    )
    assert lines(diff_kits(old, new)) == [
        'title (de): added "Nachtbahn"',
        'tagline (nb): "Seks timer mørke. Én vei hjem." → "Seks timer i mørket. Én vei hjem."',
    ]


def test_a_long_text_is_shown_around_its_change(old: PressKit, edit: Edit) -> None:
    new = edit(("its two-person crew must", "its three-person crew must"))
    (change,) = diff_kits(old, new)
    assert change.where == "logline"
    before, after = change.what.split(" → ")
    assert "two-person" in before and "three-person" in after
    assert before.startswith('"…') and after.startswith('"…')
    assert len(before) < len(old.film.logline or "")


def test_people_photo_and_video_poster_files(old: PressKit, edit: Edit) -> None:
    other = (NIGHT_ORBIT / "people" / "asmund.jpg").read_bytes()
    new = edit(
        ("poster: video/trailer.jpg", "poster: video/interview.jpg"),
        files={"people/ola.jpg": other},
    )
    assert lines(diff_kits(old, new)) == [
        "people Ola Example photo: replaced people/ola.jpg (same name, different content)",
        "videos #1 poster: video/trailer.jpg → video/interview.jpg",
    ]


def test_every_searched_field_is_compared_once_under_its_label() -> None:
    """The diff takes the kit's text from search's fields, split into the single fields and
    one set per list item: together they must be exactly what search sees, in its order, so a
    field search learns is a field diff compares (and none is compared twice)."""
    kit = load(NIGHT_ORBIT)
    compared = single_fields(kit, LIST_SPECS)
    base = item_base(kit)
    for spec in LIST_SPECS:
        for number, item in enumerate(getattr(kit, spec.attribute), 1):
            compared.extend(item_fields(spec, base, item, number))
    searched = [(field.where, field.text) for field in kit_fields(kit)]
    assert len(searched) > 60  # every part of the kit, transcript lines included
    assert [(part.where, part.value) for part in compared] == searched


def test_a_renamed_note_is_one_change_under_its_new_label(old: PressKit, edit: Edit) -> None:
    new = edit(("heading: Director's statement", "heading: A word from the director"))
    (change,) = diff_kits(old, new)
    assert change.where == 'notes #1 "A word from the director"'
    assert change.what.startswith("\"Director's statement\n\n*Night Orbit* began")
    assert ' → "A word from the director\n\n*Night Orbit* began' in change.what


def test_a_person_matched_by_name_whatever_its_composition(old: PressKit, edit: Edit) -> None:
    # The same name written with a combining ring and in other case is the same person.
    decomposed = "A\u030asmund Ødegård-example"
    new = edit(("  - name: Åsmund Ødegård-Example\n", f"  - name: {decomposed}\n"))
    (change,) = diff_kits(old, new)
    # One change of the person's text (the name as written), not a removal and an addition.
    assert change.where == f"people {decomposed}"
    assert change.what == f'"Åsmund Ødegård-Example (AWS-moond…" → "{decomposed} (AWS-moond…"'


def test_a_transcript_line_changed(old: PressKit, edit: Edit, tmp_path: Path) -> None:
    transcript = (NIGHT_ORBIT / "video" / "interview.en.vtt").read_text(encoding="utf-8")
    cues = [line for line in transcript.splitlines() if line and "-->" not in line]
    said = cues[-1]
    new = edit(
        files={"video/interview.en.vtt": transcript.replace(said, "Something else.").encode()}
    )
    changes = diff_kits(old, new)
    assert [c.line() for c in changes] == [
        f'videos #2 transcript 00:00:07: "{said}" → "Something else."',
        "videos #2 transcript: replaced video/interview.en.vtt (same name, different content)",
    ]


def test_a_person_named_like_the_label_is_still_one_change(old: PressKit, edit: Edit) -> None:
    before = edit(("  - name: Ingrid Example\n", "  - name: people\n"))
    after = edit(("  - name: Ingrid Example\n", "  - name: People\n"))
    bio = "Director of *Night Orbit*, her first feature. Fictional."
    assert lines(diff_kits(before, after)) == [
        f'people People: "people\n\n{bio}" → "People\n\n{bio}"'
    ]


def test_a_file_that_cannot_be_read_is_never_the_same(tmp_path: Path) -> None:
    present = tmp_path / "a.jpg"
    present.write_bytes(b"same bytes")
    twin = tmp_path / "b.jpg"
    twin.write_bytes(b"same bytes")
    gone = tmp_path / "gone.jpg"  # named by the kit, deleted since it was loaded

    def kit_file(path: Path) -> KitFile:
        return KitFile("stills/x.jpg", path, 10, 0)

    digests = FileDigests()
    assert digests.same_content(kit_file(present), kit_file(twin))
    assert not digests.same_content(kit_file(present), kit_file(gone))
    assert not digests.same_content(kit_file(gone), kit_file(gone))


def test_artwork_removed_and_a_video_replaced(old: PressKit, edit: Edit) -> None:
    trailer = (NIGHT_ORBIT / "video" / "trailer.mp4").read_bytes()
    new = edit(
        (
            "  - {file: art/banner.jpg, title: Web banner, kind: banner, credit: Example "
            "Pictures}\n",
            "",
        ),
        ("kind: logo", "kind: other"),
        files={"video/trailer.mp4": trailer + b"\0\0\0\x08free"},  # a re-muxed file, longer
    )
    assert lines(diff_kits(old, new)) == [
        'artwork #2 kind: "logo" → "other"',
        'artwork #3: removed art/banner.jpg "Web banner"',
        "videos #1: replaced video/trailer.mp4 (same name, different content)",
    ]
