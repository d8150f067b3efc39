"""Reader for Word documents (.docx): the first table with an annex header, merged cells resolved.

The document's XML is streamed here (`limits.Package`) one body block at a time — a paragraph or a
table — and reading stops at the annex table; python-docx supplies only its element classes, so a
paragraph's text is exactly python-docx's (`CT_P.text`: runs, hyperlinks, tabs, breaks).

A cell spanning columns (`gridSpan`) is one cell followed by cells marked `left`; a cell continuing
a vertical merge (`vMerge`) is marked `up`; a row starting late (`gridBefore`) starts with empty
cells, and every row is padded to the table's width, so a cell keeps its column. Spans and widths
are checked against the limits before any cell is built. A cell's text is its paragraphs, one per
line, with content controls (`w:sdt`) read through; a table nested in a cell is kept, flattened
into the cell one row per line (`a | b`), and noted as a repair. Paragraphs and layout tables
before the annex table are the document text (title, number, date).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.importers.errors import fail
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import find_header
from cchc.importers.limits import MAX_COLUMNS, Budget, Package, forget, local

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Elements that only wrap content (content controls, custom XML): read through, as if absent.
_WRAPPERS = frozenset({"sdt", "sdtContent", "customXml"})


def read_docx(path: Path) -> Grid:
    from docx.oxml.parser import element_class_lookup

    name = path.name
    budget = Budget(str(path))
    before: list[str] = []
    with Package(path) as package:
        main = package.main_part("word/document.xml", ("wordprocessingml", "ms-word"), "tài liệu Word (not a .docx)")
        events = package.events(main, lookup=element_class_lookup, blank_text=False)
        t = 0
        for block in _blocks(events):
            kind = local(block.tag)
            if kind == "p":
                text = _paragraph(block)
                budget.text(len(text))
                before.extend(line.strip() for line in text.splitlines() if line.strip())
                continue
            t += 1
            notes: list[str] = []
            rows = _rows(block, t, name, budget, notes)
            header = find_header([row.texts() for row in rows])
            if header is None:
                # Vietnamese documents set the agency, number and place-date in a layout table.
                text = "\n".join(c.text for row in rows for c in row.cells)
                before.extend(line.strip() for line in text.splitlines() if line.strip())
                continue
            before.extend(" ".join(t.strip() for t in row.texts() if t.strip()) for row in rows[:header])
            return Grid(source=str(path), rows=rows[header:], before=[b for b in before if b], paged=False, notes=notes)
    raise fail("I008", "không tìm thấy bảng phụ lục trong tài liệu (no annex table in the document)", str(path))


def _blocks(events: Any) -> Any:
    """The body's paragraphs and tables, in order, each once it is whole; let go of after use."""
    for _, element in events:
        if local(element.tag) in ("p", "tbl") and _in_body(element):
            yield element
            forget(element)


def _in_body(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None and local(parent.tag) in _WRAPPERS:
        parent = parent.getparent()
    return parent is not None and local(parent.tag) == "body"


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


def _rows(table: Any, t: int, name: str, budget: Budget, notes: list[str]) -> list[Row]:
    rows: list[Row] = []
    above: dict[int, Any] = {}  # grid column -> the cell (`w:tc`) shown there in the row above
    width = 0
    for r, tr in enumerate(_children(table, "tr"), start=1):
        cells: list[Cell] = []
        shown: dict[int, Any] = {}
        for _ in range(_number(_property(tr, "trPr", "gridBefore"), budget)):
            cells.append(Cell("", f"{name}#table{t}:r{r}c{len(cells) + 1}"))
        for tc in _children(tr, "tc"):
            span = max(_number(_property(tc, "tcPr", "gridSpan"), budget), 1)
            budget.columns(len(cells) + span)
            column = len(cells)
            pos = f"{name}#table{t}:r{r}c{column + 1}"
            text, nested = _cell_text(tc)
            budget.text(len(text))
            if nested:
                notes.append(
                    f"{pos}: bảng lồng trong ô được giữ, làm phẳng mỗi dòng một dòng "
                    "(nested table kept, flattened into the cell one line per row)"
                )
            merge = _property(tc, "tcPr", "vMerge")
            anchor = above.get(column)
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and anchor is not None:
                if text.strip():
                    notes.append(
                        f"{pos}: ô tiếp nối ô gộp dọc có chữ riêng, giữ như ô thường "
                        "(text in a cell continuing a vertical merge, kept as its own cell)"
                    )
                    cells.append(Cell(text, pos))
                    anchor = tc
                else:
                    cells.append(Cell("", pos, "up"))
            else:
                cells.append(Cell(text, pos))
                anchor = tc
            for extra in range(1, span):
                cells.append(Cell("", f"{name}#table{t}:r{r}c{column + extra + 1}", "left"))
            for c in range(column, column + span):
                shown[c] = anchor
        budget.row(len(cells))
        width = max(width, len(cells))
        above = shown
        rows.append(Row(cells, f"{name}#table{t}:r{r}"))
    budget.add(sum(width - len(row.cells) for row in rows))
    for row in rows:  # a row that ends early (`gridAfter`) has empty cells up to the table's width
        row.cells.extend(Cell("", f"{row.pos}c{c}") for c in range(len(row.cells) + 1, width + 1))
    return rows


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
