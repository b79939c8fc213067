"""Credits, Press notes and Contacts keep an entry the loader could not read at its place,
marked "⚠ Not shown: <problem>" with its label or "#n" in the warning colour, as the
problems dialog promises ("marked in their tabs"). Each kit has a bad entry in the middle."""

from __future__ import annotations

from pathlib import Path

from kit_factory import make_kit, temp_settings
from PySide6.QtGui import QColor, QTextDocument

from app.model.kit import PressKit, SkippedEntry
from app.model.loader import load_press_kit
from app.views import palette
from app.views.contacts_tab import ContactsTab
from app.views.credits_tab import CreditsTab, crew_by_job
from app.views.notes_tab import NotesTab
from app.views.skipped_rows import in_place
from app.views.text_fragments import fragments

BAD_CAST = "    - {role: Nameless}\n"
BAD_CREW = "    - {name: Jobless Person}\n"
MORE_NOTES = """\
  - heading: <b>Broken</b> & note
    body: [not, text]
  - heading: After
    body: |
      ## A heading inside a body

      ⚠ Not shown: written by the publicist, not a marker.
"""
CONTACTS = """\
contacts:
  - {name: Pat Press, role: Publicity}
  - {role: Nobody named}
  - {name: Sam Sales, role: Sales}
"""


def kit_with_bad_entries(tmp_path: Path) -> PressKit:
    root = make_kit(tmp_path / "kit", extra=CONTACTS)
    manifest = root / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("    - {name: Bob Player", BAD_CAST + "    - {name: Bob Player")
    text = text.replace("    - {job: Screenplay", BAD_CREW + "    - {job: Screenplay")
    text = text.replace("contacts:\n", MORE_NOTES + "contacts:\n", 1)
    manifest.write_text(text, encoding="utf-8")
    kit = load_press_kit(root).kit
    assert {entry.section for entry in kit.skipped} == {
        "credits.cast",
        "credits.crew",
        "notes",
        "contacts",
    }
    return kit


def warning_texts(document: QTextDocument) -> list[str]:
    """The text of every fragment drawn in the warning colour, in reading order."""
    warning = QColor(palette.WARNING)
    return [f.text() for f in fragments(document) if f.charFormat().foreground().color() == warning]


def lines_of(document: QTextDocument) -> list[str]:
    return [line for line in document.toPlainText().splitlines() if line.strip()]


def test_in_place_puts_each_skipped_entry_at_its_number() -> None:
    skipped = [
        SkippedEntry("x", 1, None, "first"),
        SkippedEntry("x", 3, "c", "third"),
        SkippedEntry("x", 6, None, "last"),
    ]
    merged = in_place(["b", "d", "e"], skipped)
    assert [m if isinstance(m, str) else m.problem for m in merged] == [
        "first",
        "b",
        "third",
        "d",
        "e",
        "last",
    ]
    assert in_place(["a"], []) == ["a"]
    assert [m.problem for m in in_place([], skipped[:1])] == ["first"]  # type: ignore[union-attr]


def test_credits_mark_a_bad_cast_and_crew_entry_in_place(qtbot, tmp_path: Path) -> None:
    kit = kit_with_bad_entries(tmp_path)
    tab = CreditsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    document = tab.text_view.document()
    lines = lines_of(document)
    cast_at = lines.index("Cast")
    assert lines[cast_at + 1 : cast_at + 4] == [
        "Ann Actor",  # a table row's cells are lines of their own in plain text
        "The Lead",
        "#2",
    ]
    assert lines[cast_at + 4 : cast_at + 7] == [
        "⚠ Not shown: 'name' is required",
        "Bob Player",
        "The Friend",
    ]
    crew_at = lines.index("Crew")
    assert lines[crew_at + 1 : crew_at + 7] == [
        "Director",
        "Dee Rector",
        "Jobless Person",
        "⚠ Not shown: 'job' is required",
        "Screenplay",
        "Wry Ter",
    ]
    assert warning_texts(document) == [
        "⚠ Not shown: 'name' is required",
        "⚠ Not shown: 'job' is required",
    ]
    # Copied credits are the credits: no marker rows.
    assert "Not shown" not in tab.plain_text()
    assert crew_by_job(kit.crew) == [("Director", ["Dee Rector"]), ("Screenplay", ["Wry Ter"])]


def test_credits_with_only_unreadable_entries_are_not_an_empty_list(qtbot, tmp_path) -> None:
    root = make_kit(tmp_path / "kit")
    manifest = root / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    start, end = text.index("credits:\n"), text.index("stills:\n")
    manifest.write_text(text[:start] + "credits:\n  cast:\n" + BAD_CAST + text[end:], "utf-8")
    kit = load_press_kit(root).kit
    assert not kit.cast and not kit.crew
    tab = CreditsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    assert warning_texts(tab.text_view.document()) == ["⚠ Not shown: 'name' is required"]


def test_press_notes_mark_a_bad_note_in_place(qtbot, tmp_path: Path) -> None:
    kit = kit_with_bad_entries(tmp_path)
    tab = NotesTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.browser is not None
    document = tab.browser.document()
    lines = lines_of(document)
    broken = lines.index("<b>Broken</b> & note")  # its heading as written, plain text
    assert lines[broken + 1] == "⚠ Not shown: expected text, found a list"
    assert lines[broken + 2] == "After"
    assert lines.index("About") < broken
    # Only the marker is coloured; the same words in a note's own body stay as written.
    assert warning_texts(document) == ["⚠ Not shown: expected text, found a list"]
    assert "⚠ Not shown: written by the publicist, not a marker." in lines


def test_contacts_mark_a_bad_contact_in_place(qtbot, tmp_path: Path) -> None:
    kit = kit_with_bad_entries(tmp_path)
    tab = ContactsTab(kit, temp_settings(tmp_path))
    qtbot.addWidget(tab)
    document = tab.text_view.document()
    lines = lines_of(document)
    # Each contact read ends with its Save contact link; the unreadable one has none.
    assert lines == [
        "Pat Press",
        "Publicity",
        "⤓ Save contact",
        "#2",
        "⚠ Not shown: 'name' is required",
        "Sam Sales",
        "Sales",
        "⤓ Save contact",
    ]
    assert warning_texts(document) == ["⚠ Not shown: 'name' is required"]
