"""What keeps start-up fast and safe: the first paint never builds PySide6's ``Qt`` namespace
enums, closing a kit builds none of its tabs, and pool threads decode cached thumbnails
without holding the GIL through Qt's plugin probing."""

from __future__ import annotations

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
    def connect_marker(self):
        self.overview_painted.connect(lambda: created.append("<first paint>"))
        restore_and_show(self)
    main_window.MainWindow.restore_and_show = connect_marker

    from app.main import main
    status = main(["--exit-after-first-paint"])
    before = created[: created.index("<first paint>")] if "<first paint>" in created else None
    print(status, "|", " ".join(before) if before is not None else "NO FIRST PAINT")
    """
)


def test_first_paint_leaves_the_qt_namespace_alone(tmp_path: Path) -> None:
    """Naming ``Qt`` before the first paint costs ~25 ms of enum building (qt_values.py)."""
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
    status, _, before = completed.stdout.strip().rpartition("\n")[2].partition(" | ")
    assert status == "0", completed.stdout
    assert before != "NO FIRST PAINT"
    # A few of the Qt namespace's 93 enums, any of which would mean it was built.
    assert not {"AlignmentFlag", "Key", "WidgetAttribute", "AspectRatioMode"} & set(
        before.split()
    ), before
