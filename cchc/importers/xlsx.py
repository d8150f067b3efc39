"""Reader for Excel workbooks (.xlsx): the first sheet with an annex header, merged cells resolved.

Title rows above the header (`PHỤ LỤC`, the annex name, `(Kèm theo …)`) become the text before
the table. A cell covered by a merged range is empty and marked `up` (merged with the row
above) or `left`, so the structure builder knows the value is the anchor's, not missing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header
from cchc.importers.limits import check_ooxml


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_xlsx(path: Path) -> Grid:
    check_ooxml(path)
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file is unusable
        raise fail("I004", f"tệp Excel bị hỏng (corrupted workbook): {type(exc).__name__}", str(path)) from None
    for sheet in workbook.worksheets:
        covered: dict[tuple[int, int], str] = {}
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered[(r, c)] = "up" if r > rng.min_row else "left"
        rows: list[Row] = []
        for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = []
            for c, value in enumerate(values, start=1):
                coord = f"{sheet.title}!{get_column_letter(c)}{r}"
                merged = covered.get((r, c))
                cells.append(Cell("" if merged else _text(value), coord, merged))
            rows.append(Row(cells, f"{sheet.title}!{r}"))
        header = find_header([row.texts() for row in rows])
        if header is None:
            continue
        # Each title cell is a line of its own (a heading set in two cells side by side, as the agency
        # and the place-date are in a Word layout table, reads as in the .docx reader).
        before = [line.strip() for row in rows[:header] for t in row.texts() for line in t.splitlines()]
        return Grid(source=str(path), rows=rows[header:], before=[b for b in before if b], paged=False)
    raise fail("I008", "không tìm thấy bảng phụ lục trong các trang tính (no annex table in any sheet)", str(path))
