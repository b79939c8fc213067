"""``TrailerPlayer.load_trailer``: the one call every front end uses to open the kit's trailer
with its captions, turning a manifest problem or unusable captions into words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtMultimedia import QVideoSink

from app.media.trailer_player import TrailerPlayer
from app.model.loader import load_press_kit


def _trailer(kit_dir: Path):
    trailer = load_press_kit(kit_dir).kit.trailer
    assert trailer is not None
    return trailer


def _player() -> tuple[TrailerPlayer, QVideoSink]:
    player = TrailerPlayer()
    sink = QVideoSink()
    player.set_video_sink(sink)
    player.set_muted(True)
    return player, sink


@pytest.mark.parametrize("captions", ["valid.en.vtt", "valid.en.srt"])
def test_loads_the_file_and_its_captions(qtbot, write_trailer_kit, captions: str) -> None:
    player, _sink = _player()
    assert player.load_trailer(_trailer(write_trailer_kit(captions=captions)))
    assert player.captions is not None and player.captions_problem is None
    assert player.source is not None and player.source.name == "valid.mp4"
    with qtbot.waitSignal(player.first_frame_shown, timeout=5000):
        player.play()
    qtbot.waitUntil(lambda: player.caption_text() == "Ground control to I.S.S.", timeout=5000)
    player.shutdown()


def test_without_captions_file_plays_without_captions(qtbot, write_trailer_kit) -> None:
    player, _sink = _player()
    assert player.load_trailer(_trailer(write_trailer_kit(captions=None)))
    assert player.captions is None and player.captions_problem is None
    player.shutdown()


def test_unusable_captions_are_a_problem_not_a_failure(qtbot, write_trailer_kit) -> None:
    player, _sink = _player()
    assert player.load_trailer(_trailer(write_trailer_kit(captions="malformed.vtt")))
    assert player.captions is None
    assert player.captions_problem is not None and "malformed.vtt" in player.captions_problem
    assert player.failure is None
    with qtbot.waitSignal(player.first_frame_shown, timeout=5000):
        player.play()  # the trailer itself still plays
    player.shutdown()


def test_a_trailer_the_manifest_refused_fails_with_its_reason(qtbot, write_trailer_kit) -> None:
    trailer = _trailer(write_trailer_kit(missing=True))
    assert trailer.problem  # the loader names the missing file
    player, _sink = _player()
    with qtbot.waitSignal(player.failed, timeout=1000) as failed:
        assert not player.load_trailer(trailer)
    message = failed.args[0]
    assert message.startswith("The trailer cannot be played: ")
    assert trailer.problem in message
    assert player.failure == message
    player.play()  # nothing to play: no crash, no frames
    assert player.frames_seen == 0
