"""Save contact: vCard 4.0 structure, names, TEL as a tel: URI or text, escaping, folding.

Read back by the small reader in ``content_lines`` and by ``vobject`` (a test-only dependency).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
import vobject
from content_lines import split_property, unescape, unfold

from app.model.rfc_text import CRLF, MAX_LINE_OCTETS, PRODID
from app.model.vcard import (
    contact_vcard,
    contacts_vcards,
    phone_uri,
    structured_name,
)


class Contact(NamedTuple):
    """Shaped as the kit's contact record (presskit/1 fields)."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None


FULL = Contact(
    "Åse Nordmann-Example",
    "International sales, Europe; festivals",
    "sales@example.com",
    "+47 555 01 00",
    "https://example.com/press",
)


def props(text: str) -> list[tuple[str, list[tuple[str, str]], str]]:
    return [split_property(line) for line in unfold(text)]


def by_name(text: str) -> dict[str, tuple[list[tuple[str, str]], str]]:
    found: dict[str, tuple[list[tuple[str, str]], str]] = {}
    for name, params, value in props(text):
        assert name not in found or name in ("BEGIN", "END"), f"{name} twice"
        found[name] = (params, value)
    return found


def test_card_structure() -> None:
    card = contact_vcard(FULL, territory="Norway", organization="Example Pictures", kit_id="k")
    assert card.endswith(CRLF)
    assert "\n" not in card.replace(CRLF, "")
    lines = props(card)
    assert lines[0] == ("BEGIN", [], "VCARD")
    assert lines[1] == ("VERSION", [], "4.0")  # RFC 6350: VERSION right after BEGIN
    assert lines[-1] == ("END", [], "VCARD")
    fields = by_name(card)
    assert unescape(fields["PRODID"][1]) == PRODID
    assert unescape(fields["FN"][1]) == "Åse Nordmann-Example"
    assert fields["N"][1] == "Nordmann-Example;Åse;;;"
    assert unescape(fields["ORG"][1]) == "Example Pictures"
    assert fields["TITLE"][1] == "International sales\\, Europe\\; festivals"
    assert fields["EMAIL"] == ([("TYPE", "work")], "sales@example.com")
    assert fields["TEL"] == ([("VALUE", "uri"), ("TYPE", "work,voice")], "tel:+47-555-01-00")
    assert fields["URL"][1] == "https://example.com/press"
    assert fields["UID"][1].startswith("urn:uuid:")
    assert unescape(fields["NOTE"][1]) == "Territory: Norway"


def test_uid_is_stable_per_kit_and_name() -> None:
    def uid(contact: Contact, kit: str) -> str:
        return by_name(contact_vcard(contact, kit_id=kit))["UID"][1]

    assert uid(FULL, "night-orbit") == uid(FULL, "night-orbit")
    assert uid(FULL, "night-orbit") != uid(FULL, "other-kit")
    assert uid(FULL, "night-orbit") != uid(FULL._replace(name="Someone Else"), "night-orbit")
    assert "UID" not in by_name(contact_vcard(FULL))


def test_only_what_the_kit_gives() -> None:
    card = contact_vcard(Contact("Publicity"))
    assert [name for name, _p, _v in props(card)] == [
        "BEGIN",
        "VERSION",
        "PRODID",
        "FN",
        "N",
        "END",
    ]
    assert by_name(card)["N"][1] == "Publicity;;;;"


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ola Example", ("Example", "Ola", "", "", "")),
        ("Kari Anne Example", ("Example", "Kari Anne", "", "", "")),
        ("Publicity", ("Publicity", "", "", "", "")),
        ("  Ola   Example  ", ("Example", "Ola", "", "", "")),
        ("", ("", "", "", "", "")),
    ],
)
def test_structured_name(name: str, parts: tuple[str, ...]) -> None:
    assert structured_name(name) == parts


