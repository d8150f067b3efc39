"""Who is named where: per-agency counts over plans, unresolved names, and an agency's tasks.

Library side of `cchc agencies` and `cchc tasks --agency`: plain data, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.agencies.mentions import Mention, read_cells
from cchc.agencies.registry import Registry, registry_for
from cchc.agencies.timing import item_due
from cchc.errors import Loc
from cchc.model import Entry, Plan
from cchc.select import Match, match_entries

STATUS_WORDS = {
    "not_started": "chưa bắt đầu",
    "in_progress": "đang thực hiện",
    "done": "đã hoàn thành",
    "cancelled": "đã hủy",
}
ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp"}


@dataclass
class AgencyUse:
    """How often one agency is named across the plans (leaf items, i.e. rows that carry work)."""

    name: str
    kind: str
    leads: int = 0
    supports: int = 0
    via_groups: int = 0


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


def _mentions(entry: Entry, registry: Registry) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    return read_cells(entry.lead, registry), read_cells(entry.support, registry)


def agency_usage(plans: Iterable[Plan]) -> Usage:
    """Every agency the plans name, with counts, and every name no registry resolves."""
    uses: dict[str, AgencyUse] = {}
    unresolved: dict[str, Unresolved] = {}
    total = resolved = 0
    reach: list[tuple[Registry, set[str], Plan, Entry]] = []  # per leaf: the agencies it names directly
    for plan in plans:
        registry = registry_for(plan.path)
        for entry in plan.leaves():
            leads, supports = _mentions(entry, registry)
            named: set[str] = set()
            for role, mentions in (("lead", leads), ("support", supports)):
                for mention in mentions:
                    total += 1
                    if mention.agency is None:
                        miss = unresolved.setdefault(
                            mention.text, Unresolved(mention.text, suggestions=tuple(registry.suggest(mention.text)))
                        )
                        miss.count += 1
                        miss.locs.append(entry.item.where(role))
                        continue
                    resolved += 1
                    if mention.agency in named and role == "support":
                        continue
                    agency = registry.get(mention.agency)
                    use = uses.setdefault(agency.name, AgencyUse(agency.name, agency.kind))
                    if role == "lead":
                        use.leads += 1
                    else:
                        use.supports += 1
                    named.add(agency.name)
            reach.append((registry, named, plan, entry))
    for name, use in uses.items():
        for registry, named, plan, entry in reach:
            if name in named or name not in registry.agencies:
                continue
            agency = registry.get(name)
            groups = {g.name for g in registry.groups_of(agency)}
            # Like `cchc.select`: a group reaches an agency only while the agency exists.
            if groups & named and (
                (agency.valid_to is None and agency.valid_from is None) or agency.valid_on(item_due(plan, entry))
            ):
                use.via_groups += 1
    ordered = sorted(uses.values(), key=lambda u: (-(u.leads + u.supports), u.name))
    return Usage(ordered, sorted(unresolved.values(), key=lambda u: (-u.count, u.text)), total, resolved)


@dataclass(frozen=True)
class TaskRow:
    """One item an agency leads or coordinates, as `cchc tasks` shows it."""

    plan: str
    path: str
    id: str
    number: str
    text: str
    role: str
    time: str
    state: str
    how: str


def agency_tasks(
    plans: Iterable[Plan], agency: str | None, role: str = "any", *, direct_only: bool = False
) -> list[TaskRow]:
    """Every leaf item `agency` leads or coordinates (see `cchc.select.match_entries`)."""
    return [_row(m) for m in match_entries(plans, agency, role, direct_only=direct_only)]


def canonical_name(plans: Iterable[Plan], text: str) -> str:
    """The registry's name for `text` in the first plan whose registry knows it (else `text`)."""
    from cchc.errors import CchcError

    for plan in plans:
        try:
            return registry_for(plan.path).resolve(text).name
        except CchcError:
            continue
    return text


def _row(match: Match) -> TaskRow:
    entry = match.entry
    item = entry.item
    text = item.text or next((a.text for a in reversed(entry.ancestors) if a.text), "") or ""
    times = [t for t in (entry.start, entry.due) if t]
    time = " → ".join(dict.fromkeys(times))
    progress = item.progress
    state = STATUS_WORDS.get(progress.status, progress.status) if progress else "chưa cập nhật"
    return TaskRow(
        plan=match.plan.name,
        path=match.plan.path,
        id=item.id,
        number=entry.number,
        text=text,
        role=ROLE_WORDS.get(match.role, match.role),
        time=time,
        state=state,
        how=match.how,
    )
