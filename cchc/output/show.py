"""A plan or one of its items as short readable text (`cchc show`).

Item fields are shown as they apply, with the item they are inherited from named; text with
line breaks keeps them (continuation lines indented). An item shows its deadlines and state on
the day asked; a plan shows each section with the tasks it holds, its subsections' included.
"""

from __future__ import annotations

from datetime import date

from cchc.plan.model import Plan, Section
from cchc.schedule.deadlines import STATES, STATUS_LABELS, classify, deadlines, state_words

#: Labels of an item's fields in `cchc show PLAN ID`, in display order.
LABELS = (
    ("text", "Nội dung"),
    ("output", "Kết quả/Sản phẩm"),
    ("lead", "Chủ trì"),
    ("support", "Phối hợp"),
    ("start", "Thời gian thực hiện"),
    ("due", "Thời gian hoàn thành"),
    ("funding", "Kinh phí"),
    ("note", "Ghi chú"),
)


def _value(value: object, indent: str) -> str:
    """A field's value: lists joined with `; `, dates as dd/mm/yyyy, line breaks kept and indented."""
    if isinstance(value, tuple | list):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, date):
        text = value.strftime("%d/%m/%Y")
    else:
        text = str(value)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    return ("\n" + indent).join(lines)


def summary(plan: Plan, today: date | None = None, event_grace: int | None = None) -> str:
    """Name, document, annex, each section with the tasks it holds (subsections included), and
    how many deadlines are in each state on `today`."""
    meta = plan.meta
    lines = [f"{plan.name} — {meta.title}"]
    if meta.number or meta.date:
        day = meta.date.strftime("%d/%m/%Y") if meta.date else "(chưa có)"
        lines.append(f"Số {meta.number or '(chưa có)'}, ngày {day}")
    lines.append(f"Phụ lục: {plan.annex.title}")
    leaves = [e for e in plan.leaves()]
    for path in plan.all_sections():
        sec = path[-1]
        count = sum(1 for e in leaves if _within(e.sections, path))
        indent = "  " * len(path)
        own = sum(1 for e in leaves if e.sections == path)
        detail = f"{count} nhiệm vụ" if own == count or own == 0 else f"{count} nhiệm vụ, {own} trực tiếp"
        lines.append(f"{indent}{sec.number}. {sec.title} ({detail})")
    lines.append(f"Tổng: {len(leaves)} nhiệm vụ.")
    if today is not None:
        found: dict[str, int] = {}
        for entry in leaves:
            for dl in deadlines(entry, plan, today=today, event_grace=event_grace):
                state = classify(dl, entry.item.progress, today).state
                found[state] = found.get(state, 0) + 1
        parts = [f"{label}: {found[key]}" for key, label in STATES.items() if found.get(key)]
        if parts:
            lines.append(f"Ngày {today:%d/%m/%Y}: " + " · ".join(parts) + ".")
    return "\n".join(lines)


def _within(sections: tuple[Section, ...], path: tuple[Section, ...]) -> bool:
    return sections[: len(path)] == path


def item_details(plan: Plan, item_id: str, today: date | None = None, event_grace: int | None = None) -> str | None:
    """One item's fields as they apply, marking the ones inherited from a parent, then its
    deadlines and state on `today`; None if the plan has no such item."""
    entry = plan.entry(item_id)
    if entry is None:
        return None
    item = entry.item
    where = " › ".join(f"{s.number}. {s.title}" for s in entry.sections)
    lines = [f"{item.id} [{item.number or entry.number}] — {where}", f"  vị trí: {item.loc}"]
    for name, label in LABELS:
        value = entry.value(name) if name not in ("text", "note") else getattr(item, name)
        if value is None or value == ():
            continue
        owner = entry.owner(name)
        origin = f" (kế thừa từ {owner.id})" if owner is not None and owner is not item else ""
        head = f"  {label}: "
        lines.append(f"{head}{_value(value, ' ' * len(head))}{origin}")
    for name, label in (
        ("due_date", "Hạn ghi đè"),
        ("start_date", "Bắt đầu ghi đè"),
        ("event_date", "Ngày có sự kiện"),
    ):
        value = entry.value(name)
        if isinstance(value, date):
            lines.append(f"  {label}: {value:%d/%m/%Y}")
    progress = item.progress
    if progress is not None:
        text = STATUS_LABELS.get(progress.status, progress.status)
        if progress.done_date:
            text += f", ngày {progress.done_date:%d/%m/%Y}"
        if progress.evidence:
            text += f" ({progress.evidence})"
        lines.append(f"  Tiến độ: {text}")
    if today is not None and entry.is_leaf:
        for dl in deadlines(entry, plan, today=today, event_grace=event_grace):
            status = classify(dl, progress, today)
            due = dl.due.strftime("%d/%m/%Y") if dl.due else "chưa có"
            label = f"{dl.label}: " if dl.label else ""
            lines.append(f"  Thời hạn ngày {today:%d/%m/%Y}: {label}hạn {due} — {state_words(status)}")
    return "\n".join(lines)