def test_name_with_separators_is_escaped_in_each_part() -> None:
    card = contact_vcard(Contact("Ola, Jr.; Example"))
    fields = by_name(card)
    assert fields["N"][1] == "Example;Ola\\, Jr.\\;;;;"
    assert unescape(fields["FN"][1]) == "Ola, Jr.; Example"


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("+1 555 0100", "tel:+1-555-0100"),
        ("+47 555 01 00", "tel:+47-555-01-00"),
        ("+44 (0)20 7946 0000", "tel:+44-(0)20-7946-0000"),
        ("+33.1.55.55.01.00", "tel:+33.1.55.55.01.00"),
        ("+1-555-0100", "tel:+1-555-0100"),
        ("  +4955501   ", "tel:+4955501"),
        ("555 0100", None),  # local: the country cannot be guessed
        ("+1 555 0100 ext. 12", None),
        ("+1 555 CALL NOW", None),
        ("call the office", None),
        ("+", None),
    ],
)
def test_phone_uri(phone: str, uri: str | None) -> None:
    assert phone_uri(phone) == uri


def test_a_local_number_is_kept_as_text() -> None:
    card = contact_vcard(Contact("Ola Example", phone="555 0100, ext. 12"))
    params, value = by_name(card)["TEL"]
    assert params == [("VALUE", "text"), ("TYPE", "work,voice")]
    assert unescape(value) == "555 0100, ext. 12"


def test_url_without_a_scheme_goes_to_the_note() -> None:
    card = contact_vcard(
        Contact("Ola Example", url="example.com/press"), film_title="Night Orbit", territory="UK"
    )
    fields = by_name(card)
    assert "URL" not in fields
    assert unescape(fields["NOTE"][1]) == (
        "Press contact for Night Orbit\nWeb: example.com/press\nTerritory: UK"
    )


def test_long_multibyte_values_fold_within_75_octets() -> None:
    long_role = "Presseansvarlig for Norden — «Nattbane» 🎬, festivaler og pressevisninger; " * 5
    card = contact_vcard(Contact("Ærlig Østmo-Ålvik", role=long_role), territory="Norge")
    for physical in card.split(CRLF)[:-1]:
        assert len(physical.encode("utf-8")) <= MAX_LINE_OCTETS
        physical.encode("utf-8").decode("utf-8")
    assert unescape(by_name(card)["TITLE"][1]) == long_role


def test_an_independent_reader_sees_the_same_card() -> None:
    card = contact_vcard(
        FULL, territory="Norway", organization="Example Pictures", film_title="Night Orbit"
    )
    parsed = vobject.readOne(card)
    assert parsed.version.value == "4.0"
    assert parsed.fn.value == "Åse Nordmann-Example"
    assert parsed.n.value.family == "Nordmann-Example"
    assert parsed.n.value.given == "Åse"
    assert parsed.title.value == "International sales, Europe; festivals"
    assert parsed.email.value == "sales@example.com"
    assert parsed.tel.value == "tel:+47-555-01-00"
    assert parsed.tel.params["VALUE"] == ["uri"]
    assert sorted(parsed.tel.params["TYPE"]) == ["voice", "work"]
    assert parsed.url.value == "https://example.com/press"
    assert parsed.note.value == "Press contact for Night Orbit\nTerritory: Norway"


def test_several_cards_in_one_file() -> None:
    text = contacts_vcards(
        contact_vcard(contact)
        for contact in (FULL, Contact("Kari Example", email="kari@example.com"))
    )
    cards = list(vobject.readComponents(text))
    assert [card.fn.value for card in cards] == ["Åse Nordmann-Example", "Kari Example"]


def test_hostile_text_stays_inside_its_property() -> None:
    evil = Contact("x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:injected", role="a\x00b\x1b[0m")
    card = contact_vcard(evil)
    assert [name for name, _p, _v in props(card)].count("BEGIN") == 1
    parsed = vobject.readOne(card)
    assert parsed.fn.value == "x\nEND:VCARD\nBEGIN:VCARD\nFN:injected"
    assert parsed.title.value == "ab[0m"
