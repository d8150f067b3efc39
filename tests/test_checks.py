"""Every check with its failing and passing example: code, line and column of each problem.

Plans are the standard test header (tests/conftest.py, 14 lines) followed by the sections
below, so the first section is on line 15.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cchc.checks.config import Config
from cchc.checks.runner import validate_file


def found(path: Path, *, select: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    problems = validate_file(path, config=Config(select=select))
    return sorted((p.code, p.loc.line, p.loc.col) for p in problems)


ONE_ITEM = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: "1"
        text: {text}
        lead: [{lead}]
        due: Quý II/2024
"""
# line 21: `        text: …` (value at column 15); line 22: `        lead: [` (first agency at column 16).


def one_item(text: str = "Rà soát văn bản", lead: str = "Sở Tư pháp") -> str:
    return ONE_ITEM.format(text=text, lead=lead)


CASES = [
    # (code, plan sections, expected problems)
    ("X101", one_item("<p>Rà soát văn bản</p>"), [("X101", 21, 15)]),
    ("X101", one_item("Rà soát $\\geq 80\\%$ văn bản"), [("X101", 21, 23)]),
    ("X101", one_item('"<ul style=\\"list-style-type: none\\"> - Rà soát"'), [("X101", 21, 16)]),
    ("X101", one_item(), []),
    ("X102", one_item('"Cải cách thể che\\u0302\\u0301"'), [("X102", 21, 31)]),
    ("X102", one_item("Cải cách thể chế"), []),
    ("X103", one_item("Số hóa hồ sơ, chuẩn hoá quy trình", "Ủy ban nhân dân tỉnh"), [("X103", 21, 35)]),
    ("X103", one_item("Số hóa hồ sơ, chuẩn hóa quy trình", "Ủy ban nhân dân tỉnh"), []),
    ("X103", one_item("Số hoá hồ sơ, chuẩn hoá quy trình", "Uỷ ban nhân dân tỉnh"), []),
    ("X103", one_item("Số hoá hồ sơ, chuẩn hoá", "Ủy ban nhân dân tỉnh"), [("X103", 22, 16)]),
    ("X104", one_item("Rà soát  văn bản"), [("X104", 21, 22)]),
    ("X104", one_item('"Rà soát văn bản "'), [("X104", 21, 31)]),
    ("X104", one_item('" Rà soát văn bản"'), [("X104", 21, 16)]),
    ("X104", one_item("Rà soát văn bản", "Sở\u00a0Tư pháp"), [("X104", 22, 18)]),
    ("X104", one_item(), []),
    (
        "X104",
        """\
        sections:
          - number: I
            title: CẢI CÁCH THỂ CHẾ
            items:
              - id: a
                number: "1"
                text: |
                  Rà soát văn bản
                  Kiểm tra  văn bản
                lead: [Sở Tư pháp]
                due: Quý II/2024
        """,
        [("X104", 23, 19)],
    ),
    (
        "N102",
        """\
        sections:
          - number: I
            title: CẢI CÁCH THỂ CHẾ
            items:
              - id: a
                number: "1"
                text: Rà soát văn bản
                due: Quý II/2024
        """,
        [("N102", 19, 9)],
    ),
    # Inherited from a parent (a merged cell) counts.
    (
        "N102",
        """\
        sections:
          - number: I
            title: CẢI CÁCH THỂ CHẾ
            items:
              - id: a
                number: "1"
                text: Rà soát văn bản
                lead: [Sở Tư pháp]
                items:
                  - id: a1
                    text: Lập danh mục
                    due: Quý II/2024
        """,
        [],
    ),
    (
        "N103",
        """\
        sections:
          - number: I
            title: CẢI CÁCH THỂ CHẾ
            items:
              - id: a
                number: "1"
                text: Rà soát văn bản
                lead: [Sở Tư pháp]
              - id: b
                number: "2"
                lead: [Sở Tư pháp]
                due: Quý II/2024
        """,
        [("N103", 19, 9), ("N103", 23, 9)],
    ),
    ("N103", one_item(), []),
]


