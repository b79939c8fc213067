"""qtawesome icons, paid for only after the first paint.

``import qtawesome`` costs about 180 ms (its QtPy layer star-imports Qt's modules), more than a
bare Qt window's whole start. So views register the icon each action wants with
:func:`set_icon_later`; the main window calls :func:`install_pending_icons` once it has painted.
Start-up path: qtawesome is imported inside :func:`icon` for that reason.

Every icon is a Material Design Icons 6 glyph (``mdi6.``). qtawesome's own ``icon()`` loads all
ten of its bundled fonts and parses their charmaps first; this module loads only that one font,
which is quicker and lets the bundle leave the other fonts out (build_spec.spec trims them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.views import palette

if TYPE_CHECKING:  # QIcon's type brings its 151-member ThemeIcon enum: made after first paint
    from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

ICON_FONT_PREFIX = "mdi6"  # the one qtawesome font the app draws its icons from
_font: Any = None  # qtawesome's IconicFont holding just that font, made on first use

_pending: list[tuple[str, Callable[[QIcon], None]]] = []
_installed = False


def icon(name: str, color: str = palette.ICON) -> QIcon:
    """The qtawesome icon ``name`` (e.g. ``mdi6.play``) in the theme's colours."""
    try:
        made: QIcon = _icon_font().icon(
            name,
            color=color,
            color_active=palette.ICON_ACTIVE,
            color_disabled=palette.ICON_DISABLED,
        )
    except Exception:  # an unknown name must not break a view
        log.warning("no icon named %s", name)
        from PySide6.QtGui import QIcon

        return QIcon()
    return made


def _icon_font() -> Any:
    """qtawesome's IconicFont with only the ``mdi6`` font loaded."""
    global _font
    if _font is None:
        import qtawesome
        from qtawesome.iconic_font import IconicFont

        # qtawesome names its bundled fonts (file names carry their versions) only in this
        # private table; should a release drop it, its own all-fonts instance still works.
        bundled = getattr(qtawesome, "_BUNDLED_FONTS", ())
        ours = [spec for spec in bundled if spec and spec[0] == ICON_FONT_PREFIX]
        _font = IconicFont(*ours) if ours else qtawesome._instance()
    return _font


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
