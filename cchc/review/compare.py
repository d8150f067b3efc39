"""What changed between two versions of a plan, item by item, in terms a reviewer reads.

`diff_plans(old, new)` returns `Change` values; presenters (`cchc.review.view`) turn them into
terminal text, Markdown or JSON. Items are matched by `id` (never by number or position), so
a renumbering is a renumbering and not a removal plus an addition. Sections are matched by
their `id`, then by the same title, then by their number path (`II/A`), so inserting a section
renumbers the ones after it instead of moving all their items.

Order is stable: plan metadata and annex first, then sections and items in the document
order of the new plan; a removed section or item sits at its old place (right after the
nearest node before it that still exists).

Inherited fields (`lead`, `support`, `due`, … written once on a parent for a merged cell)
are compared as they *apply* (`Entry.value`), so a change on a parent reaches every item it
concerns. It is reported once, on the highest item whose effective value changed, and the
descendants that received the same change are listed in `Change.affects` instead of being
repeated. A child that moved under another parent, or that sets its own value, gets its own
change. Added, removed or moved subtrees are reported once, at their root, with the
descendants in `affects` too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc.errors import Loc
from cchc.plan.model import Entry, Item, Occurrence, Plan, Progress, Section
from cchc.record import record, replace
from cchc.text import fold

#: Change kinds, in the vocabulary of docs/review.md and the JSON output.
KINDS = (
    "meta",  # a plan metadata field (number, date, title, period …)
    "annex",  # annex title, subtitle or columns
    "section_added",
    "section_removed",
    "section_renamed",  # title (or number, or note) of a matched section changed
    "added",
    "removed",
    "moved",  # to another section or under another parent
    "renumbered",  # the displayed number (TT) changed
    "time",  # due/start wording or date override; with both readings and the shift in days
    "agencies",  # lead/support: agencies added and removed
    "progress",  # tracking state, done date, evidence, note
    "text",  # wording of a text field, with word-level segments
    "field",  # any other field (kind, event_date, repairs, source …)
)

#: Word-diff segment operations.
SAME, DELETED, INSERTED = "=", "-", "+"

_AGENCIES = ("lead", "support")
#: Inherited fields compared as they apply, in the order of `cchc.plan.spec`; a time text and its
#: date override form one group (either changing moves the date).
_INHERITED_GROUPS = (("output",), ("lead",), ("support",), ("start", "start_date"), ("due", "due_date"), ("funding",))
_OWN_TEXT = ("text", "note")


@record
class Change:
    """One difference between two versions of a plan."""

    kind: str
    #: Item id, section key (`II/A`), `plan` or `annex`.
    target: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    #: How a reader recognises the target: number and the start of its text.
    label: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    old_date: date | None = None
    new_date: date | None = None
    #: New date minus old date, in calendar days (positive: later).
    shift_days: int | None = None
    #: Word-level edit of a text field: (`=`|`-`|`+`, text) segments.
    words: tuple[tuple[str, str], ...] = ()
    #: More facts for a reader (an added or removed item's lead, coordination and time).
    detail: str = ""
    #: Descendant items that received the same change (inherited value, added/removed subtree).
    affects: tuple[str, ...] = ()
    #: Where the change is: in the new file, or in the old one for removals.
    loc: Loc | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; empty fields are left out (docs/review.md lists the keys)."""
        out: dict[str, Any] = {"kind": self.kind, "target": self.target}
        for name in ("field", "label", "old", "new", "detail"):
            value = getattr(self, name)
            if value:
                out[name] = value
        for name in ("added", "removed", "affects"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        if self.old_date or self.new_date:
            out["old_date"] = self.old_date.isoformat() if self.old_date else None
            out["new_date"] = self.new_date.isoformat() if self.new_date else None
        if self.shift_days is not None:
            out["shift_days"] = self.shift_days
        if self.words:
            out["words"] = [list(w) for w in self.words]
        if self.loc is not None:
            out["loc"] = str(self.loc)
        return out


@record
class FileDiff:
    """The changes of one plan file; `old_name`/`new_name` are None when it is absent on that side."""

    path: str
    old_name: str | None
    new_name: str | None
    changes: tuple[Change, ...]
    title: str = ""

    @property
    def status(self) -> str:
        if self.old_name is None:
            return "added"
        if self.new_name is None:
            return "removed"
        return "modified" if self.changes else "unchanged"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "old": self.old_name,
            "new": self.new_name,
            "changes": [c.to_json() for c in self.changes],
        }


# --- time -------------------------------------------------------------------------------------


