"""A report as a Word document laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4 portrait for the report itself, Times New Roman (14 pt body, 13 pt title block), margins
top/bottom 20 mm, left 30 mm, right 15 mm; the title block of an administrative document — the
issuer under its superior and `Số: …` on the left, the national motto and the italic
`Tuyên Quang, ngày … tháng … năm …` line on the right —, `BÁO CÁO` and its title centred in
bold, justified paragraphs, `Nơi nhận` and the signer. The tables follow as annexes, each in a
landscape A4 section (`PHỤ LỤC I`, its title, the italic `(Kèm theo Báo cáo số …)` line), the
header row repeated on every page. Page numbers are centred at the top from page 2.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from cchc.render.document import ANNEX_NUMBERS, DocumentLike, TableLike, annex_line, cell_text, date_line, text_columns

FONT = "Times New Roman"
BODY_PT = 14
BLOCK_PT = 13
MOTTO_PT = 12  # the national title and the issuer's superior: 12–13 pt (Nghị định 30/2020)
TABLE_PT = 12
SMALL_PT = 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def docx_bytes(doc: DocumentLike) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    out = Document()
    _base_style(out)
    section = out.sections[0]
    _page(section, landscape=False)
    section.different_first_page_header_footer = True
    _page_number(section)
    _title_block(out, doc)
    _body(out, doc)
    _signature(out, doc)
    for n, table in enumerate(doc.tables):
        annex = out.add_section(WD_SECTION.NEW_PAGE)
        annex.orientation = WD_ORIENT.LANDSCAPE
        _page(annex, landscape=True)
        annex.different_first_page_header_footer = False
        _annex(out, doc, table, ANNEX_NUMBERS[n], Mm(297 - MARGINS_MM["left"] - MARGINS_MM["right"]))
    props = out.core_properties
    stamp = datetime.combine(doc.day, datetime.min.time())
    props.title = f"{doc.kind} {doc.title}"
    props.author = "cchc"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buffer = io.BytesIO()
    out.save(buffer)
    from cchc.render.excel import _pin_zip

    return _pin_zip(buffer.getvalue(), stamp)


def _base_style(out: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def _page(section: Any, *, landscape: bool) -> None:
    from docx.shared import Mm

    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)


def _page_number(section: Any) -> None:
    """A centred PAGE field in the header (the first page has its own, empty header)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _para(
    container: Any,
    text: str,
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    after: int = 0,
    first: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return paragraph


def _rule(container: Any, indent_mm: float) -> None:
    """A short centred line (under the issuer, the motto, the title): a bottom border on an empty paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.right_indent = Mm(indent_mm)
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table: Any, widths_mm: list[float]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _title_block(out: Any, doc: DocumentLike) -> None:
    block = out.add_table(rows=2, cols=2)
    _widths(block, [70, 95])
    left, right = block.rows[0].cells
    _para(left, doc.parent.upper(), size=MOTTO_PT, first=True)
    _para(left, doc.issuer.upper(), size=BLOCK_PT, bold=True)
    _rule(left, 20)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=MOTTO_PT, bold=True, first=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=BODY_PT, bold=True)
    _rule(right, 24)
    number, when = block.rows[1].cells
    _para(number, doc.number, size=BLOCK_PT, first=True)
    _para(when, date_line(doc), size=BODY_PT, italic=True, first=True)
    _para(out, "", after=6)
    _para(out, doc.kind.upper(), size=BODY_PT, bold=True)
    _para(out, doc.title, size=BODY_PT, bold=True)
    _rule(out, 65)


def _body(out: Any, doc: DocumentLike) -> None:
    from docx.shared import Mm, Pt

    for text in doc.paragraphs:
        paragraph = _para(out, text, align="justify", after=6)
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
        paragraph.paragraph_format.line_spacing = Pt(BODY_PT * 1.3)


def _signature(out: Any, doc: DocumentLike) -> None:
    _para(out, "", after=6)
    block = out.add_table(rows=1, cols=2)
    _widths(block, [85, 80])
    left, right = block.rows[0].cells
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for line in doc.recipients:
        _para(left, f"- {line}", size=SMALL_PT, align="left")
    _para(right, doc.signer, size=BODY_PT, bold=True, first=True)
    _para(right, "(Ký, ghi rõ họ tên)", size=BODY_PT, italic=True)


def _annex(out: Any, doc: DocumentLike, table: TableLike, number: str, text_width: Any) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _para(out, f"PHỤ LỤC {number}", bold=True)
    _para(out, table.title.upper(), bold=True)
    _para(out, annex_line(doc), italic=True, after=8)
    if table.rows:
        grid = out.add_table(rows=1 + len(table.rows), cols=len(table.headers))
        grid.style = out.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        total = sum(table.widths)
        _widths(grid, [text_width.mm * w / total for w in table.widths])
        header = grid.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for cell, label in zip(header.cells, table.headers, strict=True):
            _para(cell, label, size=TABLE_PT, bold=True, first=True)
        last = len(table.rows) - 1
        left = text_columns(table)
        for r, values in enumerate(table.rows):
            bold = table.total and r == last
            for c, (cell, value) in enumerate(zip(grid.rows[r + 1].cells, values, strict=True)):
                align = "left" if c in left else "center"
                _para(cell, cell_text(value), size=TABLE_PT, bold=bold, align=align, first=True)
    if table.note:
        _para(out, table.note, size=TABLE_PT, italic=True, align="left")
