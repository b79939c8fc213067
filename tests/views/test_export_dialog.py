"""The story pack dialog, driven as a person drives it (keys, clicks, the replace question) on
the night-orbit kit, with the real pack engine on a pool thread and a fixed clock for the
embargoes: the kit's own lifts on 10 Jan 2030, still 1's in 2099, still 2's has passed."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from kit_factory import temp_settings
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.model.kit import PressKit
from app.model.loader import load_press_kit
from app.model.opening import open_kit_location
from app.model.times import FixedWallClock
from app.views.export_dialog import ExportDialog
from app.views.main_window import MainWindow
from app.views.stills_tab import StillsTab

NIGHT_ORBIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "night-orbit"
BEFORE_EMBARGO = FixedWallClock(dt.datetime(2030, 1, 10, 13, 59, tzinfo=dt.UTC))
AFTER_EMBARGO = FixedWallClock(dt.datetime(2031, 1, 1, tzinfo=dt.UTC))


@pytest.fixture
def kit() -> PressKit:
    return load_press_kit(NIGHT_ORBIT).kit


def make_dialog(qtbot, kit: PressKit, out_folder: Path, **kwargs: object) -> ExportDialog:
    dialog = ExportDialog(kit, None, folder=out_folder, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def answer_next_box(answer: QMessageBox.StandardButton, seen: list[str]) -> QTimer:
    """Press ``answer`` in the next modal message box once it shows; ``seen`` gets its text."""
    timer = QTimer()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            seen.append(box.text())
            button = box.button(answer)
            assert button is not None
            button.click()

    timer.timeout.connect(look)
    timer.start(10)
    return timer


def wait_done(qtbot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(
        lambda: not dialog.run.running and dialog.export_button.isEnabled(), timeout=60_000
    )


def test_a_kit_under_embargo_says_until_when_and_exports_nothing(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=BEFORE_EMBARGO)
    assert dialog.embargo_label.isVisible()
    assert dialog.embargo_label.textFormat() == Qt.TextFormat.PlainText
    assert "under embargo until 10 Jan 2030, 09:00" in dialog.embargo_label.text()
    assert not dialog.export_button.isEnabled() and not dialog.all_stills.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not export: Close is the default
    dialog._on_export_clicked()  # nor does the handler itself: the engine refuses the kit too
    assert "under embargo" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []


def test_enter_exports_the_pack_and_reports_what_was_left_out(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    assert not dialog.embargo_label.isVisible() and dialog.all_stills.isChecked()
    out = dialog.destination_path()
    assert out == tmp_path / "night-orbit-story-pack"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Export is the default button
    wait_done(qtbot, dialog)
    result = dialog.last_result
    assert result is not None and result.out == out
    names = sorted(path.name for path in out.iterdir())
    assert "one-sheet.pdf" in names and "contact-sheet.pdf" in names and "credits.csv" in names
    stills = [name for name in names if "_still" in name]
    # Still 1 is under its own embargo until 2099: left out; 2 (embargo passed) and 3 written.
    assert [name.split("_")[1] for name in stills] == ["still02", "still03"]
    report = dialog.report.toPlainText()
    assert dialog.report.isVisible() and "stills #1: under embargo until 1 Jan 2099" in report
    assert "night-orbit_still02_berg-and-lind-in-the-cockpit.jpg" in report
    assert "1 left out" in dialog.status.text()


def test_keyboard_chooses_zip_web_size_and_artwork(qtbot, kit: PressKit, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    # A mnemonic clicks its button as an animated click, which lands a moment later.
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # "A &zip file"
    qtbot.waitUntil(dialog.as_zip.isChecked)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "&Web size"
    qtbot.waitUntil(dialog.web_size.isChecked)
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # "All ar&twork"
    qtbot.waitUntil(dialog.all_artwork.isChecked)
    options = dialog.options()
    assert options.as_zip and options.size == "web" and options.artwork == "all"
    out = dialog.destination_path()
    assert out == tmp_path / "night-orbit-story-pack.zip"  # the name followed the choice
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # "&Export"
    qtbot.waitUntil(
        lambda: dialog.run.running or dialog.last_result is not None or bool(dialog.status.text()),
        timeout=20_000,
    )
    wait_done(qtbot, dialog)
    assert out.is_file() and dialog.last_result is not None
    assert any("_art" in name for name in dialog.last_result.files)
    assert list(tmp_path.iterdir()) == [out]  # no temporary left beside it


def test_replacing_an_existing_pack_is_asked_and_no_keeps_it(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    out = tmp_path / "pack"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    dialog.destination.setText(str(out))
    seen: list[str] = []
    timer = answer_next_box(QMessageBox.StandardButton.No, seen)
    dialog.export_button.click()
    timer.stop()
    assert seen and str(out) in seen[0]
    assert (out / "mine.txt").read_text() == "keep me" and len(list(out.iterdir())) == 1
    assert "kept" in dialog.status.text()

    timer = answer_next_box(QMessageBox.StandardButton.Yes, seen)
    dialog.export_button.click()
    timer.stop()
    wait_done(qtbot, dialog)
    assert not (out / "mine.txt").exists() and (out / "credits.csv").is_file()


def test_cancel_leaves_nothing(qtbot, kit: PressKit, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    # The worker is held inside its first progress report until Cancel has been pressed:
    # the cancel then lands mid-export on every machine, however fast it writes.
    entered, release = threading.Event(), threading.Event()
    report = dialog.run._report

    def held_report(done: int, total: int) -> None:
        entered.set()
        release.wait(120)
        report(done, total)

    dialog.run._report = held_report  # type: ignore[method-assign]
    out = dialog.destination_path()
    assert out is not None
    dialog.export_button.click()
    qtbot.waitUntil(entered.is_set, timeout=60_000)
    assert dialog.close_button.text() == "Cancel" and not dialog.export_button.isEnabled()
    dialog.close_button.click()
    release.set()
    wait_done(qtbot, dialog)
    assert "cancelled: nothing was written" in dialog.status.text()
    assert dialog.isVisible()  # Cancel stops the export; the dialog stays to say so
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert dialog.last_result is None


def test_escape_while_exporting_cancels_then_closes(qtbot, kit: PressKit, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    entered, release = threading.Event(), threading.Event()
    report = dialog.run._report

    def held_report(done: int, total: int) -> None:
        entered.set()
        release.wait(120)
        report(done, total)

    dialog.run._report = held_report  # type: ignore[method-assign]
    dialog.export_button.click()
    qtbot.waitUntil(entered.is_set, timeout=60_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # not before the worker has stopped and cleaned up
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert list(tmp_path.iterdir()) == []


def test_stills_tab_export_button_and_ctrl_e_open_the_same_dialog(qtbot, tmp_path: Path) -> None:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(NIGHT_ORBIT), remember=False)
    window.show()
    qtbot.waitExposed(window)
    tab = window.show_tab(StillsTab)
    assert isinstance(tab, StillsTab) and tab.view is not None and tab.model is not None
    tab.view.setCurrentIndex(tab.model.index(2, 0))  # the third still
    assert tab.selected_numbers() == (3,)
    tab.export_button.click()
    dialog = tab.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.selected_stills.isChecked() and dialog.options().stills == (3,)
    assert "(1)" in dialog.selected_stills.text()
    dialog.close()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].options().stills == (3,)
    assert window.export_pack_action.text() == "&Export Story Pack…"
    dialogs[0].close()


def test_everything_left_out_writes_nothing_and_says_why(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO, selected=(1,))
    assert dialog.selected_stills.isChecked()
    dialog.export_button.click()
    assert "every chosen item is left out" in dialog.status.text()
    assert "stills #1: under embargo until" in dialog.report.toPlainText()
    assert list(tmp_path.iterdir()) == []


def test_kit_text_in_the_dialog_is_plain_text(qtbot, tmp_path: Path) -> None:
    """A title of markup, under an embargo: every place the dialog shows it, as characters."""
    from app.model.kit import Film, Rights, Synopsis

    title = '<b>NO</b> <img src="/dev/zero">'
    kit = PressKit(
        root=tmp_path,
        manifest=tmp_path / "presskit.yaml",
        film=Film(title),
        synopsis=Synopsis(),
        rights=Rights(embargo=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)),
    )
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    assert title in dialog.windowTitle()
    for label in (dialog.embargo_label, dialog.status):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert "under embargo until 1 Jan 2099" in dialog.embargo_label.text()
    # The default name is the title folded to a file name: no markup reaches the file system.
    destination = dialog.destination_path()
    assert destination is not None and destination.name == "b-no-b-img-src-dev-zero-story-pack"


def test_picked_stills_export_only_the_picks(qtbot, kit: PressKit, tmp_path: Path) -> None:
    from app.model.picks import still_key

    picked = {still_key(kit.stills[2])}
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO, picked=picked)
    assert dialog.picked_stills.isEnabled() and "(1)" in dialog.picked_stills.text()
    assert not dialog.selected_stills.isEnabled()  # nothing selected in a grid
    dialog.picked_stills.click()
    assert dialog.options().stills == "picks"
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=60_000)
    images = [name for name in dialog.last_result.files if "_still" in name]
    assert [name.split("_")[1] for name in images] == ["still03"]


def test_a_failed_write_is_reported_and_leaves_the_dialog_usable(
    qtbot, kit: PressKit, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, kit, tmp_path, clock=AFTER_EMBARGO)
    out = Path("/proc/story-pack-cannot-be-here")  # a folder nobody, not even root, can write
    dialog.destination.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "Nothing was exported" in dialog.status.text(), timeout=60_000)
    wait_done(qtbot, dialog)
    assert str(out) in dialog.status.text() and not out.exists()
    assert dialog.last_result is None and dialog.close_button.text() == "Close"


def test_ctrl_e_in_a_locked_down_window_opens_nothing(qtbot, tmp_path: Path) -> None:
    """Booth mode: nothing leaves the kiosk, whatever the keyboard says."""
    from PySide6.QtCore import QSettings

    from app.settings import BoothSettings

    settings = BoothSettings(backend=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(NIGHT_ORBIT), remember=False)
    window.show()
    qtbot.waitExposed(window)
    window.export_pack_action.trigger()
    assert window.findChildren(ExportDialog) == []


def test_a_still_picked_with_p_in_the_grid_is_offered_as_a_pick(qtbot, tmp_path: Path) -> None:
    from kit_factory import make_kit

    from app.model.picks import store_file

    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(make_kit(tmp_path / "kit")), remember=False)
    window.show()
    qtbot.waitExposed(window)
    assert window.opened is not None
    store = store_file(window.opened.result.kit)
    assert not store.exists()
    try:
        tab = window.show_tab(StillsTab)
        assert isinstance(tab, StillsTab) and tab.view is not None and tab.model is not None
        tab.view.setCurrentIndex(tab.model.index(1, 0))  # the second still
        tab.view.setFocus()
        qtbot.keyClick(tab.view, Qt.Key.Key_P)
        qtbot.waitUntil(store.exists)
        tab.view.clearSelection()
        window.export_pack_action.trigger()
        dialogs = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
        assert len(dialogs) == 1
        dialog = dialogs[0]
        assert dialog.picked_stills.isEnabled() and "(1)" in dialog.picked_stills.text()
        assert not dialog.selected_stills.isEnabled()
        dialog.picked_stills.click()
        dialog.destination.setText(str(tmp_path / "pack"))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=60_000)
        images = [name for name in dialog.last_result.files if "_still" in name]
        assert [name.split("_")[1] for name in images] == ["still02"]
        dialog.close()
    finally:
        store.unlink(missing_ok=True)  # the data folder is shared by the whole test run
