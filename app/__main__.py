"""``python -m app`` starts the same command line as ``presskit``."""

import sys

from app.main import main

sys.exit(main())
