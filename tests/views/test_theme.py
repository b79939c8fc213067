"""The dark theme's text meets WCAG AA contrast (4.5:1) against the background it sits on."""

from __future__ import annotations

import re

import pytest

from app.views.application import load_stylesheet
from app.views.booth.booth_app import load_booth_stylesheet
from app.views.palette import BACKGROUND

WINDOW_BACKGROUND = BACKGROUND
RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})")


def relative_luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def text_rules() -> list[tuple[str, str, str]]:
    # As the app loads them: the palette's colours filled in, booth mode's rules included.
    stylesheet = load_stylesheet() + "\n" + load_booth_stylesheet()
    stylesheet = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.DOTALL)
    rules = []
    for selector, body in RULE.findall(stylesheet):
        selector = " ".join(selector.split())
        if ":disabled" in selector:  # WCAG exempts inactive controls
            continue
        color = COLOR.search(body)
        if color is None:
            continue
        background = BACKGROUND.search(body)
        rules.append(
            (selector, color.group(1), background.group(1) if background else WINDOW_BACKGROUND)
        )
    return rules


def test_the_theme_has_text_rules() -> None:
    assert len(text_rules()) >= 10


@pytest.mark.parametrize(("selector", "foreground", "background"), text_rules())
def test_text_contrast_meets_wcag_aa(selector: str, foreground: str, background: str) -> None:
    ratio = contrast(foreground, background)
    assert ratio >= 4.5, f"{selector}: {foreground} on {background} is only {ratio:.2f}:1"
