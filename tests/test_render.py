"""`cchc render`: the grid, the workbook as a clerk opens it, the Markdown, extracts and safety."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plan
from cchc.render import render
from cchc.render.layout import Cell, layout, official_date, subtitle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "2024.yaml"


def reopen(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    return ws


def find_row(ws: openpyxl.worksheet.worksheet.Worksheet, text: str) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return int(cell.row)
    raise AssertionError(f"{text!r} not in sheet")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2023, 12, 23), "ngày 23 tháng 12 năm 2023"),
        (date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
    ],
)
def test_official_date(day: date, text: str) -> None:
    assert official_date(day) == text


def test_subtitle_from_metadata_or_as_written(write_plan: Callable[..., Path]) -> None:
    assert subtitle(load_plan(EXAMPLE)) == (
        "(Kèm theo Kế hoạch số 01/KH-UBND ngày 20 tháng 12 năm 2023 của UBND tỉnh Ví Dụ)"
    )
    draft = write_plan("sections: []\n").read_text(encoding="utf-8")
    draft = draft.replace("  number: 268/KH-UBND\n", "").replace(
        "annex:\n", "annex:\n  subtitle: (ban hành kèm theo Quyết định số /QĐ-UBND ngày /12/2023)\n"
    )
    path = write_plan(draft, "draft.yaml", raw=True)
    assert subtitle(load_plan(path)) == "(ban hành kèm theo Quyết định số /QĐ-UBND ngày /12/2023)"


def test_grid_merges_what_the_tree_writes_once() -> None:
    grid = layout(load_plan(EXAMPLE))
    kinds = [r.kind for r in grid.rows]
    assert kinds == ["section", "item", "item", "item", "section", "section", "item", "item"]
    first, second = grid.rows[1], grid.rows[2]
    col = {k: i for i, k in enumerate(grid.keys)}
    # The objective, its number, the task and the lead written on the task span both activity rows.
    for key in ("number", "objective", "task", "lead", "support"):
        assert first.cells[col[key]] is not None and first.cells[col[key]].rowspan == 2, key  # type: ignore[union-attr]
        assert second.cells[col[key]] is None, key
    assert first.cells[col["support"]] == Cell("Văn phòng UBND tỉnh; Các cơ quan chuyên môn thuộc UBND tỉnh", 2)
    assert first.cells[col["due"]] == Cell("Tháng 01/2024")
    assert second.cells[col["due"]] == Cell("Quý II/2024")
    # Section rows: number in TT, title across the rest; a group below a section is its own row.
    assert grid.rows[0].cells[:2] == (Cell("I"), Cell("CẢI CÁCH THỂ CHẾ", colspan=8))
    assert grid.rows[5].level == 1 and grid.rows[5].cells[1] == Cell("Kiểm soát thủ tục hành chính", colspan=8)


def test_parent_text_in_the_same_column_gets_its_own_row(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        """\
        sections:
          - number: I
            title: CHỈ ĐẠO
            items:
              - id: a
                number: "1"
                text: Nhiệm vụ chung
                lead: [Sở Nội vụ]
                items:
                  - {id: a1, text: "- Việc thứ nhất", due: Quý I/2024}
                  - {id: a2, text: "- Việc thứ hai", due: Quý II/2024}
        """
    )
    grid = layout(load_plan(path))
    texts = [[c.text if c else None for c in r.cells] for r in grid.rows]
    assert texts == [
        ["I", "CHỈ ĐẠO", None, None],
        ["1", "Nhiệm vụ chung", "Sở Nội vụ", ""],
        [None, "- Việc thứ nhất", None, "Quý I/2024"],
        [None, "- Việc thứ hai", None, "Quý II/2024"],
    ]
    assert grid.rows[1].cells[0] == Cell("1", rowspan=3) and grid.rows[1].cells[2] == Cell("Sở Nội vụ", rowspan=3)


def test_workbook_as_the_province_prints_it() -> None:
    ws = reopen(render(load_plan(EXAMPLE), "xlsx"))
    assert ws.title == "Phụ lục"
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == [
        "PHỤ LỤC",
        "KHUNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2024",
        "(Kèm theo Kế hoạch số 01/KH-UBND ngày 20 tháng 12 năm 2023 của UBND tỉnh Ví Dụ)",
    ]
    assert ws["A1"].font.b and ws["A2"].font.b and ws["A3"].font.i and ws["A1"].font.name == "Times New Roman"
    header = find_row(ws, "TT")
    assert header == 5
    assert [ws.cell(header, c).value for c in range(1, 10)] == [
        "TT",
        "Mục tiêu/Chỉ tiêu",
        "Nhiệm vụ",
        "Hoạt động",
        "Kết quả, sản phẩm",
        "Chủ trì",
        "Phối hợp",
        "Thời gian hoàn thành",
        "Kinh phí",
    ]
    assert [ws.cell(header + 1, c).value for c in range(1, 10)] == list(range(1, 10))
    body = header + 2
    assert (ws.cell(body, 1).value, ws.cell(body, 2).value) == ("I", "CẢI CÁCH THỂ CHẾ")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:I1", "A2:I2", "A3:I3", f"B{body}:I{body}"} <= merged
    first = body + 1
    for col in "ABCFG":  # TT, objective, task, lead, support merged over the two activity rows
        assert f"{col}{first}:{col}{first + 1}" in merged
    assert f"H{first}:H{first + 1}" not in merged
    covered = ws[f"B{first + 1}"]  # the lower half of the merged objective still prints its borders
    assert covered.border.bottom.style == "thin" and covered.border.left.style == "thin"
    assert ws[f"F{first}"].value == "Sở Tư pháp" and ws[f"H{first + 1}"].value == "Quý II/2024"
    cell = ws[f"D{first}"]
    assert cell.font.name == "Times New Roman" and cell.font.sz == 12 and not cell.font.b
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert all(getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
    assert ws[f"A{body}"].font.b  # section rows bold
    # Print: A4 landscape fitted to the width, header repeated, page numbers not on page 1.
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert ws.freeze_panes == f"A{body}"
    assert ws.HeaderFooter.differentFirst and "&P" in str(ws.oddHeader.center.text)
    # Widths follow content: the activity column is wider than TT and the time column.
    widths = {c: ws.column_dimensions[c].width for c in "ADH"}
    assert widths["D"] > widths["H"] > widths["A"]


def test_rendering_twice_gives_identical_bytes() -> None:
    plan = load_plan(EXAMPLE)
    data = render(plan, "xlsx")
    assert data == render(plan, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 12, 20, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert core.count("2023-12-20T00:00:00Z") == 2  # created and modified pinned to the plan's date


FORMULAS = ['=HYPERLINK("http://evil.example","bấm vào")', "+1", "-Sở Nội vụ", "@SUM(A1)"]


def test_text_never_becomes_a_formula(write_plan: Callable[..., Path]) -> None:
    rows = "".join(
        f"      - {{id: i{n}, number: '{n}', text: {json.dumps(t)}, lead: [{json.dumps(t)}]}}\n"
        for n, t in enumerate(FORMULAS)
    )
    path = write_plan("sections:\n  - number: I\n    title: X\n    items:\n" + rows)
    ws = reopen(render(load_plan(path), "xlsx"))
    for text in FORMULAS:
        row = find_row(ws, text)
        assert ws.cell(row, 2).data_type == "s" and ws.cell(row, 2).value == text
        assert ws.cell(row, 3).value == text and ws.cell(row, 3).data_type == "s"


def test_markdown_escapes_cells(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        """\
        sections:
          - number: I
            title: A | B
            items:
              - id: a
                number: "1"
                text: "Dòng một | có ống\\nDòng <b>hai</b> & *ba* \\\\ hết"
                lead: [Sở Nội vụ, Sở Tư pháp]
        """
    )
    text = render(load_plan(path), "md").decode()
    assert "## I. A \\| B" in text
    row = (
        "| 1 | Dòng một \\| có ống<br>Dòng &lt;b&gt;hai&lt;/b&gt; &amp; \\*ba\\* \\\\ hết | Sở Nội vụ; Sở Tư pháp |  |"
    )
    assert row in text.splitlines()
    assert "| TT | NHIỆM VỤ, GIẢI PHÁP | CƠ QUAN CHỦ TRÌ | THỜI GIAN HOÀN THÀNH |" in text


def test_agency_extract_marks_roles(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "ext.md"
    result = runner.invoke(app, ["render", str(EXAMPLE), "--to", "md", "--agency", "so tu phap", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # The registry's name, not what was typed; 3 rows led by name, 1 through "Các sở, ban, ngành".
    assert "**Trích các nhiệm vụ của Sở Tư pháp: chủ trì 4, phối hợp 0 nhiệm vụ**" in text
    roles = [
        line.rsplit("|", 2)[1].strip() for line in text.splitlines() if line.startswith("| ") and "---" not in line
    ]
    assert roles.count("Chủ trì") == 3 and roles.count("Chủ trì (qua nhóm Các sở, ban, ngành)") == 1
    assert "3.5." not in text  # a row that does not concern the agency is left out
    ws = reopen(render(load_plan(EXAMPLE), "xlsx", agency="Văn phòng UBND tỉnh"))
    assert ws.cell(find_row(ws, "TT"), 10).value == "Vai trò"
    assert ws.cell(find_row(ws, "3.5. Báo cáo tình hình kiểm soát TTHC"), 10).value == "Chủ trì"  # as "VP UBND tỉnh"
    assert ws.cell(find_row(ws, "3.1. Xây dựng dự thảo Kế hoạch, trình UBND tỉnh ban hành"), 10).value == "Phối hợp"
    assert ws.cell(4, 1).value.startswith("Trích các nhiệm vụ của Văn phòng UBND tỉnh")


def test_extract_of_an_agency_with_no_rows_keeps_the_table_head(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        "sections:\n  - number: I\n    title: X\n    items:\n      - {id: a, text: Việc, lead: [Sở Y tế]}\n"
    )
    grid = layout(load_plan(path), agency="Sở Tư pháp")
    assert grid.rows == () and grid.extract == "Không có nhiệm vụ nào của Sở Tư pháp trong kế hoạch này"
    assert grid.labels[-1] == "Vai trò"


def test_unknown_agency_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "--agency", "Sở Không Có", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "x.md").exists()


@pytest.mark.parametrize(
    ("section", "first", "absent"),
    [("II", "II", "3.1."), ("ii.a", "II", "3.1."), ("I", "I", "3.4.")],
)
def test_one_section(section: str, first: str, absent: str) -> None:
    text = render(load_plan(EXAMPLE), "md", section=section).decode()
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[0].startswith(f"## {first}.") and absent not in text


def test_unknown_section_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "--section", "IX", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "R001" in result.output and "II.A" in result.output


def test_cli_default_output_and_stdout(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    # The province is in the name: two provinces' 2024.yaml never write the same ./2024.xlsx.
    assert reopen((tmp_path / "vi-du-2024.xlsx").read_bytes())["A1"].value == "PHỤ LỤC"
    result = runner.invoke(app, ["render", str(EXAMPLE), "--to", "md", "--agency", "Sở Tư pháp"])
    assert result.exit_code == 0 and (tmp_path / "vi-du-2024-so-tu-phap.md").is_file()
    result = runner.invoke(app, ["render", str(EXAMPLE), "--to", "md", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("**PHỤ LỤC**")
    result = runner.invoke(app, ["render", str(EXAMPLE), "--to", "pdf"])
    assert result.exit_code == 2 and "U003" in result.output  # one code for an unsupported format


def test_render_never_overwrites_silently(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for province in ("ha-tinh", "tuyen-quang"):
        result = runner.invoke(app, ["render", str(ROOT / "plans" / province / "2024.yaml")])
        assert result.exit_code == 0, result.output
        assert f"Đã ghi {province}-2024.xlsx" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ha-tinh-2024.xlsx", "tuyen-quang-2024.xlsx"]
    before = (tmp_path / "ha-tinh-2024.xlsx").read_bytes()
    again = runner.invoke(app, ["render", str(ROOT / "plans" / "ha-tinh" / "2024.yaml")])
    assert again.exit_code == 2 and "U008" in again.output
    assert "tệp đã có, không ghi đè (file exists): ha-tinh-2024.xlsx" in again.output and "--force" in again.output
    named = runner.invoke(app, ["render", str(EXAMPLE), "-o", "ha-tinh-2024.xlsx"])
    assert named.exit_code == 2 and (tmp_path / "ha-tinh-2024.xlsx").read_bytes() == before
    forced = runner.invoke(app, ["render", str(EXAMPLE), "-o", "ha-tinh-2024.xlsx", "--force"])
    assert forced.exit_code == 0 and (tmp_path / "ha-tinh-2024.xlsx").read_bytes() != before


def test_user_template_runs_in_the_sandbox(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.md.j2"
    good.write_text("{% for b in blocks %}{{ b.heading | inline }}: {{ b.rows | length }}\n{% endfor %}")
    result = runner.invoke(app, ["render", str(EXAMPLE), "--template", str(good), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "I. CẢI CÁCH THỂ CHẾ: 3\nII. CẢI CÁCH THỦ TỤC HÀNH CHÍNH: 0\nA. Kiểm soát thủ tục hành chính: 2\n"
    )
    for body in (
        "{{ ''.__class__.__mro__ }}",
        "x\n{{ plan.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
    ):
        bad = tmp_path / "bad.md.j2"
        bad.write_text(body)
        result = runner.invoke(app, ["render", str(EXAMPLE), "--template", str(bad), "-o", "-"])
        assert result.exit_code == 2, body
        assert "R003" in result.output and "unsafe" in result.output and "Traceback" not in result.output
    bad.write_text("{{ nope }}")
    result = runner.invoke(app, ["render", str(EXAMPLE), "--template", str(bad), "-o", "-"])
    assert result.exit_code == 2 and f"{bad}:1:1" in result.output and "'nope' is undefined" in result.output


def test_plan_without_number_column_and_with_extra_column(write_plan: Callable[..., Path]) -> None:
    text = write_plan("sections: []\n").read_text(encoding="utf-8")
    text = text.replace("    - {key: number, label: TT}\n", "").replace(
        "    - {key: due, label: THỜI GIAN HOÀN THÀNH}\n",
        "    - {key: due, label: THỜI GIAN HOÀN THÀNH}\n    - {key: budget_source, label: Nguồn vốn}\n",
    )
    text = text.replace(
        "sections: []\n",
        "sections:\n  - number: I\n    title: CHỈ ĐẠO\n    items:\n"
        "      - {id: a, text: Việc, lead: [Sở Nội vụ], extra: {budget_source: Ngân sách tỉnh}}\n",
    )
    grid = layout(load_plan(write_plan(text, "p.yaml", raw=True)))
    assert grid.rows[0].cells == (Cell("I. CHỈ ĐẠO", colspan=4), None, None, None)
    assert [c.text for c in grid.rows[1].cells if c] == ["Việc", "Sở Nội vụ", "", "Ngân sách tỉnh"]
    assert grid.labels[-1] == "Nguồn vốn"
