"""One machine-output contract: every `--format json` is an object `{"schema": "cchc-<command>/1", …}`
valid against `schema/cchc-<command>-1.schema.json`; CSV has the JSON keys as headers and a UTF-8
BOM; `--format xlsx` writes a sheet with Vietnamese headers, an autofilter and a frozen header row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "2024.yaml"
PLANS = ROOT / "plans"
TODAY = ["--today", "2024-06-01"]


def schema(name: str) -> dict[str, object]:
    return json.loads((ROOT / "schema" / f"cchc-{name}-1.schema.json").read_text(encoding="utf-8"))


def _diff_args(tmp: Path) -> list[str]:
    old = tmp / "old.yaml"
    new = tmp / "new.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("due: Quý II/2024", "due: Quý III/2024"), encoding="utf-8")
    return ["diff", str(old), str(new)]


#: Every command with a JSON output, with arguments that give it real content.
JSON_COMMANDS = {
    "due": lambda tmp: ["due", str(PLANS), "--all-plans", "--all", *TODAY],
    "tasks": lambda tmp: ["tasks", str(PLANS), "-a", "Sở Tư pháp", "--all-plans", *TODAY],
    "agencies": lambda tmp: ["agencies", str(PLANS), *TODAY],
    "explain": lambda tmp: ["explain", str(EXAMPLE), "I-2-a1", *TODAY],
    "validate": lambda tmp: ["validate", str(PLANS)],
    "diff": _diff_args,
}


def test_every_schema_is_valid_json_schema() -> None:
    files = sorted((ROOT / "schema").glob("cchc-*-1.schema.json"))
    assert {f.name.split("-")[1] for f in files} == {*JSON_COMMANDS, "plan"}
    for file in files:
        jsonschema.Draft202012Validator.check_schema(json.loads(file.read_text(encoding="utf-8")))


@pytest.mark.parametrize("command", sorted(JSON_COMMANDS))
def test_json_is_an_object_naming_its_schema(command: str, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, [*JSON_COMMANDS[command](tmp_path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and data["schema"] == f"cchc-{command}/1"
    jsonschema.validate(data, schema(command))


def test_explain_text_and_recurrence_validate_too(runner: CliRunner) -> None:
    for text in ("Hàng tháng", "Quý II/2024", "Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024"):
        data = json.loads(runner.invoke(app, ["explain", text, "-f", "json", *TODAY]).stdout)
        jsonschema.validate(data, schema("explain"))


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (["due", str(PLANS), "--all-plans", "--all", *TODAY], "due"),
        (["tasks", str(PLANS), "-a", "Sở Tư pháp", "--all-plans", *TODAY], "tasks"),
        (["agencies", str(PLANS), *TODAY], "agencies"),
    ],
)
def test_csv_uses_the_json_keys_with_a_bom(args: list[str], keys: str, runner: CliRunner) -> None:
    text = runner.invoke(app, [*args, "-f", "csv"]).stdout
    assert text.startswith("\ufeff")  # Excel on Windows reads UTF-8 only with it
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    items = data["agencies"] if keys == "agencies" else data["items"]
    assert rows and list(rows[0]) == list(items[0])
    assert [r["name" if keys == "agencies" else "id"] for r in rows] == [
        i["name" if keys == "agencies" else "id"] for i in items
    ]


def _sheet(path: Path) -> tuple[list[object], list[list[object]], openpyxl.worksheet.worksheet.Worksheet]:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:], ws


def test_due_xlsx_has_vietnamese_headers_filter_and_frozen_header(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "han.xlsx"
    args = ["due", str(EXAMPLE), "-a", "Sở Tư pháp", "--all", *TODAY]
    result = runner.invoke(app, [*args, "-f", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    header, rows, ws = _sheet(target)
    assert header[:4] == ["Kế hoạch", "Mã", "TT", "Nhiệm vụ"] and "Hạn" in header and "Trạng thái" in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:N{len(rows) + 1}"
    items = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)["items"]
    assert [r[1] for r in rows] == [i["id"] for i in items]
    due = header.index("Hạn")
    first = next(r for r in rows if r[1] == "I-1-a2")
    assert first[due].date().isoformat() == "2024-06-30"  # a real date, not text
    # An existing export is not replaced without --force.
    again = runner.invoke(app, [*args, "-f", "xlsx", "-o", str(target)])
    assert again.exit_code == 2 and "U008" in again.output


def test_tasks_and_agencies_xlsx(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["tasks", str(EXAMPLE), "-a", "so tu phap", "-f", "xlsx", *TODAY])
    assert result.exit_code == 0, result.output
    header, rows, ws = _sheet(tmp_path / "viec-so-tu-phap-2024-06-01.xlsx")  # the default name says whose and when
    assert header[:4] == ["Kế hoạch", "Mã", "TT", "Nội dung"] and ws.freeze_panes == "A2"
    assert rows and {r[4] for r in rows} <= {"chủ trì", "phối hợp"} and ws.auto_filter.ref
    result = runner.invoke(app, ["agencies", str(EXAMPLE), "-f", "xlsx", "-o", "co-quan.xlsx", *TODAY])
    assert result.exit_code == 0, result.output
    header, rows, ws = _sheet(tmp_path / "co-quan.xlsx")
    assert header == ["Cơ quan", "Loại", "Chủ trì", "Phối hợp", "Qua nhóm", "Quá hạn"]
    assert any(r[0] == "Sở Tư pháp" and isinstance(r[2], int) for r in rows)


def test_xlsx_is_refused_on_a_terminal_and_goes_to_stdout_when_piped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", str(EXAMPLE), "-f", "xlsx", "-o", "-", *TODAY])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK")


def test_output_file_only_for_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["due", str(EXAMPLE), "-o", str(tmp_path / "x.csv"), *TODAY])
    assert result.exit_code == 2 and "error[U006] -o chỉ dùng với --format xlsx" in result.output


def test_unsupported_format_is_u003_everywhere(runner: CliRunner, tmp_path: Path) -> None:
    for args in (
        ["due", str(EXAMPLE)],
        ["tasks", str(EXAMPLE)],
        ["agencies", str(EXAMPLE)],
        ["explain", "Quý II"],
        ["validate", str(EXAMPLE)],
        _diff_args(tmp_path),
    ):
        result = runner.invoke(app, [*args, "--format", "pdf"])
        assert result.exit_code == 2 and "error[U003]" in result.output, args
    result = runner.invoke(app, ["render", str(EXAMPLE), "--to", "pdf"])
    assert result.exit_code == 2 and "error[U003]" in result.output
