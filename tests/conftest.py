"""Shared test setup: Qt never needs a display here."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
