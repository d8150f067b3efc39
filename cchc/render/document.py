"""The shape of a report document the writers draw, and the words they share.

The writers (`report_docx`, `report_xlsx`, and Markdown in `report`) know documents, not
reports: a title block, paragraphs, annex tables and one bar chart (`DocumentLike`).
`cchc.reports.progress_view.Document` has that shape; the command hands one to
`cchc.render.report.report_bytes` (reports and render are packages of one layer and do not
import each other, so the shape is a Protocol here rather than a shared class).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

ANNEX_NUMBERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

Value = str | int | float | None


class TableLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def headers(self) -> tuple[str, ...]: ...
    @property
    def rows(self) -> tuple[tuple[Value, ...], ...]: ...
    @property
    def widths(self) -> tuple[float, ...]: ...
    @property
    def total(self) -> bool: ...
    @property
    def note(self) -> str | None: ...


class ChartLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def axis(self) -> str: ...
    @property
    def labels(self) -> tuple[str, ...]: ...
    @property
    def values(self) -> tuple[float, ...]: ...


class DocumentLike(Protocol):
    @property
    def parent(self) -> str: ...
    @property
    def issuer(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def place(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def paragraphs(self) -> tuple[str, ...]: ...
    @property
    def tables(self) -> Sequence[TableLike]: ...
    @property
    def chart(self) -> ChartLike | None: ...
    @property
    def recipients(self) -> tuple[str, ...]: ...
    @property
    def signer(self) -> str: ...


def date_line(doc: DocumentLike) -> str:
    """`Tuyên Quang, ngày 14 tháng 6 năm 2024` (Nghị định 30/2020)."""
    from cchc.render.layout import official_date

    return f"{doc.place}, {official_date(doc.day)}"


def annex_line(doc: DocumentLike) -> str:
    """The italic line under an annex title: `(Kèm theo Báo cáo số      /BC-SNV ngày … của Sở Nội vụ)`."""
    from cchc.render.layout import official_date

    number = doc.number.removeprefix("Số:").strip()
    return f"(Kèm theo {doc.kind} số {number} {official_date(doc.day)} của {doc.issuer})"


def cell_text(value: Value) -> str:
    """A table value as printed: shares as `85,7%`, nothing as blank."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value * 100:.1f}".replace(".", ",") + "%"
    return str(value)


def text_columns(table: TableLike) -> frozenset[int]:
    """Columns of running text (names, task text), set left; the others are centred."""
    found = set()
    for col in range(len(table.headers)):
        values = [row[col] for row in table.rows if col < len(row)]
        if any(isinstance(v, str) and len(v) > 14 for v in values):
            found.add(col)
    return frozenset(found)
