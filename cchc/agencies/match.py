"""Which items concern an agency: the matching behind every `--agency` option.

`match_entries` is the one place commands ask "does this item concern agency X, and how?".
The name is resolved with the agency registry of each plan (`cchc.agencies`): `so tu phap`
finds `Sở Tư pháp`; an ambiguous or unknown name is a `CchcError` with candidates or
suggestions. An item concerns the agency when one of its lead/coordination cells names it
(trực tiếp), names a collective it belongs to (qua nhóm `Các sở, ban, ngành`), or names a
predecessor that had ceased to exist by the item's due date (kế thừa: Sở Thông tin và Truyền
thông's items due after 2025-02-28 are Sở Khoa học và Công nghệ's).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from cchc.errors import CchcError
from cchc.plan.model import Entry, Plan
from cchc.record import record

if TYPE_CHECKING:
    from cchc.agencies.registry import Agency, Registry

ROLES = ("lead", "support", "any")
#: The roles in the words staff use, for every view that names one.
ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp"}


@record
class Match:
    """An item that concerns the agency: as `lead` or `support`, directly or `via` a group."""

    plan: Plan
    entry: Entry
    role: str
    via: str | None = None  # the group or predecessor name the item names, when not the agency itself
    inherited: bool = False  # reached through a predecessor agency

    @property
    def how(self) -> str:
        """How the item was reached, in Vietnamese: `trực tiếp`, `qua nhóm "…"`, `kế thừa từ …`."""
        if self.inherited:
            return f"kế thừa từ {self.via}"
        if self.via:
            return f'qua nhóm "{self.via}"'
        return "trực tiếp"


def match_entries(
    plans: Iterable[Plan], agency: str | None, role: str = "any", *, direct_only: bool = False
) -> Iterator[Match]:
    """Leaf items of `plans` that concern `agency` in `role` (every leaf when agency is None).

    `direct_only` leaves out items reached through a group. Raises `CchcError` (exit 2) when
    the name resolves in none of the plans' registries.
    """
    from cchc.agencies.mentions import read_cells
    from cchc.agencies.registry import plan_registry
    from cchc.schedule.deadlines import item_due

    plans = list(plans)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    targets: dict[int, tuple[Agency, dict[str, str], dict[str, Agency]] | None] = {}
    first_error: CchcError | None = None

    def target(registry: Registry) -> tuple[Agency, dict[str, str], dict[str, Agency]] | None:
        nonlocal first_error
        if id(registry) not in targets:
            try:
                found = registry.resolve(agency or "")
            except CchcError as exc:
                first_error = first_error or exc
                targets[id(registry)] = None
                return None
            groups = {g.name: g.name for g in registry.groups_of(found)}
            preds = {p.name: p for p in registry.predecessors(found)}
            targets[id(registry)] = (found, groups, preds)
        return targets[id(registry)]

    resolved_any = False
    unlisted: list[Plan] = []  # plans whose registry does not know the name: matched by its own words
    for plan in plans:
        if agency is None:
            for entry in plan.leaves():
                yield Match(plan, entry, "lead")
            continue
        registry = plan_registry(plan)
        goal = target(registry)
        if goal is None:
            unlisted.append(plan)
            continue
        resolved_any = True
        found, groups, preds = goal
        for entry in plan.leaves():
            best: tuple[int, int, str, str | None, bool] | None = None
            for order, (which, cells) in enumerate((("lead", entry.lead), ("support", entry.support))):
                if role not in (which, "any") or not cells:
                    continue
                names = [m.agency for m in read_cells(cells, registry) if m.agency]
                match = _how(names, found, groups, preds, direct_only, functools.partial(item_due, plan, entry))
                if match is not None:
                    via, inherited = match
                    # A direct mention outranks a predecessor's, which outranks a group's: Sở Nội vụ named
                    # as coordinator of an item led by "Các sở, ban, ngành" coordinates it directly.
                    rank = (0 if via is None else 1 if inherited else 2, order, which, via, inherited)
                    best = rank if best is None or rank < best else best
            if best is not None:
                yield Match(plan, entry, best[2], best[3], best[4])
    if agency is not None and unlisted and first_error is not None and first_error.problems[0].code == "A001":
        # An agency no registry lists (`Hội Nông dân tỉnh`) is found by the text the plans write.
        from cchc.agencies.unlisted import unlisted_entries

        for plan in unlisted:
            for entry, which, _written in unlisted_entries(plan, agency, role):
                resolved_any = True
                yield Match(plan, entry, which)
    if agency is not None and not resolved_any and first_error is not None:
        raise first_error


def _how(
    names: list[str],
    target: Agency,
    groups: dict[str, str],
    preds: dict[str, Agency],
    direct_only: bool,
    due: Callable[[], date],
) -> tuple[str | None, bool] | None:
    """(via, inherited) when `names` concern the target, best reason first; None otherwise."""
    if target.name in names:
        return None, False
    for name in names:
        pred = preds.get(name)
        if pred is not None and pred.valid_to is not None and due() > pred.valid_to:
            return name, True
    # A group reaches the agency only while it exists (Sở TTTT is not in "Các sở" of 2026).
    if not direct_only and any(name in groups for name in names) and target.valid_on(due()):
        return next(name for name in names if name in groups), False
    return None


def _plan_registry(plan: Plan) -> Registry:
    from cchc.agencies.registry import plan_registry

    return plan_registry(plan)


def resolve_agency(plans: Iterable[Plan], text: str) -> tuple[str, str | None]:
    """The registry's name for `text` (else `text`), and a note when that agency has ended.

    The note names its successors ("nay là …") so a user asking for Sở Thông tin và Truyền thông
    in 2025 learns where its work went.
    """
    from cchc.errors import CchcError

    plans = list(plans)
    for plan in plans:
        registry = _plan_registry(plan)
        try:
            agency = registry.resolve(text)
        except CchcError:
            continue
        return agency.name, registry.ended_note(agency)
    from cchc.agencies.unlisted import written_name

    written = written_name(plans, text)
    if written is not None:
        return written, (
            f"{written} không có trong danh mục cơ quan (not in the agency registry): "
            "tìm theo chữ ghi trong kế hoạch; thêm vào agencies.yaml để tìm cả qua nhóm"
        )
    return text, None


def agency_names(plans: Iterable[Plan], text: str) -> dict[str, str]:
    """The registry's name of agency `text` in each province of `plans` (provinces where it resolves).

    Two provinces' `Sở Tư pháp` are two bodies with one name: the caller says so when it shows both.
    """
    from cchc.errors import CchcError

    names: dict[str, str] = {}
    for plan in plans:
        if plan.meta.province in names:
            continue
        try:
            names[plan.meta.province] = _plan_registry(plan).resolve(text).name
        except CchcError:
            continue
    return names
