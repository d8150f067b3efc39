"""Sections, groups and merged cells in small tables, written as .docx and .xlsx (see tests/variants)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from variants.make_corpus import UP, H, R, Variant, ag, write_docx, write_xlsx

from cchc.importers import Options, import_plan

OPTIONS = Options(province="Lạng Sơn", period=(2025, 2025))


def _variant(keys: list[str], body: list[H | R]) -> Variant:
    labels = {"number": "TT", "objective": "Mục tiêu", "task": "Nhiệm vụ", "activity": "Hoạt động",
              "lead": "Chủ trì", "support": "Phối hợp", "due": "Thời gian"}  # fmt: skip
    return Variant("t", "", ["PHỤ LỤC"], [[labels[k] for k in keys]], keys, body, "Lạng Sơn", "UBND tỉnh Lạng Sơn")


@pytest.fixture(params=["docx", "xlsx"])
def build(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    def run(variant: Variant) -> dict[str, Any]:
        writer = write_docx if request.param == "docx" else write_xlsx
        return import_plan(writer(variant, tmp_path / f"t.{request.param}"), OPTIONS).plan

    return run


def _tree(sections: list[dict[str, Any]]) -> list[Any]:
    return [
        (s["number"], s["title"], [i.get("text") for i in s.get("items", [])], _tree(s.get("sections", [])))
        for s in sections
    ]


def test_groups_above_roman_sections_whose_numbers_restart(build: Any) -> None:
    plan = build(
        _variant(
            ["number", "task", "lead"],
            [
                H(("A",), "CHỈ SỐ CCHC", "full"),
                H(("A", "I"), "THỂ CHẾ"),
                R({"number": "1", "task": "Rà soát", "lead": ag("Sở Tư pháp")}),
                H(("B",), "CHỈ SỐ SIPAS", "lone", 0),
                H(("B", "I"), "THỦ TỤC", "lone", 1),
                R({"number": "1", "task": "Công khai", "lead": ag("Sở Nội vụ")}),
            ],
        )
    )
    assert _tree(plan["sections"]) == [
        ("A", "CHỈ SỐ CCHC", [], [("I", "THỂ CHẾ", ["Rà soát"], [])]),
        ("B", "CHỈ SỐ SIPAS", [], [("I", "THỦ TỤC", ["Công khai"], [])]),
    ]
    assert [i["id"] for s in plan["sections"] for sub in s["sections"] for i in sub["items"]] == ["A-I-1", "B-I-1"]


def test_groups_and_numbered_sub_sections_below_roman_sections(build: Any) -> None:
    plan = build(
        _variant(
            ["number", "task", "lead"],
            [
                H(("I",), "THỂ CHẾ"),
                H(("I", "A"), "Văn bản", "lone", 1),
                R({"number": "1", "task": "Rà soát", "lead": ag("Sở Tư pháp")}),
                H(("I", "B"), "Kiểm tra"),
                H(("I", "B", "1"), "Kiểm tra văn bản", "full"),
                R({"number": "2", "task": "Kiểm tra", "lead": ag("Sở Tư pháp")}),
                H(("II",), "THỦ TỤC"),
                R({"number": "1", "task": "Công khai", "lead": ag("Sở Nội vụ")}),
            ],
        )
    )
    assert _tree(plan["sections"]) == [
        ("I", "THỂ CHẾ", [], [
            ("A", "Văn bản", ["Rà soát"], []),
            ("B", "Kiểm tra", [], [("1", "Kiểm tra văn bản", ["Kiểm tra"], [])]),
        ]),
        ("II", "THỦ TỤC", ["Công khai"], []),
    ]  # fmt: skip


def test_a_merged_cell_across_tasks_is_written_on_each_item_it_covers(build: Any) -> None:
    plan = build(
        _variant(
            ["number", "task", "activity", "lead", "support"],
            [
                H(("I",), "THỂ CHẾ"),
                R({"number": "1", "task": "Nhiệm vụ 1", "activity": "HĐ 1", "lead": ag("Sở Tư pháp"),
                   "support": ag("Sở Nội vụ")}),
                R({"number": UP, "task": UP, "activity": "HĐ 2", "lead": UP, "support": ag("Sở Y tế")}),
                R({"number": "2", "task": "Nhiệm vụ 2", "activity": "HĐ 3", "lead": UP, "support": UP}),
                R({"number": UP, "task": UP, "activity": "HĐ 4", "lead": UP, "support": UP}),
            ],
        )
    )  # fmt: skip
    one, two = plan["sections"][0]["items"]
    # Lead spans both tasks whole: written on each task. Coordination spans HĐ 2 (the end of task 1)
    # and all of task 2: on HĐ 2 and on task 2.
    assert (one["lead"], two["lead"]) == (["Sở Tư pháp"], ["Sở Tư pháp"])
    assert [a.get("support") for a in one["items"]] == [["Sở Nội vụ"], ["Sở Y tế"]]
    assert two["support"] == ["Sở Y tế"] and all("support" not in a for a in two["items"])
    assert any("ranh giới" in r for r in two["repairs"])


def test_a_row_continuing_a_merged_number_stays_in_that_numbers_item(build: Any) -> None:
    plan = build(
        _variant(
            ["number", "task", "activity", "lead"],
            [
                H(("I",), "THỦ TỤC"),
                R({"number": "1", "task": "Rà soát TTHC", "activity": "Lập danh mục",
                   "lead": ag("Văn phòng UBND tỉnh")}),
                R({"number": UP, "task": "", "activity": "Báo cáo kết quả", "lead": UP}),
                R({"number": "2", "task": "Công khai TTHC", "activity": "Niêm yết", "lead": ag("Sở Nội vụ")}),
            ],
        )
    )  # fmt: skip
    one, two = plan["sections"][0]["items"]
    assert [a["text"] for a in one["items"]] == ["Lập danh mục", "Báo cáo kết quả"]
    assert one["lead"] == ["Văn phòng UBND tỉnh"] and [a["text"] for a in two["items"]] == ["Niêm yết"]


def _tsv(tmp_path: Path, lines: list[str]) -> dict[str, Any]:
    src = tmp_path / "annex.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    return import_plan(src, OPTIONS).plan


def _repairs(items: list[dict[str, Any]]) -> list[str]:
    out = []
    for item in items:
        out.extend(item.get("repairs", []))
        out.extend(_repairs(item.get("items", [])))
    return out


def test_no_numbering_gap_for_a_number_under_another_parent(tmp_path: Path) -> None:
    plan = _tsv(
        tmp_path,
        [
            "TT\tMục tiêu\tNhiệm vụ\tHoạt động\tChủ trì",
            "I\tTHỂ CHẾ\t\t\t",
            "1\t1.1. Mục tiêu một\t2.1. Nhiệm vụ một\t3.1. Việc một\tSở Tư pháp",
            "\t\t2.2. Nhiệm vụ hai\t3.3. Việc ba\tSở Tư pháp",
            "\t\t\t3.2. Việc hai\tSở Tư pháp",
            "\t\t\t3.5. Việc năm\tSở Tư pháp",
        ],
    )
    gaps = [r for r in _repairs(plan["sections"][0]["items"]) if "numbering gap" in r]
    assert gaps == ["thiếu số 3.4 (numbering gap)"]


def test_in_a_text_dump_an_empty_cell_across_a_task_boundary_is_not_a_merge(tmp_path: Path) -> None:
    plan = _tsv(
        tmp_path,
        [
            "TT\tNhiệm vụ\tHoạt động\tChủ trì",
            "I\tTHỂ CHẾ\t\t",
            "1\tNhiệm vụ một\tViệc một\tSở Tư pháp",
            "\t\tViệc hai\tSở Nội vụ",
            "2\tNhiệm vụ hai\tViệc ba\t",
        ],
    )
    one, two = plan["sections"][0]["items"]
    assert [a.get("lead") for a in one["items"]] == [["Sở Tư pháp"], ["Sở Nội vụ"]]
    assert "lead" not in two and "lead" not in two["items"][0]


def test_an_unnumbered_heading_merged_across_the_row_is_a_section(build: Any) -> None:
    plan = build(
        _variant(
            ["number", "task", "lead"],
            [
                H(("I",), "THỂ CHẾ"),
                H(("I", ""), "Nhiệm vụ trọng tâm", "full"),
                R({"number": "1", "task": "Rà soát", "lead": ag("Sở Tư pháp")}),
                H(("I", ""), "Nhiệm vụ thường xuyên", "full"),
                R({"number": "2", "task": "Kiểm tra", "lead": ag("Sở Tư pháp")}),
                H(("II",), "THỦ TỤC"),
                R({"number": "1", "task": "Công khai", "lead": ag("Sở Nội vụ")}),
            ],
        )
    )
    assert _tree(plan["sections"]) == [
        ("I", "THỂ CHẾ", [], [("", "Nhiệm vụ trọng tâm", ["Rà soát"], []),
                              ("", "Nhiệm vụ thường xuyên", ["Kiểm tra"], [])]),
        ("II", "THỦ TỤC", ["Công khai"], []),
    ]  # fmt: skip
    ids = [i["id"] for sub in plan["sections"][0]["sections"] for i in sub["items"]]
    assert ids == ["I-p1-1", "I-p2-2"]


def test_an_annex_split_into_several_word_tables_is_read_whole(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ("PHỤ LỤC", "NHIỆM VỤ CCHC NĂM 2025", "(Kèm theo Kế hoạch số 1/KH-UBND ngày 02/01/2025)"):
        document.add_paragraph(line)

    def table(rows: list[list[str]]) -> None:
        grid = document.add_table(rows=len(rows), cols=4)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value

    header = ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    table([header, ["I", "THỂ CHẾ", "", ""], ["1", "Rà soát", "Sở Tư pháp", "Quý I/2025"]])
    document.add_paragraph("")  # a section break: the header repeats in the next table
    table([header, ["2", "Kiểm tra", "Sở Tư pháp", "Quý II/2025"], ["II", "THỦ TỤC", "", ""]])
    table([["1", "Công khai", "Sở Nội vụ", "Năm 2025"]])  # no header of its own
    document.add_paragraph("PHỤ LỤC II")  # another annex: not part of this one
    table([header, ["I", "KHÁC", "", ""], ["1", "Việc của phụ lục II", "Sở Y tế", "Năm 2025"]])
    document.save(str(tmp_path / "annex.docx"))
    plan = import_plan(tmp_path / "annex.docx", OPTIONS).plan
    assert _tree(plan["sections"]) == [
        ("I", "THỂ CHẾ", ["Rà soát", "Kiểm tra"], []),
        ("II", "THỦ TỤC", ["Công khai"], []),
    ]


@pytest.mark.parametrize(
    ("label", "key"),
    [("Cơ quan tham mưu", "lead"), ("Cơ quan, đơn vị thực hiện", "lead"), ("Mốc thời gian", "due"),
     ("Thời gian dự kiến", "due"), ("Chủ trì (Cơ quan thực hiện)", "lead"), ("Bắt đầu (Thời gian)", "start")],
)  # fmt: skip
def test_more_header_labels(label: str, key: str) -> None:
    from cchc.importers.header import label_key

    assert label_key(label) == key
