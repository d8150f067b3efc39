"""The annex as an Excel workbook: the one place that owns every style, width and print setting.

Drawn from a `cchc.render.layout.Grid` the way Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an
annex: `PHỤ LỤC` (bold), the annex name in capitals (bold), the italic `(Kèm theo …)` line;
Times New Roman — 13 pt for the title block, 12 pt in the table (what provinces print wide
annexes in); thin borders, wrapped text, A4 landscape fitted to the page width, header rows
repeated on every page, page numbers centred at the top but not on the first page, panes
frozen under the header.

The bytes are deterministic: document properties and zip entry timestamps are pinned to the
plan's date, so the same plan renders to a byte-identical file. Every text cell is written as
text (`data_type = "s"`): a cell starting with `=`, `+`, `-` or `@` never becomes a formula.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable
from copy import copy
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cchc.render.layout import ROLE_KEY, Cell, Grid, column_texts

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as OpenpyxlCell
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "Times New Roman"
TITLE_SIZE = 13
TABLE_SIZE = 12
SHEET_TITLE = "Phụ lục"

#: Total width of the table in Excel character units: fills an A4 landscape page between
#: 30 mm and 15 mm margins at about 90 % scale, so 12 pt stays readable once fitted.
TABLE_WIDTH = 150
MIN_WIDTH = 9.0
MAX_WIDTH = 70.0
#: Points per printed line of 12 pt text (LibreOffice 13.8, Excel about 15; the line count errs high),
#: and the padding a wrapped cell needs.
LINE_HEIGHT = 14.4
PADDING = 4.0
#: Characters of Times New Roman 12 pt that fit in one Excel width unit (measured on Vietnamese text).
CHARS_PER_UNIT = 1.2
#: Bold capitals (header labels) are wider: the share of a width they fill like plain text.
BOLD_CAPS = 0.75

#: Margins in inches (Nghị định 30/2020: left 30–35 mm, right 15–20 mm, top/bottom 20–25 mm).
MARGINS = {"left": 30 / 25.4, "right": 15 / 25.4, "top": 20 / 25.4, "bottom": 20 / 25.4, "header": 10 / 25.4}

#: Columns whose cells are centred: short codes and times.
CENTRED = ("number", "start", "due", ROLE_KEY)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def workbook_bytes(grid: Grid, finish: Callable[[Any, Worksheet, int], None] | None = None) -> bytes:
    """The rendered workbook (.xlsx) as bytes, identical for identical grids.

    `finish(workbook, sheet, first_body_row)` may add to the drawn sheet before it is saved (the
    progress extract's drop-down, protection and manifest: `cchc.render.progress_sheet`).
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = SHEET_TITLE
    widths = column_widths(grid)
    stamp = datetime.combine(grid.doc_date or date(2000, 1, 1), datetime.min.time())
    wb.properties.creator = "cchc"
    wb.properties.title = grid.title
    wb.properties.created = stamp
    buffer = io.BytesIO()
    drawer = _Drawer(ws, grid, widths)
    drawer.draw()
    if finish is not None:
        finish(wb, ws, drawer.first_body)
    wb.save(buffer)
    return _pin_zip(buffer.getvalue(), stamp)


def column_widths(grid: Grid) -> list[float]:
    """Widths proportioned to content: a column grows with the square root of its text per row.

    Text per row counts a merged cell once, so an objective written once over ten task rows
    does not claim the width of ten; the square root keeps long text columns wide without
    starving short ones. Widths are scaled so the table fills `TABLE_WIDTH`; no column is
    narrower than its longest word (times and agency names stay readable), and a column of
    short codes (TT) is as narrow as its content.
    """
    rows = max(1, sum(1 for r in grid.rows if r.kind == "item"))
    raw = []
    floors = []
    for texts in column_texts(grid):
        longest = max(len(t) for t in texts)
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        if longest <= 4:  # numbers, short codes: fixed, outside the proportional share
            floors.append(longest + 3.0)
            raw.append(0.0)
            continue
        floors.append(min(max(MIN_WIDTH, longest_word / CHARS_PER_UNIT + 2), 16.0))
        raw.append(2 + 3.2 * math.sqrt(sum(len(t) for t in texts[1:]) / rows))
    fixed = sum(f for f, r in zip(floors, raw, strict=True) if not r)
    scale = (TABLE_WIDTH - fixed) / (sum(raw) or 1)
    return [round(min(MAX_WIDTH, max(floor, w * scale)), 1) for w, floor in zip(raw, floors, strict=True)]


def text_lines(text: str, width: float) -> int:
    """Printed lines of `text` wrapped in a cell `width` units wide (greedy word wrap)."""
    per_line = max(1, int(width * CHARS_PER_UNIT) - 1)
    lines = 0
    for paragraph in text.split("\n") or [""]:
        used = 0
        count = 1
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
            else:
                count += 1 + (len(word) - 1) // per_line
                used = len(word) % per_line or per_line
        lines += count
    return max(lines, 1)


def excel_text(text: str) -> str:
    """Text Excel accepts: control characters (never printable in a plan) dropped."""
    return _CONTROL.sub("", text)


class _Drawer:
    """Writes one grid onto one worksheet; every style decision lives here."""

    def __init__(self, ws: Worksheet, grid: Grid, widths: list[float]) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.ws = ws
        self.grid = grid
        self.widths = widths
        self.ncols = len(grid.keys)
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=TABLE_SIZE)
        self.bold = Font(name=FONT, size=TABLE_SIZE, bold=True)
        self.bold_italic = Font(name=FONT, size=TABLE_SIZE, bold=True, italic=True)
        self.title_bold = Font(name=FONT, size=TITLE_SIZE, bold=True)
        self.title_italic = Font(name=FONT, size=TITLE_SIZE, italic=True)
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.top_centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.heights: dict[int, float] = {}
        self.first_body = 0  # the sheet row of the grid's first row, once drawn
        self._styles: dict[tuple[int, int], StyleArray] = {}

    def draw(self) -> None:
        row = self._title_block()
        header = row
        self._header(row)
        row += 1
        if self.grid.column_numbers:
            self._column_numbers(row)
            row += 1
        self.first_body = first_body = row
        self._body(first_body)
        self._sheet_setup(header, first_body)

    # --- parts of the sheet -----------------------------------------------------------------

    def _text(self, row: int, col: int, text: str) -> None:
        cell = self.ws.cell(row=row, column=col, value=excel_text(text))
        cell.data_type = "s"  # text stays text: `=HYPERLINK(…)` is never a formula

    def _title_block(self) -> int:
        """PHỤ LỤC, the annex name, the `(Kèm theo …)` line and the extract line; returns the next row."""
        lines = [("PHỤ LỤC", self.title_bold), (self.grid.title.upper(), self.title_bold)]
        if self.grid.subtitle:
            lines.append((self.grid.subtitle, self.title_italic))
        if self.grid.extract:
            lines.append((self.grid.extract, self.title_bold))
        total = sum(self.widths)
        for row, (text, font) in enumerate(lines, start=1):
            self._text(row, 1, text)
            cell = self.ws.cell(row=row, column=1)
            cell.font = font
            cell.alignment = self.centre
            if self.ncols > 1:
                self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.ncols)
            width = total * TABLE_SIZE / TITLE_SIZE * (BOLD_CAPS if font.b else 1.0)
            self.heights[row] = text_lines(text, width) * LINE_HEIGHT * TITLE_SIZE / TABLE_SIZE + PADDING
        return len(lines) + 2  # one blank row between the title block and the table

    def _header(self, row: int) -> None:
        lines = 1
        for col, label in enumerate(self.grid.labels, start=1):
            self._text(row, col, label)
            cell = self.ws.cell(row=row, column=col)
            cell.font, cell.alignment, cell.border = self.bold, self.centre, self.border
            lines = max(lines, text_lines(label, self.widths[col - 1] * BOLD_CAPS))
        self.heights[row] = lines * LINE_HEIGHT + PADDING

    def _column_numbers(self, row: int) -> None:
        for col in range(1, self.ncols + 1):
            cell = self.ws.cell(row=row, column=col, value=col)
            cell.font, cell.alignment, cell.border = self.bold, self.centre, self.border
        self.heights[row] = LINE_HEIGHT + PADDING

    def _body(self, first: int) -> None:
        ws = self.ws
        spans: list[tuple[int, int, Cell]] = []
        for offset, grid_row in enumerate(self.grid.rows):
            row = first + offset
            section = grid_row.kind == "section"
            font = (self.bold if grid_row.level == 0 else self.bold_italic) if section else self.font
            for col, key in enumerate(self.grid.keys, start=1):
                cell = grid_row.cells[col - 1]
                centred = (key in CENTRED and not section) or (
                    section and col == 1 and cell is not None and cell.colspan == 1
                )
                self._style(ws.cell(row=row, column=col), font, self.top_centre if centred else self.top_left)
                if cell is None:
                    continue
                self._text(row, col, cell.text)
                spans.append((row, col, cell))
            self.heights[row] = LINE_HEIGHT + PADDING
        # Heights: single-row cells first, then merged cells share what they still need over their rows.
        for row, col, cell in spans:
            if cell.rowspan == 1:
                width = sum(self.widths[col - 1 : col - 1 + cell.colspan])
                need = text_lines(cell.text, width) * LINE_HEIGHT + PADDING
                self.heights[row] = max(self.heights[row], need)
        for row, col, cell in spans:
            if cell.rowspan > 1:
                need = text_lines(cell.text, self.widths[col - 1]) * LINE_HEIGHT + PADDING
                rows = range(row, row + cell.rowspan)
                missing = need - sum(self.heights[r] for r in rows)
                if missing > 0:
                    for r in rows:
                        self.heights[r] += missing / cell.rowspan
        for row, col, cell in spans:
            if cell.rowspan > 1 or cell.colspan > 1:
                self._merge(row, col, cell)

    def _style(self, target: OpenpyxlCell | MergedCell, font: Font, alignment: Alignment) -> None:
        """Give a table cell its font, alignment and thin border.

        openpyxl hashes style objects on every assignment — most of the render time of a 500-item
        plan — so each combination is assigned once and its style array copied to the other cells.
        """
        key = (id(font), id(alignment))
        cached = self._styles.get(key)
        if cached is None:
            target.font, target.alignment, target.border = font, alignment, self.border
            self._styles[key] = copy(_style_of(target))
        else:
            _set_style(target, cached)

    def _merge(self, row: int, col: int, cell: Cell) -> None:
        """Merge a table cell over its span; covered cells keep the anchor's style (borders print on every edge).

        Same result as `ws.merge_cells`, without its per-cell border rebuilding (slow on long tables).
        """
        from openpyxl.cell.cell import MergedCell
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.merge import MergedCellRange

        ws = self.ws
        end = f"{get_column_letter(col + cell.colspan - 1)}{row + cell.rowspan - 1}"
        merged = MergedCellRange(ws, f"{get_column_letter(col)}{row}:{end}")
        # Straight into the set: `MultiCellRange.add` first scans every range for overlap (O(n) per
        # merge, O(n²) per table); the layout's spans never overlap.
        ws.merged_cells.ranges.add(merged)
        style = _style_of(ws.cell(row=row, column=col))
        for r, c in list(merged.cells)[1:]:
            covered = MergedCell(ws, r, c)
            _set_style(covered, style)
            ws._cells[r, c] = covered  # what ws.merge_cells does, minus its border rebuilding

    def _sheet_setup(self, header: int, first_body: int) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        ws = self.ws
        for col, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        for row, height in sorted(self.heights.items()):
            # Excel caps a row at 409 pt; a taller cell still prints, spilling is better than failing.
            ws.row_dimensions[row].height = round(min(height, 409.0), 1)
        ws.freeze_panes = f"A{first_body}"
        # Nghị định 30/2020: A4, wide tables landscape; the table header repeats on every page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(**MARGINS)
        ws.print_title_rows = f"{header}:{first_body - 1}"
        # Page numbers centred at the top, not on the first page.
        ws.HeaderFooter.differentFirst = True
        odd = ws.HeaderFooter.oddHeader
        assert odd is not None  # openpyxl creates every header part with the sheet
        odd.center.text = "&P"
        odd.center.font = f"{FONT},Regular"
        odd.center.size = TABLE_SIZE


def _style_of(cell: object) -> StyleArray:
    # `_style` is openpyxl's style array (stable since 2.x, untyped in the stubs).
    style: StyleArray = getattr(cell, "_style")  # noqa: B009
    return style


def _set_style(cell: object, style: StyleArray) -> None:
    setattr(cell, "_style", copy(style))  # noqa: B010


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _pin_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the xlsx zip with fixed entry timestamps and document dates (openpyxl stamps `now`)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(2), payload)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, payload)
    return out.getvalue()
