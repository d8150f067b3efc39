"""Reader for Word documents (.docx): the first table with an annex header, merged cells resolved.

python-docx returns the same cell object for every grid position a merged cell covers
(horizontal `gridSpan` and vertical `vMerge`), so a cell whose `_tc` equals its left or upper
neighbour's is marked `left`/`up` and left empty. Paragraphs before the table are the document
text (title, number, date).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header
from cchc.importers.limits import check_ooxml


def read_docx(path: Path) -> Grid:
    check_ooxml(path)
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file is unusable
        raise fail("I004", f"tệp Word bị hỏng (corrupted document): {type(exc).__name__}", str(path)) from None
    for t, table in enumerate(document.tables, start=1):
        rows = _rows(table, t, path.name)
        header = find_header([row.texts() for row in rows])
        if header is None:
            continue
        before: list[str] = []
        earlier = {id(other._tbl): other for other in document.tables}
        for child in document.element.body.iterchildren():
            if child is table._tbl:
                break
            if child.tag.endswith("}p"):
                text = Paragraph(child, document).text
            elif child.tag.endswith("}tbl") and id(child) in earlier:
                # Vietnamese documents set the agency, number and place-date in a layout table.
                text = "\n".join(c.text for row in _rows(earlier[id(child)], 0, path.name) for c in row.cells)
            else:
                continue
            before.extend(line.strip() for line in text.splitlines() if line.strip())
        before.extend(" ".join(t.strip() for t in row.texts() if t.strip()) for row in rows[:header])
        return Grid(source=str(path), rows=rows[header:], before=[b for b in before if b], paged=False)
    raise fail("I008", "không tìm thấy bảng phụ lục trong tài liệu (no annex table in the document)", str(path))


def _rows(table: Any, t: int, name: str) -> list[Row]:
    rows: list[Row] = []
    above: list[Any] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        current: list[Any] = []
        for c, cell in enumerate(row.cells, start=1):
            tc = cell._tc
            pos = f"{name}#table{t}:r{r}c{c}"
            if current and current[-1] is tc:
                cells.append(Cell("", pos, "left"))
            elif c - 1 < len(above) and above[c - 1] is tc:
                cells.append(Cell("", pos, "up"))
            else:
                cells.append(Cell(cell.text, pos))
            current.append(tc)
        above = current
        rows.append(Row(cells, f"{name}#table{t}:r{r}"))
    return rows
