"""The Press tab, its laurels and the person card open no file that kit text names.

Checked at the system-call level, as tests/views/test_no_file_reads.py does for the other
tabs: a presskit/1.1 kit whose quotes, awards and people are HTML naming canary files
(``/tmp/canary-<uuid>/…``) and ``/dev/zero`` is shown by the real widgets in a child process
under ``strace -f -e trace=openat``; tooltips are shown, the quotes copied, the person card
opened with its biography's links clicked. A Python-level patch would miss Qt's C++ file
access, which is where rich text and image readers open files.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
from traced_app import opened_outside_the_kit, run_traced

STEPS = r"""
from app.views.person_card import show_person_card
from app.views.press_tab import PressTab
person = sys.argv[3]
press = window.show_tab(PressTab)
wait(500)
show_everything(window)
for card in press.quote_cards:
    card.copy_button.click()
    if card.link_button is not None:
        card.link_button.click()
wait(100)
person_card = show_person_card(window, window.opened.result.kit, person)
assert person_card is not None, "no card"
wait(500)
show_everything(person_card)
for link in ("https://example.org", "/dev/zero", "run.sh", "../escape.png"):
    person_card.bio.anchorClicked.emit(QUrl(link)); wait(50)
person_card.copy_button.click()
person_card.close()
print("opened-urls", recorder.urls)
window.close()
wait(100)
print("done")
"""


def _markup(canary: Path, name: str) -> str:
    return (
        f'<b>NO</b> <img src="{canary}/{name}-q.png"> <img src={canary}/{name}-u.png> '
        f"<img src='/dev/zero'> <a href=\"file://{canary}/{name}-a\">x</a> "
        f"<span style=\"background-image:url('{canary}/{name}-css.png')\">s</span> &amp;"
    )


def _write_kit(root: Path, canary: Path) -> str:
    def text(name: str) -> str:
        return json.dumps(_markup(canary, name))  # a JSON string is a YAML double-quoted one

    person = _markup(canary, "person")
    bio = (
        f'Raw <img src="/dev/zero"> <img src={canary}/bio-u.png> '
        f"![md]({canary}/bio-md.png) ![up](../escape.png) [a link](https://example.org) "
        f"[run](run.sh)"
    )
    root.mkdir(parents=True)
    (root / "presskit.yaml").write_text(
        "format: presskit/1.1\n"
        f"film: {{title: {text('title')}}}\n"
        "synopsis: {short: A kit for the tests.}\n"
        f"credits: {{cast: [{{name: {json.dumps(person)}, role: {text('role')}}}]}}\n"
        "awards:\n"
        f"  - {{festival: {text('festival')}, year: 2030, result: winner,"
        f" category: {text('category')}}}\n"
        "quotes:\n"
        f"  - {{text: {text('quote')}, source: {text('source')}, author: {text('author')},"
        " url: https://example.org/review}\n"
        "people:\n"
        f"  - name: {json.dumps(person)}\n"
        f"    pronunciation: {text('pronunciation')}\n"
        f"    photo_credit: {text('credit')}\n"
        f"    bio: {json.dumps(bio)}\n",
        encoding="utf-8",
    )
    return person


@pytest.mark.skipif(
    shutil.which("strace") is None,
    reason="strace is not installed (Debian package 'strace'; .ci/run installs it)",
)
def test_press_and_person_card_open_no_file_kit_text_names(tmp_path: Path) -> None:
    canary = Path(f"/tmp/canary-{uuid.uuid4().hex}")
    canary.mkdir()
    try:
        # The canaries exist, so a reader that tried would succeed and be seen doing so.
        for name in ("title", "festival", "quote", "person", "bio-md", "bio-u"):
            (canary / f"{name}-q.png").write_bytes(b"\x89PNG")
        kit = tmp_path / "kit"
        person = _write_kit(kit, canary)
        trace = tmp_path / "openat.trace"
        stdout = run_traced(STEPS, [str(kit), str(tmp_path / "s.ini"), person], trace)
    finally:
        shutil.rmtree(canary, ignore_errors=True)
    # Only the quote's web address and the biography's web link reached the desktop.
    assert "opened-urls ['https://example.org/review', 'https://example.org']" in stdout
    opened = opened_outside_the_kit(trace, canary)
    assert opened == [], "files outside the kit were opened:\n" + "\n".join(opened[:20])