def reading_date(text: str | None, override: date | None, *, year: int | None, start: bool = False) -> date | None:
    """The date a time text means (its due date, or its start date with `start`); an override wins.

    The reading comes from `cchc.schedule.timeexpr` (imported here: only time changes need it).
    """
    if override is not None:
        return override
    if not text:
        return None
    from cchc.schedule.timeexpr import parse_time

    reading = parse_time(text, year=year)
    value = reading.start if start else reading.due
    return value if isinstance(value, date) else None


def shift_days(old: date | None, new: date | None) -> int | None:
    """Calendar days from the old date to the new one; None unless both are known."""
    if old is None or new is None:
        return None
    return (new - old).days


# --- words ------------------------------------------------------------------------------------


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level segments turning `old` into `new`: runs of kept, deleted and inserted words."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []

    def push(op: str, words: list[str]) -> None:
        if not words:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + " " + " ".join(words))
        else:
            out.append((op, " ".join(words)))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push(SAME, a[i1:i2])
        else:
            push(DELETED, a[i1:i2])
            push(INSERTED, b[j1:j2])
    return tuple(out)


# --- plan structure ---------------------------------------------------------------------------


def section_key(path: tuple[Section, ...]) -> str:
    """A section's identity: its id, else the numbers from the top (`II/A`)."""
    last = path[-1]
    return last.id or "/".join(s.number for s in path)


def section_label(path: tuple[Section, ...]) -> str:
    return ".".join(s.number for s in path) + ". " + path[-1].title


def short(text: str | None, width: int = 60) -> str:
    """The first words of a text, on one line, cut at a word boundary."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[:width].rsplit(" ", 1)[0]
    return cut + "…"


def item_label(item: Item) -> str:
    parts = [p for p in (f"[{item.number}]" if item.number else "", short(item.text)) if p]
    return " ".join(parts)


def place(entry: Entry) -> str:
    """Where an item sits: section numbers, then its parent's id (`II.A › II-A-1`)."""
    where = ".".join(s.number for s in entry.sections)
    if entry.ancestors:
        where += " › " + entry.ancestors[-1].id
    return where


def keyed_sections(plan: Plan | None) -> dict[str, tuple[Section, ...]]:
    """Every section by its key, in document order; a repeated key (a duplicated number) gets `#2`, `#3` …"""
    out: dict[str, tuple[Section, ...]] = {}
    if plan is None:
        return out
    for path in plan.all_sections():
        key = base = section_key(path)
        n = 1
        while key in out:
            n += 1
            key = f"{base}#{n}"
        out[key] = path
    return out


@record
class SectionMatch:
    """Sections of two versions paired: by `id`, then by the same title, then by number path.

    Matching by title first keeps a section that was renumbered (a section inserted before it)
    the same section, so its items do not all look moved.
    """

    old: dict[str, tuple[Section, ...]]
    new: dict[str, tuple[Section, ...]]
    #: Old key → new key of every matched section.
    pairs: dict[str, str]

    @classmethod
    def of(cls, old: Plan | None, new: Plan | None) -> SectionMatch:
        before, after = keyed_sections(old), keyed_sections(new)
        pairs: dict[str, str] = {}

        def pair_by(attr: Callable[[tuple[Section, ...]], str | None]) -> None:
            free_new: dict[str, list[str]] = {}
            for key, path in after.items():
                value = attr(path)
                if value and key not in pairs.values():
                    free_new.setdefault(value, []).append(key)
            free_old: dict[str, list[str]] = {}
            for key, path in before.items():
                value = attr(path)
                if value and key not in pairs:
                    free_old.setdefault(value, []).append(key)
            for value, keys in free_old.items():
                # Only an unambiguous pair: one section on each side with this value.
                if len(keys) == 1 and len(free_new.get(value, ())) == 1:
                    pairs[keys[0]] = free_new[value][0]

        pair_by(lambda path: path[-1].id)
        pair_by(lambda path: fold(path[-1].title))
        for key in before:
            if key not in pairs and key in after and key not in pairs.values():
                pairs[key] = key
        return cls(before, after, pairs)

    def old_node(self, key: str) -> str:
        """Ordering node of an old section: its new key when matched (`s:`), else its own (`s~`)."""
        return "s:" + self.pairs[key] if key in self.pairs else "s~" + key

    def identity(self, plan_side: str, entry: Entry) -> str:
        """The section an item sits in, as one name for both versions."""
        sections = self.old if plan_side == "old" else self.new
        target = entry.sections[-1] if entry.sections else None
        key = next((k for k, path in sections.items() if path[-1] is target), "")
        return self.old_node(key) if plan_side == "old" else "s:" + key


