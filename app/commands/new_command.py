"""``presskit new DIR [--title TITLE]``: a first ``presskit.yaml`` from a folder of media.

Writes the manifest (never over an existing one), the format's JSON Schema beside it for the
publicist's editor, then validates the new kit and prints what ``validate`` prints, with the
plan's own findings (files left out, videos that will not play everywhere) among them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.log import configure_logging
from app.model.atomic_write import default_file_mode
from app.model.kit import MANIFEST_NAME
from app.model.kit_new import TooManyFiles, plan_kit
from app.model.kit_new_yaml import SCHEMA_NAME, manifest_text
from app.model.problems import Problem, count_summary, escape_unprintable
from app.model.validate import validate_kit
from app.paths import resource

log = logging.getLogger(__name__)


def build_new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{COMMAND_NAME} new",
        description=(
            "Write DIR/presskit.yaml listing every image in DIR and its subfolders as a still "
            "(caption, credit and the rest read from the image's own XMP, IPTC or EXIF) and "
            "every video, with the JSON Schema beside it; then validate the new kit."
        ),
        epilog=(
            f"Exit status: {EXIT_OK} written (warnings only), {EXIT_FAILURE} the new kit has "
            "errors (the manifest stays, to be fixed) or DIR holds nothing usable (nothing is "
            f"written), {EXIT_USAGE} usage error, no such DIR, or DIR already has a "
            "presskit.yaml."
        ),
    )
    parser.add_argument("folder", metavar="DIR", help="the folder of stills and videos")
    parser.add_argument(
        "--title", metavar="TITLE", help="the film's title (default: the folder's name)"
    )
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def new_main(args: list[str]) -> int:
    """The command word's entry: parse, then run (argparse exits 2 on a usage error)."""
    options = build_new_parser().parse_args(args)
    configure_logging(options.verbose)
    return run_new(Path(options.folder), options.title)


def run_new(folder: Path, title: str | None) -> int:
    shown = escape_unprintable(str(folder))
    manifest = folder / MANIFEST_NAME
    if not folder.is_dir():
        _say(f"{shown}: no such folder")
        return EXIT_USAGE
    if manifest.exists() or manifest.is_symlink():
        _say(
            f"{escape_unprintable(str(manifest))} already exists; 'new' never overwrites a "
            "manifest (edit it, or move it away first)"
        )
        return EXIT_USAGE
    try:
        plan = plan_kit(folder, title)
    except TooManyFiles as error:
        _say(
            f"{shown}: holds more than {error.limit:,} media files, more than a kit may; "
            "nothing written"
        )
        return EXIT_FAILURE
    if not plan.usable:
        for problem in plan.problems:
            print(problem.format())
        _say(
            f"{shown}: no usable JPEG, PNG or WebP image or MP4, MOV, MKV or WebM video; "
            "nothing written"
        )
        return EXIT_FAILURE
    text = manifest_text(plan)
    try:
        # The schema is ours to refresh; the manifest is the publicist's, never replaced.
        schema = resource(f"schema/{SCHEMA_NAME}").read_bytes()
        _write_whole(folder / SCHEMA_NAME, schema, replace=True)
        if not _write_whole(manifest, text.encode("utf-8"), replace=False):
            _say(f"{escape_unprintable(str(manifest))} appeared while this ran; left as it is")
            return EXIT_USAGE
    except OSError as error:
        _say(f"{shown}: cannot write the manifest ({error.strerror or error})")
        return EXIT_FAILURE
    key_art = f", key art {plan.key_art}" if plan.key_art else ""
    print(
        f"wrote {escape_unprintable(str(manifest))}: {len(plan.stills)} stills, "
        f"{len(plan.videos)} videos{escape_unprintable(key_art)}"
    )
    _result, found = validate_kit(folder)
    problems: list[Problem] = sorted([*plan.problems, *found], key=lambda p: not p.is_error)
    for problem in problems:
        print(problem.format())
    print(count_summary(problems))
    return EXIT_FAILURE if any(p.is_error for p in problems) else EXIT_OK


def _write_whole(target: Path, data: bytes, replace: bool) -> bool:
    """Write ``target`` whole or not at all, readable as any new file of this person. Without
    ``replace``, never over a file that appeared meanwhile: the temporary file is hard-linked
    to the name (which fails if the name exists); where links are not supported (FAT, some
    shares), an exclusive create. False when the name was taken."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, default_file_mode())
        if replace:
            os.replace(temporary, target)
            return True
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError:
            try:
                with open(target, "xb") as stream:
                    stream.write(data)
            except FileExistsError:
                return False
        return True
    finally:
        Path(temporary).unlink(missing_ok=True)


def _say(message: str) -> None:
    print(f"{COMMAND_NAME} new: {message}", file=sys.stderr)
