""" "Save contact": a press contact written as a vCard (``.vcf``) an address book imports.

The card comes from the model's vCard writer (app/model/vcard.py, RFC 6350). It is given the
contact's territory and the film's title (its NOTE says whose press contact this is) and the
kit's id (a stable UID, so saving it again updates the entry). Not the distributor as ORG: a
kit does not say whom a publicist works for, and a card must not claim what the kit does not.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.model.kit import Contact, PressKit
from app.model.vcard import contact_vcard
from app.settings import Settings
from app.views.save_dialog import (
    ask_save_path,
    offers_file_dialogs,
    safe_file_name,
    write_and_confirm,
)

log = logging.getLogger(__name__)

VCF_FILTER = "vCard files (*.vcf)"


def contact_bytes(kit: PressKit, contact: Contact) -> bytes:
    """The contact's vCard as UTF-8 (vCard 4.0 allows no other encoding)."""
    card = contact_vcard(
        contact,
        territory=contact.territory,
        film_title=kit.film.title,
        kit_id=kit.kit_info.id if kit.kit_info is not None else None,
    )
    return card.encode("utf-8")


def save_contact(
    parent: QWidget, kit: PressKit, contact: Contact, settings: Settings
) -> Path | None:
    """Ask for a file name and write the contact's card there; the path written, or None when
    the person cancelled, the write failed, or this is booth mode (no file dialogs there)."""
    if not offers_file_dialogs(settings):
        log.warning("save contact: no file dialogs in booth mode")
        return None
    path = ask_save_path(
        parent,
        "Save the contact",
        safe_file_name(contact.name, ".vcf", "contact"),
        VCF_FILTER,
        ".vcf",
    )
    if path is None:
        return None
    data = contact_bytes(kit, contact)
    done = f"Saved {path.name}: open it in your address book to add {contact.name}."
    return path if write_and_confirm(parent, path, data, "the contact card", done) else None
