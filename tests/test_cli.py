"""The ``presskit`` command line: ``validate`` output and exit codes,
``--version``, and the ``--self-test`` JSON report — in-process and as a real subprocess.
Nothing it prints may ever contain a Python traceback."""

from __future__ import annotations

import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import __version__
from app.main import main

REPO = Path(__file__).resolve().parent.parent
FULL_KIT = REPO / "tests" / "data" / "kits" / "full"

# The README's example, made real: a typo'd key on line 3, an escaping still on line 14 and a
# text file posing as stills/03.jpg.
EXAMPLE_MANIFEST = """\
format: presskit/1
film:
  titel: I.S.S.
  title: I.S.S.
synopsis:
  short: Tensions flare aboard the station.
stills:
  - {file: stills/01.jpg, caption: One,
     credit: Someone}
  - {file: stills/02.jpg, caption: Two,
     credit: Someone}
  - caption: Three
    credit: Someone
    file: ../../etc/passwd
  - {file: stills/03.jpg, credit: Someone}
"""
EXAMPLE_PROBLEMS = [
    "presskit.yaml:14: error: stills #3 file: '../../etc/passwd' leaves the kit folder",
    "stills/03.jpg: error: not a JPEG, PNG or WebP image (starts with 'this is ')",
    "presskit.yaml:3: warning: film.titel: unknown key (did you mean 'title'?)",
]
EXAMPLE_SUMMARY = "2 errors, 1 warning"


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Log files (if the CLI configures logging) go to the test's folder, not the home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def example_kit(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    (root / "stills").mkdir(parents=True)
    (root / "presskit.yaml").write_text(EXAMPLE_MANIFEST, encoding="utf-8")
    shutil.copyfile(FULL_KIT / "stills" / "01.jpg", root / "stills" / "01.jpg")
    shutil.copyfile(FULL_KIT / "art" / "key-art.jpg", root / "stills" / "02.jpg")
    (root / "stills" / "03.jpg").write_text("this is not a picture\n")
    return root


@pytest.fixture
def refused_kit(tmp_path: Path) -> Path:
    root = tmp_path / "refused"
    root.mkdir()
    (root / "presskit.yaml").write_text(
        "format: presskit/2\nfilm: {title: T}\nsynopsis: {short: s}\n"
    )
    return root


@pytest.fixture
def warnings_only_kit(tmp_path: Path) -> Path:
    root = tmp_path / "warnings"
    root.mkdir()
    (root / "presskit.yaml").write_text(
        "format: presskit/1\nfilm: {title: T, budget: 1}\nsynopsis: {short: s}\n"
    )
    return root


