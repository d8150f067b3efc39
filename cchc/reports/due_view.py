"""Presenting a `DueReport`: the JSON object (with its schema), CSV, Markdown and the table rows.

Pure functions from report to text; `cchc.commands.due` chooses one. The JSON schema is declared
here once and printed in `docs/due.md` (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Any

from cchc.escape import csv_text, md_inline
from cchc.reports.due import DueReport, DueRow
from cchc.schedule.deadlines import STATES, STATUS_LABELS
from cchc.schedule.timeexpr import KINDS
from cchc.text import iso

SCHEMA_ID = "cchc-due/1"
ROLE_LABELS = {"lead": "chủ trì", "support": "phối hợp"}
HEADERS = ["Kế hoạch", "TT", "Nhiệm vụ", "Vai trò", "Thời gian (theo văn bản)", "Hạn", "Còn lại", "Trạng thái"]
TEXT_WIDTH = 70

_DATE = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://cchc.invalid/schema/cchc-due-1.json",
    "title": "cchc due --format json",
    "type": "object",
    "required": ["schema", "today", "within_days", "agency", "role", "items", "counts"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "today": {**_DATE, "type": "string"},
        "within_days": {"type": "integer", "minimum": 0},
        "agency": {"type": ["string", "null"], "description": "The agency asked for; null for every agency."},
        "role": {"enum": ["lead", "support", "any"]},
        "counts": {
            "type": "object",
            "description": "How many deadlines of the agency's items are in each state (listed or not).",
            "propertyNames": {"enum": list(STATES)},
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "plan",
                    "plan_name",
                    "id",
                    "number",
                    "text",
                    "role",
                    "via",
                    "time_text",
                    "label",
                    "kind",
                    "start",
                    "due",
                    "days",
                    "state",
                    "state_label",
                    "status",
                    "source",
                    "missed",
                    "assumptions",
                ],
                "properties": {
                    "plan": {"type": "string", "description": "Path of the plan file."},
                    "plan_name": {"type": "string", "description": "e.g. `Tuyên Quang 2024`."},
                    "id": {"type": "string", "description": "The item's stable id."},
                    "number": {"type": "string", "description": "TT/STT as written (of the nearest numbered item)."},
                    "text": {"type": ["string", "null"], "description": "Task text as written."},
                    "role": {"enum": ["lead", "support"]},
                    "via": {"type": ["string", "null"], "description": "Group or former name that matched."},
                    "time_text": {"type": ["string", "null"], "description": "Time (milestone) as written."},
                    "label": {"type": ["string", "null"], "description": "Milestone name in compound text."},
                    "kind": {"enum": list(KINDS)},
                    "start": _DATE,
                    "due": {**_DATE, "description": "Last day (inclusive); null when there is none."},
                    "days": {"type": ["integer", "null"], "description": "due - today; negative when late."},
                    "state": {"enum": list(STATES)},
                    "state_label": {"type": "string"},
                    "status": {"enum": list(STATUS_LABELS)},
                    "source": {"enum": ["text", "due_date", "event_date", "recurrence"]},
                    "missed": {**_DATE, "description": "Previous occurrence with no completion recorded."},
                    "assumptions": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def row_object(row: DueRow) -> dict[str, Any]:
    dl = row.deadline
    progress = row.entry.item.progress
    return {
        "plan": row.plan.path,
        "plan_name": row.plan.name,
        "id": row.entry.item.id,
        "number": row.entry.number,
        "text": row.entry.item.text,
        "role": row.role,
        "via": row.via,
        "time_text": dl.reading.text or None,
        "label": dl.label,
        "kind": dl.reading.kind,
        "start": iso(dl.start),
        "due": iso(dl.due),
        "days": row.status.days,
        "state": row.state,
        "state_label": STATES[row.state],
        "status": progress.status if progress else "not_started",
        "source": dl.source,
        "missed": iso(dl.missed),
        "assumptions": [*dl.reading.assumptions, *dl.notes],
    }


def to_json(report: DueReport) -> str:
    obj = {
        "schema": SCHEMA_ID,
        "today": report.today.isoformat(),
        "within_days": report.within,
        "agency": report.agency,
        "role": report.role,
        "items": [row_object(r) for r in report.rows],
        "counts": {s: report.counts[s] for s in STATES if s in report.counts},
    }
    import json  # here, not at the top: the table output does not need json or csv

    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def shorten(text: str | None, width: int = TEXT_WIDTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def days_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "hôm nay"
    return f"còn {days} ngày" if days > 0 else f"trễ {-days} ngày"


def cells(row: DueRow) -> list[str]:
    """The table cells of one row, in HEADERS order."""
    dl = row.deadline
    time = dl.reading.text
    if dl.missed:
        state = f"{STATES[row.state]} (kỳ {dl.missed:%d/%m/%Y} chưa ghi nhận)"
    else:
        state = STATES[row.state]
    return [
        row.plan.name,
        row.entry.number,
        shorten(row.entry.item.text),
        ROLE_LABELS.get(row.role, row.role) + (f" (qua {row.via})" if row.via else ""),
        " ".join(time.split()),
        dl.due.strftime("%d/%m/%Y") if dl.due else "",
        days_text(row.status.days),
        state,
    ]


def summary(report: DueReport, show_all: bool) -> str:
    """The line under the table: how many items are ongoing or wait on an event (and are not listed)."""
    source = report.counts if show_all else report.hidden
    parts = []
    for state in ("ongoing", "upcoming", "waiting", "unknown"):
        if source.get(state):
            parts.append(f"{source[state]} {STATES[state].lower()}")
    if not parts:
        return ""
    text = ", ".join(parts)
    return f"Trong đó: {text}." if show_all else f"Không liệt kê: {text} (xem bằng --all)."


def to_csv(report: DueReport) -> str:
    keys = ["plan_name", "number", "id", "text", "role", "time_text", "due", "days", "state", "state_label"]
    return csv_text([keys, *([row_object(row)[k] for k in keys] for row in report.rows)])


def to_markdown(report: DueReport, title: str) -> str:
    lines = [f"### {md_inline(title)}", "", "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in report.rows:
        lines.append("| " + " | ".join(md_inline(c) for c in cells(row)) + " |")
    note = summary(report, False)
    if note:
        lines += ["", md_inline(note)]
    return "\n".join(lines) + "\n"


def title(report: DueReport) -> str:
    who = report.agency or "mọi cơ quan"
    return f"Thời hạn — {who} — ngày {report.today:%d/%m/%Y}, trong {report.within} ngày tới"
