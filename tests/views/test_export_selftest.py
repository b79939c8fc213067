"""The self-test's ``export`` check: a one-still story pack written by the real engine and its
metadata read back; skipped, not failed, when nothing in the kit may be published yet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.selftest import CheckFailed, CheckSkipped, SelfTestContext, _check_export

DATA = Path(__file__).resolve().parents[1] / "data" / "kits"


def _context(kit_dir: Path) -> SelfTestContext:
    return SelfTestContext(kit_dir, load_press_kit(kit_dir))


def test_a_one_still_pack_is_written_and_read_back(qapp) -> None:
    assert _check_export(_context(DATA / "full")) == (
        "stills #1 exported with 7 files; its metadata reads back"
    )


def test_a_kit_under_embargo_is_skipped_with_the_reason(qapp) -> None:
    # The night-orbit kit is under embargo until 2030.
    with pytest.raises(CheckSkipped, match="under embargo until 10 Jan 2030"):
        _check_export(_context(DATA / "night-orbit"))


def test_a_still_that_cannot_carry_metadata_fails_the_check(qapp, tmp_path: Path) -> None:
    kit = Path(shutil.copytree(DATA / "full", tmp_path / "kit"))
    # The JPEG's header passes the loader's check, its segments are damaged: the writer
    # refuses it, and a pack of it alone has nothing to hold.
    data = (kit / "stills" / "01.jpg").read_bytes()
    (kit / "stills" / "01.jpg").write_bytes(data[:4] + b"\xff\xff" + data[6:40])
    with pytest.raises(CheckFailed, match="stills #1: nothing can be exported"):
        _check_export(_context(kit))
