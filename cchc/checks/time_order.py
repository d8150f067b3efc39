"""T102 time-due-before-start: the item is due before it starts.

Compares the start (the `start` column or `start_date`) with the due date (the `due` column or
`due_date`) of the item itself. Usually a typo in a year or a swapped pair of columns.

Failing::

    - id: a1
      start: Tháng 12/2024
      due: Tháng 01/2024

Passing::

    - id: a1
      start: Tháng 12/2023
      due: Tháng 01/2024
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.schedule.timeexpr import parse_time

CODE = "T102"
NAME = "time-due-before-start"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    year = plan.meta.period.start
    for entry in plan.entries():
        item = entry.item
        if item.start is None and item.start_date is None:
            continue
        start = item.start_date or parse_time(entry.start, year=year).start
        due_reading = parse_time(entry.due, year=year)
        override = entry.value("due_date")
        due = override if isinstance(override, date) else due_reading.due
        if start is None or due is None or due >= start:
            continue
        where = "due_date" if item.due_date is not None else "due" if item.due is not None else "start"
        yield Problem(
            CODE,
            f"hạn hoàn thành {due:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y} (due before start)",
            item.where(where),
            SEVERITY,
            "kiểm tra năm hoặc thứ tự hai cột thời gian",
        )
