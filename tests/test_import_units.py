"""The importer's small parts, table-driven: header labels, cell cleaning, agency lists, metadata, ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc.importers.cells import clean_text, join_fragments, split_agencies
from cchc.importers.header import find_header, is_column_numbers, is_repeated_header, label_key, map_columns
from cchc.importers.metadata import read_meta


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("TT", "number"),
        ("STT", "number"),
        ("Số TT", "number"),
        ("MỤC TIÊU NĂM 2024", "objective"),
        ("1- Mục tiêu/Chỉ tiêu/nội dung", "objective"),
        ("Chỉ tiêu cụ thể", "objective"),
        ("NHIỆM VỤ, GIẢI PHÁP", "task"),
        ("2- Nhiệm vụ", "task"),
        ("3- Hoạt động", "activity"),
        ("KẾT QUẢ/ SẢN PHẨM", "output"),
        ("4- Kết quả, sản phẩm", "output"),
        ("CƠ QUAN CHỦ TRÌ", "lead"),
        ("Cơ quan (đơn vị) chủ trì", "lead"),
        ("5- Chủ trì", "lead"),
        ("Cơ quan, đơn vị phối hợp", "support"),
        ("6- Phối hợp", "support"),
        ("THỜI GIAN THỰC HIỆN", "start"),
        ("7- Thời gian hoàn thành", "due"),
        ("Thời gian", "due"),
        ("8- Kinh phí", "funding"),
        ("(9) Ghi chú", "note"),
        ("Đơn vị tính", None),
        ("", None),
    ],
)
def test_label_key(label: str, key: str | None) -> None:
    assert label_key(label) == key


def test_map_columns_keeps_unknown_columns_and_reads_a_lone_time_column_as_due() -> None:
    columns = map_columns(["STT", "Nội dung", "Chủ trì", "Thời gian thực hiện", "Đơn vị tính", "Đơn vị tính", ""])
    assert [c.key for c in columns] == ["number", "objective", "lead", "due", "x_don_vi_tinh", "x_don_vi_tinh_2"]


def test_header_detection_and_repeats() -> None:
    rows = [["PHỤ LỤC"], ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["1", "Làm", "Sở Nội vụ", "2024"]]
    assert find_header(rows) == 1
    columns = map_columns(rows[1])
    assert is_repeated_header(["TT", "NHIỆM VỤ", "CHỦ TRÌ", "THỜI GIAN", ""], columns)
    assert not is_repeated_header(rows[2], columns)
    assert is_column_numbers(["(1)", "(2)", "(3)", "(4)"]) and not is_column_numbers(["1", "Làm", "", ""])


@pytest.mark.parametrize(
    ("raw", "text", "repaired"),
    [
        ("Thường xuyên", "Thường xuyên", False),
        ("Thườn g xuyên", "Thường xuyên", True),
        ("<p>Năm 2024</p>", "Năm 2024", True),
        ("tỷ lệ $\\geq 80\\%$", "tỷ lệ ≥ 80%", True),
        ("điểm c khoản 1", "điểm c khoản 1", False),
        ("  Sở   Tư pháp ", "Sở Tư pháp", False),
    ],
)
def test_clean_text(raw: str, text: str, repaired: bool) -> None:
    cleaned, repairs = clean_text(raw)
    assert (cleaned, bool(repairs)) == (text, repaired)


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Văn phòng UBND tỉnh; các cơ quan, đơn vị có liên quan",
            ["Văn phòng UBND tỉnh", "các cơ quan, đơn vị có liên quan"],
        ),
        ("- Sở Nội vụ; - Các Sở, ban, ngành", ["Sở Nội vụ", "Các Sở, ban, ngành"]),
        ("- Sở Nội vụ\n- Văn phòng UBND tỉnh.", ["Sở Nội vụ", "Văn phòng UBND tỉnh."]),
        ("- Các sở trình Chủ tịch UBND tỉnh. - UBND cấp huyện", ["Các sở trình Chủ tịch UBND tỉnh.", "UBND cấp huyện"]),
        ("Đài Phát thanh - Truyền hình tỉnh", ["Đài Phát thanh - Truyền hình tỉnh"]),
        ("Sở Tài chính (TT Tư vấn dịch vụ tài chính)", ["Sở Tài chính (TT Tư vấn dịch vụ tài chính)"]),
    ],
)
def test_split_agencies(cell: str, agencies: list[str]) -> None:
    assert split_agencies(cell) == agencies


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("Sở Khoa học và Công", "nghệ", "Sở Khoa học và Công nghệ"),
        ("- Đảm bảo 100% văn bản;", "- Hoàn thành", "- Đảm bảo 100% văn bản;\n- Hoàn thành"),
        ("", "Quý I/2024", "Quý I/2024"),
    ],
)
def test_join_fragments(first: str, second: str, joined: str) -> None:
    assert join_fragments(first, second) == joined


def test_metadata_from_a_plan_body_and_annex_heading() -> None:
    meta = read_meta(
        [
            "**ỦY BAN NHÂN DÂN",
            "TỈNH TUYÊN QUANG**",
            "Số: 138 /KH-UBND",
            "Tuyên Quang, ngày 10 tháng 12 năm 2025",
            "KẾ HOẠCH",
            "Triển khai thực hiện Nghị quyết số 13-NQ/ĐU, giai đoạn 2025-2030",
            "PHỤ LỤC",
            "Phân công nhiệm vụ, giai đoạn 2025-2030",
            "(Kèm theo Kế hoạch số: 138 /KH-UBND ngày 10 tháng 12 năm 2025 của UBND tỉnh Tuyên Quang)",
        ]
    )
    assert (meta.province, meta.number, meta.date, meta.period, meta.kind) == (
        "Tuyên Quang", "138/KH-UBND", date(2025, 12, 10), (2025, 2030), "Kế hoạch"
    )  # fmt: skip
    assert meta.title == "Kế hoạch triển khai thực hiện Nghị quyết số 13-NQ/ĐU, giai đoạn 2025-2030"
    assert meta.annex_title == "Phân công nhiệm vụ, giai đoạn 2025-2030"


def test_metadata_of_a_draft_keeps_the_blank_number() -> None:
    meta = read_meta(["PHỤ LỤC", "KHUNG NHIỆM VỤ NĂM 2024", "(ban hành kèm theo Quyết định số /QĐ-UBND ngày /12/2023)"])
    assert (meta.number, meta.date, meta.kind, meta.period) == ("/QĐ-UBND", None, "Quyết định", (2024, 2024))


def _import_tsv(tmp_path: Path, lines: list[str]) -> dict[str, Any]:
    from cchc.importers import Options, import_plan

    src = tmp_path / "annex.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    return import_plan(src, Options(province="Ví Dụ", period=(2024, 2024))).plan


def test_groups_sections_and_a_titled_section_cell(tmp_path: Path) -> None:
    plan = _import_tsv(
        tmp_path,
        [
            "TT\tNhiệm vụ\tChủ trì\tThời gian",
            "I. CẢI CÁCH THỂ CHẾ\t\t\t",
            "1\tRà soát\tSở Tư pháp\tQuý I/2024",
            "II\tCHÍNH QUYỀN SỐ\t\t",
            "A\tHạ tầng\t\t",
            "2\tNâng cấp mạng\tSở TTTT\tNăm 2024",
            "B\tDữ liệu\t\t",
            "3\tKho dữ liệu\tSở TTTT\tNăm 2024",
        ],
    )
    first, second = plan["sections"]
    assert (first["number"], first["title"], first["items"][0]["id"]) == ("I", "CẢI CÁCH THỂ CHẾ", "I-1")
    assert [(s["number"], s["title"]) for s in second["sections"]] == [("A", "Hạ tầng"), ("B", "Dữ liệu")]
    assert [s["items"][0]["id"] for s in second["sections"]] == ["II-A-2", "II-B-3"]


def test_a_row_with_cells_left_out_is_placed_by_content(tmp_path: Path) -> None:
    plan = _import_tsv(
        tmp_path,
        [
            "TT\tNhiệm vụ\tKết quả\tChủ trì\tPhối hợp\tThời gian hoàn thành",
            "I\tCẢI CÁCH THỂ CHẾ\t\t\t\t",
            "1\tRà soát văn bản\tDanh mục\tSở Tư pháp\tCác sở, ban, ngành\tQuý I/2024",
            "2\tBáo cáo kết quả rà soát văn bản của tỉnh\tQuý IV/2024",
        ],
    )
    two = plan["sections"][0]["items"][1]
    assert (two["text"], two["due"], "output" in two, "lead" in two) == (
        "Báo cáo kết quả rà soát văn bản của tỉnh", "Quý IV/2024", False, False
    )  # fmt: skip
    assert any("thiếu ô" in r for r in two["repairs"])


def test_goal_cell_spanning_numbered_rows_becomes_an_objective(tmp_path: Path) -> None:
    plan = _import_tsv(
        tmp_path,
        [
            "TT\tMục tiêu\tNhiệm vụ, giải pháp\tChủ trì\tThời gian",
            "I\tCẢI CÁCH THỂ CHẾ\t\t\t",
            "1\t100% văn bản đúng hạn\tLập kế hoạch\tSở Tư pháp\tTháng 01/2024",
            "2\t\tKiểm tra văn bản\tSở Tư pháp\tThường xuyên",
            "3\tThi hành pháp luật nghiêm\tTheo dõi thi hành\tSở Tư pháp\tNăm 2024",
        ],
    )
    goals = plan["sections"][0]["items"]
    assert [(g["id"], g["kind"], "number" in g) for g in goals] == [
        ("I-g1", "objective", False),
        ("I-g2", "objective", False),
    ]
    assert [(t["id"], t["number"], t["kind"]) for t in goals[0]["items"]] == [
        ("I-1", "1", "task"),
        ("I-2", "2", "task"),
    ]


def test_groups_above_sections(tmp_path: Path) -> None:
    plan = _import_tsv(
        tmp_path,
        [
            "TT\tNhiệm vụ\tChủ trì\tThời gian",
            "A\tNHIỆM VỤ CHUNG\t\t",
            "I\tChỉ đạo điều hành\t\t",
            "1\tBan hành kế hoạch\tSở Nội vụ\tQuý I/2024",
            "II\tTuyên truyền\t\t",
            "2\tTuyên truyền CCHC\tSở Nội vụ\tNăm 2024",
            "B\tNHIỆM VỤ RIÊNG\t\t",
            "III\tThể chế\t\t",
            "3\tRà soát\tSở Tư pháp\tNăm 2024",
        ],
    )
    tree = [
        (g["number"], [(s["number"], [i["id"] for i in s["items"]]) for s in g["sections"]]) for g in plan["sections"]
    ]
    assert tree == [("A", [("I", ["A-I-1"]), ("II", ["A-II-2"])]), ("B", [("III", ["B-III-3"])])]
