"""``presskit search KIT QUERY…``: output lines, exit codes, and the command-word grammar
(a command word counts only as the first argument; a query starting with '-' follows '--')."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.views.application
from app.main import main
from tests.test_cli import FULL_KIT, REPO, assert_no_traceback, run_cli


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def write_kit(root: Path, title: str, extra: str = "") -> Path:
    root.mkdir(parents=True)
    manifest = (
        "format: presskit/1\n"
        f"film: {{title: {title!r}, tagline: 'Pilou Asbæk -minus'}}\n"
        "synopsis: {short: 'Short one.', long: 'Long\n\n  two.'}\n" + extra
    )
    (root / "presskit.yaml").write_text(manifest, encoding="utf-8")
    return root


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return write_kit(tmp_path / "kit", "Björk and the Station")


def search(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["search", *args])
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    return status, out.splitlines(), err


def test_hits_print_where_and_text_and_exit_0(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search(capsys, str(kit), "bjork") == (0, ["title: Björk and the Station"], "")
    assert search(capsys, str(kit), "asbaek")[:2] == (0, ["tagline: Pilou Asbæk -minus"])


def test_query_words_may_come_as_one_argument_or_several(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search(capsys, str(kit), "station", "BJÖRK")[:2] == (0, ["title: Björk and the Station"])
    assert search(capsys, str(kit), "station björk")[:2] == (0, ["title: Björk and the Station"])


def test_line_breaks_become_spaces(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert search(capsys, str(kit), "two")[:2] == (0, ["synopsis long: Long two."])


def test_no_hits_exit_1_with_nothing_printed(kit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert search(capsys, str(kit), "nowhere") == (1, [], "")
    # Both words exist, but not in one field.
    assert search(capsys, str(kit), "bjork", "asbaek") == (1, [], "")


@pytest.mark.parametrize(
    "args", [[], ["KIT"], ["KIT", ""], ["KIT", "  "], ["KIT", "-minus"], ["--bogus", "KIT", "x"]]
)
def test_usage_errors_exit_2(
    kit: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = search(capsys, *[str(kit) if a == "KIT" else a for a in args])
    assert (status, out) == (2, [])
    assert "presskit search" in err


def test_a_query_starting_with_a_dash_follows_double_dash(
    kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search(capsys, str(kit), "--", "-minus")[:2] == (0, ["tagline: Pilou Asbæk -minus"])
    assert search(capsys, "--", str(kit), "-minus")[:2] == (0, ["tagline: Pilou Asbæk -minus"])


def test_a_kit_that_does_not_open_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = search(capsys, str(tmp_path / "missing"), "x")
    assert (status, out) == (2, [])
    assert "missing" in err and "no such file or folder" in err
    refused = tmp_path / "refused"
    refused.mkdir()
    (refused / "presskit.yaml").write_text("format: presskit/2\nfilm: {title: T}\n")
    status, out, err = search(capsys, str(refused), "t")
    assert (status, out) == (2, [])
    assert "presskit.yaml" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert search(capsys, str(empty), "t")[:2] == (2, [])
    assert search(capsys, str(tmp_path / "not-a-kit.zip"), "t")[:2] == (2, [])


def test_a_zipped_kit_is_searched_and_leaves_no_temporary_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "full.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(FULL_KIT.rglob("*")):
            zipped.write(path, "full/" + path.relative_to(FULL_KIT).as_posix())
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    from_folder = search(capsys, str(FULL_KIT), "paragraph")
    from_zip = search(capsys, str(archive), "paragraph")
    assert from_zip == from_folder and from_zip[0] == 0 and from_zip[1]
    assert list(temp.iterdir()) == []


def test_hostile_kit_text_stays_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_kit(tmp_path / "hostile", "X")
    manifest = root / "presskit.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + 'notes:\n  - heading: "H\\u202e\\x1b[2J"\n'
        + '    body: "<img src=/dev/zero> canary\\u2028next\\x1b[31m"\n',
        encoding="utf-8",
    )
    status, out, _ = search(capsys, str(root), "canary")
    assert status == 0
    assert out == [
        'notes #1 "H\\u202e\\x1b[2J": H\\u202e\\x1b[2J <img src=/dev/zero> canary next\\x1b[31m'
    ]


# -- the grammar: command words only as the first argument --------------------------------------


@pytest.fixture
def opened_by_viewer(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path | None]]:
    """What the viewer was asked to open, without starting it."""
    opened: list[Path | None] = []

    def fake_viewer(kit: Path | None, exit_after_first_paint: bool = False) -> int:
        opened.append(kit)
        return 0

    monkeypatch.setattr(app.views.application, "run_viewer", fake_viewer)
    yield opened
    gc.enable()  # main() holds off the collector until the (fake) window would resume it


@pytest.mark.parametrize(
    ("args", "kit"),
    [
        (["./search"], "search"),
        (["search/"], "search"),
        (["--", "search"], "search"),
        (["--", "./validate"], "validate"),
        (["--", "validate"], "validate"),
        (["--verbose", "search"], "search"),
    ],
)
def test_a_command_word_anywhere_but_first_is_a_kit_path(
    args: list[str], kit: str, opened_by_viewer: list[Path | None]
) -> None:
    assert main(args) == 0
    assert opened_by_viewer == [Path(kit)]


def test_a_folder_named_search_is_searched_when_named_after_the_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_kit(tmp_path / "search", "Named Search")
    monkeypatch.chdir(tmp_path)
    assert search(capsys, "search", "named")[:2] == (0, ["title: Named Search"])
    assert search(capsys, "./search", "named")[:2] == (0, ["title: Named Search"])


# -- as a real process ---------------------------------------------------------------------------


def test_subprocess_search_exit_codes(tmp_path: Path) -> None:
    found = run_cli("search", str(FULL_KIT), "lead", "alice")
    assert found.returncode == 0
    assert found.stdout.splitlines() == ["credits cast #1: Alice Actor as The Lead"]
    assert run_cli("search", str(FULL_KIT), "zzzzqqq").returncode == 1
    usage = run_cli("search", str(FULL_KIT))
    assert usage.returncode == 2 and "usage: presskit search" in usage.stderr
    assert run_cli("search", str(tmp_path / "nope"), "x").returncode == 2
    help_text = run_cli("search", "--help")
    assert help_text.returncode == 0 and "--" in help_text.stdout


def test_subprocess_a_folder_named_search_after_an_option_is_a_kit(tmp_path: Path) -> None:
    shutil.copytree(FULL_KIT, tmp_path / "search")
    completed = subprocess.run(
        [sys.executable, "-m", "app", "--self-test", "search"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert_no_traceback(completed.stdout, completed.stderr)
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert (report["kit"], report["kit_path"]) == ("Test Film", "search")


def test_the_readme_example_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ presskit search presskit kira foster\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    status, out, _ = search(capsys, "presskit", "kira", "foster")
    assert status == 0
    assert out == block.splitlines()
