"""Colours live in app/views/palette.py: the stylesheets name them, the painters use them, and no
view types a colour out again."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.views import palette
from app.views.application import load_stylesheet
from app.views.booth.booth_app import load_booth_stylesheet

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ROOT / "app" / "views"
STYLES = ROOT / "resources" / "styles"
HEX_LITERAL = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z_])")
COLOR_CALLS = {"QColor", "fromRgb", "fromRgbF", "fromRgba", "fromHsv", "fromHsl", "fromCmyk"}
# Qt::GlobalColor's names, as PySide6 also offers them on Qt itself (Qt.black).
GLOBAL_COLORS = {
    "black", "white", "darkGray", "gray", "lightGray", "red", "green", "blue", "cyan",
    "magenta", "yellow", "darkRed", "darkGreen", "darkBlue", "darkCyan", "darkMagenta",
    "darkYellow", "transparent", "color0", "color1",
}  # fmt: skip


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def colour_literals(source: str, filename: str) -> list[str]:
    """Where ``source`` writes a colour out: a hex string, ``QColor(r, g, b)`` numbers or a
    colour name (``QColor("white")``), or a Qt global colour (``Qt.GlobalColor.black``)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [f"{filename}:{node.lineno}: {m}" for m in HEX_LITERAL.findall(node.value)]
        elif isinstance(node, ast.Call) and _call_name(node) in COLOR_CALLS:
            if any(
                isinstance(arg, ast.Constant) and isinstance(arg.value, int | float | str)
                for arg in node.args
            ):
                found.append(f"{filename}:{node.lineno}: {_call_name(node)}(literal)")
        elif isinstance(node, ast.Attribute) and (
            node.attr == "GlobalColor"
            or (
                isinstance(node.value, ast.Name)
                and node.value.id == "Qt"
                and node.attr in GLOBAL_COLORS
            )
        ):
            found.append(f"{filename}:{node.lineno}: Qt.{node.attr}")
    return found


def test_no_view_writes_a_colour_outside_the_palette() -> None:
    found = []
    for module in sorted(VIEWS.rglob("*.py")):
        if module == VIEWS / "palette.py":
            continue
        found += colour_literals(module.read_text(encoding="utf-8"), str(module.relative_to(ROOT)))
    assert not found, "use a colour from app/views/palette.py:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'color = "#a9b8c6"',
        "pen = QColor('#fff')",
        'sheet = f"QLabel {{ color: #12345678; }}"',
        "shade = QColor(0, 0, 0, 170)",
        "shade = QColor.fromRgb(10, 20, 30)",
        "pen = QColor(Qt.GlobalColor.black)",
        'pen = QColor("white")',
        "painter.fillRect(rect, Qt.black)",
    ],
)
def test_the_scan_finds_each_shape_of_colour_literal(source: str) -> None:
    assert colour_literals(source, "example.py")


@pytest.mark.parametrize(
    "source",
    [
        "pen = QColor(palette.TEXT)",
        'message = f"stills #{index}: no file"',
        "shade = QColor(palette.with_alpha(palette.SHADE, alpha))",
        'anchor = "#notes"',
    ],
)
def test_the_scan_leaves_palette_uses_and_other_hashes_alone(source: str) -> None:
    assert not colour_literals(source, "example.py")


def test_the_stylesheets_name_palette_colours_only() -> None:
    sheets = sorted(STYLES.rglob("*.qss"))
    assert len(sheets) >= 2
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert not HEX_LITERAL.findall(text), f"{sheet}: write $name from the palette"
        assert "$" in text or "color" not in text, sheet


def test_the_loaded_stylesheets_have_every_name_filled_in() -> None:
    for loaded in (load_stylesheet(), load_booth_stylesheet()):
        assert "$" not in loaded
    assert f"background-color: {palette.BACKGROUND}" in load_stylesheet()
    assert palette.AMBER in load_booth_stylesheet()


def test_an_unknown_colour_name_is_an_error_naming_the_file() -> None:
    with pytest.raises(ValueError, match=r"dark\.qss:2: no palette colour named \$txet"):
        palette.themed("QWidget { color: $text; }\nQLabel { color: $txet; }", "dark.qss")
    with pytest.raises(ValueError, match=r"dark\.qss"):
        palette.themed("QLabel { color: $; }", "dark.qss")


def test_every_palette_colour_is_a_hex_colour_with_a_stylesheet_name() -> None:
    colors = palette.colors()
    assert colors["text_secondary"] == palette.TEXT_SECONDARY
    assert len(colors) >= 40
    assert all(re.fullmatch(r"#[0-9a-f]{6}", value) for value in colors.values())


def test_with_alpha_makes_qt_s_argb_form() -> None:
    from PySide6.QtGui import QColor

    color = QColor(palette.with_alpha(palette.SHADE, 170))
    assert (color.red(), color.green(), color.blue(), color.alpha()) == (0, 0, 0, 170)
    with pytest.raises(ValueError):
        palette.with_alpha("black", 10)
    with pytest.raises(ValueError):
        palette.with_alpha(palette.SHADE, 256)
