"""``presskit diff OLD NEW`` as a publicist runs it: real editions on disk (folders and zips),
the lines printed, the exit status, and what reaches the terminal from hostile kit text."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest

from app.main import main
from tests.test_cli import REPO, assert_no_traceback, run_cli

NIGHT_ORBIT = Path(__file__).resolve().parent / "data" / "kits" / "night-orbit"


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def edition(
    root: Path, *replacements: tuple[str, str], files: dict[str, bytes] | None = None
) -> Path:
    """A copy of Night Orbit at ``root`` with its manifest and files edited."""
    shutil.copytree(NIGHT_ORBIT, root)
    manifest = root / "presskit.yaml"
    text = manifest.read_text(encoding="utf-8")
    for before, after in replacements:
        assert before in text, before
        text = text.replace(before, after, 1)
    manifest.write_text(text, encoding="utf-8")
    for name, content in (files or {}).items():
        (root / name).write_bytes(content)
    return root


def zipped(folder: Path, archive: Path, top: str = "night-orbit/") -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, top + path.relative_to(folder).as_posix())
    return archive


def diff(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str], str]:
    status = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    return status, out.splitlines(), err


def test_identical_editions_exit_0_with_nothing_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = edition(tmp_path / "copy")
    assert diff(capsys, NIGHT_ORBIT, copy) == (0, [], "")
    assert diff(capsys, NIGHT_ORBIT, NIGHT_ORBIT) == (0, [], "")


def test_a_zip_and_a_folder_of_the_same_edition_say_the_same_and_leave_no_temporary_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = zipped(NIGHT_ORBIT, tmp_path / "night-orbit.zip")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert diff(capsys, archive, NIGHT_ORBIT) == (0, [], "")
    assert diff(capsys, NIGHT_ORBIT, archive) == (0, [], "")
    assert diff(capsys, archive, archive) == (0, [], "")
    assert list(temp.iterdir()) == []


def test_a_caption_a_replaced_still_and_a_new_embargo_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    still = (NIGHT_ORBIT / "stills" / "03.jpg").read_bytes()
    regraded = still[:-10] + bytes([still[-10] ^ 0x55]) + still[-9:]  # same size, other bytes
    new = edition(
        tmp_path / "new",
        ("caption: Berg and Lind in the cockpit.", "caption: Lind and Berg in the cockpit."),
        (
            "alt: A dark green frame with a horizon line.",
            "alt: A dark green frame with a horizon line.\n    embargo: 2030-02-01T08:00:00+01:00",
        ),
        files={"stills/03.jpg": regraded},
    )
    expected = [
        'stills #2 caption: "Berg and Lind in the cockpit." → "Lind and Berg in the cockpit."',
        "stills #3: replaced stills/03.jpg (same name, different content)",
        "stills #3 embargo: added 2030-02-01T08:00:00+01:00",
    ]
    assert diff(capsys, NIGHT_ORBIT, new) == (1, expected, "")
    # The new edition zipped says the same; and the order never depends on the run.
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert diff(capsys, NIGHT_ORBIT, zipped(new, tmp_path / "new.zip")) == (1, expected, "")
    assert list(temp.iterdir()) == []


def test_credits_and_a_translation_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edition(
        tmp_path / "new",
        ("role: Commander Lind", "role: Captain Lind"),
        ("    - {name: Jonas Example, job: Screenplay}\n", ""),
        ("credits:\n  cast:\n", "credits:\n  cast:\n    - {name: Liv Example, role: Narrator}\n"),
        ("title: Orbite de nuit", "title: Orbite nocturne"),
    )
    status, out, err = diff(capsys, NIGHT_ORBIT, new)
    assert (status, err) == (1, "")
    assert out == [
        'title (fr): "Orbite de nuit" → "Orbite nocturne"',
        'credits cast #1: added "Liv Example as Narrator"',
        'credits cast #2: "Ola Example as Commander Lind" → "Ola Example as Captain Lind"',
        'credits crew #2: removed "Screenplay — Jonas Example"',
    ]


HOSTILE = '"Berg\\nand \\x1b[2J\\u202eLind\\x07\\r in the \\x9b31m cockpit.\\u2028"'


def test_hostile_text_is_printed_on_one_line_with_its_controls_made_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edition(
        tmp_path / "new",
        ("caption: Berg and Lind in the cockpit.", f"caption: {HOSTILE}"),
        ("heading: Director's statement", 'heading: "Statement\\x1b]0;pwned\\x07"'),
    )
    status, out, err = diff(capsys, NIGHT_ORBIT, new)
    assert (status, err) == (1, "")
    assert out == [
        'stills #2 caption: "Berg and Lind in the cockpit." → '
        '"Berg\\nand \\x1b[2J\\u202eLind\\x07\\r in the \\x9b31m cockpit.\\u2028"',
        'notes #1 "Statement\\x1b]0;pwned\\x07": '
        '"Director\'s statement\\n\\n*Night Orbit* began with a…" → '
        '"Statement\\x1b]0;pwned\\x07\\n\\n*Night Orbit* began with a…"',
    ]
    for line in out:
        assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") for ch in line)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["OLD"],
        ["OLD", "NEW", "THIRD"],
        ["--bogus", "OLD", "NEW"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = {"OLD": str(NIGHT_ORBIT), "NEW": str(NIGHT_ORBIT)}
    status, out, err = diff(capsys, *[paths.get(arg, arg) for arg in args])
    assert (status, out) == (2, [])
    assert "presskit diff" in err


def test_an_edition_that_does_not_open_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = diff(capsys, tmp_path / "missing", NIGHT_ORBIT)
    assert (status, out) == (2, [])
    assert "missing" in err and "no such file or folder" in err

    refused = edition(tmp_path / "refused", ("format: presskit/1.1", "format: presskit/9"))
    status, out, err = diff(capsys, NIGHT_ORBIT, refused)
    assert (status, out) == (2, [])
    assert "presskit.yaml" in err and "presskit/9" in err

    broken_zip = tmp_path / "broken.zip"
    broken_zip.write_bytes(b"PK\x03\x04 not really a zip")
    status, out, err = diff(capsys, broken_zip, NIGHT_ORBIT)
    assert (status, out) == (2, [])
    assert "broken.zip" in err

    # Both editions broken: both reasons, one a line, each naming its file.
    status, out, err = diff(capsys, tmp_path / "gone-old", tmp_path / "gone-new")
    assert (status, out) == (2, [])
    assert "gone-old" in err and "gone-new" in err and len(err.splitlines()) == 2


def test_an_edition_with_errors_is_compared_and_said_to_have_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = edition(tmp_path / "new", ("file: stills/03.jpg", "file: stills/04.jpg"))
    status, out, err = diff(capsys, NIGHT_ORBIT, new)
    assert status == 1
    assert out[0] == 'stills #3: removed stills/03.jpg "Ground control at dawn."'
    assert out[1].startswith("stills #3: added stills/04.jpg")
    assert "opens with 1 error" in err and "presskit validate" in err


def test_a_real_process_prints_the_changes(tmp_path: Path) -> None:
    new = edition(tmp_path / "new", ('rating: "12 — for peril"', 'rating: "15 — for peril"'))
    completed = run_cli("diff", str(NIGHT_ORBIT), str(new))
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == ['facts Rating: "12 — for peril" → "15 — for peril"']
    assert completed.stderr == ""


def test_the_readme_example_is_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ presskit diff night-orbit-v3.zip night-orbit-v4/\n"
    block = readme.split(command, 1)[1].split("```", 1)[0]
    zipped(NIGHT_ORBIT, tmp_path / "night-orbit-v3.zip")
    still = (NIGHT_ORBIT / "stills" / "03.jpg").read_bytes()
    edition(
        tmp_path / "night-orbit-v4",
        ("version: 3", "version: 4"),
        ("caption: Berg and Lind in the cockpit.", "caption: Lind and Berg in the cockpit."),
        (
            "alt: A dark green frame with a horizon line.",
            "alt: A dark green frame with a horizon line.\n    embargo: 2030-02-01T08:00:00+01:00",
        ),
        ("    - {name: Sunniva Example, role: Ground control}\n", ""),
        files={"stills/03.jpg": still[:-10] + bytes([still[-10] ^ 0x55]) + still[-9:]},
    )
    monkeypatch.chdir(tmp_path)
    status, out, err = diff(capsys, "night-orbit-v3.zip", "night-orbit-v4/")
    assert (status, err) == (1, "")
    assert out == block.splitlines()
