"""The self-test's ``videos`` check: every video beside the trailer decodes for real, so a kit's
interview that cannot play fails the self-test as its trailer would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.model.loader import load_press_kit
from app.selftest import (
    PASS,
    SKIP,
    CheckFailed,
    CheckSkipped,
    SelfTestContext,
    _check_videos,
    run_checks,
)

DATA = Path(__file__).resolve().parents[1] / "data"
NIGHT_ORBIT = DATA / "kits" / "night-orbit"


def _context(kit_dir: Path) -> SelfTestContext:
    return SelfTestContext(kit_dir, load_press_kit(kit_dir))


def test_every_other_video_decodes(qapp) -> None:
    assert _check_videos(_context(NIGHT_ORBIT)) == "1 more video decoded"


def test_a_damaged_second_video_fails_naming_it(qapp, tmp_path: Path) -> None:
    kit = shutil.copytree(NIGHT_ORBIT, tmp_path / "kit")
    shutil.copyfile(DATA / "media" / "garbage.mp4", kit / "video" / "interview.mp4")
    with pytest.raises(CheckFailed, match=r"video/interview\.mp4: .*damaged"):
        _check_videos(_context(kit))
    statuses = {c["name"]: c["status"] for c in run_checks(kit)["checks"]}  # type: ignore[union-attr]
    assert statuses["trailer"] == PASS  # the booth's trailer is fine; the interview is not
    assert statuses["videos"] == "fail"


def test_one_video_passes_as_the_trailer_checks_it(qapp, write_trailer_kit) -> None:
    assert "only video" in (_check_videos(_context(write_trailer_kit())) or "")


def test_no_video_is_skipped(qapp, write_trailer_kit) -> None:
    with pytest.raises(CheckSkipped, match="no video"):
        _check_videos(_context(write_trailer_kit(video=None)))
    no_video = run_checks(write_trailer_kit(video=None))
    videos = [c for c in no_video["checks"] if c["name"] == "videos"]  # type: ignore[union-attr]
    assert videos[0]["status"] == SKIP
