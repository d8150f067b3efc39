"""Reader for tab-separated text dumps of a document (the seeds): one table row per line.

Lines holding a tab are table rows; the other non-empty lines before the table are the document
text (title, number, date). A blank line or a text line between two rows marks a page break,
which the structure builder uses to recognise a row split across pages. The table is bounded as
the other readers' are (`limits.Budget`: rows, columns, cells, characters).
"""

from __future__ import annotations

from pathlib import Path

from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.limits import Budget, read_limited


def read_text(path: Path) -> Grid:
    from cchc.plan.loader import decode

    name = str(path)
    text = decode(read_limited(path), name)
    budget = Budget(name)
    budget.text(len(text))
    grid = Grid(source=name)
    seen_table = False
    gap = False
    for lineno, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if "\t" not in line:
            if line.strip() and not seen_table:
                grid.before.append(line.strip())
            gap = True
            continue
        budget.row(line.count("\t") + 1)
        cells: list[Cell] = []
        col = 1
        for part in line.split("\t"):
            cells.append(Cell(part, f"{path.name}:{lineno}:{col}"))
            col += len(part) + 1
        grid.rows.append(Row(cells, f"{path.name}:{lineno}", after_break=gap and seen_table))
        seen_table = True
        gap = False
    return grid
