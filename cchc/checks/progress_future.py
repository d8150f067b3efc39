"""T105 done-date-in-future: a done date after today (needs today: `--today` or the clock).

A completion cannot be recorded ahead of time; usually a wrong year or a planned date typed
into `done_date`. Skipped when the run has no notion of today.

Failing (today 2024-06-01)::

    progress:
      status: done
      done_date: 2024-12-25

Passing::

    progress:
      status: done
      done_date: 2024-05-25
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "T105"
NAME = "done-date-in-future"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    if ctx.today is None:
        return
    for entry in plan.entries():
        progress = entry.item.progress
        if progress is None:
            continue
        dated = [(progress.done_date, progress.where("done_date"))]
        dated += [(occ.done_date, occ.where("done_date")) for occ in progress.occurrences.values()]
        for day, where in dated:
            if day is not None and day > ctx.today:
                yield Problem(
                    CODE,
                    f"ngày hoàn thành {day:%d/%m/%Y} sau hôm nay {ctx.today:%d/%m/%Y} (done date in the future)",
                    where,
                    SEVERITY,
                    "kiểm tra năm của done_date",
                )
