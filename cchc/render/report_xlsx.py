"""A report as an Excel workbook: the report's text on a first sheet, one sheet per annex table,
and a native bar chart (openpyxl) of one column — the on-time share per agency.

Fonts, sizes, margins and page set-up are `cchc.render.excel`'s (Times New Roman, A4 landscape
fitted to the page width, header rows repeated); the few styles only a report sheet needs
(percent format, the total row) are set here. Shares are numbers with a `0.0%` format, so the
sheet sorts and sums; every text is written as text, never as a formula.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from cchc.render.document import ANNEX_NUMBERS, ChartLike, DocumentLike, TableLike, annex_line, date_line, text_columns

PERCENT = "0.0%"
CHART_SHEET = "Biểu đồ"
TEXT_SHEET = "Báo cáo"


def xlsx_bytes(doc: DocumentLike) -> bytes:
    from openpyxl import Workbook

    from cchc.render.excel import _pin_zip

    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = TEXT_SHEET
    styles = _Styles()
    _text_sheet(first, doc, styles)
    for n, table in enumerate(doc.tables):
        _table_sheet(wb.create_sheet(table.sheet[:31]), doc, table, ANNEX_NUMBERS[n], styles)
    if doc.chart is not None and doc.chart.values:
        _chart(wb.create_sheet(CHART_SHEET), doc.chart, styles)
    stamp = datetime.combine(doc.day, datetime.min.time())
    wb.properties.creator = "cchc"
    wb.properties.title = f"{doc.kind} {doc.title}"
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return _pin_zip(buffer.getvalue(), stamp)


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        from cchc.render.excel import FONT, TABLE_SIZE, TITLE_SIZE

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=TABLE_SIZE)
        self.bold = Font(name=FONT, size=TABLE_SIZE, bold=True)
        self.title = Font(name=FONT, size=TITLE_SIZE, bold=True)
        self.italic = Font(name=FONT, size=TITLE_SIZE, italic=True)
        self.plain_title = Font(name=FONT, size=TITLE_SIZE)
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.top_centre = Alignment(horizontal="center", vertical="top", wrap_text=True)


def _text(ws: Any, row: int, col: int, value: str, font: Any, alignment: Any) -> Any:
    from cchc.render.excel import excel_text

    cell = ws.cell(row=row, column=col, value=excel_text(value))
    cell.data_type = "s"
    cell.font, cell.alignment = font, alignment
    return cell


def _setup(ws: Any, header_rows: str | None = None) -> None:
    from openpyxl.worksheet.page import PageMargins

    from cchc.render.excel import MARGINS

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(**MARGINS)
    if header_rows:
        ws.print_title_rows = header_rows


def _text_sheet(ws: Any, doc: DocumentLike, st: _Styles) -> None:
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 60
    _text(ws, 1, 1, doc.parent.upper(), st.plain_title, st.centre)
    _text(ws, 2, 1, doc.issuer.upper(), st.title, st.centre)
    _text(ws, 3, 1, doc.number, st.plain_title, st.centre)
    _text(ws, 1, 2, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.title, st.centre)
    _text(ws, 2, 2, "Độc lập - Tự do - Hạnh phúc", st.title, st.centre)
    _text(ws, 3, 2, date_line(doc), st.italic, st.centre)
    row = 5
    for text, font in ((doc.kind.upper(), st.title), (doc.title, st.title)):
        _text(ws, row, 1, text, font, st.centre)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        row += 1
    row += 1
    for paragraph in doc.paragraphs:
        _text(ws, row, 1, paragraph, st.font, st.left)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = 16 * (1 + len(paragraph) // 95)
        row += 1
    _setup(ws)
    ws.page_setup.orientation = "portrait"


def _table_sheet(ws: Any, doc: DocumentLike, table: TableLike, number: str, st: _Styles) -> int:
    """Draw one annex table; returns the sheet row of its first data row."""
    from openpyxl.utils import get_column_letter

    ncols = len(table.headers)
    lines = [(f"PHỤ LỤC {number}", st.title), (table.title.upper(), st.title), (annex_line(doc), st.italic)]
    for row, (text, font) in enumerate(lines, start=1):
        _text(ws, row, 1, text, font, st.centre)
        if ncols > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    header = len(lines) + 2
    for col, label in enumerate(table.headers, start=1):
        cell = _text(ws, header, col, label, st.bold, st.centre)
        cell.border = st.border
        ws.column_dimensions[get_column_letter(col)].width = table.widths[col - 1]
    ws.row_dimensions[header].height = 48
    last = len(table.rows) - 1
    left = text_columns(table)
    for r, values in enumerate(table.rows):
        row = header + 1 + r
        font = st.bold if table.total and r == last else st.font
        for col, value in enumerate(values, start=1):
            if isinstance(value, str):
                cell = _text(ws, row, col, value, font, st.left if col - 1 in left else st.top_centre)
            else:
                cell = ws.cell(row=row, column=col, value=value)
                cell.font, cell.alignment = font, st.top_centre
                if isinstance(value, float):
                    cell.number_format = PERCENT
            cell.border = st.border
    if table.note:
        note = header + len(table.rows) + 2
        _text(ws, note, 1, table.note, st.font, st.left)
        ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=max(ncols, 2))
    ws.freeze_panes = f"A{header + 1}"
    _setup(ws, f"{header}:{header}")
    return header + 1


def _chart(ws: Any, spec: ChartLike, st: _Styles) -> None:
    """The chart's data in columns A:B of its own sheet, and a horizontal bar chart beside it."""
    from openpyxl.chart import BarChart, Reference

    _text(ws, 1, 1, "Cơ quan", st.bold, st.centre).border = st.border
    _text(ws, 1, 2, spec.axis, st.bold, st.centre).border = st.border
    for r, (label, value) in enumerate(zip(spec.labels, spec.values, strict=True), start=2):
        _text(ws, r, 1, label, st.font, st.left).border = st.border
        cell = ws.cell(row=r, column=2, value=value)
        cell.font, cell.alignment, cell.border, cell.number_format = st.font, st.top_centre, st.border, PERCENT
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 14
    last = len(spec.values) + 1
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: agency names are long
    chart.style = 10
    chart.title = spec.title
    chart.y_axis.title = spec.axis
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # the table's first agency on top
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=2, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    chart.width = 24
    chart.height = max(7.0, 0.8 * len(spec.values) + 4)
    ws.add_chart(chart, "D2")
    _setup(ws)
