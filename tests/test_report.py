"""`cchc report`: the periodic report on the tracking fixture (plans/tuyen-quang/2024.yaml, progress
recorded at 14/06/2024). The Word tables are read back with python-docx and checked against counts
computed here from the deadlines themselves; the workbook has its chart; `report`, `due --format
json` and `agencies` agree on the four buckets."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc.agencies.match import match_entries
from cchc.cli import app
from cchc.errors import CchcError
from cchc.plan.loader import load_plan
from cchc.reports.progress import parse_period
from cchc.schedule.deadlines import BUCKETS, classify, deadlines

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "plans" / "tuyen-quang" / "2024.yaml"
TODAY = date(2024, 6, 14)
ARGS = [str(FIXTURE), "--quarter", "II/2024", "--today", TODAY.isoformat()]
COLUMNS = ("done_on_time", "done_late", "not_done_in_time", "not_done_overdue", "ongoing", "waiting")


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def expected(agency: str | None = None, role: str = "lead") -> dict[str, int]:
    """The report's counts, computed straight from each deadline of each item (the documented rule:
    the deadlines of 2024 — repetitions up to 31/12 — plus ongoing and event-waiting ones)."""
    plan = load_plan(FIXTURE)
    counts = dict.fromkeys(COLUMNS, 0)
    for match in match_entries([plan], agency, role):
        for dl in deadlines(match.entry, plan, today=TODAY, horizon=date(2024, 12, 31)):
            state = classify(dl, match.entry.item.progress, TODAY).state
            if dl.due is not None and dl.due.year != 2024:
                continue
            column = BUCKETS.get(state, state)
            if column in counts:
                counts[column] += 1
    return counts


def test_the_fixture_has_every_bucket() -> None:
    """What the fixture was recorded to show on 14/06/2024 (docs/progress.md)."""
    assert expected() == {
        "done_on_time": 5,  # I-1, VII-61, VII-64 for 01, 03 and 05/2024
        "done_late": 2,  # I-8 (31/01 → 20/02), VII-64 for 02/2024 (→ 04/03)
        "not_done_in_time": 39,
        "not_done_overdue": 2,  # I-13's January milestone, VII-64 for 04/2024 (missed)
        "ongoing": 20,
        "waiting": 8,
    }


@pytest.mark.parametrize(
    ("options", "period"),
    [
        ({"quarter": "II/2024"}, ("quarter", 2024, 2, date(2024, 4, 1), date(2024, 6, 30))),
        ({"quarter": "quý iv/2025"}, ("quarter", 2025, 4, date(2025, 10, 1), date(2025, 12, 31))),
        ({"quarter": "1/2024"}, ("quarter", 2024, 1, date(2024, 1, 1), date(2024, 3, 31))),
        ({"half": "1/2025"}, ("half", 2025, 1, date(2025, 1, 1), date(2025, 6, 30))),
        ({"half": "2/2024"}, ("half", 2024, 2, date(2024, 7, 1), date(2024, 12, 31))),
        ({"year": "2025"}, ("year", 2025, 0, date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_periods(options: dict[str, str], period: tuple[object, ...]) -> None:
    found = parse_period(**options)
    assert (found.kind, found.year, found.number, found.start, found.end) == period


@pytest.mark.parametrize(
    ("options", "code"),
    [({"quarter": "V/2024"}, "U002"), ({"half": "3/2024"}, "U002"), ({"year": "24"}, "U002"), ({}, "U006")],
)
def test_bad_periods(options: dict[str, str], code: str) -> None:
    with pytest.raises(CchcError) as caught:
        parse_period(**options)
    assert caught.value.problems[0].code == code
    with pytest.raises(CchcError):
        parse_period(quarter="II/2024", year="2024")


def _docx_table(path: Path, header: str) -> list[list[str]]:
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and len(rows[0]) > 1 and rows[0][1] == header:
            return rows
    raise AssertionError(f"no table headed {header!r}")


def test_word_report_counts_match(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    code, output = run("report", *ARGS, "--to", "docx", "-o", out)
    assert code == 0, output
    lead = _docx_table(out, "Cơ quan chủ trì")
    assert lead[0] == [
        "TT",
        "Cơ quan chủ trì",
        "Tổng số",
        "Hoàn thành đúng hạn",
        "Hoàn thành trễ hạn",
        "Chưa hoàn thành, trong hạn",
        "Chưa hoàn thành, quá hạn",
        "Thường xuyên",
        "Chờ sự kiện",
        "Tỷ lệ đúng hạn",
    ]
    total = expected()
    want = [str(sum(total.values())), *(str(total[c]) for c in COLUMNS), "55,6%"]
    assert lead[-1][1].startswith("Tổng toàn tỉnh") and lead[-1][2:] == want
    rows = {row[1]: row[2:9] for row in lead[1:-1]}
    for agency in ("Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh"):
        counts = expected(agency)
        assert rows[agency] == [str(sum(counts.values())), *(str(counts[c]) for c in COLUMNS)], agency
    support = _docx_table(out, "Cơ quan phối hợp")
    counts = expected("Sở Tư pháp", "support")
    assert {r[1]: r[2:9] for r in support[1:]}["Sở Tư pháp"] == [
        str(sum(counts.values())),
        *(str(counts[c]) for c in COLUMNS),
    ]
    import docx

    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Kết quả thực hiện Kế hoạch cải cách hành chính quý II năm 2024" in text
    assert "Tuyên Quang, ngày 14 tháng 6 năm 2024" in "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    late_rows = [r for t in document.tables for r in ([c.text for c in row.cells] for row in t.rows) if "Quá hạn" in r]
    assert {r[4] for r in late_rows} == {"31/01/2024", "30/04/2024"}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert round(document.sections[1].page_width.mm) == 297  # annexes in landscape
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_excel_report_has_a_sheet_per_view_and_a_chart(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    code, output = run("report", *ARGS, "-o", out)  # --to from the suffix
    assert code == 0, output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Báo cáo", "Chủ trì", "Phối hợp", "Trễ hạn, quá hạn", "Biểu đồ"]
    ws = wb["Chủ trì"]
    totals = next(
        [c.value for c in row] for row in ws.iter_rows() if str(row[1].value or "").startswith("Tổng toàn tỉnh")
    )
    total = expected()
    assert totals[2:9] == [sum(total.values()), *(total[c] for c in COLUMNS)]
    assert totals[9] == pytest.approx(5 / 9)
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert charts, "no chart in the workbook"
        xml = archive.read(charts[0]).decode()
    assert "<barChart>" in xml and '<barDir val="bar"/>' in xml  # a native horizontal bar chart
    assert "'Biểu đồ'!$B$2:$B$" in xml  # its series: the shares on the chart sheet
    chart_sheet = wb["Biểu đồ"]
    shares = {row[0].value: row[1].value for row in chart_sheet.iter_rows(min_row=2) if row[0].value}
    for agency in ("Sở Nội vụ", "Sở Tư pháp"):
        counts = expected(agency)
        come_due = counts["done_on_time"] + counts["done_late"] + counts["not_done_overdue"]
        assert shares[agency] == pytest.approx(counts["done_on_time"] / come_due), agency


def test_markdown_report_and_never_overwriting(tmp_path: Path) -> None:
    code, output = run("report", *ARGS, "--to", "md", "-o", "-")
    assert code == 0
    assert "# BÁO CÁO" in output and "## Phụ lục III. NHIỆM VỤ HOÀN THÀNH TRỄ HẠN VÀ QUÁ HẠN" in output
    assert "| **Tổng toàn tỉnh (mỗi nhiệm vụ tính một lần)** | **76** | **5** | **2** | **39** | **2** |" in output
    out = tmp_path / "r.md"
    out.write_text("bản cũ", encoding="utf-8")
    code, output = run("report", *ARGS, "-o", out)
    assert code == 2 and "P202" in output and "--force" in output
    assert out.read_text(encoding="utf-8") == "bản cũ"
    code, _ = run("report", *ARGS, "-o", out, "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("UBND TỈNH TUYÊN QUANG")


def test_report_usage_errors(tmp_path: Path) -> None:
    assert run("report", str(FIXTURE), "--today", "2024-06-14", "-o", "-", "--to", "md")[0] == 2
    code, out = run("report", *ARGS, "--to", "pdf", "-o", tmp_path / "x.pdf")
    assert code == 2 and "U003" in out
    code, out = run("report", *ARGS, "--to", "docx", "-o", "-")
    assert code == 2 and "U006" in out
    code, out = run("report", str(FIXTURE), "--year", "2030", "--today", "2030-06-01", "--to", "md", "-o", "-")
    assert code == 2 and "P201" in out
    code, out = run("report", str(ROOT / "plans"), "--year", "2024", "--today", "2024-06-14", "--to", "md", "-o", "-")
    assert code == 2 and "P203" in out and "Hà Tĩnh" in out and "Tuyên Quang" in out


def test_one_agencys_report(tmp_path: Path) -> None:
    code, output = run("report", *ARGS, "--agency", "so noi vu", "--to", "md", "-o", "-")
    assert code == 0, output
    assert "quý II năm 2024 — Sở Nội vụ" in output
    counts = expected("Sở Nội vụ")
    total = f"| **Tổng (Sở Nội vụ, chủ trì)** | **{sum(counts.values())}** | **{counts['done_on_time']}** |"
    assert total in output
    assert "| Chủ trì |" in output  # the late list says the agency's role


def test_report_due_and_agencies_agree_on_the_buckets() -> None:
    """The four buckets of `report`, `due --format json` and `agencies` on the same data and day."""
    runner = CliRunner()
    window = f"{(date(2024, 12, 31) - TODAY).days}d"  # `due` looking as far ahead as the report's year
    agencies = json.loads(runner.invoke(app, ["agencies", str(FIXTURE), "--today", "2024-06-14", "-f", "json"]).output)
    overdue_items = {a["name"]: a["overdue"] for a in agencies["agencies"]}
    for agency in ("Sở Nội vụ", "Sở Tư pháp"):
        options = ["--role", "lead", "--all", "--within", window, "--today", "2024-06-14", "--format", "json"]
        due = runner.invoke(app, ["due", str(FIXTURE), "--agency", agency, *options])
        items = [i for i in json.loads(due.output)["items"] if i["due"] is None or i["due"] <= "2024-12-31"]
        from_due = dict.fromkeys(COLUMNS, 0)
        for item in items:
            column = BUCKETS.get(item["state"], item["state"])
            if column in from_due:
                from_due[column] += 1
        md = runner.invoke(app, ["report", *ARGS, "--agency", agency, "--to", "md", "-o", "-"]).output
        total_row = next(line for line in md.splitlines() if line.startswith("|   | **Tổng ("))
        from_report = [int(c.strip(" *")) for c in total_row.split("|")[4:10]]
        assert from_report == [from_due[c] for c in COLUMNS], agency
        # `agencies` counts items (any role, through groups too) with an overdue deadline: the
        # items in the report's list of overdue work for the same agency.
        late_rows = [line for line in md.split("## Phụ lục III", 1)[1].splitlines() if "| Quá hạn |" in line]
        items_overdue = {line.split("|")[4].split(".")[0].strip() for line in late_rows}
        assert len(items_overdue) == overdue_items[agency], agency


pytestmark_print = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice / poppler-utils not installed",
)


def _pdf(source: Path, tmp_path: Path) -> Path:
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / (source.stem + ".pdf")
    if not pdf.exists():
        pytest.skip("LibreOffice cannot open this document type here (libreoffice-writer not installed?)")
    return pdf


def _text(pdf: Path, page: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytestmark_print
def test_word_report_as_printed(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    assert run("report", *ARGS, "--to", "docx", "-o", out)[0] == 0
    pdf = _pdf(out, tmp_path)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "2", str(pdf)], capture_output=True, text=True).stdout
    sizes = [line.split(":", 1)[1].split() for line in info.splitlines() if " size:" in line]
    assert [float(sizes[0][0]), float(sizes[0][2])] == pytest.approx([595.3, 841.9], abs=0.5)  # A4 portrait
    assert [float(sizes[1][0]), float(sizes[1][2])] == pytest.approx([841.9, 595.3], abs=0.5)  # annex: landscape
    page1, page2 = _text(pdf, 1), _text(pdf, 2)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page1 and "BÁO CÁO" in page1
    assert "Tuyên Quang, ngày 14 tháng 6 năm 2024" in " ".join(page1.split())
    assert not page1.lstrip().startswith("1")  # no page number on page 1
    assert page2.strip().splitlines()[0].strip() == "2"  # centred at the top from page 2
    assert "PHỤ LỤC I" in page2 and "Sở Nội vụ" in page2


@pytestmark_print
def test_excel_report_as_printed(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    assert run("report", *ARGS, "-o", out)[0] == 0
    pdf = _pdf(out, tmp_path)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    text = "\n".join(_text(pdf, p) for p in range(1, pages + 1))
    assert "PHỤ LỤC I" in text and "Tổng toàn tỉnh" in text and "Tỷ lệ hoàn thành đúng hạn" in text
