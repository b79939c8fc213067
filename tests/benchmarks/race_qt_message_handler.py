"""Reproduces issue 16's crash and hang outside pytest: a Python Qt message handler, installed and
uninstalled over and over (as pytest-qt's log capture does around each test), while Qt's FFmpeg
media threads log.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/race_qt_message_handler.py [s] [--no-handler]

``--no-handler`` is the control: the same players and restarts, no Python handler.

PySide6 runs a Python message handler on the thread that logs, after taking the GIL. Two ends:

* a media thread that logged just before ``qInstallMessageHandler(None)`` calls the NULL handler
  once it has the GIL: "Fatal Python error: Segmentation fault" in a thread with no Python frame;
* the main thread inside ``QMediaPlayer.stop()`` (GIL held) waits for the audio renderer thread,
  which waits for the GIL in the handler ("No audio device detected"): a hang (gdb: main in
  QLatch::waitInternal under QMediaPlayer.stop, "QFFmpeg::AudioR" in take_gil under
  QMessageLogger::warning).

On the machine of issue 16 (2 cores, shared): 4 of 4 runs of 30 s hung (after 4,000-6,000
toggles), and an earlier version of this script (players not primed) died of the segmentation
fault in its first run; the control survived 2 of 2 runs of 30 s, restarting the players
9,000 times each. A run that survives
prints "survived". The players are primed as TrailerPlayer primes its own
(app.media.qt_workarounds), so the only Python code a media thread can need is the handler.
The test suite runs with ``--no-qt-log`` (pyproject.toml) for this reason.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink
from PySide6.QtWidgets import QApplication

from app.media.qt_workarounds import prime_override_lookups

VIDEO = Path(__file__).resolve().parents[1] / "data" / "media" / "valid.mp4"
RESTART_EVERY = 200  # toggles between restarts of the players (each start logs)


def main() -> None:
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    seconds = float(arguments[0]) if arguments else 30.0
    with_handler = "--no-handler" not in sys.argv
    faulthandler.enable()
    faulthandler.dump_traceback_later(seconds + 15, exit=True)  # a hang names itself
    app = QApplication([])
    messages = [0]

    def handler(_kind: QtMsgType, _context: QMessageLogContext, _text: str) -> None:
        messages[0] += 1

    players = []
    for _ in range(3):
        player, audio, sink = QMediaPlayer(), QAudioOutput(), QVideoSink()
        prime_override_lookups(player, audio, sink)
        player.setAudioOutput(audio)
        player.setVideoSink(sink)
        player.setSource(QUrl.fromLocalFile(str(VIDEO)))
        player.setLoops(QMediaPlayer.Loops.Infinite)
        player.play()
        players.append((player, audio, sink))
    deadline = time.monotonic() + seconds
    toggles = 0
    while time.monotonic() < deadline:
        if with_handler:
            qInstallMessageHandler(handler)
        app.processEvents()
        if with_handler:
            qInstallMessageHandler(None)  # pytest-qt's _stop() after a test
        toggles += 1
        if toggles % RESTART_EVERY == 0:
            for player, _audio, _sink in players:
                player.stop()
                player.play()
        if toggles % 2000 == 0:
            print(f"{toggles} toggles, {messages[0]} messages", flush=True)
    print(f"survived {toggles} toggles ({messages[0]} messages)", flush=True)
    os._exit(0)  # the players are still running: no interpreter teardown


if __name__ == "__main__":
    main()
