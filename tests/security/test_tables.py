"""Tables that lie about their size, and the largest tables allowed: a sheet's declared dimension,
far cells, merges and spans are not trusted; the cells that exist are counted and bounded before
the table is built; the largest table allowed imports in bounded time and under 500 MiB; nothing a
reader cannot read is dropped silently (docs/import.md, docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cchc.importers import limits

from .hostile import (
    MiB,
    annex_docx,
    annex_rows,
    annex_xlsx,
    c,
    clean,
    docx,
    docx_table,
    import_args,
    letters,
    members,
    refused,
    run_cchc,
    sheet_rows,
    start_cchc,
    tc,
    xlsx,
)

MEMORY = 1024 * MiB
SECONDS = 30


def run_import(source: Path, tmp_path: Path, *, prelude: str = "", seconds: float = SECONDS) -> object:
    return run_cchc(import_args(source, tmp_path / "out.yaml"), seconds=seconds, memory=MEMORY, prelude=prelude)


def imported(tmp_path: Path) -> dict[str, object]:
    return yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))


def far(ref: str) -> str:
    return f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{c(ref, "x")}</row>'


def sparse_row_with(column: int) -> Path | str:
    """The annex with, inside the table (row 6), a row holding one activity and a cell in `column`."""
    rows = annex_rows()
    rows.insert(5, ["", "", "", "Việc thêm"])
    body = sheet_rows(rows)
    alone = c("D6", "Việc thêm")
    return f"<sheetData>{body.replace(alone, alone + c(f'{letters(column)}6', 'x'))}</sheetData>"


def leaf(plan: dict[str, object], row: int) -> dict[str, object]:
    """The deepest item of the `row`-th data row (objective > task > activity)."""
    item = plan["sections"][0]["items"][row]  # type: ignore[index]
    while item.get("items"):
        item = item["items"][0]
    return item  # type: ignore[no-any-return]


# --- what a sheet declares ----------------------------------------------------------------


def test_a_cell_at_xfd1_with_a_whole_sheet_dimension_is_refused_at_once(tmp_path: Path) -> None:
    """7 kB that made openpyxl build 16 384 columns for every row (before: 11 s, 1.1 GB)."""
    rows = sheet_rows(annex_rows()).replace("</row>", c("XFD1", "x") + "</row>", 1)
    sheet = f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData>'
    ran = run_import(xlsx(tmp_path / "bad.xlsx", sheet), tmp_path)
    refused(ran, "I006", words="16 384 cột")
    assert ran.seconds < 5 and ran.peak_mib < 100


def test_a_far_cell_in_a_data_row_is_refused_at_once(tmp_path: Path) -> None:
    """XFD6 in a row of the table: before, the structure builder tried ~10^22 placements of its cells (hung)."""
    ran = run_import(xlsx(tmp_path / "bad.xlsx", str(sparse_row_with(16_384))), tmp_path)
    refused(ran, "I006", words="16 384 cột")
    assert ran.seconds < 5 and ran.peak_mib < 100


def test_a_far_row_is_one_empty_gap_not_a_million_rows(tmp_path: Path) -> None:
    """A note at A1048576 under the table: the rows between are one gap; the note is text below the table."""
    ran = run_import(annex_xlsx(tmp_path / "far.xlsx", more=far("A1048576")), tmp_path)
    clean(ran)
    assert ran.seconds < 5 and ran.peak_mib < 100
    assert "1048576" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_merge_over_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    after = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    ran = run_import(annex_xlsx(tmp_path / "bad.xlsx", after=after), tmp_path)
    refused(ran, "I006", words="vùng gộp")
    after = '<mergeCells count="1"><mergeCell ref="A1:H1048576"/></mergeCells>'
    refused(run_import(annex_xlsx(tmp_path / "tall.xlsx", after=after), tmp_path), "I006", words="vùng gộp")


def test_one_shared_string_repeated_is_counted_each_time(tmp_path: Path) -> None:
    """A 100 000-character string cited by 50 cells: 5 M characters to clean and write, from ~30 kB."""
    import random

    from .hostile import words

    text = words(random.Random(5), 100_000)
    rows = sheet_rows(annex_rows())
    cited = "".join(f'<row r="{r}"><c r="B{r}" t="s"><v>0</v></c></row>' for r in range(20, 70))
    bad = xlsx(tmp_path / "bad.xlsx", f"<sheetData>{rows}{cited}</sheetData>", strings=f"<si><t>{text}</t></si>")
    ran = run_import(bad, tmp_path)
    refused(ran, "I006", words="ký tự")
    assert ran.seconds < 5 and bad.stat().st_size < 100_000


@pytest.mark.parametrize(
    ("what", "rows", "columns", "words"),
    [
        ("rows", limits.MAX_ROWS + 1, 8, "dòng"),
        ("cells", limits.MAX_ROWS - 10, limits.MAX_CELLS // (limits.MAX_ROWS - 10) + 1, "ô"),
    ],
)
def test_a_sheet_past_the_row_or_cell_limit_is_refused(
    tmp_path: Path, what: str, rows: int, columns: int, words: str
) -> None:
    bad = annex_xlsx(tmp_path / "bad.xlsx", annex_rows(rows - 4, columns))
    ran = run_import(bad, tmp_path)
    refused(ran, "I006", words=words)
    assert ran.seconds < 10 and ran.peak_mib < 300, (ran.seconds, ran.peak_mib)


# --- the largest tables allowed -----------------------------------------------------------


def largest(kind: str, tmp_path: Path) -> Path:
    """5 000 rows of 20 columns, ~1.9 M characters: just under MAX_ROWS, MAX_CELLS and MAX_TEXT."""
    rows = annex_rows(limits.MAX_ROWS - 4, 20, chars=19)
    if kind == "xlsx":
        return annex_xlsx(tmp_path / "largest.xlsx", rows)
    return annex_docx(tmp_path / "largest.docx", [r for r in rows if r][1:])


def test_the_largest_tables_allowed_import_under_500_mib(tmp_path: Path) -> None:
    """The largest .xlsx and .docx tables the limits allow, imported side by side (two children)."""
    children = {}
    for kind in ("xlsx", "docx"):
        folder = tmp_path / kind
        folder.mkdir()
        source = largest(kind, folder)
        assert source.stat().st_size < 2 * MiB
        args = import_args(source, folder / "out.yaml")
        children[kind] = start_cchc(args, seconds=limits.IMPORT_SECONDS, memory=MEMORY)
    for kind, child in children.items():
        ran = child.wait()
        clean(ran)
        assert ran.peak_mib < 500, f"{kind}: {ran.peak_mib:.0f} MiB"
        items = imported(tmp_path / kind)["sections"][0]["items"]  # type: ignore[index]
        assert len(items) == limits.MAX_ROWS - 4


def test_a_docx_part_of_the_largest_size_allowed_stays_under_500_mib(tmp_path: Path) -> None:
    """16 MiB of table XML (formatting on every run): read row by row, never held whole."""
    props = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr>'
    rows = [r for r in annex_rows(2300, 8) if r][1:]
    runs = "".join(f"<w:r>{props}<w:t>{{}}</w:t></w:r>" if k == 0 else f"<w:r>{props}<w:t/></w:r>" for k in range(7))
    cell = "<w:tc><w:p>" + runs + "</w:p></w:tc>"
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell.format(t) for t in row) + "</w:tr>" for row in rows)
    source = docx(tmp_path / "heavy.docx", f"<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>{table}</w:tbl>")
    assert 14 * MiB < len(dict(members(source))["word/document.xml"]) < limits.MAX_PART
    ran = run_import(source, tmp_path, seconds=limits.IMPORT_SECONDS)
    clean(ran)
    assert ran.peak_mib < 500, f"{ran.peak_mib:.0f} MiB"


# --- what a reader cannot read is said ----------------------------------------------------


def test_a_formula_without_a_cached_value_is_a_repair_and_never_evaluated(tmp_path: Path) -> None:
    body = sheet_rows(annex_rows())
    lead = '<c r="{}" t="inlineStr"><is><t>Sở Tư pháp</t></is></c>'
    formula = '<c r="F7"><f>HYPERLINK("http://example.invalid","Sở "&amp;"Nội vụ")</f><v></v></c>'
    body = body.replace(lead.format("F7"), formula).replace(lead.format("F6"), '<c r="F6"><f t="shared" si="0"/></c>')
    ran = run_import(xlsx(tmp_path / "f.xlsx", f"<sheetData>{body}</sheetData>"), tmp_path)
    clean(ran)
    assert 'Phụ lục!F7 `=HYPERLINK("http://example.invalid","Sở "&"Nội vụ")`' in ran.out, ran.out
    assert "Phụ lục!F6 `=(công thức dùng chung #0" in ran.out
    assert "không lưu giá trị đã tính" in ran.out and "không được tính" in ran.out
    assert "Phụ lục!F7" in (tmp_path / "out.yaml").read_text(encoding="utf-8")  # in the file's top comment too
    plan = imported(tmp_path)
    assert "lead" in leaf(plan, 0) and "lead" not in leaf(plan, 1) and "lead" not in leaf(plan, 2)
    assert "Nội vụ" not in str(plan["sections"])  # the cell is empty: nothing evaluated


def test_a_formula_with_a_cached_value_imports_the_value(tmp_path: Path) -> None:
    body = sheet_rows(annex_rows()).replace(
        '<c r="F7" t="inlineStr"><is><t>Sở Tư pháp</t></is></c>',
        '<c r="F7" t="str"><f>"Sở "&amp;"Nội vụ"</f><v>Sở Nội vụ</v></c>',
    )
    ran = run_import(xlsx(tmp_path / "f.xlsx", f"<sheetData>{body}</sheetData>"), tmp_path)
    clean(ran)
    assert "công thức" not in ran.out
    assert leaf(imported(tmp_path), 2)["lead"] == ["Sở Nội vụ"]


def test_a_nested_table_in_a_docx_cell_is_kept_and_noted(tmp_path: Path) -> None:
    rows = [r for r in annex_rows() if r][1:]
    nested = docx_table([["Sở Nội vụ", "chủ trì"], ["Sở Tài chính", "phối hợp"]])
    table = docx_table(rows).replace(
        "<w:t>Sở Tư pháp</w:t></w:r></w:p></w:tc>", f"<w:t>Sở Tư pháp</w:t></w:r></w:p>{nested}</w:tc>", 1
    )
    ran = run_import(docx(tmp_path / "n.docx", table), tmp_path)
    clean(ran)
    assert "n.docx#table1:r3c6: bảng lồng trong ô được giữ" in ran.out, ran.out
    assert leaf(imported(tmp_path), 0)["lead"] == ["Sở Tư pháp", "Sở Nội vụ | chủ trì", "Sở Tài chính | phối hợp"]


def test_text_in_a_content_control_is_read(tmp_path: Path) -> None:
    rows = [r for r in annex_rows() if r][1:]
    table = docx_table(rows).replace(
        "<w:tc><w:p><w:r><w:t>Sở Tư pháp</w:t></w:r></w:p></w:tc>",
        "<w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>Sở Tư pháp</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>",
        1,
    )
    ran = run_import(docx(tmp_path / "sdt.docx", f"<w:sdt><w:sdtContent>{table}</w:sdtContent></w:sdt>"), tmp_path)
    clean(ran)
    assert leaf(imported(tmp_path), 0)["lead"] == ["Sở Tư pháp"]


def test_a_huge_grid_span_is_refused_before_any_cell_is_built(tmp_path: Path) -> None:
    rows = [r for r in annex_rows() if r][1:]
    table = docx_table(rows).replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="50000000"/></w:tcPr>', 1)
    ran = run_import(docx(tmp_path / "bad.docx", table), tmp_path)
    refused(ran, "I006", words="cột")
    assert ran.seconds < 5 and ran.peak_mib < 100


def test_a_long_vertical_merge_is_linear(tmp_path: Path) -> None:
    """1 500 rows continuing one merged lead cell: python-docx walked the chain up for every row
    (quadratic, then RecursionError past ~1 000 rows); here each row looks one row up."""
    header, section, *data = [r for r in annex_rows(1500) if r][1:]
    rows = [
        "<w:tr>" + "".join(tc(t) for t in header) + "</w:tr>",
        "<w:tr>" + "".join(tc(t) for t in section) + "</w:tr>",
    ]
    for n, row in enumerate(data):
        cells = [tc(t) for t in row]
        merge = '<w:vMerge w:val="restart"/>' if n == 0 else "<w:vMerge/>"
        cells[5] = tc("Sở Tư pháp", merge) if n == 0 else f"<w:tc><w:tcPr>{merge}</w:tcPr><w:p/></w:tc>"
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    ran = run_import(docx(tmp_path / "merge.docx", "<w:tbl>" + "".join(rows) + "</w:tbl>"), tmp_path, seconds=60)
    clean(ran)
    assert ran.seconds < 30
    plan = imported(tmp_path)
    # the merge crosses task boundaries, so each item carries the lead it covers (issue 16)
    assert leaf(plan, 0)["lead"] == ["Sở Tư pháp"] and leaf(plan, 1).get("lead", ["Sở Tư pháp"]) == ["Sở Tư pháp"]


def test_a_vertical_merge_continuing_nothing_is_an_ordinary_cell(tmp_path: Path) -> None:
    rows = [r for r in annex_rows() if r][1:]
    table = docx_table(rows).replace("<w:tc>", "<w:tc><w:tcPr><w:vMerge/></w:tcPr>", 1)
    clean(run_import(docx(tmp_path / "v.docx", table), tmp_path))


def test_the_whole_import_has_a_time_limit(tmp_path: Path) -> None:
    """Whatever makes an import slow (a lone cell in column GR once made the structure builder try
    ~10^10 placements; `_align` now stops at MAX_PLACEMENTS), the import time limit stops it as I011:
    the builder is slowed here and the limit lowered to 2 s (120 s by default)."""
    assert limits.IMPORT_SECONDS == 120
    bad = xlsx(tmp_path / "slow.xlsx", str(sparse_row_with(200)))
    prelude = (
        "import time, cchc.importers as i, cchc.importers.limits as l; l.IMPORT_SECONDS = 2; "
        "_build = i.build; i.build = lambda *a, **k: (time.sleep(30), _build(*a, **k))[1]"
    )
    ran = run_import(bad, tmp_path, prelude=prelude)
    refused(ran, "I011", words="nhập quá 2 giây")
    assert ran.seconds < 10
