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
