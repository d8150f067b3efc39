"""The periodic report (`cchc report`): per agency, the national buckets of the year's work on a day.

What a quarterly, half-yearly or yearly CCHC report counts (docs/progress.md):

- **which deadlines**: every deadline of the plans' leaf items that falls in the report's year —
  each milestone of a compound time and each occurrence of a repetition counting once, exactly
  the deadlines `cchc due` lists (`cchc.schedule.deadlines`, repetitions up to the year's end) —
  plus work due in an earlier year that was still not done on 1 January (carried over);
  `Thường xuyên` and event-waiting items of the plans that cover the year are counted apart;
- **on which day**: the report date (`--today`), so a quarterly report made before the 15th of
  the quarter's last month counts what is due later in the year as *not done, within time*;
- **the buckets**: done on time, done late, not done within time, not done and overdue (the
  national tracking), plus ongoing and waiting; the on-time share is done on time over
  everything that has come due or was done (on time + late + overdue);
- **per agency**: every agency the plans name, as `cchc due --agency` and `cchc agencies` see it
  (`cchc.agencies.match`: named, through a group, as a successor), for the items it leads and,
  separately, the items it coordinates; a collective (`Các sở, ban, ngành`) has a row of its own
  for the items that name it. The province total counts each deadline once.

Plain data; `cchc.reports.progress_view` turns it into the document the writers draw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from cchc.agencies.match import match_entries
from cchc.errors import CchcError, Loc
from cchc.plan.model import Entry, Plan
from cchc.record import record
from cchc.schedule.deadlines import BUCKETS, Status, classify, deadlines

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
#: Report columns: the four national buckets, then the deadlines that are not dated.
COLUMNS = ("done_on_time", "done_late", "not_done_in_time", "not_done_overdue", "ongoing", "waiting")


@record
class ReportPeriod:
    """The period a report is for: a quarter, a half or a year."""

    kind: str  # quarter | half | year
    year: int
    number: int  # 1-4 for a quarter, 1-2 for a half, 0 for a year
    start: date
    end: date

    @property
    def label(self) -> str:
        """`quý II năm 2024`, `6 tháng đầu năm 2024`, `năm 2024`."""
        if self.kind == "quarter":
            roman = next(k for k, v in ROMAN.items() if v == self.number)
            return f"quý {roman} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def slug(self) -> str:
        """ASCII, for file names: `quy-II-2024`, `6-thang-1-2024`, `nam-2024`."""
        if self.kind == "quarter":
            roman = next(k for k, v in ROMAN.items() if v == self.number)
            return f"quy-{roman}-{self.year}"
        if self.kind == "half":
            return f"6-thang-{self.number}-{self.year}"
        return f"nam-{self.year}"


def parse_period(quarter: str | None = None, half: str | None = None, year: str | None = None) -> ReportPeriod:
    """`--quarter II/2025`, `--half 1/2025` or `--year 2025` (exactly one) as a period; U002/U006 otherwise."""
    given = [(name, text) for name, text in (("--quarter", quarter), ("--half", half), ("--year", year)) if text]
    if len(given) != 1:
        raise CchcError.single(
            "U006",
            "cần đúng một kỳ báo cáo: --quarter II/2025, --half 1/2025 hoặc --year 2025",
            Loc(given[1][0] if len(given) > 1 else "--quarter"),
        )
    option, text = given[0]
    raw = text.strip().upper().replace(" ", "")
    try:
        if option == "--year":
            y = _year(raw)
            return ReportPeriod("year", y, 0, date(y, 1, 1), date(y, 12, 31))
        m = re.fullmatch(r"(?:QUÝ|QUY|Q)?([IV]+|[1-4])/(\d{4})" if option == "--quarter" else r"([12])/(\d{4})", raw)
        if m is None:
            raise ValueError(text)
        n = ROMAN[m.group(1)] if m.group(1) in ROMAN else int(m.group(1))
        y = _year(m.group(2))
        if option == "--quarter":
            end = date(y, 3 * n, 1)
            return ReportPeriod("quarter", y, n, date(y, 3 * n - 2, 1), _month_end(end))
        return ReportPeriod("half", y, n, date(y, 6 * n - 5, 1), _month_end(date(y, 6 * n, 1)))
    except (ValueError, KeyError):
        examples = {"--quarter": "II/2025", "--half": "1/2025", "--year": "2025"}
        raise CchcError.single(
            "U002", f"kỳ báo cáo không đọc được: {option} {text!r}", Loc(option), f"ví dụ: {option} {examples[option]}"
        ) from None


def _year(text: str) -> int:
    y = int(text)
    if not 2000 <= y <= 2100:
        raise ValueError(text)
    return y


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@record
class Counts:
    """Deadlines in each report column; `total` is their sum."""

    done_on_time: int = 0
    done_late: int = 0
    not_done_in_time: int = 0
    not_done_overdue: int = 0
    ongoing: int = 0
    waiting: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, c) for c in COLUMNS)

    @property
    def come_due(self) -> int:
        """What has come due or was done: the base of the on-time share."""
        return self.done_on_time + self.done_late + self.not_done_overdue

    @property
    def on_time_share(self) -> float | None:
        """Done on time over everything that has come due or was done; None when nothing has."""
        return self.done_on_time / self.come_due if self.come_due else None


@record
class AgencyCounts:
    name: str
    collective: bool
    counts: Counts


@record
class LateTask:
    """A deadline done late or overdue on the report date."""

    plan: str  # plan display name
    item_id: str
    number: str
    text: str
    lead: str  # the lead cell(s) as written
    time_text: str
    due: date
    state: str  # done_late | overdue
    days_late: int
    done_date: date | None
    occurrence: str | None = None
    role: str | None = None  # with --agency: the agency's role (lead | support)


@record
class ProgressReport:
    period: ReportPeriod
    today: date
    agency: str | None
    province: str
    issuer: str | None  # the plans' issuer (`UBND tỉnh Tuyên Quang`)
    plans: tuple[str, ...]  # `Kế hoạch số 268/KH-UBND ngày …` lines: the plans reported on
    lead: tuple[AgencyCounts, ...]
    support: tuple[AgencyCounts, ...]
    total: Counts
    late: tuple[LateTask, ...]
    other: int = 0  # deadlines with no bucket (no readable time, done without a date, cancelled, ended)


def _column(state: str) -> str | None:
    if state in BUCKETS:
        return BUCKETS[state]
    return state if state in ("ongoing", "waiting") else None


def _in_scope(status: Status, period: ReportPeriod, entry: Entry) -> bool:
    """Does this deadline belong to the report's year (or carry over into it)?"""
    due = status.deadline.due
    if due is None:
        return True
    if due.year == period.year:
        return True
    if due.year > period.year:
        return False
    first = date(period.year, 1, 1)
    if status.state == "overdue":
        return True
    done = status.deadline.done_date
    if done is None and entry.item.progress is not None:
        done = entry.item.progress.done_date
    return status.state == "done_late" and done is not None and done >= first


