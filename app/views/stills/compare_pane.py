"""One still in the compare view: its number, the picture on the still viewer's canvas, its
caption and credit (plain text). The picture is decoded off the UI thread: a preview first,
then the full image."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.worker import run_in_background
from app.model.kit import Still
from app.model.media_headers import check_media
from app.views import palette
from app.views.kit_text import make_plain
from app.views.stills.canvas import ZoomableImageView

log = logging.getLogger(__name__)

PREVIEW_BOX = QSize(1600, 1600)
CURRENT_BORDER = palette.AMBER  # the pane the pick keys act on
OTHER_BORDER = palette.RULE


class ComparePane(QFrame):
    """``number``: the still's number in the kit (from 1)."""

    chosen = Signal(object)  # this pane: clicked, wheeled or focused
    image_ready = Signal(object, QImage, int)  # this pane, the image, the original's width

    def __init__(self, number: int, still: Still, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.still = still
        self.full_loaded = False
        self.setObjectName("comparePane")
        self.canvas = ZoomableImageView(self)
        self.canvas.setAccessibleName(f"Still {number}")
        self.canvas.setAccessibleDescription(still.alt or still.caption or "")
        self.canvas.viewport().installEventFilter(self)
        self.canvas.installEventFilter(self)
        self.number_label = QLabel(f"#{number}", self)
        self.number_label.setObjectName("compareNumber")
        self.mark_label = QLabel(self)
        self.mark_label.setObjectName("statusText")
        self.mark_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = make_plain(QLabel(self))
        self.message.setObjectName("emptyState")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.hide()
        self.caption = make_plain(QLabel(still.caption or still.file_text, self))
        self.caption.setObjectName("stillCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Room for three lines whatever the caption: the pictures of a row line up.
        self.caption.setMinimumHeight(3 * self.caption.fontMetrics().lineSpacing())
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.credit = make_plain(QLabel(f"Credit: {still.credit}" if still.credit else "", self))
        self.credit.setObjectName("attribution")
        self.credit.setWordWrap(True)
        self.credit.setVisible(bool(still.credit))
        self.credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QHBoxLayout()
        header.addWidget(self.number_label)
        header.addStretch(1)
        header.addWidget(self.mark_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.credit)
        self.set_current(False)

    def set_current(self, current: bool) -> None:
        colour = CURRENT_BORDER if current else OTHER_BORDER
        self.setStyleSheet(f"#comparePane {{ border: 2px solid {colour}; border-radius: 4px; }}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.FocusIn):
            self.chosen.emit(self)
        return super().eventFilter(watched, event)

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """The preview, then the full image, each decoded on a pool thread."""
        still = self.still
        if still.problem or still.file is None:
            self.show_message(f"This still cannot be shown: {still.problem or 'no file'}")
            return
        path = still.file.path

        def preview() -> tuple[QImage, int]:
            header = check_media(path, "image")[0]
            image = decode_to_fit(path, PREVIEW_BOX)
            return image, header.width if header is not None and header.width else image.width()

        run_in_background(
            preview,
            lambda result: self._on_decoded(result[0], result[1], False),
            self._on_failed,
            owner=self,
        )
        run_in_background(
            lambda: decode_to_fit(path, None),
            lambda image: self._on_decoded(image, image.width(), True),
            self._on_failed,
            owner=self,
        )

    def _on_decoded(self, image: QImage, original_width: int, full: bool) -> None:
        if self.full_loaded:
            return  # the full image came before the preview
        self.full_loaded = full
        self.image_ready.emit(self, image, original_width)

    def _on_failed(self, error: Exception) -> None:
        reason = str(error) if isinstance(error, ImageDecodeError) else "cannot be decoded"
        log.warning("compare: still #%d: %s", self.number, error)
        if not self.canvas.item.pixmap().isNull():
            return  # the preview shows; only the full image failed (memory, a cut file)
        self.show_message(f"This still cannot be shown: it {reason}.")

    def show_image(self, image: QImage, original_width: int) -> None:
        self.message.hide()
        self.canvas.show()
        self.canvas.set_image(QPixmap.fromImage(image), original_width)

    def show_message(self, text: str) -> None:
        self.canvas.hide()
        self.message.setText(text)
        self.message.show()
