"""The attract loop with real media: the trailer, the stills (pan, zoom, cross-fade, captions
and credits), the title card, and what it leaves out when the kit's media are broken."""

from __future__ import annotations

from pathlib import Path

from booth_support import clock_of, write_booth_kit
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.model.attract import StepKind
from app.views.booth.booth_window import BoothWindow
from app.views.booth.title_card import CardLine
from app.views.trailer.video_canvas import VideoCanvas


def run_until(qtbot, window: BoothWindow, done, limit_s: float = 60.0, step_s: float = 0.5):
    """Advance the booth's clock (and let real media and decoding happen) until ``done()``."""
    clock = clock_of(window)
    for _ in range(int(limit_s / step_s)):
        if done():
            return
        clock.advance(step_s)
        qtbot.wait(15)
    assert done(), "the attract loop did not get there"


def kinds(window: BoothWindow) -> list[tuple[str, int | None, int]]:
    return [(s.kind.value, s.still, s.cycle) for s in window.attract.history]


def test_trailer_then_stills_then_title_card_and_again(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, slide_seconds=2.0)
    attract = window.attract
    assert attract.player is not None and attract.player.is_muted()  # --booth-sound off
    assert attract.step is not None and attract.step.kind is StepKind.TRAILER
    # Black until its first picture arrives, then the video.
    qtbot.waitUntil(lambda: attract._layout.currentWidget() is attract.video, timeout=5000)
    # The trailer plays for real (3 s); the loop moves on when it ends.
    qtbot.waitUntil(lambda: attract.step.kind is not StepKind.TRAILER, timeout=15000)
    finished: list[int] = []
    attract.cycle_finished.connect(finished.append)
    run_until(qtbot, window, lambda: finished == [0])
    assert kinds(window)[:4] == [
        ("trailer", None, 0),
        ("still", 0, 0),
        ("still", 1, 0),  # stills/missing.jpg (index 2) is left out
        ("title", None, 0),
    ]
    assert attract.step is not None and attract.step.kind is StepKind.TRAILER
    assert attract.step.cycle == 1


def test_slides_pan_zoom_cross_fade_and_carry_caption_and_credit(
    qtbot, make_booth, booth_kit
) -> None:
    window = make_booth(booth_kit, slide_seconds=4.0)
    attract = window.attract
    attract.sequence.drop_trailer()  # straight to the stills
    attract.stop()
    attract.start()
    canvas = attract.canvas
    qtbot.waitUntil(lambda: canvas.current is not None, timeout=5000)
    first = canvas.current
    assert first is not None
    assert (first.caption, first.credit) == ("First caption", "Photo One")
    assert canvas.fade_progress() == 0.0  # fading in
    start = canvas.grab().toImage()
    clock = clock_of(window)
    clock.advance(2.0)
    middle = canvas.grab().toImage()
    assert start != middle  # the picture moves (pan and zoom) and fades in
    clock.advance(2.0)
    qtbot.waitUntil(lambda: canvas.current is not first, timeout=5000)
    second = canvas.current
    assert second is not None and second.caption == "Second caption"
    assert second.motion != first.motion
    assert canvas.previous is first  # cross-fading from the first
    clock.advance(1.0)
    canvas.grab()  # a paint after the fade lets the old picture go
    assert canvas.previous is None
    # Captions are painted: the bottom band is darkened text, not the still's flat colour.
    image = canvas.grab().toImage()
    colours = {
        QColor(image.pixel(x, int(image.height() * 0.9))).name() for x in range(0, image.width(), 7)
    }
    assert len(colours) > 2


def test_title_card_shows_the_kits_own_title_and_release_date(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit)
    assert window.attract.title_card_lines == (
        (CardLine.TITLE, "Test Film"),
        (CardLine.TAGLINE, "A tagline to test."),
        (CardLine.DATE_LABEL, "World premiere"),
        (CardLine.DATE, "June 12, 2023"),
        (CardLine.DISTRIBUTOR, "Test Pictures"),
    )
    card = window.attract._title_pixmap()
    assert not card.isNull()


def test_a_long_title_shrinks_the_card_until_every_line_fits(qtbot) -> None:
    import datetime

    from PySide6.QtGui import QFont, QPainter, QPixmap

    from app.model.kit import Film, ReleaseDate
    from app.views.booth.title_card import fit_to_card, title_card_lines

    release = (ReleaseDate("Release", datetime.date(2024, 1, 19)),)
    short = Film(title="I.S.S.", tagline="A tagline.", distributor="D", dates=release)
    long = short._replace(title="T" * 1_000_000, tagline="https://example.org/" + "x" * 400)
    canvas = QPixmap(800, 450)
    painter = QPainter(canvas)
    try:
        _, total, scale = fit_to_card(painter, title_card_lines(short), 500, 450, QFont())
        assert scale == 1.0 and total < 450
        lines = title_card_lines(long)
        measured, total, scale = fit_to_card(painter, lines, 500, 450, QFont())
        assert scale < 1.0 and total <= 450  # the date and distributor stay on the card
        assert len(measured) == len(lines) == 5
    finally:
        painter.end()


