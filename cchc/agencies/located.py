"""Agency mentions with their place in the plan file, for the agency checks (A1xx).

Each item that writes its own `lead`/`support` is visited once (children that inherit a merged
cell are not reported again). A mention is located at the list entry that holds it: the
model knows where the list starts; the entry is found on the following lines of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.agencies.mentions import Mention, read_cell
from cchc.agencies.registry import Registry, for_issuer, registry_for
from cchc.agencies.timing import item_due
from cchc.errors import Loc
from cchc.memo import last_call
from cchc.model import Entry, Plan
from cchc.record import record

FIELDS = ("lead", "support")


@record
class Located:
    entry: Entry
    field: str
    cell: str
    mention: Mention
    loc: Loc


def registry_of(plan: Plan, ctx: Any) -> Registry:
    """The registry the validator passed in its context, else the one beside the plan, as the
    plan's issuer reads it (a commune's `UBND xã` is its own committee)."""
    given = getattr(ctx, "registry", None)
    return for_issuer(given if isinstance(given, Registry) else registry_for(plan.path), plan)


@lru_cache(maxsize=16)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def cell_locs(start: Loc, cells: tuple[str, ...]) -> list[Loc]:
    """Where each list entry is: searched in order on the lines from the list's start."""
    lines = _lines(start.file)
    out: list[Loc] = []
    number = max(start.line, 1)
    last = min(len(lines), start.line + 400)
    for cell in cells:
        first = cell.split("\n", 1)[0][:40].strip()
        loc = start
        for at in range(number, last + 1):
            col = lines[at - 1].find(first) if first else -1
            if col >= 0:
                loc = Loc(start.file, at, col + 1)
                number = at + 1
                break
        out.append(loc)
    return out


@last_call
def own_cells(plan: Plan, registry: Registry) -> tuple[Located, ...]:
    """Every mention in a lead/support list an item writes itself (several checks ask; read once)."""
    return tuple(_own_cells(plan, registry))


def _own_cells(plan: Plan, registry: Registry) -> Iterator[Located]:
    for entry in plan.entries():
        for name in FIELDS:
            cells = getattr(entry.item, name)
            if not cells:
                continue
            for cell, loc in zip(cells, cell_locs(entry.item.where(name), cells), strict=True):
                for mention in read_cell(cell, registry):
                    yield Located(entry, name, cell, mention, loc)


class LatestDue:
    """The latest due date among the leaves an item's responsibility applies to.

    For a leaf, its own due date; for a parent (a merged cell), the latest of its leaves'.
    The parents' dates are computed in one pass over the plan, on first need.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._parents: dict[str, date] | None = None

    def __call__(self, entry: Entry) -> date:
        if entry.is_leaf:
            return item_due(self.plan, entry)
        if self._parents is None:
            self._parents = {}
            for leaf in self.plan.leaves():
                due = item_due(self.plan, leaf)
                for ancestor in leaf.ancestors:
                    known = self._parents.get(ancestor.id)
                    if known is None or due > known:
                        self._parents[ancestor.id] = due
        return self._parents.get(entry.item.id) or item_due(self.plan, entry)
