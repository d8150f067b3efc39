"""Agencies the registry does not know, found by their own words in the plans.

A plan names bodies no registry lists (`Hội Nông dân tỉnh`, `Phòng Cải cách hành chính` in a
department's plan). `cchc tasks --agency "Hoi Nong dan tinh"` must still list their rows: the typed
name is compared, by its fold key (`cchc.agencies.normalize.key`), with the text of every mention
the registry could not read — as whole words, so `Hội Nông dân` finds `Hội Nông dân tỉnh` and
`Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh`, never `Hội Nông dân tỉnh X` inside another word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cchc.agencies.mentions import read_cell
from cchc.agencies.normalize import key
from cchc.agencies.registry import plan_registry
from cchc.plan.model import Entry, Plan

ROLES = ("lead", "support")


def _names(text: str, wanted: str) -> bool:
    return bool(wanted) and f" {wanted} " in f" {key(text)} "


def unlisted_entries(plan: Plan, typed: str, role: str = "any") -> Iterator[tuple[Entry, str, str]]:
    """(leaf, role, the text as written) for every leaf of `plan` whose lead or coordination cell
    names `typed` in text the registry does not know; lead before coordination."""
    wanted = key(typed)
    registry = plan_registry(plan)
    for entry in plan.leaves():
        for which in ROLES:
            if role not in (which, "any"):
                continue
            cells = entry.lead if which == "lead" else entry.support
            written = next(
                (
                    m.text
                    for cell in cells
                    for m in read_cell(cell, registry)
                    if not m.resolved and _names(m.text, wanted)
                ),
                None,
            )
            if written is not None:
                yield entry, which, written
                break


def written_name(plans: Iterable[Plan], typed: str) -> str | None:
    """How the plans write an unknown agency `typed` names (`Hội Nông dân tỉnh` for `hoi nong dan tinh`):
    the shortest text that names it, or None when no plan does."""
    found = {written for plan in plans for _entry, _role, written in unlisted_entries(plan, typed)}
    return min(found, key=lambda t: (len(t), t)) if found else None
