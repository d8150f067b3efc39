"""What `cchc due` answers: the items that concern an agency, with their deadlines and state.

Combines "who" (`cchc.agencies.match`: the items an agency leads or coordinates, directly, through
a group or as a successor) with "when" (`cchc.schedule.deadlines`: each deadline and its state on
a day, inside a `cchc.schedule.window.Window`) over the plans of a `cchc.plan.scope.Scope`.
`due_view` presents the result.

Rows come most urgent first: overdue work (the longest overdue first), then work due soonest,
then occurrences not recorded, work started by its event, work done, and last what has no date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from cchc.agencies.match import agency_names, match_entries
from cchc.plan.model import Entry, Plan
from cchc.plan.scope import Scope
from cchc.record import field, record
from cchc.schedule.deadlines import SOON_DAYS, STATES, WITHIN_DAYS, Deadline, Status, classify, deadlines
from cchc.schedule.window import AHEAD, Window

#: The order of urgency of each state (rows sort by it, then by deadline).
URGENCY: dict[str, int] = {
    "overdue": 0,
    "due_soon": 1,
    "pending": 1,
    "missed": 2,
    "started": 3,
    "waiting": 4,
    "done_late": 5,
    "done_on_time": 5,
    "done": 5,
    "ongoing": 6,
    "unknown": 7,
    "ended": 8,
    "cancelled": 9,
}


@record
class DueRow:
    """One line of the `cchc due` answer: an item that concerns the agency, with one deadline.

    `role` is the agency's role (lead or support) when an agency was asked for, else None.
    """

    plan: Plan
    entry: Entry
    role: str | None
    via: str | None
    status: Status
    inherited: bool = False

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
    window: Window
    agency: str | None  # as typed
    role: str | None  # lead | support | any, or None without an agency
    rows: tuple[DueRow, ...]
    counts: dict[str, int] = field(default_factory=dict)
    hidden: dict[str, int] = field(default_factory=dict)  # states present but not listed
    scope: Scope | None = None
    #: The registry's name of the agency, per province of the plans shown (one entry when they agree).
    names: dict[str, str] = field(default_factory=dict)

    @property
    def agency_name(self) -> str | None:
        """The registry's name (`Sở Tư pháp` for `so tu phap`), else what was typed."""
        if self.agency is None:
            return None
        found = sorted(set(self.names.values()))
        return found[0] if len(found) == 1 else (" / ".join(found) if found else self.agency)

    @property
    def plans(self) -> tuple[Plan, ...]:
        return self.scope.plans if self.scope is not None else tuple(dict.fromkeys(r.plan for r in self.rows))

    @property
    def several_plans(self) -> bool:
        return len(self.plans) > 1

    @property
    def provinces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.meta.province for p in self.plans))


def _listed(state: str, due: date | None, window: Window, *, overdue_only: bool, show_all: bool) -> bool:
    if overdue_only:
        return state == "overdue"
    if show_all:
        return True
    if window.kind == AHEAD:
        # Work whose event has happened has started: it is today's work even without a deadline.
        if state in ("overdue", "started"):
            return True
        return state in ("due_soon", "pending") and due is not None and due <= window.end
    return due is not None and window.start <= due <= window.end


def sort_key(row: DueRow) -> tuple[object, ...]:
    due = row.deadline.due
    return (URGENCY.get(row.state, 99), due is None, due or date.max, row.plan.path, row.entry.item.id)


def due_report(
    plans: Iterable[Plan] | Scope,
    agency: str | None = None,
    role: str = "any",
    *,
    today: date,
    window: Window | None = None,
    within: int | None = None,
    overdue_only: bool = False,
    show_all: bool = False,
    event_grace: int | None = None,
) -> DueReport:
    """What is overdue and what falls due in `window` for `agency` (every agency when None).

    `window` defaults to the next `within` days (30). `plans` may be a `Scope` (the plans chosen
    for the question); the report keeps it, so a presenter can say which plans it covers.
    """
    scope = plans if isinstance(plans, Scope) else None
    chosen = plans.plans if isinstance(plans, Scope) else tuple(plans)
    if window is None:
        days = WITHIN_DAYS if within is None else within
        window = Window(today, today + timedelta(days=days), AHEAD, f"{days} ngày tới")
    since = window.start if window.kind != AHEAD else None
    rows: list[DueRow] = []
    counts: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for match in match_entries(chosen, agency, role):
        progress = match.entry.item.progress
        found = deadlines(
            match.entry, match.plan, today=today, horizon=window.end, since=since, event_grace=event_grace
        )
        for dl in found:
            status = classify(dl, progress, today, soon=SOON_DAYS)
            counts[status.state] = counts.get(status.state, 0) + 1
            if _listed(status.state, dl.due, window, overdue_only=overdue_only, show_all=show_all):
                who = match.role if agency is not None else None
                rows.append(DueRow(match.plan, match.entry, who, match.via, status, match.inherited))
            else:
                hidden[status.state] = hidden.get(status.state, 0) + 1
    rows.sort(key=sort_key)
    ordered = {s: counts[s] for s in STATES if s in counts}
    names = agency_names(chosen, agency) if agency is not None else {}
    return DueReport(
        today, window, agency, role if agency is not None else None, tuple(rows), ordered, hidden, scope, names
    )
