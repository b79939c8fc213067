"""The still viewer: one still large, with previous/next, fit / 100 % / wheel zoom, drag to pan,
a slideshow, its caption and credit, "Save original as…" and "Copy caption with credit"."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.media.images import ImageDecodeError, decode_to_fit
from app.media.worker import run_in_background
from app.model.kit import PressKit, Still
from app.model.media_headers import MediaInfo, check_media
from app.model.times import WallClock
from app.settings import SLIDESHOW_INTERVAL_S, Settings
from app.views.base_tab import copy_to_clipboard
from app.views.feedback import confirm
from app.views.icons import set_icon_later
from app.views.kit_text import make_plain, window_title_text
from app.views.save_original import save_still_original
from app.views.stills.canvas import ZoomableImageView
from app.views.stills.grid_model import caption_with_credit, describe_size
from app.views.stills.grid_picks import PicksController
from app.views.stills.still_details import StillDetails
from app.views.stills.viewer_keys import (
    FIRST_KEYS,
    LAST_KEYS,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    PickKeys,
    install_navigation_keys,
    is_navigation_override,
    zoom_key,
)

log = logging.getLogger(__name__)

FULL_SIZE_CACHE = 3  # full-size images held at once: the current one and its neighbours
PREVIEW_BOX = QSize(1600, 1600)
SLIDESHOW_MIN_S, SLIDESHOW_MAX_S = 2, 30


class StillViewer(QDialog):
    current_changed = Signal(int)
    slideshow_changed = Signal(bool)  # running

    def __init__(
        self,
        stills: list[Still],
        row: int,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        embedded: bool = False,
        kit: PressKit | None = None,  # whose terms apply (None: only the still's own)
        clock: WallClock | None = None,  # judges the embargo (None: the computer's)
        picks: PicksController | None = None,  # the Ctrl pick keys (None: none, as in booth)
        numbers: list[int] | None = None,  # each still's number in the kit (None: 1, 2, …)
    ) -> None:
        """``embedded``: a page filling ``parent`` (booth mode: every view stays inside the
        locked full-screen window) instead of a window of its own with a title bar."""
        super().__init__(parent)
        self.embedded = embedded and parent is not None
        self.setObjectName("stillViewer")
        self.setWindowTitle("Still")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.embedded:
            self.setWindowFlags(Qt.WindowType.Widget)
            # A child widget paints the stylesheet's background only when asked to; without
            # it the tabs underneath would show through.
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        else:
            self.resize(1280, 860)
        self.stills = stills
        self.numbers = numbers or list(range(1, len(stills) + 1))
        self.row = row
        self.full_images: OrderedDict[int, QImage] = OrderedDict()
        self._loading: set[int] = set()

        self.canvas = ZoomableImageView(self)
        self.canvas.setAccessibleName("Still image")
        self.canvas.zoom_changed.connect(self._on_canvas_zoom_changed)
        self.canvas.zoomed_by_hand.connect(self.stop_slideshow)
        self.settings = settings
        self.slideshow_timer = QTimer(self)
        self.slideshow_timer.timeout.connect(self._on_slideshow_timer_timeout)
        # Caption, credit and messages quote kit text: plain text, never markup.
        self.message = make_plain(QLabel(self))
        self.message.setObjectName("emptyState")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.caption = make_plain(QLabel(self))
        self.caption.setObjectName("stillCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credit = make_plain(QLabel(self))
        self.credit.setObjectName("attribution")
        self.credit.setWordWrap(True)
        self.credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position_label = QLabel(self)
        self.position_label.setObjectName("statusText")
        self.details = StillDetails(kit, clock, self)  # photographer, people, terms, embargo
        self.sizes_label = make_plain(QLabel(self))  # "4000 × 2250 px · 3.1 MB"
        self.sizes_label.setObjectName("statusText")
        self.sizes_label.setAccessibleName("Picture size and file size")
        self.pixel_sizes: dict[int, QSize] = {}  # from the header check, off the UI thread
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("statusText")

        def button(text: str, icon: str, slot: Callable[[], None], accessible: str) -> QPushButton:
            made = QPushButton(text, self)
            made.setAccessibleName(accessible)
            made.clicked.connect(slot)
            made.setAutoDefault(False)
            set_icon_later(made, icon)
            return made

        self.previous_button = button("", "mdi6.chevron-left", self.show_previous, "Previous still")
        self.next_button = button("", "mdi6.chevron-right", self.show_next, "Next still")
        self.fit_button = button("Fit", "mdi6.fit-to-screen-outline", self.fit, "Fit to window")
        self.actual_button = button("100 %", "mdi6.magnify-scan", self.actual_size, "Actual size")
        self.slideshow_button = button(
            "Slideshow", "mdi6.play", self.toggle_slideshow, "Start the slideshow"
        )
        self.slideshow_button.setCheckable(True)
        # As wide as its longer label, so "Stop" does not shift the toolbar when it starts.
        self.slideshow_button.setMinimumWidth(self.slideshow_button.sizeHint().width() + 8)
        self.slideshow_button.setEnabled(len(stills) > 1)
        self.interval_box = QSpinBox(self)
        self.interval_box.setRange(SLIDESHOW_MIN_S, SLIDESHOW_MAX_S)
        self.interval_box.setSuffix(" s")
        self.interval_box.setMinimumWidth(
            self.interval_box.fontMetrics().horizontalAdvance("30 s") + 48
        )
        self.interval_box.setAccessibleName("Slideshow interval in seconds")
        self.interval_box.setToolTip("Seconds each still is shown in the slideshow")
        self.interval_box.setValue(self._stored_interval())
        self.interval_box.setEnabled(len(stills) > 1)
        self.interval_box.valueChanged.connect(self._on_interval_box_value_changed)
        self.slideshow_timer.setInterval(self.interval_box.value() * 1000)
        self.full_screen_button = button(
            "", "mdi6.fullscreen", self.toggle_full_screen, "Full screen"
        )
        self.copy_button = button(
            "Copy caption", "mdi6.content-copy", self.copy_caption, "Copy caption with credit"
        )
        self.save_button = button(
            "Save original…", "mdi6.content-save-outline", self.save_original, "Save original as"
        )
        for widget, tip in (
            (self.previous_button, "Previous (←)"),
            (self.next_button, "Next (→)"),
            (self.full_screen_button, "Full screen (F)"),
            (self.slideshow_button, "Start or stop the slideshow (S); it loops at the end"),
        ):
            widget.setToolTip(tip)

        self.pick_keys: PickKeys | None = None
        if picks is not None:
            self.pick_keys = PickKeys(self, picks, lambda: self.stills[self.row])
        toolbar = QHBoxLayout()
        part: QWidget
        for part in (
            self.previous_button,
            self.next_button,
            self.position_label,
            *((self.pick_keys.label,) if self.pick_keys is not None else ()),
            self.slideshow_button,
            self.interval_box,
        ):
            toolbar.addWidget(part)
        toolbar.addStretch(1)
        for part in (
            self.zoom_label,
            self.fit_button,
            self.actual_button,
            self.full_screen_button,
            self.copy_button,
            self.save_button,
        ):
            toolbar.addWidget(part)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(toolbar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.credit)
        layout.addWidget(self.details)
        layout.addWidget(self.sizes_label)
        self._install_navigation_keys()
        if self.embedded:
            self._embed(toolbar)
        self.show_row(row)

    def _embed(self, toolbar: QHBoxLayout) -> None:
        """No button that would open a window or program (a file dialog, full screen of its
        own), and a Close button: a touch screen has no Esc key and a kiosk no title bar."""
        for hidden in (self.save_button, self.full_screen_button):
            hidden.hide()
        self.close_button = QPushButton("Close", self)
        self.close_button.setObjectName("boothCloseViewer")
        self.close_button.setAccessibleName("Close the still")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        set_icon_later(self.close_button, "mdi6.close")
        toolbar.addWidget(self.close_button)
        host = self.parentWidget()
        assert host is not None
        host.installEventFilter(self)  # follows the host's size
        self.setGeometry(host.rect())
        self.raise_()

    def _install_navigation_keys(self) -> None:
        install_navigation_keys(
            self,
            (
                (PREVIOUS_KEYS, self.show_previous),
                (NEXT_KEYS, self.show_next),
                (FIRST_KEYS, self.show_first),
                (LAST_KEYS, self.show_last),
            ),
        )
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        host = self.parentWidget()
        if self.embedded and watched is host and event.type() == QEvent.Type.Resize:
            self.setGeometry(host.rect())
            return False
        if is_navigation_override(event):
            event.ignore()  # not claimed: the viewer's shortcut gets the key
            return True
        return super().eventFilter(watched, event)

    # -- navigation -------------------------------------------------------------------------

    def show_row(self, row: int) -> None:
        self.row = max(0, min(row, len(self.stills) - 1))
        still = self.stills[self.row]
        self.setWindowTitle(
            window_title_text(
                f"{still.caption or still.file_text} — Still {self.numbers[self.row]}"
            )
        )
        self.caption.setText(still.caption or still.file_text)
        self.credit.setText(f"Credit: {still.credit}" if still.credit else "")
        self.details.show_still(still)
        self.canvas.setAccessibleDescription(still.alt or still.caption or "")
        self.position_label.setText(f"{self.row + 1} / {len(self.stills)}")
        if self.pick_keys is not None:
            self.pick_keys.refresh()
        self._show_sizes()
        self.previous_button.setEnabled(self.row > 0)
        self.next_button.setEnabled(self.row < len(self.stills) - 1)
        self.save_button.setEnabled(still.file is not None)
        self.canvas.fitting = True
        if still.problem or still.file is None:
            self._show_message(f"This still cannot be shown: {still.problem or 'no file'}")
        elif self.row in self.full_images:
            self._show_image(self.row, self.full_images[self.row], full=True)
        else:
            self._load(self.row, preview=True)
        for neighbour in (self.row + 1, self.row - 1):
            if 0 <= neighbour < len(self.stills):
                self._load(neighbour, preview=False)
        self.current_changed.emit(self.row)

    @Slot()
    def show_previous(self) -> None:
        """By hand (button or key): a running slideshow stops."""
        self.stop_slideshow()
        if self.row > 0:
            self.show_row(self.row - 1)

    @Slot()
    def show_next(self) -> None:
        """By hand (button or key): a running slideshow stops."""
        self.stop_slideshow()
        if self.row < len(self.stills) - 1:
            self.show_row(self.row + 1)

    @Slot()
    def show_first(self) -> None:
        self.stop_slideshow()
        if self.row != 0:
            self.show_row(0)

    @Slot()
    def show_last(self) -> None:
        self.stop_slideshow()
        if self.row != len(self.stills) - 1:
            self.show_row(len(self.stills) - 1)

    # -- slideshow --------------------------------------------------------------------------

    def slideshow_running(self) -> bool:
        return self.slideshow_timer.isActive()

    @Slot()
    def toggle_slideshow(self) -> None:
        (self.stop_slideshow if self.slideshow_running() else self.start_slideshow)()

    def start_slideshow(self) -> None:
        if len(self.stills) < 2 or self.slideshow_running():
            self._sync_slideshow_button()
            return
        self.canvas.fit()
        self.slideshow_timer.start()
        self._sync_slideshow_button()
        self.slideshow_changed.emit(True)

    @Slot()
    def stop_slideshow(self) -> None:
        if not self.slideshow_running():
            return
        self.slideshow_timer.stop()
        self._sync_slideshow_button()
        self.slideshow_changed.emit(False)

    def _sync_slideshow_button(self) -> None:
        running = self.slideshow_running()
        self.slideshow_button.setChecked(running)
        self.slideshow_button.setText("Stop" if running else "Slideshow")
        self.slideshow_button.setAccessibleName(
            "Stop the slideshow" if running else "Start the slideshow"
        )
        set_icon_later(self.slideshow_button, "mdi6.pause" if running else "mdi6.play")

    @Slot()
    def _on_slideshow_timer_timeout(self) -> None:
        """The next still that can be shown, back to the first after the last."""
        count = len(self.stills)
        for step in range(1, count):
            row = (self.row + step) % count
            still = self.stills[row]
            if still.file is not None and not still.problem:
                self.show_row(row)
                return
        self.stop_slideshow()  # nothing else can be shown

    @Slot(int)
    def _on_interval_box_value_changed(self, seconds: int) -> None:
        self.slideshow_timer.setInterval(seconds * 1000)  # restarts a running timer
        if self.settings is not None:
            self.settings.set(SLIDESHOW_INTERVAL_S, seconds)

    def _stored_interval(self) -> int:
        if self.settings is None:
            return SLIDESHOW_INTERVAL_S.default
        stored = self.settings.get(SLIDESHOW_INTERVAL_S)
        return max(SLIDESHOW_MIN_S, min(SLIDESHOW_MAX_S, stored))

    # -- loading ----------------------------------------------------------------------------

    def _load(self, row: int, preview: bool) -> None:
        still = self.stills[row]
        if still.file is None or row in self.full_images:
            return
        path = still.file.path
        if preview:
            run_in_background(
                lambda: (decode_to_fit(path, PREVIEW_BOX), check_media(path, "image")[0]),
                lambda result: self._on_preview(row, *result),
                lambda error: self._on_failed(row, error),
                owner=self,
            )
        if row in self._loading:
            return
        self._loading.add(row)
        run_in_background(
            lambda: decode_to_fit(path, None),
            lambda image: self._on_full(row, image),
            lambda error: self._on_failed(row, error),
            owner=self,
        )

    def _on_preview(self, row: int, image: QImage, header: MediaInfo | None) -> None:
        if header is not None and header.width and header.height:
            self._learn_size(row, QSize(header.width, header.height))
        if row == self.row and row not in self.full_images:
            self._show_image(row, image, full=False)

    def _learn_size(self, row: int, size: QSize) -> None:
        self.pixel_sizes[row] = size
        if row == self.row:
            self._show_sizes()

    def _show_sizes(self) -> None:
        still = self.stills[self.row]
        file_bytes = still.file.size if still.file is not None else None
        self.sizes_label.setText(describe_size(self.pixel_sizes.get(self.row), file_bytes))

    def _on_full(self, row: int, image: QImage) -> None:
        self._learn_size(row, image.size())
        self._loading.discard(row)
        self.full_images[row] = image
        self.full_images.move_to_end(row)
        while len(self.full_images) > FULL_SIZE_CACHE:
            oldest = next(iter(self.full_images))
            if oldest == self.row:
                self.full_images.move_to_end(oldest)
                continue
            del self.full_images[oldest]
        if row == self.row:
            self._show_image(row, image, full=True)

    def _on_failed(self, row: int, error: Exception) -> None:
        self._loading.discard(row)
        if row == self.row:
            reason = str(error) if isinstance(error, ImageDecodeError) else "cannot be decoded"
            self._show_message(f"This still cannot be shown: it {reason}.")

    def _show_image(self, row: int, image: QImage, full: bool) -> None:
        self.message.hide()
        self.canvas.show()
        pixmap = QPixmap.fromImage(image)
        known = self.pixel_sizes.get(row)
        original_width = image.width() if full or known is None else known.width()
        self.canvas.set_image(pixmap, original_width)
        self.fit_button.setEnabled(True)
        self.actual_button.setEnabled(True)

    def _show_message(self, text: str) -> None:
        self.canvas.hide()
        self.message.setText(text)
        self.message.show()
        self.fit_button.setEnabled(False)
        self.actual_button.setEnabled(False)

    # -- actions ----------------------------------------------------------------------------

    @Slot()
    def fit(self) -> None:
        self.stop_slideshow()
        self.canvas.fit()

    @Slot()
    def actual_size(self) -> None:
        self.stop_slideshow()
        self.canvas.actual_size()

    @Slot(float)
    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.embedded:
            return  # the host is full screen already, and decides it
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    @Slot()
    def copy_caption(self) -> None:
        copy_to_clipboard(caption_with_credit(self.stills[self.row]))
        confirm(self, "Caption copied, with its credit.")

    @Slot()
    def save_original(self) -> None:
        still = self.stills[self.row]
        if still.file is not None:
            save_still_original(self, still, self.details.kit, self.details.clock.utc_now())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.show_next()
        elif key == Qt.Key.Key_F or key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif key in (Qt.Key.Key_S, Qt.Key.Key_F5):
            self.toggle_slideshow()
        elif zoom_key(event, self.canvas):
            self.stop_slideshow()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_caption()
        else:
            super().keyPressEvent(event)
