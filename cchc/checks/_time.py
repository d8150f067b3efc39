"""Helpers shared by the time checks (T1xx): the readings of an item's own time cells."""

from __future__ import annotations

from collections.abc import Iterator

from cchc.plan.model import Item, Plan
from cchc.schedule.timeexpr import Reading, parse_time


def own_readings(plan: Plan) -> Iterator[tuple[Item, str, Reading]]:
    """Every time cell an item writes itself (`start`, `due`), read with the plan's first year."""
    year = plan.meta.period.start
    for entry in plan.entries():
        item = entry.item
        for name in ("start", "due"):
            text = getattr(item, name)
            if text is not None:
                yield item, name, parse_time(text, year=year)
