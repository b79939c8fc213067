"""TrailerPlayer with real QtMultimedia decoding (offscreen): frames counted at the video sink."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QVideoSink

from app.media.frame_probe import probe_video_frames
from app.media.trailer_player import UNDECODABLE, TrailerPlayer
from app.model.captions import read_caption_file

ROOT = Path(__file__).resolve().parents[2]
FRAME_MS = 40  # valid.mp4 is 25 fps


def _player(qtbot, path: Path, **kwargs: int) -> tuple[TrailerPlayer, QVideoSink]:
    player = TrailerPlayer(**kwargs)
    sink = QVideoSink()
    player.set_video_sink(sink)
    player.set_muted(True)
    assert player.load(path)
    return player, sink


def test_valid_fixture_decodes_frames(qtbot, media: Path) -> None:
    player, _sink = _player(qtbot, media / "valid.mp4")
    with qtbot.waitSignal(player.first_frame_shown, timeout=5000):
        player.play()
    qtbot.waitUntil(lambda: player.frames_seen >= 10, timeout=5000)
    assert player.failure is None
    assert player.duration() == pytest.approx(3000, abs=50)
    player.shutdown()


def test_seek_lands_within_two_frames(qtbot, media: Path) -> None:
    player, sink = _player(qtbot, media / "valid.mp4")
    player.play()
    qtbot.waitUntil(lambda: player.frames_seen >= 3, timeout=5000)
    player.pause()
    for target in (1500, 620, 2280):
        player.seek(target)

        def landed(target: int = target) -> bool:
            frame = sink.videoFrame()
            return frame.isValid() and abs(frame.startTime() // 1000 - target) <= 2 * FRAME_MS

        qtbot.waitUntil(landed, timeout=5000)
        assert abs(player.position() - target) <= 2 * FRAME_MS
    player.shutdown()


def test_captions_follow_the_position(qtbot, media: Path) -> None:
    player, _sink = _player(qtbot, media / "valid.mp4")
    player.set_captions(read_caption_file(media / "valid.en.vtt"))
    player.play()
    qtbot.waitUntil(lambda: player.frames_seen >= 1, timeout=5000)
    player.pause()
    with qtbot.waitSignal(player.caption_changed, timeout=5000) as blocker:
        player.seek(1600)
    assert blocker.args == ["Two lines of caption,\nthe second & last one."]
    player.seek(1100)  # between cues
    qtbot.waitUntil(lambda: player.caption_text() == "", timeout=5000)
    player.shutdown()


def test_undecodable_codec_fails_by_watchdog_in_seconds(qtbot, media: Path) -> None:
    # The wheel's FFmpeg has no AV1 decoder: Qt reports no error and delivers no frame.
    player, _sink = _player(qtbot, media / "av1.mp4", first_frame_timeout_ms=300)
    started = time.monotonic()
    with qtbot.waitSignal(player.failed, timeout=5000) as blocker:
        player.play()
    assert blocker.args == [UNDECODABLE]
    assert time.monotonic() - started < 3
    assert player.frames_seen == 0
    player.shutdown()


def test_undecodable_codec_ending_without_a_frame_is_a_failure(qtbot, media: Path) -> None:
    # With the default watchdog the 1 s AV1 file reaches its end first: still a failure.
    player, _sink = _player(qtbot, media / "av1.mp4")
    ended: list[bool] = []
    player.ended.connect(lambda: ended.append(True))
    with qtbot.waitSignal(player.failed, timeout=8000) as blocker:
        player.play()
    assert "cannot be decoded" in blocker.args[0]
    assert not ended
    player.shutdown()


def test_sound_only_file_says_so_and_plays_to_its_end(qtbot, media: Path) -> None:
    player = TrailerPlayer()
    player.set_video_sink(QVideoSink())
    player.set_muted(True)
    with qtbot.waitSignal(player.sound_only, timeout=5000):
        assert player.load(media / "sound_only.m4a")
    with qtbot.waitSignal(player.ended, timeout=8000):
        player.play()
    assert player.failure is None
    assert player.position() >= 2900


def test_truncated_midway_plays_what_it_can_then_ends(qtbot, media: Path) -> None:
    player, _sink = _player(qtbot, media / "truncated_midway.mp4")
    with qtbot.waitSignal(player.ended, timeout=8000):
        player.play()
    assert player.failure is None
    assert 10 <= player.frames_seen < 75


def test_frame_probe_counts_frames_and_reports_failures(qapp, media: Path) -> None:
    good = probe_video_frames(media / "valid.mp4", wanted_frames=10)
    assert good.error is None and good.frames >= 10
    assert (good.width, good.height) == (320, 180)
    started = time.monotonic()
    bad = probe_video_frames(media / "av1.mp4", wanted_frames=10, first_frame_timeout_ms=500)
    assert bad.frames == 0 and bad.error is not None and "cannot be decoded" in bad.error
    assert time.monotonic() - started < 5
    assert "damaged" in (probe_video_frames(media / "garbage.mp4").error or "")
    assert "sound but no picture" in (probe_video_frames(media / "sound_only.m4a").error or "")


def test_no_multimedia_backend_is_said_not_silent(tmp_path: Path, media: Path) -> None:
    # A real missing backend: a child process whose Qt plugin folder has the platform
    # plugins but no multimedia plugins, as in a bundle that left the FFmpeg plugin out.
    import PySide6

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    real_plugins = Path(PySide6.__file__).parent / "Qt" / "plugins"
    try:
        (plugins / "platforms").symlink_to(real_plugins / "platforms", target_is_directory=True)
    except OSError:  # no symlinks (Windows without developer mode): a copy does the same
        shutil.copytree(real_plugins / "platforms", plugins / "platforms")
    script = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.setLibraryPaths([sys.argv[2]])\n"
        "from app.media.headless import ensure_headless_app\n"
        "ensure_headless_app()\n"
        "from app.media.trailer_player import TrailerPlayer\n"
        "player = TrailerPlayer()\n"
        "print('available', player.player.isAvailable())\n"
        "print('loaded', player.load(Path(sys.argv[1])))\n"
        "print('failure', player.failure)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(media / "valid.mp4"), str(plugins)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "available False" in done.stdout
    assert "loaded False" in done.stdout
    assert "no multimedia backend" in done.stdout


def test_player_signals_leave_bool_reference_counts_alone(qapp) -> None:
    # PySide6 6.12.0's SignalInstance.emit()/disconnect() return True without a new
    # reference; on Python 3.11 enough calls abort the interpreter ("bool_dealloc"). The
    # dependency pin keeps that release out; this fails if an upgrade brings it back.
    player = TrailerPlayer()

    def slot() -> None:
        pass

    gc.disable()
    try:
        before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
        for _ in range(200):
            player.playing_changed.emit(True)
            player.playing_changed.emit(False)
            player.ended.connect(slot)
            player.ended.emit()
            player.ended.disconnect(slot)
        # Unrepaired, each count would drop by hundreds.
        assert sys.getrefcount(True) >= before_true - 5
        assert sys.getrefcount(False) >= before_false - 5
    finally:
        gc.enable()
