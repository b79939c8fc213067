"""I.S.S. Press Kit — a desktop viewer for electronic press kits."""

__version__ = "0.1.0"
