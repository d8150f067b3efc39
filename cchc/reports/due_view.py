"""Presenting a `DueReport`: the table's columns and cells, JSON, CSV, Markdown and a sheet.

Pure functions from report to data or text; `cchc.commands.due` chooses one. Every machine
output uses the same ASCII keys (`ITEM_KEYS`): JSON items, CSV headers, and the keys behind the
sheet's Vietnamese headers. The JSON Schema is `schema/cchc-due-1.schema.json` (printed in
docs/due.md; tests keep the three equal and validate real output against it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc.agencies.match import ROLE_WORDS
from cchc.escape import md_inline
from cchc.plan.scope import plan_label
from cchc.reports.due import DueReport, DueRow
from cchc.reports.tabular import BOM, Column, csv_rows, flat
from cchc.schedule.deadlines import STATES, state_words
from cchc.text import iso

SCHEMA_ID = "cchc-due/1"
#: Task text in the terminal table is cut to about this many lines of its column (piped: 90
#: characters); JSON, CSV, Markdown and the sheet keep it whole.
MAIN_LINES = 3

#: Keys of one item, in the order of the CSV columns and of the JSON objects.
ITEM_KEYS = (
    "plan",
    "plan_name",
    "province",
    "id",
    "number",
    "text",
    "role",
    "via",
    "lead",
    "time_text",
    "label",
    "kind",
    "start",
    "due",
    "days",
    "state",
    "state_label",
    "status",
    "done_date",
    "event_date",
    "source",
    "missed",
    "assumptions",
)


def row_object(row: DueRow) -> dict[str, Any]:
    dl = row.deadline
    progress = row.entry.item.progress
    return {
        "plan": row.plan.path,
        "plan_name": row.plan.name,
        "province": row.plan.meta.province,
        "id": row.entry.item.id,
        "number": row.entry.number,
        "text": row.entry.item.text,
        "role": row.role,
        "via": row.via,
        "lead": list(row.entry.lead),
        "time_text": dl.reading.text or None,
        "label": dl.label,
        "kind": dl.reading.kind,
        "start": iso(dl.start),
        "due": iso(dl.due),
        "days": row.status.days,
        "state": row.state,
        "state_label": STATES[row.state],
        "status": progress.status if progress else "not_started",
        "done_date": iso(progress.done_date) if progress else None,
        "event_date": iso(dl.event),
        "source": dl.source,
        "missed": iso(dl.missed),
        "assumptions": [*dl.reading.assumptions, *dl.notes],
    }


def plan_object(report: DueReport) -> list[dict[str, Any]]:
    return [
        {
            "path": p.path,
            "name": p.name,
            "province": p.meta.province,
            "number": p.meta.number,
            "period": {"start": p.meta.period.start, "end": p.meta.period.end},
        }
        for p in report.plans
    ]


def to_json(report: DueReport) -> str:
    window = report.window
    obj = {
        "schema": SCHEMA_ID,
        "today": report.today.isoformat(),
        "window": {"kind": window.kind, "from": iso(window.start), "to": iso(window.end), "label": window.label},
        "agency": report.agency,
        "agency_name": report.agency_name,
        "role": report.role,
        "plans": plan_object(report),
        "left_out": [p.path for p in report.scope.left_out] if report.scope else [],
        "items": [row_object(r) for r in report.rows],
        "counts": dict(report.counts),
    }
    import json  # here, not at the top: the table output does not need json

    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def to_csv(report: DueReport) -> str:
    """One row per deadline, the JSON item keys as headers; UTF-8 with a BOM (Excel on Windows)."""
    return BOM + csv_rows(ITEM_KEYS, (row_object(r) for r in report.rows))


def state_text(row: DueRow) -> str:
    """The state in words with its days: `Quá hạn 12 ngày`, `Còn 5 ngày`, `Hoàn thành trễ 5 ngày` …"""
    return state_words(row.status)


def role_text(row: DueRow, *, lines: bool = True) -> str:
    """`chủ trì`, `phối hợp`, and how the item was reached: `qua nhóm`, `kế thừa` (next line)."""
    if row.role is None:
        return ""
    word = ROLE_WORDS.get(row.role, row.role)
    if not row.via:
        return word
    how = "kế thừa" if row.inherited else "qua nhóm"
    return f"{word}\n{how}" if lines else f"{word} ({how} {row.via})"


def text_cell(row: DueRow) -> str:
    """The task text on one line, and a line for an occurrence not recorded."""
    text = row.entry.item.text or next((a.text for a in reversed(row.entry.ancestors) if a.text), "") or ""
    cell = " ".join(text.split())
    missed = row.deadline.missed
    if missed is not None and missed != row.deadline.due:
        cell += f"\n(kỳ {missed:%d/%m/%Y} chưa ghi nhận hoàn thành)"
    return cell


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def columns(report: DueReport) -> list[Column]:
    """The columns of the table, by what the report holds: a plan column when it covers several
    plans, the lead agency when no agency was asked for, else the agency's role."""
    cols = [Column("id", "Mã", "fixed")]
    if report.several_plans:
        cols.append(Column("plan", "Kế hoạch", "text", 22))
    cols.append(Column("text", "Nhiệm vụ", "main", max_lines=MAIN_LINES))
    if report.agency is None:
        cols.append(Column("lead", "Chủ trì", "text", 24, optional=True))
    else:
        cols.append(Column("role", "Vai trò", "fixed"))
    cols += [
        Column("time_text", "Thời gian", "text", 40, optional=True),
        Column("due", "Hạn", "fixed"),
        Column("state", "Tình trạng", "fixed"),
    ]
    return cols


