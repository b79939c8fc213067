"""The exit hold's progress, on screen while the operator holds Ctrl+Shift+Q: without it a hold
that restarted (or a key let go too early) looked exactly like one that was about to work."""

from __future__ import annotations

import logging
import math

from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from app.views.booth.overlays import BoothPanel

log = logging.getLogger(__name__)

BAR_STEPS = 1000  # the bar moves smoothly at the booth's tick, not in whole seconds


class HoldProgress(BoothPanel):
    """A panel with "Keep holding to leave… N s" over a bar that fills as the hold lasts."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(760, parent)
        self.setAccessibleName("Leaving booth mode")
        self.message = self.centred_label("boothPanelTitle")
        self.message.setWordWrap(True)  # a narrow screen: two lines, never cut off
        self.bar = QProgressBar(self)
        self.bar.setObjectName("boothHoldBar")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("How long the keys have been held")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 32)
        layout.setSpacing(18)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        self.set_progress(0.0, 3.0)

    def set_progress(self, fraction: float, seconds_left: float) -> None:
        # Whole seconds still to hold, counted down as a person counts: 3, 2, 1.
        seconds = max(1, math.ceil(seconds_left - 1e-9))
        self.message.setText(f"Keep holding to leave… {seconds} s")
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * BAR_STEPS))
