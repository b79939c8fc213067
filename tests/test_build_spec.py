"""The trimmed bundle keeps what the stills need: the JPEG and WebP image plugins (PNG is built
into QtGui). The self-test's ``stills`` check proves it on a built bundle; this guards the spec's
trimming rules without building one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SPEC = Path(__file__).resolve().parent.parent / "build_spec.spec"


def _trim_patterns() -> list[re.Pattern[str]]:
    """``QT`` and ``TRIM_RULES`` as the spec defines them (literal assignments, run alone)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = [
        node
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in ("QT", "TRIM_RULES") for t in node.targets)
    ]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    rules = namespace["TRIM_RULES"]
    assert isinstance(rules, list) and rules
    return [re.compile(pattern) for pattern, _reason in rules]


def test_trimming_keeps_the_still_image_plugins() -> None:
    patterns = _trim_patterns()
    for plugin in ("libqjpeg.so", "libqwebp.so", "qjpeg.dll", "qwebp.dll", "libqjpeg.dylib"):
        destination = f"PySide6/Qt/plugins/imageformats/{plugin}"
        assert not any(p.match(destination) for p in patterns), destination
    # ...while formats a kit never uses are trimmed, so the rules do reach that folder.
    assert any(p.match("PySide6/Qt/plugins/imageformats/libqtiff.so") for p in patterns)


def test_trimming_keeps_only_the_icon_font_the_app_uses() -> None:
    """The bundle keeps qtawesome's mdi6 font and drops the nine others, so every icon the app
    names must be an mdi6 glyph and icons.py must load that font alone."""
    import qtawesome

    from app.views.icons import ICON_FONT_PREFIX

    patterns = _trim_patterns()
    bundled = {spec[0]: spec[1:] for spec in qtawesome._BUNDLED_FONTS}
    assert ICON_FONT_PREFIX in bundled
    for prefix, files in bundled.items():
        trimmed = [any(p.match(f"qtawesome/fonts/{name}") for p in patterns) for name in files]
        assert trimmed == [prefix != ICON_FONT_PREFIX] * 2, (prefix, files)
    app = SPEC.parent / "app"
    names = {
        match.group(1)
        for path in app.rglob("*.py")
        for match in re.finditer(r"[\"']([a-z0-9]+)\.[a-z0-9-]+[\"']", path.read_text("utf-8"))
        if match.group(1) in bundled
    }
    assert names == {ICON_FONT_PREFIX}
