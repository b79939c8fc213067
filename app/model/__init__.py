"""The press kit as plain Python data: dataclasses, the manifest loader, validation. No Qt."""

from app.model.kit import LoadResult, PressKit
from app.model.loader import load_press_kit
from app.model.problems import KitLoadError, Problem, Severity

__all__ = ["KitLoadError", "LoadResult", "PressKit", "Problem", "Severity", "load_press_kit"]
