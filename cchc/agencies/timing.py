"""When an item's work is due, as the agency logic needs it (inheritance and validity).

Uses the time reader `cchc.schedule.timeexpr` when it is installed (deadlines work), else falls back.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from cchc.plan.model import Entry, Plan


def _time_reader() -> Any:
    # The time reader (cchc.schedule.timeexpr) is owned by the deadlines work; without it, fall back.
    try:
        return importlib.import_module("cchc.schedule.timeexpr").parse_time
    except ImportError:  # pragma: no cover - depends on which branches are merged
        return None


def item_due(plan: Plan, entry: Entry) -> date:
    """When the item's work is due: its `due_date`, else its time read by `cchc.schedule.timeexpr`,
    else the last day of the plan period (ongoing and undated work runs to the plan's end)."""
    explicit = entry.value("due_date")
    if isinstance(explicit, date):
        return explicit
    parse = _time_reader()
    text = entry.due or entry.start
    if parse is not None and text:
        try:
            reading = parse(text, year=plan.meta.period.end)
        except Exception:  # noqa: BLE001 - a time the reader cannot read falls back to the period
            reading = None
        due = getattr(reading, "due", None)
        if isinstance(due, date):
            return due
    return date(plan.meta.period.end, 12, 31)