def _nodes(plan: Plan | None, node: Callable[[str], str]) -> list[str]:
    """Sections and items in document order, as ordering keys (`s:II/A`, `i:I-1`)."""
    out: list[str] = []

    def items(seq: tuple[Item, ...]) -> None:
        for item in seq:
            out.append("i:" + item.id)
            items(item.items)

    for key, path in keyed_sections(plan).items():
        out.append(node(key))
        items(path[-1].items)
    return out


def _order(old: Plan | None, new: Plan | None, match: SectionMatch) -> Callable[[str], tuple[int, int, int]]:
    """Sort key of a node: its place in the new plan, or right after its old predecessor."""
    new_index = {key: i for i, key in enumerate(_nodes(new, lambda k: "s:" + k))}
    after: dict[str, tuple[int, int, int]] = {}
    anchor = -1
    for i, key in enumerate(_nodes(old, match.old_node)):
        if key in new_index:
            anchor = new_index[key]
        else:
            after[key] = (anchor, 1, i)

    def sort_key(node: str) -> tuple[int, int, int]:
        if node in new_index:
            return (new_index[node], 0, 0)
        return after.get(node, (-1, 0, 0))

    return sort_key


# --- comparing --------------------------------------------------------------------------------


@dataclass
class _Collector:
    """Changes with the node each belongs to; `affects` grows as descendants are folded in."""

    rows: list[tuple[str, Change]] = field(default_factory=list)
    affects: dict[int, list[str]] = field(default_factory=dict)

    def add(self, node: str, change: Change) -> int:
        self.rows.append((node, change))
        return len(self.rows) - 1

    def fold(self, index: int, item_id: str) -> None:
        self.affects.setdefault(index, []).append(item_id)

    def result(self, order: Callable[[str], tuple[int, int, int]]) -> list[Change]:
        rows = [
            (node, replace(c, affects=tuple(self.affects[i])) if i in self.affects else c)
            for i, (node, c) in enumerate(self.rows)
        ]
        # Plan and annex rows have no node and come first; sorted() is stable within a node.
        rows.sort(key=lambda r: order(r[0]) if r[0] else (-2, 0, 0))
        return [c for _, c in rows]


def diff_plans(old: Plan | None, new: Plan | None) -> list[Change]:
    """Every change from `old` to `new` (either may be None: a file added or removed)."""
    out = _Collector()
    match = SectionMatch.of(old, new)
    if old is not None and new is not None:
        _diff_meta(old, new, out)
        _diff_annex(old, new, out)
    _diff_sections(match, out)
    _diff_items(old, new, match, out)
    return out.result(_order(old, new, match))


