"""What `cchc calendar` puts in a calendar: one entry per deadline occurrence still to be met.

An entry is made for every deadline of an item that is not done (states `overdue`, `due_soon`,
`pending`): each milestone of compound text and each occurrence of a repetition up to the end of
the plan period is its own entry; ongoing work (Thường xuyên), work waiting on an event, cancelled
and done items make none. Entries are plain data; `cchc.render.ics` writes them as iCalendar.

Every entry has a stable id (`uid`): the plan (its folder and file name, `tuyen-quang/2024`), the
item id, and the occurrence (`m2` for the second milestone of compound text, the due day for an
occurrence of a repetition). Re-importing an updated calendar then updates the entry instead of
adding a second one, and moving a deadline changes that entry only. The text of an entry does not
depend on `today` (no "còn 5 ngày"), so an entry stays the same from day to day until the plan
changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import PurePath

from cchc.agencies.match import ROLE_WORDS, match_entries
from cchc.agencies.registry import Registry
from cchc.plan.model import Entry, Plan
from cchc.record import record
from cchc.schedule.deadlines import Deadline, classify, deadlines, time_text
from cchc.schedule.timeexpr import Reading
from cchc.text import fold

#: States of a deadline that make a calendar entry: not done, with a day.
OPEN_STATES = ("overdue", "due_soon", "pending")
#: Longest SUMMARY (characters); calendars show the start of it.
SUMMARY_WIDTH = 120

# C0 and C1 controls except the line feed (kept: icalendar writes it as `\n`), and DEL.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SLUG = re.compile(r"[^a-z0-9]+")


@record
class CalendarEntry:
    """One all-day calendar entry: a deadline of an item, on its last day."""

    uid: str
    day: date
    summary: str
    description: str
    issued: date  # the plan's own date (else 1 January of its first year): the base of the entry's stamp
    plan: str  # path of the plan file
    item_id: str
    occurrence: str  # "" for an item's only deadline, `m2` for a milestone, the ISO day of a repetition
    state: str


def clean_text(text: str | None) -> str:
    """Plan text safe in a calendar property: no control characters, line breaks as `\\n`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROLS.sub(" ", text).strip()


def one_line(text: str | None, width: int | None = None) -> str:
    """Clean text on one line (spaces collapsed), cut to `width` characters with `…`."""
    line = " ".join(clean_text(text).split())
    if width is not None and len(line) > width:
        line = line[: width - 1].rstrip() + "…"
    return line


def slug(text: str) -> str:
    """`Tuyên Quang` → `tuyen-quang`: ASCII letters, digits and `-`."""
    return _SLUG.sub("-", fold(text)).strip("-") or "x"


def plan_key(plan: Plan) -> str:
    """The plan's part of an entry id: its folder and file name (`tuyen-quang/2024`), as in `plans/`."""
    parts = PurePath(plan.path).with_suffix("").parts[-2:]
    return "/".join(slug(p) for p in parts)


def occurrence(dl: Deadline, whole_milestones: tuple[Reading, ...]) -> str:
    """Which deadline of the item this is: `""`, `m<n>` (milestone n), plus the day of a repetition."""
    parts = []
    for n, milestone in enumerate(whole_milestones, start=1):
        if milestone == dl.reading:
            parts.append(f"m{n}")
            break
    if dl.source == "recurrence" and dl.due is not None:
        parts.append(dl.due.isoformat())
    return "/".join(parts)


def issued(plan: Plan) -> date:
    return plan.meta.date or date(plan.meta.period.start, 1, 1)


def lead_names(registry: Registry, entry: Entry) -> list[str]:
    """The lead agencies of an item by their registry names (text as written when not known)."""
    from cchc.agencies.mentions import read_cells

    names: list[str] = []
    for mention in read_cells(entry.lead, registry):
        name = one_line(mention.agency or mention.text)
        if name and name not in names:
            names.append(name)
    return names


def summary(registry: Registry, entry: Entry, dl: Deadline) -> str:
    """`[Sở Tư pháp] (Báo cáo) <task text>`, on one line, at most `SUMMARY_WIDTH` characters."""
    leads = lead_names(registry, entry)
    who = ", ".join(leads[:2]) + (f" +{len(leads) - 2}" if len(leads) > 2 else "")
    text = one_line(entry.item.text) or f"Mục {entry.number or entry.item.id}"
    parts = [f"[{who}]" if who else "", f"({one_line(dl.label)})" if dl.label else "", text]
    return one_line(" ".join(p for p in parts if p), SUMMARY_WIDTH)


