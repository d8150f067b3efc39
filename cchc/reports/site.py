"""What `cchc site` shows: the plans in force, each plan's annex rows, each agency's work and counts.

Plain data for `cchc.render.site` (which writes the HTML): nothing here knows HTML. Every date
question is asked of `cchc.schedule.deadlines` on the given `today`, and every "does this concern
the agency" of `cchc.agencies.match` (through `cchc.reports.due.due_report`), so the site says what
`cchc due` says.

- A plan is **in force** when `today`'s year is inside its period. The agency pages and the charts
  count the plans in force only (last year's plan is history, not today's work); every plan
  still gets its own page.
- An agency gets a page for each province whose plans in force name it directly in a lead or
  coordination cell (collectives like `Các sở, ban, ngành` do not get one; the items they
  name are on the page of each member, as `cchc due` lists them).
- The four national buckets (DOMAIN.md §5) are counted over the agency's deadlines as `cchc due
  --all` lists them; the **on-time share** is done-on-time over every deadline already due
  (done on time, done late, overdue), none when nothing is due yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cchc.plan.model import Entry, Plan, Section
from cchc.record import record
from cchc.reports.calendar import one_line, plan_key, slug
from cchc.reports.due import DueRow, due_report
from cchc.schedule.deadlines import BUCKETS, STATES, WITHIN_DAYS, classify, deadlines, time_text
from cchc.text import fold

#: The four national buckets, in the order the site shows them, with their Vietnamese names.
BUCKET_LABELS: dict[str, str] = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành trễ hạn",
    "not_done_in_time": "Chưa hoàn thành, còn hạn",
    "not_done_overdue": "Chưa hoàn thành, quá hạn",
}
DONE_STATES = ("done_on_time", "done_late", "done")
#: Not-done states, most pressing first: the state a row of the annex table shows.
_ORDER = {s: i for i, s in enumerate(STATES)}


@record
class AnnexRow:
    """One row of a plan's table: a section heading, a parent item (a group of rows) or a work item."""

    kind: str  # section | group | item
    level: int
    id: str
    number: str
    text: str
    output: str = ""
    lead: str = ""
    support: str = ""
    time: str = ""
    due: date | None = None
    state: str = ""
    key: str = ""  # folded text the page's filter searches (no diacritics)
    section: int = 0  # index of the section heading the row is under

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, "")


@record
class PlanPage:
    slug: str
    name: str
    title: str
    number: str
    issued: date | None
    path: str
    in_force: bool
    leaves: int
    counts: dict[str, int]  # by state, over every deadline of every item
    soon: int  # not-done deadlines due within the window
    rows: tuple[AnnexRow, ...]


@record
class AgencyItem:
    """One deadline on an agency's page."""

    plan: str
    plan_slug: str
    id: str
    number: str
    text: str
    role: str  # chủ trì / phối hợp, and how (qua nhóm …)
    time: str
    due: date | None
    days: int | None
    state: str
    done_date: date | None

    @property
    def state_label(self) -> str:
        return STATES[self.state]


@record
class AgencyPage:
    slug: str
    name: str
    province: str
    key: str  # folded name and province, for the search
    plans: tuple[str, ...]  # paths of the plans counted (the province's plans in force)
    buckets: dict[str, int]
    counts: dict[str, int]  # by state
    overdue: tuple[AgencyItem, ...]
    soon: tuple[AgencyItem, ...]  # not done, due within WITHIN_DAYS
    done: tuple[AgencyItem, ...]

    @property
    def due_so_far(self) -> int:
        b = self.buckets
        return b["done_on_time"] + b["done_late"] + b["not_done_overdue"]

    @property
    def on_time_share(self) -> float | None:
        total = self.due_so_far
        return self.buckets["done_on_time"] / total if total else None


@record
class Month:
    """Deadlines falling in one month of the year shown, done and not done."""

    year: int
    month: int
    done: int
    late: int  # day passed, no completion recorded
    open: int


