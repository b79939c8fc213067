"""The app's names and exit codes are declared once, in app/identity.py: no other module of the
app (nor the build spec) spells them out again, and every command returns a named exit code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app import identity

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
SPEC = ROOT / "build_spec.spec"
NAMES = (identity.DISPLAY_NAME, identity.SLUG, identity.USER_FOLDER_NAME, identity.BUNDLE_ID)


def _app_modules() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if p != APP / "identity.py")


def _build_scripts() -> list[Path]:
    """The spec and the Python helpers it and the packaging script run."""
    return [SPEC, *sorted((ROOT / "resources" / "packaging").glob("*.py"))]


def _string_constants(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal, including the literal parts of f-strings, with its line."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _is_docstring_or_comment_like(tree: ast.AST, lineno: int) -> bool:
    """Docstrings explain in prose and may name the app; they are not declarations."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and body[0].value.lineno <= lineno <= (body[0].value.end_lineno or lineno)
            ):
                return True
    return False


def test_no_module_but_identity_spells_the_app_s_names() -> None:
    found = []
    for module in [*_app_modules(), *_build_scripts()]:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for lineno, text in _string_constants(tree):
            if _is_docstring_or_comment_like(tree, lineno):
                continue
            found += [
                f"{module.relative_to(ROOT)}:{lineno}: {name!r}" for name in NAMES if name in text
            ]
            # A message's "presskit: ..." prefix is the command's name too.
            if text.startswith((f"{identity.COMMAND_NAME}:", f"{identity.COMMAND_NAME} validate:")):
                found.append(f"{module.relative_to(ROOT)}:{lineno}: {text[:30]!r}")
    assert not found, "names belong in app/identity.py:\n" + "\n".join(found)


def test_no_module_but_identity_declares_exit_codes() -> None:
    found = []
    for module in _app_modules():
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    name = getattr(target, "id", "")
                    if name.startswith("EXIT_") and not name.startswith("EXIT_HOLD"):
                        found.append(f"{module.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not found, "exit codes belong in app/identity.py:\n" + "\n".join(found)


def _command_functions() -> list[tuple[Path, ast.FunctionDef]]:
    """The functions whose return value becomes the process's exit status."""
    result = []
    for module in _app_modules():
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and (
                node.name.startswith("run_") or node.name in ("main", "_run_main", "_run_validate")
            ):
                result.append((module, node))
    return result


def test_commands_return_named_exit_codes_not_numbers() -> None:
    functions = _command_functions()
    # The known commands are all found, so the scan cannot pass by finding nothing.
    names = {f.name for _, f in functions}
    assert {"main", "run_validate", "run_set_booth_pin", "run_booth", "run_self_test"} <= names
    bare = [
        f"{module.relative_to(ROOT)}:{ret.lineno}: return {ret.value.value!r}"  # type: ignore[union-attr]
        for module, function in functions
        for ret in ast.walk(function)
        if isinstance(ret, ast.Return)
        and isinstance(ret.value, ast.Constant)
        and isinstance(ret.value.value, int)
        and not isinstance(ret.value.value, bool)
    ]
    assert not bare, "return a named exit code from app/identity.py:\n" + "\n".join(bare)


def test_the_build_spec_imports_the_identity_and_the_tab_modules() -> None:
    text = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(text)
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert "app.identity" in imported
    assert "app.views.tab_specs" in imported
    # The tab modules are derived, not retyped as string literals.
    literals = {text for _, text in _string_constants(tree)}
    assert not {s for s in literals if s.startswith("app.views.") and s.endswith("_tab")}


def test_the_identity_module_imports_no_qt() -> None:
    """The spec and the start-up path import it: it must stay cheap and Qt-free."""
    code = (
        "import sys, app.identity, app.views.tab_specs; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("EXIT_OK", 0),
        ("EXIT_FAILURE", 1),
        ("EXIT_USAGE", 2),
        ("EXIT_INTERNAL", 70),
        ("EXIT_INTERRUPTED", 130),
    ],
)
def test_exit_codes_keep_the_values_the_readme_documents(name: str, value: int) -> None:
    assert getattr(identity, name) == value
