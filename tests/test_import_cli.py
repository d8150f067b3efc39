"""`cchc import` on the command line: the summary, the written file, and one clear message (exit 2) for bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plan

TSV = "\n".join(
    [
        "KHUNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
        "(Kèm theo Kế hoạch số 7/KH-UBND ngày 02 tháng 01 năm 2024 của UBND tỉnh Bắc Kạn)",
        "TT\tNhiệm vụ, giải pháp\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tCột riêng",
        "I\tCẢI CÁCH THỂ CHẾ\t\t\t\t",
        "1\tRà soát văn bản <i>QPPL của tỉnh</i> và công bố danh mục hết hiệu lực trong\tSở Tư pháp"
        "\tSở Văn hóa, Thể thao và Du lịch; - UBND cấp huyện\tThườn g xuyên\tx",
        "",
        "TT\tNhiệm vụ, giải pháp\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tCột riêng",
        "\tnăm 2023\t\t\t\t",
        "2\tBáo cáo kết quả\t\tSở Tư pháp\tQuý IV/2024\t",
        "3\tTập huấn\tSở Nội vụ\tSở Tư pháp\tQuý II/2024\tx\tô thừa",
        "---\t---\t---\t---\t---\t---",
    ]
)  # fmt: skip


def test_import_writes_the_plan_and_prints_the_summary(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "annex.txt"
    src.write_text(TSV, encoding="utf-8")
    out = tmp_path / "plans" / "bac-kan" / "2024.yaml"
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "dòng đọc (rows read):          8" in result.output
    assert "ô không xếp được (unplaced):   1" in result.output
    plan = load_plan(out)
    assert (plan.meta.province, plan.meta.number, plan.meta.date and plan.meta.date.isoformat()) == (
        "Bắc Kạn", "7/KH-UBND", "2024-01-02"
    )  # fmt: skip
    one, two, three = (e.item for e in plan.entries())
    # The page-break fragment `năm 2023` is joined; HTML and the broken word are repaired and recorded.
    assert one.text == "Rà soát văn bản QPPL của tỉnh và công bố danh mục hết hiệu lực trong năm 2023"
    assert one.due == "Thường xuyên" and one.source["due"] == "Thườn g xuyên"
    assert one.support == ("Sở Văn hóa, Thể thao và Du lịch", "UBND cấp huyện")
    assert one.extra == {"x_cot_rieng": "x"}
    assert any("ngắt trang" in r for r in one.repairs) and any("Thường" in r for r in one.repairs)
    assert two.lead is None and two.support == ("Sở Tư pháp",)
    assert three.note is not None and "ô thừa" in three.note
    assert "phân cách" in out.read_text(encoding="utf-8")


def test_existing_output_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "annex.txt"
    src.write_text(TSV, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    out.write_text("hand-edited\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "hand-edited\n"
    assert runner.invoke(app, ["import", str(src), "-o", str(out), "--force"]).exit_code == 0


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("annex.pdf", b"%PDF-1.4", "không được hỗ trợ"),
        ("annex.txt", b"", "tệp rỗng"),
        ("annex.txt", "Chỉ có văn bản, không có bảng.\n".encode(), "không tìm thấy bảng"),
        ("annex.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("annex.xlsx", b"this is not a workbook", "bị hỏng"),
        ("annex.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "mật khẩu"),
        ("annex.docx", None, "zip bomb"),
        ("annex.txt", "Kế hoạch".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_input_is_one_clear_message(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    src = tmp_path / name
    if content is None:
        _zip_bomb(src)
    else:
        src.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_province_is_explained(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "annex.txt"
    src.write_text(TSV.replace(" của UBND tỉnh Bắc Kạn", ""), encoding="utf-8")
    result = runner.invoke(app, ["import", str(src)])
    assert result.exit_code == 2 and "--province" in result.output
    ok = runner.invoke(app, ["import", str(src), "--province", "Bắc Kạn"])
    assert ok.exit_code == 0 and "province: Bắc Kạn" in ok.output
