"""The common grid every reader produces: rows of cells with their text, merge state and source position.

A reader (`textdump`, `xlsx`, `docx`) turns a document into a `Grid`; `header` and `structure`
work on grids only, so every format gets the same header detection, repairs and hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One cell as read. `merged` marks a cell covered by a merged cell above (`up`) or to the left (`left`)."""

    text: str
    pos: str
    merged: str | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Row:
    """A table row. `after_break` is true when a page break (blank line, repeated header) precedes it."""

    cells: list[Cell]
    pos: str
    after_break: bool = False

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Grid:
    """A document's annex table plus the text lines around it (for title and metadata)."""

    source: str
    rows: list[Row] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # text lines before the table, in order
    paged: bool = True  # text dumps: rows may be split across pages; .docx/.xlsx tables are whole
    notes: list[str] = field(default_factory=list)  # what the reader changed (a formula without a value …)
