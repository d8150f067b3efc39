"""T103 time-outside-period: a date outside the years the plan covers (a warning).

Often real — preparatory work in the December before the plan year (`Tháng 12/2023` in a 2024
plan), or a follow-up the next year — so this only warns: check the year is not a typo.

Failing (warning) in a 2024 plan::

    - id: a1
      due: Quý IV/2025

Passing::

    - id: a1
      due: Quý IV/2024
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc.checks._time import own_readings
from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "T103"
NAME = "time-outside-period"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    period = plan.meta.period
    first, last = date(period.start, 1, 1), date(period.end, 12, 31)
    years = str(period.start) if period.start == period.end else f"{period.start}–{period.end}"
    for item, name, reading in own_readings(plan):
        days = [d for p in (reading.milestones or (reading,)) for d in (p.start, p.due) if d is not None]
        outside = [d for d in days if not first <= d <= last]
        if outside:
            yield Problem(
                CODE,
                f"thời gian '{reading.text}' ngoài giai đoạn kế hoạch {years} (outside the plan period)",
                item.where(name),
                SEVERITY,
                "đúng nếu là việc chuẩn bị hoặc tiếp nối; nếu không, sửa năm",
            )
