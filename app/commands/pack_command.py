"""``presskit pack KIT -o FILE.zip [--force]``: validate the kit, then zip it for sending.

Problems go to stderr (errors stop it, warnings do not), so stdout holds only the one line a
script can read: ``FILE.zip: N files, SIZE bytes, sha256 HEX``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.log import configure_logging
from app.model.kit import MANIFEST_NAME
from app.model.kit_pack import PackError, pack_entries, write_pack
from app.model.problems import count_summary, escape_unprintable
from app.model.validate import validate_kit

log = logging.getLogger(__name__)


def build_pack_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{COMMAND_NAME} pack",
        description=(
            "Validate the kit folder KIT, then write FILE.zip: the manifest at its root, the "
            "files the manifest names and the kit's NOTICE*/README* files, in a zip that "
            "packs to the same bytes every time."
        ),
        epilog=(
            f"Exit status: {EXIT_OK} written, {EXIT_FAILURE} the kit has errors or is past a "
            f"viewer's limits (nothing written), {EXIT_USAGE} usage error, no such KIT, or "
            "FILE exists without --force."
        ),
    )
    parser.add_argument("kit", metavar="KIT", help="the kit folder to pack")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.zip", help="the zip to write"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE.zip if it exists")
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def pack_main(args: list[str]) -> int:
    """The command word's entry: parse, then run (argparse exits 2 on a usage error)."""
    options = build_pack_parser().parse_args(args)
    configure_logging(options.verbose)
    return run_pack(Path(options.kit), Path(options.output), force=options.force)


def run_pack(kit: Path, output: Path, force: bool) -> int:
    if kit.name == MANIFEST_NAME and kit.is_file():
        kit = kit.parent  # the manifest itself names its kit, as for validate
    shown = escape_unprintable(str(kit))
    shown_output = escape_unprintable(str(output))
    if not (kit / MANIFEST_NAME).is_file():
        what = "no such kit folder" if not kit.is_dir() else f"no {MANIFEST_NAME} in this folder"
        if kit.is_file():
            what = "not a kit folder (pack a folder; a .zip is packed already)"
        _say(f"{shown}: {what}")
        return EXIT_USAGE
    if output.is_dir():
        _say(f"{shown_output}: is a folder; name the .zip to write")
        return EXIT_USAGE
    if (output.exists() or output.is_symlink()) and not force:
        _say(f"{shown_output}: already exists (add --force to replace it)")
        return EXIT_USAGE
    if not output.parent.is_dir():
        _say(f"{shown_output}: no such folder to write it in")
        return EXIT_USAGE
    result, problems = validate_kit(kit)
    problems = sorted(problems, key=lambda p: not p.is_error)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        print(count_summary(problems), file=sys.stderr)
    if result is None or any(p.is_error for p in problems):
        _say(f"{shown}: not packed: {count_summary(problems)}")
        return EXIT_FAILURE
    try:
        entries = pack_entries(result.kit)
        # The zip itself never goes in, even when written into the kit as README.zip.
        entries = [e for e in entries if e.path.resolve() != output.resolve()]
        packed = write_pack(entries, output, replace=force)
    except PackError as error:
        _say(f"{shown}: not packed: {error}")
        return EXIT_FAILURE
    except FileExistsError:
        _say(f"{shown_output}: appeared while packing; left as it is (add --force to replace it)")
        return EXIT_USAGE
    except OSError as error:
        _say(f"{shown_output}: cannot be written ({error.strerror or error})")
        return EXIT_FAILURE
    print(f"{shown_output}: {packed.files} files, {packed.size} bytes, sha256 {packed.sha256}")
    return EXIT_OK


def _say(message: str) -> None:
    print(f"{COMMAND_NAME} pack: {message}", file=sys.stderr)
