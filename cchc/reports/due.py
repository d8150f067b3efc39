"""What `cchc due` answers: the items that concern an agency, with their deadlines and state.

Combines "who" (`cchc.agencies.match`: the items an agency leads or coordinates, directly, through
a group or as a successor) with "when" (`cchc.schedule.deadlines`: each deadline and its state on
a day). `due_view` presents the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from cchc.agencies.match import match_entries
from cchc.plan.model import Entry, Plan
from cchc.record import field, record
from cchc.schedule.deadlines import STATES, WITHIN_DAYS, Deadline, Status, classify, deadlines


@record
class DueRow:
    """One line of the `cchc due` answer: an item that concerns the agency, with one deadline."""

    plan: Plan
    entry: Entry
    role: str
    via: str | None
    status: Status

    @property
    def deadline(self) -> Deadline:
        return self.status.deadline

    @property
    def state(self) -> str:
        return self.status.state


@record
class DueReport:
    """What `cchc due` answers: the rows to show, and counts of every state among the agency's items."""

    today: date
    within: int
    agency: str | None
    role: str
    rows: tuple[DueRow, ...]
    counts: dict[str, int] = field(default_factory=dict)
    hidden: dict[str, int] = field(default_factory=dict)  # states present but not listed


def _listed(state: str, days: int | None, within: int, *, overdue_only: bool, show_all: bool) -> bool:
    if overdue_only:
        return state == "overdue"
    if show_all:
        return True
    return state == "overdue" or (state in ("due_soon", "pending") and days is not None and days <= within)


def due_report(
    plans: Iterable[Plan],
    agency: str | None = None,
    role: str = "any",
    *,
    today: date,
    within: int = WITHIN_DAYS,
    overdue_only: bool = False,
    show_all: bool = False,
) -> DueReport:
    """What is overdue and what falls due within `within` days for `agency` (every agency when None)."""
    horizon = today + timedelta(days=within)
    rows: list[DueRow] = []
    counts: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for match in match_entries(plans, agency, role):
        progress = match.entry.item.progress
        for dl in deadlines(match.entry, match.plan, today=today, horizon=horizon):
            status = classify(dl, progress, today)
            counts[status.state] = counts.get(status.state, 0) + 1
            if _listed(status.state, status.days, within, overdue_only=overdue_only, show_all=show_all):
                rows.append(DueRow(match.plan, match.entry, match.role, match.via, status))
            else:
                hidden[status.state] = hidden.get(status.state, 0) + 1
    order = {s: i for i, s in enumerate(STATES)}
    rows.sort(
        key=lambda r: (
            r.deadline.due is None,
            r.deadline.due or date.max,
            order.get(r.state, 99),
            r.plan.path,
            r.entry.item.id,
        )
    )
    return DueReport(today, within, agency, role, tuple(rows), counts, hidden)
