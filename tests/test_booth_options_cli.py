"""``--booth-qr`` and ``--booth-watch`` on the one command line: a URL a phone cannot open, a
folder that is not one, and either option without ``--booth`` are usage errors (exit 2) with a
message that says why; good ones reach booth mode's configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.identity import EXIT_USAGE
from app.main import build_main_parser, main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--booth", "--booth-qr", "ftp://example.org/kit"], "only http:// and https://"),
        (["--booth", "--booth-qr", "https://"], "names no host"),
        (["--booth", "--booth-qr", "https://example.org/" + "k" * 400], "at most 300"),
        (["--booth", "--booth-qr", "https://example.org/a kit"], "spaces"),
        (["--booth-qr", "https://example.org/kit"], "--booth-qr only make sense with --booth"),
        (["--booth", "--booth-watch", "/no/such/folder"], "is not a folder"),
        (["--booth-watch", "."], "--booth-watch only make sense with --booth"),
        (["--set-booth-pin", "--booth-qr", "https://example.org/"], "takes no other options"),
    ],
)
def test_bad_booth_options_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == EXIT_USAGE
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error


def test_good_booth_options_are_parsed(tmp_path: Path) -> None:
    options = build_main_parser().parse_args(
        ["--booth", "--booth-qr", "https://press.example.org/iss", "--booth-watch", str(tmp_path)]
    )
    assert options.booth_qr == "https://press.example.org/iss"
    assert options.booth_watch == tmp_path


def test_help_names_both_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--booth-qr URL" in out and "--booth-watch DIR" in out
