"""`--agency` matching (direct, qua nhóm, kế thừa), `cchc tasks` and `cchc agencies`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cchc.agencies.match import match_entries
from cchc.cli import app
from cchc.errors import CchcError
from cchc.plan.loader import load_plan

ROOT = Path(__file__).resolve().parent.parent
TASKS_SCHEMA = json.loads((ROOT / "schema" / "cchc-tasks-1.schema.json").read_text(encoding="utf-8"))
AGENCIES_SCHEMA = json.loads((ROOT / "schema" / "cchc-agencies-1.schema.json").read_text(encoding="utf-8"))

PLAN = """\
format: cchc-plan/1
plan:
  province: Ví Dụ
  title: Kế hoạch CCHC giai đoạn 2025-2030
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
    title: THỂ CHẾ
    items:
      - id: a1
        number: "1"
        text: Rà soát văn bản QPPL
        lead: [Sở Tư pháp]
        support: ["Các cơ quan, đơn vị có liên quan"]
        due: Quý IV/2025
      - id: a2
        number: "2"
        text: Cập nhật TTHC
        lead:
          - "- Văn phòng UBND tỉnh; - Các Sở, ban, ngành"
        due: Thường xuyên
      - id: a3
        number: "3"
        text: Chuyển đổi số
        lead: [Sở TTTT]
        support: [Sở Tư pháp]
        due: Quý I/2026
        due_date: 2026-03-31
      - id: a4
        number: "4"
        text: Việc cũ của Sở TTTT
        lead: [Sở Thông tin và Truyền thông]
        due: Tháng 01/2025
        due_date: 2025-01-31
      - id: a5
        number: "5"
        text: Việc của huyện
        lead: ["UBND huyện, thành phố"]
        due: Năm 2026
"""


ONE_ITEM = """\
sections:
  - number: I
    title: X
    items:
      - id: a
        text: Việc
        lead: [{lead}]
