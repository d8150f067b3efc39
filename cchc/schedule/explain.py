"""Explanations of time readings as plain objects (JSON-ready) and as Vietnamese text.

Behind `cchc explain`: a reading becomes an object with `kind`, `start`, `due` (ISO or null; for
compound text the due of the last milestone), `core` (the words read as a time), `recurrence`, `event`,
`milestones` (one per part of compound text), `assumptions`;
an item adds its overrides, the deadlines derived from them and their state on a given day.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from cchc.errors import CchcError, Loc
from cchc.plan.model import Plan
from cchc.schedule.deadlines import STATES, classify, deadlines, plan_year, time_text
from cchc.schedule.timeexpr import KINDS, Reading, parse_time
from cchc.text import iso


def reading_object(reading: Reading) -> dict[str, Any]:
    return {
        "text": reading.text,
        "kind": reading.kind,
        "kind_label": KINDS[reading.kind],
        "label": reading.label,
        "core": reading.core,
        "start": iso(reading.start),
        "due": iso(reading.due),
        "recurrence": reading.recurrence,
        "recurrence_start": iso(reading.recurrence_start),
        "event": reading.event,
        "offset_days": reading.offset_days,
        "offset_direction": reading.offset_direction,
        "offset_base": reading.offset_base,
        "milestones": [reading_object(m) for m in reading.milestones],
        "assumptions": list(reading.assumptions),
    }


def explain_text(text: str, year: int | None) -> dict[str, Any]:
    return reading_object(parse_time(text, year=year))


def explain_item(plan: Plan, item_id: str, today: date, year: int | None = None) -> dict[str, Any]:
    entry = plan.entry(item_id)
    if entry is None:
        ids = [e.item.id for e in plan.entries()]
        close = difflib.get_close_matches(item_id, ids, n=3)
        hint = "có phải: " + ", ".join(close) if close else "xem id trong tệp kế hoạch"
        raise CchcError.single("U005", f"không có nhiệm vụ id '{item_id}' trong kế hoạch", Loc(plan.path), hint)
    year = year or plan_year(plan)
    obj = reading_object(parse_time(time_text(entry), year=year))
    obj["plan"] = plan.path
    obj["item"] = item_id
    obj["field"] = "due" if entry.due is not None else "start"
    obj["start_text"] = reading_object(parse_time(entry.start, year=year)) if entry.due and entry.start else None
    obj["overrides"] = {
        n: iso(v) for n in ("due_date", "start_date", "event_date") if isinstance(v := entry.value(n), date)
    }
    obj["today"] = today.isoformat()
    rows = []
    for dl in deadlines(entry, plan, today=today):
        status = classify(dl, entry.item.progress, today)
        rows.append(
            {
                "label": dl.label,
                "start": iso(dl.start),
                "due": iso(dl.due),
                "source": dl.source,
                "missed": iso(dl.missed),
                "days": status.days,
                "state": status.state,
                "state_label": STATES[status.state],
                "notes": list(dl.notes),
            }
        )
    obj["deadlines"] = rows
    return obj


def _dates(obj: dict[str, Any]) -> str:
    parts = []
    if obj["start"] and obj["start"] != obj["due"]:
        parts.append(f"từ {_vn(obj['start'])}")
    if obj["due"]:
        parts.append(f"hạn {_vn(obj['due'])} (hết ngày)")
    elif obj["kind"] == "from" and obj["start"]:
        parts.append("không có hạn (không bao giờ quá hạn)")
    return ", ".join(parts)


def _vn(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _reading_lines(obj: dict[str, Any], indent: str = "") -> list[str]:
    lines = [f"{indent}Loại:        {obj['kind_label']} ({obj['kind']})"]
    if obj["core"] and obj["core"] != obj["text"]:
        lines.append(f"{indent}Đọc được:    {obj['core']}")
    if obj["label"]:
        lines.append(f"{indent}Mốc:         {obj['label']}")
    if _dates(obj):
        lines.append(f"{indent}Thời hạn:    {_dates(obj)}")
    if obj["recurrence"]:
        since = f", từ {_vn(obj['recurrence_start'])}" if obj["recurrence_start"] else ""
        lines.append(f"{indent}Lặp lại:     {obj['recurrence']}{since}")
    if obj["event"]:
        lines.append(f"{indent}Sự kiện:     {obj['event']}")
    if obj["offset_days"] is not None:
        way = "sau" if obj["offset_direction"] == "after" else "trước"
        unit = "ngày làm việc" if obj["offset_base"] == "working" else "ngày"
        lines.append(f"{indent}Khoảng cách: {obj['offset_days']} {unit} {way} sự kiện")
    for note in obj["assumptions"]:
        lines.append(f"{indent}Giả định:    {note}")
    for i, milestone in enumerate(obj["milestones"], 1):
        lines.append(f"{indent}Mốc {i}: {milestone['text']}")
        lines.extend(_reading_lines(milestone, indent + "  "))
    return lines


def to_text(obj: dict[str, Any]) -> str:
    lines = []
    if "item" in obj:
        lines.append(f"{obj['plan']} · {obj['item']}")
    lines.append(f"Văn bản:     {obj['text']}")
    lines.extend(_reading_lines(obj))
    if obj.get("start_text"):
        lines.append(f"Thời gian thực hiện: {obj['start_text']['text']}")
        lines.extend(_reading_lines(obj["start_text"], "  "))
    for name, value in (obj.get("overrides") or {}).items():
        lines.append(f"Ghi đè {name}: {_vn(value)}")
    for row in obj.get("deadlines", []):
        due = _vn(row["due"]) if row["due"] else "chưa có"
        label = f"{row['label']}: " if row["label"] else ""
        days = "" if row["days"] is None else f", {row['days']:+d} ngày"
        lines.append(f"Ngày {_vn(obj['today'])}: {label}hạn {due} → {row['state_label']}{days}")
        if row["missed"]:
            lines.append(f"  kỳ {_vn(row['missed'])} chưa ghi nhận hoàn thành")
        lines.extend(f"  {n}" for n in row["notes"])
    return "\n".join(lines)
