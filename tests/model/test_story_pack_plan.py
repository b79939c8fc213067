"""The story pack's plan and text files: the choice of stills and artwork, file names, the
metadata each file will carry, embargo (with a fixed clock), credits.csv and the other texts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.model.picks import still_key
from app.model.story_pack import (
    PackOptions,
    PackUsageError,
    item_name,
    parse_numbers,
    plan_pack,
)
from app.model.story_pack_texts import (
    CSV_HEADER,
    WrittenImage,
    captions_txt,
    credits_csv,
    facts_txt,
    readme_txt,
)
from app.model.times import FixedWallClock
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import make_kit_1_1, replaced

UTC = dt.timezone.utc
# The kit's embargo is 2030-01-10T09:00:00-05:00 (14:00 UTC); still 1's own is 2030-01-12Z.
BEFORE_KIT = FixedWallClock(dt.datetime(2030, 1, 10, 13, 59, 59, tzinfo=UTC))
KIT_LIFTED = FixedWallClock(dt.datetime(2030, 1, 10, 14, 0, 0, tzinfo=UTC))
ALL_LIFTED = FixedWallClock(dt.datetime(2030, 1, 12, 0, 0, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("title", "kind", "number", "count", "caption", "ext", "expected"),
    [
        (
            "I.S.S.",
            "still",
            3,
            12,
            "The cupola at dawn",
            ".jpg",
            "i-s-s_still03_the-cupola-at-dawn.jpg",
        ),
        ("I.S.S.", "still", 3, 9, None, ".jpg", "i-s-s_still03.jpg"),
        ("I.S.S.", "still", 7, 120, "", ".png", "i-s-s_still007.png"),
        ("I.S.S.", "artwork", 2, 2, "Key art", ".webp", "i-s-s_art02_key-art.webp"),
        (
            "Pilou Asbæk: Ærø",
            "still",
            1,
            1,
            "Björk — ł/ß",
            ".jpg",
            "pilou-asbaek-aero_still01_bjork-l-ss.jpg",
        ),
        ("測試電影", "still", 1, 3, "測試", ".jpg", "kit_still01.jpg"),
        (
            "A" * 80,
            "still",
            1000,
            1000,
            "b " * 80,
            ".jpg",
            "a" * 40 + "_still1000_" + "-".join("b" * 30) + ".jpg",
        ),
    ],
)
def test_file_names(
    title: str,
    kind: str,
    number: int,
    count: int,
    caption: str | None,
    ext: str,
    expected: str,
) -> None:
    assert item_name(title, kind, number, count, caption, ext) == expected  # type: ignore[arg-type]


def test_name_parts_keep_to_their_lengths() -> None:
    name = item_name("Title " * 20, "still", 1, 5, "word " * 40, ".jpg")
    title, number, caption = name.removesuffix(".jpg").split("_")
    assert len(title) <= 40 and not title.endswith("-")
    assert number == "still01"
    assert len(caption) <= 60 and not caption.endswith("-")


def test_kit_under_embargo_is_refused_until_its_moment(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    plan = plan_pack(kit, PackOptions(artwork="all"), BEFORE_KIT.utc_now())
    assert plan.items == () and plan.left_out == ()
    assert plan.refused == "under embargo until 10 Jan 2030, 09:00 UTC−05:00"
    # At the moment itself the kit may be published; still 1 keeps its own later embargo.
    plan = plan_pack(kit, PackOptions(artwork="all"), KIT_LIFTED.utc_now())
    assert plan.refused is None
    assert [(left.label, left.reason) for left in plan.left_out] == [
        ("stills #1", "under embargo until 12 Jan 2030, 00:00 UTC")
    ]
    assert [item.label for item in plan.items] == ["stills #2", "artwork #1", "artwork #2"]
    plan = plan_pack(kit, PackOptions(), ALL_LIFTED.utc_now())
    assert [item.label for item in plan.items] == ["stills #1", "stills #2"]
    assert plan.left_out == ()


def test_an_unreadable_kit_embargo_refuses_the_pack(make_kit: MakeKit) -> None:
    root = make_kit_1_1(make_kit, replaced("embargo: 2030-01-10T09:00:00-05:00", "embargo: soon"))
    kit = load_press_kit(root).kit
    plan = plan_pack(kit, PackOptions(), ALL_LIFTED.utc_now())
    assert plan.refused is not None and plan.refused.startswith("under embargo: its date")


def test_metadata_fields_come_from_the_still_then_the_kit(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    plan = plan_pack(kit, PackOptions(artwork=(2,)), ALL_LIFTED.utc_now())
    first, second, logo = plan.items
    assert first.fields.photographer == "Kari Example"
    assert first.fields.people == ("Ola Example", "Åsa Ødegård")
    assert first.fields.usage == "Not before the premiere."  # the still's own terms
    assert first.fields.copyright == "© 2030 Kari Example"
    assert first.fields.title == "Test Film"
    assert second.fields.usage == "Editorial use only."  # the kit's terms fill in
    assert second.fields.copyright == "© 2030 Test Pictures"
    assert logo.kind == "artwork" and logo.name == "test-film_art02_the-logo.webp"
    assert (logo.fields.caption, logo.fields.alt) == ("The logo.", "A white square.")
    assert first.name == "test-film_still01.jpg" and second.name == "test-film_still02.png"


def test_web_size_names_every_image_jpg(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    plan = plan_pack(kit, PackOptions(artwork="all", size="web"), ALL_LIFTED.utc_now())
    assert {Path(item.name).suffix for item in plan.items} == {".jpg"}


def test_numbers_choose_and_order_and_out_of_range_is_a_usage_error(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    plan = plan_pack(kit, PackOptions(stills=(2, 1, 2)), ALL_LIFTED.utc_now())
    assert [item.number for item in plan.items] == [2, 1]
    with pytest.raises(PackUsageError, match=r"stills #3, 0: no such stills \(the kit has 2\)"):
        plan_pack(kit, PackOptions(stills=(3, 0)), ALL_LIFTED.utc_now())
    with pytest.raises(PackUsageError, match="artwork #9"):
        plan_pack(kit, PackOptions(artwork=(9,)), ALL_LIFTED.utc_now())
    # A usage error is a usage error even while the kit is under embargo.
    with pytest.raises(PackUsageError):
        plan_pack(kit, PackOptions(stills=(3,)), BEFORE_KIT.utc_now())


@pytest.mark.parametrize("text", ["", "1,,2", "one", "1;2", "-1", "1.5", "١"])
def test_malformed_number_lists(text: str) -> None:
    with pytest.raises(PackUsageError, match="--stills"):
        parse_numbers(text, "stills")


def test_number_lists_parse() -> None:
    assert parse_numbers("3, 1,7", "stills") == (3, 1, 7)


def test_picks_choose_only_the_picked_stills(make_kit: MakeKit) -> None:
    kit = load_press_kit(make_kit_1_1(make_kit)).kit
    picked = {still_key(kit.stills[1])}
    plan = plan_pack(kit, PackOptions(stills="picks"), ALL_LIFTED.utc_now(), picked)
    assert [item.number for item in plan.items] == [2]
    assert plan_pack(kit, PackOptions(stills="picks"), ALL_LIFTED.utc_now()).items == ()


def test_missing_and_unsupported_files_are_left_out_with_the_reason(make_kit: MakeKit) -> None:
    manifest = replaced(
        "  - {file: stills/02.png, credit: Photo by Kari Example}",
        (
            "  - {file: stills/02.png, credit: Photo by Kari Example}\n"
            "  - {file: stills/gone.jpg}\n"
            "  - {file: trailer/poster.gif}"
        ),
    )
    root = make_kit_1_1(make_kit, manifest)
    (root / "trailer" / "poster.gif").write_bytes(b"GIF89a" + bytes(40))
    kit = load_press_kit(root).kit
    plan = plan_pack(kit, PackOptions(), ALL_LIFTED.utc_now())
    reasons = dict(plan.left_out)
    assert set(reasons) == {"stills #3", "stills #4"}
    assert reasons["stills #3"]  # the loader's own words for a missing file
    assert [item.number for item in plan.items] == [1, 2]


def test_text_files(make_kit: MakeKit) -> None:
    manifest = replaced("photographer: Kari Example", "photographer: Pilou Asbæk")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    plan = plan_pack(kit, PackOptions(artwork="all"), ALL_LIFTED.utc_now())
    images = [WrittenImage(item, 640, 480) for item in plan.items]
    data = credits_csv(images)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1] == [
        "test-film_still01.jpg",
        "",
        "Photo by Kari Example",
        "Pilou Asbæk",
        "© 2030 Kari Example",
        "Not before the premiere.",
        "Ola Example; Åsa Ødegård",
        "640",
        "480",
    ]
    assert len(rows) == 1 + len(plan.items)
    captions = captions_txt(images).decode("utf-8")
    assert "test-film_art02_the-logo.webp\nThe logo.\n" in captions
    facts = facts_txt(kit).decode("utf-8")
    for expected in (
        "Test Film",
        "Original title: Testfilmen",
        "Aspect ratio: 2.39:1",
        "The short synopsis.",
        "Screenplay: Ola Example",
        "Ola Example as Commander Lind",
        "Pat Publicist · Publicity · United Kingdom · pat@example.com",
        "Usage: Editorial use only.",
        "Copyright: © 2030 Test Pictures",
    ):
        assert expected in facts, expected
    readme = readme_txt(kit, images, ["credits.csv"]).decode("utf-8")
    assert readme.index("Editorial use only.") < readme.index("THIS PACK HOLDS")
    assert "2 stills" in readme and "2 artwork images" in readme
    assert "test-film_still01.jpg" in readme  # it has terms of its own
    # An embargo that has passed is written nowhere.
    for text in (data.decode("utf-8-sig"), captions, facts, readme):
        assert "2030-01-1" not in text and "Jan 2030" not in text and "mbargo" not in text
