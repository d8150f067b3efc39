"""Reader for Excel workbooks (.xlsx): the first sheet with an annex header, merged cells resolved.

The workbook's XML is streamed here (`limits.Package`), not loaded by openpyxl: a sheet's
declared dimension, its farthest cell and its merges are not trusted, only the cells that exist
are kept, and the table they make is bounded (`limits.Budget`) before it is built. Values are
read as openpyxl's `data_only` mode reads them: shared and inline strings, numbers (whole numbers
without `.0`), dates by the cell's number format, booleans, errors, and a formula's cached value.
A formula without a cached value (a file written by a program that does not calculate) is never
evaluated: its cell is left empty and a repair names the sheet, the cell and the formula.

Title rows above the header (`PHỤ LỤC`, the annex name, `(Kèm theo …)`) become the text before
the table. A cell covered by a merged range is empty and marked `up` (merged with the row
above) or `left`, so the structure builder knows the value is the anchor's, not missing. A run
of empty rows is read as one empty row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header
from cchc.importers.limits import MAX_CELLS, Budget, Package, forget, local
from cchc.text import thousands

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
#: Excel's own bounds: XFD, row 1 048 576.
_LAST_COLUMN, _LAST_ROW = 16_384, 1_048_576
#: Elements inside a cell, kept until the cell ends (everything else is let go of once read).
_CELL_PARTS = frozenset({"v", "f", "is", "t", "r"})
#: Most cells a workbook may list in its shared-string table.
MAX_STRINGS = 1_000_000
#: Repairs of one kind listed one by one per sheet (formulas, hidden text); the rest are counted.
MAX_NOTES = 50


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@dataclass
class Book:
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (title, part)
    strings: list[str] = field(default_factory=list)
    dates: set[int] = field(default_factory=set)  # style indexes with a date format
    durations: set[int] = field(default_factory=set)  # style indexes with a [h]:mm-like format
    epoch: Any = None


def read_xlsx(path: Path) -> Grid:
    with Package(path) as package:
        book = _book(package)
        for title, part in book.sheets:
            rows, notes = _sheet(package, part, title, book)
            header = find_header([row.texts() for row in rows])
            if header is None:
                continue
            # Each title cell is a line of its own (a heading set in two cells side by side, as the
            # agency and the place-date are in a Word layout table, reads as in the .docx reader).
            before = [line.strip() for row in rows[:header] for t in row.texts() for line in t.splitlines()]
            return Grid(source=str(path), rows=rows[header:], before=[b for b in before if b], paged=False, notes=notes)
    raise fail("I008", "không tìm thấy bảng phụ lục trong các trang tính (no annex table in any sheet)", str(path))


def _book(package: Package) -> Book:
    """Sheet names and parts in order, shared strings, date styles and the date epoch."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    book = Book(epoch=CALENDAR_WINDOWS_1900)
    main = package.main_part("xl/workbook.xml", ("spreadsheetml", "ms-excel"), "sổ tính Excel (not an .xlsx)")
    related = package.relationships(main)
    for _, element in package.events(main):
        name = local(element.tag)
        if name == "workbookPr" and element.get("date1904") in ("1", "true"):
            book.epoch = CALENDAR_MAC_1904
        elif name == "sheet":
            rid = next((v for k, v in element.attrib.items() if local(k) == "id"), None)
            kind, part = related.get(rid or "", ("", ""))
            if kind.endswith("/worksheet") and package.has(part):
                title = " ".join((element.get("name") or part).split())[:100]  # it is in every cell's position
                book.sheets.append((title, part))
        forget(element)
    for kind, part in related.values():
        if kind.endswith("/sharedStrings") and package.has(part):
            book.strings = _strings(package, part)
        elif kind.endswith("/styles") and package.has(part):
            book.dates, book.durations = _date_styles(package, part)
    return book


def _rich(element: Any) -> str:
    """The text of a string item (`<si>`, `<is>`): its `<t>` and its runs' `<t>`, phonetic runs left out."""
    parts: list[str] = []
    for child in element:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return "".join(parts)


def _strings(package: Package, part: str) -> list[str]:
    strings: list[str] = []
    for _, element in package.events(part):
        name = local(element.tag)
        if name in _CELL_PARTS:  # inside a string item: read when the item ends
            continue
        if name == "si":
            strings.append(_rich(element))
            if len(strings) > MAX_STRINGS:
                raise package.too_large(f"hơn {thousands(MAX_STRINGS)} chuỗi dùng chung (shared strings)")
        forget(element)
    return strings


