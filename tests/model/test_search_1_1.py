"""Search over the presskit/1.1 parts of a kit (Night Orbit uses every key): specs, the
translations' synopses, people, artwork, quotes, awards, contacts' territories, several videos
and a transcript read with the player's own parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.opening import open_kit_location
from app.model.search import SearchIndex, plain_scan
from app.model.search_fields import Field, kit_fields

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"


@pytest.fixture(scope="module")
def fields() -> list[Field]:
    opened = open_kit_location(NIGHT_ORBIT)
    try:
        return kit_fields(opened.result.kit)
    finally:
        opened.close()


def test_every_1_1_label_is_present(fields: list[Field]) -> None:
    wheres = [field.where for field in fields]
    for expected in [
        "facts Original title",
        "specs year",
        "specs aspect_ratio",
        "specs exhibition_format",
        "synopsis (fr) short",
        "synopsis (fr) long",
        "synopsis (nb) short",
        "title (fr)",
        "people Åsmund Ødegård-Example",
        "artwork #1 title",
        "artwork #1 caption",
        "artwork #1 credit",
        "artwork #1 alt",
        "videos #1 title",
        "videos #2 title",
        "videos #2 transcript 00:00:02",
        "quotes #1",
        "awards #2",
        "contacts #2",
    ]:
        assert expected in wheres
    # The viewer's order: the overview's parts, credits, stills and artwork, videos, press, notes.
    groups = list(dict.fromkeys(field.group for field in fields))
    assert groups.index("specs") < groups.index("credits") < groups.index("people")
    assert groups.index("stills") < groups.index("artwork") < groups.index("videos")
    assert groups.index("quotes") < groups.index("awards") < groups.index("notes")


@pytest.mark.parametrize(
    ("query", "wheres"),
    [
        ("asmund odegard", ["credits cast #2", "people Åsmund Ødegård-Example"]),
        ("ur-deh-gore", ["people Åsmund Ødegård-Example"]),  # a pronunciation
        ("atmos", ["specs sound"]),
        ("ramenent main eteint", ["synopsis (fr) short"]),  # ramènent, éteint
        ("obscurite", ["tagline (fr)"]),
        ("dodt forsyningsskip", ["synopsis (nb) short"]),
        ("rehearsed darkness", ["videos #2 transcript 00:00:02"]),
        ("quietly daily", ["quotes #2"]),
        ("nordic winner sound", ["awards #2"]),
        ("norway nora", ["contacts #2"]),
        ("festival laurel", ["artwork #5 title"]),
    ],
)
def test_matching_in_1_1_fields(fields: list[Field], query: str, wheres: list[str]) -> None:
    hits = SearchIndex(fields).search(query)
    assert [hit.field.where for hit in hits] == wheres
    assert hits == plain_scan(fields, query)


def test_transcript_lines_carry_their_time(fields: list[Field]) -> None:
    (hit,) = SearchIndex(fields).search("rehearsed")
    assert (hit.field.time_ms, hit.field.number, hit.field.group) == (2500, 2, "videos")
    assert hit.line() == (
        "videos #2 transcript 00:00:02: We rehearsed the cockpit scenes in total darkness."
    )


def test_an_unusable_transcript_is_left_out(tmp_path: Path) -> None:
    import shutil

    kit = tmp_path / "kit"
    shutil.copytree(NIGHT_ORBIT, kit)
    (kit / "video" / "interview.en.vtt").write_bytes(b"WEBVTT\n\n\xff\xfe not UTF-8\n")
    opened = open_kit_location(kit)
    try:
        wheres = [field.where for field in kit_fields(opened.result.kit)]
    finally:
        opened.close()
    assert "videos #2 title" in wheres
    assert not any("transcript" in where for where in wheres)
