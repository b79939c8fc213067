"""``presskit export KIT -o OUT …``: exit codes, ``left out:`` lines, OUT and --force, --zip,
and embargo judged by the clock (the real one in a real process, a fixed one in-process)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.commands.export_command import run_export
from app.main import main
from app.model.image_metadata import read_metadata
from app.model.loader import load_press_kit
from app.model.picks import Change, PicksStore
from app.model.story_pack import PackOptions
from app.model.times import FixedWallClock
from tests.test_cli import FULL_KIT, REPO, assert_no_traceback, run_cli
from tests.test_search_cli import opened_by_viewer  # noqa: F401  (the fixture, shared)

NIGHT_ORBIT = REPO / "tests" / "data" / "kits" / "night-orbit"
KIT_EMBARGO = "  embargo: 2030-01-10T09:00:00-05:00\n"


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def night_orbit(tmp_path: Path) -> Path:
    """The night-orbit kit as it is: under the kit's embargo until 10 Jan 2030."""
    return Path(shutil.copytree(NIGHT_ORBIT, tmp_path / "night-orbit"))


@pytest.fixture
def lifted(night_orbit: Path) -> Path:
    """The night-orbit kit without the kit's own embargo: still 1 keeps its 2099 one."""
    manifest = night_orbit / "presskit.yaml"
    text = manifest.read_text("utf-8")
    assert text.count(KIT_EMBARGO) == 1
    manifest.write_text(text.replace(KIT_EMBARGO, ""), "utf-8")
    return night_orbit


