"""The agency round trip by Excel: `cchc render --progress` → the agency fills it (openpyxl here)
→ `cchc progress import`. The round trip changes exactly the filled rows; every kind of bad
input is refused with the sheet, row and column named, and the plan is left untouched."""

from __future__ import annotations

import difflib
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plan
from cchc.plan.writer import format_text

TODAY = ["--today", "2024-06-14"]
TP = "Sở Tư pháp"
NV = "Sở Nội vụ"

PLAN = """\
# yaml-language-server: $schema=../schema/cchc-plan-1.schema.json
format: cchc-plan/1
plan:
  issuer: UBND tỉnh Tuyên Quang
  province: Tuyên Quang
  number: "268/KH-UBND"
  date: 2023-12-23
  title: Kế hoạch cải cách hành chính năm 2024
  period: {start: 2024, end: 2024}
annex:
  title: NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM
  columns:
    - {key: number, label: TT}
    - {key: task, label: 'NHIỆM VỤ, GIẢI PHÁP'}
    - {key: lead, label: CƠ QUAN CHỦ TRÌ}
    - {key: support, label: CƠ QUAN PHỐI HỢP}
    - {key: due, label: THỜI GIAN HOÀN THÀNH}
sections:
  - number: "I"
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: "1"
        text: Ban hành kế hoạch
        lead:
          - Sở Tư pháp
        due: Quý I/2024
      - id: b
        number: "2"
        text: Báo cáo tháng
        lead:
          - Sở Nội vụ
        due: Hàng tháng
      - id: c
        number: "3"
        text: Rà soát văn bản
        lead:
          - Sở Tư pháp
        due: Năm 2024
        progress:
          status: done
          done_date: 2024-03-01
          evidence: Báo cáo số 1
      - id: d
        number: "4"
        text: Kiểm tra công tác
        lead:
          - Sở Nội vụ
        support:
          - Sở Tư pháp
        due: Quý II/2024
      - id: e
        number: "5"
        text: Tổng kết
        lead:
          - Sở Tư pháp
        due: Quý IV/2024
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cchc-plan-1.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "2024.yaml"
    assert format_text(PLAN, path) == PLAN
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def extract(plan: Path, agency: str, out: Path) -> Path:
    code, output = run("render", plan, "--agency", agency, "--to", "xlsx", "--progress", *TODAY, "-o", out)
    assert code == 0, output
    return out


def columns(ws: Any) -> tuple[int, dict[str, int]]:
    """The header row and column of each label, found as a clerk would: by the headers."""
    for row in ws.iter_rows():
        labels = {str(c.value): c.column for c in row if c.value is not None}
        if "id" in labels and "Tình trạng" in labels:
            return row[0].row, labels
    raise AssertionError("no header row")


def rows_by_id(ws: Any) -> dict[str, int]:
    header, cols = columns(ws)
    return {
        str(ws.cell(r, cols["id"]).value): r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["id"]).value
    }


def fill(source: Path, target: Path, values: dict[str, dict[str, Any]], edit: Any = None) -> Path:
    """Fill the workbook as an agency would (openpyxl, not read-only), save it as `target`."""
    wb = openpyxl.load_workbook(source)
    ws = wb["Phụ lục"]
    _header, cols = columns(ws)
    where = rows_by_id(ws)
    names = {"status": "Tình trạng", "done": "Ngày hoàn thành", "evidence": "Kết quả / minh chứng", "kỳ": "Kỳ"}
    for item_id, cells in values.items():
        for key, value in cells.items():
            ws.cell(where[item_id], cols[names[key]]).value = value
    if edit is not None:
        edit(ws, cols, where)
    wb.save(target)
    return target


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if not line.startswith(("---", "+++", "@@")):
            (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


# --- the extract ----------------------------------------------------------------------------------


def test_extract_is_keyed_protected_and_prefilled(plan_file: Path, tmp_path: Path) -> None:
    path = extract(plan_file, TP, tmp_path / "tp.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Phụ lục", "cchc"]
    assert wb["cchc"].sheet_state == "veryHidden"
    assert wb.security is not None and wb.security.lockStructure
    ws = wb["Phụ lục"]
    header, cols = columns(ws)
    assert [ws.cell(header, c).value for c in range(cols["Vai trò"], cols["id"] + 1)] == [
        "Vai trò",
        "Tình trạng",
        "Ngày hoàn thành",
        "Kết quả / minh chứng",
        "id",
    ]
    from openpyxl.utils import get_column_letter

    assert ws.column_dimensions[get_column_letter(cols["id"])].hidden
    assert ws.protection.sheet
    where = rows_by_id(ws)
    assert sorted(where) == ["a", "c", "d", "e"]  # d: Sở Tư pháp coordinates it
    for item_id, r in where.items():
        for label in ("Tình trạng", "Ngày hoàn thành", "Kết quả / minh chứng"):
            assert ws.cell(r, cols[label]).protection.locked is False, (item_id, label)
        assert ws.cell(r, cols["id"]).protection.locked is not False
        assert ws.cell(r, cols["NHIỆM VỤ, GIẢI PHÁP"]).protection.locked is not False
    c = where["c"]
    assert ws.cell(c, cols["Tình trạng"]).value == "Hoàn thành"
    assert ws.cell(c, cols["Ngày hoàn thành"]).value == "01/03/2024"
    assert ws.cell(c, cols["Ngày hoàn thành"]).number_format == "@"  # typed dates stay dd/mm/yyyy
    assert ws.cell(c, cols["Kết quả / minh chứng"]).value == "Báo cáo số 1"
    assert ws.cell(where["a"], cols["Tình trạng"]).value == "Chưa thực hiện"
    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Chưa thực hiện,Đang thực hiện,Hoàn thành,Hủy bỏ"'
    status_col = get_column_letter(cols["Tình trạng"])
    assert {f"{status_col}{r}" for r in where.values()} == {str(rng) for rng in validation.sqref.ranges}


def test_extract_of_a_recurring_item_names_its_occurrence(plan_file: Path, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(extract(plan_file, NV, tmp_path / "nv.xlsx"))["Phụ lục"]
    _header, cols = columns(ws)
    where = rows_by_id(ws)
    assert ws.cell(where["b"], cols["Kỳ"]).value == "2024-05"  # May was due on 31/05 and is open
    assert ws.cell(where["d"], cols["Kỳ"]).value in (None, "")


def test_progress_needs_an_agency_and_xlsx(plan_file: Path, tmp_path: Path) -> None:
    code, out = run("render", plan_file, "--progress", *TODAY, "-o", tmp_path / "x.xlsx")
    assert code == 2 and "U006" in out
    code, out = run("render", plan_file, "--agency", TP, "--progress", "--to", "md", "-o", tmp_path / "x.md")
    assert code == 2 and "U006" in out


# --- the round trip -------------------------------------------------------------------------------


def test_round_trip_updates_exactly_the_filled_rows(plan_file: Path, tmp_path: Path) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    filled = fill(
        blank,
        tmp_path / "tp-filled.xlsx",
        {
            "a": {"status": "Hoàn thành", "done": datetime(2024, 3, 20), "evidence": "Kế hoạch số 5/KH-STP"},
            "d": {"status": "Hoàn thành", "done": "05/06/2024"},  # a date typed as text: accepted
            "e": {"status": "đang thực hiện"},  # any case, with or without marks
        },
    )
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 0, out
    assert "3 dòng thay đổi" in out and "Đã ghi" in out
    after = plan_file.read_text(encoding="utf-8")
    removed, added = diff(PLAN, after)
    assert removed == []
    assert added == [
        "        progress:",
        "          status: done",
        "          done_date: 2024-03-20",
        "          evidence: Kế hoạch số 5/KH-STP",
        "        progress:",
        "          status: done",
        "          done_date: 2024-06-05",
        "        progress:",
        "          status: in_progress",
    ]
    assert format_text(after, plan_file) == after
    # Importing the same file again changes nothing.
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 0 and "0 dòng thay đổi" in out
    assert plan_file.read_text(encoding="utf-8") == after


def test_the_plan_named_in_the_workbook_is_used_without_plan(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = Path("plans") / "2024.yaml"
    code, out = run("render", relative, "--agency", TP, "--to", "xlsx", "--progress", *TODAY, "-o", "tp.xlsx")
    assert code == 0, out
    fill(Path("tp.xlsx"), Path("tp-filled.xlsx"), {"e": {"status": "Đang thực hiện"}})
    code, out = run("progress", "import", "tp-filled.xlsx", *TODAY)
    assert code == 0, out
    assert "status: in_progress" in plan_file.read_text(encoding="utf-8")


def test_several_agencies_in_one_run(plan_file: Path, tmp_path: Path) -> None:
    tp = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "tp-f.xlsx", {"e": {"status": "Hủy bỏ"}})
    nv = fill(
        extract(plan_file, NV, tmp_path / "nv.xlsx"),
        tmp_path / "nv-f.xlsx",
        {"b": {"status": "Hoàn thành", "done": datetime(2024, 6, 3), "evidence": "Báo cáo tháng 5"}},
    )
    code, out = run("progress", "import", tp, nv, "--plan", plan_file, *TODAY)
    assert code == 0, out
    plan = load_plan(plan_file)
    assert plan.item("e").progress.status == "cancelled"  # type: ignore[union-attr]
    occurrences = plan.item("b").progress.occurrences  # type: ignore[union-attr]
    assert list(occurrences) == ["2024-05"] and occurrences["2024-05"].evidence == "Báo cáo tháng 5"
    assert "kỳ 2024-05" in out


def test_dry_run_prints_and_writes_nothing(plan_file: Path, tmp_path: Path) -> None:
    filled = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "f.xlsx", {"e": {"status": "Hủy bỏ"}})
    code, out = run("progress", "import", filled, "--plan", plan_file, "--dry-run", *TODAY)
    assert code == 0 and "Hủy bỏ" in out and "--dry-run" in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


# --- bad values: exit 1, nothing written ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "code", "words"),
    [
        ({"a": {"status": "Xong rồi"}}, "P110", ["'Xong rồi'", "Chưa thực hiện"]),
        ({"a": {"status": "Hoàn thành", "done": datetime(2024, 6, 20)}}, "P112", ["20/06/2024", "sau hôm nay"]),
        ({"a": {"status": "Hoàn thành", "done": "tuần trước"}}, "P111", ["'tuần trước'", "dd/mm/yyyy"]),
        ({"a": {"status": "Hoàn thành", "done": "31/02/2024"}}, "P111", ["'31/02/2024'"]),
        ({"a": {"status": "Hoàn thành", "done": 45000}}, "P111", ["không phải ngày"]),
        ({"a": {"status": "Hoàn thành"}}, "P113", ["thiếu Ngày hoàn thành"]),
        ({"a": {"status": "Đang thực hiện", "done": "01/03/2024"}}, "P113", ["Đang thực hiện"]),
        ({"a": {"status": "Hoàn thành", "done": "01/03/2019"}}, "P111", ["trước kỳ kế hoạch"]),
        ({"a": {"evidence": "x" * 2001}}, "P120", ["quá dài"]),
    ],
)
def test_bad_values_are_refused_with_their_cell(
    plan_file: Path, tmp_path: Path, cells: dict[str, dict[str, Any]], code: str, words: list[str]
) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    row = rows_by_id(openpyxl.load_workbook(blank)["Phụ lục"])["a"]
    filled = fill(blank, tmp_path / "bad.xlsx", {**cells, "e": {"status": "Đang thực hiện"}})
    exit_code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert exit_code == 1, out
    assert f"error[{code}]" in out
    assert "Phụ lục!" in out and f"{row}" in out  # sheet, row …
    for word in words:
        assert word in out
    assert plan_file.read_text(encoding="utf-8") == PLAN  # … and nothing written, not even row e


def test_every_bad_cell_is_reported_at_once(plan_file: Path, tmp_path: Path) -> None:
    from openpyxl.utils import get_column_letter

    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    ws = openpyxl.load_workbook(blank)["Phụ lục"]
    _header, cols = columns(ws)
    where = rows_by_id(ws)
    filled = fill(blank, tmp_path / "bad.xlsx", {"a": {"status": "??"}, "e": {"done": "hôm qua"}})
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 1
    assert f"Phụ lục!{get_column_letter(cols['Tình trạng'])}{where['a']}" in out
    assert f"Phụ lục!{get_column_letter(cols['Ngày hoàn thành'])}{where['e']}" in out


# --- bad structure: exit 2 --------------------------------------------------------------------------


def test_a_workbook_that_is_not_ours(plan_file: Path, tmp_path: Path) -> None:
    plain = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Nhiệm vụ", "Tình trạng"])  # type: ignore[union-attr]
    wb.save(plain)
    annex = tmp_path / "annex.xlsx"
    assert run("render", plan_file, "--agency", TP, "-o", annex)[0] == 0  # an extract without --progress
    for path in (plain, annex):
        code, out = run("progress", "import", path, "--plan", plan_file, *TODAY)
        assert code == 2 and "P101" in out and "không phải tệp tiến độ" in out, out
    text = tmp_path / "notes.xlsx"
    text.write_text("Tình trạng: xong", encoding="utf-8")
    code, out = run("progress", "import", text, "--plan", plan_file, *TODAY)
    assert code == 2 and "I004" in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


def test_a_workbook_too_large_is_not_opened(plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.plan import exchange

    path = extract(plan_file, TP, tmp_path / "tp.xlsx")
    monkeypatch.setattr(exchange, "MAX_BYTES", 1024)
    code, out = run("progress", "import", path, "--plan", plan_file, *TODAY)
    assert code == 2 and "P102" in out and "quá lớn" in out


def _edit_id(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    ws.cell(where["a"], cols["id"]).value = "a-sua"


def _delete_row(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    ws.delete_rows(where["e"])


def _merge_rows(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    ws.merge_cells(
        start_row=where["a"], start_column=cols["Tình trạng"], end_row=where["c"], end_column=cols["Tình trạng"]
    )


def _duplicate(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    ws.cell(where["e"], cols["id"]).value = "a"


def _row_without_id(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    row = ws.max_row + 1
    ws.cell(row, cols["Tình trạng"]).value = "Hoàn thành"


def _move_column(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
    header = min(where.values()) - 2
    ws.cell(header, cols["Tình trạng"]).value = "Ghi chú"


@pytest.mark.parametrize(
    ("edit", "code", "words"),
    [
        (_edit_id, "P105", ["'a-sua'", "không có trong tệp trích gốc"]),
        (_delete_row, "P106", ["thiếu dòng của mục 'e'"]),
        (_merge_rows, "P104", ["ô gộp"]),
        (_duplicate, "P107", ["xuất hiện hai lần"]),
        (_row_without_id, "P108", ["không có id"]),
        (_move_column, "P103", ["'Tình trạng'", "di chuyển"]),
    ],
)
def test_broken_structure_is_refused(plan_file: Path, tmp_path: Path, edit: Any, code: str, words: list[str]) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    filled = fill(blank, tmp_path / "broken.xlsx", {"a": {"status": "Đang thực hiện"}}, edit)
    exit_code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert exit_code == 2, out
    assert f"error[{code}]" in out and "Phụ lục" in out
    for word in words:
        assert word in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


def test_a_row_from_another_agencys_file(plan_file: Path, tmp_path: Path) -> None:
    """A row copied over from Sở Nội vụ's extract: its id is not in Sở Tư pháp's file."""

    def paste(ws: Any, cols: dict[str, int], where: dict[str, int]) -> None:
        ws.cell(where["e"], cols["id"]).value = "b"

    filled = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "x.xlsx", {"e": {"status": "Hủy bỏ"}}, paste)
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 2 and "P105" in out and "'b'" in out


def test_two_files_of_one_agency(plan_file: Path, tmp_path: Path) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    one = fill(blank, tmp_path / "one.xlsx", {"e": {"status": "Hủy bỏ"}})
    two = fill(blank, tmp_path / "two.xlsx", {"e": {"status": "Đang thực hiện"}})
    code, out = run("progress", "import", one, two, "--plan", plan_file, *TODAY)
    assert code == 1 and "P116" in out and "Sở Tư pháp" in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


def test_an_item_no_longer_the_agencys(plan_file: Path, tmp_path: Path) -> None:
    filled = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "f.xlsx", {"e": {"status": "Hủy bỏ"}})
    lead_e = "        text: Tổng kết\n        lead:\n          - "
    moved = PLAN.replace(lead_e + "Sở Tư pháp", lead_e + "Sở Nội vụ")
    plan_file.write_text(moved, encoding="utf-8")
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 1 and "P115" in out and "không phải nhiệm vụ của Sở Tư pháp" in out
    assert plan_file.read_text(encoding="utf-8") == moved


def test_another_plans_file(plan_file: Path, tmp_path: Path) -> None:
    filled = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "f.xlsx", {"e": {"status": "Hủy bỏ"}})
    other = plan_file.parent / "2025.yaml"
    other.write_text(PLAN.replace("năm 2024\n  period", "năm 2025\n  period"), encoding="utf-8")
    code, out = run("progress", "import", filled, "--plan", other, *TODAY)
    assert code == 1 and "P114" in out and "kế hoạch khác" in out


def test_the_plan_changed_since_the_extract(plan_file: Path, tmp_path: Path) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    # Sở Nội vụ records `a` in the plan after the extract was sent …
    assert run("done", plan_file, "a", "--date", "2024-04-02", *TODAY)[0] == 0
    newer = plan_file.read_text(encoding="utf-8")
    # … and the agency writes something else for the same row.
    filled = fill(blank, tmp_path / "f.xlsx", {"a": {"status": "Hoàn thành", "done": datetime(2024, 3, 28)}})
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 1 and "P117" in out
    assert "mục a" in out and "02/04/2024" in out and "28/03/2024" in out and "14/06/2024" in out
    assert plan_file.read_text(encoding="utf-8") == newer  # newer progress never overwritten
    # A file that left the row as extracted keeps the plan's newer value, and says so.
    untouched = fill(blank, tmp_path / "g.xlsx", {"e": {"status": "Đang thực hiện"}})
    code, out = run("progress", "import", untouched, "--plan", plan_file, *TODAY)
    assert code == 0, out
    assert "kế hoạch đã ghi Hoàn thành 02/04/2024 — giữ nguyên" in out
    assert "done_date: 2024-04-02" in plan_file.read_text(encoding="utf-8")


def test_a_recorded_completion_is_not_undone_by_a_file(plan_file: Path, tmp_path: Path) -> None:
    blank = extract(plan_file, TP, tmp_path / "tp.xlsx")
    filled = fill(blank, tmp_path / "f.xlsx", {"c": {"status": "Đang thực hiện", "done": None}})
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 1 and "P118" in out and "đã ghi Hoàn thành 01/03/2024" in out
    redated = fill(blank, tmp_path / "g.xlsx", {"c": {"done": "02/03/2024"}})
    code, out = run("progress", "import", redated, "--plan", plan_file, *TODAY)
    assert code == 1 and "P118" in out
    # Adding evidence to a recorded completion is not a conflict.
    evidence = fill(blank, tmp_path / "h.xlsx", {"c": {"evidence": "Báo cáo số 1, số 2"}})
    code, out = run("progress", "import", evidence, "--plan", plan_file, *TODAY)
    assert code == 0, out
    removed, added = diff(PLAN, plan_file.read_text(encoding="utf-8"))
    assert (removed, added) == (["          evidence: Báo cáo số 1"], ["          evidence: Báo cáo số 1, số 2"])


def test_an_edited_occurrence_cell(plan_file: Path, tmp_path: Path) -> None:
    blank = extract(plan_file, NV, tmp_path / "nv.xlsx")
    filled = fill(blank, tmp_path / "f.xlsx", {"b": {"kỳ": "2024-04", "status": "Hoàn thành", "done": "03/05/2024"}})
    code, out = run("progress", "import", filled, "--plan", plan_file, *TODAY)
    assert code == 1 and "P119" in out and "'2024-04'" in out


def test_one_bad_file_stops_every_file(plan_file: Path, tmp_path: Path) -> None:
    good = fill(extract(plan_file, NV, tmp_path / "nv.xlsx"), tmp_path / "g.xlsx", {"d": {"status": "Hủy bỏ"}})
    bad = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "b.xlsx", {"a": {"status": "xong"}})
    code, out = run("progress", "import", good, bad, "--plan", plan_file, *TODAY)
    assert code == 1 and "P110" in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


def test_libreoffice_saved_workbook_round_trips(plan_file: Path, tmp_path: Path) -> None:
    """What an agency without Excel sends back: the file re-saved by LibreOffice Calc."""
    import subprocess

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    filled = fill(extract(plan_file, TP, tmp_path / "tp.xlsx"), tmp_path / "lo.xlsx", {"e": {"status": "Hủy bỏ"}})
    out_dir = tmp_path / "lo-out"
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir", str(out_dir), str(filled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    code, out = run("progress", "import", out_dir / "lo.xlsx", "--plan", plan_file, *TODAY)
    assert code == 0, out
    assert load_plan(plan_file).item("e").progress.status == "cancelled"  # type: ignore[union-attr]