def _text(value: object) -> str | None:
    """A field value as display text (lists joined with `; `, dates ISO, booleans có/không)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _diff_meta(old: Plan, new: Plan, out: _Collector) -> None:
    a, b = old.meta, new.meta
    for name in ("issuer", "issuer_level", "province", "kind", "number", "date", "title", "period", "signer"):
        va, vb = getattr(a, name), getattr(b, name)
        if name == "period":
            va, vb = f"{va.start}–{va.end}", f"{vb.start}–{vb.end}"
        if va != vb:
            out.add(
                "", Change("meta", "plan", f"plan.{name}", _text(va), _text(vb), loc=b.where(name) if vb else b.loc)
            )


def _diff_annex(old: Plan, new: Plan, out: _Collector) -> None:
    a, b = old.annex, new.annex
    for name in ("title", "subtitle", "column_numbers"):
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            out.add("", Change("annex", "annex", f"annex.{name}", _text(va), _text(vb), loc=b.where(name)))
    cols_a = {c.key: c.label for c in a.columns}
    cols_b = {c.key: c.label for c in b.columns}
    loc = b.where("columns")
    added = tuple(f"{k}: {v}" for k, v in cols_b.items() if k not in cols_a)
    removed = tuple(f"{k}: {v}" for k, v in cols_a.items() if k not in cols_b)
    if added or removed:
        out.add("", Change("annex", "annex", "annex.columns", added=added, removed=removed, loc=loc))
    for key in (k for k in cols_b if k in cols_a and cols_a[k] != cols_b[k]):
        out.add("", Change("annex", "annex", f"annex.columns.{key}", cols_a[key], cols_b[key], loc=loc))
    order_a = [k for k in a.keys if k in cols_b]
    order_b = [k for k in b.keys if k in cols_a]
    if order_a != order_b:
        out.add("", Change("annex", "annex", "annex.columns.order", ", ".join(order_a), ", ".join(order_b), loc=loc))


def _diff_sections(match: SectionMatch, out: _Collector) -> None:
    matched_old = {new_key: old_key for old_key, new_key in match.pairs.items()}
    for key, path in match.new.items():
        sec = path[-1]
        node = "s:" + key
        if key not in matched_old:
            out.add(node, Change("section_added", key, new=sec.title, label=section_label(path), loc=sec.loc))
            continue
        prev = match.old[matched_old[key]][-1]
        for name in ("number", "title", "note"):
            va, vb = getattr(prev, name), getattr(sec, name)
            if va != vb:
                words = word_diff(va, vb) if name == "title" and va and vb else ()
                change = Change("section_renamed", key, name, va, vb, section_label(path), words=words)
                out.add(node, replace(change, loc=sec.where(name)))
    for key, path in match.old.items():
        if key not in match.pairs:
            sec = path[-1]
            change = Change("section_removed", key, old=sec.title, label=section_label(path), loc=sec.loc)
            out.add(match.old_node(key), change)


def _entries(plan: Plan | None) -> dict[str, Entry]:
    return {e.item.id: e for e in plan.entries()} if plan is not None else {}


def _diff_items(old: Plan | None, new: Plan | None, match: SectionMatch, out: _Collector) -> None:
    before, after = _entries(old), _entries(new)
    # The year a time text without one refers to, as `cchc due` reads it.
    from cchc.schedule.deadlines import plan_year

    years = (plan_year(old) if old else None, plan_year(new) if new else None)
    _added_removed(after, before, "added", out)
    _added_removed(before, after, "removed", out)
    # Per inherited field: item id → (collector row, old value, new value) of the change it shows.
    shown: dict[str, dict[str, tuple[int, object, object]]] = {}
    moved: dict[str, int] = {}
    for item_id, b in after.items():
        a = before.get(item_id)
        if a is None:
            continue
        node = "i:" + item_id
        label = item_label(b.item)
        parent_a = a.ancestors[-1].id if a.ancestors else None
        parent_b = b.ancestors[-1].id if b.ancestors else None
        if (match.identity("old", a), parent_a) != (match.identity("new", b), parent_b):
            # A child that moved with its parent is part of the parent's move.
            if parent_b is not None and parent_a == parent_b and parent_b in moved:
                moved[item_id] = moved[parent_b]
                out.fold(moved[parent_b], item_id)
            else:
                change = Change("moved", item_id, None, place(a), place(b), label, loc=b.item.loc)
                moved[item_id] = out.add(node, change)
        if a.item.number != b.item.number:
            change = Change("renumbered", item_id, "number", a.item.number, b.item.number, label)
            out.add(node, replace(change, loc=b.item.where("number")))
        for name in _OWN_TEXT:
            _text_change(node, item_id, name, getattr(a.item, name), getattr(b.item, name), label, b.item, out)
        for name, mapping in (("extra", a.item.extra), ("source", a.item.source)):
            _mapping_changes(node, item_id, name, mapping, getattr(b.item, name), label, b.item, out)
        for name in ("kind", "event_date"):
            va, vb = getattr(a.item, name), getattr(b.item, name)
            if va != vb:
                out.add(node, Change("field", item_id, name, _text(va), _text(vb), label, loc=b.item.where(name)))
        if a.item.repairs != b.item.repairs:
            # Importer notes are a list: the entries added and dropped read better than two long texts.
            added = tuple(r for r in b.item.repairs if r not in a.item.repairs)
            removed = tuple(r for r in a.item.repairs if r not in b.item.repairs)
            change = Change("field", item_id, "repairs", label=label, added=added, removed=removed)
            out.add(node, replace(change, loc=b.item.where("repairs")))
        _progress(node, item_id, a.item.progress, b.item.progress, label, b.item, out)
        for group in _INHERITED_GROUPS:
            va = tuple(a.value(n) for n in group)
            vb = tuple(b.value(n) for n in group)
            if va == vb:
                continue
            seen = shown.setdefault(group[0], {})
            parent = b.ancestors[-1].id if b.ancestors else None
            prior = seen.get(parent) if parent else None
            if prior is not None and prior[1:] == (va, vb):
                out.fold(prior[0], item_id)
                seen[item_id] = prior
                continue
            owner = b.owner(group[0]) or b.item
            index = out.add(node, _inherited_change(group, va, vb, years, label, item_id, owner))
            seen[item_id] = (index, va, vb)


def _added_removed(present: dict[str, Entry], other: dict[str, Entry], kind: str, out: _Collector) -> None:
    """Items only on one side; a subtree is one change at its root with the rest in `affects`."""
    roots: dict[str, int] = {}
    for item_id, entry in present.items():
        if item_id in other:
            continue
        parent = entry.ancestors[-1].id if entry.ancestors else None
        if parent in roots:
            roots[item_id] = roots[parent]
            out.fold(roots[parent], item_id)
            continue
        text = entry.item.text
        facts = "; ".join(
            f"{label}: {value}"
            for label, value in (
                ("chủ trì", _text(entry.lead)),
                ("phối hợp", _text(entry.support)),
                ("hạn", entry.due),
            )
            if value
        )
        old, new = (text, None) if kind == "removed" else (None, text)
        change = Change(kind, item_id, place(entry), old, new, item_label(entry.item), detail=facts, loc=entry.item.loc)
        roots[item_id] = out.add("i:" + item_id, change)


def _text_change(
    node: str, item_id: str, name: str, va: str | None, vb: str | None, label: str, where: Item, out: _Collector
) -> None:
    if va == vb:
        return
    words = word_diff(va, vb) if va and vb else ()
    out.add(node, Change("text", item_id, name, va, vb, label, words=words, loc=where.where(name)))


def _mapping_changes(
    node: str,
    item_id: str,
    name: str,
    va: Mapping[str, str],
    vb: Mapping[str, str],
    label: str,
    where: Item,
    out: _Collector,
) -> None:
    for key in [*vb, *(k for k in va if k not in vb)]:
        if va.get(key) != vb.get(key):
            kind = "text" if name == "extra" else "field"
            old, new = va.get(key), vb.get(key)
            words = word_diff(old, new) if old and new and kind == "text" else ()
            out.add(node, Change(kind, item_id, f"{name}.{key}", old, new, label, words=words, loc=where.where(name)))


def _progress(
    node: str, item_id: str, pa: Progress | None, pb: Progress | None, label: str, where: Item, out: _Collector
) -> None:
    for name in ("status", "done_date", "evidence", "note"):
        va = getattr(pa, name) if pa else None
        vb = getattr(pb, name) if pb else None
        if va != vb:
            loc = pb.where(name) if pb else where.where("progress")
            out.add(node, Change("progress", item_id, f"progress.{name}", _text(va), _text(vb), label, loc=loc))
    # Recurring items: one completion per occurrence (`progress.occurrences`, keyed by period).
    oa = pa.occurrences if pa else {}
    ob = pb.occurrences if pb else {}
    for key in sorted(set(oa) | set(ob)):
        ta, tb = _occurrence_text(oa.get(key)), _occurrence_text(ob.get(key))
        if ta != tb:
            occ = ob.get(key)
            loc = occ.loc if occ is not None else (pb.where("occurrences") if pb else where.where("progress"))
            out.add(node, Change("progress", item_id, f"progress.occurrences.{key}", ta, tb, label, loc=loc))


def _occurrence_text(occ: Occurrence | None) -> str | None:
    """`2024-03-29 (Báo cáo tháng 3)` — an occurrence's completion as one value."""
    if occ is None:
        return None
    text = occ.done_date.isoformat()
    extra = "; ".join(v for v in (occ.evidence, occ.note) if v)
    return f"{text} ({extra})" if extra else text


