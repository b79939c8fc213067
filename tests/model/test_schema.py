"""The published JSON Schema of the manifest (draft-07): valid, true to the kits the app reads,
and refusing what the app refuses. ``jsonschema`` is a test-only dependency.

Manifests are read as an editor's YAML language server reads them (YAML 1.2 core), since that
is where the schema is used.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from yaml_core import NotJsonData, load_core

from app.model import loader, manifest_media, manifest_press, manifest_terms
from app.model.loader import load_press_kit
from app.model.problems import KitLoadError

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "resources" / "schema" / "presskit-1.1.schema.json"
NIGHT_ORBIT = ROOT / "tests" / "data" / "kits" / "night-orbit" / "presskit.yaml"
FULL = ROOT / "tests" / "data" / "kits" / "full" / "presskit.yaml"
BUNDLED = ROOT / "presskit" / "presskit.yaml"
MANIFESTS = ROOT / "tests" / "data" / "manifests"

# Keys presskit/1.1 adds, as the issue lists them; "[]" marks the items of a list and "*" the
# values of a mapping keyed by language tag. The loader reads them all (and an artwork's
# caption and alt, as a still's).
V11_KEYS = {
    "kit", "kit.id", "kit.version", "kit.updated",
    "film.original_title", "film.specs", "film.specs.year", "film.specs.countries",
    "film.specs.languages", "film.specs.aspect_ratio", "film.specs.sound", "film.specs.color",
    "film.specs.exhibition_format",
    "rights", "rights.usage", "rights.copyright", "rights.embargo",
    "stills[].photographer", "stills[].people", "stills[].usage", "stills[].copyright",
    "stills[].embargo",
    "artwork", "artwork[].file", "artwork[].title", "artwork[].kind", "artwork[].credit",
    "people", "people[].name", "people[].pronunciation", "people[].bio", "people[].photo",
    "people[].photo_credit",
    "awards", "awards[].festival", "awards[].year", "awards[].result", "awards[].category",
    "awards[].laurel",
    "quotes", "quotes[].text", "quotes[].source", "quotes[].author", "quotes[].date",
    "quotes[].url",
    "videos", "videos[].file", "videos[].title", "videos[].kind", "videos[].poster",
    "videos[].captions", "videos[].transcript", "videos[].usage", "videos[].embargo",
    "screenings", "screenings[].title", "screenings[].start", "screenings[].venue",
    "screenings[].city", "screenings[].address", "screenings[].note",
    "contacts[].territory",
    "translations", "translations.*.title", "translations.*.tagline", "translations.*.logline",
    "translations.*.synopsis", "translations.*.synopsis.short", "translations.*.synopsis.long",
    "translations.*.synopsis.attribution",
}  # fmt: skip


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema)


def errors_of(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return [
        "/".join(str(part) for part in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(data)
    ]


def manifest(path: Path) -> Any:
    """The manifest as JSON data: a fresh copy each time, so a test may change it."""
    return copy.deepcopy(_read_manifest(path))


@functools.cache
def _read_manifest(path: Path) -> Any:
    return load_core(path.read_text(encoding="utf-8"))


# -- the schema itself ------------------------------------------------------------------------


def test_schema_is_valid_draft_07(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    # every $ref resolves inside the file (an editor offline cannot fetch anything else)
    for ref in _refs(schema):
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def schema_keys(schema: dict[str, Any]) -> set[str]:
    """Every key path the schema defines: ``film.title``, ``stills[].file``, ``translations.*``."""
    definitions = schema["definitions"]

    def deref(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[1]]
        return node

    found: set[str] = set()

    def walk(node: dict[str, Any], prefix: str) -> None:
        node = deref(node)
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, prefix + "[]")
        values = node.get("additionalProperties")
        if isinstance(values, dict):
            walk(values, prefix + ".*")
        for name, child in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            found.add(path)
            walk(child, path)

    walk(schema, "")
    return found


def loader_keys() -> set[str]:
    """Every key the loader reads, from its key lists (the same lists it warns unknown keys by),
    presskit/1's and the ones presskit/1.1 adds."""
    nested = {
        "kit": manifest_terms.KIT_KEYS,
        "film": loader.FILM_KEYS + loader.FILM_KEYS_1_1,
        "film.specs": manifest_terms.SPECS_KEYS,
        "film.dates[]": loader.DATE_KEYS,
        "synopsis": loader.SYNOPSIS_KEYS,
        "credits": loader.CREDITS_KEYS,
        "credits.cast[]": loader.CAST_KEYS,
        "credits.crew[]": loader.CREW_KEYS,
        "rights": manifest_terms.RIGHTS_KEYS,
        "stills[]": loader.STILL_KEYS + loader.STILL_KEYS_1_1,
        "artwork[]": manifest_media.ARTWORK_KEYS,
        "people[]": manifest_press.PERSON_KEYS,
        "awards[]": manifest_press.AWARD_KEYS,
        "quotes[]": manifest_press.QUOTE_KEYS,
        "trailer": manifest_media.TRAILER_KEYS,
        "videos[]": manifest_media.VIDEO_KEYS,
        "screenings[]": manifest_press.SCREENING_KEYS,
        "notes[]": loader.NOTE_KEYS,
        "contacts[]": loader.CONTACT_KEYS + loader.CONTACT_KEYS_1_1,
        "translations.*": manifest_press.TRANSLATION_KEYS,
        "translations.*.synopsis": manifest_press.TRANSLATED_SYNOPSIS_KEYS,
    }
    keys = set(loader.TOP_KEYS + loader.TOP_KEYS_1_1)
    for prefix, names in nested.items():
        keys.update(f"{prefix}.{name}" for name in names)
    return keys


