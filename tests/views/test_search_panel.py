"""The search panel with real widgets: the index built off the UI thread, results grouped as
the person types, Enter and a click reporting the hit, kit text shown as text."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from app.model.kit import CastMember, Film, Note, PressKit, Still, Synopsis
from app.model.search import Hit, SearchIndex
from app.views.search_panel import (
    EMPTY_HINT,
    INDEXING_SWITCH_INTERVAL,
    SHOWN_HITS,
    SearchPanel,
)


def make_kit(stills: int = 3, heading: str = "About the film") -> PressKit:
    return PressKit(
        root=Path("/kit"),
        manifest=Path("/kit/presskit.yaml"),
        film=Film(title="Nattbana", tagline="Björk sings at dawn"),
        synopsis=Synopsis(short="Pilou Asbæk leads the crew."),
        cast=(CastMember("Pilou Asbæk", "Commander Lund"),),
        stills=tuple(
            Still(f"s/{n}.jpg", None, caption=f"Station still number {n}") for n in range(stills)
        ),
        notes=(Note(heading, "Body with **Straße**."),),
    )


def make_panel(qtbot, kit: PressKit) -> SearchPanel:
    panel = SearchPanel(kit)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    return panel


def rows(panel: SearchPanel) -> list[tuple[str, list[str]]]:
    found = []
    for group in range(panel.results.topLevelItemCount()):
        heading = panel.results.topLevelItem(group)
        children = [heading.child(n).text(0) for n in range(heading.childCount())]
        found.append((heading.text(0), children))
    return found


def test_results_grouped_as_the_person_types(qtbot) -> None:
    panel = make_panel(qtbot, make_kit())
    qtbot.waitUntil(panel.is_ready)
    qtbot.keyClicks(panel.query_field, "asbaek")
    qtbot.waitUntil(panel.is_settled)
    assert rows(panel) == [
        ("Synopsis (1)", ["synopsis short: Pilou Asbæk leads the crew."]),
        ("Credits (1)", ["credits cast #1: Pilou Asbæk as Commander Lund"]),
    ]
    assert panel.status.text() == "2 results"
    qtbot.keyClicks(panel.query_field, " commander")
    qtbot.waitUntil(panel.is_settled)
    assert rows(panel) == [("Credits (1)", ["credits cast #1: Pilou Asbæk as Commander Lund"])]
    qtbot.keyClicks(panel.query_field, "zzz")
    qtbot.waitUntil(panel.is_settled)
    assert rows(panel) == [] and panel.status.text() == "No results"
    panel.query_field.clear()
    qtbot.waitUntil(panel.is_settled)
    assert rows(panel) == [] and panel.status.text() == EMPTY_HINT


def test_a_query_typed_before_the_index_is_ready_is_answered_when_it_is(qtbot) -> None:
    panel = SearchPanel(make_kit())
    qtbot.addWidget(panel)
    # Typed in the constructor's event-loop turn: the pool thread cannot have delivered yet.
    panel.query_field.setText("bjork")
    assert not panel.is_ready() and rows(panel) == []
    with qtbot.waitSignal(panel.index_ready):
        pass
    assert rows(panel) == [("Tagline (1)", ["tagline: Björk sings at dawn"])]


def test_enter_reports_the_current_hit_and_a_click_another(qtbot) -> None:
    panel = make_panel(qtbot, make_kit())
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("asbaek")
    qtbot.waitUntil(panel.is_settled)
    with qtbot.waitSignal(panel.hit_activated) as enter:
        qtbot.keyClick(panel.query_field, Qt.Key.Key_Return)
    hit = enter.args[0]
    assert isinstance(hit, Hit) and hit.field.where == "synopsis short"
    assert hit.field.text[hit.start : hit.end] == "Asbæk"
    second = panel.results.topLevelItem(1).child(0)
    with qtbot.waitSignal(panel.hit_activated) as activated:
        panel.results.itemActivated.emit(second, 0)
    assert activated.args[0].field.where == "credits cast #1"


def test_headings_are_not_activatable(qtbot) -> None:
    panel = make_panel(qtbot, make_kit())
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("asbaek")
    qtbot.waitUntil(panel.is_settled)
    reported: list[Hit] = []
    panel.hit_activated.connect(reported.append)
    panel.results.itemActivated.emit(panel.results.topLevelItem(0), 0)
    assert reported == []


def test_only_the_first_rows_are_made_and_the_status_says_so(qtbot) -> None:
    panel = make_panel(qtbot, make_kit(stills=SHOWN_HITS + 50))
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("station")
    qtbot.waitUntil(panel.is_settled)
    assert (panel.total, len(panel.hits)) == (SHOWN_HITS + 50, SHOWN_HITS)
    assert sum(len(children) for _, children in rows(panel)) == SHOWN_HITS
    assert panel.status.text() == f"{SHOWN_HITS + 50} results (the first {SHOWN_HITS} shown)"


def test_kit_text_is_shown_as_written(qtbot) -> None:
    heading = '<img src="/dev/zero"><b>NO</b>'
    panel = make_panel(qtbot, make_kit(heading=heading))
    panel.resize(1600, 500)  # room for the whole row: no snippet cut
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("strasse")
    qtbot.waitUntil(panel.is_settled)
    ((group, (row,)),) = rows(panel)
    assert group == "Press notes (1)"
    assert row == f'notes #1 "{heading}": {heading} Body with **Straße**.'


def shown_text(panel: SearchPanel, group: int, row: int) -> str:
    """The text a result row paints (its snippet cut to the row's width by the delegate)."""
    tree = panel.results
    item = tree.topLevelItem(group).child(row)
    index = tree.indexFromItem(item)
    option = QStyleOptionViewItem()
    option.rect = tree.visualRect(index)
    tree.itemDelegate().initStyleOption(option, index)
    return option.text


def test_a_narrow_panel_paints_the_match_in_every_row_and_follows_its_width(qtbot) -> None:
    # A long note whose match is far in: a snippet cut for a wide row would leave it out of
    # sight in a narrow one.
    words = " ".join(f"word{n}" for n in range(400))
    kit = make_kit()._replace(notes=(Note("About", f"{words} needle {words}"),))
    panel = make_panel(qtbot, kit)
    panel.resize(360, 500)
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("needle")
    qtbot.waitUntil(panel.is_settled)
    qtbot.waitUntil(lambda: panel.results.viewport().width() < 360)
    item = panel.results.topLevelItem(0).child(0)
    narrow = shown_text(panel, 0, 0)
    rect = panel.results.visualItemRect(item)
    assert "needle" in narrow and narrow.startswith('notes #1 "About": …')
    assert panel.results.fontMetrics().horizontalAdvance(narrow) <= rect.width()
    assert "needle" in item.text(0)  # the item keeps the whole line (what is read out)
    panel.resize(1200, 500)
    qtbot.waitUntil(lambda: len(shown_text(panel, 0, 0)) > len(narrow))
    assert "needle" in shown_text(panel, 0, 0)
    assert panel.results.topLevelItem(0).child(0) is item  # painted anew, not remade


def test_a_long_label_gives_way_to_the_match_in_a_narrow_row(qtbot) -> None:
    heading = "A heading long enough to fill a narrow row on its own, and more"
    kit = make_kit(heading=heading)
    panel = make_panel(qtbot, kit)
    panel.resize(260, 400)
    qtbot.waitUntil(panel.is_ready)
    panel.query_field.setText("strasse")
    qtbot.waitUntil(panel.is_settled)
    shown = shown_text(panel, 0, 0)
    # How much of the label survives depends on the font (an earlier test may have set the
    # application's): its start stays, its middle gives way, the match is always whole.
    assert "Straße" in shown and shown.startswith("notes") and "…" in shown
    assert heading not in shown


def test_enter_right_after_typing_answers_what_was_typed(qtbot) -> None:
    panel = make_panel(qtbot, make_kit())
    qtbot.waitUntil(panel.is_ready)
    reported: list[Hit] = []
    panel.hit_activated.connect(reported.append)
    # No turn of the event loop between the letters and Enter: the query is still waiting.
    qtbot.keyClicks(panel.query_field, "commander")
    assert not panel.is_settled()
    qtbot.keyClick(panel.query_field, Qt.Key.Key_Return)
    assert [hit.field.where for hit in reported] == ["credits cast #1"]


def test_the_lock_is_handed_back_sooner_only_while_an_index_is_built(qtbot) -> None:
    usual = sys.getswitchinterval()
    seen: list[float] = []

    def build() -> SearchIndex:
        seen.append(sys.getswitchinterval())
        return SearchIndex([])

    panel = SearchPanel(make_kit(), build_index=build)
    qtbot.addWidget(panel)
    qtbot.waitUntil(panel.is_ready)
    assert seen == [min(usual, INDEXING_SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == usual

    def failing() -> SearchIndex:
        raise OSError("transcript unreadable")

    broken = SearchPanel(make_kit(), build_index=failing)
    qtbot.addWidget(broken)
    qtbot.waitUntil(lambda: broken.status.text() == "Search is not available for this kit.")
    assert sys.getswitchinterval() == usual
