"""Importing .xlsx and .docx annexes built here: title rows, merged cells, a row that omits a middle cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.importers import import_plan

TITLE = [
    "PHỤ LỤC",
    "KHUNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024 của UBND tỉnh Thái Nguyên)",
]
HEADER = ["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"]
# None = covered by a merged cell (see MERGES); "" = a truly empty cell.
ROWS: list[list[str | None]] = [
    ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None, None, None],
    ["1", "1.1. Văn bản QPPL ban hành đúng hạn", "2.1. Rà soát văn bản", "3.1. Lập danh mục", "Danh mục",
     "Sở Tư pháp", "Sở Nội vụ; UBND cấp huyện", "Quý I/2024"],
    # The continuation row: objective, task (a middle cell) and lead are merged with the row above.
    [None, None, None, "3.2. Báo cáo kết quả", "Báo cáo", None, "Sở Văn hóa, Thể thao và Du lịch", "Quý II/2024"],
    ["2", "1.2. Thủ tục được công khai", "2.2. Niêm yết thủ tục", "3.3. Niêm yết", "Thủ tục được công khai",
     "Văn phòng UBND tỉnh", "", "Thường xuyên"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None, None, None],
    ["1", "1.1. Số hoá hồ sơ", "2.1. Số hoá kết quả", "3.1. Số hoá", "Dữ liệu", "Các sở, ban, ngành", "", "Năm 2024"],
]  # fmt: skip
# (first row, first col, last row, last col), 0-based in ROWS.
MERGES = [(0, 1, 0, 7), (1, 1, 2, 1), (1, 2, 2, 2), (1, 5, 2, 5), (4, 1, 4, 7)]


def build_xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Phụ lục"
    for r, text in enumerate(TITLE, start=1):
        ws.cell(r, 1, text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
    top = len(TITLE) + 2  # a blank row, then the header
    for c, label in enumerate(HEADER, start=1):
        ws.cell(top, c, label)
    for r, row in enumerate(ROWS, start=top + 1):
        for c, value in enumerate(row, start=1):
            if value:
                ws.cell(r, c, int(value) if value.isdigit() else value)
    for r1, c1, r2, c2 in MERGES:
        ws.merge_cells(start_row=top + 1 + r1, start_column=c1 + 1, end_row=top + 1 + r2, end_column=c2 + 1)
    # Text under the table is not a row of it.
    ws.cell(top + len(ROWS) + 2, 1, "Nơi nhận:")
    ws.cell(top + len(ROWS) + 3, 6, "KT. CHỦ TỊCH")
    wb.save(path)
    return path


def build_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for text in TITLE:
        document.add_paragraph(text)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, label in enumerate(HEADER):
        table.cell(0, c).text = label
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for r1, c1, r2, c2 in MERGES:
        table.cell(r1 + 1, c1).merge(table.cell(r2 + 1, c2))
    document.save(str(path))
    return path


@pytest.fixture(params=["xlsx", "docx"])
def plan(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Any]:
    builder = build_xlsx if request.param == "xlsx" else build_docx
    return import_plan(builder(tmp_path / f"annex.{request.param}")).plan


def test_metadata_from_title_rows(plan: dict[str, Any]) -> None:
    meta, annex = plan["plan"], plan["annex"]
    assert (meta["province"], meta["number"], str(meta["date"]), meta["period"]) == (
        "Thái Nguyên",
        "12/KH-UBND",
        "2024-01-05",
        {"start": 2024, "end": 2024},
    )
    assert annex["title"] == TITLE[1] and annex["subtitle"] == TITLE[2]
    assert [c["key"] for c in annex["columns"]] == [
        "number", "objective", "task", "activity", "output", "lead", "support", "due",
    ]  # fmt: skip


def test_merged_cells_and_a_row_omitting_a_middle_cell(plan: dict[str, Any]) -> None:
    first, second = plan["sections"]
    assert (first["number"], first["title"], second["title"]) == (
        "I",
        "CẢI CÁCH THỂ CHẾ",
        "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    )
    goal = first["items"][0]
    assert (goal["id"], goal["number"], goal["kind"], goal["text"]) == (
        "I-1", "1", "objective", "1.1. Văn bản QPPL ban hành đúng hạn"
    )  # fmt: skip
    (task,) = goal["items"]
    # The merged lead cell is written once, on the task both activities belong to.
    assert (task["id"], task["text"], task["lead"]) == ("I-1-2.1", "2.1. Rà soát văn bản", ["Sở Tư pháp"])
    one, two = task["items"]
    assert (one["id"], one["support"], one["due"], "lead" in one) == (
        "I-1-2.1-3.1", ["Sở Nội vụ", "UBND cấp huyện"], "Quý I/2024", False
    )  # fmt: skip
    assert (two["id"], two["text"], two["support"], "lead" in two) == (
        "I-1-2.1-3.2", "3.2. Báo cáo kết quả", ["Sở Văn hóa, Thể thao và Du lịch"], False
    )  # fmt: skip
    goal2 = first["items"][1]
    leaf = goal2["items"][0]["items"][0]
    assert (leaf["lead"], "support" in leaf, leaf["due"]) == (["Văn phòng UBND tỉnh"], False, "Thường xuyên")
    assert second["items"][0]["id"] == "II-1"


def test_title_rows_need_no_options_and_text_below_is_not_an_item(tmp_path: Path) -> None:
    result = import_plan(build_xlsx(tmp_path / "a.xlsx"))
    text = result.text
    assert "# - văn bản dưới bảng, không nhập (text below the table) Phụ lục!A13: Nơi nhận:" in text
    assert [len(s.get("items", [])) for s in result.plan["sections"]] == [2, 1]
    assert text.startswith("# yaml-language-server: $schema=")
    assert "province: Thái Nguyên" in text


def test_docx_metadata_from_the_layout_table_above_the_annex(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    layout = document.add_table(rows=2, cols=2)
    layout.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN"
    layout.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    layout.cell(1, 0).text = "Số: 45/KH-UBND"
    layout.cell(1, 1).text = "Bắc Kạn, ngày 15 tháng 01 năm 2024"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính năm 2024")
    annex = document.add_table(rows=3, cols=3)
    for c, text in enumerate(["TT", "Nhiệm vụ", "Chủ trì"]):
        annex.cell(0, c).text = text
    for c, text in enumerate(["I", "CẢI CÁCH THỂ CHẾ", ""]):
        annex.cell(1, c).text = text
    for c, text in enumerate(["1", "Rà soát văn bản", "Sở Tư pháp"]):
        annex.cell(2, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    meta = import_plan(path).plan["plan"]
    assert (meta["province"], meta["number"], str(meta["date"]), meta["title"]) == (
        "Bắc Kạn", "45/KH-UBND", "2024-01-15", "Kế hoạch cải cách hành chính năm 2024"
    )  # fmt: skip
