"""The notice strip under the video: what is wrong with the video or its captions."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.views import palette
from app.views.kit_text import make_plain

log = logging.getLogger(__name__)


def make_notice(parent: QWidget) -> QLabel:
    """The strip under the video that says what is wrong (it quotes kit text: plain text)."""
    notice = make_plain(QLabel(parent))
    notice.setObjectName("trailerNotice")
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setWordWrap(True)
    notice.setStyleSheet(
        f"QLabel#trailerNotice {{ background-color: {palette.NOTICE_BACKGROUND};"
        f" color: {palette.NOTICE_TEXT}; padding: 6px 16px;"
        f" border-top: 1px solid {palette.NOTICE_BORDER}; }}"
    )
    notice.hide()
    return notice
