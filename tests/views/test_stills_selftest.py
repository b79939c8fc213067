"""The self-test's ``stills`` check: the grid's visible thumbnails made through the real
pipeline, and one image of each accepted format (written by Qt at run time) decoded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.model.loader import load_press_kit
from app.selftest import PASS, CheckFailed, SelfTestContext, _check_stills, run_checks

FULL_KIT = Path(__file__).resolve().parents[1] / "data" / "kits" / "full"


def _context(kit_dir: Path) -> SelfTestContext:
    return SelfTestContext(kit_dir, load_press_kit(kit_dir))


def test_visible_thumbnails_are_made_and_each_format_decodes(qapp) -> None:
    detail = _check_stills(_context(FULL_KIT))
    assert detail is not None
    assert detail.startswith("3 visible thumbnails of 3 made in ")
    assert detail.endswith("; JPEG, PNG and WebP decode")


def test_a_visible_still_that_cannot_be_decoded_fails_the_check(qapp, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    shutil.copytree(FULL_KIT, kit)
    (kit / "stills" / "02.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)  # header only
    with pytest.raises(CheckFailed, match=r"1 visible stills cannot be shown; first: stills/02"):
        _check_stills(_context(kit))


def test_a_kit_without_stills_still_checks_the_formats(qapp, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "presskit.yaml").write_text(
        "format: presskit/1\nfilm: {title: T}\nsynopsis: {short: s}\n", encoding="utf-8"
    )
    assert _check_stills(_context(kit)) == "the kit has no stills; JPEG, PNG and WebP decode"


def test_a_missing_image_plugin_fails_the_check(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a trimmed bundle without the WebP plugin would: Qt cannot write (or read) the format.
    real_save = QImage.save

    def save_without_webp(image: QImage, path: str, image_format: str, *args: object) -> bool:
        return image_format != "WEBP" and real_save(image, path, image_format, *args)

    monkeypatch.setattr(QImage, "save", save_without_webp)
    with pytest.raises(CheckFailed, match="cannot write a WEBP image"):
        _check_stills(_context(FULL_KIT))


def test_run_checks_reports_the_stills_check(qapp) -> None:
    checks = {check["name"]: check for check in run_checks(FULL_KIT)["checks"]}  # type: ignore[union-attr]
    assert checks["stills"]["status"] == PASS
