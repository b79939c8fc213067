"""Add to calendar and Save contact: ask for a name (never in booth mode), write the model's
.ics / .vcf atomically, add a forgotten extension, confirm, and say plainly when it fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.times import FixedWallClock
from app.settings import BoothSettings, Settings
from app.views import save_dialog
from app.views.calendar_export import add_to_calendar, calendar_file_name
from app.views.contact_export import save_contact
from app.views.feedback import Toast
from app.views.save_dialog import safe_file_name

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
NOW = dt.datetime(2030, 1, 4, 12, 0, tzinfo=dt.timezone.utc)


class FakeDialog:
    """Stands in for QFileDialog.getSaveFileName, a modal dialog the tests cannot click."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str, str]] = []

    def __call__(
        self, parent: QWidget, title: str, suggested: str, filters: str
    ) -> tuple[str, str]:
        self.asked.append((title, suggested, filters))
        return (str(self.answer) if self.answer else "", filters)


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def _dialog(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> FakeDialog:
    fake = FakeDialog(answer)
    monkeypatch.setattr(save_dialog.QFileDialog, "getSaveFileName", fake)
    return fake


def _unfold(text: str) -> dict[str, list[str]]:
    """Content lines by name (RFC 5545/6350 folding undone), parameters dropped."""
    lines = text.replace("\r\n ", "").split("\r\n")
    found: dict[str, list[str]] = {}
    for line in filter(None, lines):
        name, _, value = line.partition(":")
        found.setdefault(name.split(";")[0], []).append(value)
    return found


def test_one_screening_is_written_as_an_ics_file(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    fake = _dialog(monkeypatch, tmp_path / "press")  # typed without an extension
    written = add_to_calendar(parent, kit, settings, [1], FixedWallClock(NOW))
    assert written == tmp_path / "press.ics"
    assert fake.asked == [
        (
            "Add the screening to a calendar",
            str(Path.home() / "Night Orbit - Press screening.ics"),
            "iCalendar files (*.ics)",
        )
    ]
    raw = written.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    fields = _unfold(raw.decode("utf-8"))
    assert fields["DTSTART"] == ["20300111T000000Z"]  # 19:00 at UTC−05:00
    assert fields["UID"] == ["night-orbit-2030-intl-screening-1@presskit"]
    assert fields["DTSTAMP"] == ["20300104T120000Z"]
    assert fields["DURATION"] == ["PT97M"]
    assert fields["SUMMARY"] == ["Night Orbit — Press screening"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["press.ics"]
    toast = parent.window().findChild(Toast, "toast")
    assert toast is not None and toast.text().startswith("Saved press.ics")


def test_every_screening_goes_into_one_file_with_its_own_uid(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    _dialog(monkeypatch, tmp_path / "all.ics")
    written = add_to_calendar(parent, kit, settings, None, FixedWallClock(NOW))
    assert written is not None
    fields = _unfold(written.read_bytes().decode("utf-8"))
    assert fields["UID"] == [f"night-orbit-2030-intl-screening-{n}@presskit" for n in (1, 2, 3)]
    # 18:30 at UTC+01:00; 21:15:00.5 at UTC+05:30 (iCalendar has no fractions).
    assert fields["DTSTART"] == ["20300111T000000Z", "20300112T173000Z", "20300114T154500Z"]
    assert calendar_file_name(kit, None) == "Night Orbit - screenings.ics"


def test_an_existing_file_is_replaced_whole(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "old.ics"
    target.write_text("OLD" * 100_000, encoding="utf-8")
    _dialog(monkeypatch, target)
    assert add_to_calendar(parent, kit, settings, [2], FixedWallClock(NOW)) == target
    text = target.read_text(encoding="utf-8")
    assert "OLD" not in text and text.count("BEGIN:VEVENT") == 1


def test_cancelling_writes_nothing(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    fake = _dialog(monkeypatch, None)
    before = set(tmp_path.iterdir())
    assert add_to_calendar(parent, kit, settings, [1], FixedWallClock(NOW)) is None
    assert save_contact(parent, kit, kit.contacts[0], settings) is None
    assert len(fake.asked) == 2 and set(tmp_path.iterdir()) == before


def test_booth_mode_opens_no_file_dialog(
    kit: PressKit, parent: QWidget, tmp_path: Path, monkeypatch
) -> None:
    fake = _dialog(monkeypatch, tmp_path / "never.ics")
    booth = BoothSettings(backend=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    assert add_to_calendar(parent, kit, booth, [1], FixedWallClock(NOW)) is None
    assert save_contact(parent, kit, kit.contacts[0], booth) is None
    assert fake.asked == []
    assert not (tmp_path / "never.ics").exists()


def test_a_failed_write_says_which_file_and_why(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch, qtbot
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    _dialog(monkeypatch, blocker / "card.vcf")
    assert save_contact(parent, kit, kit.contacts[0], settings) is None
    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].windowTitle() == "Cannot save the contact card"
    assert str(blocker / "card.vcf") in boxes[0].text()
    assert "Traceback" not in boxes[0].text()
    boxes[0].close()


def test_a_contact_is_saved_as_a_vcard_with_its_name_exactly(
    kit: PressKit, parent: QWidget, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    contact = kit.contacts[0]._replace(name="Åsmund Ødegård-Example")
    fake = _dialog(monkeypatch, tmp_path / "card")
    written = save_contact(parent, kit, contact, settings)
    assert written == tmp_path / "card.vcf"
    assert fake.asked[0][1] == str(Path.home() / "Åsmund Ødegård-Example.vcf")
    fields = _unfold(written.read_bytes().decode("utf-8"))
    assert fields["VERSION"] == ["4.0"]
    assert fields["FN"] == ["Åsmund Ødegård-Example"]
    assert fields["TITLE"] == ["International publicity"]
    assert fields["EMAIL"] == ["press@example.com"]
    assert fields["TEL"] == ["tel:+44-20-7946-0000"]
    assert "Territory: United Kingdom" in fields["NOTE"][0]
    assert "Night Orbit" in fields["NOTE"][0]
    assert "ORG" not in fields  # the kit does not say whom the publicist works for
    assert len(fields["UID"]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pat Example", "Pat Example.vcf"),
        ("Åsmund Ødegård", "Åsmund Ødegård.vcf"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.vcf"),
        ("..hidden", "hidden.vcf"),
        ("tab\tand\nnewline\x07bell", "tab and newline-bell.vcf"),
        ("///", "contact.vcf"),
        ("", "contact.vcf"),
        ("x" * 500, "x" * 80 + ".vcf"),
    ],
)
def test_suggested_names_are_safe_file_names(text: str, expected: str) -> None:
    assert safe_file_name(text, ".vcf", "contact") == expected