def cells(row: DueRow, cols: list[Column]) -> list[str]:
    """The table cells of one row for `cols` (see `columns`)."""
    dl = row.deadline
    values = {
        "id": row.entry.item.id,
        "plan": row.plan.name,
        "text": text_cell(row),
        "lead": "; ".join(row.entry.lead),
        "role": role_text(row),
        "time_text": " ".join(dl.reading.text.split()),
        "due": _dmy(dl.due),
        "state": state_text(row),
    }
    return [values[c.key] for c in cols]


def style(row: DueRow) -> str | None:
    if row.state == "overdue":
        return "red"
    if row.state == "due_soon":
        return "yellow"
    return None


def counts_line(report: DueReport) -> str:
    """One line with how many rows are in each state, and what was not listed."""
    listed: dict[str, int] = {}
    for row in report.rows:
        listed[row.state] = listed.get(row.state, 0) + 1
    parts = [f"{STATES[s]}: {listed[s]}" for s in STATES if listed.get(s)]
    line = (" · ".join(parts) + ".") if parts else ""
    skipped = [f"{report.hidden[s]} {STATES[s].lower()}" for s in STATES if report.hidden.get(s)]
    if skipped:
        line += (" " if line else "") + f"Không liệt kê: {', '.join(skipped)} (xem bằng --all)."
    return line


def scope_note(report: DueReport) -> str:
    """What the report does not cover, and how to see it; two provinces' agencies of one name."""
    notes = []
    scope = report.scope
    if scope is not None and scope.left_out:
        names = ", ".join(plan_label(p) for p in scope.left_out)
        notes.append(
            f"Chỉ các kế hoạch có hiệu lực ngày {report.today:%d/%m/%Y}; bỏ qua {len(scope.left_out)} kế hoạch "
            f"khác: {names} (xem bằng --all-plans, --plan)."
        )
    if report.agency is not None and len(report.names) > 1:
        provinces = ", ".join(sorted(report.names))
        notes.append(
            f"Lưu ý: {report.agency_name} của {len(report.names)} tỉnh ({provinces}) là các cơ quan khác nhau; "
            "chọn một tỉnh bằng --province."
        )
    return "\n".join(notes)


def title(report: DueReport) -> str:
    """`Sở Tư pháp — Tuyên Quang 2025–2030 (138/KH-UBND) — ngày 29/11/2026, 30 ngày tới (đến 29/12/2026)`."""
    who = report.agency_name or "mọi cơ quan"
    if report.role in ("lead", "support"):
        who += f" ({ROLE_WORDS[report.role]})"
    plans = report.scope.label() if report.scope is not None else ", ".join(plan_label(p) for p in report.plans)
    return f"Thời hạn — {who} — {plans} — ngày {report.today:%d/%m/%Y}, {report.window.label}"


def to_markdown(report: DueReport) -> str:
    """A Markdown table with every text whole (nothing cut), then the counts and the notes."""
    cols = columns(report)
    lines = [f"### {md_inline(title(report))}", ""]
    if report.rows:
        lines += ["| " + " | ".join(c.header for c in cols) + " |", "|" + "---|" * len(cols)]
        for row in report.rows:
            values = cells(row, cols)
            values = [role_text(row, lines=False) if c.key == "role" else v for c, v in zip(cols, values, strict=True)]
            lines.append("| " + " | ".join(md_inline(flat(v)) for v in values) + " |")
    else:
        lines.append(md_inline(empty_text(report)))
    for extra in (counts_line(report), scope_note(report)):
        if extra:
            lines += ["", md_inline(extra)]
    return "\n".join(lines) + "\n"


def empty_text(report: DueReport) -> str:
    if report.scope is not None and not report.scope.plans:
        return f"Không có kế hoạch nào có hiệu lực ngày {report.today:%d/%m/%Y}."
    return "Không có nhiệm vụ nào quá hạn hoặc đến hạn."


#: Vietnamese headers of the sheet (`--format xlsx`), by item key, in sheet order.
SHEET: tuple[tuple[str, str, int], ...] = (
    ("plan_name", "Kế hoạch", 22),
    ("id", "Mã", 14),
    ("number", "TT", 6),
    ("text", "Nhiệm vụ", 60),
    ("role", "Vai trò", 10),
    ("via", "Qua nhóm / kế thừa từ", 24),
    ("lead", "Cơ quan chủ trì", 28),
    ("time_text", "Thời gian (văn bản)", 24),
    ("start", "Bắt đầu", 12),
    ("due", "Hạn", 12),
    ("days", "Số ngày (âm: trễ)", 10),
    ("state_label", "Trạng thái", 20),
    ("done_date", "Ngày hoàn thành", 12),
    ("event_date", "Ngày có sự kiện", 12),
)


def sheet_rows(report: DueReport) -> tuple[list[str], list[float], list[list[object]]]:
    """Headers, widths and typed rows for a workbook: dates as dates, days as numbers."""
    rows: list[list[object]] = []
    for row in report.rows:
        obj = row_object(row)
        values: list[object] = []
        for key, _, _ in SHEET:
            value = obj[key]
            if key == "role":
                value = ROLE_WORDS.get(value, value) if value else None
            elif key == "lead":
                value = "; ".join(value)
            elif key in ("start", "due", "done_date", "event_date") and value:
                value = date.fromisoformat(value)
            values.append(value)
        rows.append(values)
    return [h for _, h, _ in SHEET], [float(w) for _, _, w in SHEET], rows