def test_schema_and_loader_know_the_same_keys(schema: dict[str, Any]) -> None:
    assert schema_keys(schema) == loader_keys()
    assert loader_keys() >= V11_KEYS  # every key the issue lists is read


# -- kits that must validate ------------------------------------------------------------------


@pytest.mark.parametrize("path", [NIGHT_ORBIT, FULL, BUNDLED], ids=lambda p: p.parent.name)
def test_kits_validate(validator: jsonschema.Draft7Validator, path: Path) -> None:
    assert errors_of(validator, manifest(path)) == []


def test_the_night_orbit_kit_uses_every_key(schema: dict[str, Any]) -> None:
    used: set[str] = set()

    def walk(data: Any, prefix: str) -> None:
        if isinstance(data, dict):
            for name, value in data.items():
                star = prefix == "translations"
                path = f"{prefix}.*" if star else (f"{prefix}.{name}" if prefix else name)
                if not star:
                    used.add(path)
                walk(value, path)
        elif isinstance(data, list):
            for item in data:
                walk(item, prefix + "[]")

    walk(manifest(NIGHT_ORBIT), "")
    unused = schema_keys(schema) - used - {"trailer", "trailer.file", "trailer.title"}
    unused -= {"trailer.poster", "trailer.captions"}  # a kit has videos: or trailer:, not both
    assert unused == set()


# -- what the schema takes as the app does ----------------------------------------------------


def night_orbit_with(change: dict[str, Any]) -> Any:
    """The Night Orbit manifest with top-level parts replaced."""
    data = manifest(NIGHT_ORBIT)
    data.update(copy.deepcopy(change))
    return data


def test_text_fields_take_numbers_and_booleans(validator: jsonschema.Draft7Validator) -> None:
    text = (
        "format: presskit/1.1\n"
        "film: {title: 1.10, tagline: NO, rating: true}\n"
        "synopsis: {short: 3}\n"
    )
    data = load_core(text)
    assert data["film"]["title"] == 1.1  # what an editor sees: a number, and the app's text
    assert errors_of(validator, data) == []


def test_whole_numbers_may_be_quoted_as_the_app_reads_them(
    validator: jsonschema.Draft7Validator,
) -> None:
    for value in ('"95"', "95", "007"):
        data = load_core(f"format: presskit/1\nfilm: {{title: T, runtime_minutes: {value}}}\n"
                         "synopsis: {short: s}\n")  # fmt: skip
        assert errors_of(validator, data) == [], value


@pytest.mark.parametrize(
    "start",
    [
        "2030-01-10T19:00:00-05:00",
        "2030-01-10T19:00:00Z",
        "2030-01-10T19:00:00.123+05:30",
        "2030-01-10T19:00:00+00:00",
    ],
)
def test_times_accepted(validator: jsonschema.Draft7Validator, start: str) -> None:
    data = night_orbit_with({"screenings": [{"start": start}]})
    assert errors_of(validator, data) == []


