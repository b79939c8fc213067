"""The ``presskit`` command line: argument parsing and start-up only.

One grammar for every mode::

    presskit [KIT]                        open the viewer (the bundled kit when KIT is omitted)
    presskit validate [--deep] KIT        check a kit, print its problems
    presskit --self-test [KIT]            headless end-to-end check, JSON report on stdout
    presskit --version

Nothing here ever lets a Python traceback reach the person: unexpected errors are logged to
the log file and summarised in one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.log import configure_logging, log_file_path

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE: a bug, not the person's input


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_output()
    try:
        if args and args[0] == "validate":
            return _run_validate(args[1:])
        return _run_main(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``presskit validate KIT | head``): not an error of ours. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        _silence_stdout()
        return EXIT_PROBLEMS
    except SystemExit as exc:  # argparse's own exits (usage errors, --help, --version)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except Exception:
        log.exception("unexpected error")
        where = log_file_path()
        hint = f"; details are in {where}" if where else ""
        print(f"presskit: internal error{hint}", file=sys.stderr)
        return EXIT_INTERNAL


def _tolerate_unencodable_output() -> None:
    """A console that cannot show a character (a kit's text, '×') gets an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def build_main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presskit",
        description="View an electronic press kit. Opens the bundled I.S.S. kit by default.",
        epilog="Also: 'presskit validate [--deep] KIT' checks a kit and prints its problems.",
    )
    parser.add_argument("kit", nargs="?", metavar="KIT", help="a kit folder (or .zip) to open")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run a headless end-to-end check of the app and print a JSON report",
    )
    parser.add_argument(
        "--exit-after-first-paint",
        action="store_true",
        help="start normally, exit as soon as the overview has painted (a benchmarking aid)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    parser.add_argument("--version", action="version", version=f"presskit {__version__}")
    return parser


def build_validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presskit validate",
        description="Check a press kit and print its problems, one a line.",
        epilog="Exit status: 0 no errors, 1 errors, 2 usage error or KIT not found.",
    )
    parser.add_argument("kit", metavar="KIT", help="the kit folder (or .zip) to check")
    parser.add_argument(
        "--deep",
        action="store_true",
        help="also decode every image and the trailer's first frame (needs Qt)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def _run_validate(args: list[str]) -> int:
    options = build_validate_parser().parse_args(args)
    configure_logging(options.verbose)
    from app.commands.validate_command import run_validate

    return run_validate(Path(options.kit), deep=options.deep)


def _run_main(args: list[str]) -> int:
    options = build_main_parser().parse_args(args)
    configure_logging(options.verbose)
    kit = Path(options.kit) if options.kit else None
    if options.self_test:
        from app.selftest import run_self_test

        return run_self_test(kit)
    from app.views.application import run_viewer

    return run_viewer(kit, exit_after_first_paint=options.exit_after_first_paint)


if __name__ == "__main__":
    sys.exit(main())
