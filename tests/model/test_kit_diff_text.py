"""The pieces of ``presskit diff`` that need no kit: a long text cut around its change, items
paired by identity, and moves told from a reordering."""

from __future__ import annotations

import unicodedata

import pytest

from app.model.kit_diff import match_items, moved_items
from app.model.kit_diff_text import WIDTH, changed_pair, shortened

WORDS = " ".join(f"word{n}" for n in range(200))  # ~1,400 characters, a space every 6 or 7


def test_short_texts_are_shown_whole() -> None:
    assert changed_pair("Ground control at dawn.", "Ground control.") == (
        "Ground control at dawn.",
        "Ground control.",
    )


@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_a_long_text_is_cut_around_its_change_at_word_boundaries(where: float) -> None:
    words = WORDS.split()
    index = min(len(words) - 1, int(len(words) * where))
    edited = " ".join([*words[:index], "CHANGED", *words[index + 1 :]])
    old, new = changed_pair(WORDS, edited)
    assert words[index] in old and "CHANGED" in new
    for shown in (old, new):
        assert len(shown.strip("…")) <= WIDTH
        inner = shown.strip("…").split()
        # Whole words only: every word shown is a word of the texts.
        assert set(inner) <= set(words) | {"CHANGED"}
    # Both sides start at the same place, so the eye finds the change.
    if index > 0:
        assert old.split()[0] == new.split()[0]
    assert old.startswith("…") == (index > 5) == new.startswith("…")
    assert old.endswith("…") == (index < len(words) - 10)


def test_a_change_longer_than_the_width_is_cut_too() -> None:
    old, new = changed_pair("a " + WORDS, "b " + WORDS[::-1])
    assert len(old) <= WIDTH + 1 and len(new) <= WIDTH + 1
    assert old.startswith("a word0") and old.endswith("…")


def test_shortened_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shortened("short") == "short"
    cut = shortened(WORDS)
    assert cut.endswith("…") and len(cut) <= WIDTH
    assert cut[:-1].split()[-1] in WORDS.split()


def test_items_pair_under_the_first_key_that_holds_them() -> None:
    old = [("Ola", "Lind"), ("Ola", "Berg"), ("Kari", "Ground")]
    new = [("Kari", "Ground control"), ("Ola", "Berg"), ("Ola", "Lind")]
    pairs = match_items(old, new, (lambda m: m, lambda m: m[0]))
    # Exact rows first (Ola twice, each to their own role), then Kari by name alone.
    assert pairs == {0: 2, 1: 1, 2: 0}


def test_a_key_of_none_pairs_nothing() -> None:
    assert match_items(["a", "b"], ["a", "b"], (lambda item: None,)) == {}


def test_duplicates_pair_in_order() -> None:
    assert match_items(["x", "x", "y"], ["x", "y", "x"], (lambda item: item,)) == {
        0: 0,
        1: 2,
        2: 1,
    }


@pytest.mark.parametrize(
    ("pairs", "moved"),
    [
        ({0: 0, 1: 1, 2: 2}, set()),  # the same order
        ({0: 1, 1: 2, 2: 0}, {2}),  # the first went last: one move
        ({0: 2, 1: 0, 2: 1}, {0}),  # the last went first
        ({0: 2, 1: 1, 2: 0}, {0, 2}),  # reversed: the middle one stays where it was
        ({0: 0, 2: 1}, set()),  # an item inserted between: nothing moved
    ],
)
def test_moves_are_the_fewest_that_explain_the_new_order(
    pairs: dict[int, int], moved: set[int]
) -> None:
    assert moved_items(pairs) == moved


def test_a_long_list_finds_a_longest_run_too() -> None:
    """Past the careful size, the quick search still reports one move for one item moved."""
    count = 1000
    order = [*range(1, count), 0]  # the first of 1,000 stills went last
    pairs = {new_index: old_index for new_index, old_index in enumerate(order)}
    assert moved_items(pairs) == {count - 1}
    reversed_pairs = {new_index: count - 1 - new_index for new_index in range(count)}
    assert len(moved_items(reversed_pairs)) == count - 1


def test_a_cut_never_parts_a_letter_from_its_accent() -> None:
    # Decomposed "å" everywhere and no spaces to cut at: every cut lands next to an accent.
    text = "a\u030a" * 150
    # An odd context puts the plain cut points on the accents.
    old, new = changed_pair(text, text[:150] + "X" + text[150:], context=31)
    assert old.startswith("…") and old.endswith("…")
    for shown in (old, new):
        body = shown.strip("…")
        assert not unicodedata.combining(body[0])
        assert body.endswith("a\u030a") or body.endswith("X")
