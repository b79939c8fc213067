"""Rich text loads only the kit's images, and links in notes never hand a kit file to the
desktop: web and mail links go out, the kit's stills, images and trailer open inside the app,
anything else is shown as text and refused with a message."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_kit import HostileKit
from kit_factory import temp_settings
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from app.model.opening import open_kit_location
from app.views.kit_browser import KitTextBrowser, kit_image_paths
from app.views.main_window import MainWindow
from app.views.note_links import LinkKind, decide
from app.views.notes_tab import NotesTab
from app.views.still_viewer import StillViewer
from app.views.trailer.trailer_tab import TrailerTab

IMAGE = QTextDocument.ResourceType.ImageResource.value
STYLE = QTextDocument.ResourceType.StyleSheetResource.value


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[HostileKit]:
    made = HostileKit(tmp_path / "kit")
    made.write()
    yield made
    made.remove_canaries()


def kit_browser(kit: HostileKit) -> KitTextBrowser:
    loaded = open_kit_location(kit.root).result.kit
    browser = KitTextBrowser(kit_image_paths(loaded))
    browser.document().setBaseUrl(QUrl.fromLocalFile(str(kit.root.resolve()) + os.sep))
    return browser


def is_blank(answer: object) -> bool:
    return isinstance(answer, QImage) and answer.size() == QSize(1, 1)


@pytest.mark.parametrize(
    "target",
    [
        "/dev/zero",
        "/etc/hostname",
        "file:///etc/hostname",
        "../outside.png",
        "stills/../../outside.png",
        "stills/link-out.png",  # a symlink in the kit that points out of it
        "run.sh",  # a kit file, but not an image the manifest names
        "https://example.org/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "qrc:/qt-project.org/styles/commonstyle/images/file-16.png",
    ],
)
def test_refused_images_get_a_blank_pixel_so_qt_never_opens_the_path(
    qtbot, kit: HostileKit, target: str
) -> None:
    browser = kit_browser(kit)
    qtbot.addWidget(browser)
    assert is_blank(browser.loadResource(IMAGE, QUrl(target)))
    assert browser.refused == [QUrl(target).toString()]


def test_asked_again_the_browser_decodes_once_and_logs_once(qtbot, kit: HostileKit) -> None:
    browser = kit_browser(kit)
    qtbot.addWidget(browser)
    first = browser.loadResource(IMAGE, QUrl("stills/one.jpg"))
    again = browser.loadResource(IMAGE, QUrl("stills/one.jpg"))
    assert isinstance(first, QImage) and first.width() > 100
    assert again is first
    for _ in range(3):
        assert is_blank(browser.loadResource(IMAGE, QUrl("/dev/zero")))
    assert browser.refused == ["/dev/zero"]  # as asked for


def test_other_resources_are_never_loaded(qtbot, kit: HostileKit) -> None:
    browser = kit_browser(kit)
    qtbot.addWidget(browser)
    # A style sheet or page is answered with an empty text, even a kit file's.
    assert browser.loadResource(STYLE, QUrl("stills/one.jpg")) == ""
    assert browser.loadResource(STYLE, QUrl(f"{kit.canary_dir}/x.css")) == ""


def test_the_kits_own_images_load_decoded(qtbot, kit: HostileKit) -> None:
    browser = kit_browser(kit)
    qtbot.addWidget(browser)
    for target in ("stills/one.jpg", "art/key.jpg", "stills/./two.png"):
        image = browser.loadResource(IMAGE, QUrl(target))
        assert isinstance(image, QImage) and image.width() > 100, target
    assert browser.refused == []


def test_markup_of_every_shape_reaches_the_guard(qtbot, kit: HostileKit) -> None:
    """Through Qt's own HTML machinery: quoted, unquoted, CSS and table backgrounds."""
    browser = kit_browser(kit)
    qtbot.addWidget(browser)
    canary = kit.canary_dir
    browser.setHtml(
        f'<img src="{canary}/q.png"><img src={canary}/u.png>'
        f"<img src='/dev/zero'><div style=\"background-image:url({canary}/css.png)\">d</div>"
        '<img src="stills/one.jpg">'
    )
    browser.resize(400, 300)
    browser.show()
    qtbot.waitExposed(browser)
    browser.grab()
    refused = set(browser.refused)
    for name in ("q.png", "u.png", "css.png"):
        assert QUrl.fromLocalFile(f"{canary}/{name}").toString() in refused, name
    assert "file:///dev/zero" in refused
    assert not any("one.jpg" in url for url in refused)


