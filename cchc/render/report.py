"""Drawing a report document — Word, Excel, Markdown — from plain values (`cchc.render.document`).

`report_bytes(doc, "docx" | "xlsx" | "md")` is what `cchc report` calls; Word and Excel have a
module each, Markdown (for reviewing a report in git) is here.
"""

from __future__ import annotations

from cchc.escape import md_inline
from cchc.render.document import ANNEX_NUMBERS, DocumentLike, TableLike, annex_line, cell_text, date_line

FORMATS = ("docx", "xlsx", "md")


def report_bytes(doc: DocumentLike, to: str) -> bytes:
    """The document as `to` (docx, xlsx or md)."""
    if to == "docx":
        from cchc.render.report_docx import docx_bytes

        return docx_bytes(doc)
    if to == "xlsx":
        from cchc.render.report_xlsx import xlsx_bytes

        return xlsx_bytes(doc)
    if to == "md":
        return markdown(doc).encode("utf-8")
    raise ValueError(f"unsupported report format {to!r}")


def markdown(doc: DocumentLike) -> str:
    """The report as GitHub Markdown, one table per annex: for reviewing in git."""
    lines = [
        f"{md_inline(doc.parent.upper())}  ",
        f"**{md_inline(doc.issuer.upper())}**  ",
        md_inline(" ".join(doc.number.split())),
        "",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
        "**Độc lập - Tự do - Hạnh phúc**",
        "",
        f"*{md_inline(date_line(doc))}*",
        "",
        f"# {md_inline(doc.kind.upper())}",
        "",
        f"**{md_inline(doc.title)}**",
        "",
    ]
    for paragraph in doc.paragraphs:
        lines += [md_inline(paragraph), ""]
    lines += [f"**{md_inline(doc.signer)}**", "", "Nơi nhận:", *(f"- {md_inline(r)}" for r in doc.recipients), ""]
    for n, table in enumerate(doc.tables):
        lines += [f"## Phụ lục {ANNEX_NUMBERS[n]}. {md_inline(table.title)}", "", f"*{md_inline(annex_line(doc))}*", ""]
        if table.rows:
            lines.append("| " + " | ".join(md_inline(h) for h in table.headers) + " |")
            lines.append("|" + "".join("---:|" if _numeric(table, c) else "---|" for c in range(len(table.headers))))
            for i, row in enumerate(table.rows):
                cells = [md_inline(cell_text(v)) or " " for v in row]
                if table.total and i == len(table.rows) - 1:
                    cells = [f"**{c}**" if c.strip() else c for c in cells]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        if table.note:
            lines += [f"*{md_inline(table.note)}*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _numeric(table: TableLike, col: int) -> bool:
    values = [row[col] for row in table.rows if col < len(row)]
    return bool(values) and all(isinstance(v, int | float) or v is None for v in values)
