"""The language switcher: the kit's own text or one of its translations, for the title,
tagline, logline and synopsis; the choice is remembered in settings and shared by every view
that shows it (each re-reads it when shown, so the overview and the synopsis agree).

Not offered in booth mode: a public screen shows the kit as its publicist wrote it, and a
visitor's choice would outlive their visit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.model.kit import PressKit, Translation
from app.settings import TRANSLATION_LANGUAGE, Settings
from app.views.kit_text import display_text, make_plain

log = logging.getLogger(__name__)


def offers_translations(kit: PressKit, settings: Settings) -> bool:
    return bool(kit.translations) and not settings.locked_down


def chosen_translation(kit: PressKit, settings: Settings) -> Translation | None:
    """The translation the settings choose for this kit; None for the kit's own text (also in
    booth mode, and when this kit has no translation with the remembered tag)."""
    if settings.locked_down:
        return None
    tag = settings.get(TRANSLATION_LANGUAGE)
    return kit.translation(tag) if tag else None


class LanguageSwitcher(QWidget):
    """``Language: [Original ▾]``; emits ``language_chosen`` with the tag ("" for original)."""

    language_chosen = Signal(str)

    def __init__(self, kit: PressKit, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("languageSwitcher")
        label = make_plain(QLabel("Language:", self))
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Language of the title, tagline, logline and synopsis")
        self.combo.addItem("Original", "")
        for translation in kit.translations:
            title = f" — {display_text(translation.title, 40)}" if translation.title else ""
            # The tag is kit text: QComboBox items are plain text, never rich text.
            shown = f"{display_text(translation.language, 20)}{title}"
            self.combo.addItem(shown, translation.language)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.sync(chosen_translation(kit, settings))
        self.combo.currentIndexChanged.connect(self._on_index_changed)

    def current_language(self) -> str:
        return str(self.combo.currentData() or "")

    def sync(self, translation: Translation | None) -> None:
        """Show ``translation`` as chosen without announcing it (another view chose it)."""
        wanted = translation.language if translation is not None else ""
        index = self.combo.findData(wanted)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)

    def choose(self, tag: str) -> None:
        """Choose ``tag`` ("" for the original) as if the person had: announced, remembered."""
        index = self.combo.findData(tag)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    @Slot(int)
    def _on_index_changed(self, _index: int) -> None:
        tag = self.current_language()
        self.settings.set(TRANSLATION_LANGUAGE, tag)
        log.info("translation chosen: %r", tag)
        self.language_chosen.emit(tag)
