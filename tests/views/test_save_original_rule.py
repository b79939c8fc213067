""" "Save original" follows the story pack's rule: a still under embargo (its own or the kit's)
is not saved, and a still that may be saved carries the kit's caption, credit and terms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from app.model.image_metadata import read_metadata
from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.times import FixedWallClock
from app.views.still_viewer import StillViewer
from tests.model.conftest import MakeKit, make_kit  # noqa: F401  (the fixture, shared)
from tests.model.kit_1_1 import make_kit_1_1

UTC = dt.timezone.utc


@pytest.fixture
def kit(make_kit: MakeKit) -> PressKit:  # noqa: F811
    return load_press_kit(make_kit_1_1(make_kit)).kit


def answer_next_box(seen: list[str]) -> None:
    """Record the next modal message box's text, then close it (it would block the test)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        assert box.textFormat() == Qt.TextFormat.PlainText
        seen.append(box.text())
        box.done(0)

    QTimer.singleShot(0, answer)


def save_from_viewer(
    qtbot, kit: PressKit, row: int, moment: dt.datetime, target: Path, monkeypatch
) -> list[str]:
    asked: list[str] = []

    def dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append("asked")
        return str(target), ""

    monkeypatch.setattr("app.views.save_original.QFileDialog.getSaveFileName", dialog)
    viewer = StillViewer(list(kit.stills), row, None, kit=kit, clock=FixedWallClock(moment))
    qtbot.addWidget(viewer)
    seen: list[str] = []
    answer_next_box(seen)
    viewer.save_original()
    QApplication.processEvents()
    return asked + seen


@pytest.mark.parametrize(
    ("moment", "row", "expected"),
    [
        # The kit's embargo (09:00 −05:00 on 10 Jan) holds back every still.
        (dt.datetime(2030, 1, 10, 13, 59, tzinfo=UTC), 1, "10 Jan 2030, 09:00 UTC−05:00"),
        # Both hold still 1 back: its own embargo lifts later, and is the one named.
        (dt.datetime(2030, 1, 10, 13, 59, tzinfo=UTC), 0, "12 Jan 2030, 00:00 UTC"),
        # Then still 1's own embargo (12 Jan, 00:00 UTC) holds it back alone.
        (dt.datetime(2030, 1, 11, tzinfo=UTC), 0, "12 Jan 2030, 00:00 UTC"),
    ],
)
def test_an_embargoed_still_is_not_saved(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch, moment: dt.datetime, row: int, expected: str
) -> None:
    target = tmp_path / "saved.jpg"
    seen = save_from_viewer(qtbot, kit, row, moment, target, monkeypatch)
    assert len(seen) == 1 and "under embargo until" in seen[0] and expected in seen[0], seen
    assert not target.exists()


def test_a_still_free_to_publish_is_saved_with_its_metadata(
    qtbot, kit: PressKit, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "saved.jpg"
    moment = dt.datetime(2030, 1, 12, tzinfo=UTC)  # the still's embargo lifts at this moment
    seen = save_from_viewer(qtbot, kit, 0, moment, target, monkeypatch)
    assert seen == ["asked"]
    found = read_metadata(target)
    assert found.credit == "Photo by Kari Example"
    assert found.photographer == "Kari Example"
    assert found.usage == "Not before the premiere."
    assert found.people == ("Ola Example", "Åsa Ødegård")
    assert found.title == "Test Film"
    source = kit.stills[0].file
    assert source is not None
    assert QImage(str(target)) == QImage(str(source.path))
    assert list(tmp_path.glob(".*partial*")) == []


def test_a_video_of_a_kit_under_embargo_is_not_saved(
    qtbot,
    make_kit: MakeKit,  # noqa: F811
    make_trailer_tab,
    monkeypatch,
) -> None:
    # The test kit's embargo and its trailer's own are in 2030: on this computer's clock both
    # are in force, and the trailer's lifts last.
    tab = make_trailer_tab(make_kit_1_1(make_kit), show=False)
    asked: list[str] = []
    monkeypatch.setattr(
        "app.views.save_original.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (asked.append("asked"), ("", ""))[1],
    )
    seen: list[str] = []
    answer_next_box(seen)
    tab.save_trailer()
    QApplication.processEvents()
    assert asked == []
    assert (
        len(seen) == 1
        and "The trailer is under embargo until 11 Jan 2030, 00:00 UTC+01:00" in seen[0]
    )
