"""qtawesome icons, paid for only after the first paint.

``import qtawesome`` costs about 180 ms (its QtPy layer star-imports Qt's modules), more than a
bare Qt window's whole start. So views register the icon each action wants with
:func:`set_icon_later`; the main window calls :func:`install_pending_icons` once it has painted.
Start-up path: qtawesome is imported inside :func:`icon` for that reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QIcon

from app.views import palette

log = logging.getLogger(__name__)

_pending: list[tuple[str, Callable[[QIcon], None]]] = []
_installed = False


def icon(name: str, color: str = palette.ICON) -> QIcon:
    """The qtawesome icon ``name`` (e.g. ``mdi6.play``) in the theme's colours."""
    import qtawesome

    try:
        made: QIcon = qtawesome.icon(
            name,
            color=color,
            color_active=palette.ICON_ACTIVE,
            color_disabled=palette.ICON_DISABLED,
        )
    except Exception:  # an unknown name must not break a view
        log.warning("no icon named %s", name)
        return QIcon()
    return made


def set_icon_later(target: Any, name: str) -> None:
    """``target.setIcon(icon(name))`` now if icons are installed, else after the first paint."""
    if _installed:
        target.setIcon(icon(name))
    else:
        _pending.append((name, target.setIcon))


def install_pending_icons() -> None:
    global _installed
    _installed = True
    while _pending:
        name, apply = _pending.pop(0)
        try:
            apply(icon(name))
        except RuntimeError:  # the widget was deleted meanwhile (a kit was closed)
            continue