def _statuses(plan: Plan, entry: Entry, period: ReportPeriod, today: date) -> Iterator[Status]:
    horizon = date(period.year, 12, 31)
    progress = entry.item.progress
    for dl in deadlines(entry, plan, today=today, horizon=max(horizon, today)):
        status = classify(dl, progress, today)
        if _in_scope(status, period, entry):
            yield status


def _covers(plan: Plan, period: ReportPeriod) -> bool:
    return plan.meta.period.start <= period.year <= plan.meta.period.end


def _count(statuses: Iterable[Status]) -> tuple[Counts, int]:
    tally = dict.fromkeys(COLUMNS, 0)
    other = 0
    for status in statuses:
        column = _column(status.state)
        if column is None:
            other += 1
        else:
            tally[column] += 1
    return Counts(**tally), other


def _named_agencies(plans: list[Plan]) -> dict[str, bool]:
    """Every agency a lead or coordination cell names (registry name → is a collective), in order met."""
    from cchc.agencies.mentions import read_cells
    from cchc.agencies.registry import registry_for

    names: dict[str, bool] = {}
    for plan in plans:
        registry = registry_for(plan.path)
        for entry in plan.leaves():
            for mention in read_cells((*entry.lead, *entry.support), registry):
                if mention.agency is not None and mention.agency not in names:
                    names[mention.agency] = registry.get(mention.agency).collective
    return names


