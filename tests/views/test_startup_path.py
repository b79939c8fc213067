"""What keeps start-up fast and safe: the first paint never builds PySide6's ``Qt`` namespace
enums, closing a kit builds none of its tabs, and pool threads decode cached thumbnails
without holding the GIL through Qt's plugin probing.

The start-up path is the modules in STARTUP_MODULES below: the only ones the first paint
imports, and the only ones allowed the start-up tricks (Qt enums as numbers from
app/views/qt_values.py, function-local imports to defer a cost), each saying so at its top.
Everything else is written in plain Qt style."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFormLayout, QFrame

from app.media.images import decode_bytes, fit_within
from app.model.opening import open_kit_location
from app.views import qt_values
from app.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# Every app module imported before the first paint of a cold start (a kit without a snapshot,
# so the loader is among them). A module that joins this path must be listed here, and say at
# its top what it defers; test_first_paint_imports_only_the_start_up_path fails otherwise.
STARTUP_MODULES = frozenset(
    {
        "app",
        "app.identity",
        "app.log",
        "app.main",
        "app.paths",
        "app.settings",
        "app.media",
        "app.media.images",
        "app.media.thumbnails",
        "app.media.worker",
        "app.model",
        "app.model.atomic_write",
        "app.model.format_version",
        "app.model.kit",
        "app.model.kit_choice",
        "app.model.kit_paths",
        "app.model.kit_snapshot",
        "app.model.loader",
        "app.model.manifest_media",
        "app.model.manifest_nodes",
        "app.model.manifest_press",
        "app.model.manifest_terms",
        "app.model.manifest_yaml",
        "app.model.markdown_refs",
        "app.model.media_headers",
        "app.model.note_links",
        "app.model.opening",
        "app.model.problems",
        "app.model.text_limits",
        "app.model.thumbnail_cache",
        "app.model.times",
        "app.views",
        "app.views.application",
        "app.views.base_tab",
        "app.views.error_dialog",
        "app.views.export_menu",
        "app.views.icons",
        "app.views.key_art_prefetch",
        "app.views.kit_text",
        "app.views.main_window",
        "app.views.overview_parts",
        "app.views.overview_tab",
        "app.views.palette",
        "app.views.progress",
        "app.views.qt_values",
        "app.views.recent_menu",
        "app.views.skipped_rows",
        "app.views.tab_host",
        "app.views.tab_specs",
    }
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _function_local_imports(tree: ast.Module) -> list[int]:
    return [
        node.lineno
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def test_start_up_tricks_stay_on_the_start_up_path_and_say_so() -> None:
    unmarked, numbers_elsewhere = [], []
    for path in sorted((ROOT / "app").rglob("*.py")):
        name = _module_name(path)
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        uses_numbers = "qt_values" in source and name != "app.views.qt_values"
        if name in STARTUP_MODULES:
            tricks = uses_numbers or _function_local_imports(tree)
            docstring = ast.get_docstring(tree) or ""
            if tricks and "Start-up path" not in docstring:
                unmarked.append(name)
        elif uses_numbers:
            numbers_elsewhere.append(name)
    assert not unmarked, f"say at the top what each defers for start-up: {unmarked}"
    assert not numbers_elsewhere, f"plain Qt enums off the start-up path: {numbers_elsewhere}"


def test_plain_values_match_the_qt_enums() -> None:
    assert Qt.AlignmentFlag.AlignRight.value == qt_values.ALIGN_RIGHT
    assert Qt.AlignmentFlag.AlignTop.value == qt_values.ALIGN_TOP
    assert Qt.AlignmentFlag.AlignVCenter.value == qt_values.ALIGN_VCENTER
    assert Qt.AlignmentFlag.AlignCenter.value == qt_values.ALIGN_CENTER
    assert Qt.TextInteractionFlag.TextSelectableByMouse.value == qt_values.TEXT_SELECTABLE_BY_MOUSE
    assert QFrame.Shape.NoFrame.value == qt_values.FRAME_NO_FRAME


def test_set_enum_property_sets_the_enum_and_refuses_unknown_names(qtbot) -> None:
    layout = QFormLayout()
    qt_values.set_enum_property(layout, "labelAlignment", qt_values.ALIGN_RIGHT)
    assert layout.labelAlignment() == Qt.AlignmentFlag.AlignRight
    with pytest.raises(ValueError, match="no writable property 'alignment'"):
        qt_values.set_enum_property(layout, "alignment", qt_values.ALIGN_RIGHT)


@pytest.mark.parametrize(
    ("size", "box"),
    [
        ((4000, 2667), (512, 512)),
        ((2000, 3000), (640, 480)),
        ((7, 3), (1, 1)),
        ((300, 200), (300, 200)),
    ],
)
def test_fit_within_is_qt_keep_aspect_ratio(size: tuple[int, int], box: tuple[int, int]) -> None:
    expected = QSize(*size).scaled(QSize(*box), Qt.AspectRatioMode.KeepAspectRatio)
    expected = QSize(max(1, expected.width()), max(1, expected.height()))
    assert fit_within(QSize(*size), QSize(*box)) == expected


def test_decode_bytes_reads_what_the_cache_writes(qtbot) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG", 90)
    decoded = decode_bytes(encoded.data(), "JPEG")
    assert decoded.size() == image.size()
    assert decode_bytes(b"not an image at all", "JPEG").isNull()


def test_closing_a_kit_builds_none_of_its_tabs(qtbot, tmp_path: Path) -> None:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(make_kit(tmp_path / "one")), remember=False)
    window.show()
    qtbot.waitExposed(window)
    built = [host.tab is not None for host in window.hosts]
    assert built == [True] + [False] * (len(built) - 1)
    old_hosts = list(window.hosts)
    # Opening another kit closes this one: removing each tab shows the next, which must not
    # build it (that once built the stills grid and the trailer player of the closed kit).
    window.show_kit(open_kit_location(make_kit(tmp_path / "two")), remember=False)
    assert [host.tab is not None for host in old_hosts] == built
    window.shut_down()
    assert all(host.retired for host in window.hosts)


FIRST_PAINT_PROBE = textwrap.dedent(
    """
    import enum, sys
    created = []
    original = enum.EnumType.__new__
    def record(metacls, name, *args, **kwargs):
        created.append(name)
        return original(metacls, name, *args, **kwargs)
    enum.EnumType.__new__ = record

    from app.views import main_window
    restore_and_show = main_window.MainWindow.restore_and_show
    loaded = []
    def at_first_paint():
        created.append("<first paint>")
        loaded.extend(sorted(m for m in sys.modules if m == "app" or m.startswith("app.")))
    def connect_marker(self):
        self.overview_painted.connect(at_first_paint)
        restore_and_show(self)
    main_window.MainWindow.restore_and_show = connect_marker

    from app.main import main
    status = main(["--exit-after-first-paint"])
    before = created[: created.index("<first paint>")] if "<first paint>" in created else None
    print("modules |", " ".join(loaded))
    print(status, "|", " ".join(before) if before is not None else "NO FIRST PAINT")
    """
)


def _run_first_paint_probe(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """One real start to first paint, shared by the tests that read it."""
    return _run_first_paint_probe(tmp_path_factory.mktemp("first-paint"))


def test_first_paint_imports_only_the_start_up_path(
    first_paint: subprocess.CompletedProcess[str],
) -> None:
    lines = first_paint.stdout.strip().splitlines()
    modules = next(line for line in lines if line.startswith("modules |")).split()[2:]
    assert "app.views.overview_tab" in modules  # the probe saw the first paint
    assert set(modules) <= STARTUP_MODULES, sorted(set(modules) - STARTUP_MODULES)


def test_first_paint_leaves_the_qt_namespace_alone(
    first_paint: subprocess.CompletedProcess[str],
) -> None:
    """Naming ``Qt`` before the first paint costs ~25 ms of enum building (qt_values.py)."""
    completed = first_paint
    status, _, before = completed.stdout.strip().rpartition("\n")[2].partition(" | ")
    assert status == "0", completed.stdout
    assert before != "NO FIRST PAINT"
    # A few of the Qt namespace's 93 enums, any of which would mean it was built.
    assert not {"AlignmentFlag", "Key", "WidgetAttribute", "AspectRatioMode"} & set(
        before.split()
    ), before
