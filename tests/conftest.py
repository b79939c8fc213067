"""Shared test setup: Qt never needs a display here, and nothing touches the real home."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Caches, logs and settings of a test run go to a throwaway folder, not the person's own.
_HOME = tempfile.mkdtemp(prefix="presskit-tests-")
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
