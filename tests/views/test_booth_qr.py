"""The booth's QR code read back by an independent decoder (zxing-cpp) from grabs of the real
widgets, at 100 % and at 200 % (a real scale factor, in a process of its own), from the title card
at a laptop's and a 4K screen's size, and from the corner of visitor mode; and drawn crisply:
nothing but pure black and pure white where the code is."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import zxingcpp
from booth_support import write_booth_kit
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont, QImage

from app.model.booth_qr import qr_modules
from app.views.booth.qr_code import (
    DARK,
    LIGHT,
    PANEL_QR_SIDE,
    BoothQr,
    QrCodeWidget,
    QrPanel,
    qr_image,
    self_check,
)
from app.views.booth.title_card import CardLine, TitleCardLine, paint_title_card

REPO = Path(__file__).resolve().parents[2]
URL = "https://press.example.org/kits/iss-2030?lang=en#download"


def gray_view(image: QImage) -> memoryview:
    """``image`` as the 2-D grey buffer zxing-cpp reads."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())[: stride * height]
    rows = b"".join(data[y * stride : y * stride + width] for y in range(height))
    return memoryview(rows).cast("B", (height, width))


def decoded(image: QImage) -> list[str]:
    """Every QR code zxing-cpp finds in ``image``."""
    found = zxingcpp.read_barcodes(gray_view(image), formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found]


def colours(image: QImage, left: int, top: int, side: int) -> set[int]:
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    return {rgb.pixel(x, y) for y in range(top, top + side) for x in range(left, left + side)}


def test_the_image_has_whole_pixel_modules_in_pure_black_and_white() -> None:
    modules = qr_modules(URL)
    image = qr_image(modules, 3)
    assert image.width() == image.height() == len(modules) * 3
    assert colours(image, 0, 0, image.width()) == {DARK, LIGHT}
    for row in range(len(modules)):
        for column in range(len(modules)):
            expected = DARK if modules[row][column] else LIGHT
            block = colours(image, column * 3, row * 3, 3)
            assert block == {expected}, (row, column)
    assert decoded(image) == [URL]


def test_the_widget_grab_decodes_to_the_url_at_100_percent(qtbot) -> None:
    widget = QrCodeWidget(qr_modules(URL))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    grab = widget.grab().toImage()
    assert grab.devicePixelRatio() == 1.0
    assert (grab.width(), grab.height()) == (PANEL_QR_SIDE, PANEL_QR_SIDE)
    assert colours(grab, 0, 0, PANEL_QR_SIDE) == {DARK, LIGHT}  # no smoothing anywhere
    assert decoded(grab) == [URL]


SCALED_GRAB = """
import sys
from PySide6.QtWidgets import QApplication
from app.model.booth_qr import qr_modules
from app.views.booth.qr_code import QrPanel
app = QApplication([])
panel = QrPanel(qr_modules(sys.argv[1]), sys.argv[1])
panel.show()
app.processEvents()
grab = panel.code.grab()
print(grab.devicePixelRatio(), grab.width(), grab.height())
grab.save(sys.argv[2])
"""


def test_the_widget_grab_decodes_to_the_url_at_200_percent(tmp_path: Path) -> None:
    # The scale factor applies to a whole application: a process of its own.
    out = tmp_path / "qr-200.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCALED_GRAB), URL, str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ratio, width, height = result.stdout.split()
    assert (float(ratio), int(width), int(height)) == (2.0, 2 * PANEL_QR_SIDE, 2 * PANEL_QR_SIDE)
    image = QImage(str(out))
    assert colours(image, 0, 0, image.width()) == {DARK, LIGHT}
    assert decoded(image) == [URL]


def test_the_panel_writes_the_url_under_the_code_as_plain_text(qtbot) -> None:
    hostile = "https://example.org/<b>bold</b>&amp;"
    panel = QrPanel(qr_modules(hostile), hostile)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.url_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.url_label.text().replace("\u200b", "") == hostile
    assert panel.url_label.geometry().top() >= panel.code.geometry().bottom()
    assert decoded(panel.grab().toImage()) == [hostile]


def card_with_qr(size: QSize, ratio: float) -> QImage:
    lines = (
        TitleCardLine(CardLine.TITLE, "I.S.S."),
        TitleCardLine(CardLine.TAGLINE, "A tagline long enough to wrap across the card " * 3),
        TitleCardLine(CardLine.DATE_LABEL, "US theatrical release"),
        TitleCardLine(CardLine.DATE, "January 19, 2024"),
    )
    qr = BoothQr(qr_modules(URL), URL)
    return paint_title_card(lines, None, size, ratio, QFont(), (), qr).toImage()


def test_the_title_card_carries_the_code_at_laptop_and_4k_sizes(qtbot) -> None:
    for size, ratio in ((QSize(1600, 1000), 1.0), (QSize(3840, 2160), 2.0)):
        card = card_with_qr(size, ratio)
        assert decoded(card) == [URL], size
        # In the bottom-right corner, clear of the title's lines.
        found = zxingcpp.read_barcodes(gray_view(card), formats=zxingcpp.BarcodeFormat.QRCode)[0]
        corner = found.position.top_left
        assert corner.x > size.width() * 0.6 and corner.y > size.height() * 0.4


def test_visitor_mode_shows_the_code_in_its_corner(qtbot, make_booth, tmp_path: Path) -> None:
    kit = write_booth_kit(tmp_path / "kit")
    window = make_booth(kit, qr=BoothQr(qr_modules(URL), URL))
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert window.stack.currentWidget() is window.visitor_page
    panel = window.visitor_page.findChild(QrPanel)
    assert panel is not None and panel.isVisible()
    # The right-hand column, beside the tabs rather than over them, the code at its bottom.
    page = window.visitor_page.rect()
    assert panel.geometry().right() == page.right()
    assert window.tab_widget.geometry().right() < panel.geometry().left()
    assert panel.code.mapTo(window.visitor_page, QPoint(0, 0)).y() > page.height() / 2
    assert decoded(window.grab().toImage()) == [URL]
    # And the attract loop's title card carries it too.
    assert window.attract.qr is not None and window.attract.qr.url == URL


def test_the_self_check_compares_every_module_with_the_pixels(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert self_check().endswith("drawn pixel-exact")
    # A drawing that loses a module is caught.
    from app.views.booth import qr_code

    original = qr_code.qr_image

    def one_module_lost(modules: list[list[bool]], module_pixels: int) -> QImage:
        image = original(modules, module_pixels)
        image.setPixel(4 * module_pixels, 4 * module_pixels, LIGHT)  # the finder's corner
        return image

    monkeypatch.setattr(qr_code, "qr_image", one_module_lost)
    with pytest.raises(RuntimeError, match=r"module \(4, 4\)"):
        self_check()