@pytest.mark.parametrize(("code", "sections", "expected"), CASES)
def test_check_examples(
    write_plan: Callable[..., Path], code: str, sections: str, expected: list[tuple[str, int, int]]
) -> None:
    assert found(write_plan(sections), select=(code,)) == expected


def numbered(*sections: tuple[str, list[str]]) -> str:
    """Sections of one-line items: `(section number, [item numbers])`; item k of a section is on a known line."""
    out = ["sections:"]
    for number, items in sections:
        out += [f"  - number: {number}", "    title: Phần", "    items:"]
        for i, item in enumerate(items):
            out.append(f'      - {{id: s{number}-{i}, number: "{item}", text: Việc, lead: [Sở], due: Năm 2024}}')
    return "\n".join(out) + "\n"


# Section I is on line 16, its items from line 19; the number value is at column 28 for `sI-<k>` ids.
NUMBERING = [
    ("running 1..4", numbered(("I", ["1", "2"]), ("II", ["3", "4"])), []),
    ("restart per section", numbered(("I", ["1", "2"]), ("II", ["1", "2"])), []),
    ("gap", numbered(("I", ["1", "3"])), [("N101", 20, 28)]),
    ("duplicate", numbered(("I", ["1", "2", "2", "3"])), [("N101", 21, 28)]),
    ("out of order", numbered(("I", ["1", "3", "2", "4"])), [("N101", 20, 28), ("N101", 21, 28)]),
    ("dotted", numbered(("I", ["1.1", "1.2", "1.4"])), [("N101", 21, 28)]),
    ("letters with đ", numbered(("I", ["a", "b", "c", "d", "đ", "e"])), []),
    ("latin letters", numbered(("I", ["a", "b", "c", "d", "e", "f"])), []),
    ("section gap", numbered(("I", ["1"]), ("III", ["2"])), [("N101", 20, 13)]),
    ("sections A, B", numbered(("A", ["1"]), ("B", ["2"])), []),
    # A running sequence in which the second section restarts by mistake.
    ("running, one restart", numbered(("I", ["1", "2"]), ("II", ["3", "4"]), ("III", ["1", "6"])), [("N101", 29, 30)]),
]


@pytest.mark.parametrize(("name", "sections", "expected"), NUMBERING, ids=[c[0] for c in NUMBERING])
def test_numbering(
    write_plan: Callable[..., Path], name: str, sections: str, expected: list[tuple[str, int, int]] | None
) -> None:
    result = found(write_plan(sections), select=("N101",))
    if expected is None:  # the mode that fits best wins: one break, not a cascade
        assert len(result) == 1
    else:
        assert result == expected


def test_numbering_runs_through_objectives_and_tasks(write_plan: Callable[..., Path]) -> None:
    # Seed 000's style: objective 1, its tasks 2 and 3, objective 4 — one sequence over every level.
    plan = write_plan(
        """\
        sections:
          - number: I
            title: Phần
            items:
              - id: o1
                number: "1"
                text: Mục tiêu
                items:
                  - {id: t2, number: "2", text: Việc, lead: [Sở], due: Năm 2024}
                  - {id: t3, number: "3", text: Việc, lead: [Sở], due: Năm 2024}
              - id: o4
                number: "5"
                text: Mục tiêu
                lead: [Sở]
                due: Năm 2024
        """
    )
    assert found(plan, select=("N101",)) == [("N101", 26, 17)]


def test_numbering_message_names_the_missing_number(write_plan: Callable[..., Path]) -> None:
    [problem] = validate_file(write_plan(numbered(("I", ["1", "2", "5"]))), config=Config(select=("N101",)))
    assert "thiếu 3 … 4" in problem.message
    assert problem.hint == "kế hoạch này đánh số liên tục trong cả phụ lục"
