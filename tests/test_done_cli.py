"""`cchc done` and `cchc progress`: only the intended lines of a plan file change (byte for byte),
the file stays in canonical layout, and every refusal leaves the file untouched."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plan
from cchc.plan.writer import format_text

TODAY = ["--today", "2024-06-14"]

PLAN = """\
# yaml-language-server: $schema=../schema/cchc-plan-1.schema.json
# Kế hoạch thử (a test plan) — comments must survive every edit.
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
        due: Quý I/2024  # hạn theo văn bản
      # Mục b: báo cáo hằng tháng
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
      - id: g
        number: "4"
        text: Nhóm việc
        lead:
          - Sở Tư pháp
        items:
          - id: g1
            text: Việc con
            due: Quý II/2024
# cuối tệp
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cchc-plan-1.schema.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "2024.yaml"
    assert format_text(PLAN, path) == PLAN, "the test plan must be in canonical layout"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and added, from a byte-level comparison of the two texts."""
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def test_done_adds_exactly_the_progress_lines(runner: CliRunner, plan_file: Path) -> None:
    code, out = run(runner, "done", str(plan_file), "a", "--date", "2024-03-20", "--evidence", "KH số 5", *TODAY)
    assert code == 0, out
    after = plan_file.read_text(encoding="utf-8")
    removed, added = changed_lines(PLAN, after)
    assert removed == []
    assert added == [
        "        progress:",
        "          status: done",
        "          done_date: 2024-03-20",
        "          evidence: KH số 5",
    ]
    # Inserted right after the item's last line: the comment before item b stays before item b.
    assert "due: Quý I/2024  # hạn theo văn bản\n        progress:\n" in after
    assert "evidence: KH số 5\n      # Mục b: báo cáo hằng tháng\n      - id: b" in after
    assert format_text(after, plan_file) == after  # `cchc fmt --check` clean
    assert run(runner, "fmt", "--check", str(plan_file))[0] == 0
    assert "Đã ghi" in out and "+          done_date: 2024-03-20" in out
    assert load_plan(plan_file).item("a").progress.done_date.isoformat() == "2024-03-20"  # type: ignore[union-attr]


def test_done_defaults_to_today(runner: CliRunner, plan_file: Path) -> None:
    assert run(runner, "done", str(plan_file), "a", *TODAY)[0] == 0
    assert "done_date: 2024-06-14" in plan_file.read_text(encoding="utf-8")


def test_done_again_changes_only_the_changed_line(runner: CliRunner, plan_file: Path) -> None:
    code, _ = run(runner, "done", str(plan_file), "c", "--date", "2024-03-05", *TODAY)
    assert code == 0
    removed, added = changed_lines(PLAN, plan_file.read_text(encoding="utf-8"))
    assert (removed, added) == (["          done_date: 2024-03-01"], ["          done_date: 2024-03-05"])
    code, out = run(runner, "done", str(plan_file), "c", "--date", "05/03/2024", *TODAY)
    assert code == 0 and "không thay đổi" in out


def test_done_on_a_recurring_item_records_the_occurrence(runner: CliRunner, plan_file: Path) -> None:
    code, out = run(runner, "done", str(plan_file), "b", "--date", "2024-04-03", *TODAY)
    assert code == 0, out
    assert "kỳ 2024-03" in out  # March was due and is open: a late completion of March
    code, out = run(runner, "done", str(plan_file), "b", "--occurrence", "2024-01", "--date", "2024-01-30", *TODAY)
    assert code == 0, out
    removed, added = changed_lines(PLAN, plan_file.read_text(encoding="utf-8"))
    assert removed == []
    assert added == [
        "        progress:",
        "          status: in_progress",
        "          occurrences:",
        "            2024-01:",
        "              done_date: 2024-01-30",
        "            2024-03:",
        "              done_date: 2024-04-03",
    ]
    plan = load_plan(plan_file)
    progress = plan.item("b").progress  # type: ignore[union-attr]
    assert progress is not None and sorted(progress.occurrences) == ["2024-01", "2024-03"]


def test_occurrence_refusals(runner: CliRunner, plan_file: Path) -> None:
    for month in ("2024-03", "2024-04"):
        assert run(runner, "done", str(plan_file), "b", "--occurrence", month, "--date", "2024-04-01", *TODAY)[0] == 0
    before = plan_file.read_bytes()
    code, out = run(runner, "done", str(plan_file), "b", "--date", "2024-04-02", *TODAY)
    assert code == 2 and "P004" in out and "kỳ 2024-04" in out and "đã ghi hoàn thành" in out
    assert "--occurrence 2024-01" in out  # the first open one is suggested
    code, out = run(runner, "done", str(plan_file), "b", "--occurrence", "2024-13", *TODAY)
    assert code == 2 and "P004" in out and "2024-12" in out
    code, out = run(runner, "done", str(plan_file), "a", "--occurrence", "2024-03", *TODAY)
    assert code == 2 and "P005" in out
    assert plan_file.read_bytes() == before


def test_progress_drops_a_recorded_occurrence(runner: CliRunner, plan_file: Path) -> None:
    assert run(runner, "done", str(plan_file), "b", "--occurrence", "2024-02", "--date", "2024-03-01", *TODAY)[0] == 0
    code, out = run(runner, "progress", str(plan_file), "b", "--status", "in_progress", "--occurrence", "2024-02")
    assert code == 0, out
    removed, added = changed_lines(PLAN, plan_file.read_text(encoding="utf-8"))
    assert (removed, added) == ([], ["        progress:", "          status: in_progress"])


def test_progress_sets_status_and_note(runner: CliRunner, plan_file: Path) -> None:
    code, out = run(runner, "progress", str(plan_file), "a", "--status", "in_progress", "--note", "đang soạn")
    assert code == 0, out
    removed, added = changed_lines(PLAN, plan_file.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ["        progress:", "          status: in_progress", "          note: đang soạn"]


def test_progress_back_from_done_drops_the_done_date(runner: CliRunner, plan_file: Path) -> None:
    code, out = run(runner, "progress", str(plan_file), "c", "--status", "cancelled")
    assert code == 0 and "bỏ ngày hoàn thành 01/03/2024" in out
    removed, added = changed_lines(PLAN, plan_file.read_text(encoding="utf-8"))
    assert removed == ["          status: done", "          done_date: 2024-03-01"]
    assert added == ["          status: cancelled"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["done", "{plan}", "aa", *TODAY], 2, ["U005", "bạn có muốn: a"]),
        (["progress", "{plan}", "x1", "--status", "in_progress"], 2, ["U005"]),
        (["done", "{plan}", "a", "--date", "2024-06-15", *TODAY], 2, ["P001", "15/06/2024", "sau hôm nay"]),
        (["done", "{plan}", "a", "--date", "2024-13-01", *TODAY], 2, ["U001"]),
        (["done", "{plan}", "g", *TODAY], 2, ["P003", "g1"]),
        (["progress", "{plan}", "a", "--status", "done"], 2, ["U006", "cchc done"]),
        (["progress", "{plan}", "a"], 2, ["U006", "--status"]),
        (["progress", "{plan}", "a", "--status", "in_progress", "--plan", "{plan}"], 2, ["U006"]),
    ],
)
def test_refusals_leave_the_file_alone(
    runner: CliRunner, plan_file: Path, args: list[str], code: int, words: list[str]
) -> None:
    exit_code, out = run(runner, *(a.replace("{plan}", str(plan_file)) for a in args))
    assert exit_code == code, out
    for word in words:
        assert word in out
    assert plan_file.read_text(encoding="utf-8") == PLAN
    assert "Traceback" not in out


def test_a_file_not_in_canonical_layout_is_refused(runner: CliRunner, plan_file: Path) -> None:
    messy = PLAN.replace("  period: {start: 2024, end: 2024}", "  period:\n    start: 2024\n    end: 2024")
    plan_file.write_text(messy, encoding="utf-8")
    code, out = run(runner, "done", str(plan_file), "a", *TODAY)
    assert code == 2 and "P002" in out and "cchc fmt" in out
    assert plan_file.read_text(encoding="utf-8") == messy


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc.plan import edit

    real = edit.plan_edits
    theirs = PLAN.replace("text: Rà soát văn bản", "text: Rà soát văn bản (sửa bởi người khác)")

    def meanwhile(path: str | Path, edits: object) -> edit.PlannedWrite:
        planned = real(path, edits)  # type: ignore[arg-type]
        Path(path).write_text(theirs, encoding="utf-8")  # someone saves the file in between
        return planned

    monkeypatch.setattr(edit, "plan_edits", meanwhile)
    code, out = run(runner, "done", str(plan_file), "a", *TODAY)
    assert code == 2 and "W002" in out and "đã thay đổi" in out
    assert plan_file.read_text(encoding="utf-8") == theirs
    assert not [p for p in plan_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_dry_run_writes_nothing(runner: CliRunner, plan_file: Path) -> None:
    code, out = run(runner, "done", str(plan_file), "a", "--dry-run", *TODAY)
    assert code == 0 and "--dry-run" in out and "+        progress:" in out
    assert plan_file.read_text(encoding="utf-8") == PLAN


def test_edits_keep_the_real_plans_canonical(tmp_path: Path) -> None:
    """Every leaf of a real plan can take progress with only its own lines changing."""
    from cchc.plan.edit import ProgressEdit, plan_edits

    root = Path(__file__).resolve().parent.parent
    source = root / "plans" / "ha-tinh" / "2024.yaml"
    text = source.read_text(encoding="utf-8")
    copy = tmp_path / "plans" / "ha-tinh" / "2024.yaml"
    copy.parent.mkdir(parents=True)
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cchc-plan-1.schema.json").write_text("{}", encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    leaves = [e.item.id for e in load_plan(copy).leaves()]
    from datetime import date

    edits = [ProgressEdit(i, {"status": "in_progress", "note": "x"}) for i in leaves]
    planned = plan_edits(copy, [*edits, ProgressEdit(leaves[0], {"done_date": date(2024, 1, 2), "status": "done"})])
    removed, added = changed_lines(text, planned.after)
    assert removed == [] or all("status:" in line or "note:" in line for line in removed)
    assert sum(1 for line in added if line.strip() == "progress:") == len(leaves) - sum(
        1 for e in load_plan(copy).leaves() if e.item.progress is not None
    )
    assert format_text(planned.after, copy) == planned.after
