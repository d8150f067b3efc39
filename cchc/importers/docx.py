"""Reader for Word documents (.docx) — placeholder until the reader lands."""

from __future__ import annotations

from pathlib import Path

from cchc.importers.errors import fail
from cchc.importers.grid import Grid


def read_docx(path: Path) -> Grid:
    raise fail("I007", "chưa hỗ trợ .docx (not yet supported)", str(path))
