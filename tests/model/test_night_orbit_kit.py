"""The fictional presskit/1.1 kit in tests/data: every file it names is real media of the right
kind, its times are valid RFC 3339 with the embargo situations the tests rely on, and its
screenings and contacts export as the standards' readers expect."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import icalendar
import pytest
import vobject
from yaml_core import load_core

from app.model.captions import read_caption_file
from app.model.icalendar import screenings_calendar
from app.model.media_headers import check_media
from app.model.times import is_under_embargo, parse_time
from app.model.vcard import contact_vcard

KIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
TODAY = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.timezone.utc)  # a fixed "now" for the tests
_VOICE = re.compile(r"<v(?:\.[^ >]+)* ([^>]+)>")


@pytest.fixture(scope="module")
def data() -> Any:
    return load_core((KIT / "presskit.yaml").read_text(encoding="utf-8"))


def referenced_files(data: Any) -> Iterator[tuple[str, str, str]]:
    """(key, kit-relative path, kind) for every file the manifest names."""
    film = data["film"]
    yield "film.key_art", film["key_art"], "image"
    for n, still in enumerate(data["stills"], 1):
        yield f"stills #{n}", still["file"], "image"
    for n, art in enumerate(data["artwork"], 1):
        yield f"artwork #{n}", art["file"], "image"
    for n, person in enumerate(data["people"], 1):
        if "photo" in person:
            yield f"people #{n} photo", person["photo"], "image"
    for n, award in enumerate(data["awards"], 1):
        if "laurel" in award:
            yield f"awards #{n} laurel", award["laurel"], "image"
    for n, video in enumerate(data["videos"], 1):
        yield f"videos #{n}", video["file"], "video"
        yield f"videos #{n} poster", video["poster"], "image"
        for key in ("captions", "transcript"):
            if key in video:
                yield f"videos #{n} {key}", video[key], "captions"


def test_every_file_is_real_media_of_its_kind(data: Any) -> None:
    files = list(referenced_files(data))
    assert len(files) == 19
    for key, relative, kind in files:
        info, problems = check_media(KIT / relative, kind)
        assert problems == [], (key, relative, problems)
        assert info is not None and info.kind, (key, relative)
        if kind == "captions":
            assert read_caption_file(KIT / relative).cues, (key, relative)


def test_no_file_in_the_kit_is_left_unnamed(data: Any) -> None:
    named = {relative for _key, relative, _kind in referenced_files(data)}
    present = {
        path.relative_to(KIT).as_posix()
        for path in KIT.rglob("*")
        if path.is_file() and path.name != "presskit.yaml"
    }
    assert present == named


def test_the_kit_stays_small() -> None:
    total = sum(path.stat().st_size for path in KIT.rglob("*") if path.is_file())
    assert total < 2 * 1024 * 1024


def test_the_transcript_names_credited_people(data: Any) -> None:
    credited = {m["name"] for m in data["credits"]["cast"] + data["credits"]["crew"]}
    (interview,) = [v for v in data["videos"] if v.get("transcript")]
    text = (KIT / interview["transcript"]).read_text(encoding="utf-8")
    speakers = _VOICE.findall(text)
    assert len(set(speakers)) >= 3
    assert set(speakers) <= credited
    assert "Åsmund Ødegård-Example" in speakers  # diacritics, for the copy-as-quote tests
    # one cue without a voice tag, for the quote without a name
    cues = read_caption_file(KIT / interview["transcript"]).cues
    assert len(cues) == len(speakers) + 1


def test_people_and_still_subjects_are_credited(data: Any) -> None:
    credited = {m["name"] for m in data["credits"]["cast"] + data["credits"]["crew"]}
    assert {person["name"] for person in data["people"]} <= credited
    for still in data["stills"]:
        assert set(still.get("people", [])) <= credited


def test_times_and_embargoes(data: Any) -> None:
    kit_embargo = parse_time(data["rights"]["embargo"])
    assert is_under_embargo(kit_embargo, TODAY)
    still_embargoes = [parse_time(s["embargo"]) for s in data["stills"] if "embargo" in s]
    assert any(e.year == 2099 and is_under_embargo(e, TODAY) for e in still_embargoes)
    assert any(not is_under_embargo(e, TODAY) for e in still_embargoes)
    assert any("embargo" not in s for s in data["stills"])  # one follows the kit's rights
    video_embargoes = [parse_time(v["embargo"]) for v in data["videos"]]
    assert any(not is_under_embargo(e, TODAY) for e in video_embargoes)  # the booth can play
    starts = [parse_time(s["start"]) for s in data["screenings"]]
    assert {start.year for start in starts} == {2030}
    assert len({start.utcoffset() for start in starts}) == len(starts)  # several offsets


def test_every_kind_of_award_result_and_more_than_one_video_kind(data: Any) -> None:
    results = {award["result"] for award in data["awards"]}
    assert results == {"official selection", "nominee", "winner", "special mention"}
    assert [v["kind"] for v in data["videos"]] == ["trailer", "interview"]


class _Screening(NamedTuple):
    title: str | None
    start: dt.datetime
    venue: str | None
    address: str | None
    city: str | None
    note: str | None


def test_its_screenings_export_as_a_calendar(data: Any) -> None:
    screenings = [
        _Screening(
            s.get("title"),
            parse_time(s["start"]),
            s.get("venue"),
            s.get("address"),
            s.get("city"),
            s.get("note"),
        )
        for s in data["screenings"]
    ]
    text = screenings_calendar(
        data["film"]["title"],
        data["kit"]["id"],
        screenings,
        TODAY,
        runtime_minutes=data["film"]["runtime_minutes"],
    )
    events = icalendar.Calendar.from_ical(text.encode("utf-8")).walk("VEVENT")
    assert [str(e.get("UID")) for e in events] == [
        f"night-orbit-2030-intl-screening-{n}@presskit" for n in (1, 2, 3)
    ]
    assert [e.get("DTSTART").dt for e in events] == [
        s.start.replace(microsecond=0) for s in screenings
    ]
    assert str(events[0].get("LOCATION")) == (
        "Example Cinema, Screen 2, 1 Example Street, New York"
    )


class _Contact(NamedTuple):
    name: str
    role: str | None
    email: str | None
    phone: str | None
    url: str | None


def test_its_contacts_export_as_vcards(data: Any) -> None:
    for entry in data["contacts"]:
        contact = _Contact(
            entry["name"],
            entry.get("role"),
            entry.get("email"),
            entry.get("phone"),
            entry.get("url"),
        )
        card = vobject.readOne(
            contact_vcard(contact, territory=entry.get("territory"), kit_id=data["kit"]["id"])
        )
        assert card.fn.value == entry["name"]
        if entry.get("phone"):
            assert card.tel.value.startswith("tel:+")
