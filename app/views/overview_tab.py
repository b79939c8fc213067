"""Overview: key art, title, tagline, logline, the facts panel and a way to the trailer.

Start-up path: the first tab painted, so it sets Qt enums as numbers (app/views/qt_values.py).
The presskit/1.1 parts (embargo banner, terms, laurels, screenings, translations) live in
app/views/overview_parts.py (on the start-up path: the bundled kit has rights and an award),
app/views/overview_screenings.py and app/views/translation_switcher.py, imported inside the
constructor only when the kit has one of them: a presskit/1 kit never loads them."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.media.images import ImageDecodeError, fit_within
from app.media.thumbnails import cached_thumbnail, default_cache, thumbnail_from_cache
from app.media.worker import run_in_background
from app.model.kit import PressKit, SkippedEntry, Translation
from app.model.text_limits import MAX_TITLE_CHARS, shorten_for_display
from app.model.thumbnail_cache import SourceIdentity
from app.settings import DEFAULT_WINDOW_SIZE, Settings
from app.views import palette
from app.views.base_tab import KitTab
from app.views.icons import set_icon_later
from app.views.key_art_prefetch import estimated_key_art_box, take_prefetched_key_art
from app.views.kit_text import KitLabel, make_plain, menu_text, plain_label
from app.views.qt_values import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    FRAME_NO_FRAME,
    set_enum_property,
)
from app.views.skipped_rows import in_place, not_shown, skipped_label

if TYPE_CHECKING:
    import datetime

    from app.model.search import Hit
    from app.model.times import WallClock
    from app.views.overview_parts import LaurelRow
    from app.views.overview_screenings import ScreeningsPanel
    from app.views.translation_switcher import LanguageSwitcher

log = logging.getLogger(__name__)

# How many of the cast the overview names: the top-billed, as a poster does.
TOP_BILLED = 3


def format_date(value: object) -> str:
    import datetime

    if isinstance(value, datetime.date):
        return f"{value:%B} {value.day}, {value.year}"
    return str(value)


class KeyArtLabel(QLabel):
    """The key art, decoded on a pool thread at the size it is shown and painted to fit.

    Decoding starts in the constructor at a size estimated from the window, so it runs while
    the rest of the window is being built; a resize re-decodes only when the decoded image is
    noticeably too small (blurry) or far too large (memory) for the new size.
    """

    image_shown = Signal()

    def __init__(self, kit: PressKit, estimate: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_plain(self)  # its messages quote the decoder's reason, which may name a kit file
        self.kit = kit
        self.setObjectName("keyArt")
        set_enum_property(self, "alignment", ALIGN_CENTER)
        self.setWordWrap(True)
        self.setMinimumSize(240, 360)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(
            f"Key art for {shorten_for_display(kit.film.title, MAX_TITLE_CHARS)}"
        )
        self.image: QImage | None = None
        self._requested = QSize()
        self._generation = 0
        self.failed_reason: str | None = None
        self._decode_timer = QTimer(self, singleShot=True, interval=120)
        self._decode_timer.timeout.connect(self._on_decode_timer_timeout)
        if kit.film.key_art is None:
            self.failed_reason = "This kit has no key art."
            self.setText(self.failed_reason)
        else:
            self._decode(estimate)

    def _wanted_box(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(int(self.width() * ratio), int(self.height() * ratio))

    def _decode(self, box: QSize) -> None:
        key_art = self.kit.film.key_art
        if key_art is None or box.isEmpty():
            return
        self._requested = box
        self._generation += 1
        generation = self._generation
        path = key_art.path
        identity = SourceIdentity.for_file(path, key_art.size, key_art.mtime_ns)
        prefetched = take_prefetched_key_art(path, identity)
        if prefetched is not None:
            # Started when the kit was opened, at the box estimated then (a resize decodes
            # again if that is far off): taken now if done, else delivered when it is.
            self._requested = prefetched.box
            prefetched.take(
                lambda image: self._on_decoded(generation, image), self._on_decode_failed
            )
            return
        cache = default_cache()
        # Through the thumbnail cache: from the second start on, the key art at this size is a
        # small JPEG (~3 ms to read and decode), taken here so the first paint shows it. On a
        # pool thread it arrived later: the thread waits for the GIL while this one builds the
        # window, and the window painted twice.
        cached = thumbnail_from_cache(path, identity, box, cache)
        if cached is not None:
            self._on_decoded(generation, cached)
            return
        run_in_background(
            lambda: cached_thumbnail(path, identity, box, cache),
            lambda image: self._on_decoded(generation, image),
            self._on_decode_failed,
            owner=self,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.kit.film.key_art is not None and self.failed_reason is None:
            self._decode_timer.start()

    @Slot()
    def _on_decode_timer_timeout(self) -> None:
        box = self._wanted_box()
        have = self.image.size() if self.image is not None else self._requested
        fitted = fit_within(have, box)
        if have.width() < fitted.width() * 0.9 or have.width() > fitted.width() * 1.6:
            self._decode(box)

    def _on_decoded(self, generation: int, image: QImage) -> None:
        if generation != self._generation:
            return
        self.image = image
        self.update()
        self.image_shown.emit()

    def _on_decode_failed(self, error: Exception) -> None:
        reason = str(error) if isinstance(error, ImageDecodeError) else "cannot be shown"
        self.failed_reason = f"The key art {reason}."
        log.warning("key art: %s", reason)
        self.setText(self.failed_reason)
        self.image_shown.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is None:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # Fit the image inside the label, aspect kept (Qt.KeepAspectRatio: see qt_values.py).
        scale = min(
            self.width() / max(1, self.image.width()), self.height() / max(1, self.image.height())
        )
        width, height = self.image.width() * scale, self.image.height() * scale
        x, y = (self.width() - width) / 2, (self.height() - height) / 2
        painter.drawImage(QRectF(x, y, width, height), self.image)
        painter.end()


def _estimated_key_art_box(parent: QWidget | None) -> QSize:
    """Roughly the key art's size in the window as laid out (portrait, 2:3, full height)."""
    window = parent.window() if parent is not None else None
    if window is None:
        return estimated_key_art_box(DEFAULT_WINDOW_SIZE[1], 1.0)
    return estimated_key_art_box(window.height(), window.devicePixelRatioF())


