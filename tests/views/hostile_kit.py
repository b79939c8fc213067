"""A kit whose every text field is HTML that names files outside the kit.

Each field's markup names its own canary file under ``/tmp/canary-<uuid>/`` (the files exist,
so a reader that tried would succeed) and ``/dev/zero`` (a reader that tried would never end).
Shown as plain text, nothing is loaded: the tests look for the literal text on screen and, under
strace, for any ``openat`` of those paths.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

from kit_factory import write_image

MEDIA = Path(__file__).resolve().parent.parent / "data" / "media"


class HostileKit:
    def __init__(self, root: Path, canary_dir: Path | None = None) -> None:
        self.root = root
        self.canary_dir = canary_dir or Path(f"/tmp/canary-{uuid.uuid4().hex}")
        self.fields: dict[str, str] = {}  # manifest key -> the exact text written there

    def markup(self, name: str) -> str:
        """Markup of many shapes for the field ``name``, each naming a canary of its own."""
        canary = self.canary_dir
        return (
            f'<b>NO</b> <img src="{canary}/{name}-q.png"> <img src={canary}/{name}-u.png> '
            f"<img src='/dev/zero'> <a href=\"file://{canary}/{name}-a\">x</a> "
            f'<link rel="stylesheet" href="{canary}/{name}.css"> '
            f"<span style=\"background-image:url('{canary}/{name}-css.png')\">s</span> &amp; [*]"
        )

    def text(self, key: str) -> str:
        value = self.markup(key.replace(".", "-").replace("[", "").replace("]", ""))
        self.fields[key] = value
        return json.dumps(value)  # a JSON string is a YAML double-quoted scalar

    def note_body(self) -> str:
        """Markdown with raw HTML in every shape that could name a resource."""
        canary = self.canary_dir
        body = "\n\n".join(
            [
                "Plain **bold** text and <b>raw bold</b>.",
                f'<img src="{canary}/note-q.png">',
                f"<img src={canary}/note-u.png>",
                f"<img src='{canary}/note-s.png' width=10>",
                "![zero](/dev/zero)",
                f"![abs]({canary}/note-md.png)",
                f"![file](file://{canary}/note-file.png)",
                "![up](../escape.png)",
                f'<link rel="stylesheet" href="{canary}/note.css">',
                f'<p style="background-image:url({canary}/note-bg.png)">styled</p>',
                f'<table background="{canary}/note-table.png"><tr><td>cell</td></tr></table>',
                "[a script](run.sh) [a desktop file](setup.desktop) [codec](codec.exe)",
                "[a still](stills/one.jpg) [the web](https://example.org) "
                "[mail](mailto:press@example.org)",
                "<img src=stills/link-out.png>",
            ]
        )
        self.fields["notes[0].body"] = body
        return json.dumps(body)

    def write(self) -> Path:
        root = self.root
        root.mkdir(parents=True, exist_ok=True)
        self.canary_dir.mkdir(parents=True, exist_ok=True)
        write_image(root / "art" / "key.jpg", 400, 600, "#552222")
        write_image(root / "stills" / "one.jpg", 640, 360, "#224455")
        write_image(root / "stills" / "two.png", 640, 360, "#445522")
        for name in ("run.sh", "setup.desktop", "codec.exe"):
            (root / name).write_text("#!/bin/sh\necho ran\n", encoding="utf-8")
        (root / "trailer").mkdir(exist_ok=True)
        shutil.copyfile(MEDIA / "valid.mp4", root / "trailer" / "valid.mp4")
        # Captions whose cues hold markup naming canaries (WebVTT's own <b>, <i>, <v> tags are
        # its format; an <img> is not).
        cue = self.markup("caption").replace("&amp;", "&amp;amp;")
        (root / "trailer" / "hostile.vtt").write_text(
            f"WEBVTT\n\n00:00:00.000 --> 00:00:02.900\n{cue}\n", encoding="utf-8"
        )
        self.fields["trailer.captions"] = cue
        # A kit file that is a link out of the kit (the loader refuses it by resolved path).
        write_image(self.canary_dir / "link-out.png", 8, 8)
        (root / "stills" / "link-out.png").symlink_to(self.canary_dir / "link-out.png")
        t = self.text
        manifest = f"""\
format: presskit/1
film:
  title: {t("film.title")}
  tagline: {t("film.tagline")}
  logline: {t("film.logline")}
  genres: [{t("film.genres[0]")}]
  runtime_minutes: 90
  rating: {t("film.rating")}
  distributor: {t("film.distributor")}
  key_art: art/key.jpg
  dates:
    - {{label: {t("film.dates[0].label")}, date: 2023-06-12, place: {t("film.dates[0].place")}}}
synopsis:
  short: {t("synopsis.short")}
  long: {t("synopsis.long")}
  attribution: {t("synopsis.attribution")}
credits:
  cast:
    - {{name: {t("cast[0].name")}, role: {t("cast[0].role")}}}
  crew:
    - {{job: {t("crew[0].job")}, name: {t("crew[0].name")}}}
    - {{job: {t("crew[1].job")}, name: {t("crew[1].name")}}}
stills:
  - {{file: stills/one.jpg, caption: {t("stills[0].caption")}, credit: {t("stills[0].credit")},
      alt: {t("stills[0].alt")}}}
  - {{file: stills/two.png, caption: {t("stills[1].caption")}, credit: {t("stills[1].credit")}}}
trailer:
  file: trailer/valid.mp4
  title: {t("trailer.title")}
  captions: trailer/hostile.vtt
notes:
  - heading: {t("notes[0].heading")}
    body: {self.note_body()}
    attribution: {t("notes[0].attribution")}
contacts:
  - {{name: {t("contacts[0].name")}, role: {t("contacts[0].role")},
      phone: {t("contacts[0].phone")}}}
"""
        (root / "presskit.yaml").write_text(manifest, encoding="utf-8")
        # Every canary a field names exists: a reader that tried would find it.
        for value in self.fields.values():
            for part in value.replace("'", '"').replace(")", " ").split():
                for token in part.split('"'):
                    token = token.removeprefix("src=").removeprefix("href=")
                    token = token.removeprefix("file://").removeprefix("url(")
                    if token.startswith(str(self.canary_dir)):
                        path = Path(token.rstrip(">"))
                        if not path.exists():
                            write_image(path, 8, 8) if path.suffix == ".png" else path.write_text(
                                "p { color: red }", encoding="utf-8"
                            )
        return root

    def remove_canaries(self) -> None:
        shutil.rmtree(self.canary_dir, ignore_errors=True)

    def literal_texts(self) -> list[str]:
        """The plain fields' text as it must appear on screen (one line, as written)."""
        return [
            " ".join(v.split())
            for k, v in self.fields.items()
            if k not in ("notes[0].body", "trailer.captions")
        ]