def test_title_card_styles_a_line_by_its_role_not_its_text(qtbot) -> None:
    """A tagline that reads exactly like the title is still painted as a tagline."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFont

    from app.model.kit import Film
    from app.views.booth.title_card import paint_title_card, title_card_lines

    same = Film(title="Same", tagline="Same")
    lines = title_card_lines(same)
    assert [line.role for line in lines] == [CardLine.TITLE, CardLine.TAGLINE]
    as_title = paint_title_card(lines[:1], None, QSize(800, 450), 1.0, QFont()).toImage()
    as_tagline = paint_title_card(lines[1:], None, QSize(800, 450), 1.0, QFont()).toImage()
    assert as_title != as_tagline  # size, colour and weight follow the role


def test_a_broken_trailer_and_broken_stills_are_skipped(qtbot, make_booth, tmp_path: Path) -> None:
    kit = write_booth_kit(tmp_path / "broken", video="garbage.mp4", undecodable=True)
    window = make_booth(kit, slide_seconds=1.0)
    attract = window.attract
    finished: list[int] = []
    attract.cycle_finished.connect(finished.append)
    run_until(qtbot, window, lambda: len(finished) >= 2, step_s=0.25)
    shown = kinds(window)
    assert ("trailer", None, 0) not in shown
    assert [s for s in shown if s[2] == 0] == [("still", 0, 0), ("still", 1, 0), ("title", None, 0)]
    assert [s for s in shown if s[2] == 1] == [("still", 0, 1), ("still", 1, 1), ("title", None, 1)]
    assert attract.sequence is not None
    assert not attract.sequence.trailer_usable
    assert attract.sequence.unusable_stills == {2, 3}
    # Nothing on screen says anything went wrong: only the canvas shows.
    assert attract._layout.currentWidget() is attract.canvas


def test_sound_on_plays_the_trailer_with_sound(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, sound=True)
    assert window.attract.player is not None
    assert not window.attract.player.is_muted()


# -- captions that never overlap, the touch hint, one caption overlay for trailer and booth ----


def test_cross_fading_captions_never_show_together(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, slide_seconds=4.0)
    attract = window.attract
    attract.sequence.drop_trailer()
    attract.stop()
    attract.start()
    canvas = attract.canvas
    clock = clock_of(window)
    qtbot.waitUntil(lambda: canvas.current is not None, timeout=5000)
    first = canvas.current
    clock.advance(4.0)
    qtbot.waitUntil(lambda: canvas.current is not first, timeout=5000)
    assert canvas.previous is first and first.caption and canvas.current.caption
    fade = attract.config.fade_seconds
    seen: list[tuple[float, float]] = []
    for step in range(11):
        if step:
            clock.advance(fade / 10)
        outgoing, incoming = canvas.caption_opacities()
        seen.append((outgoing, incoming))
        assert outgoing == 0.0 or incoming == 0.0, f"both captions show at {step / 10:.1f}"
    # The outgoing caption leaves first, then the incoming one arrives in full.
    assert seen[0] == (1.0, 0.0)
    assert seen[-1] == (0.0, 1.0)
    assert [o for o, _ in seen] == sorted((o for o, _ in seen), reverse=True)


def test_mid_cross_fade_shows_neither_caption(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, slide_seconds=4.0)
    attract = window.attract
    attract.sequence.drop_trailer()
    attract.stop()
    attract.start()
    canvas = attract.canvas
    clock = clock_of(window)
    qtbot.waitUntil(lambda: canvas.current is not None, timeout=5000)
    first = canvas.current
    clock.advance(4.0)
    qtbot.waitUntil(lambda: canvas.current is not first, timeout=5000)
    with_captions = canvas.grab().toImage()
    clock.advance(attract.config.fade_seconds / 2)  # the middle of the cross-fade
    assert canvas.caption_opacities() == (0.0, 0.0)
    image = canvas.grab().toImage()

    # Painted captions leave light text pixels in the bottom band; mid-fade there are none.
    def light_pixels(picture) -> int:
        band_top = int(picture.height() * 0.72)
        return sum(
            QColor(picture.pixel(x, y)).lightness() > 200
            for y in range(band_top, picture.height(), 3)
            for x in range(0, picture.width(), 3)
        )

    assert light_pixels(with_captions) > 0
    assert light_pixels(image) == 0


def test_touch_hint_shows_over_stills_and_trailer(qtbot, make_booth, booth_kit) -> None:
    window = make_booth(booth_kit, slide_seconds=2.0)
    attract = window.attract
    hint = attract.touch_hint
    assert hint.text() == "Touch to explore"
    assert hint.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: attract._layout.currentWidget() is attract.video, timeout=5000)
    assert hint.isVisible()
    assert attract.rect().contains(hint.geometry())
    # A native window stacked above the trailer's native video window (children are in
    # stacking order, lowest first).
    assert hint.testAttribute(Qt.WidgetAttribute.WA_NativeWindow)
    siblings = attract.children()
    assert siblings.index(hint) > siblings.index(attract.video)
    # And still on top when the stills come.
    qtbot.waitUntil(lambda: attract.step.kind is not StepKind.TRAILER, timeout=15000)
    run_until(qtbot, window, lambda: attract._layout.currentWidget() is attract.canvas)
    siblings = attract.children()
    assert siblings.index(hint) > siblings.index(attract.canvas)
    assert hint.isVisible()


def test_attract_trailer_uses_the_trailer_tabs_canvas_and_captions(
    qtbot, make_booth, booth_kit
) -> None:
    window = make_booth(booth_kit)
    attract = window.attract
    assert isinstance(attract.video, VideoCanvas)
    assert attract.player is not None and attract.player.captions is not None
    qtbot.waitUntil(lambda: attract._layout.currentWidget() is attract.video, timeout=5000)
    # The tab's caption overlay shows the cue (valid.en.vtt's first cue is at 0.3–1.2 s).
    qtbot.waitUntil(
        lambda: attract.video.video_sink().subtitleText() == "Ground control to I.S.S.",
        timeout=5000,
    )
