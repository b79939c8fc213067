"""The main window: one tab per part of the kit, the menus, opening kits, persisted layout.

Start-up path: dialogs, message boxes and progress dialogs are imported where used (their
enums cost time)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from app import __version__, paths
from app import settings as keys
from app.identity import DISPLAY_NAME
from app.media.worker import run_in_background
from app.model.kit import PressKit
from app.model.kit_snapshot import KitSnapshots, user_kit_snapshots
from app.model.opening import KitOpenError, OpenedKit, is_archive, open_kit_location
from app.model.problems import Problem, Severity
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.settings import Settings
from app.views.base_tab import KitTab
from app.views.export_menu import export_story_pack
from app.views.icons import install_pending_icons, set_icon_later
from app.views.kit_text import menu_text, window_title_text
from app.views.overview_tab import OverviewTab
from app.views.recent_menu import RecentMenu
from app.views.tab_host import TabHost
from app.views.tab_specs import TAB_SPECS, tab_index

if TYPE_CHECKING:  # imported where used: each Qt class named costs its enums at start-up
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

AFTER_PAINT_FALLBACK_MS = 1000  # when no overview paints (no kit could be opened)


class MainWindow(QMainWindow):
    overview_painted = Signal()
    kit_changed = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        snapshots: KitSnapshots | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.snapshots = snapshots if snapshots is not None else user_kit_snapshots()
        self.opened: OpenedKit | None = None
        self.hosts: list[TabHost] = []
        self.setWindowTitle(DISPLAY_NAME)
        self.setAcceptDrops(True)
        self.resize(*keys.DEFAULT_WINDOW_SIZE)
        self.setMinimumSize(720, 480)

        self.tab_widget = QTabWidget(self)
        self.tab_widget.setDocumentMode(True)
        self.tab_widget.setAccessibleName("Press kit sections")
        self.tab_widget.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tab_widget)
        self._previous_tab: KitTab | None = None
        self.message_box: QMessageBox | None = None
        self._first_paint_done = False
        self._after_first_paint: list[Callable[[], None]] = []
        self.after_first_paint(_install_icon_theme)
        self._build_menus()

    # -- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_folder_action = self._action(
            "&Open Kit Folder…",
            "mdi6.folder-open-outline",
            QKeySequence.StandardKey.Open,
            self._on_open_folder,
        )
        self.open_archive_action = self._action(
            "Open Kit &Archive (.zip)…",
            "mdi6.folder-zip-outline",
            "Ctrl+Shift+O",
            self._on_open_archive,
        )
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(self.open_archive_action)
        self.recent_menu = RecentMenu(self.settings, file_menu)
        self.recent_menu.open_requested.connect(self.open_location)
        file_menu.addMenu(self.recent_menu)
        self.open_bundled_action = self._action(
            "Open the &Bundled I.S.S. Kit", "mdi6.space-station", None, self._on_open_bundled
        )
        file_menu.addAction(self.open_bundled_action)
        file_menu.addSeparator()
        self.export_pack_action = self._action(
            "&Export Story Pack…", "mdi6.export", "Ctrl+E", lambda _=False: export_story_pack(self)
        )
        file_menu.addAction(self.export_pack_action)
        self.quit_action = self._action(
            "&Quit", "mdi6.exit-to-app", QKeySequence.StandardKey.Quit, self.close
        )
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu("&View")
        self.full_screen_action = self._action(
            "&Full Screen", "mdi6.fullscreen", "F11", self._on_toggle_full_screen
        )
        self.full_screen_action.setCheckable(True)
        view_menu.addAction(self.full_screen_action)
        self.find_action = self._action(
            "&Find in Kit…", "mdi6.magnify", QKeySequence.StandardKey.Find, self._on_find
        )
        view_menu.addAction(self.find_action)
        view_menu.addSeparator()
        self.tab_actions: list[QAction] = []
        for index, spec in enumerate(TAB_SPECS):
            action = self._action(
                spec.default_title,
                spec.icon_name,
                f"Ctrl+{index + 1}",
                lambda _=False, i=index: self._show_tab_at(i),
            )
            view_menu.addAction(action)
            self.tab_actions.append(action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(
            self._action("&About", "mdi6.information-outline", None, self._on_about)
        )

    def _action(
        self,
        text: str,
        icon_name: str,
        shortcut: QKeySequence.StandardKey | str | None,
        slot: Callable[..., object],
    ) -> QAction:
        # Not QAction(text, self): choosing among its overloads (one takes a QIcon) builds
        # QIcon's Python type and its 151-member ThemeIcon enum before the first paint (1 ms).
        action = QAction(self)
        action.setText(text)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif isinstance(shortcut, str):
            # setShortcuts with a ready sequence: setShortcut's overloads (str, Qt.Key, …)
            # would build the whole Qt namespace's enums to pick one, before the first paint.
            action.setShortcuts([QKeySequence.fromString(shortcut)])
        action.triggered.connect(slot)
        set_icon_later(action, icon_name)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden (full screen)
        return action

    # -- the kit ------------------------------------------------------------------------------

    def show_kit(self, opened: OpenedKit, remember: bool = True) -> None:
        """Replace the shown kit with ``opened`` (closing the previous one)."""
        previous_index = self.tab_widget.currentIndex()
        self._close_kit()
        self.opened = opened
        kit = opened.result.kit
        self.setWindowTitle(window_title_text(kit.film.title))
        self._build_tabs(kit)
        if previous_index >= 0:
            self._show_tab_at(previous_index)
        if remember:
            # Shortened as shown: a hostile megabyte-long title must not bloat the settings
            # file that every start reads.
            recent_title = shorten_for_display(kit.film.title, MAX_TITLE_CHARS)
            self.settings.add_recent_kit(str(opened.location), recent_title)
        self.kit_changed.emit()

    def rebuild_tabs(self) -> None:
        """Every tab built afresh, the overview shown: nothing anyone did in them remains
        (booth mode's reset: selections, scroll positions, open viewers, volume)."""
        if self.opened is None:
            return
        self._clear_tabs()
        self._build_tabs(self.opened.result.kit)

    def _build_tabs(self, kit: PressKit) -> None:
        self.hosts = []
        for spec in TAB_SPECS:
            # No parent yet: addTab adopts it, and a page created inside the tab widget costs
            # ~1 ms more to add under the stylesheet (7 ms of start-up for the seven).
            host = TabHost(spec, kit, self.settings)
            self.hosts.append(host)
            self.tab_widget.addTab(host, menu_text(spec.title_for(kit)))
            set_icon_later(_TabIconSetter(self.tab_widget, host), spec.icon_name)
        for index, spec in enumerate(TAB_SPECS):
            # A hidden tab keeps its place, so Ctrl+number means the same tab in every kit.
            shown = spec.is_shown_for(kit)
            if not shown:
                self.tab_widget.setTabVisible(index, False)
            self.tab_actions[index].setEnabled(shown)
            self.tab_actions[index].setText(menu_text(spec.title_for(kit)))
        # The overview is built now: the first paint shows it, and its key art starts decoding.
        overview = self.hosts[tab_index("overview")].ensure_tab()
        assert isinstance(overview, OverviewTab)
        overview.painted_with_content.connect(self.overview_painted)
        overview.watch_trailer_requested.connect(self._on_overview_watch_trailer)

    def _close_kit(self) -> None:
        self._clear_tabs()
        if self.opened is not None:
            self.opened.close()
            self.opened = None

    def _clear_tabs(self) -> None:
        self._previous_tab = None
        for host in self.hosts:
            # Removing a tab shows the next one: without this, closing a kit built every tab.
            host.retired = True
            if host.tab is not None:
                host.tab.shutdown()
        self.hosts = []
        while self.tab_widget.count():
            widget = self.tab_widget.widget(0)
            self.tab_widget.removeTab(0)
            if widget is not None:
                widget.deleteLater()

    def open_location(self, location: Path, fall_back_to_bundled: bool = False) -> None:
        """Open a kit the person chose. A .zip is extracted on a pool thread behind a progress
        dialog that can be cancelled. On failure the current kit stays on screen (or, at
        start-up, the bundled kit opens)."""
        if is_archive(location) and location.is_file():
            self._open_archive_in_background(location, fall_back_to_bundled)
            return
        try:
            opened = open_kit_location(location, snapshots=self.snapshots)
        except KitOpenError as exc:
            self._on_open_failed(exc, fall_back_to_bundled)
            return
        self._on_opened(opened)

    def _open_archive_in_background(self, archive: Path, fall_back_to_bundled: bool) -> None:
        from app.views.progress import CancellableProgress, opening_notice, progress_dialog

        dialog = progress_dialog(f"Unpacking {archive.name}…", "Opening press kit", self)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress = CancellableProgress(dialog)
        # A kit on screen stays there until the new one is ready; an empty window says why.
        notice = (
            opening_notice(self.tab_widget, f"Opening {archive.name}…")
            if self.tab_widget.count() == 0
            else None
        )

        def finished(opened: object) -> None:
            cancelled = progress.cancelled  # read first: closing the dialog emits canceled
            dialog.close()
            dialog.deleteLater()
            if notice is not None:
                notice.deleteLater()
            assert isinstance(opened, OpenedKit)
            if cancelled:  # cancelled after the last entry: drop it anyway
                opened.close()
                return
            self._on_opened(opened)

        def failed(error: Exception) -> None:
            dialog.close()
            dialog.deleteLater()
            if notice is not None:
                notice.deleteLater()
            from app.model.archive import ExtractionCancelled

            if isinstance(error, ExtractionCancelled):
                log.info("opening %s was cancelled", archive)
                if fall_back_to_bundled:
                    self._on_open_bundled()
                return
            if isinstance(error, KitOpenError):
                self._on_open_failed(error, fall_back_to_bundled)
                return
            log.error("opening %s failed: %r", archive, error)
            problem = Problem(Severity.ERROR, archive.name, f"cannot be opened ({error})")
            self._on_open_failed(KitOpenError(archive, [problem]), fall_back_to_bundled)

        run_in_background(
            lambda: open_kit_location(archive, progress.report), finished, failed, owner=self
        )

    def _on_opened(self, opened: OpenedKit) -> None:
        self.show_kit(opened)
        if opened.result.problems:
            self.report_problems(opened)

    def _on_open_failed(self, failure: KitOpenError, fall_back_to_bundled: bool) -> None:
        if fall_back_to_bundled:
            from app.model.kit_choice import open_kit_or_bundled

            bundled = open_kit_or_bundled(None, snapshots=self.snapshots).opened
            if bundled is not None:
                self.show_kit(bundled, remember=False)
        self.report_open_failure(failure, fell_back=fall_back_to_bundled)

    def report_open_failure(self, failure: KitOpenError, fell_back: bool) -> None:
        log.warning("cannot open kit %s: %s", failure.location, failure)
        from app.views.kit_messages import open_failure_box

        self._show_message_box(open_failure_box(failure, fell_back, self))

    def report_problems(self, opened: OpenedKit) -> None:
        from app.views.kit_messages import problems_box

        self._show_message_box(problems_box(opened.result.problems, self))

    def _show_message_box(self, box: QMessageBox) -> None:
        """Window-modal and non-blocking, so the window keeps painting behind it."""
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("kitMessageBox")
        self.message_box = box
        box.open()

    # -- window life --------------------------------------------------------------------------

    def restore_and_show(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        last_tab = self.settings.get(keys.LAST_TAB)
        if 0 <= last_tab < self.tab_widget.count() and self.tab_widget.isTabVisible(last_tab):
            self.tab_widget.setCurrentIndex(last_tab)
        self.show()
        # Icons cost ~200 ms of qtawesome start-up: pay it once the overview has painted (or
        # soon after showing, when there is no overview to wait for).
        self.overview_painted.connect(self._on_overview_painted)
        QTimer.singleShot(AFTER_PAINT_FALLBACK_MS, self, self._run_after_first_paint)

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the first screen is up (what can wait, waits for it)."""
        if self._first_paint_done:
            callback()
        else:
            self._after_first_paint.append(callback)

    @Slot()
    def _on_overview_painted(self) -> None:
        QTimer.singleShot(0, self, self._run_after_first_paint)

    def _run_after_first_paint(self) -> None:
        if self._first_paint_done:
            return
        self._first_paint_done = True
        install_pending_icons()
        while self._after_first_paint:
            self._after_first_paint.pop(0)()

    def shut_down(self) -> None:
        """The event loop has ended: stop the tabs' work and close the kit (the widgets stay;
        the process is about to end). A snapshot held for after the first paint is written
        now if the loop ended before it (``--exit-after-first-paint``)."""
        self.snapshots.write_held()
        for host in self.hosts:
            host.retired = True
            if host.tab is not None:
                host.tab.shutdown()
        if self.opened is not None:
            self.opened.close()
            self.opened = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.LAST_TAB, max(0, self.tab_widget.currentIndex()))
        self.settings.sync()
        self._close_kit()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            location = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, self, lambda: self.open_location(location))

    # -- slots --------------------------------------------------------------------------------

    def _show_tab_at(self, index: int) -> None:
        if 0 <= index < self.tab_widget.count() and self.tab_widget.isTabVisible(index):
            self.tab_widget.setCurrentIndex(index)

    def show_tab(self, tab_class: type[KitTab]) -> KitTab:
        """Switch to the tab of that class and return it."""
        tab = self.tab(tab_class)
        host = tab.parentWidget()
        assert isinstance(host, TabHost)
        self.tab_widget.setCurrentWidget(host)
        return tab

    def tab(self, tab_class: type[KitTab]) -> KitTab:
        """The tab of that class, built now if it has not been shown yet."""
        for host in self.hosts:
            if host.spec.class_name == tab_class.__name__:
                return host.ensure_tab()
        raise KeyError(tab_class.__name__)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if self._previous_tab is not None:
            self._previous_tab.tab_left()
        current = self.tab_widget.widget(index)
        self._previous_tab = current.tab if isinstance(current, TabHost) else None

    @Slot()
    def _on_overview_watch_trailer(self) -> None:
        self._show_tab_at(tab_index("trailer"))

    @Slot()
    def _on_find(self) -> None:
        from app.views.search_dock import open_search  # its index is made on first use

        open_search(self)

    @Slot()
    def _on_open_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Open a press kit folder")
        if folder:
            self.open_location(Path(folder))

    @Slot()
    def _on_open_archive(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        file_name, _ = QFileDialog.getOpenFileName(
            self, "Open a press kit archive", "", "Press kit archives (*.zip)"
        )
        if file_name:
            self.open_location(Path(file_name))

    @Slot()
    def _on_open_bundled(self) -> None:
        from app import paths

        self.open_location(paths.bundled_kit_dir())

    @Slot()
    def _on_toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    @Slot()
    def _on_about(self) -> None:
        import html

        licenses = paths.bundle_root() / "licenses"  # only in an installed build
        where = (
            f" Their licence texts are in {html.escape(str(licenses))}."
            if licenses.is_dir()
            else ""
        )
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {DISPLAY_NAME}",
            f"<h3>{DISPLAY_NAME} {__version__}</h3>"
            "<p>A viewer for electronic press kits, bundled with the press kit for "
            "<i>I.S.S.</i> (Bleecker Street, 2023).</p>"
            "<p>The bundled stills, key art and teaser are placeholder artwork made for this "
            "kit, not material from the film.</p>"
            "<p>Built with Qt and PySide6 (LGPL-3.0), FFmpeg (LGPL-2.1), PyYAML (MIT) and "
            "QtAwesome (MIT) with its icon fonts: Font Awesome (SIL OFL 1.1), Material Design "
            f"Icons (Apache-2.0) and others.{where} "
            "The program is MIT-licensed.</p>",
        )


class _TabIconSetter:
    """Lets :func:`set_icon_later` set a tab's icon, which QTabWidget sets by index."""

    def __init__(self, tab_widget: QTabWidget, tab: QWidget) -> None:
        self._tab_widget = tab_widget
        self._tab = tab

    def setIcon(self, icon: object) -> None:
        index = self._tab_widget.indexOf(self._tab)
        if index >= 0:
            self._tab_widget.setTabIcon(index, icon)  # type: ignore[arg-type]


def _install_icon_theme() -> None:
    """Qt's file dialogs in the dark theme's icons (imported here: qtawesome is slow to load)."""
    from app.views.icon_theme import install_dark_icon_theme

    install_dark_icon_theme(paths.cache_dir() / "icon-theme")
