"""Deadlines and progress: when each item is due and where it stands, as the national tracking sorts it.

An item's time text is read by `cchc.schedule.timeexpr.parse_time` with the plan's first year as the default
year; the YAML overrides (`due_date`, `start_date`, `event_date`, inherited from merged parents)
turn what the text cannot say into dates. Each item yields one `Deadline` per milestone, or per
occurrence of a repetition; `classify` puts it in a state:

- the four national buckets: done on time, done late, not done and within time (`pending`, or
  `due_soon` within `SOON_DAYS`), not done and overdue;
- and `ongoing` (Thường xuyên: never overdue; an open start `Từ tháng 7/2025` once begun),
  `upcoming` (an open start not yet begun), `waiting` (on an event not yet dated), `started`
  (the event a `Sau khi …` text waits on has happened: the work starts then, with no deadline
  of its own unless `due_date` or the configured grace gives one), `cancelled`, `done` (no done
  date to compare), `ended` (a repetition past the plan period), `missed` (an occurrence of a
  repetition past its due day with no completion recorded), `unknown` (text not read, or no year).

`Status.days` is the deadline minus today for work not done, and the deadline minus the done
date for work done: an item done 5 days late is "trễ 5 ngày" whenever it is looked at.

Recurring items are tracked one of two ways:

- per occurrence (`progress.occurrences`, keyed by `occurrence_key`: `2025-03`, `2025-Q2`, `2025`):
  each occurrence is a deadline of its own — a recorded one is done on time or late by its own
  done date, an unrecorded one past its due day is overdue (and `missed`), and the next unmet
  ones in the window are pending; the national buckets count occurrences;
- or, without `occurrences` (the older way), `progress.done_date` records the last completed
  occurrence; an occurrence is met when the done date falls in its period. The next unmet
  occurrence is the deadline; the previous one, when unmet, is reported as `missed` (shown, not
  counted as overdue: many plans never record progress of routine reports, and calling all of
  them overdue would hide the real ones). Asked for a period (`since`), every occurrence inside
  it is listed: met, missed, or still to come.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta

from cchc.plan.model import Entry, Occurrence, Plan, Progress
from cchc.record import record
from cchc.schedule.timeexpr import EVENT, FROM, ONGOING, RECURRING, RELATIVE, UNPARSED, WAITING, Reading, parse_time

#: Not-done items due within this many days are `due_soon` (shown in yellow).
SOON_DAYS = 7
#: Default look-ahead window of `cchc due`, in days.
WITHIN_DAYS = 30

#: State keys (ASCII, used in JSON/CSV) and their Vietnamese labels, in the order reports list them.
STATES: dict[str, str] = {
    "overdue": "Quá hạn",
    "due_soon": "Sắp đến hạn",
    "pending": "Trong hạn",
    "started": "Đã có sự kiện",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành trễ hạn",
    "done": "Hoàn thành",
    "ongoing": "Thường xuyên",
    "upcoming": "Chưa bắt đầu",
    "waiting": "Chờ sự kiện",
    "unknown": "Chưa rõ thời hạn",
    "ended": "Hết kỳ kế hoạch",
    "missed": "Chưa ghi nhận",
    "cancelled": "Hủy bỏ",
}

#: The four buckets of the national tracking, by state.
BUCKETS: dict[str, str] = {
    "done_on_time": "done_on_time",
    "done_late": "done_late",
    "pending": "not_done_in_time",
    "due_soon": "not_done_in_time",
    "started": "not_done_in_time",
    "overdue": "not_done_overdue",
}

WORKING_DAYS_NOTE = "ngày làm việc: không tính thứ Bảy, Chủ nhật; chưa trừ ngày lễ"

STATUS_LABELS = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "cancelled": "Hủy bỏ",
}


#: Where a deadline's date comes from: the text, the `due_date` override, the `event_date` (a
#: relative text counts from it), the event plus the configured grace, or a repetition's rule.
SOURCES = ("text", "due_date", "event_date", "event_grace", "recurrence")


@record
class Deadline:
    """One deadline of an item: its own, one milestone's, or one occurrence of a repetition."""

    reading: Reading  # the reading (or milestone) it comes from
    due: date | None
    start: date | None = None
    source: str = "text"  # one of SOURCES
    missed: date | None = None  # the previous occurrence, when no completion was recorded for it
    notes: tuple[str, ...] = ()
    occurrence: str | None = None  # a repetition's period key (`2025-03`), see `occurrence_key`
    done_date: date | None = None  # the recorded completion of that occurrence (`progress.occurrences`)
    event: date | None = None  # the day the awaited event happened (`event_date`), when it did
    completed: bool = False  # an occurrence of a repetition met by the recorded done date
    tracked: bool = False  # an occurrence of an item tracked per occurrence: missed is overdue

    @property
    def label(self) -> str | None:
        return self.reading.label


