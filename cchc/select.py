"""Which items concern an agency: the matching behind every `--agency` option.

`match_entries` is the one place commands ask "does this item concern agency X, and how?".
It matches agency names by their fold key (`cchc.text.fold`), so `so tu phap` finds `Sở Tư pháp`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cchc.model import Entry, Plan
from cchc.text import fold

ROLES = ("lead", "support", "any")


@dataclass(frozen=True, slots=True)
class Match:
    """An item that concerns the agency: as `lead` or `support`, directly or `via` a group."""

    plan: Plan
    entry: Entry
    role: str
    via: str | None = None  # the group or predecessor name the item names, when not the agency itself
    inherited: bool = False  # reached through a predecessor agency


def match_entries(plans: Iterable[Plan], agency: str | None, role: str = "any") -> Iterator[Match]:
    """Leaf items of `plans` that concern `agency` in `role` (every leaf when agency is None)."""
    key = fold(agency) if agency else None
    for plan in plans:
        for entry in plan.leaves():
            if key is None:
                yield Match(plan, entry, "lead")
                continue
            if role in ("lead", "any") and any(fold(n) == key for n in entry.lead):
                yield Match(plan, entry, "lead")
            elif role in ("support", "any") and any(fold(n) == key for n in entry.support):
                yield Match(plan, entry, "support")