class OverviewTab(KitTab):
    watch_trailer_requested = Signal()
    painted_with_content = Signal()

    def __init__(
        self,
        kit: PressKit,
        settings: Settings,
        parent: QWidget | None = None,
        clock: WallClock | None = None,
    ) -> None:
        super().__init__(kit, settings, parent)
        film = kit.film
        self._clock = clock
        self._art_ready = film.key_art is None
        self._announced = False

        self.key_art = KeyArtLabel(kit, _estimated_key_art_box(parent), self)
        self.key_art.image_shown.connect(self._on_key_art_image_shown)
        self._art_ready = self._art_ready or self.key_art.image is not None  # from the cache

        # The text column is built in a widget with no parent yet, each label created where it
        # stays: moved into the scroll area as a whole it is styled once. (Labels made in the
        # tab and moved twice were re-styled each time: 7 ms of start-up.)
        text_holder = QWidget()
        # Shortened, and breakable inside long words: a long title wraps rather than pushing
        # the column sideways, and a megabyte-long one paints as fast as any other.
        self.title = title = KitLabel(film.title, MAX_TITLE_CHARS, text_holder)
        title.setObjectName("filmTitle")
        title.setWordWrap(True)
        title.setAccessibleName(f"Title: {shorten_for_display(film.title, MAX_TITLE_CHARS)}")
        title.select_by_mouse_on_demand()
        self.text_column = text_column = QVBoxLayout()
        text_column.setSpacing(10)
        self.text_holder = text_holder
        self._add_new_parts_on_top()
        text_column.addWidget(title)
        self.line_labels: dict[str, KitLabel] = {}
        for text, name in ((film.tagline, "tagline"), (film.logline, "logline")):
            # Made even when empty, hidden: a translation may give the line the original lacks.
            label = KitLabel(" ".join(shorten_for_display(text or "").split()), parent=text_holder)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.select_by_mouse_on_demand()
            label.setAccessibleName(f"{name.capitalize()}: {shorten_for_display(text or '')}")
            if not text:
                # Only ever hidden here: showing a child of a widget not yet shown polishes
                # it under the stylesheet, and it was polished again once in the scroll area.
                label.hide()
            self.line_labels[name] = label
            text_column.addWidget(label)

        watch_text = _watch_button_text(kit)
        # Not QPushButton(text, parent): see MainWindow._action (an overload takes a QIcon).
        self.watch_button = QPushButton(text_holder)
        self.watch_button.setText(watch_text)
        self.watch_button.setObjectName("primaryButton")
        self.watch_button.setAccessibleName(watch_text)
        # A kit without a trailer offers no way to one: a disabled button would promise it.
        if kit.trailer is None:
            self.watch_button.hide()
        self.watch_button.clicked.connect(self.watch_trailer_requested)
        set_icon_later(self.watch_button, "mdi6.play-circle-outline")
        button_row = QHBoxLayout()
        button_row.addWidget(self.watch_button)
        button_row.addStretch(1)
        text_column.addLayout(button_row)
        self._add_laurels()

        facts = QFrame(text_holder)
        facts.setObjectName("factsPanel")
        facts.setAccessibleName("Facts")
        self.facts_layout = QFormLayout(facts)
        set_enum_property(self.facts_layout, "labelAlignment", ALIGN_RIGHT)
        self.facts_layout.setHorizontalSpacing(18)
        self.facts_layout.setVerticalSpacing(8)
        rows = self._facts()
        for fact, value, warning in rows:
            self._add_fact(fact, value, warning)
        if not rows:
            facts.hide()  # a kit with no facts gets no empty panel
        text_column.addWidget(facts)
        self._add_new_parts_below()
        text_column.addStretch(1)

        text_holder.setLayout(text_column)
        scroll = QScrollArea(self)
        # A Tab stop (the arrow keys scroll a long overview): named so the stylesheet can show
        # its focus like every other control's.
        scroll.setObjectName("overviewText")
        scroll.setWidget(text_holder)
        scroll.setWidgetResizable(True)
        set_enum_property(scroll, "frameShape", FRAME_NO_FRAME)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(32)
        layout.addWidget(self.key_art, 2)
        layout.addWidget(scroll, 3)

    def _now(self) -> datetime.datetime:
        """The wall-clock moment the embargo and screenings are judged by (a test's clock)."""
        from app.model.times import SystemWallClock  # only kits with rights or screenings ask

        if self._clock is None:
            self._clock = SystemWallClock()
        return self._clock.utc_now()

    def _add_new_parts_on_top(self) -> None:
        """The language switcher and the embargo banner, above the title: built, and their
        modules imported, only for a kit that has translations or rights."""
        kit, holder = self.kit, self.text_holder
        self.switcher: LanguageSwitcher | None = None
        self.embargo_banner: KitLabel | None = None
        if kit.translations and not self.settings.locked_down:
            from app.views.translation_switcher import LanguageSwitcher

            self.switcher = LanguageSwitcher(kit, self.settings, holder)
            self.switcher.language_chosen.connect(self._on_language_chosen)
            self.text_column.addWidget(self.switcher)
        if kit.rights is not None:
            from app.views.overview_parts import embargo_banner

            self.embargo_banner = embargo_banner(kit, self._now(), holder)
            if self.embargo_banner is not None:
                self.text_column.addWidget(self.embargo_banner)

    def _add_laurels(self) -> None:
        """The awards as laurels, above the facts: seen without scrolling, as on a poster."""
        self.laurels: LaurelRow | None = None
        if self.kit.awards:
            from app.views.overview_parts import LaurelRow

            self.laurels = LaurelRow(self.kit, self.text_holder)
            self.text_column.addWidget(self.laurels)
            # Drawn laurels cost a module and a few widgets: built once this screen is up.
            self.painted_with_content.connect(self._fill_laurels_soon)

    @Slot()
    def _fill_laurels_soon(self) -> None:
        if self.laurels is not None:
            # The row as the timer's context: a tab closed meanwhile cancels the call.
            QTimer.singleShot(0, self.laurels, self.laurels.fill)

    def _add_new_parts_below(self) -> None:
        """The terms line and the upcoming screenings, under the facts."""
        kit, holder = self.kit, self.text_holder
        self.terms: QLabel | None = None
        self.screenings: ScreeningsPanel | None = None
        if not (kit.rights or kit.screenings):
            return
        from app.views.overview_parts import terms_label

        self.terms = terms_label(kit, holder)
        if self.terms is not None:
            self.text_column.addWidget(self.terms)
        if kit.screenings:
            from app.views.overview_screenings import ScreeningsPanel

            panel = ScreeningsPanel(kit, self.settings, self._wall_clock(), self._now(), holder)
            if panel.positions:
                self.screenings = panel
                self.text_column.addWidget(panel)
            else:
                panel.deleteLater()  # every screening is past: nothing to offer

    def _wall_clock(self) -> WallClock:
        self._now()  # makes the system clock when none was given
        assert self._clock is not None
        return self._clock

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.switcher is not None:
            # The synopsis may have changed the language since this tab was last shown.
            from app.views.translation_switcher import chosen_translation

            translation = chosen_translation(self.kit, self.settings)
            self.switcher.sync(translation)
            self._show_language(translation)
        if self.embargo_banner is not None:
            # The app may stay open for days: "6 days from now" is said again each time the
            # tab is shown, and the banner goes once the embargo has passed.
            from app.views.overview_parts import embargo_text

            text = embargo_text(self.kit, self._now())
            if text is None:
                self.embargo_banner.hide()
            else:
                self.embargo_banner.set_kit_text(text)

    @Slot(str)
    def _on_language_chosen(self, tag: str) -> None:
        self._show_language(self.kit.translation(tag) if tag else None)

    def _show_language(self, translation: Translation | None) -> None:
        """Title, tagline and logline in ``translation`` (None: as the kit wrote them); a line
        the translation lacks keeps the kit's own."""
        film = self.kit.film
        title = (translation.title if translation else None) or film.title
        self.title.set_kit_text(title, MAX_TITLE_CHARS)
        for name, own in (("tagline", film.tagline), ("logline", film.logline)):
            text = (getattr(translation, name) if translation else None) or own or ""
            label = self.line_labels[name]
            label.set_kit_text(" ".join(shorten_for_display(text).split()))
            label.setVisible(bool(text))

    def reveal(self, hit: Hit) -> bool:
        """Select and outline a title, tagline, logline (in the hit's language), facts or
        specs hit's line."""
        from app.views.search_highlight import form_row_labels, show_labels

        group = hit.field.group
        if group not in ("title", "tagline", "logline"):
            return show_labels(form_row_labels(self.facts_layout, hit.field.text, hit.field.part))
        if self.switcher is not None:
            self.switcher.choose(hit.field.language)
        return show_labels([self.title if group == "title" else self.line_labels[group]])

    def fact_rows(self) -> list[tuple[str, str]]:
        """The facts panel's rows, ``(label, value)``, top to bottom."""
        return [(label, value) for label, value, _ in self._facts()]

    def _facts(self) -> list[tuple[str, str, bool]]:
        """``(label, value, is_a_warning)`` for each row of the facts panel."""
        film = self.kit.film
        rows: list[tuple[str, str, bool]] = []
        # A date row the loader could not read keeps its place, marked with the reason, as
        # the problems dialog promises ("marked in their tabs").
        for date in in_place(film.dates, self.kit.skipped_in("film.dates")):
            if isinstance(date, SkippedEntry):
                rows.append((skipped_label(date, "Date"), not_shown(date), True))
                continue
            place = f" — {date.place}" if date.place else ""
            rows.append((date.label, f"{format_date(date.date)}{place}", False))
        if film.runtime_minutes:
            rows.append(("Running time", f"{film.runtime_minutes} minutes", False))
        if film.rating:
            rows.append(("Rating", film.rating, False))
        if film.genres:
            rows.append(("Genre", ", ".join(film.genres), False))
        if film.distributor:
            rows.append(("Distributor", film.distributor, False))
        rows.extend((label, value, False) for label, value in self._spec_rows())
        for label, jobs in (("Director", ("Director",)), ("Screenplay", ("Screenplay", "Writer"))):
            people = self.kit.crew_with_job(*jobs)
            if people:
                rows.append((label, ", ".join(member.name for member in people), False))
        if self.kit.cast:
            top = self.kit.cast[:TOP_BILLED]
            rows.append(("Starring", ", ".join(member.name for member in top), False))
        return rows

    def _spec_rows(self) -> list[tuple[str, str]]:
        film = self.kit.film
        rows: list[tuple[str, str]] = []
        if film.original_title:
            rows.append(("Original title", film.original_title))
        specs = film.specs
        if specs is None:
            return rows
        if specs.year is not None:
            rows.append(("Year", str(specs.year)))
        for label, values in (("Country", specs.countries), ("Language", specs.languages)):
            if values:
                rows.append((label + ("s" if len(values) > 1 else ""), ", ".join(values)))
        for label, value in (
            ("Aspect ratio", specs.aspect_ratio),
            ("Sound", specs.sound),
            ("Colour", specs.color),
            ("Format", specs.exhibition_format),
        ):
            if value:
                rows.append((label, value))
        return rows

    def _add_fact(self, label: str, value: str, warning: bool = False) -> None:
        panel = self.facts_layout.parentWidget()
        # A date's label is kit text too; with a buddy, a label reads "&" as a shortcut mark.
        name = plain_label(menu_text(label), panel)
        name.setObjectName("factLabel")
        text = KitLabel(value, parent=panel)
        text.setObjectName("factValue")
        if warning:
            text.setStyleSheet(f"color: {palette.WARNING};")
        text.setWordWrap(True)
        text.select_by_mouse_on_demand()
        short_label = shorten_for_display(label, MAX_TITLE_CHARS)
        text.setAccessibleName(f"{short_label}: {shorten_for_display(value)}")
        name.setBuddy(text)
        self.facts_layout.addRow(name, text)

    @Slot()
    def _on_key_art_image_shown(self) -> None:
        self._art_ready = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._art_ready and not self._announced:
            self._announced = True
            # Announce after this paint reaches the screen, not while it is being made.
            QTimer.singleShot(0, self, self.painted_with_content.emit)


def _watch_button_text(kit: PressKit) -> str:
    """Name the video the button plays by its kind: a kit whose one video is a teaser (the
    bundled kit's placeholder) must not promise a trailer."""
    video = kit.trailer
    kind = video.kind if video is not None else None
    if kind in ("trailer", "teaser", "clip", "featurette", "interview"):
        return f"Watch the {kind}"
    return "Watch the video"