@record
class Status:
    """A deadline classified on a given day."""

    deadline: Deadline
    state: str
    days: int | None  # due - today (done: due - done date); negative when late

    @property
    def bucket(self) -> str | None:
        return BUCKETS.get(self.state)


def plan_year(plan: Plan) -> int:
    """The default year for time texts that omit one: the first year of the plan."""
    return plan.meta.period.start


def time_text(entry: Entry) -> str | None:
    """The time text that says when the item is due: the completion column, else the start column."""
    return entry.due if entry.due is not None else entry.start


def reading_of(entry: Entry, year: int | None) -> Reading:
    return parse_time(time_text(entry), year=year)


def item_due(plan: Plan, entry: Entry) -> date:
    """When the item's work is due, as one day: its `due_date`, else the due day its time text is
    read to (the missing year taken as the plan's first, as everywhere), else the last day of the
    plan period (ongoing, waiting and undated work runs to the plan's end). The agency logic asks
    this to know whether a named agency still exists when the work is due."""
    explicit = _date(entry, "due_date")
    if explicit is not None:
        return explicit
    due = reading_of(entry, plan_year(plan)).due if time_text(entry) else None
    return due if due is not None else date(plan.meta.period.end, 12, 31)


def _date(entry: Entry, name: str) -> date | None:
    value = entry.value(name)
    return value if isinstance(value, date) else None


def _add_days(day: date, n: int, base: str | None) -> date:
    if base != "working":
        return day + timedelta(days=n)
    step = 1 if n >= 0 else -1
    while n:
        day += timedelta(days=step)
        if day.weekday() < 5:
            n -= step
    return day


def _from_event(reading: Reading, event_date: date | None, grace: int | None = None) -> Deadline:
    """Deadline of an event or relative reading, once the event's day is recorded.

    `Sau khi …` (an event, no offset) says when the work may start, not when it is due: the event
    day starts it, and it gets a deadline only from the configured grace (`event-grace`) or a
    `due_date`. A relative text (`Trong 15 ngày kể từ …`) counts its days from the event.
    """
    if event_date is None:
        return Deadline(reading, None)
    if reading.kind == EVENT:
        if grace is None:
            note = f"bắt đầu từ ngày sự kiện {event_date:%d/%m/%Y}; chưa có hạn (đặt due_date hoặc event-grace)"
            return Deadline(reading, None, event_date, "event_date", notes=(note,), event=event_date)
        due = event_date + timedelta(days=grace)
        note = f"hạn = ngày sự kiện {event_date:%d/%m/%Y} + {grace} ngày (event-grace)"
        return Deadline(reading, due, event_date, "event_grace", notes=(note,), event=event_date)
    n = reading.offset_days or 0
    sign = -1 if reading.offset_direction == "before" else 1
    due = _add_days(event_date, sign * n, reading.offset_base)
    notes = (WORKING_DAYS_NOTE,) if reading.offset_base == "working" else ()
    return Deadline(reading, due, event_date if sign > 0 else None, "event_date", notes=notes, event=event_date)


def occurrences(reading: Reading, until: date) -> list[date]:
    """Every due day of a repetition from its start up to `until` (inclusive)."""
    if reading.recurrence is None or reading.recurrence_start is None:
        return []
    from dateutil.rrule import rrulestr

    first = datetime.combine(reading.recurrence_start, datetime.min.time())
    rule = rrulestr(reading.recurrence, dtstart=first)
    return [d.date() for d in rule.between(first, datetime.combine(until, datetime.min.time()), inc=True)]


_BYMONTH = re.compile(r"BYMONTH=([0-9,]+)")


def occurrence_key(reading: Reading, due: date) -> str:
    """The period an occurrence of a repetition belongs to, as `progress.occurrences` keys it.

    `2025-03` for a monthly rule, `2025-Q2` for a quarterly one (`Hàng quý`, `Trước ngày 15 của
    tháng cuối quý`), `2025` for a yearly one (`Hàng năm`, `Quý IV hàng năm`), else the due day.
    """
    rule = reading.recurrence or ""
    if "FREQ=MONTHLY" in rule:
        return f"{due.year}-{due.month:02d}"
    months = _BYMONTH.search(rule)
    if "FREQ=YEARLY" in rule and months is not None:
        if months.group(1) == "3,6,9,12":
            return f"{due.year}-Q{(due.month - 1) // 3 + 1}"
        if "," not in months.group(1):
            return str(due.year)
    return due.isoformat()


