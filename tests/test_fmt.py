"""`cchc fmt` and `cchc.plan.writer`: one canonical layout, idempotent, comments kept, values never retyped."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan import writer as yamlio
from cchc.plan.loader import discover, parse_plan

ROOT = Path(__file__).resolve().parent.parent

MESSY = """\
# Kế hoạch thử: mọi chú thích phải còn sau khi định dạng.
plan:
  title: 'Kế hoạch CCHC năm 2024'   # trích yếu
  province: Tuyên Quang
  period:
    end: 2024
    start: 2024
format: cchc-plan/1
annex:
  columns:
  - key: number
    label: TT
  - {label: "NHIỆM VỤ, GIẢI PHÁP", key: task}
  - {key: lead, label: CHỦ TRÌ}
  title: PHỤ LỤC
sections:
- title: CẢI CÁCH THỂ CHẾ
  number: I
  items:
  # mục đầu tiên
  - text: >-
      Rà soát văn bản
    id: a  # id ổn định
    number: 1.10
    lead: [Sở Tư pháp, 'Sở Nội vụ']
    due: 2024
    note: "yes"
    items:
    - id: a1
      number: 1
      text: |
        Dòng một
        Dòng hai
"""

CANONICAL = """\
# Kế hoạch thử: mọi chú thích phải còn sau khi định dạng.
format: cchc-plan/1
plan:
  province: Tuyên Quang
  title: Kế hoạch CCHC năm 2024     # trích yếu
  period: {start: 2024, end: 2024}
annex:
  title: PHỤ LỤC
  columns:
    - {key: number, label: TT}
    - {key: task, label: 'NHIỆM VỤ, GIẢI PHÁP'}
    - {key: lead, label: CHỦ TRÌ}
sections:
  - number: "I"
    title: CẢI CÁCH THỂ CHẾ
    items:
      # mục đầu tiên
      - id: a # id ổn định
        number: "1.10"
        text: Rà soát văn bản
        lead:
          - Sở Tư pháp
          - Sở Nội vụ
        due: 2024
        note: "yes"
        items:
          - id: a1
            number: "1"
            text: |
              Dòng một
              Dòng hai
"""


def test_format_text_canonical_layout() -> None:
    assert yamlio.format_text(MESSY, "/nonexistent/plan.yaml") == CANONICAL


def test_format_keeps_every_value() -> None:
    before = parse_plan(MESSY, "p.yaml")
    after = parse_plan(yamlio.format_text(MESSY, "/nonexistent/plan.yaml"), "p.yaml")
    items = [(e.item.id, e.item.number, e.item.text, e.item.lead, e.item.due) for e in before.entries()]
    assert items == [(e.item.id, e.item.number, e.item.text, e.item.lead, e.item.due) for e in after.entries()]
    assert after.item("a") is not None and after.item("a").number == "1.10"  # type: ignore[union-attr]


def test_schema_line_is_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cchc-plan-1.schema.json").write_text("{}", encoding="utf-8")
    plan = tmp_path / "plans" / "ha-tinh" / "2024.yaml"
    plan.parent.mkdir(parents=True)
    assert yamlio.schema_line(plan) == "# yaml-language-server: $schema=../../schema/cchc-plan-1.schema.json"
    text = yamlio.format_text(MESSY, plan)
    assert text.splitlines()[:2] == [
        "# yaml-language-server: $schema=../../schema/cchc-plan-1.schema.json",
        "# Kế hoạch thử: mọi chú thích phải còn sau khi định dạng.",
    ]
    assert yamlio.format_text(text, plan) == text


def test_fmt_twice_changes_nothing_and_keeps_comments(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MESSY, encoding="utf-8")
    first = runner.invoke(app, ["fmt", str(path)])
    assert first.exit_code == 0
    assert "đã định dạng (formatted)" in first.stdout
    once = path.read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in MESSY.splitlines() if "#" in line]
    assert all(c in once for c in comments)
    second = runner.invoke(app, ["fmt", str(path)])
    assert second.exit_code == 0
    assert path.read_text(encoding="utf-8") == once
    assert "0 tệp đã định dạng (reformatted), 1 tệp đã đúng chuẩn." in second.stdout


def test_fmt_check_prints_diff_and_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MESSY, encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--check", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == MESSY
    assert "-  title: 'Kế hoạch CCHC năm 2024'   # trích yếu\n" in result.stdout
    assert '+        number: "1.10"\n' in result.stdout
    assert result.stdout.rstrip().endswith("1 tệp cần định dạng (would reformat), 0 tệp đã đúng chuẩn.")
    path.write_text(yamlio.format_text(MESSY, path), encoding="utf-8")
    assert runner.invoke(app, ["fmt", "--check", str(path)]).exit_code == 0


def test_fmt_refuses_a_file_the_loader_refuses(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    broken = MESSY.replace("format: cchc-plan/1", "format: cchc-plan/9")
    path.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 2
    assert "L010" in result.stderr
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("plan", discover([ROOT / "plans"]), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plans_in_repo_are_formatted(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    assert yamlio.format_text(text, plan) == text
