"""Small real kits for view tests: a manifest plus images painted by Qt at test time."""

from __future__ import annotations

import shutil
import textwrap
import zipfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from app.settings import Settings


def write_image(path: Path, width: int, height: int, color: str = "#335577") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, path.stem)
    painter.end()
    assert image.save(str(path)), path
    return path


MANIFEST = """\
format: presskit/1
film:
  title: Test Film
  tagline: A tagline to test.
  logline: One sentence about the test film.
  genres: [Drama, Thriller]
  runtime_minutes: 101
  rating: PG-13
  distributor: Test Pictures
  key_art: art/key.jpg
  dates:
    - {label: World premiere, date: 2023-06-12, place: Test Festival}
synopsis:
  short: The short synopsis.
  long: |-
    The long synopsis, first paragraph.

    The second paragraph.
credits:
  cast:
    - {name: Ann Actor, role: The Lead}
    - {name: Bob Player, role: The Friend}
  crew:
    - {job: Director, name: Dee Rector}
    - {job: Screenplay, name: Wry Ter}
stills:
  - {file: stills/one.jpg, caption: First caption, credit: Photo One, alt: Alt one}
  - {file: stills/two.png, caption: Second caption, credit: Photo Two, alt: Alt two}
  - {file: stills/missing.jpg, caption: Missing still, credit: Nobody}
notes:
  - heading: About
    attribution: Written for the test.
    body: |
      Some **bold** notes with [a link](https://example.org) and an image:

      ![inside](stills/one.jpg)
{contacts}"""

CONTACTS = """\
contacts:
  - {name: Pat Press, role: Publicity, email: pat@example.org, phone: "+1 555 0100"}
"""


def make_stills_kit(
    root: Path, count: int, size: tuple[int, int], extra_lines: tuple[str, ...] = ()
) -> Path:
    """A kit of ``count`` real JPEG stills at ``root``: one picture copied to ``count`` files
    (separate paths, so separate cache keys), captioned "Still N"; ``extra_lines`` are more
    entries of the stills list."""
    base = write_image(root / "stills" / "base.jpg", *size, "#446688")
    lines = ["format: presskit/1", "film:", "  title: Many", "synopsis:", "  short: s", "stills:"]
    for row in range(count):
        shutil.copyfile(base, root / "stills" / f"{row:03d}.jpg")
        lines.append(f"  - {{file: stills/{row:03d}.jpg, caption: Still {row}}}")
    lines += extra_lines
    (root / "presskit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def make_kit(root: Path, contacts: bool = False, extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_image(root / "art" / "key.jpg", 400, 600, "#552222")
    write_image(root / "stills" / "one.jpg", 640, 360, "#224455")
    write_image(root / "stills" / "two.png", 640, 360, "#445522")
    manifest = MANIFEST.replace("{contacts}", CONTACTS if contacts else "") + extra
    (root / "presskit.yaml").write_text(manifest, encoding="utf-8")
    return root


def zip_folder(folder: Path, archive: Path, top_level: str | None = None) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                zf.write(path, f"{top_level}/{name}" if top_level else name)
    return archive


def temp_settings(folder: Path) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def dedent(text: str) -> str:
    return textwrap.dedent(text)
