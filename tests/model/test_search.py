"""Search over a kit: every WHERE label, the matching rule (every word in one field, folded),
hits in kit order and grouped, spans in the original text, snippets, hostile text, and the
index giving exactly the plain scan's answers."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest

from app.model.kit import (
    CastMember,
    Contact,
    CrewMember,
    Film,
    Note,
    PressKit,
    ReleaseDate,
    Still,
    Synopsis,
    Video,
)
from app.model.opening import open_kit_location
from app.model.search import SearchIndex, group_hits, plain_scan, query_words, snippet
from app.model.search_fields import Field, TimedLine, format_time, kit_fields, transcript_fields

REPO = Path(__file__).resolve().parents[2]


def make_kit() -> PressKit:
    return PressKit(
        root=Path("/kit"),
        manifest=Path("/kit/presskit.yaml"),
        film=Film(
            title="Nattbana",
            tagline="Björk sings at dawn",
            logline="A station crew splits in two.",
            genres=("Drama", "Thriller"),
            runtime_minutes=101,
            rating="PG-13",
            distributor="Øresund Pictures",
            dates=(ReleaseDate("World premiere", datetime.date(2026, 2, 14), "Berlinale"),),
        ),
        synopsis=Synopsis(short="Short: Pilou Asbæk leads.", long="Long one.\n\nSecond part."),
        cast=(CastMember("Pilou Asbæk", "Commander Lund"), CastMember("Noomi Rapace")),
        crew=(CrewMember("Gabriela Cowperthwaite", "Director"),),
        stills=(
            Still("s/1.jpg", None, caption="The cupola at night", credit="Photo: Jan Kowalski"),
            Still("s/2.jpg", None, alt="Two astronauts in the node"),
        ),
        videos=(Video("t.mp4", None, title="Official Teaser"),),
        notes=(Note("About the film", "Text with **Straße** in it.", "Łukasz Ż."),),
        contacts=(Contact("Ada Press", "Publicity", "ada@example.org", "+1 555 0100"),),
    )


EXPECTED_FIELDS = [
    ("title", "title", None, "Nattbana"),
    ("tagline", "tagline", None, "Björk sings at dawn"),
    ("logline", "logline", None, "A station crew splits in two."),
    ("facts World premiere", "facts", None, "February 14, 2026 — Berlinale"),
    ("facts Running time", "facts", None, "101 minutes"),
    ("facts Rating", "facts", None, "PG-13"),
    ("facts Genre", "facts", None, "Drama, Thriller"),
    ("facts Distributor", "facts", None, "Øresund Pictures"),
    ("synopsis short", "synopsis", None, "Short: Pilou Asbæk leads."),
    ("synopsis long", "synopsis", None, "Long one.\n\nSecond part."),
    ("credits cast #1", "credits", 1, "Pilou Asbæk as Commander Lund"),
    ("credits cast #2", "credits", 2, "Noomi Rapace"),
    ("credits crew #1", "credits", 1, "Director — Gabriela Cowperthwaite"),
    ("stills #1 caption", "stills", 1, "The cupola at night"),
    ("stills #1 credit", "stills", 1, "Photo: Jan Kowalski"),
    ("stills #2 alt", "stills", 2, "Two astronauts in the node"),
    ("videos #1 title", "videos", 1, "Official Teaser"),
    (
        'notes #1 "About the film"',
        "notes",
        1,
        "About the film\n\nText with **Straße** in it.\n\n— Łukasz Ż.",
    ),
    ("contacts #1", "contacts", 1, "Ada Press, Publicity, ada@example.org, +1 555 0100"),
]


def test_every_label_of_a_kit_in_the_order_the_viewer_shows_it() -> None:
    fields = kit_fields(make_kit())
    assert [(f.where, f.group, f.number, f.text) for f in fields] == EXPECTED_FIELDS


def test_transcript_lines_are_labelled_with_their_time() -> None:
    lines = [TimedLine(0, "Hello."), TimedLine(65_400, "Station, respond."), TimedLine(7, "")]
    fields = list(transcript_fields(2, lines))
    assert [f.where for f in fields] == [
        "videos #2 transcript 00:00:00",
        "videos #2 transcript 00:01:05",
    ]
    assert fields[1].time_ms == 65_400 and fields[1].group == "videos" and fields[1].number == 2


@pytest.mark.parametrize(
    ("milliseconds", "shown"),
    [
        (0, "00:00:00"),
        (999, "00:00:00"),
        (61_000, "00:01:01"),
        (5_400_000, "01:30:00"),
        (-5, "00:00:00"),
    ],
)
def test_format_time(milliseconds: int, shown: str) -> None:
    assert format_time(milliseconds) == shown


@pytest.mark.parametrize(
    ("query", "wheres"),
    [
        ("bjork", ["tagline"]),
        ("BJÖRK", ["tagline"]),
        ("asbaek", ["synopsis short", "credits cast #1"]),
        ("asbaek commander", ["credits cast #1"]),  # every word in the same field
        ("commander   asbæk", ["credits cast #1"]),  # any order, any spacing
        ("asbaek lund leads", []),  # the words are in two fields, not one
        ("strasse", ['notes #1 "About the film"']),
        ("lukasz", ['notes #1 "About the film"']),  # the attribution is part of the note
        ("about film", ['notes #1 "About the film"']),  # and so is the heading
        ("oresund", ["facts Distributor"]),
        ("february berlinale", ["facts World premiere"]),
        ("teaser", ["videos #1 title"]),
        ("kowalski", ["stills #1 credit"]),
        ("node", ["stills #2 alt"]),
        ("555", ["contacts #1"]),
        ("nothing-like-this", []),
        # a word shorter than the index's pieces: every field is tested
        ("at", ["title", "tagline", "logline", "stills #1 caption"]),
    ],
)
def test_matching(query: str, wheres: list[str]) -> None:
    fields = kit_fields(make_kit())
    hits = SearchIndex(fields).search(query)
    assert [hit.field.where for hit in hits] == wheres
    assert hits == plain_scan(fields, query)


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_a_query_without_words_finds_nothing(query: str) -> None:
    assert query_words(query) == []
    assert SearchIndex(kit_fields(make_kit())).search(query) == []


def test_spans_are_in_the_original_text_for_each_word() -> None:
    index = SearchIndex(kit_fields(make_kit()))
    (hit,) = index.search("commander asbaek")
    text = hit.field.text
    assert [text[s:e] for s, e in hit.spans] == ["Asbæk", "Commander"]
    assert (hit.start, hit.end) == hit.spans[0]
    (hit,) = index.search("ss strasse")
    assert [hit.field.text[s:e] for s, e in hit.spans] == ["Straße", "ß"]


def test_spans_with_combining_marks() -> None:
    fields = [Field("title", "title", None, "Bjo\u0308rk Gudmundsdo\u0301ttir")]
    (hit,) = SearchIndex(fields).search("bjo gudmundsdottir")
    assert [fields[0].text[s:e] for s, e in hit.spans] == ["Bjo\u0308", "Gudmundsdo\u0301ttir"]


def test_hits_grouped_by_where_they_are_in_kit_order() -> None:
    hits = SearchIndex(kit_fields(make_kit())).search("a")
    groups = group_hits(hits)
    names = [name for name, _ in groups]
    assert names == list(dict.fromkeys(hit.field.group for hit in hits))
    assert names[:3] == ["title", "tagline", "logline"]
    assert sum(len(items) for _, items in groups) == len(hits)


def test_snippet_is_one_line_and_whole_when_short() -> None:
    assert snippet("one\ntwo\r\n\r\nthree\u2028four", 0, 3) == "one two three four"


def test_snippet_is_cut_around_the_first_match() -> None:
    text = "x" * 500 + " NEEDLE " + "y" * 500
    at = text.index("NEEDLE")
    cut = snippet(text, at, at + 6)
    assert len(cut) == 200 and cut.startswith("…") and cut.endswith("…") and "NEEDLE" in cut
    early = snippet(text, 3, 4)
    assert len(early) == 200 and early.startswith("xxx") and early.endswith("…")
    late = snippet(text, len(text) - 2, len(text))
    assert len(late) == 200 and late.startswith("…") and late.endswith("yy")


def test_snippet_keeps_a_match_longer_than_the_room() -> None:
    text = "a" * 100 + "b" * 300 + "c" * 100
    cut = snippet(text, 100, 400)
    assert len(cut) == 200 and cut == "…" + "b" * 198 + "…"


def test_snippet_length_for_every_match_position() -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(450))
    for start in range(0, 450, 7):
        cut = snippet(text, start, min(start + 5, 450))
        assert len(cut) == 200
        assert text[start : start + 5] in cut


def test_hit_line_is_where_and_snippet() -> None:
    (hit,) = SearchIndex(kit_fields(make_kit())).search("second part")
    assert hit.line() == "synopsis long: Long one. Second part."


def test_hostile_text_is_searched_as_text() -> None:
    hostile = [
        Field("title", "title", None, '<img src="/dev/zero"> <b>NO</b>'),
        Field("tagline", "tagline", None, "\u202eevil\u202c line\nbreak \x1b[31mred"),
        Field("logline", "logline", None, "a" * 1_000_000 + " needle"),
        Field('notes #1 "(.*)+$"', "notes", 1, "regex (.*)+$ [a-z] \\d"),
        Field("stills #1 caption", "stills", 1, "\ud800 lone surrogate \x00 nul"),
    ]
    index = SearchIndex(hostile)
    for query in [
        "<img",
        "dev/zero",
        "<b>no</b>",
        "evil",
        "red",
        "needle",
        "(.*)+$",
        "[a-z]",
        "\\d",
        "nul",
        "\x00",
    ]:
        hits = index.search(query)
        assert len(hits) == 1, query
        assert hits == plain_scan(hostile, query)
    assert len(index.search("needle")[0].snippet()) == 200


def test_index_answers_as_the_plain_scan_on_random_queries() -> None:
    rng = random.Random(1415)
    words = ["station", "asbæk", "bjork", "ørn", "strasse", "the", "a", "of", "crew", "ss", "æ"]
    fields = [
        Field(
            f"stills #{n} caption",
            "stills",
            n,
            " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12))),
        )
        for n in range(1, 400)
    ]
    index = SearchIndex(fields)
    for _ in range(300):
        query = " ".join(
            rng.choice(words)[: rng.randrange(1, 8)] for _ in range(rng.randrange(1, 4))
        )
        assert index.search(query) == plain_scan(fields, query), query


def test_the_bundled_kit() -> None:
    opened = open_kit_location(REPO / "presskit")
    try:
        fields = kit_fields(opened.result.kit)
    finally:
        opened.close()
    index = SearchIndex(fields)
    wheres = [hit.field.where for hit in index.search("kira foster")]
    assert "credits cast #1" in wheres and "synopsis long" in wheres
    assert [hit.field.where for hit in index.search("pilou asbaek")][:1] == ["credits cast #4"]
    assert len(index) == len(fields)


def test_first_hits_counts_all_and_works_out_only_the_first() -> None:
    fields = [
        Field(f"stills #{n} caption", "stills", n, f"Station {n} Asbæk") for n in range(1, 60)
    ]
    index = SearchIndex(fields)
    everything = index.search("asbaek")
    assert len(everything) == 59
    assert index.first_hits("asbaek", 10) == (59, everything[:10])
    assert index.first_hits("asbaek", None) == (59, everything)
    count, hits = index.first_hits("asbaek station 7", 2)
    assert (count, [hit.field for hit in hits]) == (6, [everything[6].field, everything[16].field])
    assert index.first_hits("  ", 5) == (0, [])