def progress_report(
    plans: Iterable[Plan], period: ReportPeriod, *, today: date, agency: str | None = None
) -> ProgressReport:
    """The report on `today` for `period` over `plans` (the plans covering its year), optionally one agency's."""
    covering = [p for p in plans if _covers(p, period)]
    if not covering:
        raise CchcError.single(
            "P201", f"không có kế hoạch nào cho {period.label} (no plan covers the period)", Loc("--quarter")
        )
    provinces = sorted({p.meta.province for p in covering})
    if len(provinces) > 1:
        raise CchcError.single(
            "P203",
            f"các kế hoạch thuộc nhiều tỉnh ({', '.join(provinces)}): một báo cáo là của một tỉnh",
            Loc(covering[0].path),
            "chỉ rõ thư mục của tỉnh, ví dụ: cchc report plans/tuyen-quang --quarter II/2024",
        )
    statuses: dict[tuple[str, str], list[Status]] = {}
    entries: dict[tuple[str, str], tuple[Plan, Entry]] = {}
    for plan in covering:
        for entry in plan.leaves():
            key = (plan.path, entry.item.id)
            statuses[key] = list(_statuses(plan, entry, period, today))
            entries[key] = (plan, entry)

    def rows(role: str) -> tuple[AgencyCounts, ...]:
        out = []
        wanted = {_resolved(covering, agency): False} if agency else _named_agencies(covering)
        for name, collective in wanted.items():
            keys = {(m.plan.path, m.entry.item.id) for m in match_entries(covering, name, role)}
            counts, _ = _count(s for k in keys for s in statuses[k])
            if counts.total:
                out.append(AgencyCounts(name, collective, counts))
        return tuple(sorted(out, key=lambda a: (a.collective, -a.counts.total, a.name)))

    lead, support = rows("lead"), rows("support")
    if agency:
        # The total is what the agency leads (as `cchc due --role lead` sees it: through groups too);
        # the list of late work is everything that concerns it, with its role.
        leads = {(m.plan.path, m.entry.item.id) for m in match_entries(covering, agency, "lead")}
        total, other = _count(s for k in leads for s in statuses[k])
        mine = {(m.plan.path, m.entry.item.id): m.role for m in match_entries(covering, agency, "any")}
    else:
        mine = dict.fromkeys(statuses, "lead")
        total, other = _count(s for ss in statuses.values() for s in ss)
    late = _late(entries, statuses, mine, with_role=agency is not None)
    first = covering[0].meta
    return ProgressReport(
        period=period,
        today=today,
        agency=_resolved(covering, agency) if agency else None,
        province=first.province,
        issuer=first.issuer,
        plans=tuple(_plan_line(p) for p in covering),
        lead=lead,
        support=support,
        total=total,
        late=late,
        other=other,
    )


def _resolved(plans: list[Plan], text: str) -> str:
    from cchc.agencies.registry import registry_for

    for plan in plans:
        found = registry_for(plan.path).lookup(text)
        if found is not None:
            return found.name
    registry = registry_for(plans[0].path)
    return registry.resolve(text).name  # raises the usual A001/A002 with suggestions


def _plan_line(plan: Plan) -> str:
    meta = plan.meta
    text = f"{meta.kind or 'Kế hoạch'} số {meta.number}" if meta.number and meta.number.strip("/") else meta.title
    if meta.date is not None and meta.number:
        text += f" ngày {meta.date:%d/%m/%Y}"
    return f"{text} ({plan.name})"


def _late(
    entries: dict[tuple[str, str], tuple[Plan, Entry]],
    statuses: dict[tuple[str, str], list[Status]],
    roles: dict[tuple[str, str], str],
    *,
    with_role: bool,
) -> tuple[LateTask, ...]:
    out: list[LateTask] = []
    for key, role in roles.items():
        plan, entry = entries[key]
        progress = entry.item.progress
        for status in statuses[key]:
            dl = status.deadline
            if status.state not in ("done_late", "overdue") or dl.due is None:
                continue
            if status.state == "overdue":
                done, days = None, -(status.days or 0)
            else:
                done = dl.done_date if dl.done_date is not None else (progress.done_date if progress else None)
                days = (done - dl.due).days if done is not None else 0
            text = entry.item.text or next((a.text for a in reversed(entry.ancestors) if a.text), "") or ""
            out.append(
                LateTask(
                    plan=plan.name,
                    item_id=entry.item.id,
                    number=entry.number,
                    text=text,
                    lead="; ".join(entry.lead),
                    time_text=" ".join((dl.reading.text or "").split()),
                    due=dl.due,
                    state=status.state,
                    days_late=days,
                    done_date=done,
                    occurrence=dl.occurrence,
                    role=role if with_role else None,
                )
            )
    order = {"overdue": 0, "done_late": 1}
    return tuple(sorted(out, key=lambda t: (order[t.state], t.due, t.plan, t.number, t.item_id)))
