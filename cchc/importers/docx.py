"""Reader for Word documents (.docx): the first table with an annex header, merged cells resolved.

The document's XML is streamed here (`limits.Package`): each body paragraph and each row of a body
table is read as it arrives and then let go of, and reading stops at the annex table. python-docx
supplies only its element classes, so a paragraph's text is exactly python-docx's (`CT_P.text`:
runs, hyperlinks, tabs, breaks).

A cell spanning columns (`gridSpan`) is one cell followed by cells marked `left`; a cell continuing
a vertical merge (`vMerge`) is marked `up`; a row starting late (`gridBefore`) starts with empty
cells, and every row is padded to the table's width, so a cell keeps its column. Spans and widths
are checked against the limits before any cell is built. A cell's text is its paragraphs, one per
line, with content controls (`w:sdt`) read through; a table nested in a cell is kept, flattened
into the cell one row per line (`a | b`), and noted as a repair. Paragraphs and layout tables
before the annex table are the document text (title, number, date). Tables right after the annex
with the same columns and no header of their own (or the same header again) continue it: Word
splits a long annex at a section break; a `PHỤ LỤC` paragraph ends it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header, is_repeated_header, map_columns
from cchc.importers.limits import MAX_COLUMNS, Budget, Package, forget, local
from cchc.text import fold

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Elements that only wrap content (content controls, custom XML): read through, as if absent.
_WRAPPERS = frozenset({"sdt", "sdtContent", "customXml"})


def read_docx(path: Path) -> Grid:
    from docx.oxml.parser import element_class_lookup

    name = path.name
    budget = Budget(str(path))
    before: list[str] = []
    body: list[Row] | None = None  # the annex, once its header table is read
    found: list[str] = []
    with Package(path) as package:
        main = package.main_part("word/document.xml", ("wordprocessingml", "ms-word"), "tài liệu Word (not a .docx)")
        table: _Table | None = None
        count = 0
        for _, element in package.events(main, lookup=element_class_lookup, blank_text=False):
            kind = local(element.tag)
            if kind == "tr":
                owner = _table_of(element)
                if owner is not None and _in_body(owner):  # a row of a body table: read, then let go of
                    if table is None or table.element is not owner:
                        count += 1
                        table = _Table(owner, count, name, budget)
                    table.add(element)
                    forget(element)
                continue
            if kind not in ("p", "tbl") or not _in_body(element):
                continue
            if kind == "p":
                text = _paragraph(element)
                budget.text(len(text))
                forget(element)
                if body is not None:
                    if fold(text.strip()).startswith("phu luc"):
                        break  # another annex begins
                    continue
                before.extend(line.strip() for line in text.splitlines() if line.strip())
                continue
            rows, notes = table.finish() if table is not None and table.element is element else ([], [])
            table = None
            forget(element)
            if body is not None:
                # Word splits a long annex at a section break: a later table with the same columns
                # and no header of its own (or the same header again) goes on with it.
                if not _continues(body, rows):
                    break
                body.extend(rows)
                found.extend(notes)
                continue
            header = find_header([row.texts() for row in rows])
            if header is None:
                # Vietnamese documents set the agency, number and place-date in a layout table.
                text = "\n".join(c.text for row in rows for c in row.cells)
                before.extend(line.strip() for line in text.splitlines() if line.strip())
                continue
            before.extend(" ".join(t.strip() for t in row.texts() if t.strip()) for row in rows[:header])
            body, found = rows[header:], list(notes)
    if body is None:
        raise fail("I008", "không tìm thấy bảng phụ lục trong tài liệu (no annex table in the document)", str(path))
    return Grid(source=str(path), rows=body, before=[b for b in before if b], paged=False, notes=found)


def _continues(table: list[Row], more: list[Row]) -> bool:
    """A later table that goes on with the annex: an annex split into several Word tables (a page or
    section break between them) has the same columns, and repeats the header or has none of its own."""
    if not more or not table or len(more[0].cells) != len(table[0].cells):
        return False
    first = [c.text for c in more[0].cells]
    if find_header([first]) is None:
        return True
    return is_repeated_header(first, map_columns(table[0].texts()))


def _in_body(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None and local(parent.tag) in _WRAPPERS:
        parent = parent.getparent()
    return parent is not None and local(parent.tag) == "body"


def _table_of(tr: Any) -> Any:
    """The table a row belongs to (looking through content controls), or None."""
    parent = tr.getparent()
    while parent is not None and local(parent.tag) in _WRAPPERS:
        parent = parent.getparent()
    return parent if parent is not None and local(parent.tag) == "tbl" else None


def _children(element: Any, wanted: str) -> Any:
    """`element`'s children named `wanted`, looking through content controls and custom XML."""
    for child in element:
        name = local(child.tag)
        if name == wanted:
            yield child
        elif name in _WRAPPERS:
            yield from _children(child, wanted)


