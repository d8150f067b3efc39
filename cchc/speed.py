"""Speed machinery, in one room: the cyclic garbage collector paused for a whole command.

A command builds 10^5–10^6 objects that form no reference cycles: parsing or unpickling a plan
(~100 000 records), checking it, drawing a workbook (~10 openpyxl objects a cell), round-tripping
YAML with ruamel. The collector finds nothing in them, yet its full passes grow with everything
already alive: they made reading 170 plans 2.7x slower, checking a plan 10–40 % slower and a
5 000-item workbook 1.4x slower per item than a 500-item one (bench/RESULTS.md). Reference
counting still frees what can be freed.

So the collector is paused at two boundaries only, never inside the library: around each command
(`cchc.commands.guarded`) and around a whole `validate` run (`cchc.checks.runner.validate`, the
library entry that embedding code and forked workers use). The other speed tricks live where they
are measured: the result caches in `cchc.plan.cache`, the record classes in `cchc.record`, lazy
imports in `cchc.cli`, the process exit in `cchc.cli.run`.
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
