"""The manifest file itself obeys the rules of every kit file: a regular file inside the kit,
read no further than the size limit. A FIFO must not hang the loader, a link to /dev/zero must
not be read for gigabytes, and every refusal is one message naming presskit.yaml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.model.kit_paths import UnreadableFile, read_regular_file
from app.model.loader import load_press_kit
from app.model.manifest_yaml import MAX_MANIFEST_BYTES
from app.model.problems import KitLoadError
from app.model.validate import validate_kit

REPO = Path(__file__).resolve().parents[2]
GOOD = b"format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def refusal(root: Path) -> list[str]:
    with pytest.raises(KitLoadError) as caught:
        load_press_kit(root)
    return [p.format() for p in caught.value.problems]


@posix_only
def test_a_fifo_manifest_is_refused_without_blocking(tmp_path: Path) -> None:
    # Run in a child with a deadline: if the open or the read blocked, the child would be
    # killed and the test fails on its return code instead of hanging the suite.
    os.mkfifo(tmp_path / "presskit.yaml")
    code = (
        "import sys; from pathlib import Path\n"
        "from app.model.loader import load_press_kit\n"
        "from app.model.problems import KitLoadError\n"
        "try:\n    load_press_kit(Path(sys.argv[1]))\n"
        "except KitLoadError as exc:\n    print(exc.problems[0].format())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "presskit.yaml: error: is a named pipe (FIFO), not a regular file"
    )


@posix_only
def test_a_link_to_dev_zero_is_refused_by_type(tmp_path: Path) -> None:
    (tmp_path / "presskit.yaml").symlink_to("/dev/zero")
    # /dev/zero lies outside the kit, which is said first: the link is never opened.
    assert refusal(tmp_path) == [
        "presskit.yaml: error: is a symbolic link that leaves the kit folder; "
        "the manifest must be inside it"
    ]


@posix_only
def test_a_device_read_directly_is_refused_by_type_not_read() -> None:
    with pytest.raises(UnreadableFile, match="is a device, not a regular file"):
        read_regular_file(Path("/dev/zero"), 10, str)


def test_a_link_to_a_manifest_outside_the_kit_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(GOOD)
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "presskit.yaml").symlink_to(outside)
    assert refusal(kit) == [
        "presskit.yaml: error: is a symbolic link that leaves the kit folder; "
        "the manifest must be inside it"
    ]


def test_a_link_to_a_manifest_inside_the_kit_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(GOOD)
    (tmp_path / "presskit.yaml").symlink_to("real.yaml")
    assert load_press_kit(tmp_path).kit.film.title == "T"


def test_a_folder_named_presskit_yaml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "presskit.yaml").mkdir()
    assert refusal(tmp_path) == ["presskit.yaml: error: is a folder, not a file"]
    _result, problems = validate_kit(tmp_path)
    assert [p.format() for p in problems] == ["presskit.yaml: error: is a folder, not a file"]


def test_a_huge_manifest_is_refused_after_reading_no_more_than_the_limit(
    tmp_path: Path,
) -> None:
    manifest = tmp_path / "presskit.yaml"
    # Sparse: 3 GB on paper, nothing on disk; reading it whole would take the test's memory.
    with manifest.open("wb") as sink:
        sink.truncate(3 * 1024**3)
    assert refusal(tmp_path) == [
        f"presskit.yaml: error: the manifest is {3 * 1024**3:,} bytes; "
        f"the limit is {MAX_MANIFEST_BYTES:,}"
    ]
    # The size in the message is the file's, though no more than limit + 1 bytes were read.
    with pytest.raises(UnreadableFile, match=f"^{3 * 1024**3}$"):
        read_regular_file(manifest, 100, str)


def test_a_manifest_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    padding = MAX_MANIFEST_BYTES - len(GOOD) - 2
    (tmp_path / "presskit.yaml").write_bytes(GOOD + b"#" + b"x" * padding + b"\n")
    assert load_press_kit(tmp_path).kit.film.title == "T"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads all")
def test_an_unreadable_manifest_is_one_message(tmp_path: Path) -> None:
    manifest = tmp_path / "presskit.yaml"
    manifest.write_bytes(GOOD)
    manifest.chmod(0)
    assert refusal(tmp_path) == ["presskit.yaml: error: cannot be read (Permission denied)"]
