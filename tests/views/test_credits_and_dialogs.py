"""Credits line up and name each job once, copied credits carry their own source line; copy and
save say they worked; Open Recent names films; Save original offers the file's own type; Enter
after "Show Details…" answers the box."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextTable
from PySide6.QtWidgets import QMessageBox, QWidget

from app.model.kit import CrewMember
from app.model.opening import open_kit_location
from app.model.problems import Problem, Severity
from app.settings import RECENT_KITS
from app.views.credits_tab import CreditsTab, credits_source, crew_by_job
from app.views.feedback import TOAST_NAME, Toast
from app.views.kit_messages import problems_box
from app.views.main_window import MainWindow
from app.views.recent_menu import recent_entries
from app.views.save_original import ask_and_save_original, own_type_filter
from app.views.synopsis_tab import SynopsisTab

CREW = """\
    - {job: Editing, name: Eve Cutter}
    - {job: Music, name: Max Tone}
    - {job: editing , name: Ed Splice}
"""


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    kit_dir = make_kit(tmp_path / "kit")
    manifest = kit_dir / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(
        "    - {job: Screenplay, name: Wry Ter}\n",
        "    - {job: Screenplay, name: Wry Ter}\n" + CREW,
    )
    manifest.write_text(text, encoding="utf-8")
    made = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(made)
    made.show_kit(open_kit_location(kit_dir))
    made.show()
    qtbot.waitExposed(made)
    return made


def test_a_job_two_people_share_is_one_entry() -> None:
    crew = (
        CrewMember("Eve Cutter", "Editing"),
        CrewMember("Max Tone", "Music"),
        CrewMember("Ed Splice", " editing"),
        CrewMember("Eve Cutter", "Editing"),
    )
    assert crew_by_job(crew) == [("Editing", ["Eve Cutter", "Ed Splice"]), ("Music", ["Max Tone"])]
    assert crew_by_job(()) == []


def test_credits_align_and_copy_with_their_own_source_line(qtbot, window: MainWindow) -> None:
    credits = window.show_tab(CreditsTab)
    assert isinstance(credits, CreditsTab)
    view = credits.text_view
    document = view.document()
    tables = {
        document.find(text).currentTable()
        for text in ("Ann Actor", "Dee Rector")
        if isinstance(document.find(text).currentTable(), QTextTable)
    }
    assert len(tables) == 1  # cast and crew in one table: one set of column widths
    qtbot.wait(20)

    def left(text: str) -> int:
        cursor = document.find(text)
        start = QTextCursor(document)
        start.setPosition(cursor.selectionStart())
        return view.cursorRect(start).left()

    assert left("Ann Actor") == left("Director") == left("Editing")
    assert left("The Lead") == left("Dee Rector") == left("Eve Cutter")
    shown = view.toPlainText()
    assert shown.count("Editing") == 1 and "Ed Splice" in shown

    qtbot.mouseClick(credits.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Editing — Eve Cutter, Ed Splice" in copied
    assert copied.endswith("\n\nSource: Test Film press kit, Test Pictures")
    assert "— Test Film — Test Pictures" not in copied  # the synopsis' attribution
    toast = window.findChild(Toast, TOAST_NAME)
    assert toast is not None and toast.isVisible() and "copied" in toast.text().lower()


def test_credits_source_names_only_what_the_manifest_says(tmp_path: Path, qtbot) -> None:
    kit = open_kit_location(make_kit(tmp_path / "k")).result.kit
    assert credits_source(kit) == "Source: Test Film press kit, Test Pictures"
    bare = kit._replace(film=kit.film._replace(distributor=None))
    assert credits_source(bare) == "Source: Test Film press kit"


def test_copying_the_synopsis_confirms_it(qtbot, window: MainWindow) -> None:
    synopsis = window.show_tab(SynopsisTab)
    assert isinstance(synopsis, SynopsisTab)
    qtbot.mouseClick(synopsis.copy_button, Qt.MouseButton.LeftButton)
    toast = window.findChild(Toast, TOAST_NAME)
    assert toast is not None and toast.isVisible()
    assert toast.text() == "Synopsis copied, with its credit."
    assert toast.textFormat() == Qt.TextFormat.PlainText
    assert window.rect().contains(toast.geometry())


def test_open_recent_names_the_films(qtbot, window: MainWindow, tmp_path: Path) -> None:
    settings = window.settings
    first = str(tmp_path / "kit")
    assert recent_entries(settings) == [("Test Film", first)]
    other = make_kit(tmp_path / "other")
    window.open_location(other)
    settings.set(RECENT_KITS, [str(other), first, "/gone/old-kit.zip"])
    assert recent_entries(settings) == [
        ("Test Film (other)", str(other)),
        ("Test Film (kit)", first),
        ("old-kit.zip", "/gone/old-kit.zip"),  # opened before titles were kept
    ]
    window.recent_menu.aboutToShow.emit()
    action = window.recent_menu.actions()[0]
    assert action.text() == "Test Film (other)"
    assert action.statusTip() == str(other)
    assert str(other) in action.toolTip()


def test_the_window_title_is_the_films_alone(window: MainWindow) -> None:
    # Qt adds the application's display name once; the title must not repeat it.
    assert window.windowTitle() == "Test Film"


def test_save_original_offers_only_the_files_own_type(qtbot, tmp_path: Path, monkeypatch) -> None:
    assert own_type_filter(Path("a/still.JPG")) == "JPEG files (*.jpg)"
    assert own_type_filter(Path("a/still.webp")) == "WEBP files (*.webp)"
    assert own_type_filter(Path("trailer.mp4")) == "MP4 files (*.mp4)"
    assert own_type_filter(Path("README")) == "The original file (*)"
    source = tmp_path / "still.png"
    source.write_bytes(b"\x89PNG original bytes")
    asked: list[str] = []

    def fake_dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[3]))
        return str(tmp_path / "saved-without-suffix"), ""

    monkeypatch.setattr("app.views.save_original.QFileDialog.getSaveFileName", fake_dialog)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(400, 300)
    ask_and_save_original(parent, source, "still.png", "still")
    assert asked == ["PNG files (*.png)"]
    assert (tmp_path / "saved-without-suffix.png").read_bytes() == source.read_bytes()
    toast = parent.findChild(Toast, TOAST_NAME)
    assert toast is not None and "saved-without-suffix.png" in toast.text()


def test_enter_after_show_details_answers_the_box(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    problems = [Problem(Severity.ERROR, "presskit.yaml", f"problem {n}", n) for n in range(9)]
    box = problems_box(problems, parent)
    box.open()
    qtbot.waitExposed(box)
    details = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole
    )
    qtbot.mouseClick(details, Qt.MouseButton.LeftButton)  # shows the details, takes focus
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert box.clickedButton() is box.button(QMessageBox.StandardButton.Ok)


def test_an_empty_window_says_a_zip_is_opening_and_a_shown_kit_stays(qtbot, tmp_path: Path) -> None:
    from kit_factory import zip_folder
    from PySide6.QtWidgets import QLabel

    kit_dir = make_kit(tmp_path / "zipped")
    archive = zip_folder(kit_dir, tmp_path / "<b>kit<b>.zip")
    empty = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(empty)
    empty.show()
    empty.open_location(archive)
    notices = [
        label
        for label in empty.tab_widget.findChildren(QLabel, "emptyState")
        if label.text() == "Opening <b>kit<b>.zip…"
    ]
    assert notices and notices[0].isVisible()
    assert notices[0].textFormat() == Qt.TextFormat.PlainText
    assert notices[0].geometry() == empty.tab_widget.rect()
    qtbot.waitUntil(lambda: empty.opened is not None, timeout=10000)
    qtbot.waitUntil(
        lambda: (
            not [
                label
                for label in empty.tab_widget.findChildren(QLabel, "emptyState")
                if label.text().startswith("Opening")
            ]
        )
    )

    # With a kit on screen there is no notice: the kit stays until the new one is ready.
    empty.open_location(archive)
    assert not [
        label
        for label in empty.tab_widget.findChildren(QLabel, "emptyState")
        if label.text().startswith("Opening")
    ]
    assert empty.tab_widget.count() > 0
    first = empty.opened
    qtbot.waitUntil(lambda: empty.opened is not first, timeout=10000)
