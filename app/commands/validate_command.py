"""``presskit validate [--deep] KIT``: problems on stdout, one a line, then the summary.

KIT is a kit folder or a .zip archive; an archive's problems are named by their path inside it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.model.archive import ExtractionCancelled
from app.model.opening import KitOpenError, in_archive, is_archive, open_kit_location
from app.model.problems import Problem, count_summary, escape_unprintable
from app.model.validate import check_headers

log = logging.getLogger(__name__)


def run_validate(kit: Path, deep: bool) -> int:
    # The path as typed may hold control or bidi characters: escaped, it stays one line.
    shown = escape_unprintable(str(kit))
    if not kit.exists():
        print(f"{COMMAND_NAME} validate: {shown}: no such kit folder or archive", file=sys.stderr)
        return EXIT_USAGE
    if not (kit.is_dir() or is_archive(kit) or kit.name == "presskit.yaml"):
        print(
            f"{COMMAND_NAME} validate: {shown}: not a kit folder or .zip archive", file=sys.stderr
        )
        return EXIT_USAGE
    problems: list[Problem]
    try:
        opened = open_kit_location(kit)
    except KitOpenError as exc:
        problems = exc.problems
    except ExtractionCancelled:  # no progress callback here, so this cannot happen
        return EXIT_USAGE
    else:
        try:
            kit_data = opened.result.kit
            extra = check_headers(kit_data)
            if deep:
                from app.media.native_stderr import native_stderr_to_log

                # Qt Multimedia (from the moment its library loads) and FFmpeg talk on
                # stderr; a publicist reads only ours.
                with native_stderr_to_log():
                    from app.media.deep_check import deep_check_kit

                    extra += deep_check_kit(kit_data)
            problems = [*opened.result.problems, *in_archive(extra, opened.archive_prefix)]
        finally:
            opened.close()
    # Errors first, as a publicist fixes them first; each group keeps the order found.
    problems = sorted(problems, key=lambda p: not p.is_error)
    for problem in problems:
        print(problem.format())
    print(count_summary(problems))
    return EXIT_FAILURE if any(p.is_error for p in problems) else EXIT_OK
