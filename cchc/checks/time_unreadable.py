"""T101 time-unreadable: a time cell cchc cannot read, so the item has no deadline.

The wording is kept as written; cchc never guesses a date from text it cannot read.
Rewrite the cell the way plans write times (`Quý II/2024`, `Trước ngày 31/01/2024`), or keep
the wording and add a `due_date` override. `cchc explain "…"` shows how a text is read.

Failing::

    - id: a1
      due: Quý                  # a fragment left by a page break

Passing::

    - id: a1
      due: Quý I/2024
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks._time import own_readings
from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.schedule.deadlines import is_unreadable

CODE = "T101"
NAME = "time-unreadable"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for item, name, reading in own_readings(plan):
        if not is_unreadable(reading):
            continue
        if name == "due" and item.due_date is not None:
            continue
        yield Problem(
            CODE,
            f"không đọc được thời gian '{reading.text}' (unreadable time)",
            item.where(name),
            SEVERITY,
            "viết như 'Quý II/2024', 'Trước ngày 31/01/2024', hoặc thêm due_date: YYYY-MM-DD",
        )
