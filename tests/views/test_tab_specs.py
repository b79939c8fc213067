"""Tab positions come from TAB_SPECS: a hidden tab keeps its number, a title may depend on the
kit, and code finds a tab by its key, never by a number typed out."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from kit_factory import make_kit, temp_settings

from app.model.kit import PressKit
from app.model.opening import open_kit_location
from app.views import main_window as main_window_module
from app.views.base_tab import KitTab
from app.views.main_window import MainWindow
from app.views.tab_specs import TAB_SPECS, TabSpec, tab_index, tab_modules, tab_spec


def _window(qtbot, tmp_path: Path, kit: Path) -> MainWindow:
    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(kit), remember=False)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _replace_spec(monkeypatch: pytest.MonkeyPatch, key: str, **changes: object) -> None:
    specs = tuple(
        s._replace(**changes) if s.key == key else s  # type: ignore[arg-type]
        for s in TAB_SPECS
    )
    monkeypatch.setattr(main_window_module, "TAB_SPECS", specs)


def test_every_spec_names_a_kit_tab_class_and_keys_are_unique() -> None:
    assert len({spec.key for spec in TAB_SPECS}) == len(TAB_SPECS)
    for spec in TAB_SPECS:
        tab_class = spec.load()
        assert issubclass(tab_class, KitTab)
        assert tab_class.__name__ == spec.class_name
    assert tab_modules() == sorted(spec.module for spec in TAB_SPECS)


def test_a_spec_that_names_no_kit_tab_is_refused() -> None:
    wrong = TabSpec("x", "X", "mdi6.help", "app.views.tab_specs", "TabSpec")
    with pytest.raises(TypeError, match="is not a KitTab"):
        wrong.load()


def test_tab_index_follows_the_declared_order() -> None:
    assert [tab_index(spec.key) for spec in TAB_SPECS] == list(range(len(TAB_SPECS)))
    assert tab_spec("trailer").class_name == "TrailerTab"
    with pytest.raises(KeyError):
        tab_index("no such tab")


def test_a_hidden_tab_keeps_its_number(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, make_kit(tmp_path / "kit"))  # a kit without contacts
    contacts = tab_index("contacts")
    assert window.tab_widget.count() == len(TAB_SPECS)
    assert not window.tab_widget.isTabVisible(contacts)
    assert not window.tab_actions[contacts].isEnabled()
    for index, action in enumerate(window.tab_actions):
        assert action.shortcut().toString() == f"Ctrl+{index + 1}"


def test_a_tab_hidden_in_the_middle_moves_no_other(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _replace_spec(monkeypatch, "stills", shown_for=lambda kit: False)
    window = _window(qtbot, tmp_path, make_kit(tmp_path / "kit", contacts=True))
    stills, trailer = tab_index("stills"), tab_index("trailer")
    assert not window.tab_widget.isTabVisible(stills)
    assert not window.tab_actions[stills].isEnabled()
    window.tab_actions[stills].trigger()  # a disabled shortcut does nothing
    assert window.tab_widget.currentIndex() == tab_index("overview")
    window.tab_actions[trailer].trigger()
    assert window.tab_widget.currentIndex() == trailer
    host = window.tab_widget.currentWidget()
    assert host is window.hosts[trailer] and host.spec.key == "trailer"


def test_a_title_may_depend_on_the_kit(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def videos_or_trailer(kit: PressKit) -> str:
        return f"Trailer of {kit.film.title}" if kit.trailer is None else "Videos"

    _replace_spec(monkeypatch, "trailer", title=videos_or_trailer)
    window = _window(qtbot, tmp_path, make_kit(tmp_path / "kit"))
    trailer = tab_index("trailer")
    assert window.tab_widget.tabText(trailer) == "Trailer of Test Film"
    assert window.tab_actions[trailer].text() == "Trailer of Test Film"
    assert window.hosts[trailer].spec.default_title == "Trailer"


def test_watch_the_trailer_opens_the_tab_found_by_key(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, make_kit(tmp_path / "kit"))
    window._on_overview_watch_trailer()
    assert window.tab_widget.currentIndex() == tab_index("trailer")
    assert window.hosts[tab_index("trailer")].spec.class_name == "TrailerTab"


def test_the_tab_modules_import_by_the_names_the_build_spec_is_given() -> None:
    for module in tab_modules():
        assert importlib.import_module(module).__name__ == module
