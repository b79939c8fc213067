"""``python -m app`` starts the same command line as ``presskit``."""

from app.main import run

run()
