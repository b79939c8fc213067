"""``validate --deep`` decodes every video of a kit, not only the one the booth plays."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.media.deep_check import deep_check_kit
from app.model.loader import load_press_kit

DATA = Path(__file__).resolve().parents[1] / "data"
NIGHT_ORBIT = DATA / "kits" / "night-orbit"


def test_every_video_of_night_orbit_decodes(qapp) -> None:
    assert deep_check_kit(load_press_kit(NIGHT_ORBIT).kit) == []


def test_a_damaged_second_video_is_reported(qapp, tmp_path: Path) -> None:
    kit_dir = shutil.copytree(NIGHT_ORBIT, tmp_path / "kit")
    shutil.copyfile(DATA / "media" / "garbage.mp4", kit_dir / "video" / "interview.mp4")
    kit = load_press_kit(kit_dir).kit
    assert kit.trailer is not None and kit.trailer.file_text == "video/trailer.mp4"
    problems = deep_check_kit(kit)
    assert [p.file for p in problems] == ["video/interview.mp4"]
