"""Agency mentions with their place in the plan file, for the agency checks (A1xx).

Each item that writes its own `lead`/`support` is visited once (children that inherit a merged
cell are not reported again). A mention is located at the list entry that holds it: the
model knows where the list starts; the entry is found on the following lines of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc.agencies.mentions import Mention, read_cell
from cchc.agencies.registry import Registry
from cchc.errors import Loc
from cchc.plan.model import Entry, Node, Plan
from cchc.record import record
from cchc.schedule.deadlines import item_due

FIELDS = ("lead", "support")


@record
class Located:
    entry: Entry
    field: str
    cell: str
    mention: Mention
    loc: Loc


def cell_locs(owner: Node, name: str, cells: tuple[str, ...]) -> list[Loc]:
    """Where each entry of `owner`'s list `name` is written (the loader records every entry's place)."""
    return [owner.field_locs.get(f"{name}.{i}", owner.where(name)) for i in range(len(cells))]


def own_cells(plan: Plan, registry: Registry) -> Iterator[Located]:
    """Every mention in a lead/support list an item writes itself (inheriting children are not visited)."""
    for entry in plan.entries():
        for name in FIELDS:
            cells = getattr(entry.item, name)
            if not cells:
                continue
            for cell, loc in zip(cells, cell_locs(entry.item, name, cells), strict=True):
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