"""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "2025-2030.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _ids(plan_path: Path, agency: str, role: str = "any", direct_only: bool = False) -> list[tuple[str, str, str]]:
    plan = load_plan(plan_path)
    return [(m.entry.item.id, m.role, m.how) for m in match_entries([plan], agency, role, direct_only=direct_only)]


def test_direct_and_via_group(plan_path: Path) -> None:
    assert _ids(plan_path, "so tu phap") == [
        ("a1", "lead", "trực tiếp"),
        ("a2", "lead", 'qua nhóm "Các sở, ban, ngành"'),
        ("a3", "support", "trực tiếp"),
    ]
    assert _ids(plan_path, "Sở Tư pháp", direct_only=True) == [
        ("a1", "lead", "trực tiếp"),
        ("a3", "support", "trực tiếp"),
    ]
    assert _ids(plan_path, "Sở Tư pháp", role="support") == [("a3", "support", "trực tiếp")]


def test_inherited_from_predecessor_only_after_it_ended(plan_path: Path) -> None:
    # a3 is due after Sở TTTT merged into Sở KH&CN (2025-03-01); a4 was due before.
    assert _ids(plan_path, "Sở KH&CN", role="lead", direct_only=True) == [
        ("a3", "lead", "kế thừa từ Sở Thông tin và Truyền thông")
    ]
    assert [i for i, _r, _h in _ids(plan_path, "Sở TTTT")] == ["a3", "a4"]


def test_unknown_agency_is_exit_2_with_suggestion(plan_path: Path) -> None:
    with pytest.raises(CchcError) as err:
        list(match_entries([load_plan(plan_path)], "Sở Tư phapp"))
    assert err.value.problems[0].code == "A001"
    result = CliRunner().invoke(app, ["tasks", str(plan_path), "--agency", "Sở Tư phapp"])
    assert result.exit_code == 2 and "bạn có muốn: Sở Tư pháp" in result.output


def test_tasks_same_rows_for_folded_and_real_name(runner: CliRunner, plan_path: Path) -> None:
    runs = [
        runner.invoke(app, ["tasks", str(plan_path), "--agency", name, "-f", "json", "--today", "2025-06-01"])
        for name in ("so tu phap", "Sở Tư pháp")
    ]
    assert [r.exit_code for r in runs] == [0, 0]
    first, second = (json.loads(r.stdout) for r in runs)
    assert first["agency"] == "so tu phap" and second["agency"] == "Sở Tư pháp"
    assert first["agency_name"] == second["agency_name"] == "Sở Tư pháp"  # the registry's name, not what was typed
    assert first["items"] == second["items"]
    jsonschema.validate(first, TASKS_SCHEMA)
    rows = first["items"]
    assert [(r["id"], r["number"], r["role"], r["how"]) for r in rows] == [
        ("a1", "1", "lead", "trực tiếp"),
        ("a2", "2", "lead", 'qua nhóm "Các sở, ban, ngành"'),
        ("a3", "3", "support", "trực tiếp"),
    ]
    assert [(r["time_text"], r["due"], r["state"], r["state_label"]) for r in rows] == [
        ("Quý IV/2025", "2025-12-31", "pending", "Trong hạn"),
        ("Thường xuyên", None, "ongoing", "Thường xuyên"),
        ("Quý I/2026", "2026-03-31", "pending", "Trong hạn"),
    ]


def test_tasks_table_csv_md(runner: CliRunner, plan_path: Path) -> None:
    table = runner.invoke(app, ["tasks", str(plan_path), "--agency", "so tu phap", "--today", "2025-06-01"])
    assert table.exit_code == 0 and "Việc của Sở Tư pháp: 3 mục" in table.output
    assert "a1 " in table.output and "Trong hạn: 2 · Thường xuyên: 1." in table.output
    out = runner.invoke(app, ["tasks", str(plan_path), "-a", "Sở Tư pháp", "-f", "csv", "--today", "2025-06-01"]).output
    assert out.startswith("\ufeff")  # UTF-8 BOM: Excel on Windows reads the Vietnamese right
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert list(rows[0])[:6] == ["plan", "plan_name", "province", "id", "number", "text"]
    assert len(rows) == 3 and rows[1]["how"] == 'qua nhóm "Các sở, ban, ngành"' and rows[1]["id"] == "a2"
    md = runner.invoke(app, ["tasks", str(plan_path), "-a", "Sở Tư pháp", "-f", "md", "--today", "2025-06-01"]).output
    lines = md.splitlines()
    assert lines[0].startswith("### Việc của Sở Tư pháp: 3 mục")
    assert lines[2].startswith("| Mã | Nội dung | Vai trò |") and "| a2 |" in md


def test_csv_never_starts_a_formula() -> None:
    from cchc.reports.tasks_view import to_csv
    from cchc.reports.usage import TaskRow

    row = TaskRow("p.yaml", "P", "P", "x", "1", "=HYPERLINK(1)", "lead", None, "trực tiếp", (), "- Quý I", None, "", "")
    body = to_csv([row]).splitlines()[1]
    assert "'=HYPERLINK(1)" in body and "'- Quý I" in body


def test_bad_role_is_exit_2(runner: CliRunner, plan_path: Path) -> None:
    result = runner.invoke(app, ["tasks", str(plan_path), "-a", "Sở Tư pháp", "--role", "boss"])
    assert result.exit_code == 2


def test_agencies_counts(runner: CliRunner, plan_path: Path) -> None:
    result = runner.invoke(app, ["agencies", str(plan_path), "-f", "json", "--today", "2025-06-01"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    jsonschema.validate(data, AGENCIES_SCHEMA)
    counts = {a["name"]: (a["leads"], a["supports"], a["via_groups"], a["overdue"]) for a in data["agencies"]}
    assert counts["Sở Tư pháp"] == (1, 1, 1, 0)  # a2 via "Các sở, ban, ngành"
    assert counts["Văn phòng UBND tỉnh"] == (1, 0, 0, 0)
    # Merged before a2's time, so not reached through the group; a4 (01/2025) is overdue.
    assert counts["Sở Thông tin và Truyền thông"] == (2, 0, 0, 1)
    assert (data["mentions"], data["resolved"], data["unresolved"]) == (8, 8, [])


def test_agencies_reports_unresolved(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.format(lead="Sở Tư phap; Hội Luật gia tỉnh"))
    result = runner.invoke(app, ["agencies", str(path)])
    assert result.exit_code == 1
    assert "Hội Luật gia tỉnh" in result.output and "1/2 lần nêu tên" in result.output


def test_real_plan_tasks_same_rows_and_via_group(runner: CliRunner) -> None:
    plan = Path(__file__).resolve().parent.parent / "plans" / "tuyen-quang" / "2024.yaml"
    runs = [
        runner.invoke(app, ["tasks", str(plan), "--agency", name, "-f", "json", "--today", "2024-06-01"])
        for name in ("so tu phap", "Sở Tư pháp")
    ]
    assert runs[0].exit_code == 0 and json.loads(runs[0].stdout)["items"] == json.loads(runs[1].stdout)["items"]
    hows = {r["how"] for r in json.loads(runs[0].stdout)["items"]}
    assert {"trực tiếp", 'qua nhóm "Các sở, ban, ngành"'} <= hows


def test_agencies_reports_registry_problems(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.format(lead="Sở Tư pháp"))
    (path.parent / "agencies.yaml").write_text(
        "format: cchc-agencies/1\nagencies:\n  - name: Hội Luật gia tỉnh\n    aliases: [STP]\n    groups: [Các hội]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["agencies", str(path)])
    assert result.exit_code == 1
    assert "A010" in result.output and "'Các hội'" in result.output
    assert "A011" in result.output and "Sở Tư pháp; Hội Luật gia tỉnh" in result.output


def test_tasks_of_an_ended_agency_name_the_successor(plan_path: Path) -> None:
    result = CliRunner().invoke(app, ["tasks", str(plan_path), "-a", "Sở TTTT", "-f", "json", "--today", "2025-06-01"])
    assert result.exit_code == 0
    assert "Lưu ý: Sở Thông tin và Truyền thông không còn từ 01/03/2025 — nay là Sở Khoa học và Công nghệ." in (
        result.stderr
    )
    assert [r["number"] for r in json.loads(result.stdout)["items"]] == ["3", "4"]


def test_direct_coordination_outranks_lead_through_a_group(write_plan: Callable[..., Path]) -> None:
    from cchc.agencies.match import match_entries
    from cchc.plan.loader import load_plan

    plan = load_plan(
        write_plan(
            """\
            sections:
              - number: I
                title: X
                items:
                  - id: a
                    text: Việc chung
                    lead: ["Các sở, ban, ngành"]
                    support: [Sở Nội vụ]
                    due: Quý II/2024
            """
        )
    )
    (match,) = match_entries([plan], "Sở Nội vụ")
    assert (match.role, match.via, match.how) == ("support", None, "trực tiếp")
    (lead,) = match_entries([plan], "Sở Nội vụ", role="lead")
    assert (lead.role, lead.via) == ("lead", "Các sở, ban, ngành")