@record
class Site:
    today: date
    window: int
    plans: tuple[PlanPage, ...]  # in force first, then the others; each by province and period
    agencies: tuple[AgencyPage, ...]  # by province, then name
    months: tuple[Month, ...]  # the twelve months of today's year

    @property
    def in_force(self) -> tuple[PlanPage, ...]:
        return tuple(p for p in self.plans if p.in_force)

    @property
    def others(self) -> tuple[PlanPage, ...]:
        return tuple(p for p in self.plans if not p.in_force)


def in_force(plan: Plan, today: date) -> bool:
    return plan.meta.period.start <= today.year <= plan.meta.period.end


def plan_slug(plan: Plan) -> str:
    return plan_key(plan).replace("/", "-")


def site_data(plans: Iterable[Plan], today: date, *, window: int = WITHIN_DAYS) -> Site:
    """Everything the site shows, on `today`, with `window` days of "due soon" on agency pages."""
    plans = sorted(plans, key=lambda p: (not in_force(p, today), fold(p.meta.province), p.meta.period.start, p.path))
    slugs = _unique([plan_slug(p) for p in plans])
    pages = tuple(_plan_page(p, s, today, window) for p, s in zip(plans, slugs, strict=True))
    current = [p for p in plans if in_force(p, today)]
    slug_of = {p.path: s for p, s in zip(plans, slugs, strict=True)}
    agencies = _agency_pages(current, slug_of, today, window)
    return Site(today, window, pages, agencies, _months(current, today))


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out


# ------------------------------------------------------------------ plan pages


def _plan_page(plan: Plan, page_slug: str, today: date, window: int) -> PlanPage:
    rows: list[AnnexRow] = []
    counts: dict[str, int] = {}
    leaves = soon = 0
    under: dict[int, list[Entry]] = {}
    for entry in plan.entries():
        under.setdefault(id(entry.section), []).append(entry)
    for path in plan.all_sections():
        sec = path[-1]
        index = len(rows)
        rows.append(_section_row(sec, len(path)))
        for entry in under.get(id(sec), ()):
            if not entry.is_leaf:
                text = one_line(entry.item.text)
                rows.append(AnnexRow("group", len(entry.ancestors), entry.item.id, entry.item.number or "", text,
                                     key=fold(text), section=index))  # fmt: skip
                continue
            leaves += 1
            states = [classify(dl, entry.item.progress, today) for dl in deadlines(entry, plan, today=today)]
            for status in states:
                counts[status.state] = counts.get(status.state, 0) + 1
                soon += _soon(status.state, status.days, window)
            first = min(states, key=lambda s: (_ORDER.get(s.state, 99), s.deadline.due or date.max), default=None)
            rows.append(_item_row(entry, first.state if first else "", first.deadline.due if first else None, index))
    return PlanPage(
        slug=page_slug,
        name=plan.name,
        title=one_line(plan.meta.title),
        number=one_line(plan.meta.number),
        issued=plan.meta.date,
        path=plan.path,
        in_force=in_force(plan, today),
        leaves=leaves,
        counts=counts,
        soon=soon,
        rows=tuple(rows),
    )


def _section_row(sec: Section, level: int) -> AnnexRow:
    text = one_line(sec.title)
    return AnnexRow("section", level, sec.id or "", one_line(sec.number), text, key=fold(text))


def _item_row(entry: Entry, state: str, due: date | None, section: int) -> AnnexRow:
    output = entry.value("output")
    lead = "; ".join(one_line(c) for c in entry.lead)
    support = "; ".join(one_line(c) for c in entry.support)
    text = one_line(entry.item.text)
    time = one_line(time_text(entry))
    return AnnexRow(
        "item",
        len(entry.ancestors),
        entry.item.id,
        entry.number,
        text,
        one_line(output if isinstance(output, str) else None),
        lead,
        support,
        time,
        due,
        state,
        fold(" ".join((entry.number, entry.item.id, text, lead, support, time))),
        section,
    )


# ------------------------------------------------------------------ agency pages


