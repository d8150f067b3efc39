"""`cchc due` and `cchc explain` on the command line: rows, formats, schema, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
JSON_SCHEMA = json.loads((ROOT / "schema" / "cchc-due-1.schema.json").read_text(encoding="utf-8"))
EXAMPLE = str(ROOT / "docs" / "examples")
PLANS = ROOT / "plans"

ITEMS = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - {id: a, number: "1", text: "Rà soát | văn bản *QPPL*", lead: [Sở Tư pháp], due: Quý I/2024}
      - {id: b, number: "2", text: "=HYPERLINK(1)", lead: [Sở Tư pháp],
         due: "- Sơ kết: Tháng 06/2024. - Tổng kết: Quý IV/2024."}
      - {id: c, number: "3", text: Thường lệ, lead: [Sở Tư pháp], due: Thường xuyên}
      - {id: d, number: "4", text: Chờ, support: [Sở Tư pháp], lead: [Sở Nội vụ],
         due: Theo Kế hoạch của Bộ Nội vụ}
"""


def test_json_output_follows_the_documented_schema(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    result = runner.invoke(app, ["due", str(path), "-a", "Sở Tư pháp", "--today", "2024-06-01", "-f", "json", "--all"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    jsonschema.validate(data, JSON_SCHEMA)
    # Most urgent first: overdue, then due soonest, then waiting on an event, then ongoing.
    assert [(i["id"], i["due"], i["state"]) for i in data["items"]] == [
        ("a", "2024-03-31", "overdue"),
        ("b", "2024-06-30", "pending"),
        ("b", "2024-12-31", "pending"),
        ("d", None, "waiting"),
        ("c", None, "ongoing"),
    ]
    assert data["items"][1]["label"] == "Sơ kết"
    assert data["counts"] == {"overdue": 1, "pending": 2, "ongoing": 1, "waiting": 1}


def test_schema_in_docs_is_the_committed_one() -> None:
    doc = (ROOT / "docs" / "due.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)\n```", doc, re.S)
    assert block is not None and json.loads(block.group(1)) == JSON_SCHEMA


def test_table_and_summary_line(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    result = runner.invoke(app, ["due", str(path), "--agency", "so tu phap", "--today", "2024-06-01"])
    assert result.exit_code == 0
    assert "Quá hạn 62 ngày" in result.output and "Còn 29 ngày" in result.output
    assert "31/03/2024" in result.output and "30/06/2024" in result.output
    assert "31/12/2024" not in result.output  # outside the 30-day window
    assert "Quá hạn: 1 · Trong hạn: 1." in result.output
    assert "Không liệt kê: 1 trong hạn, 1 thường xuyên, 1 chờ sự kiện (xem bằng --all)." in result.output


def test_overdue_only_and_fail_on_overdue(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    args = ["due", str(path), "--today", "2024-06-01", "--overdue", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert [i["id"] for i in json.loads(result.output)["items"]] == ["a"]
    assert runner.invoke(app, [*args, "--fail-on-overdue"]).exit_code == 1
    early = runner.invoke(app, ["due", str(path), "--today", "2024-01-01", "--fail-on-overdue"])
    assert early.exit_code == 0


def test_csv_never_writes_a_formula(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    result = runner.invoke(app, ["due", str(path), "--today", "2024-06-01", "--within", "1m", "-f", "csv"])
    assert result.exit_code == 0
    assert result.output.startswith("\ufeffplan,plan_name,province,id,")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert [(r["id"], r["days"]) for r in rows] == [("a", "-62"), ("b", "29")]
    assert rows[1]["text"] == "'=HYPERLINK(1)" and rows[1]["time_text"] == "Sơ kết: Tháng 06/2024"


def test_markdown_escapes_cells(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    result = runner.invoke(app, ["due", str(path), "--today", "2024-06-01", "-f", "md"])
    assert result.exit_code == 0
    assert r"Rà soát \| văn bản \*QPPL\*" in result.output
    assert result.output.count("\n| ") == 3  # header + two rows


def test_today_from_environment(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ITEMS)
    result = runner.invoke(app, ["due", str(path), "-f", "json"], env={"CCHC_TODAY": "2024-01-15"})
    assert json.loads(result.output)["today"] == "2024-01-15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "31/13/2024"], "ngày không hợp lệ"),
        (["--within", "soon"], "khoảng thời gian không hợp lệ"),
        (["--format", "xml"], "định dạng không hỗ trợ"),
        (["--role", "boss"], "vai trò không hợp lệ"),
        (["--quarter", "V/2025"], "khoảng thời gian không hợp lệ cho --quarter"),
        (["--month", "13/2025"], "khoảng thời gian không hợp lệ cho --month"),
        (["--quarter", "II/2025", "--within", "2w"], "chỉ chọn một khoảng thời gian"),
        (["--from", "2025-06-30", "--to", "2025-01-01"], "trước --from"),
        (["--role", "lead"], "--role lead cần --agency"),
        (["--province", "Hà Nội"], "không có kế hoạch nào của tỉnh 'Hà Nội'"),
        (["--plan", "999/KH-UBND"], "không có kế hoạch '999/KH-UBND'"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["due", EXAMPLE, *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_explain_text_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "Quý II", "--year", "2024", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["kind"], data["start"], data["due"], data["recurrence"], data["event"]) == (
        "quarter",
        "2024-04-01",
        "2024-06-30",
        None,
        None,
    )
    assert data["milestones"] == [] and data["assumptions"] == ["năm lấy theo kế hoạch: 2024"]


def test_explain_compound_due_is_the_last_milestone(runner: CliRunner) -> None:
    text = "Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024"
    data = json.loads(runner.invoke(app, ["explain", text, "-f", "json"]).output)
    assert data["due"] == "2024-12-10" and [m["label"] for m in data["milestones"]] == ["Ban hành Kế hoạch", "Báo cáo"]


def test_explain_item_shows_override_and_state(runner: CliRunner) -> None:
    plan = str(ROOT / "docs" / "examples" / "2024.yaml")
    result = runner.invoke(app, ["explain", plan, "I-2-a1", "--today", "2024-06-01"])
    assert result.exit_code == 0
    assert "chờ sự kiện (event)" in result.output
    assert "Ghi đè event_date: 15/03/2024" in result.output
    # The event starts the work: no deadline until due_date or event-grace gives one.
    assert "hạn chưa có → Đã có sự kiện" in result.output
    data = json.loads(runner.invoke(app, ["explain", plan, "I-2-a1", "--today", "2024-06-01", "-f", "json"]).output)
    assert data["overrides"] == {"event_date": "2024-03-15"} and data["deadlines"][0]["due"] is None
    assert data["deadlines"][0]["state"] == "started"


def test_explain_unknown_item_suggests(runner: CliRunner) -> None:
    plan = str(ROOT / "docs" / "examples" / "2024.yaml")
    result = runner.invoke(app, ["explain", plan, "I-2-a2"])
    assert result.exit_code == 2 and "I-2-a1" in result.output


def test_due_for_so_tu_phap_on_1_june_2024() -> None:
    result = CliRunner().invoke(
        app, ["due", str(PLANS), "--agency", "Sở Tư pháp", "--today", "2024-06-01", "--format", "json"]
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)["items"]
    # Items naming Sở Tư pháp itself; items reached through groups ("Các sở, ban, ngành") come
    # with `via` set once the agency registry widens the matching.
    direct = [
        (Path(i["plan"]).relative_to(PLANS).as_posix(), i["id"], i["due"], i["state"]) for i in items if not i["via"]
    ]
    # On 1 June 2024 the 2024 plans are in force, the 2025-2030 plan is not; plans/ holds real plans only.
    assert direct == [
        ("tuyen-quang/2024.yaml", "I-13", "2024-01-31", "overdue"),  # Ban hành Kế hoạch trong tháng 01/2024
        # I-8 (Trước ngày 31/01/2024) is recorded done late on 20/02/2024 (the tracking fixture): not listed.
        ("ha-tinh/2024.yaml", "II-2-2.2-3.3", "2024-03-31", "overdue"),  # Quý I (year from the plan)
        ("ha-tinh/2024.yaml", "II-2-2.2-3.4", "2024-06-30", "pending"),  # Quý II
    ]