def _date_styles(package: Package, part: str) -> tuple[set[int], set[int]]:
    """Indexes of the cell styles whose number format is a date, and a duration (as openpyxl decides)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    custom: dict[int, str] = {}
    formats: list[int] = []
    for _, element in package.events(part):
        name = local(element.tag)
        parent = element.getparent()
        if name == "numFmt" and (element.get("numFmtId") or "").isdigit():
            custom[int(element.get("numFmtId"))] = element.get("formatCode") or ""
        elif name == "xf" and parent is not None and local(parent.tag) == "cellXfs":
            number = element.get("numFmtId") or "0"
            formats.append(int(number) if number.isdigit() else 0)
            if len(formats) > MAX_CELLS:
                raise package.too_large(f"hơn {thousands(MAX_CELLS)} kiểu ô (cell styles)")
        forget(element)
    kinds: dict[int, tuple[bool, bool]] = {}  # each number format judged once, however many styles use it
    for number in set(formats):
        code = custom.get(number, BUILTIN_FORMATS.get(number))
        kinds[number] = (bool(code) and is_date_format(code), bool(code) and is_timedelta_format(code))
    dates = {index for index, number in enumerate(formats) if kinds[number][0]}
    durations = {index for index, number in enumerate(formats) if kinds[number][1]}
    return dates, durations


def _ref(text: str | None) -> tuple[int, int] | None:
    """(row, column) of `B7` / `$B$7`, inside Excel's bounds, or None."""
    found = _REF.match(text or "")
    if not found:
        return None
    row, column = int(found.group(2)), column_index_from_string(found.group(1))
    return (row, column) if 1 <= row <= _LAST_ROW and 1 <= column <= _LAST_COLUMN else None


