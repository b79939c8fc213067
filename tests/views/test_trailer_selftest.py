"""The self-test's ``trailer`` check: real decoding through TrailerPlayer, bounded in time."""

from __future__ import annotations

import time

import pytest

from app.model.loader import load_press_kit
from app.selftest import (
    FAIL,
    PASS,
    SKIP,
    CheckFailed,
    CheckSkipped,
    SelfTestContext,
    _check_trailer,
    run_checks,
)


def _context(kit_dir) -> SelfTestContext:
    return SelfTestContext(kit_dir, load_press_kit(kit_dir))


def test_trailer_check_passes_when_ten_frames_decode(qapp, write_trailer_kit) -> None:
    detail = _check_trailer(_context(write_trailer_kit()))
    assert detail is not None
    frames = int(detail.split()[0])
    assert frames >= 10 and "320×180" in detail


def test_undecodable_trailer_fails_in_seconds(qapp, write_trailer_kit) -> None:
    started = time.monotonic()
    with pytest.raises(CheckFailed, match=r"trailer/av1\.mp4: .*cannot be decoded.*\(0 frames\)"):
        _check_trailer(_context(write_trailer_kit(video="av1.mp4")))
    assert time.monotonic() - started < 8


@pytest.mark.parametrize(
    ("video", "missing", "reason"),
    [("garbage.mp4", False, "damaged"), ("valid.mp4", True, "does not exist")],
)
def test_broken_or_missing_trailer_fails(qapp, write_trailer_kit, video, missing, reason) -> None:
    with pytest.raises(CheckFailed, match=reason):
        _check_trailer(_context(write_trailer_kit(video=video, missing=missing)))


def test_kit_without_trailer_is_skipped(qapp, write_trailer_kit) -> None:
    with pytest.raises(CheckSkipped, match="no trailer"):
        _check_trailer(_context(write_trailer_kit(video=None)))


def test_run_checks_reports_the_trailer_check(qapp, write_trailer_kit) -> None:
    statuses = {
        check["name"]: check["status"]
        for check in run_checks(write_trailer_kit())["checks"]  # type: ignore[union-attr]
    }
    assert statuses["trailer"] == PASS
    no_trailer = run_checks(write_trailer_kit(video=None))
    trailer = [c for c in no_trailer["checks"] if c["name"] == "trailer"]  # type: ignore[union-attr]
    assert trailer[0]["status"] == SKIP and trailer[0]["status"] != FAIL
