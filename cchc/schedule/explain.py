"""Explanations of time readings as plain objects (JSON-ready) and as Vietnamese text.

Behind `cchc explain`: a reading becomes an object with `kind`, `start`, `due` (ISO or null; for
compound text the due of the last milestone), `core` (the words read as a time), `recurrence`
(the RRULE, and in words: `recurrence_text`, with the `next` occurrences from today), `event`,
`milestones` (one per part of compound text), `assumptions`; an item adds its overrides, the
deadlines derived from them and their state on a given day. The JSON object is `cchc-explain/1`
(`schema/cchc-explain-1.schema.json`).
"""

from __future__ import annotations

import calendar
import difflib
from datetime import date
from typing import Any

from cchc.errors import CchcError, Loc
from cchc.plan.model import Plan
from cchc.schedule.deadlines import STATES, classify, deadlines, plan_year, state_words, time_text
from cchc.schedule.timeexpr import KINDS, Reading, parse_time
from cchc.text import iso

SCHEMA_ID = "cchc-explain/1"
#: How many coming occurrences of a repetition an explanation lists.
NEXT = 3

_MONTHS_OF_QUARTERS = "3,6,9,12"


def recurrence_words(rule: str | None) -> str | None:
    """A repetition rule in Vietnamese: `FREQ=MONTHLY;BYMONTHDAY=-1` → `hằng tháng, vào ngày cuối tháng`.

    The rules `cchc.schedule.timeexpr` writes are read; any other is given as written.
    """
    if not rule:
        return None
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq, months, day = parts.get("FREQ"), parts.get("BYMONTH"), parts.get("BYMONTHDAY")
    on_day = "ngày cuối" if day == "-1" else f"ngày {day}"
    if freq == "MONTHLY" and day and not months:
        return f"hằng tháng, vào {on_day} tháng"
    if freq == "YEARLY" and months == _MONTHS_OF_QUARTERS and day:
        dates = ", ".join(
            ("31/03", "30/06", "30/09", "31/12") if day == "-1" else (f"{int(day):02d}/{m:02d}" for m in (3, 6, 9, 12))
        )
        where = "ngày cuối quý" if day == "-1" else f"ngày {day} của tháng cuối quý"
        return f"hằng quý, vào {where} ({dates})"
    if freq == "YEARLY" and months and months.isdigit() and day:
        month = int(months)
        if day == "-1" and month == 2:
            return "hằng năm, vào ngày cuối tháng 2"
        last = calendar.monthrange(2001, month)[1] if day == "-1" else int(day)
        return f"hằng năm, vào ngày {last:02d}/{month:02d}"
    return rule


def next_occurrences(reading: Reading, today: date, until: date | None = None, n: int = NEXT) -> list[date]:
    """The next `n` due days of a repetition from `today` on (up to `until`, the plan's end)."""
    if reading.recurrence is None:
        return []
    from datetime import datetime

    from dateutil.rrule import rrulestr

    start = reading.recurrence_start or date(today.year, 1, 1)
    rule = rrulestr(reading.recurrence, dtstart=datetime.combine(start, datetime.min.time()))
    found: list[date] = []
    after = datetime.combine(max(today, start), datetime.min.time())
    current = rule.after(after, inc=True)
    while current is not None and len(found) < n:
        day = current.date()
        if until is not None and day > until:
            break
        found.append(day)
        current = rule.after(current, inc=False)
    return found


def reading_object(reading: Reading, today: date | None = None, until: date | None = None) -> dict[str, Any]:
    return {
        "text": reading.text,
        "kind": reading.kind,
        "kind_label": KINDS[reading.kind],
        "label": reading.label,
        "core": reading.core,
        "start": iso(reading.start),
        "due": iso(reading.due),
        "recurrence": reading.recurrence,
        "recurrence_text": recurrence_words(reading.recurrence),
        "recurrence_start": iso(reading.recurrence_start),
        "next": [d.isoformat() for d in next_occurrences(reading, today, until)] if today else [],
        "event": reading.event,
        "offset_days": reading.offset_days,
        "offset_direction": reading.offset_direction,
        "offset_base": reading.offset_base,
        "milestones": [reading_object(m, today, until) for m in reading.milestones],
        "assumptions": list(reading.assumptions),
    }


def explain_text(text: str, year: int | None, today: date | None = None) -> dict[str, Any]:
    obj = {"schema": SCHEMA_ID, **reading_object(parse_time(text, year=year), today)}
    if today is not None:
        obj["today"] = today.isoformat()
    return obj


def explain_item(
    plan: Plan, item_id: str, today: date, year: int | None = None, event_grace: int | None = None
) -> dict[str, Any]:
    entry = plan.entry(item_id)
    if entry is None:
        ids = [e.item.id for e in plan.entries()]
        close = difflib.get_close_matches(item_id, ids, n=3)
        hint = "có phải: " + ", ".join(close) if close else "xem id trong tệp kế hoạch"
        raise CchcError.single("U005", f"không có nhiệm vụ id '{item_id}' trong kế hoạch", Loc(plan.path), hint)
    year = year or plan_year(plan)
    end = date(plan.meta.period.end, 12, 31)
    obj = {"schema": SCHEMA_ID, **reading_object(parse_time(time_text(entry), year=year), today, end)}
    obj["plan"] = plan.path
    obj["item"] = item_id
    obj["field"] = "due" if entry.due is not None else "start"
    obj["start_text"] = reading_object(parse_time(entry.start, year=year)) if entry.due and entry.start else None
    obj["overrides"] = {
        n: iso(v) for n in ("due_date", "start_date", "event_date") if isinstance(v := entry.value(n), date)
    }
    obj["today"] = today.isoformat()
    rows = []
    for dl in deadlines(entry, plan, today=today, event_grace=event_grace):
        status = classify(dl, entry.item.progress, today)
        rows.append(
            {
                "label": dl.label,
                "start": iso(dl.start),
                "due": iso(dl.due),
                "source": dl.source,
                "missed": iso(dl.missed),
                "event_date": iso(dl.event),
                "days": status.days,
                "state": status.state,
                "state_label": STATES[status.state],
                "state_text": state_words(status),
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
        lines.append(f"{indent}Lặp lại:     {obj['recurrence_text']}{since}")
        if obj["next"]:
            lines.append(f"{indent}Các kỳ tới:  {', '.join(_vn(d) for d in obj['next'])}")
        elif "next" in obj and obj.get("recurrence_start"):
            lines.append(f"{indent}Các kỳ tới:  không còn kỳ nào trong kỳ kế hoạch")
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
        lines.append(f"Ngày {_vn(obj['today'])}: {label}hạn {due} → {row['state_text']}")
        if row["missed"]:
            lines.append(f"  kỳ {_vn(row['missed'])} chưa ghi nhận hoàn thành")
        lines.extend(f"  {n}" for n in row["notes"])
    return "\n".join(lines)
