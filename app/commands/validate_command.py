"""``presskit validate [--deep] KIT``: problems on stdout, one a line, then the summary."""

from __future__ import annotations

import sys
from pathlib import Path

from app.model.problems import count_summary
from app.model.validate import validate_kit


def run_validate(kit: Path, deep: bool) -> int:
    if not kit.exists():
        print(f"presskit validate: {kit}: no such kit folder or archive", file=sys.stderr)
        return 2
    if not kit.is_dir():
        print(f"presskit validate: {kit}: not a kit folder", file=sys.stderr)
        return 2
    result, problems = validate_kit(kit)
    if deep and result is not None:
        from app.media.deep_check import deep_check_kit

        problems = [*problems, *deep_check_kit(result.kit)]
    for problem in problems:
        print(problem.format())
    print(count_summary(problems))
    return 1 if any(p.is_error for p in problems) else 0