def _inherited_change(
    group: tuple[str, ...],
    va: tuple[object, ...],
    vb: tuple[object, ...],
    years: tuple[int | None, int | None],
    label: str,
    item_id: str,
    owner: Item,
) -> Change:
    name = group[0]
    loc = owner.where(name)
    if name in _AGENCIES:
        la = va[0] if isinstance(va[0], tuple) else ()
        lb = vb[0] if isinstance(vb[0], tuple) else ()
        added = tuple(x for x in lb if x not in la)
        removed = tuple(x for x in la if x not in lb)
        return Change("agencies", item_id, name, _text(la), _text(lb), label, added, removed, loc=loc)
    if len(group) == 1:
        ta, tb = _text(va[0]), _text(vb[0])
        words = word_diff(ta, tb) if ta and tb else ()
        return Change("text", item_id, name, ta, tb, label, words=words, loc=loc)
    text_a, text_b = (v if isinstance(v, str) else None for v in (va[0], vb[0]))
    over_a, over_b = (v if isinstance(v, date) else None for v in (va[1], vb[1]))
    is_start = name == "start"
    da = reading_date(text_a, over_a, year=years[0], start=is_start)
    db = reading_date(text_b, over_b, year=years[1], start=is_start)
    return Change(
        "time", item_id, name, text_a, text_b, label, old_date=da, new_date=db, shift_days=shift_days(da, db), loc=loc
    )