def named_agencies(plans: Iterable[Plan]) -> list[str]:
    """The agencies (not collectives) the plans name directly, by registry name, with the plans of their province."""
    from cchc.agencies.mentions import read_cells
    from cchc.agencies.registry import registry_for

    found: dict[str, None] = {}
    for plan in plans:
        registry = registry_for(plan.path)
        for entry in plan.leaves():
            for mention in read_cells((*entry.lead, *entry.support), registry):
                if mention.agency and not registry.get(mention.agency).collective:
                    found.setdefault(mention.agency)
    return list(found)


def _agency_pages(plans: list[Plan], slug_of: dict[str, str], today: date, window: int) -> tuple[AgencyPage, ...]:
    from cchc.agencies.registry import registry_for

    provinces: dict[int, list[Plan]] = {}
    for plan in plans:
        provinces.setdefault(id(registry_for(plan.path)), []).append(plan)
    pages: list[AgencyPage] = []
    for group in provinces.values():
        province = one_line(group[0].meta.province)
        for name in named_agencies(group):
            report = due_report(group, name, "any", today=today, within=window, show_all=True)
            items = [_agency_item(r, slug_of) for r in report.rows]
            buckets = dict.fromkeys(BUCKET_LABELS, 0)
            for state, n in report.counts.items():
                if state in BUCKETS:
                    buckets[BUCKETS[state]] += n
            pages.append(
                AgencyPage(
                    slug=f"{slug(province)}--{slug(name)}",
                    name=name,
                    province=province,
                    key=fold(f"{name} {province}"),
                    plans=tuple(p.path for p in group),
                    buckets=buckets,
                    counts=dict(report.counts),
                    overdue=tuple(i for i in items if i.state == "overdue"),
                    soon=tuple(i for i in items if _soon(i.state, i.days, window)),
                    done=tuple(sorted((i for i in items if i.state in DONE_STATES), key=_done_order)),
                )
            )
    pages.sort(key=lambda p: (fold(p.province), fold(p.name)))
    slugs = _unique([p.slug for p in pages])
    return tuple(p if p.slug == s else _with_slug(p, s) for p, s in zip(pages, slugs, strict=True))


def _soon(state: str, days: int | None, window: int) -> bool:
    """Not done and due within the window."""
    return state in ("due_soon", "pending") and days is not None and days <= window


def _with_slug(page: AgencyPage, new: str) -> AgencyPage:
    from cchc.record import replace

    return replace(page, slug=new)


def _done_order(item: AgencyItem) -> tuple[date, str]:
    return (item.done_date or item.due or date.min, item.id)


def _agency_item(row: DueRow, slug_of: dict[str, str]) -> AgencyItem:
    from cchc.agencies.match import ROLE_WORDS

    progress = row.entry.item.progress
    word = ROLE_WORDS.get(row.role, row.role) if row.role else ""
    role = word + (f" (qua {row.via})" if row.via else "")
    return AgencyItem(
        plan=row.plan.name,
        plan_slug=slug_of[row.plan.path],
        id=row.entry.item.id,
        number=row.entry.number,
        text=one_line(row.entry.item.text),
        role=role,
        time=one_line(row.deadline.reading.text),
        due=row.deadline.due,
        days=row.status.days,
        state=row.state,
        done_date=progress.done_date if progress else None,
    )


# ------------------------------------------------------------------ months


def _months(plans: list[Plan], today: date) -> tuple[Month, ...]:
    """Deadlines in each month of today's year (every occurrence of a repetition not yet met)."""
    year = today.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    done = [0] * 12
    late = [0] * 12
    open_ = [0] * 12
    for plan in plans:
        for entry in plan.leaves():
            progress = entry.item.progress
            for dl in deadlines(entry, plan, today=first, horizon=last):
                if dl.due is None or dl.due.year != year:
                    continue
                state = classify(dl, progress, today).state
                if state == "cancelled":
                    continue
                column = done if state in DONE_STATES else late if dl.due < today else open_
                column[dl.due.month - 1] += 1
    return tuple(Month(year, m + 1, done[m], late[m], open_[m]) for m in range(12))