def _property(element: Any, holder: str, name: str) -> Any:
    """`<w:holder><w:name>` of `element` (a cell's `tcPr`, a row's `trPr`), or None."""
    props = element.find(f"{_W}{holder}")
    return None if props is None else props.find(f"{_W}{name}")


def _number(element: Any, budget: Budget) -> int:
    """A span or grid count (`w:val`), checked against the column limit before any cell is made."""
    if element is None:
        return 0
    value = (element.get(f"{_W}val") or "").strip()
    count = int(value) if value.isdigit() and len(value) < 10 else MAX_COLUMNS + 1
    budget.columns(count)
    return count


class _Table:
    """A body table read row by row as its rows arrive, each row's XML let go of once read."""

    def __init__(self, element: Any, t: int, name: str, budget: Budget) -> None:
        self.element = element
        self.t = t
        self.name = name
        self.budget = budget
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.above: set[int] = set()  # grid columns whose cell in the row above can be merged down

    def add(self, tr: Any) -> None:
        budget = self.budget
        at = f"{self.name}#table{self.t}:r{len(self.rows) + 1}"
        cells: list[Cell] = []
        shown: set[int] = set()
        for _ in range(_number(_property(tr, "trPr", "gridBefore"), budget)):
            cells.append(Cell("", f"{at}c{len(cells) + 1}"))
        for tc in _children(tr, "tc"):
            span = max(_number(_property(tc, "tcPr", "gridSpan"), budget), 1)
            budget.columns(len(cells) + span)
            column = len(cells)
            pos = f"{at}c{column + 1}"
            text, nested = _cell_text(tc)
            budget.text(len(text))
            if nested:
                self.notes.append(
                    f"{pos}: bảng lồng trong ô được giữ, làm phẳng mỗi dòng một dòng "
                    "(nested table kept, flattened into the cell one line per row)"
                )
            merge = _property(tc, "tcPr", "vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and column in self.above:
                if text.strip():
                    self.notes.append(
                        f"{pos}: ô tiếp nối ô gộp dọc có chữ riêng, giữ như ô thường "
                        "(text in a cell continuing a vertical merge, kept as its own cell)"
                    )
                cells.append(Cell(text, pos) if text.strip() else Cell("", pos, "up"))
            else:
                cells.append(Cell(text, pos))
            cells.extend(Cell("", f"{at}c{column + extra + 1}", "left") for extra in range(1, span))
            shown.update(range(column, column + span))
        budget.row(len(cells))
        self.above = shown
        self.rows.append(Row(cells, at))

    def finish(self) -> tuple[list[Row], list[str]]:
        """The rows, each padded to the table's width (a row may end early: `gridAfter`), and the notes."""
        width = max((len(row.cells) for row in self.rows), default=0)
        self.budget.add(sum(width - len(row.cells) for row in self.rows))
        for row in self.rows:
            row.cells.extend(Cell("", f"{row.pos}c{c}") for c in range(len(row.cells) + 1, width + 1))
        return self.rows, self.notes


def _cell_text(tc: Any) -> tuple[str, bool]:
    """A cell's paragraphs, one per line, and whether it holds a table: a nested table is flattened,
    one row per line, its cells joined by ` | `."""
    lines: list[str] = []
    nested = False
    for child in _blocks_in(tc):
        if local(child.tag) == "p":
            lines.append(_paragraph(child))
            continue
        nested = True
        for tr in _children(child, "tr"):
            parts = [" ".join(_cell_text(inner)[0].split()) for inner in _children(tr, "tc")]
            line = " | ".join(p for p in parts if p)
            if line:
                lines.append(line)
    return "\n".join(lines), nested


def _paragraph(p: Any) -> str:
    """python-docx's text of a paragraph; for an element python-docx has no class for, its `w:t` text."""
    from docx.oxml.text.paragraph import CT_P

    if isinstance(p, CT_P):
        return str(p.text)
    return "".join(t.text or "" for t in p.iter(f"{_W}t"))


def _blocks_in(tc: Any) -> Any:
    """A cell's paragraphs and tables, in order, looking through content controls."""
    for child in tc:
        name = local(child.tag)
        if name in ("p", "tbl"):
            yield child
        elif name in _WRAPPERS:
            yield from _blocks_in(child)
