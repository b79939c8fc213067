"""Command-line modes other than the viewer (``validate``); each imports Qt only if it must."""
