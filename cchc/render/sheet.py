"""A list as an Excel workbook: the `--format xlsx` of `cchc due`, `cchc tasks` and `cchc agencies`.

Not the annex (that is `excel.py`, laid out as the province issues it): one sheet, a bold
header row with Vietnamese labels, frozen under the panes and with an autofilter over the whole
table, so staff sort and filter their department's rows in Excel; dates are real dates
(`dd/mm/yyyy`), counts and days are numbers, long text wraps. Every style lives here.

Text cells are written as text (`data_type = "s"`): a cell starting with `=`, `+`, `-` or `@`
never becomes a formula. The bytes are deterministic for a given day (`stamp`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

FONT = "Times New Roman"
SIZE = 12
HEADER_FILL = "DDEBF7"
DATE_FORMAT = "dd/mm/yyyy"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_bytes(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float] = (),
    sheet_name: str = "Danh sách",
    stamp: date | None = None,
) -> bytes:
    """The workbook (.xlsx) with `title` as its document title, one header row and `rows`."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from cchc.render.excel import _pin_zip

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet_name[:31]
    when = datetime.combine(stamp or date(2000, 1, 1), datetime.min.time())
    wb.properties.creator = "cchc"
    wb.properties.title = title
    wb.properties.created = when

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name=FONT, size=SIZE, bold=True)
    body_font = Font(name=FONT, size=SIZE)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="top")

    for col, header in enumerate(headers, start=1):
        head = ws.cell(row=1, column=col, value=header)
        head.font, head.fill, head.border = head_font, fill, border
        head.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            assert isinstance(cell, Cell)  # nothing is merged in a list
            if isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
                cell.alignment = centre
            elif isinstance(value, bool) or value is None:
                cell.value = None if value is None else ("có" if value else "không")
            elif isinstance(value, int | float):
                cell.value = value
                cell.alignment = centre
            else:
                cell.value = _CONTROL.sub(" ", str(value))
                cell.data_type = "s"
                cell.alignment = wrap
            cell.font, cell.border = body_font, border
    for col, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    last = get_column_letter(max(1, len(headers)))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    wb.save(buffer)
    return _pin_zip(buffer.getvalue(), when)
