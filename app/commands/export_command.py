"""``presskit export KIT -o OUT [--stills all|picks|N,N…] [--artwork none|all|N,N…]
[--size original|web] [--zip] [--force]``: write a story pack.

Exit status: 0 when the pack was written (each item left out named on a line of its own,
``left out: stills #N: reason``), 1 when nothing can be exported (the kit is under embargo,
every chosen image is left out) or writing failed, with nothing partial left behind; 2 on a
usage error, a kit that does not open, or an ``OUT`` that exists without ``--force``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Collection
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.model.kit import PressKit
from app.model.opening import KitOpenError, open_kit_location
from app.model.problems import escape_unprintable
from app.model.story_pack import PackOptions, PackPlan, PackUsageError, plan_pack
from app.model.times import SystemWallClock, WallClock

log = logging.getLogger(__name__)

PREFIX = f"{COMMAND_NAME} export"


def run_export(
    kit_path: Path,
    out: Path,
    options: PackOptions,
    force: bool = False,
    clock: WallClock | None = None,
) -> int:
    # Written as given, with "." and ".." taken away (``kit/..`` is the folder that holds the
    # kit); not resolved: a link named OUT is replaced, never the folder it points to.
    out = Path(os.path.abspath(out))
    problem = _out_problem(kit_path, out, force)
    if problem is not None:
        _say(problem)
        return EXIT_USAGE
    try:
        opened = open_kit_location(kit_path)
    except KitOpenError as exc:
        for found in exc.problems:
            _say(found.format())
        return EXIT_USAGE
    try:
        kit = opened.result.kit
        for found in opened.result.problems:
            log.info("kit problem: %s", found.format())
        if any(_inside(where, out) for where in (kit.root, kit.source) if where is not None):
            _say(f"{out} would replace the kit itself; choose another OUT")
            return EXIT_USAGE
        picked = picked_still_keys(kit) if options.stills == "picks" else ()
        try:
            plan = plan_pack(kit, options, (clock or SystemWallClock()).utc_now(), picked)
        except PackUsageError as exc:
            _say(str(exc))
            return EXIT_USAGE
        return _write(kit, plan, out)
    finally:
        opened.close()


def _write(kit: PressKit, plan: PackPlan, out: Path) -> int:
    # Qt is needed from here on only (web-size decoding, the PDFs' fonts): a usage error or a
    # refused kit answers without starting it.
    if plan.refused is not None:
        _say(f"the kit is {plan.refused}; nothing was written")
        return EXIT_FAILURE
    for left in plan.left_out:
        print(escape_unprintable(f"left out: {left.label}: {left.reason}"))
    if not plan.items:
        why = "no stills are picked in this kit" if plan.options.stills == "picks" else None
        _say(f"nothing to export: {why or 'no image can be exported'}; nothing was written")
        return EXIT_FAILURE
    from app.media.headless import ensure_headless_app
    from app.media.story_pack.writer import PackRefused, PackWriteError, write_pack

    ensure_headless_app()
    try:
        result = write_pack(kit, plan, out, lambda done, total: None, lambda: False)
    except PackRefused as exc:
        _say(f"{exc}; nothing was written")
        return EXIT_FAILURE
    except PackWriteError as exc:
        _say(f"writing failed, nothing was left behind: {exc}")
        return EXIT_FAILURE
    for left in result.left_out[len(plan.left_out) :]:
        print(escape_unprintable(f"left out: {left.label}: {left.reason}"))
    print(escape_unprintable(f"wrote {out}: {result.images} images, {len(result.files)} files"))
    return EXIT_OK


def _out_problem(kit_path: Path, out: Path, force: bool) -> str | None:
    if (out.exists() or out.is_symlink()) and not force:
        return f"{out} exists; add --force to replace it"
    if not out.parent.is_dir():
        return f"{out.parent} is not a folder; OUT goes into a folder that exists"
    if not out.name or out.name in (".", ".."):
        return f"{out} does not name a folder or file to write"
    return None


def _inside(kit: Path, out: Path) -> bool:
    """True when replacing ``out`` would replace the kit itself (OUT is the kit's folder or
    .zip, or holds it): the pack is written from the kit and then renamed over it."""
    try:
        root, target = kit.resolve(), out.resolve()
    except OSError:
        return False
    return root == target or target in root.parents


def picked_still_keys(kit: PressKit) -> Collection[str]:
    """The journalist's picked stills, as the picks store keys them (``still_key``), read
    from the person's data folder as the viewer left them."""
    from app.model.picks import picked_stills, still_key

    return {still_key(still) for still in picked_stills(kit)}


def _say(message: str) -> None:
    print(escape_unprintable(f"{PREFIX}: {message}"), file=sys.stderr)
