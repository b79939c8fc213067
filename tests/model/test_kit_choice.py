"""Which kit opens: the one asked for, else the bundled kit — one rule for the viewer at start-up,
the viewer after a failed open, and booth mode."""

from __future__ import annotations

from pathlib import Path

from app.model.kit_choice import open_kit_or_bundled
from app.paths import bundled_kit_dir


def test_the_kit_asked_for_opens(full_kit: Path) -> None:
    choice = open_kit_or_bundled(full_kit)
    assert choice.opened is not None
    assert choice.opened.location == full_kit
    assert choice.failure is None and not choice.fell_back


def test_no_kit_asked_for_opens_the_bundled_kit() -> None:
    choice = open_kit_or_bundled(None)
    assert choice.opened is not None
    assert choice.opened.location == bundled_kit_dir()
    assert choice.first_failure is None and not choice.fell_back


def test_a_kit_that_cannot_open_falls_back_and_keeps_its_failure(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "presskit.yaml").write_text("format: presskit/1\nfilm: [\n", encoding="utf-8")
    choice = open_kit_or_bundled(broken)
    assert choice.fell_back
    assert choice.opened is not None and choice.opened.location == bundled_kit_dir()
    assert choice.failure is not None and choice.failure.location == broken
    assert choice.first_failure is choice.failure


def test_a_missing_kit_falls_back_too(tmp_path: Path) -> None:
    choice = open_kit_or_bundled(tmp_path / "nowhere")
    assert choice.fell_back
    assert choice.failure is not None
    assert "no such file or folder" in str(choice.failure)


def test_when_the_bundled_kit_fails_too_nothing_opens(tmp_path: Path) -> None:
    choice = open_kit_or_bundled(tmp_path / "nowhere", bundled=tmp_path / "no-bundle")
    assert choice.opened is None and not choice.fell_back
    assert choice.failure is not None and choice.bundled_failure is not None
    assert choice.first_failure is choice.failure
    alone = open_kit_or_bundled(None, bundled=tmp_path / "no-bundle")
    assert alone.failure is None and alone.first_failure is alone.bundled_failure
