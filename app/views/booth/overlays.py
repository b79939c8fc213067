"""Panels booth mode puts over whatever shows: the idle countdown and the operator's PIN pad.

Both live inside the booth window (no second top-level window a visitor could move or close),
centred, and are native windows of their own so they stack above a playing video, which Qt
draws in a native window an ordinary widget cannot cover.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.booth_pin import PIN_MAX_DIGITS
from app.views.kit_text import make_plain

log = logging.getLogger(__name__)


class BoothPanel(QFrame):
    """A centred panel over the booth window."""

    def __init__(self, width: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("boothPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._panel_width = width
        self.hide()

    def centred_label(self, object_name: str, text: str = "") -> QLabel:
        """A label of the panel's, centred, styled by ``object_name`` in the booth stylesheet."""
        label = make_plain(QLabel(text, self))  # the panels never show markup
        label.setObjectName(object_name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        width = min(self._panel_width, parent.width() - 40)
        height = min(self.sizeHint().height(), parent.height() - 40)
        self.setGeometry(
            (parent.width() - width) // 2, (parent.height() - height) // 2, width, height
        )

    def pop_up(self) -> None:
        self.place()
        self.show()
        self.raise_()


class CountdownOverlay(BoothPanel):
    continue_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(620, parent)
        self.setAccessibleName("Idle countdown")
        title = self.centred_label("boothPanelTitle", "Still there?")
        self.message = self.centred_label("boothPanelText")
        self.message.setWordWrap(True)
        self.seconds_label = self.centred_label("boothCountdownNumber")
        self.continue_button = QPushButton("Continue", self)
        self.continue_button.setObjectName("primaryButton")
        self.continue_button.setAccessibleName("Continue using the press kit")
        self.continue_button.clicked.connect(self._on_continue_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(self.seconds_label)
        layout.addWidget(self.message)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.seconds = 0
        self.set_seconds(10)

    def set_seconds(self, seconds: int) -> None:
        if seconds == self.seconds:
            return
        self.seconds = seconds
        self.seconds_label.setText(str(seconds))
        unit = "second" if seconds == 1 else "seconds"
        self.message.setText(
            f"The press kit goes back to the start in {seconds} {unit}. Touch Continue to "
            "keep looking."
        )
        self.setAccessibleDescription(self.message.text())

    @Slot()
    def _on_continue_button_clicked(self) -> None:
        self.continue_requested.emit()


class ExitPrompt(BoothPanel):
    """The operator's PIN, typed or tapped on the keypad."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(460, parent)
        self.setAccessibleName("Leave booth mode")
        title = self.centred_label("boothPanelTitle", "Leave booth mode")
        hint = self.centred_label("boothPanelText", "Enter the operator PIN.")
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("boothPin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(PIN_MAX_DIGITS)
        self.pin_edit.setValidator(
            QRegularExpressionValidator(f"[0-9]{{0,{PIN_MAX_DIGITS}}}", self.pin_edit)
        )
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setAccessibleName("Operator PIN")
        self.pin_edit.returnPressed.connect(self._on_pin_edit_return_pressed)
        self.status = self.centred_label("boothPanelStatus")
        self.status.setWordWrap(True)

        self.keys: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(10)
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for position, label in enumerate(labels):
            key = QPushButton(label, self)
            key.setObjectName("boothKey" if label != "OK" else "primaryButton")
            key.setAutoDefault(False)
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the PIN field
            key.setAccessibleName({"⌫": "Delete last digit", "OK": "Leave"}.get(label, label))
            key.clicked.connect(lambda _=False, text=label: self._on_key_clicked(text))
            grid.addWidget(key, position // 3, position % 3)
            self.keys.append(key)
        self.ok_button = self.keys[-1]
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel: stay in booth mode")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        cancel_row = QHBoxLayout()
        cancel_row.addStretch(1)
        cancel_row.addWidget(self.cancel_button)
        cancel_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.status)
        layout.addLayout(grid)
        layout.addLayout(cancel_row)
        self.waiting = False

    def open(self) -> None:
        self.pin_edit.clear()
        if not self.waiting:
            self.status.clear()
        self.pop_up()
        self.pin_edit.setFocus()

    def set_waiting(self, seconds: float, wrong: bool = True) -> None:
        """Refuse input for ``seconds`` (the back-off after a wrong PIN); 0 ends it."""
        self.waiting = seconds > 0
        for key in self.keys:
            key.setEnabled(not self.waiting)
        self.pin_edit.setEnabled(not self.waiting)
        if self.waiting:
            whole = max(1, int(seconds + 0.999))
            prefix = "Wrong PIN. " if wrong else ""
            self.status.setText(f"{prefix}Try again in {whole} s.")
        elif self.status.text().startswith(("Wrong PIN.", "Try again")):
            self.status.setText("Wrong PIN. Try again.")
            self.pin_edit.setFocus()

    def _submit(self) -> None:
        if self.waiting:
            return
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        if pin:
            self.submitted.emit(pin)

    def _on_key_clicked(self, label: str) -> None:
        if label == "OK":
            self._submit()
        elif label == "⌫":
            self.pin_edit.backspace()
        elif not self.waiting:
            self.pin_edit.insert(label)

    @Slot()
    def _on_pin_edit_return_pressed(self) -> None:
        self._submit()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._on_cancel_button_clicked()
            return
        super().keyPressEvent(event)
