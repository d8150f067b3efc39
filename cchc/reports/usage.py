"""Who is named where: per-agency counts over plans, unresolved names, and an agency's tasks.

Library side of `cchc agencies` and `cchc tasks --agency`: plain data, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from cchc.agencies.located import cell_locs
from cchc.agencies.match import Match, match_entries
from cchc.agencies.mentions import Mention, read_cell
from cchc.agencies.registry import Registry, plan_registry
from cchc.errors import Loc, Problem
from cchc.plan.model import Entry, Plan
from cchc.schedule.deadlines import item_due

STATUS_WORDS = {
    "not_started": "chưa bắt đầu",
    "in_progress": "đang thực hiện",
    "done": "đã hoàn thành",
    "cancelled": "đã hủy",
}


@dataclass
class AgencyUse:
    """How often one agency is named across the plans (leaf items, i.e. rows that carry work)."""

    name: str
    kind: str
    leads: int = 0
    supports: int = 0
    via_groups: int = 0
    overdue: int = 0


@dataclass
class Unresolved:
    """Agency text no registry entry matches, with where it occurs and the closest known names."""

    text: str
    count: int = 0
    locs: list[Loc] = field(default_factory=list)
    suggestions: tuple[str, ...] = ()


@dataclass
class Usage:
    agencies: list[AgencyUse]
    unresolved: list[Unresolved]
    mentions: int = 0
    resolved: int = 0
    #: Problems in the registries themselves (unknown references, a name shared by two agencies).
    registry_problems: list[Problem] = field(default_factory=list)


def _cells(entry: Entry, role: str, registry: Registry) -> Iterator[tuple[Mention, Loc]]:
    """The mentions of one role of a leaf, each with the place of the list entry it is in."""
    cells: tuple[str, ...] = entry.lead if role == "lead" else entry.support
    owner = entry.owner(role) or entry.item
    for cell, loc in zip(cells, cell_locs(owner, role, cells), strict=True):
        for mention in read_cell(cell, registry):
            yield mention, loc


def agency_usage(plans: Iterable[Plan], today: date | None = None, event_grace: int | None = None) -> Usage:
    """Every agency the plans name, with counts, and every name no registry resolves.

    With `today`, `overdue` counts the items concerning the agency (named directly or through a
    group) that `cchc.schedule.deadlines` finds overdue on that day.
    """
    uses: dict[str, AgencyUse] = {}
    unresolved: dict[str, Unresolved] = {}
    total = resolved = 0
    leaves: list[_Leaf] = []
    registries: dict[int, Registry] = {}
    for plan in plans:
        registry = plan_registry(plan)
        registries[id(registry)] = registry
        for entry in plan.leaves():
            overdue = today is not None and _overdue(plan, entry, today, event_grace)
            leaf = _Leaf(registry, plan, entry, overdue=overdue)
            for role, names in (("lead", leaf.leads), ("support", leaf.supports)):
                for mention, loc in _cells(entry, role, registry):
                    total += 1
                    if mention.agency is not None:
                        resolved += 1
                        names.add(mention.agency)
                        continue
                    miss = unresolved.get(mention.text)
                    if miss is None:
                        miss = Unresolved(mention.text, suggestions=tuple(registry.suggest(mention.text)))
                        unresolved[mention.text] = miss
                    miss.count += 1
                    if loc not in miss.locs:
                        miss.locs.append(loc)
            for name in leaf.leads | leaf.supports:
                agency = registry.get(name)
                use = uses.setdefault(name, AgencyUse(name, agency.kind))
                use.leads += name in leaf.leads
                use.supports += name not in leaf.leads
                use.overdue += leaf.overdue
            leaves.append(leaf)
    for name, use in uses.items():
        for leaf in leaves:
            if leaf.reaches_via_group(name):
                use.via_groups += 1
                use.overdue += leaf.overdue
    ordered = sorted(uses.values(), key=lambda u: (-(u.leads + u.supports), u.name))
    missing = sorted(unresolved.values(), key=lambda u: (-u.count, u.text))
    problems = sorted({p for r in registries.values() for p in r.problems()}, key=Problem.sort_key)
    return Usage(ordered, missing, total, resolved, problems)


@dataclass
class _Leaf:
    registry: Registry
    plan: Plan
    entry: Entry
    overdue: bool = False
    leads: set[str] = field(default_factory=set)
    supports: set[str] = field(default_factory=set)

    def reaches_via_group(self, name: str) -> bool:
        """True when the leaf names a group of agency `name` (and not the agency itself)."""
        named = self.leads | self.supports
        if name in named or name not in self.registry.agencies:
            return False
        agency = self.registry.get(name)
        if not {g.name for g in self.registry.groups_of(agency)} & named:
            return False
        # Like `cchc.agencies.match`: a group reaches an agency only while the agency exists.
        undated = agency.valid_to is None and agency.valid_from is None
        return undated or agency.valid_on(item_due(self.plan, self.entry))


def _overdue(plan: Plan, entry: Entry, today: date, event_grace: int | None = None) -> bool:
    from cchc.schedule.deadlines import classify, deadlines

    progress = entry.item.progress
    found = deadlines(entry, plan, today=today, event_grace=event_grace)
    return any(classify(dl, progress, today).state == "overdue" for dl in found)


@dataclass(frozen=True)
class TaskRow:
    """One item an agency leads or coordinates, as `cchc tasks` shows it.

    `role` is `lead` or `support` (None when no agency was asked for); `state` is the key of
    the item's most pressing deadline state on the day asked (`cchc.schedule.deadlines.STATES`),
    else of its recorded progress; `due` that deadline.
    """

    plan: str  # path
    plan_name: str
    province: str
    id: str
    number: str
    text: str
    role: str | None
    via: str | None
    how: str
    lead: tuple[str, ...]
    time_text: str
    due: date | None
    state: str
    state_label: str


def agency_tasks(
    plans: Iterable[Plan],
    agency: str | None,
    role: str = "any",
    *,
    direct_only: bool = False,
    today: date | None = None,
    event_grace: int | None = None,
) -> list[TaskRow]:
    """Every leaf item `agency` leads or coordinates (see `cchc.agencies.match.match_entries`).

    With `today`, the state is the item's deadline state on that day (`cchc.schedule.deadlines`: Quá hạn,
    Trong hạn, Thường xuyên …); without it, the recorded progress.
    """
    return [
        _row(m, today, event_grace, agency is not None)
        for m in match_entries(plans, agency, role, direct_only=direct_only)
    ]


def _state(match: Match, today: date | None, event_grace: int | None) -> tuple[str, str, date | None]:
    progress = match.entry.item.progress
    if today is None:
        status = progress.status if progress else "not_started"
        return status, STATUS_WORDS.get(status, status) if progress else "chưa cập nhật", None
    from cchc.schedule.deadlines import STATES, classify, deadlines

    found = [
        classify(dl, progress, today) for dl in deadlines(match.entry, match.plan, today=today, event_grace=event_grace)
    ]
    # The most pressing state first, in the order `cchc due` lists them.
    best = min(found, key=lambda s: (list(STATES).index(s.state), s.deadline.due or date.max), default=None)
    if best is None:
        return "unknown", STATES["unknown"], None
    return best.state, STATES[best.state], best.deadline.due


def _row(match: Match, today: date | None, event_grace: int | None, with_agency: bool) -> TaskRow:
    entry = match.entry
    item = entry.item
    text = item.text or next((a.text for a in reversed(entry.ancestors) if a.text), "") or ""
    times = [t for t in (entry.start, entry.due) if t]
    time = " → ".join(dict.fromkeys(times))
    state, label, due = _state(match, today, event_grace)
    return TaskRow(
        plan=match.plan.path,
        plan_name=match.plan.name,
        province=match.plan.meta.province,
        id=item.id,
        number=entry.number,
        text=text,
        role=match.role if with_agency else None,
        via=match.via,
        how=match.how if with_agency else "",
        lead=entry.lead,
        time_text=time,
        due=due,
        state=state,
        state_label=label,
    )
