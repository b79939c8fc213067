"""Regenerate the trailer test media in ``tests/data/media/`` (run by hand; outputs are committed).

Needs ffmpeg on PATH (built with libx264 and libaom-av1; 5.1 from Debian 12 was used). Every
derived file is cut from ``valid.mp4`` with fixed offsets and a fixed random seed, so a rerun
gives the same damage. Each file is at most a few hundred KB.

    .venv/bin/python tests/data/media/make_media_fixtures.py

What each file is, and how it is made:

``valid.mp4``
    3 s, 320x180, 25 fps (75 frames), H.264 (yuv420p, keyframe every 25 frames) + AAC mono 440 Hz
    sine, moov atom first (``+faststart``)::

        ffmpeg -f lavfi -i testsrc2=size=320x180:rate=25:duration=3
               -f lavfi -i sine=frequency=440:sample_rate=48000:duration=3
               -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -g 25
               -c:a aac -b:a 48k -ac 1 -movflags +faststart -shortest valid.mp4

``empty.mp4``          zero bytes.
``garbage.mp4``        8 KiB from ``random.Random(4)`` — no container at all.
``text.mp4``           a short UTF-8 text file renamed ``.mp4``.
``truncated_header.mp4``
                       the first 1024 bytes of ``valid.mp4``: ``ftyp`` and a cut-off ``moov``.
``truncated_midway.mp4``
                       the first 50 % of ``valid.mp4``: the index (moov) is whole, the media data
                       stops halfway, so about half the frames decode and then the file ends.
``corrupted_middle.mp4``
                       ``valid.mp4`` with 4 KiB from ``random.Random(7)`` written over the bytes
                       starting at 45 % of the file (inside the media data; the index is intact).
``av1.mp4``            the same picture, 1 s, AV1 (libaom-av1, ``-cpu-used 8``) + AAC. The FFmpeg
                       in the PySide6 wheel has no AV1 decoder: Qt opens the file, reports no
                       error, and delivers zero frames — the case the watchdog exists for.
``sound_only.m4a``     3 s AAC mono 440 Hz sine in an MP4 (``.m4a``) container, no video stream.
``valid.en.vtt``       WebVTT captions for ``valid.mp4``: three cues, one of two lines, with tags.
``valid.en.srt``       the same cues as SubRip.
``malformed.vtt``      a WebVTT file whose second cue has an unreadable timing line.
``poster.jpg``         frame 0 of ``valid.mp4`` as a JPEG (``-frames:v 1 -q:v 8``).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

VTT = """WEBVTT

NOTE cue times are chosen so that the middle of each cue is a safe test point.

1
00:00:00.200 --> 00:00:01.000
<v Narrator>Ground control to <b>I.S.S.</b></v>

2
00:00:01.200 --> 00:00:02.000
Two lines of caption,
the second &amp; last one.

3
00:00:02.200 --> 00:00:02.900
<i>Signal lost.</i>
"""

SRT = """1
00:00:00,200 --> 00:00:01,000
Ground control to <b>I.S.S.</b>

2
00:00:01,200 --> 00:00:02,000
Two lines of caption,
the second &amp; last one.

3
00:00:02,200 --> 00:00:02,900
<i>Signal lost.</i>
"""

MALFORMED_VTT = """WEBVTT

00:00:00.200 --> 00:00:01.000
A good first cue.

00:00:01.2OO --> soon
A cue whose timing cannot be read.
"""

TEXT_AS_MP4 = "This is a text file that someone renamed to .mp4.\nIt is not a video.\n"


def ffmpeg(*args: str) -> None:
    command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args]
    print("+", " ".join(command))
    subprocess.run(command, check=True)


def main() -> None:
    if shutil.which("ffmpeg") is None:
        sys.exit("ffmpeg is needed to regenerate the test media")
    valid = HERE / "valid.mp4"
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=3"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3"),
        *("-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p"),
        *("-g", "25", "-c:a", "aac", "-b:a", "48k", "-ac", "1"),
        *("-movflags", "+faststart", "-shortest", str(valid)),
    )
    data = valid.read_bytes()

    (HERE / "empty.mp4").write_bytes(b"")
    (HERE / "garbage.mp4").write_bytes(random.Random(4).randbytes(8192))
    (HERE / "text.mp4").write_text(TEXT_AS_MP4, encoding="utf-8")
    (HERE / "truncated_header.mp4").write_bytes(data[:1024])
    (HERE / "truncated_midway.mp4").write_bytes(data[: len(data) // 2])
    start = int(len(data) * 0.45)
    damage = random.Random(7).randbytes(4096)
    (HERE / "corrupted_middle.mp4").write_bytes(data[:start] + damage + data[start + len(damage) :])

    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=1"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1"),
        *("-c:v", "libaom-av1", "-cpu-used", "8", "-crf", "50", "-pix_fmt", "yuv420p"),
        *("-c:a", "aac", "-b:a", "32k", "-ac", "1", "-movflags", "+faststart", "-shortest"),
        str(HERE / "av1.mp4"),
    )
    ffmpeg(
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3"),
        *("-c:a", "aac", "-b:a", "48k", "-ac", "1", "-movflags", "+faststart"),
        str(HERE / "sound_only.m4a"),
    )
    ffmpeg("-i", str(valid), "-frames:v", "1", "-q:v", "8", str(HERE / "poster.jpg"))

    (HERE / "valid.en.vtt").write_text(VTT, encoding="utf-8")
    (HERE / "valid.en.srt").write_text(SRT, encoding="utf-8")
    (HERE / "malformed.vtt").write_text(MALFORMED_VTT, encoding="utf-8")
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.stat().st_size:>8}  {path.name}")


if __name__ == "__main__":
    main()