class _Reader:
    """One sheet's cells that exist, as streamed: text by row and column, merges, formula repairs."""

    def __init__(self, package: Package, part: str, title: str, book: Book) -> None:
        self.package = package
        self.part = part
        self.title = title
        self.book = book
        self.budget = Budget(package.name)
        self.cells: dict[int, dict[int, str]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.formulas: list[str] = []
        self.stored = 0

    def read(self) -> None:
        """Stream the sheet: each cell, row and merge is read at its end and let go of; a cell's
        children (value, formula, string runs) are kept until the cell ends."""
        row = column = 0  # the last row ended, the last column of the current row
        for _, element in self.package.events(self.part):
            tag = element.tag
            name = tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""
            if name in _CELL_PARTS:
                continue
            if name == "c":
                ref = element.get("r")
                if ref:
                    where = _ref(ref)
                    if where is None:
                        raise self.package.corrupt(f"địa chỉ ô sai (bad cell reference) {ref!r}", self.part)
                else:
                    where = (self.row_number(element.getparent(), row), column + 1)
                column = where[1]
                self.cell(element, *where)
            elif name == "row":
                row, column = self.row_number(element, row), 0
            elif name == "mergeCell":
                self.merge(element.get("ref") or "")
            forget(element)

    def row_number(self, element: Any, last: int) -> int:
        """A row's own number (`r`), else the one after the last row."""
        number = element.get("r") if element is not None else None
        row = int(number) if number and number.isdigit() else last + 1
        if not 1 <= row <= _LAST_ROW:
            raise self.package.corrupt(f"số dòng sai (bad row number) {number}", self.part)
        return row

    def cell(self, element: Any, row: int, column: int) -> None:
        kind = element.get("t") or "n"
        value = formula = inline = None
        for child in element:
            name = local(child.tag)
            if name == "v":
                value = child.text or ""
            elif name == "f":
                formula = child
            elif name == "is":
                inline = child
        if formula is not None and (value is None or (value == "" and kind != "str")):
            self.formula(row, column, formula)
            return
        text = self.text(kind, value, inline, element.get("s"))
        if not text:
            return
        self.stored += 1
        if self.stored > MAX_CELLS:
            raise self.budget.refuse(f"hơn {thousands(MAX_CELLS)} ô có nội dung (cells with content)")
        self.budget.text(len(text))
        self.cells.setdefault(row, {})[column] = text

    def text(self, kind: str, value: str | None, inline: Any, style: str | None) -> str:
        if kind == "inlineStr":
            return _rich(inline) if inline is not None else ""
        if not value:
            return ""
        if kind == "s":
            index = int(value) if value.isdigit() else -1
            if not 0 <= index < len(self.book.strings):
                raise self.package.corrupt(f"chuỗi dùng chung không có (no shared string {value})", self.part)
            return self.book.strings[index]
        if kind == "b":
            return str(value.strip() not in ("0", "false", ""))
        if kind == "d":
            try:
                return _text(datetime.fromisoformat(value))
            except ValueError:
                return value
        if kind != "n":  # str, e: the text itself
            return value
        return self.number(value, int(style) if style and style.isdigit() else 0)

    def number(self, value: str, style: int) -> str:
        from openpyxl.utils.datetime import from_excel

        try:
            number: float = float(value) if any(ch in value for ch in ".Ee") else int(value)
        except ValueError:
            return value  # not a number after all: kept as written
        if style in self.book.dates:
            try:
                return _text(from_excel(number, self.book.epoch, timedelta=style in self.book.durations))
            except (OverflowError, ValueError):
                return value
        return _text(number)

    def formula(self, row: int, column: int, element: Any) -> None:
        self.formulas.append(f"{self.title}!{get_column_letter(column)}{row}")
        if len(self.formulas) > MAX_NOTES:
            return
        text = " ".join((element.text or "").split())
        if not text:
            text = f"(công thức dùng chung #{element.get('si')}, shared formula)" if element.get("si") else "(trống)"
        self.formulas[-1] += f" `={text[:200]}{'…' if len(text) > 200 else ''}`"

    def merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        start, end = _ref(first), _ref(last)
        if start is None or end is None:
            return  # a one-cell or malformed range merges nothing
        (r1, c1), (r2, c2) = start, end
        self.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        if len(self.merges) > MAX_CELLS:
            raise self.budget.refuse(f"hơn {thousands(MAX_CELLS)} vùng gộp (merged ranges)")

    def notes(self) -> list[str]:
        if not self.formulas:
            return []
        shown = self.formulas[:MAX_NOTES]
        more = len(self.formulas) - len(shown)
        return [
            f"{where}: ô có công thức nhưng tệp không lưu giá trị đã tính; ô để trống, công thức không được tính "
            "(formula without a cached value: not evaluated, cell left empty) — mở và lưu lại tệp bằng Excel "
            "hoặc LibreOffice để có giá trị"
            for where in shown
        ] + ([f"và {more} ô công thức khác không có giá trị đã tính (and {more} more such cells)"] if more else [])


def _sheet(package: Package, part: str, title: str, book: Book) -> tuple[list[Row], list[str]]:
    """The sheet as rows of cells, padded to its width, after checking the size of what it makes."""
    reader = _Reader(package, part, title, book)
    reader.read()
    budget = reader.budget
    area = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in reader.merges)
    if area > MAX_CELLS:
        raise budget.refuse(f"các vùng gộp phủ {thousands(area)} ô (merged ranges cover {thousands(area)} cells)")
    covered: dict[tuple[int, int], str] = {}
    for r1, c1, r2, c2 in reader.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = "up" if r > r1 else "left"
    width = max(
        [max(cols) for cols in reader.cells.values()] + [c2 for _, _, _, c2 in reader.merges] + [0],
    )
    budget.columns(width)
    present = sorted(set(reader.cells) | {r for r, _ in covered})
    numbers: list[int | None] = []  # None: a run of empty rows
    for previous, row_number in zip([0, *present], present, strict=False):
        if row_number > previous + 1:
            numbers.append(None)
        numbers.append(row_number)
    for number in numbers:
        budget.row(width if number is not None else 0)
    columns = [get_column_letter(column) for column in range(1, width + 1)]
    rows: list[Row] = []
    hidden: list[str] = []  # text in a cell a merged range covers: Excel does not show it
    for at, number in enumerate(numbers):
        if number is None:
            after = numbers[at - 1] if at else 0
            rows.append(Row([], f"{title}!{(after or 0) + 1}"))
            continue
        texts = reader.cells.get(number, {})
        cells = []
        for column, letters in enumerate(columns, start=1):
            merged = covered.get((number, column))
            coord = f"{title}!{letters}{number}"
            if merged and texts.get(column):
                hidden.append(f"{coord}: {' '.join(texts[column].split())[:200]}")
            cells.append(Cell("" if merged else texts.get(column, ""), coord, merged))
        rows.append(Row(cells, f"{title}!{number}"))
    notes = reader.notes()
    notes.extend(
        f"{where} — ô nằm trong vùng gộp, Excel không hiện chữ này; không nhập "
        "(text in a cell covered by a merged range, hidden by Excel: not imported)"
        for where in hidden[:MAX_NOTES]
    )
    return rows, notes
