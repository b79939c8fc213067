"""A search field over everything the kit says, with its results grouped by where they are.

The panel only finds; going to a hit is its owner's job (the main window knows the tabs), so it
emits :attr:`SearchPanel.hit_activated` with the model's :class:`~app.model.search.Hit`, whose
field says where (group, number, a transcript line's time) and whose spans say what to
highlight.

The index is built on a pool thread when the panel is made: folding and indexing a large kit
takes a few hundred milliseconds that the window must not freeze for. What is typed before it
is ready is answered as soon as it is. A query then takes a few milliseconds even on a kit of
thousands of fields (tests/benchmarks/bench_search.py), so it runs on the UI thread as the
person types, on the event loop's turn after each keystroke; only the first
:data:`SHOWN_HITS` hits are worked out and become rows (a one-letter query finds thousands of
fields; their spans and rows would stall the window far more than finding them does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.media.worker import BUSY_SWITCH_INTERVAL, lock_handed_back_sooner, run_in_background
from app.model.kit import PressKit
from app.model.search import Hit, SearchIndex, group_hits
from app.model.search_fields import kit_fields

log = logging.getLogger(__name__)

#: Rows made for one query; the status line says how many more there are.
SHOWN_HITS = 200
#: What the status line says before anything is typed.
EMPTY_HINT = "Titles, credits, captions, notes, transcripts… every word in one field."
#: The shortest snippet in a row, however narrow the panel.
MIN_SNIPPET = 16

# Group names as the tabs call the places they are shown.
_GROUP_TITLES = {
    "title": "Title",
    "tagline": "Tagline",
    "logline": "Logline",
    "facts": "Facts",
    "specs": "Specifications",
    "synopsis": "Synopsis",
    "credits": "Credits",
    "people": "People",
    "stills": "Stills",
    "artwork": "Artwork",
    "videos": "Videos",
    "quotes": "Quotes",
    "awards": "Awards",
    "notes": "Press notes",
    "contacts": "Contacts",
}

_HIT_ROLE = Qt.ItemDataRole.UserRole


class FittedRowDelegate(QStyledItemDelegate):
    """Paints a hit's row with its snippet cut to the row's width around the match."""

    def __init__(self, panel: SearchPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        number = index.data(_HIT_ROLE)
        width = option.rect.width()
        if isinstance(number, int) and width > 0:
            # The item's own margins and text padding, as the style leaves them.
            text = self._panel.row_text(number, width - 12)
            if text is not None:
                option.text = text


def _build_index(kit: PressKit) -> SearchIndex:
    return SearchIndex(kit_fields(kit))


#: The interpreter's switch interval while an index is being built, in seconds.
INDEXING_SWITCH_INTERVAL = BUSY_SWITCH_INTERVAL


def _with_lock_handed_back_sooner(build: Callable[[], SearchIndex]) -> SearchIndex:
    """Run ``build`` (on the pool thread) with the interpreter lock handed back sooner: see
    :func:`app.media.worker.lock_handed_back_sooner`."""
    with lock_handed_back_sooner():
        return build()


class SearchPanel(QWidget):
    hit_activated = Signal(object)  # the Hit the person chose
    index_ready = Signal()
    results_shown = Signal()  # the rows (or "No results") for the current query are shown

    def __init__(
        self,
        kit: PressKit,
        parent: QWidget | None = None,
        build_index: Callable[[], SearchIndex] | None = None,
    ) -> None:
        """``build_index`` replaces indexing ``kit`` (the benchmark adds a transcript)."""
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._hits: list[Hit] = []  # the first SHOWN_HITS of the current query's
        self._total = 0

        self.query_field = QLineEdit(self)
        self.query_field.setPlaceholderText("Search the kit")
        self.query_field.setClearButtonEnabled(True)
        self.query_field.setAccessibleName("Search the kit")
        for clear in self.query_field.findChildren(QToolButton):  # the clear button Qt adds
            clear.setAccessibleName("Clear the search")
        self.query_field.textChanged.connect(self._on_query_field_text_changed)
        # A keystroke only starts this timer; the query runs on the event loop's next turn.
        # The field paints the letter first, and the window gets a turn between the key and
        # the search (and keys typed faster than a search are answered by one).
        self._query_timer = QTimer(self)
        self._query_timer.setSingleShot(True)
        self._query_timer.setInterval(0)
        self._query_timer.timeout.connect(self._run_query)
        self.query_field.returnPressed.connect(self._on_query_field_return_pressed)

        self.status = QLabel("Reading the kit…", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Search status")

        self.results = QTreeWidget(self)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAccessibleName("Search results")
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.results.itemClicked.connect(self._on_results_item_clicked)
        # Down from the field goes into the results, Up from the first result back to it.
        self.query_field.installEventFilter(self)
        self.results.installEventFilter(self)
        # Each row's snippet is cut to the row's width when it is painted: only the rows on
        # screen are measured, and a resized panel needs no new rows.
        self.results.setItemDelegate(FittedRowDelegate(self))

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        build = build_index or (lambda: _build_index(kit))
        run_in_background(
            lambda: _with_lock_handed_back_sooner(build),
            self._on_index_built,
            self._on_index_failed,
            owner=self,
        )

    @property
    def hits(self) -> list[Hit]:
        """The hits shown: the current query's first SHOWN_HITS."""
        return list(self._hits)

    @property
    def total(self) -> int:
        """How many fields the current query found."""
        return self._total

    def is_ready(self) -> bool:
        return self._index is not None

    def is_settled(self) -> bool:
        """The index is built and the results answer the field's text as it is now."""
        return self.is_ready() and not self._query_timer.isActive()

    def _answer_now(self) -> None:
        """Run a query still waiting for its turn: Enter and Down act on what was typed."""
        if self._query_timer.isActive():
            self._query_timer.stop()
            self._run_query()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the field goes into the results; Up and Down in them step from hit to
        # hit over the group headings, and Up from the first hit goes back to the field.
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.query_field and key == Qt.Key.Key_Down:
            self._answer_now()
            first = self._first_hit_item()
            if first is not None:
                self.results.setCurrentItem(first)
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if watched is self.results and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            items = self._hit_items()
            current = self.results.currentItem()
            at = items.index(current) if current in items else -1
            step = 1 if key == Qt.Key.Key_Down else -1
            if at + step < 0:
                self.query_field.setFocus(Qt.FocusReason.BacktabFocusReason)
            elif at + step < len(items):
                self.results.setCurrentItem(items[at + step])
            return True
        return super().eventFilter(watched, event)

    def row_text(self, number: int, room: int) -> str | None:
        """Hit ``number``'s row, ``WHERE: snippet``, the snippet as long as fits ``room``
        pixels (at most 120 characters) with the match in its middle: cut off at the row's
        edge instead, the match would go with it when it is far into the text."""
        if not 0 <= number < len(self._hits):
            return None
        hit = self._hits[number]
        label = f"{hit.field.where}: "
        if room <= 0:
            return label + hit.snippet(120)
        metrics = self.results.fontMetrics()
        least = max(MIN_SNIPPET, min(40, hit.end - hit.start + 8))
        left = room - metrics.horizontalAdvance(label)
        # A guess from the average letter, then measured (once or twice: a keystroke makes
        # up to 200 rows, and measuring text is what costs).
        length = max(least, min(120, left // max(1, metrics.averageCharWidth())))
        text = hit.snippet(length)
        for _ in range(2):
            width = metrics.horizontalAdvance(text)
            if width <= left or length <= least:
                break
            length = max(least, length * left // width - 2)
            text = hit.snippet(length)
        width = metrics.horizontalAdvance(text)
        if width > left:
            # Too narrow for the label and the match: the label gives way, cut in its middle
            # (its start says the part, its end a transcript line's time or a heading's end).
            middle = Qt.TextElideMode.ElideMiddle
            label = metrics.elidedText(label, middle, max(0, room - width))
        return label + text

    def _hit_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for group in range(self.results.topLevelItemCount()):
            heading = self.results.topLevelItem(group)
            if heading is not None:
                children = (heading.child(n) for n in range(heading.childCount()))
                items += [child for child in children if child is not None]
        return items

    def _on_index_built(self, index: SearchIndex) -> None:
        self._index = index
        log.info("search index ready: %d fields", len(index))
        self._run_query()
        self.index_ready.emit()

    def _on_index_failed(self, error: Exception) -> None:
        log.error("search index could not be built: %s", error)
        self.status.setText("Search is not available for this kit.")

    @Slot(str)
    def _on_query_field_text_changed(self, _text: str) -> None:
        self._query_timer.start()

    @Slot()
    def _on_query_field_return_pressed(self) -> None:
        self._answer_now()
        item = self.results.currentItem()
        if item is None or item.data(0, _HIT_ROLE) is None:
            item = self._first_hit_item()
        if item is not None:
            self._on_results_item_activated(item, 0)

    @Slot(QTreeWidgetItem, int)
    def _on_results_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        number = item.data(0, _HIT_ROLE)
        if isinstance(number, int) and 0 <= number < len(self._hits):
            self.hit_activated.emit(self._hits[number])

    @Slot(QTreeWidgetItem, int)
    def _on_results_item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        # One click goes there, as in a search results list; where the style already makes
        # a click activate the item, that activation is the one.
        style = self.results.style()
        single = QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if not style.styleHint(single, None, self.results):
            self._on_results_item_activated(item, column)

    def _first_hit_item(self) -> QTreeWidgetItem | None:
        items = self._hit_items()
        return items[0] if items else None

    def _run_query(self) -> None:
        query = self.query_field.text()
        if self._index is None:
            return  # answered when the index is built
        self._total, self._hits = self._index.first_hits(query, SHOWN_HITS)
        self._show_hits(query)
        self.results_shown.emit()

    def _show_hits(self, query: str) -> None:
        self.results.clear()
        if not query.strip():
            self.status.setText(EMPTY_HINT)
            return
        if not self._hits:
            self.status.setText("No results")
            return
        shown = self._hits
        number_of = {id(hit): number for number, hit in enumerate(shown)}
        bold = QFont(self.results.font())
        bold.setBold(True)
        for group, hits in group_hits(shown):
            heading = QTreeWidgetItem([f"{_GROUP_TITLES.get(group, group.title())} ({len(hits)})"])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit in hits:
                # An item's text is never rich text: kit text stays text. (No tooltip: Qt
                # would guess whether kit text in one is HTML.)
                row = QTreeWidgetItem([f"{hit.field.where}: {hit.snippet(120)}"])
                row.setData(0, _HIT_ROLE, number_of[id(hit)])
                heading.addChild(row)
            self.results.addTopLevelItem(heading)
        self.results.expandAll()
        first = self._first_hit_item()
        if first is not None:
            self.results.setCurrentItem(first)
        total = self._total
        more = f" (the first {SHOWN_HITS} shown)" if total > SHOWN_HITS else ""
        self.status.setText(f"{total} result{'s' if total != 1 else ''}{more}")