@pytest.mark.parametrize(
    "start",
    [
        "2030-01-10",
        "2030-01-10T19:00:00",
        "2030-01-10t19:00:00Z",
        "2030-01-10T19:00:00z",
        "2030-01-10 19:00:00Z",
        "2030-01-10T19:00:00-00:00",
        "2030-01-10T24:00:00Z",
        "2030-13-10T19:00:00Z",
        "2030-01-10T19:00Z",
        "2030-01-10T19:00:00-0500",
        "0000-01-10T19:00:00Z",
        "2030-12-31T23:59:60Z",
    ],
)
def test_times_refused(validator: jsonschema.Draft7Validator, start: str) -> None:
    errors = errors_of(validator, night_orbit_with({"screenings": [{"start": start}]}))
    assert errors and errors[0].startswith("screenings/0/start"), errors


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"film": {"titel": "Night Orbit"}}, "film"),  # typo: unknown key, and title missing
        ({"stills": [{"caption": "no file"}]}, "stills/0"),
        ({"stills": [{"file": "/etc/passwd"}]}, "stills/0/file"),
        ({"stills": [{"file": "https://example.com/a.jpg"}]}, "stills/0/file"),
        ({"stills": [{"file": "stills\\01.jpg"}]}, "stills/0/file"),
        ({"stills": [{"file": "C:stills/01.jpg"}]}, "stills/0/file"),
        ({"stills": [{"file": "stills/01.jpg", "embargo": "2099-01-01"}]}, "stills/0/embargo"),
        ({"artwork": [{"file": "art/logo.png", "kind": "wallpaper"}]}, "artwork/0/kind"),
        ({"awards": [{"festival": "X", "result": "won"}]}, "awards/0/result"),
        ({"awards": [{"festival": "X", "result": "winner", "year": "last year"}]}, "awards/0/year"),
        ({"awards": [{"festival": "X"}]}, "awards/0"),
        ({"videos": [{"file": "video/trailer.mp4", "kind": "Trailer"}]}, "videos/0/kind"),
        ({"kit": {"id": "night orbit", "version": 3}}, "kit/id"),
        ({"kit": {"id": "night-orbit", "version": 0}}, "kit/version"),
        ({"kit": {"version": 3}}, "kit"),
        ({"kit": {"id": "night-orbit", "updated": "5 Jan 2030"}}, "kit/updated"),
        ({"quotes": [{"text": "Great."}]}, "quotes/0"),
        ({"quotes": [{"text": "Great.", "source": "X", "date": "2030-1-13"}]}, "quotes/0/date"),
        ({"translations": {"French": {"title": "Orbite de nuit"}}}, "translations"),
        ({"translations": {"fr": {"titre": "Orbite de nuit"}}}, "translations/fr"),
        ({"contacts": [{"name": {"first": "Pat"}}]}, "contacts/0/name"),
        (
            {"people": [{"name": "Ola Example", "photo": "../ola.jpg", "bio": ["x"]}]},
            "people/0/bio",
        ),
        ({"rights": {"embargo": "2030-01-10T09:00:00"}}, "rights/embargo"),
        ({"film": {"title": "T", "specs": {"year": 2030.5}}}, "film/specs/year"),
        ({"film": {"title": "T", "genres": "Drama"}}, "film/genres"),
        ({"synopsis": {"attribution": "only this"}}, "synopsis"),
        ({"format": "presskit/2"}, "format"),
        ({"trailer": {"file": "video/trailer.mp4"}}, ""),  # trailer: and videos: together
    ],
)
def test_broken_manifests_are_refused_where_the_fault_is(
    validator: jsonschema.Draft7Validator, change: dict[str, Any], where: str
) -> None:
    errors = errors_of(validator, night_orbit_with(change))
    assert errors, change
    assert any(error.split(": ", 1)[0] == where for error in errors), errors


