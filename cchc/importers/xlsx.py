"""Reader for Excel workbooks (.xlsx) — placeholder until the reader lands."""

from __future__ import annotations

from pathlib import Path

from cchc.importers.errors import fail
from cchc.importers.grid import Grid


def read_xlsx(path: Path) -> Grid:
    raise fail("I007", "chưa hỗ trợ .xlsx (not yet supported)", str(path))
