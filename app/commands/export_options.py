"""The options of ``presskit export``, parsed into the pack's :class:`PackOptions`."""

from __future__ import annotations

import argparse
import logging

from app.identity import COMMAND_NAME, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from app.model.story_pack import (
    ArtworkChoice,
    PackOptions,
    PackUsageError,
    StillChoice,
    parse_numbers,
)

log = logging.getLogger(__name__)


def build_export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{COMMAND_NAME} export",
        description=(
            "Write a story pack: the kit's stills (and artwork) with caption, credit, "
            "photographer, copyright, terms, alt text and people in each file's XMP (and IPTC "
            "IIM for JPEGs), credits.csv, captions.txt, facts.txt, a one-sheet and a contact "
            "sheet as PDF, and README.txt. Stills and artwork are numbered from 1 in the kit's "
            "order. Embargoed material is never exported."
        ),
        epilog=(
            f"Exit status: {EXIT_OK} the pack was written (items left out are listed as "
            f"'left out: stills #N: reason'), {EXIT_FAILURE} nothing can be exported (the kit "
            f"is under embargo) or writing failed (nothing is left behind), {EXIT_USAGE} usage "
            "error, a kit that does not open, or OUT exists without --force."
        ),
    )
    parser.add_argument("kit", metavar="KIT", help="the kit folder (or .zip) to export from")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the folder to write (with --zip: the zip file, named exactly so)",
    )
    parser.add_argument(
        "--stills",
        default="all",
        metavar="all|picks|N,N...",
        help="which stills: all (default), the ones picked in the viewer, or numbers",
    )
    parser.add_argument(
        "--artwork",
        default="none",
        metavar="none|all|N,N...",
        help="which artwork: none (default), all, or numbers",
    )
    parser.add_argument(
        "--size",
        choices=("original", "web"),
        default="original",
        help="original: the kit's files with metadata merged (default); web: sRGB JPEGs, "
        "long edge at most 2048 px",
    )
    parser.add_argument("--zip", action="store_true", help="write one .zip file, not a folder")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def pack_options(parser: argparse.ArgumentParser, options: argparse.Namespace) -> PackOptions:
    """The parsed options as the pack's; a malformed list is a usage error (exit status 2)."""
    try:
        stills: StillChoice = (
            options.stills
            if options.stills in ("all", "picks")
            else parse_numbers(options.stills, "stills")
        )
        artwork: ArtworkChoice = (
            options.artwork
            if options.artwork in ("none", "all")
            else parse_numbers(options.artwork, "artwork")
        )
    except PackUsageError as exc:
        parser.error(str(exc))
    return PackOptions(stills, artwork, options.size, options.zip)
