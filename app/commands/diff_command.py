"""``presskit diff OLD NEW``: what changed between two editions, one ``WHERE: what`` a line.

Exit status: 0 when the editions say the same, 1 when they differ, 2 when an edition does not
open (each reason on stderr, in ``validate``'s form). An edition that opens with problems is
compared as the viewer would show it; a line on stderr says so, as a difference may come from
an item the loader had to leave out.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.log import configure_logging
from app.model.kit_diff import diff_kits
from app.model.opening import KitOpenError, OpenedKit, open_kit_location
from app.model.problems import count_summary, escape_unprintable

log = logging.getLogger(__name__)

PREFIX = f"{COMMAND_NAME} diff"


def build_diff_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PREFIX,
        description=(
            "Print what changed between two editions of a press kit, one change a line, as "
            "'WHERE: what' with the labels of 'presskit search': texts (old and new), credits, "
            "stills, artwork and videos added, removed or replaced, terms and embargoes."
        ),
        epilog=(
            f"OLD and NEW are kit folders or .zip archives. Exit status: {EXIT_OK} the editions "
            f"say the same, {EXIT_FAILURE} they differ, {EXIT_USAGE} usage error or an edition "
            "that does not open."
        ),
    )
    parser.add_argument("old", metavar="OLD", help="the earlier edition (folder or .zip)")
    parser.add_argument("new", metavar="NEW", help="the later edition (folder or .zip)")
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def diff_main(args: list[str]) -> int:
    """The command word's entry: parse, then compare (argparse exits 2 on a usage error)."""
    options = build_diff_parser().parse_args(args)
    configure_logging(options.verbose)
    return run_diff(Path(options.old), Path(options.new))


def run_diff(old: Path, new: Path) -> int:
    opened: list[OpenedKit] = []
    try:
        failed = False
        for location in (old, new):
            try:
                opened.append(open_kit_location(location))
            except KitOpenError as exc:
                failed = True
                for problem in exc.problems:
                    print(f"{PREFIX}: {problem.format()}", file=sys.stderr)
        if failed:
            return EXIT_USAGE
        for edition in opened:
            _note_problems(edition)
        changes = diff_kits(opened[0].result.kit, opened[1].result.kit)
    finally:
        for edition in opened:
            edition.close()
    for change in changes:
        # Kit text may hold line breaks, control characters or bidi overrides: escaped, a
        # change stays one line and cannot rewrite the reader's terminal.
        print(escape_unprintable(change.line()))
    return EXIT_FAILURE if changes else EXIT_OK


def _note_problems(edition: OpenedKit) -> None:
    problems = edition.result.problems
    for problem in problems:
        log.info("%s: kit problem: %s", edition.location, problem.format())
    if edition.result.errors:
        shown = escape_unprintable(str(edition.location))
        print(
            f"{PREFIX}: {shown} opens with {count_summary(problems)} "
            f"('{COMMAND_NAME} validate' lists them); compared as the viewer shows it",
            file=sys.stderr,
        )
