"""The pack's two PDFs, made by ``one_sheet`` and ``contact_sheet`` in this package.

The PDF makers come from a branch of their own; until it is merged they are looked up when a
pack is written, and a pack made without them says so in the log and lists no PDF.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path

from app.model.kit import PressKit
from app.model.story_pack_texts import CONTACT_SHEET_PDF, ONE_SHEET_PDF, WrittenImage

log = logging.getLogger(__name__)

PDF_NAMES: tuple[str, ...] = (ONE_SHEET_PDF, CONTACT_SHEET_PDF)


def contact_label(image: WrittenImage) -> str:
    """``Still 03`` / ``Artwork 02``: the number as the file name writes it."""
    item = image.item
    digits = item.name.split("_")[1].lstrip("stilar") if "_" in item.name else str(item.number)
    return f"{'Still' if item.kind == 'still' else 'Artwork'} {digits}"


def write_pdfs(kit: PressKit, images: Sequence[WrittenImage], folder: Path) -> list[str]:
    """Write the one-sheet and the contact sheet into ``folder``; the names written."""
    try:
        one_sheet = importlib.import_module("app.media.story_pack.one_sheet")
        contact_sheet = importlib.import_module("app.media.story_pack.contact_sheet")
    except ImportError:
        log.warning("the PDF makers are not part of this build: the pack has no PDFs")
        return []
    one_sheet.write_one_sheet(kit, folder / ONE_SHEET_PDF)
    entries = [
        contact_sheet.ContactSheetEntry(
            contact_label(image), image.item.source.path, image.item.caption, image.item.credit
        )
        for image in images
    ]
    contact_sheet.write_contact_sheet(kit, entries, folder / CONTACT_SHEET_PDF)
    return list(PDF_NAMES)
