"""What a click on a link in kit text does.

A link is handed to the desktop only when it is ``http(s):`` or ``mailto:``: the desktop's
opener runs what it is given (``run.sh``, ``setup.desktop``, ``codec.exe`` on Windows and
macOS), so a kit file never goes to it. A kit file the viewer itself shows opens inside the
app: a still in the still viewer, the trailer in the trailer tab, any other image of the kit in
the still viewer on its own. Everything else is refused, with the reason.
"""

from __future__ import annotations

import enum
import logging
import os
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCharFormat, QTextDocument

from app.model.kit import KitFile, PressKit
from app.views.kit_text import kit_tooltip
from app.views.text_fragments import apply_formats, link_fragments

log = logging.getLogger(__name__)

EXTERNAL_SCHEMES = ("http", "https", "mailto")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})


class LinkKind(enum.Enum):
    EXTERNAL = "external"  # the person's browser or mail program
    STILL = "still"  # the still viewer, at that still
    IMAGE = "image"  # another image of the kit (key art, poster…), in the still viewer
    TRAILER = "trailer"  # the trailer tab
    REFUSED = "refused"  # not opened; ``reason`` says why


class LinkDecision(NamedTuple):
    kind: LinkKind
    target: str  # the link as written, for messages
    reason: str = ""
    row: int | None = None  # for STILL: the still's index in the kit
    file: KitFile | None = None  # for STILL, IMAGE, TRAILER


def _kit_files(kit: PressKit) -> dict[Path, KitFile]:
    """Every file the kit names, by resolved path (links in notes included)."""
    files = {kit_file.path: kit_file for _key, kit_file, _kind in kit.referenced_files()}
    for note in kit.notes:
        for link in note.links:
            if link.file is not None:
                files.setdefault(link.file.path, link.file)
    return files


def decide(url: QUrl, base: QUrl, kit: PressKit) -> LinkDecision:
    """What clicking ``url`` (as found in a document whose base is ``base``) should do."""
    target = url.toString()
    scheme = url.scheme().lower()
    if scheme in EXTERNAL_SCHEMES:
        if scheme != "mailto" and not url.host():
            return LinkDecision(LinkKind.REFUSED, target, "the web address has no host")
        return LinkDecision(LinkKind.EXTERNAL, target)
    resolved = base.resolved(url) if url.isRelative() else url
    if not resolved.isLocalFile():
        return LinkDecision(
            LinkKind.REFUSED, target, "only web links, e-mail addresses and kit files open"
        )
    path = Path(os.path.realpath(resolved.toLocalFile()))
    kit_file = _kit_files(kit).get(path)
    if kit_file is None:
        return LinkDecision(LinkKind.REFUSED, target, "it is not a file the kit names")
    for row, still in enumerate(kit.stills):
        if still.file is not None and still.file.path == path:
            return LinkDecision(LinkKind.STILL, target, row=row, file=kit_file)
    trailer = kit.trailer
    if trailer is not None and trailer.file is not None and trailer.file.path == path:
        return LinkDecision(LinkKind.TRAILER, target, file=kit_file)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return LinkDecision(LinkKind.IMAGE, target, file=kit_file)
    return LinkDecision(
        LinkKind.REFUSED,
        target,
        "the viewer opens only the kit's images and its trailer, and never runs a file",
    )


def unlink_refused(document: QTextDocument, kit: PressKit) -> list[str]:
    """Turn every link that would be refused into plain text, its reason as a tooltip.

    Returns the refused targets. A refused link that still looked like a link would invite a
    click that can only fail.
    """
    refused: list[str] = []
    changes: list[tuple[int, int, QTextCharFormat]] = []
    base = document.baseUrl()
    for fragment in link_fragments(document):
        fmt = fragment.charFormat()
        if not fmt.anchorHref():
            continue
        decision = decide(QUrl(fmt.anchorHref()), base, kit)
        if decision.kind is not LinkKind.REFUSED:
            continue
        refused.append(decision.target)
        plain = QTextCharFormat(fmt)
        plain.setAnchor(False)
        plain.setAnchorHref("")
        plain.setFontUnderline(False)
        plain.clearForeground()
        plain.setToolTip(kit_tooltip(f"Not opened: {decision.target} — {decision.reason}."))
        changes.append((fragment.position(), fragment.length(), plain))
    apply_formats(document, changes, merge=False)
    if refused:
        log.info("notes: %d link(s) shown as text: %s", len(refused), ", ".join(refused))
    return refused
