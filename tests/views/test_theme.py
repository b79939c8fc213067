"""The dark theme's text meets WCAG AA contrast (4.5:1) against the background it sits on."""

from __future__ import annotations

import re

import pytest

from app.views.application import load_stylesheet
from app.views.booth.booth_app import load_booth_stylesheet
from app.views.palette import BACKGROUND

WINDOW_BACKGROUND = BACKGROUND
RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})")


def relative_luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def text_rules() -> list[tuple[str, str, str]]:
    # As the app loads them: the palette's colours filled in, booth mode's rules included.
    stylesheet = load_stylesheet() + "\n" + load_booth_stylesheet()
    stylesheet = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.DOTALL)
    rules = []
    for selector, body in RULE.findall(stylesheet):
        selector = " ".join(selector.split())
        if ":disabled" in selector:  # WCAG exempts inactive controls
            continue
        color = COLOR.search(body)
        if color is None:
            continue
        background = BACKGROUND.search(body)
        rules.append(
            (selector, color.group(1), background.group(1) if background else WINDOW_BACKGROUND)
        )
    return rules


def test_the_theme_has_text_rules() -> None:
    assert len(text_rules()) >= 10


@pytest.mark.parametrize(("selector", "foreground", "background"), text_rules())
def test_text_contrast_meets_wcag_aa(selector: str, foreground: str, background: str) -> None:
    ratio = contrast(foreground, background)
    assert ratio >= 4.5, f"{selector}: {foreground} on {background} is only {ratio:.2f}:1"


READING_BACKGROUND = "#0b1016"  # QTextBrowser#readingText in the stylesheet


@pytest.mark.parametrize("name", ["LINK_COLOR", "LINK_VISITED_COLOR"])
def test_link_colours_meet_wcag_aa(name: str) -> None:
    from app.views import kit_browser

    colour = getattr(kit_browser, name)
    ratio = contrast(colour, READING_BACKGROUND)
    assert ratio >= 4.5, f"{name} {colour} on {READING_BACKGROUND} is only {ratio:.2f}:1"


def test_links_in_notes_and_contacts_are_drawn_in_the_link_colour(qtbot, tmp_path) -> None:
    """Markdown (notes) and HTML (contacts) links alike: Qt's own default is pure blue, 2.2:1."""
    from kit_factory import make_kit, temp_settings

    from app.model.opening import open_kit_location
    from app.views.contacts_tab import ContactsTab
    from app.views.kit_browser import LINK_COLOR
    from app.views.main_window import MainWindow
    from app.views.notes_tab import NotesTab

    window = MainWindow(temp_settings(tmp_path))
    qtbot.addWidget(window)
    window.show_kit(open_kit_location(make_kit(tmp_path / "kit", contacts=True)), remember=False)
    window.show()
    notes = window.show_tab(NotesTab)
    contacts = window.show_tab(ContactsTab)
    assert isinstance(notes, NotesTab) and notes.browser is not None
    assert isinstance(contacts, ContactsTab)
    for document, text in (
        (notes.browser.document(), "a link"),
        (contacts.text_view.document(), "pat@example.org"),
    ):
        found = document.find(text)
        assert not found.isNull(), text
        fmt = found.charFormat()
        assert fmt.isAnchor() and fmt.fontUnderline(), text
        colour = fmt.foreground().color().name()
        assert colour == LINK_COLOR, f"{text}: {colour}"
        assert contrast(colour, READING_BACKGROUND) >= 4.5


@pytest.mark.parametrize("background", ["BACKGROUND", "PANEL"])
def test_the_warning_colour_meets_wcag_aa(background: str) -> None:
    """ "⚠ Not shown" rows: in the reading views (BACKGROUND) and the facts panel (PANEL)."""
    from app.views import palette

    ratio = contrast(palette.WARNING, getattr(palette, background))
    assert ratio >= 4.5, f"WARNING {palette.WARNING} on {background} is only {ratio:.2f}:1"
