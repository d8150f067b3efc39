"""Deadlines: the four national buckets, due soon, ongoing, waiting, overrides, repetitions, milestones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import plan_text

from cchc.plan.loader import load_plan
from cchc.plan.model import Plan
from cchc.reports.due import due_report
from cchc.schedule.deadlines import classify, deadlines, occurrences
from cchc.schedule.timeexpr import parse_time

D = date
TODAY = D(2024, 6, 1)


def one_item(write_plan: Callable[..., Path], fields: str) -> Plan:
    body = "sections:\n  - number: I\n    title: CẢI CÁCH THỂ CHẾ\n    items:\n      - id: a1\n        text: Việc\n"
    body += "        lead: [Sở Tư pháp]\n"
    body += "".join(f"        {line}\n" for line in fields.strip().splitlines())
    return load_plan(write_plan(body))


def states(plan: Plan, today: date = TODAY, horizon: date | None = None) -> list[tuple[str, date | None]]:
    entry = next(plan.leaves())
    out = []
    for dl in deadlines(entry, plan, today=today, horizon=horizon):
        out.append((classify(dl, entry.item.progress, today).state, dl.due))
    return out


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # the four buckets of the national tracking
        ("due: Quý I/2024\nprogress: {status: done, done_date: 2024-03-20}", ("done_on_time", D(2024, 3, 31))),
        ("due: Quý I/2024\nprogress: {status: done, done_date: 2024-04-02}", ("done_late", D(2024, 3, 31))),
        ("due: Quý IV/2024\nprogress: {status: in_progress}", ("pending", D(2024, 12, 31))),
        ("due: Quý I/2024", ("overdue", D(2024, 3, 31))),
        # and the others
        ("due: Trước ngày 05/06/2024", ("due_soon", D(2024, 6, 5))),
        ("due: Tháng 05/2024", ("overdue", D(2024, 5, 31))),
        ("due: Trước ngày 01/06/2024", ("due_soon", D(2024, 6, 1))),  # the end of the day, not its start
        ("due: Thường xuyên", ("ongoing", None)),
        ("due: Sau khi có thông báo của Bộ Tư pháp", ("waiting", None)),
        ("due: Quý I/2024\nprogress: {status: cancelled}", ("cancelled", D(2024, 3, 31))),
        ("due: Quý I/2024\nprogress: {status: done}", ("done", D(2024, 3, 31))),
        ("due: Quý", ("unknown", None)),
    ],
)
def test_classification(write_plan: Callable[..., Path], fields: str, expected: tuple[str, date | None]) -> None:
    assert states(one_item(write_plan, fields)) == [expected]


def test_due_date_override_wins(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Theo quy định\ndue_date: 2024-06-20")
    assert states(plan) == [("pending", D(2024, 6, 20))]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trong 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ gửi thẩm định", D(2024, 3, 30)),
        ("Trình UBND tỉnh chậm nhất là 10 ngày trước ngày văn bản hết hiệu lực", D(2024, 3, 5)),
        ("Trong 5 ngày làm việc kể từ ngày nhận hồ sơ", D(2024, 3, 22)),  # Fri 15 → Fri 22
    ],
)
def test_event_date_turns_waiting_into_a_date(write_plan: Callable[..., Path], text: str, due: date) -> None:
    plan = one_item(write_plan, f"due: {text}\nevent_date: 2024-03-15")
    assert states(plan) == [("overdue", due)]


def test_an_event_starts_sau_khi_work_it_does_not_end_it(write_plan: Callable[..., Path]) -> None:
    # "Sau khi có thông báo …": staff read the event as the start of the work, not its deadline.
    plan = one_item(write_plan, "due: Sau khi có thông báo của Bộ Tư pháp\nevent_date: 2024-03-15")
    entry = next(plan.leaves())
    (dl,) = deadlines(entry, plan, today=TODAY)
    status = classify(dl, entry.item.progress, TODAY)
    assert (status.state, dl.due, dl.start, dl.event) == ("started", None, D(2024, 3, 15), D(2024, 3, 15))
    # A configured grace (`event-grace = "30d"`) gives it a deadline, counted from the event.
    (dl,) = deadlines(entry, plan, today=TODAY, event_grace=30)
    assert (classify(dl, None, TODAY).state, dl.due, dl.source) == ("overdue", D(2024, 4, 14), "event_grace")
    # Without the event recorded it waits; a due_date always wins.
    waiting = one_item(write_plan, "due: Sau khi có thông báo của Bộ Tư pháp")
    assert states(waiting) == [("waiting", None)]
    dated = one_item(write_plan, "due: Sau khi có thông báo\nevent_date: 2024-03-15\ndue_date: 2024-06-20")
    assert states(dated) == [("pending", D(2024, 6, 20))]


def test_done_late_counts_days_to_the_done_date_not_to_today(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Quý I/2024\nprogress: {status: done, done_date: 2024-04-05}")
    entry = next(plan.leaves())
    (dl,) = deadlines(entry, plan, today=D(2024, 8, 1))
    status = classify(dl, entry.item.progress, D(2024, 8, 1))
    assert (status.state, status.days) == ("done_late", -5)  # 5 days late, not 122 (today − due)
    early = one_item(write_plan, "due: Quý I/2024\nprogress: {status: done, done_date: 2024-03-28}")
    assert (
        classify(deadlines(next(early.leaves()), early, today=TODAY)[0], next(early.leaves()).item.progress, TODAY).days
        == 3
    )


def test_occurrences_inside_an_asked_period(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Hàng tháng\nprogress: {status: in_progress, done_date: 2024-04-10}")
    entry = next(plan.leaves())
    found = deadlines(entry, plan, today=TODAY, since=D(2024, 4, 1), horizon=D(2024, 6, 30))
    got = [(dl.due, classify(dl, entry.item.progress, TODAY).state) for dl in found]
    # April met by the done date, May past and not recorded, June still ahead.
    assert got == [(D(2024, 4, 30), "done"), (D(2024, 5, 31), "missed"), (D(2024, 6, 30), "pending")]


def test_event_date_is_inherited_from_the_parent(write_plan: Callable[..., Path]) -> None:
    body = """\
    sections:
      - number: I
        title: X
        items:
          - id: t1
            lead: [Sở Tư pháp]
            event_date: 2024-05-20
            items:
              - id: a1
                due: Trong 15 ngày kể từ ngày có thông báo
    """
    plan = load_plan(write_plan(body))
    assert states(plan) == [("due_soon", D(2024, 6, 4))]


def test_monthly_occurrences_inside_the_window(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Hàng tháng")
    assert states(plan, horizon=D(2024, 8, 15)) == [("pending", D(2024, 6, 30)), ("pending", D(2024, 7, 31))]
    entry = next(plan.leaves())
    first = deadlines(entry, plan, today=TODAY)[0]
    assert first.missed == D(2024, 5, 31)  # nothing recorded for May


def test_done_date_meets_the_current_occurrence(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Hàng tháng\nprogress: {status: in_progress, done_date: 2024-06-01}")
    entry = next(plan.leaves())
    first = deadlines(entry, plan, today=TODAY)[0]
    # A completion on 1 June is the latest one: it covers the occurrences that began before it.
    assert (first.due, first.missed) == (D(2024, 7, 31), None)


def test_quarterly_report_before_the_15th_of_the_last_month() -> None:
    reading = parse_time("Trước ngày 15 của tháng cuối quý", year=2024)
    assert occurrences(reading, D(2024, 12, 31)) == [D(2024, 3, 15), D(2024, 6, 15), D(2024, 9, 15), D(2024, 12, 15)]


def test_yearly_in_q4_over_a_multi_year_plan() -> None:
    reading = parse_time("Quý IV hàng năm", year=2025)
    assert occurrences(reading, D(2030, 12, 31)) == [D(y, 12, 31) for y in range(2025, 2031)]
    late_start = parse_time("Hàng năm (thực hiện từ Quý IV/2025)", year=2025)
    assert occurrences(late_start, D(2026, 12, 31)) == [D(2025, 12, 31), D(2026, 12, 31)]


def test_repetition_ends_with_the_plan(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Hàng tháng")
    assert states(plan, today=D(2025, 2, 1)) == [("ended", None)]


def test_compound_milestones_are_separate_deadlines(write_plan: Callable[..., Path]) -> None:
    plan = one_item(write_plan, "due: Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024")
    assert states(plan) == [("overdue", D(2024, 1, 31)), ("pending", D(2024, 12, 10))]
    done = one_item(
        write_plan,
        "due: Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024\n"
        "progress: {status: done, done_date: 2024-12-01}",
    )
    assert states(done) == [("done_late", D(2024, 1, 31)), ("done_on_time", D(2024, 12, 10))]


def test_report_lists_overdue_and_window_sorted(write_plan: Callable[..., Path]) -> None:
    body = """\
    sections:
      - number: I
        title: X
        items:
          - {id: a, lead: [Sở Tư pháp], due: Quý IV/2024}
          - {id: b, lead: [Sở Tư pháp], due: Trước ngày 20/06/2024}
          - {id: c, support: [Sở Tư pháp], lead: [Sở Nội vụ], due: Tháng 02/2024}
          - {id: d, lead: [Sở Tư pháp], due: Thường xuyên}
          - {id: e, lead: [Sở Nội vụ], due: Tháng 05/2024}
    """
    plan = load_plan(write_plan(body))
    report = due_report([plan], "so tu phap", today=TODAY)
    assert [(r.entry.item.id, r.role, r.state) for r in report.rows] == [
        ("c", "support", "overdue"),
        ("b", "lead", "pending"),
    ]
    assert report.hidden == {"pending": 1, "ongoing": 1}
    lead_only = due_report([plan], "Sở Tư pháp", "lead", today=TODAY, overdue_only=True)
    assert lead_only.rows == ()


def test_one_item_due_the_plans_first_year_for_a_time_without_one(write_plan: Callable[..., Path]) -> None:
    """`Quý II` in a 2024–2026 plan: the deadlines and the agency logic read the same day."""
    from cchc.schedule.deadlines import item_due

    text = plan_text(
        """\
        sections:
          - number: I
            title: X
            items:
              - id: q2
                text: Việc
                lead: [Sở Tư pháp]
                due: Quý II
        """
    ).replace("period: {start: 2024, end: 2024}", "period: {start: 2024, end: 2026}")
    plan = load_plan(write_plan(text, raw=True))
    entry = plan.entry("q2")
    assert entry is not None
    [deadline] = deadlines(entry, plan, today=TODAY)
    assert deadline.due == item_due(plan, entry) == date(2024, 6, 30)