def description(plan: Plan, entry: Entry, dl: Deadline, role: str | None, how: str | None, agency: str | None) -> str:
    """The entry's details: task, plan, item, time as written, agencies, and how to ask cchc why."""
    meta = plan.meta
    plan_line = plan.name + (f" — Kế hoạch số {one_line(meta.number)}" if meta.number else "")
    number = f"TT {entry.number}, " if entry.number else ""
    lines = [
        f"Nhiệm vụ: {clean_text(entry.item.text) or '(không có nội dung)'}",
        f"Kế hoạch: {plan_line}",
        f"Mục: {number}id {entry.item.id}",
        f"Thời gian (theo văn bản): {one_line(time_text(entry)) or '(trống)'}",
    ]
    if dl.label:
        lines.append(f"Mốc: {one_line(dl.label)}")
    assert dl.due is not None
    lines.append(f"Hạn: {dl.due:%d/%m/%Y}" + (" (một kỳ của nhiệm vụ định kỳ)" if dl.source == "recurrence" else ""))
    if entry.lead:
        lines.append("Chủ trì: " + "; ".join(one_line(c) for c in entry.lead))
    if entry.support:
        lines.append("Phối hợp: " + "; ".join(one_line(c) for c in entry.support))
    if agency and role:
        lines.append(f"Vai trò của {one_line(agency)}: {ROLE_WORDS.get(role, role)} ({how})")
    lines.append(f"Vì sao có hạn này: cchc explain {plan.path} {entry.item.id}")
    return "\n".join(lines)


def calendar_entries(
    plans: Iterable[Plan], agency: str | None = None, role: str = "any", *, today: date
) -> list[CalendarEntry]:
    """Every open deadline of the items that concern `agency` (all items when None), by day then id.

    Repetitions list their occurrences from `today` to the end of the plan period (the ones
    already met by `progress.done_date` are left out), as `cchc due --all` counts them.
    """
    from cchc.agencies.registry import registry_for

    out: list[CalendarEntry] = []
    seen: dict[str, int] = {}
    registries: dict[str, Registry] = {}
    for match in match_entries(plans, agency, role):
        plan, entry = match.plan, match.entry
        registry = registries.get(plan.path)
        if registry is None:
            registry = registries[plan.path] = registry_for(plan.path)
        until = date(plan.meta.period.end, 12, 31)
        horizon = max(until, today) + timedelta(days=1)
        milestones = tuple(time_milestones(plan, entry))
        for dl in deadlines(entry, plan, today=today, horizon=horizon):
            status = classify(dl, entry.item.progress, today)
            if status.state not in OPEN_STATES or dl.due is None:
                continue
            occ = occurrence(dl, milestones)
            uid = "/".join(p for p in (plan_key(plan), entry.item.id, occ) if p) + "@cchc"
            if uid in seen:  # two milestones written alike in one cell: number the second
                seen[uid] += 1
                occ = f"{occ}#{seen[uid]}"
                uid = uid.removesuffix("@cchc") + f"#{seen[uid]}@cchc"
            else:
                seen[uid] = 1
            role_of = match.role if agency else None
            how = match.how if agency else None
            out.append(
                CalendarEntry(
                    uid=uid,
                    day=dl.due,
                    summary=summary(registry, entry, dl),
                    description=description(plan, entry, dl, role_of, how, agency_name(plan, agency)),
                    issued=issued(plan),
                    plan=plan.path,
                    item_id=entry.item.id,
                    occurrence=occ,
                    state=status.state,
                )
            )
    out.sort(key=lambda e: (e.day, e.uid))
    return out


def time_milestones(plan: Plan, entry: Entry) -> tuple[Reading, ...]:
    """The milestone readings of the item's time text (the same objects its deadlines point to)."""
    from cchc.schedule.deadlines import plan_year, reading_of

    return reading_of(entry, plan_year(plan)).milestones


def agency_name(plan: Plan, agency: str | None) -> str | None:
    """The registry's name for the agency asked (`so tu phap` → `Sở Tư pháp`), else the text typed."""
    if agency is None:
        return None
    from cchc.agencies.registry import registry_for
    from cchc.errors import CchcError

    try:
        return registry_for(plan.path).resolve(agency).name
    except CchcError:
        return agency


def calendar_name(plans: Iterable[Plan], agency: str | None) -> str:
    """What calendar apps call the calendar: `Thời hạn CCHC — Sở Tư pháp (Tuyên Quang)`."""
    plans = list(plans)
    provinces = ", ".join(dict.fromkeys(one_line(p.meta.province) for p in plans))
    who = agency_name(plans[0], agency) if plans and agency else None
    name = f"Thời hạn CCHC — {who}" if who else "Thời hạn CCHC"
    return f"{name} ({provinces})" if provinces else name
