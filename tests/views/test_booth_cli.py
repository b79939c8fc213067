"""Booth mode's command line, run for real in subprocesses: ``--set-booth-pin`` stores a salted
hash and never the PIN; booth mode refuses to start without one; the option grammar; and the
normal viewer's start-up does not pay for booth mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.model.booth_pin import verify_pin

REPO = Path(__file__).resolve().parents[2]


def run_cli(
    args: list[str], home: Path, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
        check=False,
    )


def settings_file(home: Path) -> Path:
    return home / "config" / "ISS Press Kit" / "iss-presskit.conf"


def stored_hash(home: Path) -> str:
    for line in settings_file(home).read_text(encoding="utf-8").splitlines():
        if line.startswith("pin_hash="):
            return line.split("=", 1)[1].strip('"')
    raise AssertionError("no pin_hash in the settings file")


def test_set_booth_pin_stores_a_salted_hash_never_the_pin(tmp_path: Path) -> None:
    result = run_cli(["--set-booth-pin"], tmp_path, stdin="80417\n")
    assert result.returncode == 0, result.stderr
    assert "stored" in result.stdout
    text = settings_file(tmp_path).read_text(encoding="utf-8")
    assert "80417" not in text
    stored = stored_hash(tmp_path)
    assert stored.startswith("scrypt$")
    assert verify_pin("80417", stored)
    assert not verify_pin("80418", stored)
    # The log says it changed, not what it is.
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "state").rglob("*.log"))
    assert "80417" not in logs + result.stdout + result.stderr

    # Again: a new salt, so a new hash for the same PIN.
    assert run_cli(["--set-booth-pin"], tmp_path, stdin="80417\n").returncode == 0
    assert stored_hash(tmp_path) != stored


@pytest.mark.parametrize("pin", ["", "12", "abcd", "1234567890123"])
def test_an_unusable_pin_is_refused_and_nothing_stored(tmp_path: Path, pin: str) -> None:
    result = run_cli(["--set-booth-pin"], tmp_path, stdin=pin + "\n")
    assert result.returncode == 2
    assert "nothing changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert not settings_file(tmp_path).exists()


def test_a_pin_is_never_taken_from_the_command_line(tmp_path: Path) -> None:
    result = run_cli(["--set-booth-pin", "4711"], tmp_path)
    assert result.returncode == 2
    assert "takes no other options" in result.stderr
    assert not settings_file(tmp_path).exists()


def test_booth_refuses_to_start_without_a_stored_pin(tmp_path: Path) -> None:
    result = run_cli(["--booth"], tmp_path)
    assert result.returncode == 2
    assert "--set-booth-pin" in result.stderr and "--booth-no-pin" in result.stderr
    assert "Traceback" not in result.stderr


def test_booth_refuses_a_damaged_stored_pin(tmp_path: Path) -> None:
    settings_file(tmp_path).parent.mkdir(parents=True)
    settings_file(tmp_path).write_text("[booth]\npin_hash=4711\n", encoding="utf-8")
    result = run_cli(["--booth"], tmp_path)
    assert result.returncode == 2
    assert "unusable" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--booth-idle", "30"], "only make sense with --booth"),
        (["--booth", "--booth-idle", "2"], "between 5 and 86400"),
        (["--booth", "--booth-slide", "soon"], "not a number"),
        (["--booth", "--booth-sound", "loud"], "invalid choice"),
        (["--booth", "--self-test"], "cannot be combined"),
        (["--set-booth-pin", "--booth"], "takes no other options"),
    ],
)
def test_booth_option_grammar(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(args, tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


def test_booth_options_reach_the_booth(monkeypatch) -> None:
    from app import main as cli
    from app.model.booth_session import BoothConfig

    seen: list[tuple[Path | None, BoothConfig]] = []
    monkeypatch.setattr(
        "app.views.booth.booth_app.run_booth", lambda kit, config: seen.append((kit, config)) or 0
    )
    args = ["--booth", "kit", "--booth-idle", "45", "--booth-slide", "0.5", "--booth-sound", "on"]
    assert cli._run_main([*args, "--booth-no-pin"]) == 0
    kit, config = seen[0]
    assert kit == Path("kit")
    assert config == BoothConfig(idle_seconds=45, slide_seconds=0.5, sound=True, require_pin=False)
    assert cli._run_main(["--booth"]) == 0
    assert seen[1][1] == BoothConfig()  # 90 s idle, 6 s slides, silent, PIN required


def test_the_normal_viewer_does_not_import_booth_mode() -> None:
    code = (
        "import sys\n"
        "import app.main, app.views.application, app.views.main_window\n"
        "booth = ('app.views.booth', 'app.model.booth', 'app.model.attract', 'PySide6.QtDBus')\n"
        "print(' '.join(m for m in sys.modules if m.startswith(booth)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.split() == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal (POSIX)")
def test_on_a_terminal_the_pin_is_asked_twice_without_echo(tmp_path: Path) -> None:
    import pty
    import select
    import time

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")

    def converse(answers: list[str]) -> tuple[int, str]:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the real command line on a terminal
            os.chdir(REPO)
            os.execve(sys.executable, [sys.executable, "-m", "app", "--set-booth-pin"], env)
        seen = ""
        deadline = time.monotonic() + 60
        pending = list(answers)
        while time.monotonic() < deadline:
            readable, _, _ = select.select([fd], [], [], 1.0)
            if not readable:
                continue
            try:
                chunk = os.read(fd, 1024).decode(errors="replace")
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            prompts = seen.count("digits): ") + seen.count("again: ")
            if pending and prompts > len(answers) - len(pending):
                os.write(fd, (pending.pop(0) + "\n").encode())
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        return os.waitstatus_to_exitcode(status), seen

    code, transcript = converse(["5555", "5556"])
    assert code == 2 and "differ" in transcript
    assert not settings_file(tmp_path).exists()
    code, transcript = converse(["5555", "5555"])
    assert code == 0, transcript
    assert "New booth PIN" in transcript and "again" in transcript
    assert "5555" not in transcript  # no echo
    assert verify_pin("5555", stored_hash(tmp_path))
