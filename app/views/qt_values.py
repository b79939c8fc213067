"""Qt enum values for the widgets built before the first paint, as plain numbers.

Naming PySide6's ``Qt`` namespace (even ``from PySide6.QtCore import Qt``) makes PySide6 build
the Python enums of the whole namespace: 93 enum classes, about 25 ms here, a seventh of a bare
Qt window's whole start. The window and the overview therefore set the few values they need as
Qt properties (C++ converts the number to the enum) and the rest of the app, built after the
first paint, uses ``Qt`` as usual. ``tests/views/test_startup_path.py`` checks every value
against the real enum and that the first paint leaves the namespace untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

# Qt::AlignmentFlag
ALIGN_RIGHT = 0x0002
ALIGN_TOP = 0x0020
ALIGN_VCENTER = 0x0080
ALIGN_CENTER = 0x0084  # AlignHCenter | AlignVCenter
# Qt::TextInteractionFlag
TEXT_SELECTABLE_BY_MOUSE = 0x0001
# Qt::TextFormat
TEXT_FORMAT_PLAIN = 0
# QFrame::Shape
FRAME_NO_FRAME = 0x0000


def set_enum_property(target: QObject, name: str, value: int) -> None:
    """Set the enum-typed Qt property ``name`` of ``target`` to ``value``."""
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no writable property {name!r}")
