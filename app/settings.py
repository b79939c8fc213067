"""Every persisted setting, declared once with its default, so a key and its default cannot drift.

Values live in QSettings; views read and write them only through :class:`Settings`, so booth
mode swaps in :class:`BoothSettings`, an in-memory layer, without touching the views.
"""

from __future__ import annotations

import logging
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from app.identity import SLUG, USER_FOLDER_NAME

log = logging.getLogger(__name__)

_T = TypeVar("_T")

MAX_RECENT_KITS = 8
# The main window's size before WINDOW_GEOMETRY is restored (and on a first start). The key art
# is decoded for it before the window exists (app/views/key_art_prefetch.py).
DEFAULT_WINDOW_SIZE = (1280, 820)


class Setting(Generic[_T]):
    """One setting: its key in the settings file and its default. A plain class rather than
    a dataclass because this module is on the start-up path, and importing ``dataclasses``
    (with the ``inspect`` it pulls in) cost ~2-6 ms of every start."""

    __slots__ = ("default", "key")

    def __init__(self, key: str, default: _T) -> None:
        self.key = key
        self.default = default

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, {self.default!r})"


WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray())
LAST_TAB: Setting[int] = Setting("window/last_tab", 0)
RECENT_KITS: Setting[list[str]] = Setting("kits/recent", [])
# "location<TAB>film title" for each recent kit, so Open Recent can name the film (a title is
# kept on one line, so the last tab always ends the location).
RECENT_KIT_TITLES: Setting[list[str]] = Setting("kits/recent_titles", [])
TRAILER_VOLUME: Setting[int] = Setting("trailer/volume", 80)
TRAILER_MUTED: Setting[bool] = Setting("trailer/muted", False)
TRAILER_CAPTIONS: Setting[bool] = Setting("trailer/captions", True)
SYNOPSIS_LONG: Setting[bool] = Setting("synopsis/show_long", True)
# The language tag of the translation shown for title, tagline, logline and synopsis; "" for
# the kit's own text (also when the open kit has no translation with this tag).
TRANSLATION_LANGUAGE: Setting[str] = Setting("kits/translation_language", "")
SLIDESHOW_INTERVAL_S: Setting[int] = Setting("viewer/slideshow_interval_s", 5)  # 2–30 s
# Only ever a salted hash (app/model/booth_pin.py), written by ``presskit --set-booth-pin``.
BOOTH_PIN_HASH: Setting[str] = Setting("booth/pin_hash", "")


def user_settings_store() -> QSettings:
    """The person's settings file (``~/.config/ISS Press Kit/iss-presskit.conf`` on Linux)."""
    return QSettings(USER_FOLDER_NAME, SLUG)


class Settings:
    """Typed access to QSettings; a bad stored value falls back to the declared default."""

    # Booth mode: nothing may open another window or program (file dialogs, links, full
    # screen windows). Views that offer such things hide them when this is set.
    locked_down = False

    def __init__(self, backend: QSettings | None = None) -> None:
        self._backend = backend or user_settings_store()

    def get(self, setting: Setting[_T]) -> _T:
        raw = self._backend.value(setting.key, setting.default)
        default = setting.default
        try:
            if isinstance(default, bool):
                value: object = raw if isinstance(raw, bool) else str(raw).lower() == "true"
            elif isinstance(default, int):
                value = int(raw)  # type: ignore[call-overload]
            elif isinstance(default, list):
                value = (
                    []
                    if raw is None
                    else [str(x) for x in (raw if isinstance(raw, list) else [raw])]
                )
            elif isinstance(default, QByteArray):
                value = raw if isinstance(raw, QByteArray) else QByteArray()
            else:
                value = raw
        except (TypeError, ValueError):
            log.warning(
                "setting %s holds an unusable value %r; using the default", setting.key, raw
            )
            return default
        return value  # type: ignore[return-value]

    def set(self, setting: Setting[_T], value: _T) -> None:
        self._backend.setValue(setting.key, value)

    def add_recent_kit(self, location: str, title: str | None = None) -> list[str]:
        recent = [location, *(k for k in self.get(RECENT_KITS) if k != location)]
        recent = recent[:MAX_RECENT_KITS]
        self.set(RECENT_KITS, recent)
        titles = self.recent_kit_titles()
        if title is not None:
            titles[location] = " ".join(title.split())
        self.set(RECENT_KIT_TITLES, [f"{loc}\t{titles[loc]}" for loc in recent if titles.get(loc)])
        return recent

    def recent_kit_titles(self) -> dict[str, str]:
        """Film title by kit location, for the recent kits whose title is known."""
        titles: dict[str, str] = {}
        for entry in self.get(RECENT_KIT_TITLES):
            location, tab, title = entry.rpartition("\t")
            if tab and location and title:
                titles[location] = title
        return titles

    def sync(self) -> None:
        self._backend.sync()


class BoothSettings(Settings):
    """Booth mode's layer: reads the real settings, keeps every write in memory.

    Reading looks first at what a visitor changed this session, then at the booth's own
    defaults (so one journalist's volume at home never becomes the booth's), then at the stored
    settings. :meth:`discard_changes` forgets the visitor's changes; nothing reaches the disk.
    """

    locked_down = True

    def __init__(
        self, booth_defaults: dict[str, object] | None = None, backend: QSettings | None = None
    ) -> None:
        super().__init__(backend)
        self._defaults = dict(booth_defaults or {})
        self._changes: dict[str, object] = {}

    def get(self, setting: Setting[_T]) -> _T:
        if setting.key in self._changes:
            return self._changes[setting.key]  # type: ignore[return-value]
        if setting.key in self._defaults:
            return self._defaults[setting.key]  # type: ignore[return-value]
        return super().get(setting)

    def set(self, setting: Setting[_T], value: _T) -> None:
        self._changes[setting.key] = value

    def changed_keys(self) -> list[str]:
        return sorted(self._changes)

    def discard_changes(self) -> None:
        self._changes.clear()

    def sync(self) -> None:
        """Nothing to write: a booth persists nothing."""
