"""The pack's plan, for callers that think of the story pack as one package. The plan is
Qt-free and lives in the model (``app.model.story_pack``), where the command and the tests
use it without Qt."""

from __future__ import annotations

from app.model.story_pack import (
    LeftOut,
    PackItem,
    PackOptions,
    PackPlan,
    PackUsageError,
    parse_numbers,
    plan_pack,
)

__all__ = [
    "LeftOut",
    "PackItem",
    "PackOptions",
    "PackPlan",
    "PackUsageError",
    "parse_numbers",
    "plan_pack",
]
