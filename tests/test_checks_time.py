"""Time checks T101–T106: each flags its failing example at the right line and column, not the passing one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cchc.checks import CHECKS, Context
from cchc.errors import Severity
from cchc.plan.loader import load_plan

TIME_CHECKS = [c for c in CHECKS if c.CODE.startswith("T")]


def run(
    write_plan: Callable[..., Path], items: str, today: date | None = date(2024, 6, 1)
) -> list[tuple[str, int, int]]:
    body = "sections:\n  - number: I\n    title: X\n    items:\n" + "".join(
        f"      {line}\n" for line in items.strip("\n").splitlines()
    )
    plan = load_plan(write_plan(body))
    found = []
    for module in TIME_CHECKS:
        found += [(p.code, p.loc.line, p.loc.col) for p in module.check(plan, Context(plan, today=today))]
    return sorted(found)


# The plan header (tests/conftest.py) is 14 lines; the item starts on line 19, its fields at column 9.
CASES = [
    ("T101", "- id: a\n  due: Quý", [("T101", 20, 14)]),
    ("T101", "- id: a\n  due: Quý I/2024", []),
    ("T101", "- id: a\n  due: Quý\n  due_date: 2024-03-31", []),
    ("T102", "- id: a\n  start: Tháng 12/2024\n  due: Tháng 01/2024", [("T102", 21, 14)]),
    ("T102", "- id: a\n  start: Tháng 12/2023\n  due: Tháng 01/2024", [("T103", 20, 16)]),
    ("T103", "- id: a\n  due: Quý IV/2025", [("T103", 20, 14)]),
    ("T103", "- id: a\n  due: Quý IV/2024", []),
    ("T104", "- id: a\n  due: Quý I/2024\n  progress:\n    status: done", [("T104", 22, 19)]),
    ("T104", "- id: a\n  due: Quý I/2024\n  progress: {status: done, done_date: 2024-03-01}", []),
    ("T105", "- id: a\n  due: Quý IV/2024\n  progress: {status: done, done_date: 2024-12-25}", [("T105", 21, 45)]),
    ("T105", "- id: a\n  due: Quý IV/2024\n  progress: {status: done, done_date: 2024-05-25}", []),
    ("T106", "- id: a\n  due: Quý II/2024\n  event_date: 2024-03-15", [("T106", 21, 21)]),
    ("T106", "- id: a\n  due: Sau khi có thông báo của Bộ Tư pháp\n  event_date: 2024-03-15", []),
]


@pytest.mark.parametrize(("code", "items", "expected"), CASES)
def test_time_check(
    write_plan: Callable[..., Path], code: str, items: str, expected: list[tuple[str, int, int]]
) -> None:
    assert run(write_plan, items) == expected


def test_future_done_date_needs_today(write_plan: Callable[..., Path]) -> None:
    items = "- id: a\n  due: Quý IV/2024\n  progress: {status: done, done_date: 2099-12-25}"
    assert run(write_plan, items, today=None) == []


def test_parent_event_date_serving_waiting_children_is_used(write_plan: Callable[..., Path]) -> None:
    items = """\
- id: t
  event_date: 2024-03-15
  items:
    - {id: a, due: Trong 15 ngày kể từ ngày nhận hồ sơ}
"""
    assert run(write_plan, items) == []


def test_every_time_check_module_documents_itself() -> None:
    for module in TIME_CHECKS:
        doc = module.__doc__ or ""
        assert doc.startswith(f"{module.CODE} {module.NAME}:")
        assert "Failing" in doc and "Passing" in doc
        assert isinstance(module.SEVERITY, Severity)
