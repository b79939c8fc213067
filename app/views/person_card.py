"""A credited person's card: photo with its credit, name, pronunciation, role and biography.

Opened from a name in the credits when the kit's ``people`` section describes that person.
The name, pronunciation, role and photo credit are kit text shown as plain text; the biography
is Markdown, like press notes, rendered by the kit's confined browser (images only from the
kit, raw HTML shown as written, links decided as in the notes). "Copy name" copies the name
exactly as the kit writes it: a journalist spelling "Åsmund Ødegård" must get the diacritics.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.media.images import decode_to_fit
from app.media.worker import run_in_background
from app.model.kit import Person, PressKit, Still
from app.settings import Settings
from app.views import palette
from app.views.base_tab import copy_to_clipboard
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_browser import KitTextBrowser, kit_image_paths
from app.views.kit_text import plain_label, window_title_text
from app.views.note_links import LinkDecision, LinkKind, decide, unlink_refused
from app.views.notes_tab import MARKDOWN_FEATURES

log = logging.getLogger(__name__)

PHOTO_BOX = QSize(220, 290)  # logical pixels: a portrait photo beside the text


class PersonCard(QDialog):
    """The card for ``person``; ``open_links`` is off in booth mode (no browser, no viewer
    windows). ``embedded``: a panel over ``parent``'s window instead of a window of its own
    (booth mode: every view stays inside the locked full-screen window)."""

    photo_shown = Signal()

    def __init__(
        self,
        kit: PressKit,
        person: Person,
        open_links: bool = True,
        parent: QWidget | None = None,
        embedded: bool = False,
    ) -> None:
        host = parent.window() if embedded and parent is not None else parent
        super().__init__(host)
        self.embedded = embedded and host is not None
        self.kit = kit
        self.person = person
        self.open_links = open_links
        self.photo_image: QImage | None = None
        self.photo_problem: str | None = None
        self.last_link: LinkDecision | None = None  # what the last click did, for tests
        self.setObjectName("personCard")
        self.setWindowTitle(window_title_text(person.name))
        self.setAccessibleName(f"About {person.name}")
        self.resize(760, 460)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(22, 22, 22, 18)
        outer.setSpacing(22)
        if person.photo is not None:
            outer.addLayout(self._photo_column(person), 0)
        outer.addLayout(self._text_column(kit, person), 1)
        if self.embedded:
            assert host is not None
            self.setWindowFlags(Qt.WindowType.Widget)
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
            self.setStyleSheet(
                f"QDialog#personCard {{ background: {palette.POPUP};"
                f" border: 1px solid {palette.POPUP_BORDER}; }}"
            )
            host.installEventFilter(self)
            self._place_in(host)

    def _place_in(self, host: QWidget) -> None:
        """Centred over ``host``, as large as the card wants and the host allows."""
        width = min(760, max(200, host.width() - 80))
        height = min(460, max(160, host.height() - 80))
        self.setGeometry((host.width() - width) // 2, (host.height() - height) // 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.embedded and watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            assert isinstance(watched, QWidget)
            self._place_in(watched)
        return super().eventFilter(watched, event)

    # -- the photo ---------------------------------------------------------------------------

    def _photo_column(self, person: Person) -> QVBoxLayout:
        assert person.photo is not None
        column = QVBoxLayout()
        self.photo_label = plain_label("", self)
        self.photo_label.setObjectName("personPhoto")
        # Its full box until the photo is decoded, then the photo's own height, so the credit
        # sits right under the picture.
        self.photo_label.setFixedSize(PHOTO_BOX)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.photo_label.setWordWrap(True)
        self.photo_label.setAccessibleName(f"Photo of {person.name}")
        column.addWidget(self.photo_label)
        self.photo_credit_label: QLabel | None = None
        if person.photo_credit:
            credit = plain_label(person.photo_credit, self)
            credit.setObjectName("personPhotoCredit")
            credit.setWordWrap(True)
            credit.setMaximumWidth(PHOTO_BOX.width())
            credit.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
            credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.photo_credit_label = credit
            column.addWidget(credit)
        column.addStretch(1)
        ratio = self.devicePixelRatioF()
        box = QSize(int(PHOTO_BOX.width() * ratio), int(PHOTO_BOX.height() * ratio))
        path = person.photo.path
        # Off the UI thread: a photo straight from a camera takes a noticeable time to decode.
        run_in_background(
            lambda: decode_to_fit(path, box),
            self._on_photo_decoded,
            self._on_photo_failed,
            owner=self,
        )
        return column

    def _on_photo_decoded(self, image: object) -> None:
        if not isinstance(image, QImage) or image.isNull():
            self._on_photo_failed(ValueError("cannot be decoded"))
            return
        self.photo_image = image
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.photo_label.setPixmap(pixmap)
        self.photo_label.setFixedHeight(max(1, round(image.height() / self.devicePixelRatioF())))
        self.photo_shown.emit()

    def _on_photo_failed(self, error: Exception) -> None:
        assert self.person.photo is not None
        self.photo_problem = f"{self.person.photo.relative} {error}"
        log.warning("person card: photo %s", self.photo_problem)
        self.photo_label.setText(f"The photo cannot be shown: {self.photo_problem}.")

    # -- name, pronunciation, role, biography ------------------------------------------------

    def _text_column(self, kit: PressKit, person: Person) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        self.name_label = plain_label(person.name, self)
        self.name_label.setObjectName("personName")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # On the label itself: the theme's stylesheet sets every widget's font size.
        self.name_label.setStyleSheet(
            f"font-size: 20pt; font-weight: 600; color: {palette.TEXT_STRONG};"
        )
        column.addWidget(self.name_label)
        self.pronunciation_label: QLabel | None = None
        if person.pronunciation:
            said = plain_label(f"Pronounced {person.pronunciation}", self)
            said.setObjectName("personPronunciation")
            said.setWordWrap(True)
            said.setAccessibleName(f"Pronunciation: {person.pronunciation}")
            said.setStyleSheet(f"color: {palette.AMBER};")
            self.pronunciation_label = said
            column.addWidget(said)
        self.role_label: QLabel | None = None
        role = kit.credited_role(person.name)
        if role:
            self.role_label = plain_label(role, self)
            self.role_label.setObjectName("personRole")
            self.role_label.setWordWrap(True)
            self.role_label.setStyleSheet(f"color: {palette.TEXT_SECONDARY};")
            column.addWidget(self.role_label)
        self.bio: KitTextBrowser | None = None
        self.unlinked: list[str] = []
        if person.bio:
            column.addWidget(self._bio_browser(kit, person.bio), 1)
        else:
            column.addStretch(1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.copy_button = QPushButton("Copy name", self)
        self.copy_button.setObjectName("copyName")
        self.copy_button.setAccessibleName(f"Copy the name {person.name}")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        set_icon_later(self.copy_button, "mdi6.content-copy")
        self.close_button = QPushButton("Close", self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.close_button)
        column.addLayout(bar)
        return column

    def _bio_browser(self, kit: PressKit, bio: str) -> KitTextBrowser:
        browser = KitTextBrowser(kit_image_paths(kit), self)
        browser.setObjectName("personBio")
        browser.setAccessibleName("Biography")
        document = browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(kit.root.resolve()) + os.sep))
        # As in the notes: Markdown's own links and images only, raw HTML shown as written.
        document.setMarkdown(bio, MARKDOWN_FEATURES)
        browser.color_links()
        self.unlinked = unlink_refused(document, kit)
        browser.moveCursor(QTextCursor.MoveOperation.Start)
        browser.anchorClicked.connect(self._on_bio_anchor_clicked)
        self.bio = browser
        return browser

    @Slot()
    def _on_copy_clicked(self) -> None:
        copy_to_clipboard(self.person.name)  # exactly as written: no trimming, no folding
        confirm(self, f"Copied the name {self.person.name}.")

    @Slot(QUrl)
    def _on_bio_anchor_clicked(self, url: QUrl) -> None:
        assert self.bio is not None
        decision = decide(url, self.bio.document().baseUrl(), self.kit)
        self.last_link = decision
        log.info("person card: link %s -> %s", decision.target, decision.kind.value)
        if not self.open_links:
            return  # booth mode: no browser, and no window beside the booth's own
        if decision.kind is LinkKind.EXTERNAL:
            QDesktopServices.openUrl(url)
        elif decision.kind in (LinkKind.STILL, LinkKind.IMAGE) and decision.file is not None:
            from app.views.still_viewer import StillViewer

            still = (
                self.kit.stills[decision.row]
                if decision.row is not None
                else Still(decision.file.relative, decision.file, caption=decision.file.relative)
            )
            StillViewer([still], 0, self).show()
        else:
            log.info("person card: not opening %s (%s)", decision.target, decision.reason)


def show_person_card(
    parent: QWidget, kit: PressKit, name: str, settings: Settings | None = None
) -> PersonCard | None:
    """Open the card for the credited ``name`` (matched as the kit matches names: composed or
    decomposed letters, spacing and case alike); None when the kit has no details for it.

    ``settings`` in booth mode keeps the card's links from opening anything and shows the
    card as a panel inside the booth's window rather than a window of its own.
    """
    person = kit.person(name)
    if person is None:
        log.info("person card: the kit has no details for %r", name)
        return None
    booth = settings is not None and settings.locked_down
    card = PersonCard(kit, person, not booth, parent, embedded=booth)
    card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if card.embedded:
        card.show()
        card.raise_()
        card.close_button.setFocus()
    else:
        card.open()
    return card
