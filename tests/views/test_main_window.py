"""The main window and its tabs, driven for real with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings, zip_folder
from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QMessageBox, QScrollArea

from app.model.image_metadata import read_metadata
from app.model.opening import open_kit_location
from app.model.thumbnail_cache import ThumbnailCache
from app.settings import RECENT_KITS
from app.views.contacts_tab import ContactsTab
from app.views.credits_tab import CreditsTab
from app.views.main_window import MainWindow
from app.views.notes_tab import NotesTab
from app.views.overview_tab import OverviewTab
from app.views.stills_tab import StillsTab
from app.views.synopsis_tab import SynopsisTab
from app.views.tab_specs import TAB_SPECS


@pytest.fixture
def kit_dir(tmp_path: Path) -> Path:
    return make_kit(tmp_path / "kit")


@pytest.fixture
def window(qtbot, tmp_path: Path, kit_dir: Path) -> MainWindow:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit_dir), remember=False)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_tabs_in_fixed_order_with_shortcuts(window: MainWindow) -> None:
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == [spec.title_for(window.opened.result.kit) for spec in TAB_SPECS]
    shortcuts = [action.shortcut().toString() for action in window.tab_actions]
    assert shortcuts == [f"Ctrl+{i}" for i in range(1, len(TAB_SPECS) + 1)]


def test_tab_shortcut_switches_tab(qtbot, window: MainWindow) -> None:
    window.tab_actions[2].trigger()
    assert window.tab_widget.currentWidget() is window.tab(CreditsTab).parentWidget()


def test_overview_shows_title_facts_and_key_art(qtbot, window: MainWindow) -> None:
    overview = window.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    rows = dict(overview.fact_rows())
    assert rows["World premiere"] == "June 12, 2023 — Test Festival"
    assert rows["Running time"] == "101 minutes"
    assert rows["Genre"] == "Drama, Thriller"
    assert rows["Director"] == "Dee Rector"
    assert rows["Screenplay"] == "Wry Ter"
    qtbot.waitUntil(lambda: overview.key_art.image is not None, timeout=5000)
    # Decoded near the size shown (device pixels), not at the file's full 400×600.
    qtbot.wait(300)  # a resize re-decode, if the estimate was far off
    shown = overview.key_art.size() * overview.key_art.devicePixelRatioF()
    assert overview.key_art.image.height() <= max(shown.height(), 1) * 1.6


def test_overview_wraps_a_long_title_and_hides_an_empty_facts_panel(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "presskit.yaml").write_text(
        "format: presskit/1\n"
        "film:\n"
        "  title: A Very Long Title That Cannot Possibly Fit On One Line Of The Overview\n"
        "synopsis:\n"
        "  short: Nothing else.\n",
        encoding="utf-8",
    )
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(root), remember=False)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    overview = window.tab(OverviewTab)
    assert overview.fact_rows() == []
    facts = overview.findChild(QFrame, "factsPanel")
    assert facts is not None and not facts.isVisible()
    title = overview.findChild(QLabel, "filmTitle")
    assert title is not None and title.wordWrap()
    # The text column fits its scroll area: nothing to scroll sideways.
    scroll = overview.findChild(QScrollArea)
    assert scroll is not None and scroll.horizontalScrollBar().maximum() == 0


def test_watch_trailer_button_absent_without_trailer(window: MainWindow) -> None:
    overview = window.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    assert overview.watch_button.isHidden()


def test_synopsis_copy_puts_text_and_attribution_on_clipboard(qtbot, window: MainWindow) -> None:
    synopsis = window.tab(SynopsisTab)
    assert isinstance(synopsis, SynopsisTab)
    window.show_tab(type(synopsis))
    qtbot.mouseClick(synopsis.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == (
        "The long synopsis, first paragraph.\n\nThe second paragraph.\n\n"
        "— Test Film — Test Pictures"
    )
    qtbot.mouseClick(synopsis.short_button, Qt.MouseButton.LeftButton)
    assert "The short synopsis." in synopsis.text_view.toPlainText()
    qtbot.mouseClick(synopsis.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("The short synopsis.\n\n— Test Film")


def test_credits_show_cast_in_billing_order_and_copy(qtbot, window: MainWindow) -> None:
    credits = window.tab(CreditsTab)
    assert isinstance(credits, CreditsTab)
    text = credits.text_view.toPlainText()
    assert text.index("Ann Actor") < text.index("Bob Player")
    assert "Director" in text and "Dee Rector" in text
    qtbot.mouseClick(credits.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("CAST\nAnn Actor — The Lead\nBob Player — The Friend\n\nCREW\n")


def test_stills_grid_is_model_view_with_async_thumbnails(qtbot, window: MainWindow) -> None:
    stills = window.tab(StillsTab)
    assert isinstance(stills, StillsTab)
    window.show_tab(type(stills))
    assert stills.model is not None and stills.view is not None
    assert stills.model.rowCount() == 3
    qtbot.waitUntil(lambda: len(stills.model.thumbnails) == 2, timeout=5000)
    # The missing still is shown as a tile with its reason, not dropped.
    assert "does not exist" in stills.model.problems[2]
    index = stills.model.index(0)
    assert stills.model.data(index, Qt.ItemDataRole.AccessibleTextRole) == "Alt one"
    assert "3 stills" in stills.progress.text()


def test_still_viewer_navigates_copies_and_saves_original(
    qtbot, window: MainWindow, kit_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    stills = window.tab(StillsTab)
    assert isinstance(stills, StillsTab)
    window.show_tab(type(stills))
    stills.open_viewer(0)
    viewer = stills.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=5000)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.row == 1
    assert viewer.caption.text() == "Second caption"
    viewer.copy_caption()
    assert QGuiApplication.clipboard().text() == "Second caption — Photo Two"
    target = tmp_path / "saved.png"
    monkeypatch.setattr(
        "app.views.save_original.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    viewer.save_original()
    # The original's pixels, with the kit's caption and credit merged into its metadata.
    original = QImage(str(kit_dir / "stills" / "two.png"))
    assert QImage(str(target)) == original and not original.isNull()
    saved = read_metadata(target)
    assert (saved.caption, saved.credit) == ("Second caption", "Photo Two")
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: viewer.message.isVisible(), timeout=3000)
    assert "cannot be shown" in viewer.message.text()
    viewer.close()


def test_notes_render_markdown_and_load_only_kit_files(qtbot, window: MainWindow) -> None:
    notes = window.tab(NotesTab)
    assert isinstance(notes, NotesTab)
    window.show_tab(type(notes))
    assert notes.browser is not None
    assert "Some bold notes" in notes.browser.toPlainText()
    assert "Written for the test." in notes.browser.toPlainText()
    assert notes.browser.refused == []


def test_notes_refuse_resources_outside_the_kit(qtbot, tmp_path: Path, kit_dir: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes((kit_dir / "stills" / "two.png").read_bytes())
    manifest = kit_dir / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8").replace(
        "      ![inside](stills/one.jpg)",
        f'      ![inside](stills/one.jpg)\n\n      <img src="{outside}">\n\n'
        "      ![remote](https://example.org/x.png)",
    )
    manifest.write_text(text, encoding="utf-8")
    opened = open_kit_location(kit_dir)
    assert any("remote" in p.message for p in opened.result.problems)
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(opened, remember=False)
    window.show()
    notes = window.tab(NotesTab)
    window.show_tab(type(notes))
    assert isinstance(notes, NotesTab) and notes.browser is not None
    qtbot.wait(50)
    # The model refused both images, so the browser was never given them to load...
    assert all("secret" not in str(path) for path in notes.browser.allowed_images)
    # ...and even asked directly, it loads nothing outside its allow-list: it answers with a
    # blank pixel (answering nothing would let Qt open the file itself).
    image = QTextDocument.ResourceType.ImageResource.value
    for url in (QUrl.fromLocalFile(str(outside)), QUrl("https://example.org/x.png")):
        answer = notes.browser.loadResource(image, url)
        assert isinstance(answer, QImage) and answer.size() == QSize(1, 1)
    assert {QUrl.fromLocalFile(str(outside)).toString(), "https://example.org/x.png"} <= set(
        notes.browser.refused
    )


def test_contacts_tab_hidden_without_contacts(window: MainWindow) -> None:
    index = window.tab_widget.indexOf(window.tab(ContactsTab).parentWidget())
    assert not window.tab_widget.isTabVisible(index)
    assert not window.tab_actions[index].isEnabled()


def test_contacts_tab_shown_with_contacts(qtbot, tmp_path: Path) -> None:
    kit = make_kit(tmp_path / "with-contacts", contacts=True)
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit), remember=False)
    contacts = window.tab(ContactsTab)
    assert window.tab_widget.isTabVisible(window.tab_widget.indexOf(contacts.parentWidget()))
    assert isinstance(contacts, ContactsTab)
    assert "pat@example.org" in contacts.text_view.toPlainText()


def test_open_folder_replaces_kit_and_remembers_it(qtbot, window: MainWindow, tmp_path) -> None:
    other = make_kit(tmp_path / "other")
    (other / "presskit.yaml").write_text(
        (other / "presskit.yaml").read_text().replace("Test Film", "Other Film")
    )
    window.open_location(other)
    assert window.opened is not None
    assert window.opened.result.kit.film.title == "Other Film"
    assert window.settings.get(RECENT_KITS)[0] == str(other)


def test_open_zip_extracts_then_removes_temp_folder_on_close(
    qtbot, window: MainWindow, kit_dir: Path, tmp_path: Path
) -> None:
    archive = zip_folder(kit_dir, tmp_path / "kit.zip", top_level="Test Film Press Kit")
    window.open_location(archive)
    qtbot.waitUntil(
        lambda: window.opened is not None and window.opened.extracted is not None, timeout=10000
    )
    extracted = window.opened.extracted
    assert extracted is not None
    temp_dir = extracted.temp_dir
    assert temp_dir.is_dir()
    assert window.opened.result.kit.archive_members["stills/one.jpg"][0] == (
        "Test Film Press Kit/stills/one.jpg"
    )
    window.open_location(kit_dir)
    assert not temp_dir.exists()


def test_drop_a_kit_folder_opens_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    other = make_kit(tmp_path / "dropped")
    (other / "presskit.yaml").write_text(
        (other / "presskit.yaml").read_text().replace("Test Film", "Dropped Film")
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(
        lambda: window.opened is not None and window.opened.result.kit.film.title == "Dropped Film",
        timeout=3000,
    )


def test_unloadable_kit_keeps_current_kit_and_says_why(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "presskit.yaml").write_text("format: presskit/9\n")
    window.open_location(broken)
    assert window.opened is not None
    assert window.opened.result.kit.film.title == "Test Film"
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert "presskit/9" in box.informativeText()
    assert "stays on screen" in box.informativeText()
    box.close()


def test_degraded_kit_opens_with_problem_dialog(qtbot, window: MainWindow, tmp_path) -> None:
    degraded = make_kit(tmp_path / "degraded")
    (degraded / "stills" / "one.jpg").write_text("this is not an image")
    manifest = degraded / "presskit.yaml"
    manifest.write_text(manifest.read_text().replace("stills/two.png", "../../etc/passwd"))
    window.open_location(degraded)
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert "leaves the kit folder" in box.detailedText()
    assert "presskit.yaml:" in box.detailedText()
    box.close()
    stills = window.tab(StillsTab)
    window.show_tab(type(stills))
    assert isinstance(stills, StillsTab) and stills.model is not None
    qtbot.waitUntil(lambda: 0 in stills.model.problems, timeout=5000)
    assert "leaves the kit folder" in stills.model.problems[1]


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractSlider

    for index in range(window.tab_widget.count()):
        window.tab_widget.setCurrentIndex(index)
    qtbot.wait(100)
    unnamed = [
        widget.objectName() or type(widget).__name__
        for widget in window.findChildren(QAbstractButton) + window.findChildren(QAbstractSlider)
        if widget.isVisible()
        and not widget.accessibleName()
        and not (isinstance(widget, QAbstractButton) and widget.text())
    ]
    assert unnamed == []


def test_window_state_and_last_tab_persist(qtbot, tmp_path: Path, kit_dir: Path) -> None:
    settings = temp_settings(tmp_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit_dir), remember=False)
    window.restore_and_show()
    window.tab_widget.setCurrentIndex(2)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show_kit(open_kit_location(kit_dir), remember=False)
    again.restore_and_show()
    assert again.tab_widget.currentIndex() == 2


def test_every_button_on_a_tab_is_reachable_with_the_tab_key(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    for tab_class in (OverviewTab, SynopsisTab, CreditsTab):
        tab = window.show_tab(tab_class)
        qtbot.wait(50)
        window.activateWindow()
        window.tab_widget.tabBar().setFocus()
        wanted = {
            button
            for button in tab.findChildren(QAbstractButton)
            if button.isVisible() and button.isEnabled()
        }
        # Exclusive groups behave like radio buttons: Tab reaches one of them, the arrow keys
        # move between them. One member stands for the group.
        reached = set()
        for _ in range(40):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            if focused in wanted:
                reached.add(focused)
        missing = {
            b
            for b in wanted - reached
            if b.group() is None or not (set(b.group().buttons()) & reached)
        }
        assert not missing, [b.text() or b.accessibleName() for b in missing]


def test_second_opening_shows_thumbnails_from_the_disk_cache(
    qtbot, tmp_path: Path, kit_dir: Path, monkeypatch
) -> None:
    from app.media import thumbnail_loader
    from app.views import stills_tab

    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(stills_tab, "default_cache", lambda: ThumbnailCache(cache_dir))
    decoded: list[Path] = []
    real_decode = thumbnail_loader.decode_to_fit

    def counting_decode(path: Path, box: object) -> object:
        decoded.append(path)
        return real_decode(path, box)

    monkeypatch.setattr(thumbnail_loader, "decode_to_fit", counting_decode)
    for _ in range(2):
        window = MainWindow(temp_settings(tmp_path))
        qtbot.addWidget(window)
        window.show_kit(open_kit_location(kit_dir), remember=False)
        window.show()
        stills = window.show_tab(StillsTab)
        assert isinstance(stills, StillsTab) and stills.model is not None
        qtbot.waitUntil(lambda s=stills: len(s.model.thumbnails) == 2, timeout=5000)
        window.close()
    stills_decoded = [path for path in decoded if path.parent.name == "stills"]
    assert len(stills_decoded) == 2  # decoded on the first opening only
    assert len(list(cache_dir.rglob("*.thumb"))) == 2


def test_truncated_jpeg_shows_partly_with_a_warning(qtbot, tmp_path: Path) -> None:
    kit = make_kit(tmp_path / "truncated")
    still = kit / "stills" / "one.jpg"
    still.write_bytes(still.read_bytes()[: still.stat().st_size // 2])
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit), remember=False)
    window.show()
    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab) and stills.model is not None
    qtbot.waitUntil(
        lambda: 0 in stills.model.thumbnails or 0 in stills.model.problems, timeout=5000
    )
    assert "truncated" in stills.model.warnings[0]
    tooltip = stills.model.data(stills.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "truncated" in tooltip
    qtbot.waitUntil(lambda: "1 incomplete" in stills.progress.text(), timeout=3000)


def test_export_selected_stills_from_the_grid(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The stills tab's Export button opens the story pack dialog with the grid's selection;
    the pack it writes lists every still with its credit."""
    from app.views.export_dialog import ExportDialog

    stills = window.show_tab(StillsTab)
    assert isinstance(stills, StillsTab) and stills.view is not None
    stills.view.selectAll()
    stills.export_button.click()
    dialog = stills.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.selected_stills.isChecked()
    out = tmp_path / "export"
    dialog.destination.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=60_000)
    images = sorted(p.name for p in out.iterdir() if p.suffix in (".jpg", ".png"))
    assert [name.split("_")[1] for name in images] == ["still01", "still02"]
    assert "Second caption,Photo Two" in (out / "credits.csv").read_text(encoding="utf-8-sig")
    dialog.close()
