"""Presenting `cchc tasks`: the table's columns and cells, JSON, CSV, Markdown and a sheet.

The same contract as `due_view`: JSON is an object `{"schema": "cchc-tasks/1", …}` (schema in
`schema/cchc-tasks-1.schema.json`), CSV has the JSON item keys as headers and a UTF-8 BOM, the
sheet has Vietnamese headers over the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from cchc.agencies.match import ROLE_WORDS
from cchc.escape import md_inline
from cchc.plan.model import Plan
from cchc.plan.scope import plan_label
from cchc.reports.tabular import BOM, Column, csv_rows, flat
from cchc.reports.usage import TaskRow
from cchc.text import iso

SCHEMA_ID = "cchc-tasks/1"
#: Text in the terminal table is cut to about this many lines of its column (see `due_view`).
MAIN_LINES = 3
ITEM_KEYS = (
    "plan",
    "plan_name",
    "province",
    "id",
    "number",
    "text",
    "role",
    "via",
    "how",
    "lead",
    "time_text",
    "due",
    "state",
    "state_label",
)


def row_object(row: TaskRow) -> dict[str, Any]:
    return {
        "plan": row.plan,
        "plan_name": row.plan_name,
        "province": row.province,
        "id": row.id,
        "number": row.number,
        "text": row.text,
        "role": row.role,
        "via": row.via,
        "how": row.how or None,
        "lead": list(row.lead),
        "time_text": row.time_text or None,
        "due": iso(row.due),
        "state": row.state,
        "state_label": row.state_label,
    }


def counts(rows: Sequence[TaskRow]) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in rows:
        found[row.state] = found.get(row.state, 0) + 1
    return found


def to_json(
    rows: Sequence[TaskRow],
    *,
    today: date,
    agency: str | None,
    agency_name: str | None,
    role: str | None,
    direct_only: bool,
    plans: Sequence[Plan],
    left_out: Sequence[Plan] = (),
) -> str:
    import json

    obj = {
        "schema": SCHEMA_ID,
        "today": today.isoformat(),
        "agency": agency,
        "agency_name": agency_name,
        "role": role,
        "direct_only": direct_only,
        "plans": [
            {
                "path": p.path,
                "name": p.name,
                "province": p.meta.province,
                "number": p.meta.number,
                "period": {"start": p.meta.period.start, "end": p.meta.period.end},
            }
            for p in plans
        ],
        "left_out": [p.path for p in left_out],
        "items": [row_object(r) for r in rows],
        "counts": counts(rows),
    }
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Sequence[TaskRow]) -> str:
    return BOM + csv_rows(ITEM_KEYS, (row_object(r) for r in rows))


def role_text(row: TaskRow, *, lines: bool = True) -> str:
    if row.role is None:
        return ""
    word = ROLE_WORDS.get(row.role, row.role)
    if not row.via:
        return word
    if not lines:
        return f"{word} ({row.how})"
    return f"{word}\n{'kế thừa' if row.how.startswith('kế thừa') else 'qua nhóm'}"


def columns(with_agency: bool, several_plans: bool) -> list[Column]:
    cols = [Column("id", "Mã", "fixed")]
    if several_plans:
        cols.append(Column("plan", "Kế hoạch", "text", 22))
    cols.append(Column("text", "Nội dung", "main", max_lines=MAIN_LINES))
    if with_agency:
        cols.append(Column("role", "Vai trò", "fixed"))
    else:
        cols.append(Column("lead", "Chủ trì", "text", 24, optional=True))
    cols += [
        Column("time_text", "Thời gian", "text", 40, optional=True),
        Column("due", "Hạn", "fixed"),
        Column("state", "Trạng thái", "fixed"),
    ]
    return cols


def cells(row: TaskRow, cols: Sequence[Column], *, terminal: bool = True) -> list[str]:
    values = {
        "id": row.id,
        "plan": row.plan_name,
        "text": " ".join(row.text.split()),
        "role": role_text(row, lines=terminal),
        "lead": "; ".join(row.lead),
        "time_text": " ".join(row.time_text.split()),
        "due": row.due.strftime("%d/%m/%Y") if row.due else "",
        "state": row.state_label,
    }
    return [values[c.key] for c in cols]


def style(row: TaskRow) -> str | None:
    return {"overdue": "red", "due_soon": "yellow"}.get(row.state)


def title(agency_name: str | None, rows: Sequence[TaskRow], plans: Sequence[Plan], today: date) -> str:
    who = f"Việc của {agency_name}" if agency_name else "Tất cả việc"
    names = ", ".join(plan_label(p) for p in plans) or "không có kế hoạch nào"
    return f"{who}: {len(rows)} mục — {names} — ngày {today:%d/%m/%Y}"


def counts_line(rows: Sequence[TaskRow]) -> str:
    from cchc.schedule.deadlines import STATES

    found = counts(rows)
    parts = [f"{label}: {found[key]}" for key, label in STATES.items() if found.get(key)]
    parts += [f"{row_key}: {n}" for row_key, n in found.items() if row_key not in STATES]
    return " · ".join(parts) + "." if parts else ""


def to_markdown(rows: Sequence[TaskRow], cols: Sequence[Column], heading: str) -> str:
    lines = [f"### {md_inline(heading)}", ""]
    lines += ["| " + " | ".join(c.header for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        lines.append("| " + " | ".join(md_inline(flat(v)) for v in cells(row, cols, terminal=False)) + " |")
    line = counts_line(rows)
    if line:
        lines += ["", md_inline(line)]
    return "\n".join(lines) + "\n"


SHEET: tuple[tuple[str, str, int], ...] = (
    ("plan_name", "Kế hoạch", 22),
    ("id", "Mã", 14),
    ("number", "TT", 6),
    ("text", "Nội dung", 60),
    ("role", "Vai trò", 10),
    ("how", "Cách tìm thấy", 28),
    ("lead", "Cơ quan chủ trì", 28),
    ("time_text", "Thời gian (văn bản)", 24),
    ("due", "Hạn", 12),
    ("state_label", "Trạng thái", 20),
)


def sheet_rows(rows: Sequence[TaskRow]) -> tuple[list[str], list[float], list[list[object]]]:
    out: list[list[object]] = []
    for row in rows:
        obj = row_object(row)
        values: list[object] = []
        for key, _, _ in SHEET:
            value = obj[key]
            if key == "role":
                value = ROLE_WORDS.get(value, value) if value else None
            elif key == "lead":
                value = "; ".join(value)
            elif key == "due" and value:
                value = date.fromisoformat(value)
            values.append(value)
        out.append(values)
    return [h for _, h, _ in SHEET], [float(w) for _, _, w in SHEET], out
