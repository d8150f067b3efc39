"""`no_gc()`: the cyclic garbage collector paused while a block builds many acyclic objects.

Parsing or unpickling a plan, checking one, and drawing a workbook each allocate 10^5–10^6
objects that form no reference cycles (or live until the block ends). The collector finds
nothing in them, yet its full passes grow with everything already alive: they made reading 170
plans 2.7x slower and a 5 000-item workbook 1.3x slower (bench/RESULTS.md). Reference counting
still frees what can be freed; the collector runs again, as before, once the block is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (nesting-safe: only the outermost resumes it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