@record
class OccurrencePeriod:
    """One occurrence of a repetition: its key, first day and due day."""

    key: str
    start: date
    due: date


def periods(reading: Reading, until: date) -> list[OccurrencePeriod]:
    """Every occurrence of a repetition up to `until`, each with the period it covers."""
    days = occurrences(reading, until)
    if not days:
        return []
    starts = [reading.recurrence_start or days[0], *(d + timedelta(days=1) for d in days[:-1])]
    return [OccurrencePeriod(occurrence_key(reading, d), s, d) for s, d in zip(starts, days, strict=True)]


def _recurring(
    reading: Reading, until: date, today: date, horizon: date, progress: Progress | None, since: date | None = None
) -> list[Deadline]:
    occs = periods(reading, until)
    records = progress.occurrences if progress is not None else {}
    if records:
        return _tracked(reading, occs, records, today, horizon, since)
    done = progress.done_date if progress is not None else None

    def met(i: int) -> bool:
        return done is not None and occs[i].start <= done

    if since is not None:  # a period was asked: every occurrence inside it
        return [
            Deadline(
                reading,
                o.due,
                o.start,
                "recurrence",
                missed=o.due if o.due < today and not met(i) else None,
                completed=met(i),
                occurrence=o.key,
            )
            for i, o in enumerate(occs)
            if since <= o.due <= horizon
        ]

    past = [i for i, o in enumerate(occs) if o.due < today]
    missed = occs[past[-1]].due if past and not met(past[-1]) else None
    upcoming = [i for i, o in enumerate(occs) if o.due >= today and not met(i)]
    chosen = [i for i in upcoming if occs[i].due <= horizon] or upcoming[:1]
    if not chosen:
        return [Deadline(reading, None, missed=missed, source="recurrence")]
    return [
        Deadline(
            reading, occs[i].due, occs[i].start, "recurrence", missed=missed if n == 0 else None, occurrence=occs[i].key
        )
        for n, i in enumerate(chosen)
    ]


def _tracked(
    reading: Reading,
    occs: list[OccurrencePeriod],
    records: Mapping[str, Occurrence],
    today: date,
    horizon: date,
    since: date | None = None,
) -> list[Deadline]:
    """Occurrences tracked one by one: recorded ones, unrecorded past ones (missed), the next unmet
    ones (with `since`, only those from `since` to `horizon`)."""
    out: list[Deadline] = []
    upcoming: list[OccurrencePeriod] = []
    for occ in occs:
        if since is not None and not since <= occ.due <= horizon:
            continue
        record_ = records.get(occ.key)
        if record_ is not None:
            out.append(
                Deadline(reading, occ.due, occ.start, "recurrence", occurrence=occ.key, done_date=record_.done_date)
            )
        elif occ.due < today:
            out.append(
                Deadline(reading, occ.due, occ.start, "recurrence", missed=occ.due, occurrence=occ.key, tracked=True)
            )
        else:
            upcoming.append(occ)
    chosen = upcoming if since is not None else [o for o in upcoming if o.due <= horizon] or upcoming[:1]
    out.extend(Deadline(reading, o.due, o.start, "recurrence", occurrence=o.key) for o in chosen)
    return out or [Deadline(reading, None, source="recurrence")]


def deadlines(
    entry: Entry,
    plan: Plan,
    *,
    today: date,
    horizon: date | None = None,
    since: date | None = None,
    event_grace: int | None = None,
) -> list[Deadline]:
    """The deadlines of one item as of `today`.

    Repetitions list their occurrences up to `horizon` (at least the next one); with `since`, the
    occurrences from `since` to `horizon`, past ones included. `event_grace` (days) gives a
    `Sau khi …` item whose event happened a deadline that many days after it.
    """
    year = plan_year(plan)
    reading = reading_of(entry, year)
    start_override = _date(entry, "start_date")
    start_text = parse_time(entry.start, year=year).start if entry.due is not None else None
    due_override = _date(entry, "due_date")
    if due_override is not None:
        return [Deadline(reading, due_override, start_override or start_text or reading.start, "due_date")]
    event_date = _date(entry, "event_date")
    progress = entry.item.progress
    until = date(plan.meta.period.end, 12, 31)
    out: list[Deadline] = []
    for part in reading.milestones or (reading,):
        if part.kind in WAITING:
            out.append(_from_event(part, event_date, event_grace))
        elif part.kind == RECURRING:
            out.extend(_recurring(part, until, today, horizon or today, progress, since))
        else:
            out.append(Deadline(part, part.due, start_override or start_text or part.start))
    return out


