"""Every kind of mistake in the presskit/1.1 keys is reported with file, line and key, and the kit
still opens: wrong types, bad dates and times, bad paths, values outside a closed vocabulary,
unknown keys (with a suggestion), names that are not in the credits.

Each case changes one piece of the full 1.1 kit of ``kit_1_1`` and lists every problem the
loader then reports, exactly as ``validate`` prints it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.model.loader import load_press_kit
from app.model.manifest_press import is_language_tag
from tests.model.conftest import MakeKit
from tests.model.kit_1_1 import make_kit_1_1, replaced

CASES = [
    (
        "id: test-film-2030_intl",
        "id: test film/2030",
        [
            (
                "presskit.yaml:3: error: kit.id: 'test film/2030' may hold only letters A-Z, "
                "digits, '-' and '_'"
            ),
        ],
    ),
    (
        "version: 3",
        "version: 0",
        [
            "presskit.yaml:4: error: kit.version: '0' is not a positive whole number",
        ],
    ),
    (
        "updated: 2030-01-05",
        "updated: 5 Jan 2030",
        [
            (
                "presskit.yaml:5: error: kit.updated: '5 Jan 2030' is not a valid date (write "
                "YYYY-MM-DD)"
            ),
        ],
    ),
    (
        "year: 2030\n    countries",
        "year: MMXXX\n    countries",
        [
            "presskit.yaml:11: error: film.specs.year: 'MMXXX' is not a positive whole number",
        ],
    ),
    (
        "countries: [Norway, Sweden]",
        "countries: Norway",
        [
            (
                "presskit.yaml:12: error: film.specs.countries: expected a list, found the "
                "value 'Norway'"
            ),
        ],
    ),
    (
        "languages: [Norwegian, English]",
        "languages: [Norwegian, [English]]",
        [
            "presskit.yaml:13: error: film.specs.languages #2: expected text, found a list",
        ],
    ),
    (
        "    sound: Dolby Atmos",
        "    sound: [Dolby]",
        [
            "presskit.yaml:15: error: film.specs.sound: expected text, found a list",
        ],
    ),
    (
        "    exhibition_format: DCP",
        "    exhibiton_format: DCP",
        [
            (
                "presskit.yaml:17: warning: film.specs.exhibiton_format: unknown key (did you "
                "mean 'exhibition_format'?)"
            ),
        ],
    ),
    (
        "embargo: 2030-01-10T09:00:00-05:00",
        "embargo: 2030-01-10",
        [
            (
                "presskit.yaml:30: error: rights.embargo: '2030-01-10' is a date without a "
                "time; write it like 2030-01-10T09:00:00-05:00, or 2030-01-10T14:00:00Z for UTC"
            ),
        ],
    ),
    (
        "embargo: 2030-01-10T09:00:00-05:00",
        "embargo: 2030-01-10T09:00:00",
        [
            (
                "presskit.yaml:30: error: rights.embargo: '2030-01-10T09:00:00' has no offset, "
                "so it would mean a different moment in every country; add Z for UTC or the "
                "offset of the place, such as -05:00"
            ),
        ],
    ),
    (
        "embargo: 2030-01-10T09:00:00-05:00",
        "embargo: 2030-01-10T09:00:00-00:00",
        [
            (
                "presskit.yaml:30: error: rights.embargo: '2030-01-10T09:00:00-00:00': the "
                "offset -00:00 means 'offset unknown' in RFC 3339; write Z for UTC, or the real "
                "offset of the place, such as -05:00"
            ),
        ],
    ),
    (
        "embargo: 2030-01-10T09:00:00-05:00",
        "embargo: 2030-01-10t09:00:00z",
        [
            (
                "presskit.yaml:30: error: rights.embargo: '2030-01-10t09:00:00z': separate the "
                "date and the time with an upper-case 'T'; write it like "
                "2030-01-10T09:00:00-05:00, or 2030-01-10T14:00:00Z for UTC"
            ),
        ],
    ),
    (
        "embargo: 2030-01-12T00:00:00Z",
        "embargo: 2030-02-30T00:00:00Z",
        [
            (
                "presskit.yaml:38: error: stills #1 embargo: '2030-02-30T00:00:00Z': there is "
                "no day 30 in Feb 2030"
            ),
        ],
    ),
    (
        "people: [Ola Example, Åsa Ødegård]",
        "people: [Ola Exampel, Åsa Ødegård]",
        [
            (
                "presskit.yaml:35: warning: stills #1 people #1: 'Ola Exampel' is not in the "
                "credits (write the name exactly as credited)"
            ),
        ],
    ),
    (
        "people: [Ola Example, Åsa Ødegård]",
        "people: Ola Example",
        [
            (
                "presskit.yaml:35: error: stills #1 people: expected a list, found the value "
                "'Ola Example'"
            ),
        ],
    ),
    (
        "    photographer: Kari Example",
        "    photografer: Kari Example",
        [
            (
                "presskit.yaml:34: warning: stills #1 photografer: unknown key (did you mean "
                "'photographer'?)"
            ),
        ],
    ),
    (
        "{file: art/key-art.jpg, title: Key art, kind: key-art",
        "{file: art/key-art.jpg, title: Key art, kind: keyart",
        [
            (
                "presskit.yaml:41: error: artwork #1 kind: 'keyart' is not a kind the format "
                "knows (did you mean 'key-art'? write one of: key-art | poster | logo | banner "
                "| other)"
            ),
        ],
    ),
    (
        "{file: art/key-art.jpg,",
        "{file: ../outside.jpg,",
        [
            "presskit.yaml:41: error: artwork #1 file: '../outside.jpg' leaves the kit folder",
        ],
    ),
    (
        "{file: art/key-art.jpg,",
        "{file: art/missing.jpg,",
        [
            "presskit.yaml:41: error: artwork #1 file: 'art/missing.jpg' does not exist",
        ],
    ),
    (
        "{file: stills/03.webp, title: Logo,",
        "{title: Logo,",
        [
            "presskit.yaml:42: error: artwork #2: 'file' is required",
        ],
    ),
    (
        "  - {name: Kari Example}",
        "  - {name: Kari Exmaple}",
        [
            (
                "presskit.yaml:50: warning: people #2 name: 'Kari Exmaple' is not in the "
                "credits (write the name exactly as credited)"
            ),
        ],
    ),
    (
        "photo: stills/02.png",
        "photo: people/none.jpg",
        [
            "presskit.yaml:48: error: people #1 photo: 'people/none.jpg' does not exist",
        ],
    ),
    (
        "    pronunciation: OH",
        "    pronounciation: OH",
        [
            (
                "presskit.yaml:45: warning: people #1 pronounciation: unknown key (did you mean "
                "'pronunciation'?)"
            ),
        ],
    ),
    (
        "  - {name: Kari Example}",
        "  - {nmae: Kari Example}",
        [
            "presskit.yaml:50: warning: people #2 nmae: unknown key (did you mean 'name'?)",
            "presskit.yaml:50: error: people #2: 'name' is required",
        ],
    ),
    (
        "result: official selection",
        "result: Official Selection",
        [
            (
                "presskit.yaml:54: error: awards #1 result: 'Official Selection' is not a "
                "result the format knows (did you mean 'official selection'? write one of: "
                "official selection | nominee | winner | special mention)"
            ),
        ],
    ),
    (
        "result: official selection",
        "result: shortlisted",
        [
            (
                "presskit.yaml:54: error: awards #1 result: 'shortlisted' is not a result the "
                "format knows (write one of: official selection | nominee | winner | special "
                "mention)"
            ),
        ],
    ),
    (
        "  - {festival: Other Festival, result: winner}",
        "  - {festival: Other Festival}",
        [
            (
                "presskit.yaml:57: error: awards #2: 'result' is required (one of: official "
                "selection | nominee | winner | special mention)"
            ),
        ],
    ),
    (
        "year: 2030\n    result",
        "year: twenty\n    result",
        [
            "presskit.yaml:53: error: awards #1 year: 'twenty' is not a positive whole number",
        ],
    ),
    (
        "laurel: art/key-art.jpg",
        "laurel: /etc/passwd",
        [
            (
                "presskit.yaml:56: error: awards #1 laurel: '/etc/passwd' is an absolute path; "
                "use a path relative to the kit"
            ),
        ],
    ),
    (
        "url: https://example.com/review",
        "url: javascript:alert(1)",
        [
            (
                "presskit.yaml:63: error: quotes #1 url: 'javascript:alert(1)' is not a web "
                "address (write one that starts https:// or http://)"
            ),
        ],
    ),
    (
        "url: https://example.com/review",
        "url: example.com/review",
        [
            (
                "presskit.yaml:63: error: quotes #1 url: 'example.com/review' is not a web "
                "address (write one that starts https:// or http://)"
            ),
        ],
    ),
    (
        "date: 2030-01-13",
        "date: 2030-13-01",
        [
            (
                "presskit.yaml:62: error: quotes #1 date: '2030-13-01' is not a valid date "
                "(write YYYY-MM-DD)"
            ),
        ],
    ),
    (
        "  - {text: 1.10, source: true}",
        "  - {text: 1.10}",
        [
            "presskit.yaml:64: error: quotes #2: 'source' is required",
        ],
    ),
    (
        "    kind: interview",
        "    kind: Interview",
        [
            (
                "presskit.yaml:68: error: videos #1 kind: 'Interview' is not a kind the format "
                "knows (did you mean 'interview'? write one of: trailer | teaser | clip | "
                "featurette | interview | b-roll)"
            ),
        ],
    ),
    (
        "    transcript: trailer/teaser.en.vtt",
        "    transcript: trailer/none.vtt",
        [
            "presskit.yaml:69: error: videos #1 transcript: 'trailer/none.vtt' does not exist",
        ],
    ),
    (
        "    embargo: 2030-01-11T00:00:00.5+01:00",
        "    embargo: tomorrow",
        [
            (
                "presskit.yaml:76: error: videos #2 embargo: 'tomorrow' is not a date and time "
                "in the form YYYY-MM-DDTHH:MM:SS; write it like 2030-01-10T09:00:00-05:00, or "
                "2030-01-10T14:00:00Z for UTC"
            ),
        ],
    ),
    (
        "    title: Interview\n",
        "    titel: Interview\n",
        [
            "presskit.yaml:67: warning: videos #1 titel: unknown key (did you mean 'title'?)",
        ],
    ),
    (
        "  - file: trailer/teaser.mp4\n    title: Interview",
        "  - title: Interview",
        [
            "presskit.yaml:66: error: videos #1: 'file' is required",
        ],
    ),
    (
        "videos:\n",
        "trailer: {file: trailer/teaser.mp4}\nvideos:\n",
        [
            (
                "presskit.yaml:65: error: trailer: a kit has 'trailer' (one video) or 'videos', "
                "not both; 'trailer' is ignored (move it into 'videos')"
            ),
        ],
    ),
    (
        "    start: 2030-01-10T19:00:00-05:00",
        "    start: 2030-01-10 19:00",
        [
            (
                "presskit.yaml:79: error: screenings #1 start: '2030-01-10 19:00': separate the "
                "date and the time with an upper-case 'T'; write it like "
                "2030-01-10T09:00:00-05:00, or 2030-01-10T14:00:00Z for UTC"
            ),
        ],
    ),
    (
        "  - {start: 2030-01-12T18:30:00Z}",
        "  - {title: No start}",
        [
            (
                "presskit.yaml:84: error: screenings #2: 'start' is required (a date and time "
                "with its UTC offset)"
            ),
        ],
    ),
    (
        "    venue: Cinema 2",
        "    venue: {name: Cinema 2}",
        [
            "presskit.yaml:80: error: screenings #1 venue: expected text, found a mapping",
        ],
    ),
    (
        "territory: United Kingdom",
        "territory: [United Kingdom]",
        [
            "presskit.yaml:86: error: contacts #1 territory: expected text, found a list",
        ],
    ),
    (
        "  zh-Hant-TW:",
        "  zh_TW:",
        [
            (
                "presskit.yaml:94: error: translations: 'zh_TW' is not a language tag (write "
                "'zh-TW': BCP 47 joins its parts with '-')"
            ),
        ],
    ),
    (
        "  zh-Hant-TW:",
        "  French:",
        [
            "presskit.yaml:94: error: translations: 'French' is not a language tag (write a "
            "BCP 47 tag such as fr, pt-BR or zh-Hant)",
        ],
    ),
    (
        "  zh-Hant-TW:",
        "  FR:",
        [
            (
                "presskit.yaml:94: error: translations.FR: duplicate language (it appears more "
                "than once)"
            ),
        ],
    ),
    (
        "  zh-Hant-TW: {title: 測試電影}",
        "  de: {titel: Film}",
        [
            (
                "presskit.yaml:94: warning: translations.de.titel: unknown key (did you mean "
                "'title'?)"
            ),
            (
                "presskit.yaml:94: warning: translations.de: gives no text (title, tagline, "
                "logline or synopsis)"
            ),
        ],
    ),
    (
        "  zh-Hant-TW: {title: 測試電影}",
        "  de: Film",
        [
            (
                "presskit.yaml:94: error: translations.de: expected a mapping of keys, found "
                "the value 'Film'"
            ),
        ],
    ),
    (
        "translations:\n",
        "translations: [fr]\nx:\n",
        [
            "presskit.yaml:89: warning: x: unknown key",
            (
                "presskit.yaml:88: error: translations: expected a mapping of language tags, "
                "found a list"
            ),
        ],
    ),
    (
        "    synopsis: {short: Le court.,",
        "    synopsis: {shrt: Le court.,",
        [
            (
                "presskit.yaml:93: warning: translations.fr.synopsis.shrt: unknown key (did you "
                "mean 'short'?)"
            ),
        ],
    ),
    (
        "rights:\n  usage",
        "rights: Editorial only\nx:\n  usage",
        [
            "presskit.yaml:28: warning: x: unknown key",
            (
                "presskit.yaml:27: error: rights: expected a mapping of keys, found the value "
                "'Editorial only'"
            ),
        ],
    ),
    (
        "kit:\n  id: test-film-2030_intl\n",
        "kit:\n",
        [
            "presskit.yaml:3: error: kit: 'id' is required",
        ],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_a_mistake_is_reported_with_its_line_and_key(
    make_kit: MakeKit, old: str, new: str, expected: list[str]
) -> None:
    result = load_press_kit(make_kit_1_1(make_kit, replaced(old, new)))
    assert [p.format() for p in result.problems] == expected


# -- what the kit looks like after a mistake --------------------------------------------------

FAR_FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.timezone.utc)


def test_an_unreadable_kit_embargo_keeps_the_kit_embargoed(make_kit: MakeKit) -> None:
    manifest = replaced("embargo: 2030-01-10T09:00:00-05:00", "embargo: 2030-01-10")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    assert kit.rights is not None and kit.rights.embargo is None
    assert kit.rights.embargo_problem is not None
    assert "2030-01-10" in kit.rights.embargo_problem
    # Nobody can tell when it lifts, so a public screen treats it as in force indefinitely...
    assert kit.under_embargo(None, FAR_FUTURE)
    assert kit.under_embargo(kit.stills[1], FAR_FUTURE)
    # ...except where a still or video gives its own, readable embargo.
    assert not kit.under_embargo(kit.stills[0], FAR_FUTURE)
    assert kit.rights.usage == "Editorial use only."  # the rest of the terms still read


def test_an_item_with_an_unreadable_embargo_is_skipped_and_marked(make_kit: MakeKit) -> None:
    manifest = replaced("embargo: 2030-01-12T00:00:00Z", "embargo: 2030-01-12")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    assert [still.file_text for still in kit.stills] == ["stills/02.png"]
    (skipped,) = kit.skipped_in("stills")
    assert (skipped.number, skipped.label, skipped.line) == (1, "stills/01.jpg", 32)
    assert "date without a time" in skipped.problem


def test_a_bad_value_drops_only_that_value(make_kit: MakeKit) -> None:
    manifest = replaced("url: https://example.com/review", "url: javascript:alert(1)")
    manifest = manifest.replace("    kind: interview", "    kind: vlog")
    manifest = manifest.replace("{file: art/key-art.jpg,", "{file: art/missing.jpg,")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    assert kit.quotes[0].url is None and kit.quotes[0].text == "A tense ride."
    assert kit.videos[0].kind is None and kit.videos[0].title == "Interview"
    art = kit.artwork[0]
    assert (art.file, art.file_text, art.problem) == (
        None,
        "art/missing.jpg",
        "'art/missing.jpg' does not exist",
    )


def test_with_both_trailer_and_videos_the_videos_are_kept(make_kit: MakeKit) -> None:
    manifest = replaced("videos:\n", "trailer: {file: trailer/poster.jpg}\nvideos:\n")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    assert [video.title for video in kit.videos] == ["Interview", "Official trailer"]
    assert not kit.trailer_shorthand


def test_a_name_matches_its_credit_however_it_is_composed(make_kit: MakeKit) -> None:
    # "Åsa Ødegård" typed with a combining ring (A + U+030A) is the credited name.
    decomposed = "A\u030asa Ødegård"
    manifest = replaced("people: [Ola Example, Åsa Ødegård]", f"people: [{decomposed}]")
    result = load_press_kit(make_kit_1_1(make_kit, manifest))
    assert result.problems == []
    assert result.kit.stills[0].people == (decomposed,)  # kept exactly as written


def test_long_paragraphs_and_paths_are_not_one_line_fields(make_kit: MakeKit) -> None:
    long_bio = "A long biography. " * 300  # Markdown paragraphs: no length warning
    manifest = replaced(
        "    bio: |\n      A **fictional** actor. See [the still](stills/01.jpg).\n",
        f"    bio: {long_bio}\n",
    )
    manifest = manifest.replace("  - {name: Kari Example}", f"  - {{name: {'K' * 2001}}}")
    problems = [p.format() for p in load_press_kit(make_kit_1_1(make_kit, manifest)).problems]
    # The name (line 49 now the bio is one line) is a one-line field, so it is warned about.
    assert problems == [
        "presskit.yaml:49: warning: people #2 name: is 2,001 characters long; the viewer shows "
        "the first 2,000",
        f"presskit.yaml:49: warning: people #2 name: '{'K' * 99}…' is not in the credits "
        "(write the name exactly as credited)",
    ]


def test_a_person_described_twice_is_a_warning(make_kit: MakeKit) -> None:
    manifest = replaced(
        "  - {name: Kari Example}", "  - {name: Kari Example}\n  - {name: ola example}"
    )
    result = load_press_kit(make_kit_1_1(make_kit, manifest))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:51: warning: people #3 name: 'ola example' is described already in people #1"
    ]
    assert [person.name for person in result.kit.people] == [
        "Ola Example",
        "Kari Example",
        "ola example",
    ]


def test_a_remote_image_in_a_biography_is_refused(make_kit: MakeKit) -> None:
    manifest = replaced(
        "A **fictional** actor. See [the still](stills/01.jpg).",
        "A **fictional** actor. ![Face](https://example.com/face.jpg)",
    )
    result = load_press_kit(make_kit_1_1(make_kit, manifest))
    assert [p.format() for p in result.problems] == [
        "presskit.yaml:47: error: people #1 bio: the image 'https://example.com/face.jpg' is "
        "remote; images in biographies must be files inside the kit"
    ]
    assert result.kit.people[0].bio_links == ()


def test_norwegian_is_a_language_not_a_boolean(make_kit: MakeKit) -> None:
    # YAML 1.1 reads a bare "no" as false; the loader reads keys as written.
    manifest = replaced("  zh-Hant-TW: {title: 測試電影}", "  no: {title: Testfilmen}")
    kit = load_press_kit(make_kit_1_1(make_kit, manifest)).kit
    assert [t.language for t in kit.translations] == ["fr", "no"]
    translation = kit.translation("NO")
    assert translation is not None and translation.title == "Testfilmen"


@pytest.mark.parametrize(
    ("tag", "ok"),
    [
        ("fr", True),
        ("pt-BR", True),
        ("zh-Hant-TW", True),
        ("sr-Latn-RS", True),
        ("es-419", True),
        ("de-CH-1901", True),
        ("en-US-x-twain", True),
        ("x-klingon", True),
        ("sgn-ase", True),
        ("fr_FR", False),
        ("french", False),  # a language's name, not its tag (5-8 letters: none registered)
        ("f", False),
        ("fr-", False),
        ("fr--FR", False),
        ("fr-FR-", False),
        ("123", False),
        ("en-ÜS", False),
        ("fr FR", False),
        ("FR-fr", True),  # case is not significant in a tag
    ],
)
def test_language_tags_are_checked_for_their_bcp_47_shape(tag: str, ok: bool) -> None:
    assert is_language_tag(tag) is ok
