"""The pack's two PDFs: the one-sheet and the contact sheet of the images it holds."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from app.media.story_pack.contact_sheet import ContactSheetEntry, write_contact_sheet
from app.media.story_pack.one_sheet import write_one_sheet
from app.model.kit import PressKit
from app.model.story_pack import count_width
from app.model.story_pack_texts import CONTACT_SHEET_PDF, ONE_SHEET_PDF, WrittenImage

log = logging.getLogger(__name__)

PDF_NAMES: tuple[str, ...] = (ONE_SHEET_PDF, CONTACT_SHEET_PDF)


def contact_label(image: WrittenImage, count: int) -> str:
    """``Still 03`` / ``Artwork 02``: the number as the pack's file names write it, so a
    reader finds the file the sheet shows."""
    item = image.item
    return f"{'Still' if item.kind == 'still' else 'Artwork'} {item.number:0{count_width(count)}d}"


def write_pdfs(kit: PressKit, images: Sequence[WrittenImage], folder: Path) -> list[str]:
    """Write the one-sheet and the contact sheet into ``folder``; the names written."""
    write_one_sheet(kit, folder / ONE_SHEET_PDF)
    counts = {"still": len(kit.stills), "artwork": len(kit.artwork)}
    entries = [
        ContactSheetEntry(
            contact_label(image, counts[image.item.kind]),
            image.item.source.path,
            image.item.caption,
            image.item.credit,
        )
        for image in images
    ]
    write_contact_sheet(kit, entries, folder / CONTACT_SHEET_PDF)
    return list(PDF_NAMES)
