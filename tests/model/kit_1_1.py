"""A presskit/1.1 kit for the model tests, built in a temporary folder: the manifest uses every
key the format adds, and every file it names is a real, tiny file copied from the full kit."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.model.conftest import FULL_KIT, MakeKit

# Line numbers matter: tests name them.
MANIFEST_1_1 = """\
format: presskit/1.1
kit:
  id: test-film-2030_intl
  version: 3
  updated: 2030-01-05
film:
  title: Test Film
  original_title: Testfilmen
  distributor: Test Pictures
  specs:
    year: 2030
    countries: [Norway, Sweden]
    languages: [Norwegian, English]
    aspect_ratio: "2.39:1"
    sound: Dolby Atmos
    color: Color
    exhibition_format: DCP
synopsis:
  short: The short synopsis.
credits:
  cast:
    - {name: Ola Example, role: Commander Lind}
    - {name: Åsa Ødegård}
  crew:
    - {name: Kari Example, job: Unit stills photographer}
    - {name: Ola Example, job: Screenplay}
rights:
  usage: Editorial use only.
  copyright: © 2030 Test Pictures
  embargo: 2030-01-10T09:00:00-05:00
stills:
  - file: stills/01.jpg
    credit: Photo by Kari Example
    photographer: Kari Example
    people: [Ola Example, Åsa Ødegård]
    usage: Not before the premiere.
    copyright: © 2030 Kari Example
    embargo: 2030-01-12T00:00:00Z
  - {file: stills/02.png, credit: Photo by Kari Example}
artwork:
  - {file: art/key-art.jpg, title: Key art, kind: key-art, credit: Test Pictures}
  - {file: stills/03.webp, title: Logo, kind: logo, caption: The logo., alt: A white square.}
people:
  - name: Ola Example
    pronunciation: OH-lah eg-ZAM-pel
    bio: |
      A **fictional** actor. See [the still](stills/01.jpg).
    photo: stills/02.png
    photo_credit: Photo by Kari Example
  - {name: Kari Example}
awards:
  - festival: Test Festival
    year: 2030
    result: official selection
    category: Competition
    laurel: art/key-art.jpg
  - {festival: Other Festival, result: winner}
quotes:
  - text: "A tense ride."
    source: Test Review
    author: Per Critic
    date: 2030-01-13
    url: https://example.com/review
  - {text: 1.10, source: true}
videos:
  - file: trailer/teaser.mp4
    title: Interview
    kind: interview
    transcript: trailer/teaser.en.vtt
  - file: trailer/teaser.mp4
    title: Official trailer
    kind: trailer
    poster: trailer/poster.jpg
    captions: trailer/teaser.en.vtt
    usage: Embed in full only.
    embargo: 2030-01-11T00:00:00.5+01:00
screenings:
  - title: Press screening
    start: 2030-01-10T19:00:00-05:00
    venue: Cinema 2
    city: New York
    address: 1 Example Street
    note: Press pass required.
  - {start: 2030-01-12T18:30:00Z}
contacts:
  - {name: Pat Publicist, role: Publicity, email: pat@example.com, territory: United Kingdom}
  - {name: Sam Sales}
translations:
  fr:
    title: Le Film
    tagline: Une accroche.
    logline: Une phrase.
    synopsis: {short: Le court., long: Le long., attribution: Test Pictures}
  zh-Hant-TW: {title: 測試電影}
"""

# Every file the manifest names, from the full kit (real images, video and captions).
FILES = (
    "stills/01.jpg",
    "stills/02.png",
    "stills/03.webp",
    "art/key-art.jpg",
    "trailer/teaser.mp4",
    "trailer/teaser.en.vtt",
    "trailer/poster.jpg",
)


def make_kit_1_1(make_kit: MakeKit, manifest: str = MANIFEST_1_1) -> Path:
    """A kit folder with ``manifest`` and every file of the full kit that MANIFEST_1_1 names."""
    root = make_kit(manifest)
    for relative in FILES:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FULL_KIT / relative, root / relative)
    return root


def replaced(old: str, new: str) -> str:
    """MANIFEST_1_1 with one piece of text changed (it must be there, exactly once)."""
    assert MANIFEST_1_1.count(old) == 1, old
    return MANIFEST_1_1.replace(old, new)