def entries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_real_process_writes_the_pack_and_names_what_it_left_out(
    lifted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    completed = run_cli("export", str(lifted), "-o", str(out), "--artwork", "1,2")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "left out: stills #1: under embargo until 1 Jan 2099, 00:00 UTC"
    assert lines[-1] == f"wrote {out}: 4 images, 10 files"
    names = entries(out)
    assert "night-orbit_still02_berg-and-lind-in-the-cockpit.jpg" in names
    assert not [name for name in names if "still01" in name]
    assert {"one-sheet.pdf", "contact-sheet.pdf", "credits.csv", "README.txt"} <= set(names)
    found = read_metadata(out / "night-orbit_still02_berg-and-lind-in-the-cockpit.jpg")
    assert found.people == ("Ola Example", "Åsmund Ødegård-Example")
    assert_no_traceback(completed.stdout, completed.stderr)
    assert entries(tmp_path) == ["night-orbit", "pack", "state"]


def test_a_kit_under_embargo_writes_nothing(night_orbit: Path, tmp_path: Path) -> None:
    completed = run_cli("export", str(night_orbit), "-o", str(tmp_path / "pack"), "--zip")
    assert completed.returncode == 1
    assert completed.stderr.strip() == (
        "presskit export: the kit is under embargo until 10 Jan 2030, 09:00 UTC−05:00; "
        "nothing was written"
    )
    assert completed.stdout == ""
    assert entries(tmp_path) == ["night-orbit", "state"]


def test_the_clock_decides(night_orbit: Path, tmp_path: Path, capsys) -> None:
    before = FixedWallClock(dt.datetime(2030, 1, 10, 13, 59, tzinfo=dt.timezone.utc))
    after = FixedWallClock(dt.datetime(2030, 1, 10, 14, 0, tzinfo=dt.timezone.utc))
    out = tmp_path / "pack"
    assert run_export(night_orbit, out, PackOptions(), clock=before) == 1
    assert not out.exists()
    assert run_export(night_orbit, out, PackOptions(), clock=after) == 0
    printed = capsys.readouterr().out
    assert "left out: stills #1: under embargo until 1 Jan 2099, 00:00 UTC" in printed
    # Still 2's embargo passed in 2024: the still is in the pack, its embargo nowhere.
    assert [name for name in entries(out) if "still02" in name]
    for name in entries(out):
        data = (out / name).read_bytes()
        if name.endswith(".pdf") and shutil.which("pdftotext"):
            # The PDFs' text is compressed: read it as a reader would copy it.
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(out / name), "-"],
                capture_output=True,
                check=True,
            ).stdout
            assert b"mbargo" not in text and b"10 Jan" not in text, name
        assert b"2024-05-01" not in data and b"2030-01-10" not in data, name
        assert b"mbargo" not in data, name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{out}"], "the following arguments are required: KIT"),
        (["{kit}"], "the following arguments are required: -o/--output"),
        (["{kit}", "-o", "{out}", "--stills", "one"], "--stills: 'one' is not 'all', 'picks'"),
        (["{kit}", "-o", "{out}", "--artwork", "1,x"], "--artwork: '1,x' is not 'none', 'all'"),
        (["{kit}", "-o", "{out}", "--stills", "4"], "stills #4: no such stills (the kit has 3)"),
        (["{kit}", "-o", "{out}", "--artwork", "0"], "artwork #0: no such artwork"),
        (["{kit}", "-o", "{out}", "--size", "huge"], "invalid choice: 'huge'"),
        (["{kit}/nothing-here", "-o", "{out}"], "nothing-here"),
        (["{kit}", "-o", "{out}/no/such/folder"], "is not a folder"),
        (["{kit}", "-o", "{kit}"], "exists; add --force to replace it"),
        (["{kit}", "-o", "{kit}", "--force"], "would replace the kit itself"),
        (["{kit}", "-o", "{kit}/..", "--force"], "would replace the kit itself"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    lifted: Path, tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    before = entries(tmp_path)
    kit_files = entries(lifted)
    argv = [arg.format(kit=lifted, out=tmp_path / "pack") for arg in args]
    assert main(["export", *argv]) == 2
    captured = capsys.readouterr()
    assert message in captured.err, captured.err
    assert_no_traceback(captured.out, captured.err)
    assert entries(tmp_path) == before and entries(lifted) == kit_files


def test_out_existing_needs_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack"
    out.mkdir()
    (out / "old.txt").write_text("an earlier pack")
    assert main(["export", str(FULL_KIT), "-o", str(out)]) == 2
    assert entries(out) == ["old.txt"]
    assert main(["export", str(FULL_KIT), "-o", str(out), "--force", "--size", "web"]) == 0
    assert "old.txt" not in entries(out)
    assert all(name.endswith((".jpg", ".txt", ".csv", ".pdf")) for name in entries(out))
    assert set(entries(tmp_path)) - {"state"} == {"pack"}


def test_a_zip_kit_is_never_replaced_by_its_own_pack(tmp_path: Path, capsys) -> None:
    kit = tmp_path / "kit.zip"
    with zipfile.ZipFile(kit, "w") as archive:
        for path in sorted(FULL_KIT.rglob("*")):
            archive.write(path, f"full/{path.relative_to(FULL_KIT)}")
    data = kit.read_bytes()
    assert main(["export", str(kit), "-o", str(kit), "--zip", "--force"]) == 2
    assert "would replace the kit itself" in capsys.readouterr().err
    assert kit.read_bytes() == data


def test_zip(lifted: Path, tmp_path: Path) -> None:
    out = tmp_path / "night orbit.zip"
    assert main(["export", str(lifted), "-o", str(out), "--zip", "--stills", "3,2"]) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert names[:2] == [
        "night orbit/night-orbit_still03_ground-control-at-dawn.jpg",
        "night orbit/night-orbit_still02_berg-and-lind-in-the-cockpit.jpg",
    ]
    assert "night orbit/README.txt" in names


def test_picks_are_the_ones_the_viewer_stored(lifted: Path, tmp_path: Path) -> None:
    kit = load_press_kit(lifted).kit
    PicksStore.for_kit(kit).apply(Change(flag="picked"), [kit.stills[2], kit.stills[0]])
    PicksStore.for_kit(kit).apply(Change(stars=5), [kit.stills[1]])  # rated, not picked
    out = tmp_path / "pack"
    completed = run_cli(
        "export",
        str(lifted),
        "-o",
        str(out),
        "--stills",
        "picks",
        env={"XDG_DATA_HOME": os.environ["XDG_DATA_HOME"]},
    )
    assert completed.returncode == 0, completed.stderr
    # Still 1 is picked but under its own embargo: left out all the same.
    assert completed.stdout.splitlines()[0].startswith("left out: stills #1: under embargo")
    images = [name for name in entries(out) if name.endswith(".jpg")]
    assert images == ["night-orbit_still03_ground-control-at-dawn.jpg"]
    # The journalist's marks are never written into a file of the pack (facts.txt does name
    # the film's age rating: that is the kit's).
    for name in entries(out):
        data = (out / name).read_bytes()
        assert b"picked" not in data and b"stars" not in data, name
        if name.endswith(".jpg"):
            assert b"Rating" not in data, name


def test_picks_with_nothing_picked_exports_nothing(lifted: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(lifted), "-o", str(tmp_path / "pack"), "--stills", "picks"]) == 1
    assert "no stills are picked in this kit" in capsys.readouterr().err
    assert not (tmp_path / "pack").exists()


@pytest.mark.parametrize(
    "args", [["./export"], ["export/"], ["--", "export"], ["--verbose", "export"]]
)
def test_export_anywhere_but_first_is_a_kit_path(
    args: list[str],
    opened_by_viewer: list[Path | None],  # noqa: F811
) -> None:
    assert main(args) == 0
    assert opened_by_viewer == [Path("export")]


def test_export_is_a_command_word_only_first(tmp_path: Path, capsys) -> None:
    assert main(["export", "--help"]) == 0
    assert "--stills all|picks|N,N..." in capsys.readouterr().out
    # As a later argument it is a kit's name: the viewer's grammar refuses two kits.
    assert main([str(FULL_KIT), "export"]) == 2
