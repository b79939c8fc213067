"""The overview keeps a release date row the loader could not read in its place, marked with
the reason (the problems dialog says parts are "marked in their tabs"), and offers a trailer
button only when the kit has a trailer."""

from __future__ import annotations

from pathlib import Path

from kit_factory import make_kit, temp_settings
from PySide6.QtWidgets import QLabel

from app.model.opening import open_kit_location
from app.views.main_window import MainWindow
from app.views.overview_tab import OverviewTab

DATES = """\
    - {label: World premiere, date: 2023-06-12, place: Test Festival}
    - {label: Festival, date: 2023-02-30, place: Berlin}
    - {label: Release, date: 2024-01-05}
    - {date: soon}
"""
TRAILER = "trailer:\n  file: stills/one.jpg\n"


def open_window(qtbot, tmp_path: Path, extra: str = "", dates: str | None = None) -> MainWindow:
    root = make_kit(tmp_path / "kit", extra=extra)
    if dates is not None:
        manifest = root / "presskit.yaml"
        text = manifest.read_text(encoding="utf-8")
        first = "    - {label: World premiere, date: 2023-06-12, place: Test Festival}\n"
        manifest.write_text(text.replace(first, dates), encoding="utf-8")
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(root), remember=False)
    return window


def test_an_unreadable_date_row_is_kept_in_place_and_marked(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, dates=DATES)
    overview = window.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    rows = overview.fact_rows()
    assert rows[:4] == [
        ("World premiere", "June 12, 2023 — Test Festival"),
        ("Festival", "⚠ Not shown: '2023-02-30' is not a valid date (write YYYY-MM-DD)"),
        ("Release", "January 5, 2024"),
        ("Date #4", "⚠ Not shown: 'label' is required"),
    ]
    shown = [label.text() for label in overview.findChildren(QLabel, "factValue")]
    assert shown[1].startswith("⚠ Not shown: '2023-02-30'")


def test_the_trailer_button_is_offered_only_with_a_trailer(qtbot, tmp_path: Path) -> None:
    without = open_window(qtbot, tmp_path / "a")
    overview = without.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    assert overview.watch_button.isHidden()
    with_trailer = open_window(qtbot, tmp_path / "b", extra=TRAILER)
    overview = with_trailer.tab(OverviewTab)
    assert isinstance(overview, OverviewTab)
    assert not overview.watch_button.isHidden() and overview.watch_button.isEnabled()


def test_the_watch_button_names_the_kind_of_video_it_plays(qtbot, tmp_path: Path) -> None:
    """The bundled kit's one video is a placeholder teaser: the button must not promise a
    trailer. A kit with a trailer among other videos says trailer (the booth's choice)."""
    from app.paths import bundled_kit_dir

    night_orbit = Path(__file__).parents[1] / "data" / "kits" / "night-orbit"
    expected = {bundled_kit_dir(): "Watch the teaser", night_orbit: "Watch the trailer"}
    for number, (root, text) in enumerate(expected.items()):
        window = MainWindow(temp_settings(tmp_path / str(number)))
        qtbot.addWidget(window)
        window.show_kit(open_kit_location(root), remember=False)
        overview = window.tab(OverviewTab)
        assert isinstance(overview, OverviewTab)
        assert (overview.watch_button.text(), overview.watch_button.accessibleName()) == (
            text,
            text,
        )
