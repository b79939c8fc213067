"""Exporting stills from the grid: the question about files already in the folder is answered by
buttons that say what they do, and after any export the folder's credit files list every still
in it (a journalist must never publish a still without its credit)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from kit_factory import temp_settings, write_image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from app.model.opening import open_kit_location
from app.views.main_window import MainWindow
from app.views.stills.export_flow import replace_or_keep_box
from app.views.stills_tab import StillsTab

COUNT = 12


def twelve_stills_kit(root: Path) -> Path:
    lines = [
        "format: presskit/1",
        "film:",
        "  title: Export Film",
        "synopsis:",
        "  short: S.",
        "stills:",
    ]
    for n in range(1, COUNT + 1):
        write_image(root / "stills" / f"s{n:02}.jpg", 64, 36)
        lines.append(
            f'  - {{file: stills/s{n:02}.jpg, caption: "Caption {n}, a comma", credit: Photo {n}}}'
        )
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def stills_tab(qtbot, tmp_path: Path) -> StillsTab:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(twelve_stills_kit(tmp_path / "kit")), remember=False)
    window.show()
    tab = window.show_tab(StillsTab)
    assert isinstance(tab, StillsTab) and tab.view is not None
    return tab


def answer_the_question(button_name: str | None, seen: list[str]) -> QTimer:
    """Clicks a button of the next modal message box once it shows (``None``: Cancel);
    ``seen`` gets the question's text."""
    timer = QTimer()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        timer.stop()
        seen.append(box.text())
        if button_name is None:
            button = box.button(QMessageBox.StandardButton.Cancel)
        else:
            button = box.findChild(QAbstractButton, button_name)
        assert button is not None
        button.click()

    timer.timeout.connect(look)
    timer.start(10)
    return timer


def export(qtbot, tab: StillsTab, out: Path, rows: range) -> None:
    tab.last_export = None
    stills = [tab.kit.stills[row] for row in rows]
    tab.export_to(out, stills)
    qtbot.waitUntil(lambda: tab.last_export is not None)


def listed(out: Path) -> list[str]:
    text = (out / "credits.csv").read_bytes().decode("utf-8-sig")
    return [row[0] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]


def test_the_question_has_replace_keep_existing_and_cancel(qtbot, stills_tab: StillsTab) -> None:
    box = replace_or_keep_box(stills_tab, Path("/out"), ["a.jpg", "b.jpg"])
    qtbot.addWidget(box)
    texts = sorted(button.text().replace("&", "") for button in box.buttons())
    assert texts == ["Cancel", "Keep existing", "Replace"]
    for standard in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
        assert box.button(standard) is None
    assert box.defaultButton() is box.findChild(QAbstractButton, "keepExisting")
    assert "a.jpg, b.jpg" in box.text()


@pytest.mark.parametrize(
    ("answer", "first_kept"),
    [("keepExisting", True), ("replaceExisting", False)],
    ids=["keep existing", "replace"],
)
def test_export_3_then_all_12_lists_all_12(
    qtbot, tmp_path: Path, stills_tab: StillsTab, answer: str, first_kept: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export(qtbot, stills_tab, out, range(3))
    assert listed(out) == ["s01.jpg", "s02.jpg", "s03.jpg"]
    (out / "s01.jpg").write_bytes(b"edited by the journalist")
    seen: list[str] = []
    timer = answer_the_question(answer, seen)
    export(qtbot, stills_tab, out, range(COUNT))
    timer.stop()
    assert len(seen) == 1 and "s01.jpg" in seen[0]
    assert listed(out) == [f"s{n:02}.jpg" for n in range(1, COUNT + 1)]
    captions = (out / "captions.txt").read_text(encoding="utf-8")
    assert all(f"Photo {n}\n" in captions for n in range(1, COUNT + 1))
    edited = (out / "s01.jpg").read_bytes() == b"edited by the journalist"
    assert edited is first_kept


def test_cancel_writes_nothing(qtbot, tmp_path: Path, stills_tab: StillsTab) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export(qtbot, stills_tab, out, range(2))
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    seen: list[str] = []
    timer = answer_the_question(None, seen)
    stills_tab.last_export = None
    stills_tab.export_to(out, list(stills_tab.kit.stills))
    timer.stop()
    assert len(seen) == 1
    assert stills_tab.last_export is None and not stills_tab.export_running
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
