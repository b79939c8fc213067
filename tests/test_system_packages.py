"""The system packages a new machine needs are installed by ``.ci/run`` itself.

A machine of this kind starts with none of Qt's X11 libraries, Xvfb or the tools the tests drive.
What a developer installed by hand hides a missing install step until the next fresh machine:
``.ci/run`` once failed there because the bundle links ``libwayland-cursor0`` and
``libwayland-egl1`` and nothing installed them. These tests keep three lists in step:

- every package ``linux_depends.py`` derives for the built bundle is in ``.ci/run``'s list;
- every package the README tells a source install to add is in it;
- every tool a test starts is in it (or the test skips with its reason).

The bundle check needs a built bundle: ``.ci/run``'s packaging stage runs this file again with
``PRESSKIT_BUNDLE`` pointing at it. Without one it is skipped with that reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CI_SCRIPT = ROOT / ".ci" / "run"
README = ROOT / "README.md"
LINUX_DEPENDS = ROOT / "resources" / "packaging" / "linux_depends.py"

# Tools the tests or the packaging stage start, and the Debian package that installs each.
TOOLS_TESTS_START = {
    "Xvfb": "xvfb",
    "xauth": "xauth",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "xprop": "x11-utils",
    "strace": "strace",
    "dbus-run-session": "dbus-daemon",
    "objdump": "binutils",
    "lintian": "lintian",
    "appstreamcli": "appstream",
    "exiftool": "libimage-exiftool-perl",
}


def ci_packages() -> list[str]:
    """The words of ``.ci/run``'s ``packages=( … )`` array, comments left out."""
    text = CI_SCRIPT.read_text(encoding="utf-8")
    match = re.search(r"^packages=\((.*?)^\)", text, re.S | re.M)
    assert match, f"{CI_SCRIPT} has no packages=( … ) array"
    words: list[str] = []
    for line in match.group(1).splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def readme_source_install_packages() -> list[str]:
    """The packages of the README's ``sudo apt-get install …`` command (continued lines too)."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"sudo apt-get install (.*?)\n```", text, re.S)
    assert match, "the README has no 'sudo apt-get install' command"
    return match.group(1).replace("\\", " ").split()


def test_ci_list_is_read_whole() -> None:
    packages = ci_packages()
    # The first and the last entries of the array, so a parsing slip shows at once.
    assert packages[0] == "libxcb-cursor0"
    assert "appstream" in packages
    assert len(packages) == len(set(packages)), "a package is listed twice"


def test_readme_source_install_list_is_installed_by_ci() -> None:
    missing = sorted(set(readme_source_install_packages()) - set(ci_packages()))
    assert not missing, f"the README names packages .ci/run does not install: {missing}"


@pytest.mark.parametrize(("tool", "package"), sorted(TOOLS_TESTS_START.items()))
def test_every_tool_a_test_starts_is_installed_by_ci(tool: str, package: str) -> None:
    assert package in ci_packages(), f"{tool} comes from {package}, which .ci/run does not install"


def _built_bundle() -> Path | None:
    configured = os.environ.get("PRESSKIT_BUNDLE")
    if configured:
        return Path(configured)
    default = ROOT / "dist" / "iss-presskit"
    return default if (default / "iss-presskit").exists() else None


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg") is None,
    reason="derives Debian packages: needs Linux with dpkg",
)
def test_every_package_the_bundle_links_is_installed_by_ci() -> None:
    bundle = _built_bundle()
    if bundle is None:
        pytest.skip(
            "no built bundle (dist/iss-presskit); .ci/run's packaging stage runs this test "
            "with PRESSKIT_BUNDLE set after the build"
        )
    result = subprocess.run(
        [sys.executable, str(LINUX_DEPENDS), str(bundle), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    # "not found" is the fresh-machine failure itself: a library with no package installed.
    assert result.returncode == 0, f"linux_depends.py failed:\n{result.stderr}"
    derived = json.loads(result.stdout)["packages"]
    assert derived, "linux_depends.py derived no package at all: the analysis is broken"
    missing = sorted(set(derived) - set(ci_packages()))
    assert not missing, (
        f"the bundle links libraries of packages .ci/run does not install: {missing}; "
        "add them to its packages=( … ) list"
    )