def test_a_presskit_1_kit_may_not_use_keys_of_1_1(validator: jsonschema.Draft7Validator) -> None:
    data = manifest(FULL)
    assert errors_of(validator, data) == []
    for key, value in [
        ("rights", {"usage": "Editorial use only."}),
        ("screenings", [{"start": "2030-01-10T19:00:00Z"}]),
        ("translations", {"fr": {"title": "Film"}}),
    ]:
        changed = {**data, key: value}
        assert errors_of(validator, changed), key
        assert errors_of(validator, {**changed, "format": "presskit/1.1"}) == [], key
    nested = manifest(FULL)
    nested["stills"][0]["embargo"] = "2099-01-01T00:00:00Z"
    nested["contacts"][0]["territory"] = "Norway"
    nested["film"]["original_title"] = "Testfilm"
    assert len(errors_of(validator, nested)) >= 1
    assert errors_of(validator, {**nested, "format": "presskit/1.1"}) == []


def _loader_verdict(path: Path, tmp_path: Path) -> bool:
    """True when the loader takes the manifest without any error or warning."""
    kit = tmp_path / path.stem
    kit.mkdir()
    (kit / "presskit.yaml").write_bytes(path.read_bytes())
    try:
        result = load_press_kit(kit)
    except KitLoadError:
        return False
    return not result.problems


def _json_manifests() -> list[Path]:
    """The refusal manifests an editor can read as JSON data at all; the others (syntax errors,
    tags, aliases, duplicate keys, bad UTF-8) fail in YAML, before any schema could look."""
    readable = []
    for path in sorted(MANIFESTS.glob("*.yaml")):
        try:
            load_core(path.read_text(encoding="utf-8"))
        except (NotJsonData, UnicodeDecodeError):
            continue
        readable.append(path)
    return readable


def test_most_refusal_manifests_reach_the_schema() -> None:
    assert len(_json_manifests()) >= 10


@pytest.mark.parametrize("path", _json_manifests(), ids=lambda p: p.stem)
def test_schema_agrees_with_the_loader_on_the_refusal_manifests(
    validator: jsonschema.Draft7Validator, path: Path, tmp_path: Path
) -> None:
    assert _loader_verdict(path, tmp_path) is False  # every file there is refused somehow
    assert errors_of(validator, manifest(path)) != []


# Times on both sides of every rule, for the schema's pattern and the app's parser together.
TIME_CORPUS = [
    "2030-01-10T09:00:00-05:00", "2030-01-12T00:00:00Z", "2030-01-10T19:00:00+05:30",
    "2028-02-29T23:59:59+14:00", "2030-06-30T12:00:00.5Z", "2030-12-31T23:59:59.9999999Z",
    "0001-01-01T00:00:00Z", "2030-01-10T09:00:00-23:59", "2030-01-10T09:00:00+00:00",
    "2030-01-10", "2030-01-10T09:00:00", "2030-01-10t09:00:00Z", "2030-01-10 09:00:00Z",
    "2030-01-10T09:00:00z", "2030-01-10T09:00:00-00:00", "2030-01-10T09:00Z",
    "2030-01-10T09:00:00-0500", "2030-01-10T09:00:00+05", "2030-01-10T09:00:00,5Z",
    "2030-01-10T24:00:00Z", "2030-01-10T09:60:00Z", "2030-13-10T09:00:00Z",
    "2030-00-10T09:00:00Z", "2030-01-00T09:00:00Z", "2030-12-31T23:59:60Z",
    "2030-01-10T09:00:00+24:00", "0000-01-01T00:00:00Z", " 2030-01-10T09:00:00Z",
    "2030-01-10T09:00:00Z\n", "٢٠٣٠-01-10T09:00:00Z", "",
    # the two the pattern cannot see: a day the month lacks, and a moment past year 9999 in UTC
    "2030-02-29T09:00:00Z", "9999-12-31T23:00:00-05:00",
]  # fmt: skip
PATTERN_ONLY = {"2030-02-29T09:00:00Z", "9999-12-31T23:00:00-05:00"}


def test_the_time_pattern_agrees_with_the_apps_parser(schema: dict[str, Any]) -> None:
    from app.model.times import TimeFormatError, parse_time

    time_schema = {**schema["definitions"]["time"]}
    check = jsonschema.Draft7Validator(time_schema)
    for text in TIME_CORPUS:
        try:
            parse_time(text)
            app_takes = True
        except TimeFormatError:
            app_takes = False
        schema_takes = check.is_valid(text)
        if text in PATTERN_ONLY:
            assert schema_takes and not app_takes, text
        else:
            assert schema_takes == app_takes, text
