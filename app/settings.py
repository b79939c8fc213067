"""Every persisted setting, declared once with its default (picard's ``options.py`` habit).

Values live in QSettings; views read and write them only through :class:`Settings`, so a
booth mode can later swap in an in-memory layer without touching the views.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

_T = TypeVar("_T")

ORGANIZATION = "ISS Press Kit"
APPLICATION = "iss-presskit"
MAX_RECENT_KITS = 8


@dataclass(frozen=True)
class Setting(Generic[_T]):
    key: str
    default: _T


WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray())
LAST_TAB: Setting[int] = Setting("window/last_tab", 0)
RECENT_KITS: Setting[list[str]] = Setting("kits/recent", [])
TRAILER_VOLUME: Setting[int] = Setting("trailer/volume", 80)
TRAILER_MUTED: Setting[bool] = Setting("trailer/muted", False)
TRAILER_CAPTIONS: Setting[bool] = Setting("trailer/captions", True)
SYNOPSIS_LONG: Setting[bool] = Setting("synopsis/show_long", True)


class Settings:
    """Typed access to QSettings; a bad stored value falls back to the declared default."""

    def __init__(self, backend: QSettings | None = None) -> None:
        self._backend = backend or QSettings(ORGANIZATION, APPLICATION)

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

    def add_recent_kit(self, location: str) -> list[str]:
        recent = [location, *(k for k in self.get(RECENT_KITS) if k != location)]
        recent = recent[:MAX_RECENT_KITS]
        self.set(RECENT_KITS, recent)
        return recent

    def sync(self) -> None:
        self._backend.sync()
