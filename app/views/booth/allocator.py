"""glibc's allocator tuned for a booth that runs all day (Linux with glibc only; elsewhere these
do nothing).

The booth decodes big pictures all day: every still for the attract loop (~8 MB each at the
screen's size), full-size stills in a visitor's viewer (2560×1440 = 15 MB), the trailer's
poster and video frames. glibc serves blocks this big with mmap, and gives them back to the
system when freed — until the first one is freed: then it raises its mmap threshold to that
block's size (up to 32 MB), and from then on such blocks are carved out of its heaps. They are
decoded on pool, FFmpeg and Qt threads (each with its own heap) and freed on the UI thread, so
the heaps fill with free holes glibc never returns. Measured with a visitor every cycle of the
soak (``tests/benchmarks/soak_booth.py --visitor-every 1``): memory in use stayed at 130–165 MiB
while the free holes grew from 140 to 300 MiB, and resident memory from 486 to 650 MiB over 23
visits; with the threshold fixed it stayed at 450–490 MiB. The soak itself (a visitor every
10th of 300 cycles) went from +33.8 % to +3.4 %, and to +2.2 % with the heaps capped too.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # mallopt() parameters, from glibc's <malloc.h>
M_ARENA_MAX = -8
# Blocks from this size up are mapped on their own and returned when freed: glibc's own
# starting value, kept. Setting it switches off glibc's raising of the threshold. Pictures,
# video frames and the stills grid's tiles (256×144×4 = 147 KB) are bigger; the many small
# objects (Python's, Qt's) stay in the heaps as before. (1 MiB, which left the tiles in the
# heaps, still let resident memory grow 4.4 % over the soak's 300 cycles.)
MMAP_THRESHOLD_BYTES = 128 * 1024

# Heaps for threads: glibc makes up to 8 per core, one more whenever a thread finds the others
# busy, and each keeps its own free space. A visit starts new threads (the stills grid's pool,
# the trailer's FFmpeg threads), so the booth kept adding heaps for its first ten or so visits.
# Two are plenty for two pool threads decoding pictures, and bound what free space can hold.
MAX_HEAPS = 2

_libc: ctypes.CDLL | None = None
_looked = False


def _glibc() -> ctypes.CDLL | None:
    global _libc, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL("libc.so.6")
                # Both exist only in glibc (musl has neither).
                if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim"):
                    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
                    libc.malloc_trim.argtypes = [ctypes.c_size_t]
                    _libc = libc
            except OSError:
                pass
    return _libc


def keep_big_blocks_returnable() -> None:
    """Fix glibc's mmap threshold so freed pictures go back to the system, and cap its heaps
    for threads (see above)."""
    libc = _glibc()
    if libc is None:
        return
    if libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) != 1:
        log.info("booth mode: could not set the allocator's mmap threshold")
    if libc.mallopt(M_ARENA_MAX, MAX_HEAPS) != 1:
        log.info("booth mode: could not cap the allocator's heaps")


def return_free_memory() -> None:
    """Give the heaps' free pages back to the system: what a visitor's session freed (its tabs,
    viewer, player) that the fixed threshold did not already return."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
