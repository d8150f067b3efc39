"""T106 event-date-unused: `event_date` on an item whose time waits on no event.

`event_date` dates the event a time text waits on (`Sau khi có thông báo của Bộ Tư pháp`,
`Trong 15 ngày kể từ …`). On a text with its own date (`Quý II/2024`) it is ignored, which
hides a mistake: use `due_date` to override a deadline.

Failing::

    - id: a1
      due: Quý II/2024
      event_date: 2024-03-15

Passing::

    - id: a1
      due: Sau khi có thông báo của Bộ Tư pháp
      event_date: 2024-03-15
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Entry, Plan
from cchc.schedule.deadlines import time_text
from cchc.schedule.timeexpr import parse_time

CODE = "T106"
NAME = "event-date-unused"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    year = plan.meta.period.start
    for entry in plan.entries():
        item = entry.item
        if item.event_date is None:
            continue
        # A parent's event_date may serve children that wait on the event: check the leaves it reaches.
        texts = [time_text(entry)] if entry.is_leaf else [time_text(e) for e in _leaves(plan, item.id)]
        if any(parse_time(t, year=year).waits for t in texts):
            continue
        yield Problem(
            CODE,
            "event_date ghi cho nhiệm vụ không chờ sự kiện nào (event_date on an item that waits on no event)",
            item.where("event_date"),
            SEVERITY,
            "dùng due_date để ghi đè thời hạn",
        )


def _leaves(plan: Plan, item_id: str) -> list[Entry]:
    return [e for e in plan.leaves() if any(a.id == item_id for a in e.ancestors)]
