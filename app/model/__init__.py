"""The press kit as plain Python data: dataclasses, the manifest loader, validation. No Qt.

Import the modules themselves (``app.model.loader``, ``app.model.kit`` …): this package imports
none of them, so that a start from a kit snapshot never loads PyYAML and the loader.
"""
