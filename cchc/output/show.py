"""A plan or one of its items as short readable text (`cchc show`).

Item fields are shown as they apply, with the item they are inherited from named.
"""

from __future__ import annotations

from cchc.plan.model import Plan
from cchc.review.textconv import one_line

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


def summary(plan: Plan) -> str:
    """Name, document, annex and the number of sections and items of each."""
    meta = plan.meta
    lines = [f"{plan.name} — {meta.title}"]
    if meta.number or meta.date:
        day = meta.date.strftime("%d/%m/%Y") if meta.date else "(chưa có)"
        lines.append(f"Số {meta.number or '(chưa có)'}, ngày {day}")
    lines.append(f"Phụ lục: {plan.annex.title}")
    for path in plan.all_sections():
        sec = path[-1]
        count = sum(1 for e in plan.entries() if e.sections == path and e.is_leaf)
        indent = "  " * len(path)
        lines.append(f"{indent}{sec.number}. {sec.title} ({count} nhiệm vụ)")
    return "\n".join(lines)


def item_details(plan: Plan, item_id: str) -> str | None:
    """One item's fields as they apply, marking the ones inherited from a parent; None if absent."""
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
        lines.append(f"  {label}: {one_line(value)}{origin}")
    if item.progress is not None:
        lines.append(f"  Tiến độ: {item.progress.status}")
    return "\n".join(lines)
