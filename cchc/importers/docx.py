"""Reader for Word documents (.docx): the first table with an annex header, merged cells resolved.

python-docx returns the same cell object for every grid position a merged cell covers
(horizontal `gridSpan` and vertical `vMerge`), so a cell whose `_tc` equals its left or upper
neighbour's is marked `left`/`up` and left empty. Paragraphs before the table are the document
text (title, number, date). Tables right after the annex with the same columns and no header of
their own (or the same header again) continue it: Word splits a long annex at a section break.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header, is_repeated_header, map_columns
from cchc.importers.limits import check_ooxml
from cchc.text import fold


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
        body = rows[header:]
        tables = {id(other._tbl): (n, other) for n, other in enumerate(document.tables, start=1)}
        after = False
        for child in document.element.body.iterchildren():
            if child is table._tbl:
                after = True
                continue
            if not after:
                continue
            if child.tag.endswith("}p") and fold(Paragraph(child, document).text).startswith("phu luc"):
                break  # another annex begins
            if child.tag.endswith("}tbl") and id(child) in tables:
                later, other = tables[id(child)]
                more = _rows(other, later, path.name)
                if not _continues(body, more):
                    break
                body.extend(more)
        return Grid(source=str(path), rows=body, before=[b for b in before if b], paged=False)
    raise fail("I008", "không tìm thấy bảng phụ lục trong tài liệu (no annex table in the document)", str(path))


def _continues(table: list[Row], more: list[Row]) -> bool:
    """A later table that goes on with the annex: an annex split into several Word tables (a page or
    section break between them) has the same columns, and repeats the header or has none of its own."""
    if not more or not table or len(more[0].cells) != len(table[0].cells):
        return False
    first = [c.text for c in more[0].cells]
    if find_header([first]) is None:
        return True
    columns = map_columns(table[0].texts())
    return is_repeated_header(first, columns)


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
