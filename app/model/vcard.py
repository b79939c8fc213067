"""Save contact: a kit's press contact as a vCard 4.0 (RFC 6350) that address books import.

Only what the kit says is written: the name, the role as TITLE, e-mail, telephone, web address
and territory. Nothing is guessed beyond the structured name, which RFC 6350 makes optional but
many address books need to file a card (they sort by family name).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable
from typing import Protocol

from app.model.rfc_text import PRODID, content_line, escape_components, text_line

log = logging.getLogger(__name__)


# RFC 3966 global numbers: "+" then digits with the visual separators - . ( ); spaces, common in
# written numbers, become "-".
_GLOBAL_PHONE = re.compile(r"\+[0-9][0-9 .()-]*[0-9]")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_UID_NAMESPACE = uuid.UUID("6f1c1d36-9f43-5a1e-9d5b-2f0f8d0b7c11")  # fixed: same card, same UID


class ContactFacts(Protocol):
    """What the card needs of a contact (the kit's ``Contact`` record has these fields)."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str | None: ...

    @property
    def email(self) -> str | None: ...

    @property
    def phone(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...


def structured_name(full_name: str) -> tuple[str, str, str, str, str]:
    """``N``'s five parts (family; given; additional; prefixes; suffixes), best effort.

    Names do not split reliably across cultures, so this only does what is right for the common
    "Given Family" order: the last word is the family name, the words before it the given name.
    A one-word name (or an office such as "Publicity") is kept whole as the family name, where
    address books sort it. FN always carries the name exactly as the kit wrote it.
    """
    words = full_name.split()
    if not words:
        return ("", "", "", "", "")
    if len(words) == 1:
        return (words[0], "", "", "", "")
    return (words[-1], " ".join(words[:-1]), "", "", "")


def phone_uri(phone: str) -> str | None:
    """``tel:+47-555-01-00`` for a number written in international form, else None.

    RFC 6350 asks for TEL as a URI (``tel:``, RFC 3966), but a ``tel:`` URI must be a global
    number: a local number, an extension in words or anything with letters cannot become one
    without guessing the country.
    """
    text = phone.strip()
    if not _GLOBAL_PHONE.fullmatch(text):
        return None
    compact = re.sub(r" +", "-", text)
    return f"tel:{re.sub(r'-{2,}', '-', compact)}"


def contact_vcard(
    contact: ContactFacts,
    *,
    territory: str | None = None,
    organization: str | None = None,
    film_title: str | None = None,
    kit_id: str | None = None,
) -> str:
    """One vCard 4.0 (CRLF line ends) for the contact; write it encoded as UTF-8.

    ``territory`` (presskit/1.1) goes into NOTE, after "Press contact for ``film_title``";
    ``organization`` (the distributor, say) into ORG. With a ``kit_id`` the card gets a UID that
    stays the same for the same kit and name, so saving it again updates the address-book entry.
    """
    lines = [
        content_line("BEGIN", "VCARD"),
        content_line("VERSION", "4.0"),
        text_line("PRODID", PRODID),
        text_line("FN", contact.name),
        content_line("N", escape_components(structured_name(contact.name))),
    ]
    if kit_id:
        card_id = uuid.uuid5(_UID_NAMESPACE, f"{kit_id}\n{contact.name}")
        lines.append(content_line("UID", card_id.urn))
    if organization:
        lines.append(text_line("ORG", organization))
    if contact.role:
        # TITLE ("position or job", RFC 6350 6.6.1) rather than ROLE ("function … in a
        # particular situation"): a kit's role is a job like "International sales", and TITLE
        # is the one address books show under the name.
        lines.append(text_line("TITLE", contact.role))
    if contact.email:
        lines.append(text_line("EMAIL", contact.email.strip(), [("TYPE", "work")]))
    if contact.phone:
        lines.append(_phone_line(contact.phone))
    notes = []
    if contact.url:
        url = contact.url.strip()
        if _URI_SCHEME.match(url):
            lines.append(content_line("URL", url))
        else:
            # URL must be a URI; a bare "example.org/press" is kept where a person can read it
            # rather than written as a link that address books would refuse or misread.
            notes.append(f"Web: {url}")
    if film_title:
        notes.insert(0, f"Press contact for {film_title}")
    if territory:
        notes.append(f"Territory: {territory}")
    if notes:
        lines.append(text_line("NOTE", "\n".join(notes)))
    lines.append(content_line("END", "VCARD"))
    return "".join(lines)


def contacts_vcards(cards: Iterable[str]) -> str:
    """Several cards in one ``.vcf`` (RFC 6350 allows a sequence of vCards in one file)."""
    return "".join(cards)


def _phone_line(phone: str) -> str:
    uri = phone_uri(phone)
    if uri is not None:
        return content_line("TEL", uri, [("VALUE", "uri"), ("TYPE", ("work", "voice"))])
    # RFC 6350 6.4.1 keeps free text as TEL's fallback value (for vCard 3 compatibility); saying
    # VALUE=text stops a 4.0 reader from taking it for a URI.
    log.info("phone number %r is not in international form; written as text", phone)
    return text_line("TEL", phone.strip(), [("VALUE", "text"), ("TYPE", ("work", "voice"))])