def classify(deadline: Deadline, progress: Progress | None, today: date, *, soon: int = SOON_DAYS) -> Status:
    """The state of one deadline on `today` (see the module docstring)."""
    status = progress.status if progress else "not_started"
    due = deadline.due
    days = (due - today).days if due else None
    if status == "cancelled":
        return Status(deadline, "cancelled", days)
    recurring = deadline.source == "recurrence"
    if recurring and deadline.done_date is not None and due is not None:  # a recorded occurrence
        late = (due - deadline.done_date).days
        return Status(deadline, "done_on_time" if late >= 0 else "done_late", late)
    if recurring and deadline.completed:
        return Status(deadline, "done", None)
    if status == "done" and not recurring:
        if due is None or progress is None or progress.done_date is None:
            return Status(deadline, "done", None)
        late = (due - progress.done_date).days  # counted to the day the work was done, not to today
        return Status(deadline, "done_on_time" if late >= 0 else "done_late", late)
    if due is None:
        kind = deadline.reading.kind
        if kind == ONGOING:
            return Status(deadline, "ongoing", None)
        if kind == FROM:  # `Từ tháng 7/2025`: no deadline, never overdue; not yet begun before its start
            begun = deadline.start is None or deadline.start <= today
            return Status(deadline, "ongoing" if begun else "upcoming", None)
        if kind == EVENT and deadline.event is not None:
            return Status(deadline, "started", None)
        if kind in (EVENT, RELATIVE):
            return Status(deadline, "waiting", None)
        if kind == RECURRING and deadline.reading.recurrence_start is not None:
            return Status(deadline, "ended", None)
        return Status(deadline, "unknown", None)
    assert days is not None
    if recurring and deadline.missed is not None and deadline.missed == due and not deadline.tracked:
        return Status(deadline, "missed", days)
    if days < 0:
        return Status(deadline, "overdue", days)
    return Status(deadline, "due_soon" if days <= soon else "pending", days)


def state_words(status: Status) -> str:
    """The state in words with its days, as staff say it: `Quá hạn 12 ngày`, `Còn 5 ngày`,
    `Hạn hôm nay`, `Hoàn thành trễ 5 ngày`, `Đã có sự kiện từ 15/03/2024` …"""
    state, days, dl = status.state, status.days, status.deadline
    if state == "overdue" and days is not None:
        return f"Quá hạn {-days} ngày"
    if state in ("due_soon", "pending") and days is not None:
        return "Hạn hôm nay" if days == 0 else f"Còn {days} ngày"
    if state == "done_late" and days is not None:
        return f"Hoàn thành trễ {-days} ngày"
    if state == "started" and dl.event is not None:
        return f"Đã có sự kiện từ {dl.event:%d/%m/%Y}"
    if state == "missed":
        return "Kỳ chưa ghi nhận"
    return STATES[state]


def iter_statuses(plan: Plan, today: date, event_grace: int | None = None) -> Iterator[tuple[Entry, Status]]:
    """Every leaf item of a plan with the state of each of its deadlines on `today`."""
    for entry in plan.leaves():
        for dl in deadlines(entry, plan, today=today, event_grace=event_grace):
            yield entry, classify(dl, entry.item.progress, today)


def recurring_periods(entry: Entry, plan: Plan) -> list[OccurrencePeriod]:
    """Every occurrence of the item's repetitions over the plan period (empty when it does not repeat)."""
    if _date(entry, "due_date") is not None:
        return []
    reading = reading_of(entry, plan_year(plan))
    until = date(plan.meta.period.end, 12, 31)
    found: dict[str, OccurrencePeriod] = {}
    for part in reading.milestones or (reading,):
        if part.kind == RECURRING:
            for occ in periods(part, until):
                found.setdefault(occ.key, occ)
    return sorted(found.values(), key=lambda o: (o.due, o.key))


def default_occurrence(entry: Entry, plan: Plan, day: date) -> OccurrencePeriod | None:
    """The occurrence a completion on `day` is for, when none is named: the last one due before
    `day` if it is not recorded yet (a late completion), else the one running on `day` (else the
    plan's last, when `day` is after the plan)."""
    occs = recurring_periods(entry, plan)
    progress = entry.item.progress
    records = progress.occurrences if progress is not None else {}
    past = [o for o in occs if o.due < day]
    if past and past[-1].key not in records:
        return past[-1]
    current = next((o for o in occs if o.due >= day), None)
    return current or (past[-1] if past else None)


def is_unreadable(reading: Reading) -> bool:
    return reading.kind == UNPARSED or any(m.kind == UNPARSED for m in reading.milestones)
