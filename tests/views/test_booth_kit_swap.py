"""Issue 16: the booth swaps kits opened from archives while the attract loop's trailer plays,
again and again, and then is left; nothing may crash and nothing may pile up.

What these tests hold the swap to: the old kit's extraction folder is removed only once the
loop's player has let go of its file; a swap leaves one media player, not one more each time,
and no media threads behind; the window, once left and deleted, leaves no player alive.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import shiboken6
from booth_support import MEDIA, write_booth_kit
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QWidget

from app.media.trailer_player import TrailerPlayer
from app.model.archive import ExtractedKit
from app.model.opening import open_kit_location
from app.views.booth.booth_window import BoothWindow
from app.views.trailer.video_canvas import VideoCanvas

SWAPS = 8


def zipped_kit(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                out.write(file, file.relative_to(folder).as_posix())
    return archive


@pytest.fixture
def kit_archives(tmp_path: Path) -> list[Path]:
    folder = write_booth_kit(tmp_path / "kit")
    return [zipped_kit(folder, tmp_path / f"edition-{n}.zip") for n in (1, 2)]


def live_players(window: BoothWindow) -> list[QMediaPlayer]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return window.findChildren(QMediaPlayer)


def wait_for_trailer_frames(qtbot, window: BoothWindow) -> TrailerPlayer:
    def playing() -> bool:
        player = window.attract.player
        return player is not None and player.frames_seen > 0

    qtbot.waitUntil(playing, timeout=15_000)
    assert window.attract.player is not None
    return window.attract.player


def thread_count() -> int:
    """The process's native threads (Linux; elsewhere 0, and the check holds trivially)."""
    tasks = Path("/proc/self/task")
    return len(os.listdir(tasks)) if tasks.is_dir() else 0


def test_an_old_kit_is_removed_only_after_its_trailer_let_go_of_it(
    qtbot, make_booth, kit_archives: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_booth(kit_archives[0], pin=None)
    still_reading: list[str] = []
    removed: list[Path] = []
    real_cleanup = ExtractedKit.cleanup

    def checked_cleanup(extracted: ExtractedKit) -> None:
        # Any player still holding a file of the folder about to go.
        for player in window.findChildren(QMediaPlayer):
            source = player.source().toLocalFile()
            if source and Path(source).is_relative_to(extracted.temp_dir):
                still_reading.append(source)
        removed.append(extracted.temp_dir)
        real_cleanup(extracted)

    monkeypatch.setattr(ExtractedKit, "cleanup", checked_cleanup)
    wait_for_trailer_frames(qtbot, window)
    for swap in range(SWAPS):
        window.show_kit(open_kit_location(kit_archives[(swap + 1) % 2]))
        window.attract.start()
        wait_for_trailer_frames(qtbot, window)
    assert len(removed) == SWAPS
    assert still_reading == []


def test_kit_swaps_with_a_playing_trailer_leave_one_player_and_no_media_threads(
    qtbot, make_booth, kit_archives: list[Path]
) -> None:
    window = make_booth(kit_archives[0], pin=None)
    wait_for_trailer_frames(qtbot, window)
    window.show_kit(open_kit_location(kit_archives[1]))
    window.attract.start()
    wait_for_trailer_frames(qtbot, window)
    threads_after_one_swap = thread_count()
    every_player: list[QMediaPlayer] = []
    for swap in range(SWAPS):
        window.show_kit(open_kit_location(kit_archives[swap % 2]))
        window.attract.start()
        player = wait_for_trailer_frames(qtbot, window)
        every_player.append(player.player)
        assert live_players(window) == [player.player]
        # The old player's sink went to the new one; the old one holds none.
        assert player.player.videoSink() is window.attract.video.video_sink()
    # Each player's demux, decode and render threads end with it. Pool threads come and go,
    # so a little slack; a leak would be several threads per swap.
    assert thread_count() <= threads_after_one_swap + 3

    # Left: every player of the loop has been deleted, the last one too.
    window.leave()
    assert live_players(window) == []
    assert not any(shiboken6.isValid(player) for player in every_player)


def test_a_shut_down_player_hands_the_sink_back_and_the_next_one_plays_into_it(qtbot) -> None:
    """The attract loop's order: the old player shut down, the new one attached to the same
    canvas, the old one deleted; the new one's frames reach the canvas and not the old one."""
    host = QWidget()
    qtbot.addWidget(host)
    canvas = VideoCanvas(host)
    canvas.resize(320, 180)
    host.show()
    sink = canvas.video_sink()
    players: list[TrailerPlayer] = []
    for _ in range(3):
        player = TrailerPlayer(host)
        canvas.follow(player)
        player.set_muted(True)
        assert player.load(MEDIA / "valid.mp4")
        player.play()
        qtbot.waitUntil(lambda player=player: player.frames_seen > 0, timeout=15_000)
        assert player.player.videoSink() is sink
        if players:
            players[-1].deleteLater()  # after the new one took the sink, as the loop does
        players.append(player)
        frames_when_shut = player.frames_seen
        player.shutdown()
        assert player.player.videoSink() is None
        assert player.player.source().isEmpty()
        assert not player.current_frame().isValid()
    newest = TrailerPlayer(host)
    canvas.follow(newest)
    newest.set_muted(True)
    assert newest.load(MEDIA / "valid.mp4")
    newest.play()
    qtbot.waitUntil(lambda: newest.frames_seen > 1, timeout=15_000)
    assert players[-1].frames_seen == frames_when_shut  # its relay no longer hears the sink
    assert newest.current_frame().isValid()
    newest.shutdown()
