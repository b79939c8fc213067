"""``presskit search KIT QUERY…``: one line per matching field, ``WHERE: text``.

Exit status: 0 with hits, 1 with none, 2 when the query has no words or the kit does not open.
A kit that opens with problems is searched as the viewer would show it; its problems are for
``validate`` and go to the log only.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.model.opening import KitOpenError, open_kit_location
from app.model.problems import escape_unprintable
from app.model.search import SearchIndex, query_words
from app.model.search_fields import kit_fields

log = logging.getLogger(__name__)


def run_search(kit: Path, query: str) -> int:
    prefix = f"{COMMAND_NAME} search"
    if not query_words(query):
        print(f"{prefix}: the query has no words to look for", file=sys.stderr)
        return EXIT_USAGE
    try:
        opened = open_kit_location(kit)
    except KitOpenError as exc:
        # Each reason on a line of its own, in validate's form (file, line, escaped).
        for problem in exc.problems:
            print(f"{prefix}: {problem.format()}", file=sys.stderr)
        return EXIT_USAGE
    try:
        for problem in opened.result.problems:
            log.info("kit problem: %s", problem.format())
        hits = SearchIndex(kit_fields(opened.result.kit)).search(query)
    finally:
        opened.close()
    for hit in hits:
        # Kit text may hold control characters or bidi overrides: escaped, a hit stays one line
        # and cannot rewrite the terminal.
        print(escape_unprintable(hit.line()))
    return EXIT_OK if hits else EXIT_FAILURE
