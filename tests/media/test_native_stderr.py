"""Native chatter (Qt Multimedia, FFmpeg, PulseAudio) goes to the log file, not to stderr.

Run as real processes: file descriptor 2 is what is redirected, and only a child process
shows what a person at a terminal would see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEDIA = ROOT / "tests" / "data" / "media"
FULL_KIT = ROOT / "tests" / "data" / "kits" / "full"

# What Qt Multimedia, FFmpeg and the sound servers print when a video is opened.
NATIVE_MARKERS = (
    "qt.multimedia",
    "Input #0",
    "Stream #0",
    "Metadata:",
    "PulseAudio",
    "pipewire",
    "No audio device",
    "HW decoder",
)


def _run(args: list[str], state_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(state_home))
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _native_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(m in line for m in NATIVE_MARKERS)]


def _log_text(state_home: Path) -> str:
    logs = list(state_home.rglob("presskit.log"))
    assert logs, f"no log file under {state_home}"
    return logs[0].read_text(encoding="utf-8", errors="replace")


def test_deep_validate_of_a_good_kit_leaves_stderr_empty(tmp_path: Path) -> None:
    result = _run(["validate", "--deep", str(FULL_KIT)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert "0 errors" in result.stdout
    # The chatter is kept where a developer looks for it.
    assert _native_lines(_log_text(tmp_path))


def test_deep_validate_keeps_the_apps_own_lines_on_stderr(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "trailer").mkdir(parents=True)
    shutil.copyfile(MEDIA / "av1.mp4", kit / "trailer" / "av1.mp4")
    (kit / "presskit.yaml").write_text(
        "format: presskit/1\nfilm:\n  title: T\nsynopsis:\n  short: S\n"
        "trailer:\n  file: trailer/av1.mp4\n",
        encoding="utf-8",
    )
    result = _run(["validate", "--deep", str(kit)], tmp_path / "state")
    assert result.returncode == 1
    assert "trailer/av1.mp4" in result.stdout and "cannot be decoded" in result.stdout
    assert _native_lines(result.stderr) == []
    # The player's own warning still reaches the terminal, one line, no traceback.
    assert "WARNING app.media.trailer_player" in result.stderr
    assert "Traceback" not in result.stderr


def test_self_test_leaves_stderr_without_native_lines(tmp_path: Path) -> None:
    result = _run(["--self-test", str(FULL_KIT)], tmp_path)
    assert '"passed": true' in result.stdout, result.stdout + result.stderr
    assert _native_lines(result.stderr) == []


def test_python_output_inside_the_block_still_reaches_stderr(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import logging, os, sys
        from app.log import configure_logging
        from app.media.native_stderr import native_stderr_to_log
        configure_logging()
        with native_stderr_to_log():
            os.write(2, b"native chatter\\n")
            print("python line", file=sys.stderr)
            logging.getLogger("app.test").warning("logged line")
        os.write(2, b"native after\\n")
        """
    )
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stderr.splitlines() == [
        "python line",
        "WARNING app.test: logged line",
        "native after",
    ]
    assert "native chatter" in _log_text(tmp_path)
