"""`cchc done` and `cchc progress`: one item's progress, from the command line to a plan edit.

`done_edit` records a completion: the item's `status: done` and `done_date` (and `evidence`), or —
for a recurring item — the completion of one occurrence in `progress.occurrences` (the one named
by `--occurrence`, else `cchc.schedule.deadlines.default_occurrence`: the last one due before the
done date if it is still open, else the one running). `status_edit` sets another status. Both
check what the plan allows and return the edit and a sentence saying what it records; the
command applies it (`cchc.plan.edit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cchc.errors import CchcError, Loc
from cchc.plan.edit import ProgressEdit
from cchc.plan.model import Entry, Occurrence, Plan
from cchc.schedule.deadlines import STATUS_LABELS, default_occurrence, recurring_periods

#: Statuses `cchc progress --status` sets (done is `cchc done`, which needs a date).
SETTABLE = ("in_progress", "not_started", "cancelled")


def leaf(plan: Plan, item_id: str) -> Entry:
    """The item `item_id` (the command has checked it exists), refusing one with children (P003)."""
    entry = plan.entry(item_id)
    assert entry is not None, item_id
    if not entry.is_leaf:
        children = ", ".join(child.id for child in entry.item.items[:6])
        raise CchcError.single(
            "P003",
            f"mục {item_id!r} có mục con: ghi tiến độ cho từng mục con (an item with children)",
            entry.item.loc,
            f"các mục con: {children}",
        )
    return entry


def done_edit(
    plan: Plan,
    item_id: str,
    *,
    day: date,
    today: date,
    evidence: str | None = None,
    occurrence: str | None = None,
) -> tuple[ProgressEdit, str]:
    """The edit recording `item_id` done on `day` (one occurrence of it, if it repeats)."""
    entry = leaf(plan, item_id)
    if day > today:
        raise CchcError.single(
            "P001",
            f"ngày hoàn thành {day:%d/%m/%Y} sau hôm nay {today:%d/%m/%Y} (done date in the future)",
            Loc("--date"),
            "kiểm tra --date (hoặc --today)",
        )
    text = evidence.strip() if evidence else None
    periods = recurring_periods(entry, plan)
    if not periods:
        if occurrence is not None:
            raise _not_recurring(entry)
        values: dict[str, str | date | None] = {"status": "done", "done_date": day}
        if text:
            values["evidence"] = text
        return ProgressEdit(item_id, values), f"{item_id}: {STATUS_LABELS['done']} ngày {day:%d/%m/%Y}"
    progress = entry.item.progress
    records = progress.occurrences if progress is not None else {}
    keys = [p.key for p in periods]
    if occurrence is None:
        chosen = default_occurrence(entry, plan, day)
        assert chosen is not None  # a repetition has at least one occurrence in its plan
        key = chosen.key
        if key in records:
            raise CchcError.single(
                "P004",
                f"kỳ {key} của mục {item_id!r} đã ghi hoàn thành ngày {records[key].done_date:%d/%m/%Y}",
                records[key].loc,
                "ghi kỳ khác bằng --occurrence, ví dụ --occurrence " + _open_hint(keys, records),
            )
    elif occurrence not in keys:
        raise CchcError.single(
            "P004",
            f"mục {item_id!r} không có kỳ {occurrence!r} (no such occurrence)",
            Loc("--occurrence"),
            "các kỳ: " + ", ".join(keys[:24]) + (" …" if len(keys) > 24 else ""),
        )
    else:
        key = occurrence
    values = {"done_date": day}
    if text:
        values["evidence"] = text
    return ProgressEdit(item_id, values, occurrence=key), f"{item_id}: kỳ {key} hoàn thành ngày {day:%d/%m/%Y}"


def status_edit(
    plan: Plan, item_id: str, status: str, *, note: str | None = None, occurrence: str | None = None
) -> tuple[ProgressEdit, str]:
    """The edit setting `item_id`'s status (`in_progress`, `not_started`, `cancelled`) and note.

    A done item set back to another status loses its `done_date`. On a recurring item,
    `occurrence` with `not_started` or `in_progress` removes that occurrence's record (a
    completion recorded by mistake).
    """
    if status not in SETTABLE:
        raise CchcError.single(
            "U006",
            f"--status {status!r} không hợp lệ; ghi hoàn thành bằng `cchc done`",
            Loc("--status"),
            " | ".join(SETTABLE),
        )
    entry = leaf(plan, item_id)
    progress = entry.item.progress
    label = STATUS_LABELS[status]
    if occurrence is not None:
        keys = [p.key for p in recurring_periods(entry, plan)]
        if not keys:
            raise _not_recurring(entry)
        if status == "cancelled":
            raise CchcError.single(
                "P004", "không hủy riêng một kỳ; hủy cả nhiệm vụ (bỏ --occurrence)", Loc("--occurrence")
            )
        records = progress.occurrences if progress is not None else {}
        if occurrence not in records:
            raise CchcError.single(
                "P004",
                f"kỳ {occurrence!r} của mục {item_id!r} chưa ghi hoàn thành: không có gì để bỏ",
                Loc("--occurrence"),
                "các kỳ đã ghi: " + (", ".join(records) or "(chưa có)"),
            )
        return ProgressEdit(item_id, occurrence=occurrence, drop=True), f"{item_id}: bỏ ghi nhận kỳ {occurrence}"
    values: dict[str, str | date | None] = {"status": status}
    message = f"{item_id}: {label}"
    if progress is not None and progress.done_date is not None:
        values["done_date"] = None
        message += f" (bỏ ngày hoàn thành {progress.done_date:%d/%m/%Y})"
    if note is not None:
        values["note"] = note.strip() or None
    return ProgressEdit(item_id, values), message


def _not_recurring(entry: Entry) -> CchcError:
    return CchcError.single(
        "P005",
        f"mục {entry.item.id!r} không lặp lại: --occurrence chỉ dùng cho việc định kỳ (not a recurring item)",
        Loc("--occurrence"),
        "bỏ --occurrence",
    )


def _open_hint(keys: list[str], records: Mapping[str, Occurrence]) -> str:
    return next((k for k in keys if k not in records), keys[-1])
