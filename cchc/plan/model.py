"""The typed, immutable plan model. Every object knows the file, line and column it came from.

Built by `cchc.plan.loader` from the format declared in `cchc.plan.spec` (field names match it).
`Plan.entries()` walks the tree and resolves what merged cells mean: responsibility written
once on a parent applies to every child that does not set its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from cchc.errors import Loc
from cchc.record import field, record

#: Item fields that children inherit from their parent when they do not set them.
INHERITED = ("output", "lead", "support", "start", "due", "funding", "due_date", "start_date", "event_date")


@record
class Node:
    """Base of every model object: where it is, and where each of its fields is."""

    loc: Loc
    field_locs: Mapping[str, Loc]

    def where(self, name: str) -> Loc:
        """Location of field `name`'s value, or of the object when the field is absent."""
        return self.field_locs.get(name, self.loc)


@record
class Period(Node):
    start: int
    end: int


@record
class Meta(Node):
    title: str
    period: Period
    province: str = ""  # a ministry's plan has none
    issuer: str | None = None
    issuer_level: str | None = None  # None: a province's (or centrally-run city's) plan
    kind: str | None = None
    number: str | None = None
    date: date | None = None
    signer: str | None = None


@record
class Column(Node):
    key: str
    label: str


@record
class Annex(Node):
    title: str
    columns: tuple[Column, ...]
    subtitle: str | None = None
    column_numbers: bool | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def text_column(self, kind: str | None) -> str | None:
        """The column key an item's `text` is shown in: its kind, else the first text column."""
        keys = self.keys
        if kind and kind in keys:
            return kind
        for key in ("objective", "task", "activity"):
            if key in keys:
                return key
        return None


@record
class Occurrence(Node):
    """One completed occurrence of a recurring item (`progress.occurrences`)."""

    done_date: date
    evidence: str | None = None
    note: str | None = None


@record
class Progress(Node):
    status: str
    done_date: date | None = None
    evidence: str | None = None
    note: str | None = None
    #: Recurring items: completed occurrences by period key (`2025-03`, `2025-Q2`, `2025`).
    occurrences: Mapping[str, Occurrence] = field(default_factory=dict)


@record
class Item(Node):
    id: str
    number: str | None = None
    kind: str | None = None
    text: str | None = None
    output: str | None = None
    lead: tuple[str, ...] | None = None
    support: tuple[str, ...] | None = None
    start: str | None = None
    due: str | None = None
    funding: str | None = None
    note: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    source: Mapping[str, str] = field(default_factory=dict)
    repairs: tuple[str, ...] = ()
    due_date: date | None = None
    start_date: date | None = None
    event_date: date | None = None
    progress: Progress | None = None
    items: tuple[Item, ...] = ()


@record
class Section(Node):
    number: str
    title: str
    id: str | None = None
    note: str | None = None
    sections: tuple[Section, ...] = ()
    items: tuple[Item, ...] = ()


@record
class Entry:
    """An item in context: its sections and ancestors, with inherited fields resolved."""

    item: Item
    sections: tuple[Section, ...]
    ancestors: tuple[Item, ...]

    def _inherited(self, name: str) -> tuple[object, Item | None]:
        for node in (self.item, *reversed(self.ancestors)):
            value = getattr(node, name)
            if value is not None:
                return value, node
        return None, None

    def value(self, name: str) -> object:
        """Field `name` as it applies to this item (own value, else the nearest ancestor's)."""
        return self._inherited(name)[0]

    def owner(self, name: str) -> Item | None:
        """The item that actually sets field `name` for this one (itself or an ancestor)."""
        return self._inherited(name)[1]

    @property
    def lead(self) -> tuple[str, ...]:
        value = self.value("lead")
        return value if isinstance(value, tuple) else ()

    @property
    def support(self) -> tuple[str, ...]:
        value = self.value("support")
        return value if isinstance(value, tuple) else ()

    @property
    def start(self) -> str | None:
        value = self.value("start")
        return value if isinstance(value, str) else None

    @property
    def due(self) -> str | None:
        value = self.value("due")
        return value if isinstance(value, str) else None

    @property
    def is_leaf(self) -> bool:
        return not self.item.items

    @property
    def number(self) -> str:
        """The displayed number of the item, else of its nearest numbered ancestor."""
        for node in (self.item, *reversed(self.ancestors)):
            if node.number:
                return node.number
        return ""

    @property
    def section(self) -> Section | None:
        return self.sections[-1] if self.sections else None


@record
class Plan(Node):
    path: str
    format: str
    meta: Meta
    annex: Annex
    sections: tuple[Section, ...]
    _ids: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)
    #: What is derived from this plan once and asked again (its entries: each check of `validate`
    #: walks them). Kept on the plan itself, so it lives and dies with it; empty when the loader
    #: stores a freshly built plan in the cache.
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def entries(self) -> Iterator[Entry]:
        """Every item in document order, parents before their children (built once per plan)."""
        found = self._derived.get("entries")
        if found is None:
            found = self._derived["entries"] = _entries(self)
        return iter(found)

    def leaves(self) -> Iterator[Entry]:
        """Items without children: the rows that carry work (and deadlines)."""
        return (e for e in self.entries() if e.is_leaf)

    def all_sections(self) -> Iterator[tuple[Section, ...]]:
        """Every section as its path from the top, in document order."""

        def walk(sections: tuple[Section, ...], trail: tuple[Section, ...]) -> Iterator[tuple[Section, ...]]:
            for sec in sections:
                path = (*trail, sec)
                yield path
                yield from walk(sec.sections, path)

        return walk(self.sections, ())

    def item(self, item_id: str) -> Item | None:
        if not self._ids:
            for entry in self.entries():
                self._ids.setdefault(entry.item.id, entry.item)
        return self._ids.get(item_id)

    def entry(self, item_id: str) -> Entry | None:
        return next((e for e in self.entries() if e.item.id == item_id), None)

    @property
    def name(self) -> str:
        """Short display name: `Tuyên Quang 2024` or `Tuyên Quang 2025–2030`."""
        p = self.meta.period
        years = str(p.start) if p.start == p.end else f"{p.start}–{p.end}"
        return f"{self.meta.province or self.meta.issuer or ''} {years}".strip()


def _entries(plan: Plan) -> tuple[Entry, ...]:

    def walk_items(items: tuple[Item, ...], secs: tuple[Section, ...], anc: tuple[Item, ...]) -> Iterator[Entry]:
        for item in items:
            yield Entry(item, secs, anc)
            yield from walk_items(item.items, secs, (*anc, item))

    def walk(sections: tuple[Section, ...], trail: tuple[Section, ...]) -> Iterator[Entry]:
        for sec in sections:
            path = (*trail, sec)
            yield from walk_items(sec.items, path, ())
            yield from walk(sec.sections, path)

    return tuple(walk(plan.sections, ()))
