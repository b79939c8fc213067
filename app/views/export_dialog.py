"""File → Export story pack… (Ctrl+E) and the stills tab's Export button: one dialog that asks
which stills (all, picked, selected), which artwork, what size and whether a folder or a zip,
and where; then runs the pack engine off the UI thread with progress and Cancel, and says what
it wrote and what it left out and why.

A kit under embargo is said so when the dialog opens, with the moment it lifts, and nothing can
be exported (the engine refuses it too). All kit text (a title in the default name, file names,
reasons) is shown as plain text. Every control has a mnemonic and an accessible name; Escape
cancels a running export before it closes the dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.media.story_pack.writer import PackResult
from app.model.kit import PressKit
from app.model.picks import picked_stills, still_key
from app.model.story_pack import PackOptions, PackPlan, PackUsageError, StillChoice, plan_pack
from app.model.text_fold import slug
from app.model.times import SystemWallClock, WallClock, describe_moment, local_offset_at
from app.views.kit_text import make_message_box_plain, plain_label, window_title_text
from app.views.stills.export_flow import (
    PackRun,
    default_destination,
    left_out_lines,
    result_text,
)
from app.views.stills_tab import StillsTab

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

log = logging.getLogger(__name__)


class ExportDialog(QDialog):
    """The story pack dialog for ``kit``. ``selected``: the still numbers (from 1) selected in
    the grid; ``picked``: the ``still_key`` of each still the journalist picked."""

    def __init__(
        self,
        kit: PressKit,
        parent: QWidget | None = None,
        selected: Sequence[int] = (),
        picked: Collection[str] = (),
        clock: WallClock | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.kit = kit
        self.selected = tuple(selected)
        self.picked = frozenset(picked)
        self.clock = clock or SystemWallClock()
        self.last_result: PackResult | None = None  # the last pack written
        self.run = PackRun(self)
        self.run.progressed.connect(self._on_run_progressed)
        self.run.finished.connect(self._on_run_finished)
        self.run.failed.connect(self._on_run_failed)
        self.setWindowTitle(window_title_text(f"Export story pack — {kit.film.title}"))
        self.setObjectName("exportDialog")
        self.setAccessibleName("Export story pack")
        self._build(folder or _home_folder())
        # Keys start on the stills choice made for the person (arrows change it, Enter exports).
        (self.selected_stills if self.selected else self.all_stills).setFocus()
        self._refuse_if_embargoed()

    # -- building ---------------------------------------------------------------------------

    def _build(self, folder: Path) -> None:
        layout = QVBoxLayout(self)
        self.embargo_label = plain_label("", self)
        self.embargo_label.setObjectName("embargoNotice")
        self.embargo_label.setWordWrap(True)
        self.embargo_label.setAccessibleName("Embargo")
        self.embargo_label.hide()
        layout.addWidget(self.embargo_label)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        stills = len(self.kit.stills)
        picks = sum(1 for still in self.kit.stills if still_key(still) in self.picked)
        self.all_stills = self._radio(f"&All stills ({stills})", "All stills")
        self.picked_stills = self._radio(f"&Picked stills ({picks})", "Picked stills")
        self.selected_stills = self._radio(
            f"&Selected stills ({len(self.selected)})", "Selected stills"
        )
        self.picked_stills.setEnabled(picks > 0)
        self.selected_stills.setEnabled(bool(self.selected))
        # Why a choice is greyed out, where a person would look for it.
        self.picked_stills.setToolTip("The stills picked in the Stills tab (P picks one)")
        self.selected_stills.setToolTip("The stills selected in the Stills tab's grid")
        # The grid's selection when there is one: the Export button's meaning before this
        # dialog existed, and what a person who selected stills expects.
        (self.selected_stills if self.selected else self.all_stills).setChecked(True)
        self.stills_group = self._group(self.all_stills, self.picked_stills, self.selected_stills)
        form.addRow(self._row_label("Stills:", self.all_stills), self._line(self.stills_group))

        artwork = len(self.kit.artwork)
        self.no_artwork = self._radio("&No artwork", "No artwork")
        self.all_artwork = self._radio(f"All ar&twork ({artwork})", "All artwork")
        self.all_artwork.setEnabled(artwork > 0)
        self.no_artwork.setChecked(True)
        self.artwork_group = self._group(self.no_artwork, self.all_artwork)
        form.addRow(self._row_label("Artwork:", self.no_artwork), self._line(self.artwork_group))

        self.original_size = self._radio("&Original files", "Original files")
        self.original_size.setToolTip(
            "The studio's own files, with caption, credit and terms inside"
        )
        self.web_size = self._radio("&Web size (JPEG, at most 2048 px)", "Web size")
        self.original_size.setChecked(True)
        self.size_group = self._group(self.original_size, self.web_size)
        form.addRow(self._row_label("Size:", self.original_size), self._line(self.size_group))

        self.as_folder = self._radio("A &folder", "Save as a folder")
        self.as_zip = self._radio("A &zip file", "Save as a zip file")
        self.as_folder.setChecked(True)
        self.form_group = self._group(self.as_folder, self.as_zip)
        self.as_zip.toggled.connect(self._on_zip_toggled)
        form.addRow(self._row_label("Save as:", self.as_folder), self._line(self.form_group))

        self.destination = QLineEdit(self)
        self.destination.setAccessibleName("Destination")
        title = slug(self.kit.film.title, 40)
        self.destination.setText(str(default_destination(folder, title, as_zip=False)))
        self.choose_button = QPushButton("&Choose…", self)
        self.choose_button.setAccessibleName("Choose the destination")
        self.choose_button.clicked.connect(self._on_choose_clicked)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(self.choose_button)
        label = QLabel("&Destination:", self)
        label.setBuddy(self.destination)
        form.addRow(label, row)
        layout.addLayout(form)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = plain_label("", self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export status")
        layout.addWidget(self.status)
        self.report = QPlainTextEdit(self)  # plain text: file names and reasons are data
        self.report.setReadOnly(True)
        self.report.setAccessibleName("What was exported and what was left out")
        self.report.setMinimumHeight(140)
        self.report.hide()
        layout.addWidget(self.report, 1)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setAccessibleName("Export the story pack")
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleName("Close")
        # Export does not close the dialog: it stays to show the progress and the report.
        self.export_button.clicked.connect(self._on_export_clicked)
        self.close_button.clicked.connect(self._on_close_clicked)
        layout.addWidget(self.buttons)
        self.options_widgets: list[QWidget] = [
            *self.stills_group.buttons(),
            *self.artwork_group.buttons(),
            *self.size_group.buttons(),
            *self.form_group.buttons(),
            self.destination,
            self.choose_button,
        ]
        # Width only: the height follows the layout once the stylesheet has polished it (a
        # height measured here, before that, squeezed the rows).
        self.setMinimumWidth(680)

    def _radio(self, text: str, accessible: str) -> QRadioButton:
        button = QRadioButton(text, self)
        button.setAccessibleName(accessible)
        return button

    def _group(self, *buttons: QRadioButton) -> QButtonGroup:
        group = QButtonGroup(self)
        for button in buttons:
            group.addButton(button)
        return group

    def _line(self, group: QButtonGroup) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(20)  # a choice's label must not run into the next choice's ring
        for button in group.buttons():
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _row_label(self, text: str, first: QRadioButton) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(first)
        return label

    def _refuse_if_embargoed(self) -> None:
        """Say when the kit's embargo lifts, and offer nothing to export until then."""
        refused = plan_pack(self.kit, PackOptions(stills=()), self.clock.utc_now()).refused
        if refused is None:
            return
        embargo = self.kit.effective_rights().embargo
        if embargo is not None and refused.startswith("under embargo until"):
            # The reader's own time too, as the overview's banner says it.
            refused = f"under embargo until {describe_moment(embargo, local_offset_at(embargo))}"
        self.embargo_label.setText(
            f"This kit is {refused}. Nothing can be exported before then: "
            "a story pack never holds embargoed material."
        )
        self.embargo_label.show()
        for widget in self.options_widgets:
            widget.setEnabled(False)
        self.export_button.setEnabled(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    # -- choosing ---------------------------------------------------------------------------

    def options(self) -> PackOptions:
        """The options the dialog's controls say."""
        stills: StillChoice = "all"
        if self.picked_stills.isChecked():
            stills = "picks"
        elif self.selected_stills.isChecked():
            stills = self.selected
        return PackOptions(
            stills=stills,
            artwork="all" if self.all_artwork.isChecked() else "none",
            size="web" if self.web_size.isChecked() else "original",
            as_zip=self.as_zip.isChecked(),
        )

    @Slot(bool)
    def _on_zip_toggled(self, as_zip: bool) -> None:
        """Keep the destination's name in step: ``.zip`` for a zip, none for a folder."""
        text = self.destination.text().strip()
        if not text:
            return
        path = Path(text)
        if as_zip and path.suffix.lower() != ".zip":
            self.destination.setText(str(path.with_name(path.name + ".zip")))
        elif not as_zip and path.suffix.lower() == ".zip":
            self.destination.setText(str(path.with_suffix("")))

    @Slot()
    def _on_choose_clicked(self) -> None:
        current = self.destination_path() or _home_folder()
        if self.as_zip.isChecked():
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                "Save the story pack as",
                str(current),
                "Zip archives (*.zip)",
                # Replacing is asked once, by this dialog, when Export is pressed.
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if chosen:
                path = Path(chosen)
                self.destination.setText(
                    str(
                        path
                        if path.suffix.lower() == ".zip"
                        else path.with_name(path.name + ".zip")
                    )
                )
        else:
            parent = QFileDialog.getExistingDirectory(
                self, "Choose where the story pack folder goes", str(current.parent)
            )
            if parent:
                self.destination.setText(str(Path(parent) / current.name))

    def destination_path(self) -> Path | None:
        text = self.destination.text().strip()
        return Path(text).expanduser() if text else None

    # -- exporting --------------------------------------------------------------------------

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.run.running:
            return
        out = self.destination_path()
        if out is None:
            self._say("Choose where to save the story pack first.")
            self.destination.setFocus()
            return
        if not out.parent.is_dir():
            self._say(f"The folder {out.parent} does not exist: choose another destination.")
            self.destination.setFocus()
            return
        try:
            plan = plan_pack(self.kit, self.options(), self.clock.utc_now(), self.picked)
        except PackUsageError as error:
            self._say(f"Nothing was exported: {error}.")
            return
        if not self._can_write(plan):
            return
        if out.exists() and not self._replace_confirmed(out):
            self._say("Nothing was exported: the existing pack was kept.")
            return
        self.start(plan, out)

    def _can_write(self, plan: PackPlan) -> bool:
        """False, saying why, when the plan leaves nothing to write."""
        if plan.refused is not None:
            self._say(f"Nothing was exported: the kit is {plan.refused}.")
            return False
        if not plan.items:
            self._say("Nothing was exported: every chosen item is left out.")
            self._show_report("\n".join(["Left out:", *left_out_lines(plan.left_out)]))
            return False
        return True

    def _replace_confirmed(self, out: Path) -> bool:
        kind = "folder" if out.is_dir() else "file"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace the existing pack?",
            f"The {kind} {out} already exists.\n\nReplace it with the new story pack?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        make_message_box_plain(box)  # the path holds the kit's title: data, not markup
        box.button(QMessageBox.StandardButton.Yes).setText("&Replace")
        box.setDefaultButton(QMessageBox.StandardButton.No)  # the answer that loses nothing
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def start(self, plan: PackPlan, out: Path) -> None:
        """Write ``plan`` to ``out`` on a pool thread; the dialog shows progress meanwhile."""
        for widget in self.options_widgets:
            widget.setEnabled(False)
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.close_button.setAccessibleName("Cancel the export")
        self.report.hide()
        self.progress.setRange(0, 0)  # busy until the first step says how many there are
        self.progress.show()
        self._say(f"Exporting {len(plan.items)} image(s) to {out}…")
        self.run.start(self.kit, plan, out)

    @Slot(int, int)
    def _on_run_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    @Slot(object)
    def _on_run_finished(self, result: object) -> None:
        assert isinstance(result, PackResult)
        self.last_result = result
        self._idle()
        left = f", {len(result.left_out)} left out" if result.left_out else ""
        self._say(f"Done: {len(result.files)} files written{left}.")
        self._show_report(result_text(result))

    @Slot(str, bool)
    def _on_run_failed(self, message: str, cancelled: bool) -> None:
        self._idle()
        self._say(message)
        if cancelled and self._close_after_cancel:
            super().reject()

    def _idle(self) -> None:
        self.progress.hide()
        for widget in self.options_widgets:
            widget.setEnabled(True)
        self.picked_stills.setEnabled(any(still_key(s) in self.picked for s in self.kit.stills))
        self.selected_stills.setEnabled(bool(self.selected))
        self.all_artwork.setEnabled(bool(self.kit.artwork))
        self.export_button.setEnabled(True)
        self.close_button.setText("Close")
        self.close_button.setAccessibleName("Close")

    def _say(self, text: str) -> None:
        log.info("export dialog: %s", text)
        self.status.setText(text)

    def _show_report(self, text: str) -> None:
        self.report.setPlainText(text)
        if not self.report.isVisible():
            self.report.show()
            # Room for the report below the choices: the dialog opened without it.
            self.resize(self.width(), max(self.height(), self.sizeHint().height() + 160))

    # -- closing ----------------------------------------------------------------------------

    _close_after_cancel = False

    @Slot()
    def _on_close_clicked(self) -> None:
        """Close; while an export runs this button is Cancel: it stops the export and the
        dialog stays to say so."""
        if self.run.running:
            self._say("Cancelling…")
            self.run.cancel()
            return
        super().reject()

    def reject(self) -> None:
        """Escape: while an export runs, cancel it first (the worker removes what it wrote);
        the dialog closes once the worker has stopped."""
        if self.run.running:
            self._say("Cancelling…")
            self._close_after_cancel = True
            self.run.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.run.running:
            self._close_after_cancel = True
            self.run.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def open_export_dialog(
    parent: QWidget, kit: PressKit, selected: Sequence[int] = (), clock: WallClock | None = None
) -> ExportDialog:
    """Show the dialog for ``kit`` (window-modal: the kit on screen is the one exported).
    ``clock``: what embargoes are judged by (None: the computer's)."""
    dialog = ExportDialog(kit, parent, selected=selected, picked=picked_keys(kit), clock=clock)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog


def open_for_window(window: MainWindow) -> ExportDialog | None:
    """File → Export story pack…: the window's kit, with the stills selected in its grid."""
    if window.opened is None or window.settings.locked_down:  # booth: nothing leaves the kiosk
        return None
    selected: Sequence[int] = ()
    for host in window.hosts:
        tab = host.tab
        if isinstance(tab, StillsTab):  # only a grid already built can have a selection
            selected = tab.selected_numbers()
    return open_export_dialog(window, window.opened.result.kit, selected)


def picked_keys(kit: PressKit) -> frozenset[str]:
    """The journalist's picked stills as the picks store keys them, read as the stills tab
    left them (it writes each pick through to the store)."""
    return frozenset(still_key(still) for still in picked_stills(kit))


def _home_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()