def test_link_decisions(qtbot, kit: HostileKit) -> None:
    loaded = open_kit_location(kit.root).result.kit
    base = QUrl.fromLocalFile(str(kit.root.resolve()) + os.sep)
    expected = {
        "https://example.org": LinkKind.EXTERNAL,
        "HTTP://example.org/a": LinkKind.EXTERNAL,
        "mailto:press@example.org": LinkKind.EXTERNAL,
        "https:///no-host": LinkKind.REFUSED,
        "stills/one.jpg": LinkKind.STILL,
        "stills/two.png": LinkKind.STILL,
        "art/key.jpg": LinkKind.IMAGE,
        "trailer/valid.mp4": LinkKind.TRAILER,
        "run.sh": LinkKind.REFUSED,
        "setup.desktop": LinkKind.REFUSED,
        "codec.exe": LinkKind.REFUSED,
        "stills/link-out.png": LinkKind.REFUSED,
        "../kit/run.sh": LinkKind.REFUSED,
        "file:///etc/passwd": LinkKind.REFUSED,
        "javascript:alert(1)": LinkKind.REFUSED,
        "smb://server/share": LinkKind.REFUSED,
    }
    got = {target: decide(QUrl(target), base, loaded).kind for target in expected}
    assert got == expected
    assert decide(QUrl("stills/two.png"), base, loaded).row == 1
    assert "never runs a file" in decide(QUrl("run.sh"), base, loaded).reason


@pytest.fixture
def notes_window(qtbot, tmp_path: Path, kit: HostileKit, monkeypatch) -> tuple[MainWindow, list]:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit.root), remember=False)
    window.show()
    qtbot.waitExposed(window)
    return window, opened


def test_web_and_mail_links_go_to_the_desktop_and_nothing_else(qtbot, notes_window) -> None:
    window, opened = notes_window
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    for target in ("https://example.org", "mailto:press@example.org", "run.sh", "codec.exe"):
        notes.browser.anchorClicked.emit(QUrl(target))
    assert opened == ["https://example.org", "mailto:press@example.org"]


def test_a_link_to_a_script_is_shown_as_text_and_refused_with_a_message(
    qtbot, notes_window
) -> None:
    window, opened = notes_window
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    assert sorted(notes.unlinked) == ["codec.exe", "run.sh", "setup.desktop"]
    document = notes.browser.document()
    found = document.find("a script")
    assert not found.isNull()
    cursor = QTextCursor(document)
    cursor.setPosition(found.selectionStart() + 1)
    fmt = cursor.charFormat()
    assert not fmt.isAnchor() and "run.sh" in fmt.toolTip()
    assert document.find("a still").charFormat().isAnchor()  # kept: it opens in the app

    notes.browser.anchorClicked.emit(QUrl("codec.exe"))
    notes.browser.anchorClicked.emit(QUrl("setup.desktop"))
    box = notes.refusal_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "setup.desktop" in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox)
        and w.objectName() == "linkRefusedBox"
        and w.isVisible()
        and w.parentWidget() is window
    ]
    assert shown == [box]  # the latest message only
    assert opened == []
    box.close()


def test_a_link_to_a_still_opens_it_in_the_still_viewer(qtbot, notes_window) -> None:
    window, opened = notes_window
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    notes.browser.anchorClicked.emit(QUrl("stills/two.png"))
    viewers = [w for w in QApplication.topLevelWidgets() if isinstance(w, StillViewer)]
    visible = [v for v in viewers if v.isVisible()]
    assert visible and visible[-1].row == 1
    for viewer in visible:
        viewer.close()
    # Another image of the kit (the key art) opens on its own in the viewer.
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    notes.browser.anchorClicked.emit(QUrl("art/key.jpg"))
    alone = [w for w in QApplication.topLevelWidgets() if isinstance(w, StillViewer)]
    shown = [v for v in alone if v.isVisible()]
    assert shown and shown[-1].stills[0].file_text == "art/key.jpg"
    for viewer in shown:
        viewer.close()
    assert opened == []


def test_a_link_to_the_trailer_shows_the_trailer_tab(qtbot, notes_window) -> None:
    window, opened = notes_window
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    notes.browser.anchorClicked.emit(QUrl("trailer/valid.mp4"))
    current = window.tab_widget.currentWidget()
    assert current is window.tab(TrailerTab).parentWidget()
    window.tab(TrailerTab).shutdown()
    assert opened == []


def test_the_notes_open_at_their_top(qtbot, notes_window) -> None:
    window, _opened = notes_window
    window.resize(900, 400)  # short enough that the notes scroll
    notes = window.show_tab(NotesTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    qtbot.wait(20)
    bar = notes.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    assert notes.browser.textCursor().position() == 0