def assert_no_traceback(*outputs: str) -> None:
    for output in outputs:
        for line in output.splitlines():
            assert "Traceback" not in line, output


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` as a real process, from the repository."""
    full_env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        **(env or {}),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    assert_no_traceback(completed.stdout, completed.stderr)
    return completed


# -- validate, in-process ----------------------------------------------------------------------


def test_validate_clean_kit_prints_only_the_summary_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FULL_KIT)]) == 0
    out, err = capsys.readouterr()
    assert out == "0 errors, 0 warnings\n"
    assert_no_traceback(out, err)


def test_validate_output_matches_the_issue_example(
    example_kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(example_kit)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[-1] == EXAMPLE_SUMMARY
    assert sorted(lines[:-1]) == sorted(EXAMPLE_PROBLEMS)
    assert out.endswith("\n")
    assert_no_traceback(out, err)


def test_validate_with_only_warnings_exits_0(
    warnings_only_kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(warnings_only_kit)]) == 0
    out, _err = capsys.readouterr()
    assert out == "presskit.yaml:2: warning: film.budget: unknown key\n0 errors, 1 warning\n"


def test_validate_refused_manifest_exits_1_and_says_why(
    refused_kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(refused_kit)]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "presskit.yaml:1: error: format: 'presskit/2' is not a format this version reads "
        "(it reads 'presskit/1' and 'presskit/1.1')\n"
        "1 error, 0 warnings\n"
    )
    assert_no_traceback(out, err)


def test_validate_folder_without_manifest_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty-kit").mkdir()
    assert main(["validate", str(tmp_path / "empty-kit")]) == 1
    out, _err = capsys.readouterr()
    assert out.splitlines() == [
        "presskit.yaml: error: not found: a kit needs a presskit.yaml",
        "1 error, 0 warnings",
    ]


def test_validate_without_kit_argument_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage: presskit validate" in err
    assert "KIT" in err
    assert_no_traceback(out, err)


def test_validate_missing_kit_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-kit"
    assert main(["validate", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"presskit validate: {missing}: no such kit folder or archive\n"


def test_validate_kit_that_is_an_ordinary_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    assert main(["validate", str(file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert str(file) in err
    assert_no_traceback(out, err)


@pytest.mark.parametrize(
    "args", [["validate", "--bogus", "kit"], ["validate", "a", "b"], ["--bogus"]]
)
def test_bad_arguments_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert "usage: presskit" in err
    assert_no_traceback(out, err)


def test_validate_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--help"]) == 0
    out, _err = capsys.readouterr()
    assert "--deep" in out and "KIT" in out


# -- --version ---------------------------------------------------------------------------------


def test_version_prints_the_app_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out, err = capsys.readouterr()
    assert out == f"presskit {__version__}\n"
    assert_no_traceback(out, err)


def test_version_has_one_source() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "app.__version__" }' in pyproject


# -- --self-test -------------------------------------------------------------------------------


def check_report(stdout: str) -> dict[str, object]:
    """The report is one JSON object, alone on stdout, with every documented key."""
    assert stdout.endswith("\n") and stdout.count("\n") == 1, stdout
    report = json.loads(stdout)
    assert isinstance(report, dict)
    for key in ("kit", "app", "qt", "pyside6", "python", "checks", "passed"):
        assert key in report, key
    assert report["app"] == __version__
    assert report["python"] == platform.python_version()
    checks = report["checks"]
    assert isinstance(checks, list)
    assert [c["name"] for c in checks][:2] == ["load", "validate"]
    for check in checks:
        assert check["status"] in ("pass", "fail", "skip")
        assert isinstance(check["ms"], int) and not isinstance(check["ms"], bool)
        assert check["ms"] >= 0
        if check["status"] != "pass":
            assert isinstance(check["detail"], str) and check["detail"]
    assert report["passed"] is all(c["status"] != "fail" for c in checks)
    return report


def test_self_test_of_a_refused_kit_fails_with_the_reason(
    refused_kit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--self-test", str(refused_kit)]) == 1
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    report = check_report(out)
    assert report["passed"] is False
    assert report["kit"] is None
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["load"]["status"] == "fail"
    assert "presskit.yaml:1: error: format: 'presskit/2'" in checks["load"]["detail"]
    assert checks["validate"]["status"] == "skip"
    assert checks["validate"]["detail"] == "the kit did not load"


def test_self_test_of_a_missing_kit_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--self-test", str(tmp_path / "nowhere")]) == 1
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    report = check_report(out)
    assert report["passed"] is False
    assert report["checks"][0]["status"] == "fail"


# -- as a real process -------------------------------------------------------------------------


def test_subprocess_validate_issue_example(example_kit: Path) -> None:
    completed = run_cli("validate", str(example_kit))
    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert lines[-1] == EXAMPLE_SUMMARY
    assert sorted(lines[:-1]) == sorted(EXAMPLE_PROBLEMS)


def test_subprocess_validate_clean_kit_exits_0() -> None:
    completed = run_cli("validate", str(FULL_KIT))
    assert (completed.returncode, completed.stdout) == (0, "0 errors, 0 warnings\n")


def test_subprocess_usage_errors_exit_2(tmp_path: Path) -> None:
    completed = run_cli("validate")
    assert completed.returncode == 2
    assert "usage: presskit validate" in completed.stderr
    completed = run_cli("validate", str(tmp_path / "missing"))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "no such kit folder or archive" in completed.stderr


def test_subprocess_version() -> None:
    completed = run_cli("--version")
    assert (completed.returncode, completed.stdout) == (0, f"presskit {__version__}\n")


def test_subprocess_self_test_of_the_clean_kit_passes(tmp_path: Path) -> None:
    completed = run_cli("--self-test", str(FULL_KIT), env={"XDG_STATE_HOME": str(tmp_path)})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = check_report(completed.stdout)
    assert report["passed"] is True
    assert report["kit"] == "Test Film"
    assert isinstance(report["qt"], str) and report["qt"]
    assert isinstance(report["pyside6"], str) and report["pyside6"]
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["load"]["status"] == "pass"
    assert checks["stills"]["status"] == "pass", checks["stills"]
    assert checks["stills"]["detail"].endswith("JPEG, PNG and WebP decode")
    assert checks["export"]["status"] == "pass", checks["export"]
    assert checks["validate"] == {
        "name": "validate",
        "status": "pass",
        "ms": checks["validate"]["ms"],
        "detail": "0 errors, 0 warnings",
    }


def test_subprocess_self_test_of_a_kit_with_bad_media_fails(
    example_kit: Path, tmp_path: Path
) -> None:
    completed = run_cli("--self-test", str(example_kit), env={"XDG_STATE_HOME": str(tmp_path)})
    assert completed.returncode == 1
    report = check_report(completed.stdout)
    assert report["passed"] is False
    assert report["kit"] == "I.S.S."
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["load"]["status"] == "pass"
    assert checks["validate"]["status"] == "fail"
    assert checks["validate"]["detail"].startswith("2 errors, 1 warning; first: ")


def test_subprocess_output_the_console_cannot_encode_is_escaped(tmp_path: Path) -> None:
    # '×' and the kit's own text cannot be shown on an ASCII console: escaped, not a crash.
    root = tmp_path / "kit"
    (root / "stills").mkdir(parents=True)
    (root / "presskit.yaml").write_text(
        textwrap.dedent(
            """\
            format: presskit/1
            film: {title: Café — Ω}
            synopsis: {short: s}
            stills: [{file: stills/huge.png, credit: c}, {file: stills/Ω.jpg, credit: c}]
            """
        ),
        encoding="utf-8",
    )
    (root / "stills" / "huge.png").write_bytes(
        # a PNG signature and an IHDR chunk claiming 20000×20000 pixels: the header is enough
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0)
        + b"\x00\x00\x00\x00"
    )
    completed = run_cli("validate", str(root), env={"PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"})
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        "presskit.yaml:4: error: stills #2 file: 'stills/\\u03a9.jpg' does not exist",
        "stills/huge.png: error: is 20000\\xd720000 pixels (400.0 megapixels); "
        "the limit is 60 megapixels",
        "2 errors, 0 warnings",
    ]


def test_subprocess_reader_closing_the_pipe_early_is_not_an_internal_error(
    example_kit: Path, tmp_path: Path
) -> None:
    # Like ``presskit validate KIT | head -0``: stdout is gone before anything is written.
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_STATE_HOME": str(tmp_path)}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "app", "validate", str(example_kit)],
            cwd=REPO,
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert_no_traceback(completed.stderr)
    assert "internal error" not in completed.stderr
    assert "Exception ignored" not in completed.stderr
    assert completed.returncode == 1
