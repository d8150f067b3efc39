"""Per-occurrence progress of recurring items: the format (`progress.occurrences`), the deadlines
each occurrence gives, the national buckets counting them, and the older `done_date` way kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import plan_text
from typer.testing import CliRunner

from cchc.cli import app
from cchc.errors import CchcError
from cchc.plan.loader import load_plan, parse_plan
from cchc.plan.model import Plan
from cchc.plan.schema import json_schema
from cchc.plan.writer import format_text
from cchc.reports.due import due_report
from cchc.schedule.deadlines import (
    BUCKETS,
    classify,
    deadlines,
    default_occurrence,
    occurrence_key,
    recurring_periods,
)
from cchc.schedule.timeexpr import parse_time

D = date

MONTHLY = """\
sections:
  - number: I
    title: X
    items:
      - id: m
        text: Báo cáo tháng
        lead: [Sở Nội vụ]
        due: Hàng tháng
        progress:
          status: in_progress
          occurrences:
{records}
"""


def monthly(write_plan: Callable[..., Path], records: dict[str, str]) -> Plan:
    lines = "".join(f"            {key}: {{done_date: {day}}}\n" for key, day in records.items())
    return load_plan(write_plan(MONTHLY.format(records=lines.rstrip("\n"))))


def states(plan: Plan, today: date, horizon: date | None = None) -> list[tuple[str | None, str, date | None]]:
    entry = next(plan.leaves())
    return [
        (dl.occurrence, classify(dl, entry.item.progress, today).state, dl.due)
        for dl in deadlines(entry, plan, today=today, horizon=horizon)
    ]


def test_done_in_march_but_not_april_shows_april_missed(write_plan: Callable[..., Path]) -> None:
    plan = monthly(write_plan, {"2024-01": "2024-01-30", "2024-02": "2024-02-28", "2024-03": "2024-03-29"})
    found = states(plan, D(2024, 5, 10))
    assert found == [
        ("2024-01", "done_on_time", D(2024, 1, 31)),
        ("2024-02", "done_on_time", D(2024, 2, 29)),
        ("2024-03", "done_on_time", D(2024, 3, 31)),
        ("2024-04", "overdue", D(2024, 4, 30)),  # missed: counted in "not done, overdue"
        ("2024-05", "pending", D(2024, 5, 31)),
    ]
    entry = next(plan.leaves())
    april = deadlines(entry, plan, today=D(2024, 5, 10))[3]
    assert april.missed == D(2024, 4, 30)


def test_the_buckets_count_occurrences(write_plan: Callable[..., Path]) -> None:
    plan = monthly(write_plan, {"2024-01": "2024-01-30", "2024-02": "2024-03-04"})
    report = due_report([plan], "Sở Nội vụ", today=D(2024, 4, 10), within=30, show_all=True)
    buckets: dict[str, int] = {}
    for state, n in report.counts.items():
        if state in BUCKETS:
            buckets[BUCKETS[state]] = buckets.get(BUCKETS[state], 0) + n
    assert buckets == {"done_on_time": 1, "done_late": 1, "not_done_overdue": 1, "not_done_in_time": 1}


def test_a_completion_recorded_early_is_on_time(write_plan: Callable[..., Path]) -> None:
    plan = monthly(write_plan, {"2024-06": "2024-06-10"})
    assert ("2024-06", "done_on_time", D(2024, 6, 30)) in states(plan, D(2024, 6, 14))


def test_without_occurrences_the_older_done_date_rule_holds(write_plan: Callable[..., Path]) -> None:
    body = MONTHLY.replace("          occurrences:\n{records}\n", "          done_date: 2024-06-01\n")
    plan = load_plan(write_plan(body))
    # The latest completion covers what began before it; the past is not counted (as before).
    assert states(plan, D(2024, 6, 1)) == [("2024-07", "pending", D(2024, 7, 31))]


@pytest.mark.parametrize(
    ("text", "due", "key"),
    [
        ("Hàng tháng", D(2025, 3, 31), "2025-03"),
        ("Hàng quý", D(2025, 6, 30), "2025-Q2"),
        ("Trước ngày 15 của tháng cuối quý", D(2025, 9, 15), "2025-Q3"),
        ("Hàng năm", D(2025, 12, 31), "2025"),
        ("Quý IV hàng năm", D(2026, 12, 31), "2026"),
    ],
)
def test_occurrence_keys_name_the_period(text: str, due: date, key: str) -> None:
    assert occurrence_key(parse_time(text, year=2025), due) == key


def test_default_occurrence_is_the_last_due_if_open_else_the_running_one(write_plan: Callable[..., Path]) -> None:
    plan = monthly(write_plan, {"2024-03": "2024-03-29"})
    entry = next(plan.leaves())
    assert [p.key for p in recurring_periods(entry, plan)][:3] == ["2024-01", "2024-02", "2024-03"]
    early_april = default_occurrence(entry, plan, D(2024, 4, 3))
    assert early_april is not None and early_april.key == "2024-04"  # March is recorded: April runs
    plan = monthly(write_plan, {"2024-02": "2024-02-27"})
    entry = next(plan.leaves())
    late = default_occurrence(entry, plan, D(2024, 4, 3))
    assert late is not None and late.key == "2024-03"  # March is due and open: a late completion


def test_occurrence_keys_are_checked_by_the_loader(write_plan: Callable[..., Path]) -> None:
    with pytest.raises(CchcError) as caught:
        monthly(write_plan, {"2024-13": "2024-01-30", "tháng 3": "2024-03-30"})
    codes = sorted(p.code for p in caught.value.problems)
    assert codes == ["L009", "L009"]
    assert "YYYY-MM" in (caught.value.problems[0].hint or "")


def test_an_occurrence_needs_its_done_date(write_plan: Callable[..., Path]) -> None:
    text = MONTHLY.format(records="            2024-01: {evidence: Báo cáo}")
    with pytest.raises(CchcError) as caught:
        load_plan(write_plan(text))
    assert [p.code for p in caught.value.problems] == ["L007"]


def test_schema_accepts_occurrences_and_rejects_bad_keys() -> None:
    text = plan_text(MONTHLY.format(records="            2024-01: {done_date: 2024-01-30, evidence: BC 1}"))
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as YYYY-MM-DD text
    occurrences = data["sections"][0]["items"][0]["progress"]["occurrences"]
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    occurrences["2024-1"] = {"done_date": "2024-01-30"}
    assert any("2024-1" in e.message for e in validator.iter_errors(data))


def test_occurrences_round_trip_in_canonical_layout() -> None:
    text = plan_text(MONTHLY.format(records="            2024-02: {done_date: 2024-02-27, note: trễ}"))
    formatted = format_text(text, "plan.yaml")
    assert "            2024-02:\n              done_date: 2024-02-27\n              note: trễ\n" in formatted
    assert format_text(formatted, "plan.yaml") == formatted
    assert parse_plan(formatted, "plan.yaml").entry("m") is not None


def test_t105_sees_occurrence_dates(write_plan: Callable[..., Path], runner: CliRunner) -> None:
    path = write_plan(MONTHLY.format(records="            2024-02: {done_date: 2024-07-01}"))
    result = runner.invoke(app, ["validate", str(path), "--today", "2024-06-01"])
    assert result.exit_code == 1 and "T105" in result.output and "01/07/2024" in result.output


def test_cchc_diff_and_the_git_driver_show_occurrences(write_plan: Callable[..., Path], runner: CliRunner) -> None:
    old = write_plan(MONTHLY.format(records="            2024-01: {done_date: 2024-01-30}"), "old.yaml")
    records = (
        "            2024-01: {done_date: 2024-01-30}\n            2024-02: {done_date: 2024-03-04, evidence: BC 2}"
    )
    new = write_plan(MONTHLY.format(records=records), "new.yaml")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert "Hoàn thành kỳ 2024-02: (trống) → 2024-03-04 (BC 2)" in result.output
    line = runner.invoke(app, ["show", "--for-diff", str(new)]).output
    assert "2024-01: 2024-01-30, 2024-02: 2024-03-04 BC 2" in line
