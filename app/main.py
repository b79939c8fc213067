"""The ``presskit`` command line: argument parsing and start-up only.

One grammar for every mode::

    presskit [KIT]                        open the viewer (the bundled kit when KIT is omitted)
    presskit validate [--deep] KIT        check a kit, print its problems
    presskit search KIT QUERY...          print every field of the kit that holds every word
    presskit export KIT -o OUT [--stills all|picks|N,N...] [--artwork none|all|N,N...]
                    [--size original|web] [--zip] [--force]
                                          write a story pack (images with their metadata)
    presskit diff OLD NEW                 print what changed between two editions of a kit
    presskit new DIR [--title TITLE]      write a first presskit.yaml from a folder of media
    presskit pack KIT -o FILE.zip [--force]  a deterministic zip of the kit for sending
    presskit --self-test [KIT]            headless end-to-end check, JSON report on stdout
    presskit --booth [KIT] [--booth-idle S] [--booth-slide S] [--booth-sound on|off]
                       [--booth-no-pin] [--booth-qr URL] [--booth-watch DIR]
                                          locked full-screen booth with an attract loop
    presskit --set-booth-pin              store the booth operator's PIN (read from the terminal)
    presskit --version

A command word (``validate``, ``search``, ``export``, ``diff``, ``new``, ``pack``) counts only
as the first argument: ``presskit ./search`` and ``presskit -- search`` open a kit folder named
``search``. A QUERY that starts with ``-`` follows ``--``.

Nothing here ever lets a Python traceback reach the person: unexpected errors are logged to
the log file and summarised in one line on stderr.

Start-up path: each mode's modules are imported inside the function that runs it, so
``validate`` never loads Qt and the viewer loads nothing of booth mode or the self-test.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.identity import (
    COMMAND_NAME,
    EXIT_FAILURE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from app.log import configure_logging, log_file_path

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_output()
    try:
        command = _COMMANDS.get(args[0]) if args else None
        if command is not None:
            return command(args[1:])
        return _run_main(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``presskit validate KIT | head``): not an error of ours. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        _silence_stdout()
        return EXIT_FAILURE
    except SystemExit as exc:  # argparse's own exits (usage errors, --help, --version)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except Exception:
        log.exception("unexpected error")
        where = log_file_path()
        hint = f"; details are in {where}" if where else ""
        print(f"{COMMAND_NAME}: internal error{hint}", file=sys.stderr)
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
        prog=COMMAND_NAME,
        description="View an electronic press kit. Opens the bundled I.S.S. kit by default.",
        epilog=(
            f"Also: '{COMMAND_NAME} validate [--deep] KIT' checks a kit and prints its problems; "
            f"'{COMMAND_NAME} search KIT QUERY...' prints the fields that hold every word; "
            f"'{COMMAND_NAME} export KIT -o OUT' writes a story pack. "
            "A command word counts only as the first argument ('./search' is a folder)."
        ),
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
    booth = parser.add_argument_group(
        "booth mode",
        "A locked full-screen kiosk for events: an attract loop while nobody uses "
        "it, the kit's tabs when someone does, and a reset after they leave.",
    )
    booth.add_argument("--booth", action="store_true", help="start in booth mode")
    booth.add_argument(
        "--booth-idle",
        type=_seconds(5, 86_400),
        metavar="SECONDS",
        help="idle time before the countdown back to the attract loop (default 90)",
    )
    booth.add_argument(
        "--booth-slide",
        type=_seconds(0.05, 3_600),
        metavar="SECONDS",
        help="how long each still shows in the attract loop (default 6)",
    )
    booth.add_argument(
        "--booth-sound",
        choices=("on", "off"),
        help="the attract loop's trailer with sound or silent (default off)",
    )
    booth.add_argument(
        "--booth-no-pin",
        action="store_true",
        help="allow booth mode without a PIN: holding Ctrl+Shift+Q for 3 s alone leaves it",
    )
    booth.add_argument(
        "--booth-qr",
        type=_booth_url,
        metavar="URL",
        help="show a QR code of URL (http or https) on the title card and in visitor mode, so "
        "visitors can take the kit home",
    )
    booth.add_argument(
        "--booth-watch",
        type=_watch_folder,
        metavar="DIR",
        help="show the newest good .zip kit in DIR, and take a newer one dropped there at the "
        "next idle reset (checked once it has not changed for 5 s)",
    )
    booth.add_argument(
        "--set-booth-pin",
        action="store_true",
        help="ask for the booth PIN on the terminal (or read one line from stdin), store only "
        "its salted hash, and exit",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    parser.add_argument("--version", action="version", version=f"{COMMAND_NAME} {__version__}")
    return parser


def _seconds(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        if not low <= value <= high:  # also refuses nan
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g} seconds")
        return value

    return parse


def _booth_url(text: str) -> str:
    from app.model.booth_qr import BoothUrlError, check_booth_url

    try:
        return check_booth_url(text)
    except BoothUrlError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _watch_folder(text: str) -> Path:
    folder = Path(text)
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is not a folder")
    return folder


def build_validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{COMMAND_NAME} validate",
        description="Check a press kit and print its problems, one a line.",
        epilog=(
            f"Exit status: {EXIT_OK} no errors, {EXIT_FAILURE} errors, "
            f"{EXIT_USAGE} usage error or KIT not found."
        ),
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


def build_search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{COMMAND_NAME} search",
        description=(
            "Print every field of a press kit that holds every word of QUERY, one a line, as "
            "'WHERE: text'. Case, accents and letters such as æ, ø, ß are ignored "
            "('bjork' finds 'Björk')."
        ),
        epilog=(
            f"A QUERY that starts with '-' follows '--'. Exit status: {EXIT_OK} with hits, "
            f"{EXIT_FAILURE} with none, {EXIT_USAGE} usage error or a kit that does not open."
        ),
    )
    parser.add_argument("kit", metavar="KIT", help="the kit folder (or .zip) to search")
    parser.add_argument("query", nargs="+", metavar="QUERY", help="the words to look for")
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    return parser


def _run_search(args: list[str]) -> int:
    options = build_search_parser().parse_args(args)
    configure_logging(options.verbose)
    from app.commands.search_command import run_search

    return run_search(Path(options.kit), " ".join(options.query))


def _run_export(args: list[str]) -> int:
    from app.commands.export_options import build_export_parser, pack_options

    parser = build_export_parser()
    options = parser.parse_args(args)
    configure_logging(options.verbose)
    from app.commands.export_command import run_export

    return run_export(
        Path(options.kit), Path(options.output), pack_options(parser, options), options.force
    )


def _run_diff(args: list[str]) -> int:
    from app.commands.diff_command import diff_main

    return diff_main(args)


def _run_new(args: list[str]) -> int:
    from app.commands.new_command import new_main

    return new_main(args)


def _run_pack(args: list[str]) -> int:
    from app.commands.pack_command import pack_main

    return pack_main(args)


# The command words, recognised only as the first argument (anything else there is a KIT).
_COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "validate": _run_validate,
    "search": _run_search,
    "export": _run_export,
    "diff": _run_diff,
    "new": _run_new,
    "pack": _run_pack,
}


def _run_main(args: list[str]) -> int:
    parser = build_main_parser()
    options = parser.parse_args(args)
    _check_booth_options(parser, options)
    configure_logging(options.verbose)
    kit = Path(options.kit) if options.kit else None
    if options.set_booth_pin:
        from app.commands.booth_pin_command import run_set_booth_pin

        return run_set_booth_pin()
    if options.booth:
        import dataclasses

        from app.model.booth_session import BoothConfig
        from app.views.booth.booth_app import run_booth

        config = BoothConfig(require_pin=not options.booth_no_pin)
        if options.booth_idle is not None:
            config = dataclasses.replace(config, idle_seconds=options.booth_idle)
        if options.booth_slide is not None:
            config = dataclasses.replace(config, slide_seconds=options.booth_slide)
        if options.booth_sound is not None:
            config = dataclasses.replace(config, sound=options.booth_sound == "on")
        config = dataclasses.replace(config, qr_url=options.booth_qr, watch_dir=options.booth_watch)
        return run_booth(kit, config)
    if options.self_test:
        from app.selftest import run_self_test

        return run_self_test(kit)
    # Hold off Python's cycle collector until the first screen is up (the window resumes it):
    # start-up makes hundreds of thousands of long-lived objects (PySide6's modules and enum
    # classes, the kit, the widgets' wrappers) that the collector would scan some 40 times,
    # ~10 ms, finding nothing to free. Reference counting frees everything else as usual.
    gc.disable()
    _import_model_before_qt()
    _spare_the_apps_modules_pysides_source_scan()
    from app.views.application import run_viewer

    return run_viewer(kit, exit_after_first_paint=options.exit_after_first_paint)


def _import_model_before_qt() -> None:
    """Import the Qt-free model that the first screen needs before PySide6.

    PySide6 hooks every import that follows its own and reads the imported module's source to
    look for ``from __feature__`` switches; importing the model's modules first spares them
    that scan (CPU time, measured with the imports in either order). PyYAML and the loader are
    not among them: an unchanged kit comes from its snapshot (app.model.kit_snapshot).
    """
    import app.model.kit_snapshot
    import app.model.opening
    import app.model.thumbnail_cache  # noqa: F401


def _spare_the_apps_modules_pysides_source_scan() -> None:
    """Tell PySide6 that the viewer's own modules use it, without reading their source.

    After its import, PySide6 reads the whole source of every module imported (through
    ``inspect.getsource``) to learn whether it mentions PySide6, and so whether Qt's
    ``__feature__`` switches (snake_case, true_property) apply to it. The viewer uses no such
    switch: for its modules the answer is "uses PySide6 with no feature", what the scan finds
    for any module that imports Qt, and the same for one that does not. Reading some 40 files
    of source cost the first paint ~4 ms (measured with and without). Every other module is
    still scanned. A frozen bundle has no source to read; a PySide6 without the hook is left
    as it is.
    """
    import PySide6  # noqa: F401  (installs the hook and its module)

    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(scan):
        return

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", "")
        if isinstance(name, str) and (name == "app" or name.startswith("app.")):
            return True
        return bool(scan(module))

    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


def _check_booth_options(parser: argparse.ArgumentParser, options: argparse.Namespace) -> None:
    """Booth options belong to --booth; --set-booth-pin stands alone (exit status 2 if not)."""
    booth_only = [
        flag
        for flag, given in (
            ("--booth-idle", options.booth_idle is not None),
            ("--booth-slide", options.booth_slide is not None),
            ("--booth-sound", options.booth_sound is not None),
            ("--booth-no-pin", options.booth_no_pin),
            ("--booth-qr", options.booth_qr is not None),
            ("--booth-watch", options.booth_watch is not None),
        )
        if given
    ]
    if options.set_booth_pin:
        others = booth_only + [
            flag
            for flag, given in (
                ("--booth", options.booth),
                ("--self-test", options.self_test),
                ("--exit-after-first-paint", options.exit_after_first_paint),
                ("KIT", options.kit is not None),
            )
            if given
        ]
        if others:
            parser.error(f"--set-booth-pin takes no other options (got {', '.join(others)})")
    elif booth_only and not options.booth:
        parser.error(f"{', '.join(booth_only)} only make sense with --booth")
    elif options.booth and (options.self_test or options.exit_after_first_paint):
        parser.error("--booth cannot be combined with --self-test or --exit-after-first-paint")


def run() -> None:
    """The console entry point (``presskit``, ``python -m app``, the installed app)."""
    status = main()
    # Everything that must outlive the process is saved by now (the viewer syncs its settings
    # and closes its kit when its event loop ends). What remains is the interpreter's teardown,
    # which only frees memory: destroying every Qt and Python object of the viewer one by one
    # takes 30-60 ms a person waits through at every quit (PySide6's own exit handler alone,
    # which deletes the QApplication and every widget, takes ~8 ms). Flush the logs and the
    # output, and leave.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
