"""A check that Qt's text services which rely on ICU's data still work: the frozen Linux bundle
carries a trimmed ICU data library (root and English locales only; resources/packaging/
icu_data.py), and a missing item there would not crash anything, it would quietly sort file
names in byte order or upper-case Turkish wrongly. The self-test's ``text`` check runs this."""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QCollator, QLocale

log = logging.getLogger(__name__)

# (locale, words as given, words as ICU's root collation orders them): byte order would put
# every capital first and "Å", "ä" after "Z".
COLLATION_CASES = (
    ("en_US", ["b", "B", "Å", "Z", "a", "ä", "A"], ["a", "A", "Å", "ä", "b", "B", "Z"]),
    # A locale whose own data the bundle leaves out falls back to the root order.
    ("de_DE", ["Zebra", "Öl", "Apfel", "Ärger"], ["Apfel", "Ärger", "Öl", "Zebra"]),
)
# (locale, text, upper-cased): Turkish dotted i comes from ICU's case-mapping code.
CASE_CASES = (("tr_TR", "istanbul", "İSTANBUL"), ("en_US", "straße", "STRASSE"))


def text_services_problems() -> list[str]:
    """What does not work as ICU's data should make it; empty when all is well."""
    problems = []
    for locale, words, expected in COLLATION_CASES:
        collator = QCollator(QLocale(locale))
        ordered = sorted(words, key=functools.cmp_to_key(collator.compare))
        if ordered != expected:
            problems.append(f"collation ({locale}) gave {ordered}, expected {expected}")
    for locale, text, expected_upper in CASE_CASES:
        upper = QLocale(locale).toUpper(text)
        if upper != expected_upper:
            problems.append(f"upper case ({locale}) of {text!r} gave {upper!r}")
    return problems
