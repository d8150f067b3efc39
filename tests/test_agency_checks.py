"""Agency checks A101 (unknown), A102 (outside validity, "nay là …"), A103 (lead is support)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from cchc.checks import CHECKS, Context
from cchc.errors import Severity
from cchc.plan.loader import load_plan

HEADER = """\
format: cchc-plan/1
plan:
  province: Ví Dụ
  title: Kế hoạch
  period: {start: 2025, end: 2030}
annex:
  title: PHỤ LỤC
  columns:
    - {key: number, label: STT}
    - {key: task, label: Nhiệm vụ}
    - {key: lead, label: Chủ trì}
    - {key: support, label: Phối hợp}
    - {key: due, label: Thời gian}
sections:
  - number: I
    title: X
    items:
"""


def run(tmp_path: Path, items: str, module: str) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(HEADER + items, encoding="utf-8")
    check = importlib.import_module(f"cchc.checks.{module}")
    plan = load_plan(path)
    problems = list(check.check(plan, Context(plan)))
    assert all(p.severity is Severity.WARNING and p.loc.file == str(path) for p in problems)
    return [(p.code, p.loc.line, p.loc.col, p.message + " | " + (p.hint or "")) for p in problems]


def test_checks_are_registered() -> None:
    assert {"agency_unknown", "agency_validity", "agency_lead_support"} <= {
        c.__name__.rsplit(".", 1)[-1] for c in CHECKS
    }
    for name in ("agency_unknown", "agency_validity", "agency_lead_support"):
        module = importlib.import_module(f"cchc.checks.{name}")
        assert module.__doc__ and "Failing" in module.__doc__ and "Passing" in module.__doc__
        assert module.CODE.startswith("A1")


def test_unknown_agency_with_suggestion(tmp_path: Path) -> None:
    items = """\
      - id: a
        text: Việc
        lead:
          - Sở Tư phápp
        support:
          - Văn phòng UBND tỉnh; Sở Tư pháp
          - Hội Luật gia tỉnh
"""
    found = run(tmp_path, items, "agency_unknown")
    assert [(c, line, col) for c, line, col, _m in found] == [("A101", 21, 13), ("A101", 24, 13)]
    assert "'Sở Tư phápp'" in found[0][3] and "bạn có muốn: Sở Tư pháp" in found[0][3]
    assert "Hội Luật gia tỉnh" in found[1][3]


def test_known_agencies_pass(tmp_path: Path) -> None:
    items = """\
      - id: a
        text: Việc
        lead: [Sở Tư pháp]
        support: ["VP UBND tỉnh; các cơ quan, đơn vị có liên quan"]
"""
    assert run(tmp_path, items, "agency_unknown") == []


def test_merged_department_after_its_end(tmp_path: Path) -> None:
    items = """\
      - id: a
        text: Chuyển đổi số
        lead: [Sở Thông tin và Truyền thông]
        due: Quý I/2026
        due_date: 2026-03-31
      - id: b
        text: Việc của huyện
        support:
          - Sở Tư pháp
          - UBND huyện, thành phố
        due: Năm 2026
        due_date: 2026-12-31
      - id: c
        text: Việc trước khi sáp nhập
        lead: [Sở TTTT]
        due_date: 2025-02-28
      - id: d
        lead: [Sở Khoa học và Công nghệ]
        due_date: 2026-03-31
"""
    found = run(tmp_path, items, "agency_validity")
    assert [(c, line, col) for c, line, col, _m in found] == [("A102", 20, 16), ("A102", 27, 13)]
    assert "nay là Sở Khoa học và Công nghệ" in found[0][3] and "01/03/2025" in found[0][3]
    assert "UBND cấp huyện không còn từ 01/07/2025" in found[1][3] and "không có đơn vị kế thừa" in found[1][3]


def test_agency_before_it_exists(tmp_path: Path) -> None:
    items = """\
      - id: a
        lead: [Sở Nông nghiệp và Môi trường]
        due_date: 2024-12-31
"""
    found = run(tmp_path, items, "agency_validity")
    assert [(c, line, col) for c, line, col, _m in found] == [("A102", 19, 16)]
    assert "chỉ có từ 01/03/2025" in found[0][3]


def test_parent_cell_is_checked_against_its_children(tmp_path: Path) -> None:
    # A merged lead cell on a parent: reported once, at the parent, by the latest child due date.
    items = """\
      - id: p
        text: Nhóm việc
        lead: [Sở TTTT]
        items:
          - id: p1
            due_date: 2025-01-31
          - id: p2
            due_date: 2025-06-30
"""
    found = run(tmp_path, items, "agency_validity")
    assert [(c, line, col) for c, line, col, _m in found] == [("A102", 20, 16)]
    assert "30/06/2025" in found[0][3]


def test_lead_is_also_support(tmp_path: Path) -> None:
    items = """\
      - id: a
        text: Việc
        lead: [Văn phòng UBND tỉnh]
        support:
          - Sở Tư pháp
          - VP UBND tỉnh; các cơ quan liên quan
      - id: b
        text: Việc
        lead: [Sở Tư pháp]
        support: [Văn phòng UBND tỉnh]
"""
    found = run(tmp_path, items, "agency_lead_support")
    assert [(c, line, col) for c, line, col, _m in found] == [("A103", 23, 13)]
    assert "Văn phòng UBND tỉnh vừa chủ trì vừa phối hợp" in found[0][3]


@pytest.mark.parametrize("province", ["tuyen-quang", "ha-tinh"])
def test_real_plans_have_no_unknown_agency(province: str) -> None:
    root = Path(__file__).resolve().parent.parent / "plans" / province
    plans = sorted(p for p in root.glob("*.yaml") if p.name != "agencies.yaml")
    assert plans, f"the real plans of {province} are missing from plans/"
    check = importlib.import_module("cchc.checks.agency_unknown")
    loaded = [load_plan(path) for path in plans]
    found = [str(p) for plan in loaded for p in check.check(plan, Context(plan))]
    # Hà Tĩnh 2024 has one lead cell cut short in the source ("UBND cấp huyện, UBND"): reported.
    assert [f for f in found if "'UBND'" not in f] == []


def test_due_date_read_from_the_time_text(tmp_path: Path) -> None:
    # As in Hà Tĩnh 2024: "Sở TTTT … Năm 2024-2026" — the time reader puts the due date in 2026.
    items = """\
      - id: a
        text: Chuyển đổi số
        lead: [Sở TTTT]
        due: Năm 2024-2026
      - id: b
        text: Việc trong năm
        lead: [Sở TTTT]
        due: Quý IV/2024
"""
    found = run(tmp_path, items, "agency_validity")
    assert [(c, line, col) for c, line, col, _m in found] == [("A102", 20, 16)]
    assert "việc đến hạn 31/12/2026" in found[0][3] and "nay là Sở Khoa học và Công nghệ" in found[0][3]
