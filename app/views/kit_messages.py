"""The message boxes about a kit: it cannot be opened, or it opened with problems.

They quote file names and manifest values, which are kit text: shown as plain text (a problem
that quotes ``<img src="/dev/zero">`` must not load it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.opening import KitOpenError
from app.model.problems import Problem, count_summary
from app.views.kit_text import plain_message_box

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

PROBLEM_LINES_SHOWN = 6  # more would push the buttons off a small screen; the rest are details


def problem_lines(problems: list[Problem], limit: int = PROBLEM_LINES_SHOWN) -> str:
    lines = [p.format() for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more (see Show Details).")
    return "\n".join(lines)


def open_failure_box(failure: KitOpenError, fell_back: bool, parent: QWidget) -> QMessageBox:
    then = (
        "The bundled I.S.S. kit is shown instead."
        if fell_back
        else "The kit that was already open stays on screen."
    )
    return plain_message_box(
        "warning",
        "Cannot open this press kit",
        f"“{failure.location}” cannot be opened as a press kit.",
        parent,
        informative=f"{problem_lines(failure.problems)}\n\n{then}",
        detailed="\n".join(p.format() for p in failure.problems),
    )


def problems_box(problems: list[Problem], parent: QWidget) -> QMessageBox:
    return plain_message_box(
        "information",
        "This press kit has problems",
        f"The kit opened, but {count_summary(problems)} were found. Parts that could not be "
        "used are marked in their tabs.",
        parent,
        informative=problem_lines(problems),
        detailed="\n".join(p.format() for p in problems),
    )
