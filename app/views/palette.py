"""The dark theme's colours, declared once (as picard keeps its in ``ui/colors.py``).

The stylesheets under ``resources/styles`` name these colours as ``$name`` and are filled in by
:func:`themed` when loaded; the widgets that paint for themselves (the stills grid's tiles, the
trailer's poster and captions, the booth's attract loop, rich text the stylesheet cannot reach)
use the same constants. A colour is changed here and nowhere else; tests/views/test_palette.py
fails when a colour literal appears in a view.

Text colours are chosen for WCAG AA contrast (at least 4.5:1) against the background they sit on;
tests/views/test_theme.py checks every text rule of the themed stylesheet.

On the start-up path (the main stylesheet is themed before the first paint): plain strings and
the standard library only, no Qt.
"""

from __future__ import annotations

import logging
import re
from string import Template
from typing import Final

log = logging.getLogger(__name__)

# -- backgrounds: deep orbit navy ----------------------------------------------------------------
BACKGROUND: Final = "#0b1016"  # the window, reading text, the stills grid
BACKGROUND_DEEP: Final = "#05080b"  # behind the key art
BAR: Final = "#0f161e"  # menu bar, player controls, a pressed button
PANEL: Final = "#101822"  # the overview's facts panel
POPUP: Final = "#121b25"  # menus, tooltips, booth panels
HOVER: Final = "#16202b"  # a hovered grid tile
TITLE_CARD_END: Final = "#141f2b"  # the booth's title card fades from BACKGROUND to this
VIDEO_BACKGROUND: Final = "#000000"  # around a video or poster that does not fill its frame

# -- lines and controls --------------------------------------------------------------------------
RULE: Final = "#1d2834"  # separators, quiet borders
POPUP_BORDER: Final = "#263444"
RULE_HOVER: Final = "#3a4b5c"  # a hovered tab's underline
CONTROL: Final = "#17212c"  # a button
CONTROL_HOVER: Final = "#1f2c3a"
CONTROL_DISABLED: Final = "#121a23"
CONTROL_BORDER: Final = "#2c3b4b"  # button borders, slider grooves, scroll bar handles
CONTROL_BORDER_HOVER: Final = "#3d5063"
SELECTED: Final = "#2a3a4c"  # a checked button, a selected still
SELECTED_BORDER: Final = "#5b7590"

# -- text: station white -------------------------------------------------------------------------
TEXT: Final = "#e6edf3"  # 16.4:1 on BACKGROUND
TEXT_STRONG: Final = "#ffffff"  # titles, selected tabs, text on ACCENT (7.6:1)
TEXT_SOFT: Final = "#d5dee7"  # logline, still captions in the grid
TEXT_SECONDARY: Final = "#a9b8c6"  # facts' labels, attributions, credits (9.4:1 on BACKGROUND)
TEXT_CAPTION_CREDIT: Final = "#c9d4de"  # a still's credit over the attract loop's shade
TEXT_DISABLED: Final = "#7d8b99"

# -- accents: alert red and amber ----------------------------------------------------------------
ACCENT: Final = "#a32a1f"  # the primary button, selections
ACCENT_BORDER: Final = "#c23a2c"
ACCENT_HOVER: Final = "#bb3325"
ACCENT_BRIGHT: Final = "#d8412f"  # the current tab's underline, the played part of a slider
ACCENT_DISABLED: Final = "#2a1a19"
ACCENT_DISABLED_TEXT: Final = "#8f7f7d"
ACCENT_TRACK_DISABLED: Final = "#3a2a2a"
AMBER: Final = "#f0a24a"  # keyboard focus, the tagline, warnings
ON_AMBER: Final = "#1a1204"  # text on AMBER
FOCUS_ON_ACCENT: Final = "#ffd08a"  # the red button's focus ring: 5.0:1 on ACCENT, 13.3:1 around

WARNING: Final = (
    "#ffb85c"  # a row the kit names but cannot show: 11.1:1 on BACKGROUND, 10.4 on PANEL
)

# -- links in rich text (notes, contacts): Qt's own pure blue is 2.2:1 on BACKGROUND ---------------
LINK: Final = "#8fd0ff"  # 11.5:1 on BACKGROUND
LINK_VISITED: Final = "#c9a9ff"  # 9.6:1 on BACKGROUND

# -- notices and tiles ---------------------------------------------------------------------------
NOTICE_BACKGROUND: Final = "#2b2113"  # the trailer's notice (captions that cannot be used)
NOTICE_TEXT: Final = "#f5d9a8"
NOTICE_BORDER: Final = "#4a3a22"
TILE_PLACEHOLDER: Final = "#1b2532"  # a still's tile before its thumbnail is ready
TILE_BROKEN: Final = "#3a1e24"  # a still that cannot be shown
TILE_BROKEN_TEXT: Final = "#ffd7d2"  # 11:1 on TILE_BROKEN

# -- a journalist's picks on the stills' tiles and in the viewers ------------------------------
PICK: Final = "#4cc38a"  # the pick flag's fill
ON_PICK: Final = "#04140b"  # the flag drawn on PICK (9.6:1)
REJECT: Final = "#d8412f"  # the reject mark's fill (ACCENT_BRIGHT)
ON_REJECT: Final = "#ffffff"
STAR: Final = "#f0a24a"  # a given star (AMBER)
STAR_EMPTY: Final = "#5c6b7a"  # a star not given, in the viewers' rows of five

# -- icons (qtawesome) ---------------------------------------------------------------------------
ICON: Final = "#d9e2ec"
ICON_ACTIVE: Final = "#ffffff"
ICON_DISABLED: Final = "#5c6b7a"

# -- shades over pictures: black at the opacity each use needs -----------------------------------
SHADE: Final = "#000000"

_HEX = re.compile(r"#[0-9a-f]{6}")


def with_alpha(color: str, alpha: int) -> str:
    """``color`` (``#rrggbb``) at opacity ``alpha`` (0-255), as Qt's ``#aarrggbb``."""
    if not _HEX.fullmatch(color) or not 0 <= alpha <= 255:
        raise ValueError(f"not a #rrggbb colour and an alpha of 0-255: {color!r}, {alpha!r}")
    return f"#{alpha:02x}{color[1:]}"


def colors() -> dict[str, str]:
    """Every colour by its lower-case name, as a stylesheet names it (``$text_secondary``)."""
    return {
        name.lower(): value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str) and _HEX.fullmatch(value)
    }


def themed(stylesheet: str, source: str = "stylesheet") -> str:
    """``stylesheet`` with every ``$name`` replaced by that palette colour.

    An unknown name is an error naming the stylesheet and the name, not a silently unstyled
    widget: ``source`` is the file it came from.
    """
    try:
        return Template(stylesheet).substitute(colors())
    except KeyError as exc:
        name = str(exc.args[0])
        where = re.search(rf"\$(?:{re.escape(name)}\b|\{{{re.escape(name)}\}})", stylesheet)
        line = stylesheet.count("\n", 0, where.start()) + 1 if where else 0
        raise ValueError(f"{source}:{line}: no palette colour named ${name}") from None
    except ValueError as exc:  # a lone "$", or "$" before something that is not a name
        raise ValueError(f"{source}: {exc}") from None
