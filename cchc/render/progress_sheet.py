"""The progress workbook an agency fills: its annex extract with three columns to fill.

`cchc render PLAN --agency NAME --to xlsx --progress`: the agency's rows drawn exactly as the
extract (`cchc.render.excel`), then the columns `Kỳ` (recurring items: the occurrence the row
reports), `Tình trạng` (a drop-down of the Vietnamese status labels), `Ngày hoàn thành`,
`Kết quả / minh chứng`, pre-filled from the plan, and a hidden `id` column keying each row to its
item. The sheet is protected (no password: it prevents accidents, not people) with only the
three cells of each of the agency's rows unlocked; the workbook structure is locked and the
manifest (`cchc.plan.exchange`) sits in a very hidden sheet.

The format is shared with the reader (`cchc.importers.progress`) through `cchc.plan.exchange`.
This module sets the few openpyxl styles that only this workbook has (unlocked cells, the date
column as text); fonts, borders and page set-up are `cchc.render.excel`'s.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc.errors import CchcError, Loc
from cchc.plan import exchange as ex
from cchc.plan.model import Entry, Plan
from cchc.record import replace

TEXT_FORMAT = "@"
ID_WIDTH = 12.0
#: Widths (Excel character units) the columns to fill get at least.
MIN_WIDTHS = {ex.OCCURRENCE_KEY: 10.0, ex.STATUS_KEY: 16.0, ex.DONE_KEY: 13.0, ex.EVIDENCE_KEY: 28.0}


def extract_bytes(plan: Plan, agency: str, *, today: date, section: str | None = None) -> bytes:
    """The agency's progress workbook (.xlsx) for `plan`, pre-filled as the plan records on `today`."""
    from cchc.agencies.match import match_entries
    from cchc.render.excel import workbook_bytes
    from cchc.render.layout import agency_name, layout
    from cchc.schedule.deadlines import default_occurrence, recurring_periods

    entries = [m.entry for m in match_entries([plan], agency)]
    name = agency_name(plan, agency)
    if not entries:
        raise CchcError.single(
            "R005", f"không có nhiệm vụ nào của {name} trong kế hoạch: không có gì để điền", Loc(plan.path)
        )
    occurrences: dict[str, str | None] = {}
    for entry in entries:
        periods = recurring_periods(entry, plan)
        chosen = default_occurrence(entry, plan, today) if periods else None
        occurrences[entry.item.id] = chosen.key if chosen else (periods[-1].key if periods else None)
    base: dict[str, ex.BaseRow] = {}

    def cells(entry: Entry) -> dict[str, str]:
        occurrence = occurrences.get(entry.item.id)
        rec = ex.recorded(entry.item, occurrence)
        base[entry.item.id] = ex.BaseRow(entry.item.id, occurrence, rec)
        return {
            ex.OCCURRENCE_KEY: occurrence or "",
            ex.STATUS_KEY: ex.STATUS_LABELS[rec.status],
            ex.DONE_KEY: f"{rec.done_date:%d/%m/%Y}" if rec.done_date else "",
            ex.EVIDENCE_KEY: rec.evidence or "",
            ex.ID_KEY: entry.item.id,
        }

    columns = [(ex.STATUS_KEY, ex.STATUS_LABEL), (ex.DONE_KEY, ex.DONE_LABEL), (ex.EVIDENCE_KEY, ex.EVIDENCE_LABEL)]
    if any(occurrences.values()):
        columns.insert(0, (ex.OCCURRENCE_KEY, ex.OCCURRENCE_LABEL))
    columns.append((ex.ID_KEY, ex.ID_LABEL))
    grid = layout(plan, agency=agency, section=section, more_columns=tuple(columns), more=cells)
    if grid.extract:
        grid = replace(
            grid,
            extract=f"{grid.extract} — điền các cột {ex.STATUS_LABEL}, {ex.DONE_LABEL} (dd/mm/yyyy), "
            f"{ex.EVIDENCE_LABEL} rồi gửi lại",
        )
    keys = grid.keys
    column_of = {key: keys.index(key) + 1 for key, _ in columns}
    rows: dict[int, str] = {}  # grid row index -> the item whose progress it shows
    for r, row in enumerate(grid.rows):
        if row.kind == "item" and row.item_id is not None and row.item_id in base:
            rows[r] = row.item_id
    manifest = ex.Manifest(
        plan=plan.path,
        province=plan.meta.province,
        title=plan.meta.title,
        number=plan.meta.number or "",
        agency=name,
        made=today,
        sheet="",
        header_row=0,
        columns=column_of,
        rows=tuple(base[item_id] for item_id in rows.values()),
    )

    def finish(wb: Any, ws: Any, first_body: int) -> None:
        header = first_body - 1 - int(grid.column_numbers)
        _finish(wb, ws, replace(manifest, sheet=ws.title, header_row=header), first_body, rows)

    return workbook_bytes(grid, finish)


def _finish(wb: Any, ws: Any, manifest: ex.Manifest, first_body: int, rows: dict[int, str]) -> None:
    """Drop-down, unlocked cells, the hidden id column, protection, the manifest sheet."""
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = manifest.columns
    labels = list(ex.STATUS_LABELS.values())
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=ex.STATUS_LABEL,
        error="Chọn một trong: " + ", ".join(labels),
        showInputMessage=True,
        promptTitle=ex.STATUS_LABEL,
        prompt="Chọn trong danh sách",
    )
    ws.add_data_validation(choice)
    unlocked = Protection(locked=False)
    for index in rows:
        r = first_body + index
        for key in ex.EDITABLE:
            ws.cell(row=r, column=cols[key]).protection = unlocked
        choice.add(ws.cell(row=r, column=cols[ex.STATUS_KEY]).coordinate)
        # Text, not a date cell: what is typed stays `dd/mm/yyyy` whatever the spreadsheet's
        # locale (an en-US Excel would read 05/06/2024 as 6 May); the import reads both.
        ws.cell(row=r, column=cols[ex.DONE_KEY]).number_format = TEXT_FORMAT
    for key, width in MIN_WIDTHS.items():
        if key in cols:
            dim = ws.column_dimensions[get_column_letter(cols[key])]
            dim.width = max(dim.width or 0, width)  # room to write in
    id_letter = get_column_letter(cols[ex.ID_KEY])
    ws.column_dimensions[id_letter].hidden = True
    ws.column_dimensions[id_letter].width = ID_WIDTH
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and heights may change; nothing else
    ws.protection.formatRows = False
    wb.security = WorkbookProtection(lockStructure=True)
    _manifest_sheet(wb, manifest)


def _manifest_sheet(wb: Any, manifest: ex.Manifest) -> None:
    sheet = wb.create_sheet(ex.MANIFEST_SHEET)
    sheet.sheet_state = "veryHidden"
    lines: list[list[str]] = [
        [ex.FORMAT],
        ["plan", manifest.plan],
        ["province", manifest.province],
        ["title", manifest.title],
        ["number", manifest.number],
        ["agency", manifest.agency],
        ["made", manifest.made.isoformat()],
        ["sheet", manifest.sheet],
        ["header_row", str(manifest.header_row)],
        ["columns", ";".join(f"{key}={col}" for key, col in manifest.columns.items())],
        ["id", "occurrence", "status", "done_date", "evidence"],
    ]
    for row in manifest.rows:
        rec = row.base
        done = rec.done_date.isoformat() if rec.done_date else ""
        lines.append([row.item_id, row.occurrence or "", rec.status, done, rec.evidence or ""])
    from cchc.render.excel import excel_text

    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=excel_text(value))
            cell.data_type = "s"
    sheet.protection.sheet = True
