"""Issue 17: `cchc due`, `tasks` and friends answer "what must my department do now?" at a glance.

What a user sees: which plans (in force today unless asked), which stretch of time, rows that
lead somewhere (id, plan, lead, role, days late to the done date), most urgent first, a count per
state, events as starts, and a table that reads at 80 columns and below.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
EXAMPLE = ROOT / "docs" / "examples" / "2024.yaml"
#: The day issue 17 was seen on a fresh clone.
FRESH = ["--today", "2026-11-29"]

DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


# --- 1. scope -----------------------------------------------------------------------------------


def test_make_run_shows_only_the_plans_in_force(runner: CliRunner) -> None:
    code, out = run(runner, "due", "--agency", "so tu phap", str(PLANS), *FRESH)
    assert code == 0
    # The registry's name, not what was typed; the plan in force named in the title.
    assert out.startswith("Thời hạn — Sở Tư pháp — Tuyên Quang 2025–2030 (138/KH-UBND) — ngày 29/11/2026")
    assert "Hà Tĩnh 2024 " not in out.split("\n", 3)[3]  # no row of a closed plan
    assert "Quá hạn 1070 ngày" not in out and "Quá hạn 333 ngày" in out
    assert "bỏ qua 2 kế hoạch khác: Hà Tĩnh 2024, Tuyên Quang 2024 (268/KH-UBND) (xem bằng --all-plans, --plan)" in out
    data = json.loads(runner.invoke(app, ["due", "-a", "so tu phap", str(PLANS), *FRESH, "-f", "json"]).stdout)
    assert [p["name"] for p in data["plans"]] == ["Tuyên Quang 2025–2030"]
    assert {i["plan_name"] for i in data["items"]} == {"Tuyên Quang 2025–2030"}
    assert data["agency_name"] == "Sở Tư pháp" and sorted(data["left_out"]) == [
        str(PLANS / "ha-tinh" / "2024.yaml"),
        str(PLANS / "tuyen-quang" / "2024.yaml"),
    ]


def test_plans_holds_real_plans_only() -> None:
    assert not (PLANS / "example").exists() and EXAMPLE.is_file()


def test_all_plans_adds_a_plan_column_and_says_the_bodies_differ(runner: CliRunner) -> None:
    code, out = run(runner, "due", "-a", "Sở Tư pháp", str(PLANS), "--all-plans", *FRESH)
    assert code == 0 and "Kế hoạch" in out.splitlines()[1]
    assert "Hà Tĩnh 2024" in out and "Tuyên Quang 2025–2030" in out
    assert "Sở Tư pháp của 2 tỉnh (Hà Tĩnh, Tuyên Quang) là các cơ quan khác nhau; chọn một tỉnh bằng --province" in out


@pytest.mark.parametrize(
    ("option", "plans"),
    [
        (["--province", "ha tinh", "--all-plans"], {"Hà Tĩnh 2024"}),
        (["--province", "Tuyên Quang", "--all-plans"], {"Tuyên Quang 2024", "Tuyên Quang 2025–2030"}),
        (["--plan", "138/KH-UBND"], {"Tuyên Quang 2025–2030"}),
        (["--plan", "268"], {"Tuyên Quang 2024"}),
        (["--plan", str(PLANS / "ha-tinh" / "2024.yaml")], {"Hà Tĩnh 2024"}),  # closed, but named
        (["--plan", "tuyen-quang/2024", "--plan", "ha-tinh/2024.yaml"], {"Hà Tĩnh 2024", "Tuyên Quang 2024"}),
    ],
)
def test_plan_and_province_choose_the_plans(runner: CliRunner, option: list[str], plans: set[str]) -> None:
    result = runner.invoke(app, ["due", str(PLANS), "-a", "Sở Tư pháp", *option, *FRESH, "-f", "json", "--all"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {p["name"] for p in data["plans"]} == plans
    assert {i["plan_name"] for i in data["items"]} <= plans


def test_a_plan_file_given_is_shown_even_when_closed(runner: CliRunner) -> None:
    code, out = run(runner, "due", str(PLANS / "ha-tinh" / "2024.yaml"), "-a", "Sở Tư pháp", *FRESH)
    assert code == 0 and "Hà Tĩnh 2024" in out.splitlines()[0] and "Quá hạn" in out


def test_no_plan_in_force_says_so(runner: CliRunner) -> None:
    code, out = run(runner, "due", str(PLANS), "-a", "Sở Tư pháp", "--today", "2040-01-01")
    assert code == 0 and "không có kế hoạch nào có hiệu lực ngày 01/01/2040" in out
    assert "bỏ qua 3 kế hoạch khác" in out


def test_tasks_follow_the_same_scope(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["tasks", str(PLANS), "-a", "so tu phap", *FRESH, "-f", "json"]).stdout)
    assert {i["plan_name"] for i in data["items"]} == {"Tuyên Quang 2025–2030"} and data["agency_name"] == "Sở Tư pháp"
    code, out = run(runner, "tasks", str(PLANS), "--role", "lead", *FRESH)
    assert code == 2 and "--role lead cần --agency" in out  # no longer silently ignored


# --- 2. time windows ----------------------------------------------------------------------------

QUARTERS = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - {id: q4, number: "1", text: Báo cáo quý IV, lead: [Sở Tư pháp], due: Quý IV/2026}
      - {id: q1, number: "2", text: Báo cáo quý I, lead: [Sở Tư pháp], due: Quý I/2027}
      - {id: m6, number: "3", text: Việc tháng 6, lead: [Sở Tư pháp], due: Tháng 6/2027}
      - {id: late, number: "4", text: Việc cũ, lead: [Sở Tư pháp], due: Quý II/2026}
"""


@pytest.fixture
def multi_year(write_plan: Callable[..., Path]) -> Path:
    text = QUARTERS
    path = write_plan(text)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "period: {start: 2024, end: 2024}", "period: {start: 2026, end: 2027}"
        ),
        encoding="utf-8",
    )
    return path


def _ids(runner: CliRunner, path: Path, *args: str) -> list[str]:
    result = runner.invoke(app, ["due", str(path), *FRESH, "-f", "json", *args])
    assert result.exit_code == 0, result.output
    return [i["id"] for i in json.loads(result.stdout)["items"]]


def test_within_months_are_calendar_months(runner: CliRunner, multi_year: Path) -> None:
    # 29/11/2026 + 4 months runs to the end of March: the quarter end is inside; 120 days stop on 29/03.
    assert _ids(runner, multi_year, "--within", "4m") == ["late", "q4", "q1"]
    assert _ids(runner, multi_year, "--within", "120d") == ["late", "q4"]
    assert _ids(runner, multi_year, "--within", "2w") == ["late"]


@pytest.mark.parametrize(
    ("args", "ids", "label"),
    [
        (["--quarter", "I/2027"], ["q1"], "Quý I/2027"),
        (["--quarter", "2/2026"], ["late"], "Quý II/2026"),  # a past quarter: what was due in it
        (["--month", "6/2027"], ["m6"], "tháng 06/2027"),
        (["--year", "2027"], ["q1", "m6"], "năm 2027"),
        (["--from", "2026-10-01", "--to", "31/03/2027"], ["q4", "q1"], "01/10/2026 – 31/03/2027"),
    ],
)
def test_periods(runner: CliRunner, multi_year: Path, args: list[str], ids: list[str], label: str) -> None:
    assert _ids(runner, multi_year, *args) == ids
    code, out = run(runner, "due", str(multi_year), *FRESH, *args)
    assert code == 0 and out.splitlines()[0].endswith(label)


# --- 3. rows that lead somewhere ------------------------------------------------------------------

ROWS = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - {id: I-late, number: "1", text: Trễ lâu, lead: [Sở Tư pháp], due: Quý I/2024}
      - {id: I-soon, number: "2", text: Sắp đến, lead: [Sở Nội vụ], support: [Sở Tư pháp], due: Trước ngày 05/06/2024}
      - {id: I-later, number: "3", text: Còn xa, lead: ["Các sở, ban, ngành"], due: Trước ngày 25/06/2024}
      - {id: I-done, number: "4", text: Xong trễ, lead: [Sở Tư pháp], due: Quý I/2024,
         progress: {status: done, done_date: 2024-04-05}}
      - {id: I-recent, number: "5", text: Trễ ít, lead: [Sở Tư pháp], due: Tháng 05/2024}
"""


def test_rows_have_id_role_and_most_urgent_first(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ROWS)
    code, out = run(runner, "due", str(path), "-a", "Sở Tư pháp", "--today", "2024-06-01", "--all")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split() == ["Mã", "Nhiệm", "vụ", "Vai", "trò", "Thời", "gian", "Hạn", "Tình", "trạng"]
    order = [line.split()[0] for line in lines[3:8]]
    assert order == ["I-late", "I-recent", "I-soon", "I-later", "I-done"]  # overdue, then due soonest, then done
    row = {line.split()[0]: line for line in lines[3:8]}
    assert "phối hợp" in row["I-soon"] and "chủ trì qua nhóm" in row["I-later"]
    assert "Quá hạn 62 ngày" in row["I-late"] and "Còn 4 ngày" in row["I-soon"]
    # Done 5 days late is "trễ 5 ngày" for good, not today − due.
    assert "Hoàn thành trễ 5 ngày" in row["I-done"]
    assert "Quá hạn: 2 · Sắp đến hạn: 1 · Trong hạn: 1 · Hoàn thành trễ hạn: 1." in out


def test_without_agency_each_row_names_its_lead(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(ROWS)
    code, out = run(runner, "due", str(path), "--today", "2024-06-01")
    assert code == 0 and "Chủ trì" in out.splitlines()[1] and "Vai trò" not in out
    row = next(line for line in out.splitlines() if line.startswith("I-soon"))
    assert "Sở Nội vụ" in row
    data = json.loads(runner.invoke(app, ["due", str(path), "--today", "2024-06-01", "-f", "json"]).stdout)
    assert data["role"] is None and {i["role"] for i in data["items"]} == {None}
    assert next(i for i in data["items"] if i["id"] == "I-soon")["lead"] == ["Sở Nội vụ"]
    code, out = run(runner, "due", str(path), "--role", "support", "--today", "2024-06-01")
    assert code == 2 and "--role support cần --agency" in out


def test_markdown_keeps_the_whole_text(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    long_text = "Rà soát " + "văn bản quy phạm pháp luật " * 8 + "cuối câu"
    path = write_plan(ROWS.replace("text: Trễ lâu", f"text: {long_text}"))
    out = runner.invoke(app, ["due", str(path), "-a", "Sở Tư pháp", "--today", "2024-06-01", "-f", "md"]).stdout
    assert "cuối câu" in out and "…" not in out
    assert "| Mã | Nhiệm vụ | Vai trò | Thời gian | Hạn | Tình trạng |" in out


# --- 4. events as starts --------------------------------------------------------------------------

EVENT = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - {id: ev, number: "1", text: Trình danh mục, lead: [Sở Tư pháp], due: Sau khi có thông báo của Bộ Tư pháp,
         event_date: 2024-05-20}
      - {id: wait, number: "2", text: Chờ, lead: [Sở Tư pháp], due: Sau khi có hướng dẫn của Bộ Nội vụ}
      - {id: rel, number: "3", text: Trong 15 ngày, lead: [Sở Tư pháp],
         due: Trong 15 ngày kể từ ngày có thông báo, event_date: 2024-05-20}
"""


def test_an_event_starts_the_work(
    runner: CliRunner, write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_plan(EVENT)
    monkeypatch.chdir(tmp_path)  # no [tool.cchc] here: no grace
    code, out = run(runner, "due", str(path), "-a", "Sở Tư pháp", "--today", "2024-06-01")
    row = {line.split()[0]: line for line in out.splitlines()[3:] if line[:1].isalpha()}
    assert "Đã có sự kiện từ 20/05/2024" in row["ev"] and "20/05/2024  " not in row["ev"].split("Sau khi")[0]
    assert "Còn 3 ngày" in row["rel"]  # a relative text still counts from the event: 20/05 + 15 = 04/06
    assert "wait" not in row and "1 chờ sự kiện" in out
    # A configured grace gives `Sau khi …` work a deadline, counted from the event.
    (tmp_path / "pyproject.toml").write_text('[tool.cchc]\nevent-grace = "10d"\n', encoding="utf-8")
    code, out = run(runner, "due", str(path), "-a", "Sở Tư pháp", "--today", "2024-06-01")
    row = {line.split()[0]: line for line in out.splitlines()[3:] if line[:1].isalpha()}
    assert "30/05/2024" in row["ev"] and "Quá hạn 2 ngày" in row["ev"]
    (tmp_path / "pyproject.toml").write_text('[tool.cchc]\nevent-grace = "soon"\n', encoding="utf-8")
    code, out = run(runner, "due", str(path), "--today", "2024-06-01")
    assert code == 2 and "event-grace cần số ngày hoặc tuần" in out


# --- 5. every width -----------------------------------------------------------------------------


def _cchc(*args: str, columns: int, env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_NO_CACHE": "1", "COLUMNS": str(columns), "NO_COLOR": "1"}
    full.update(env or {})
    full.pop("CCHC_TODAY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", *args], cwd=ROOT, env=full, capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout.decode())


def _assert_whole(text: str, columns: int, ids: list[str]) -> None:
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    for line in lines:  # no date cut at a line end ("25/12/2" … "023"), no id cut
        assert not re.search(r"(^|[^\d/])(\d{1,2}/\d{1,2}/\d{0,3}|\d{1,2}/)$", line.rstrip()), line
    for item in ids:
        assert any(re.search(rf"(^|\s){re.escape(item)}(\s|$)", line) for line in lines), item


def test_make_run_reads_at_80_columns() -> None:
    """`make run` on a fresh clone (29/11/2026), drawn by rich at 80 columns."""
    out = _cchc("due", "--agency", "Sở Tư pháp", *FRESH, columns=80, env={"FORCE_COLOR": "1"})
    data = json.loads(_cchc("due", "--agency", "Sở Tư pháp", *FRESH, "-f", "json", columns=80))
    ids = [i["id"] for i in data["items"]]
    assert ids and len(DATE.findall(out)) >= len(ids)
    _assert_whole(out, 80, ids)
    header = next(line for line in out.splitlines() if line.lstrip().startswith("Mã"))
    assert header.split()[:3] == ["Mã", "Nhiệm", "vụ"] and "Tình trạng" in header
    # Rows stay short: no row of nine lines any more.
    blocks = re.split(r"\n(?=[IVX]+-\d)", out.split("─" * 10, 1)[1])
    assert max(block.count("\n") for block in blocks) <= 7
    # Every date and state is on one line: the row of each item shows its date whole.
    for item in data["items"]:
        due = "/".join(reversed(item["due"].split("-")))
        assert any(item["id"] in line and due in line for line in out.splitlines()), item["id"]


@pytest.mark.parametrize("columns", [60, 100, 200])
def test_other_widths(columns: int) -> None:
    args = ("due", "--agency", "Sở Tư pháp", "--all-plans", *FRESH)
    out = _cchc(*args, columns=columns, env={"FORCE_COLOR": "1"})
    ids = [i["id"] for i in json.loads(_cchc(*args, "-f", "json", columns=columns))["items"]]
    _assert_whole(out, columns, ids)


def test_narrow_screens_get_one_block_per_record() -> None:
    out = _cchc("due", "--agency", "Sở Tư pháp", "--all-plans", *FRESH, columns=60, env={"FORCE_COLOR": "1"})
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if " · " in line)
    # The fixed cells of a record, never broken inside: what does not fit goes whole to the next line.
    assert lines[first] == "I-1-2.1-3.1 · phối hợp qua nhóm · 25/12/2023"
    assert lines[first + 1] == "Quá hạn 1070 ngày"
    assert "  Kế hoạch: Hà Tĩnh 2024" in out and "  Nhiệm vụ: " in out


def test_on_a_pseudo_terminal_at_80_columns() -> None:
    """The real thing: a terminal 80 columns wide (rich finds the width itself)."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_NO_CACHE": "1", "NO_COLOR": "1", "TERM": "xterm"}
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "CCHC_TODAY"):
        env.pop(name, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc", "due", "--agency", "Sở Tư pháp", *FRESH],
        cwd=ROOT,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=60) == 0
    os.close(leader)
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r\n", "\n")
    assert "─" in out  # drawn by rich, as on a terminal
    _assert_whole(out, 80, ["I-1", "II-10", "III-14"])


def test_piped_output_keeps_one_line_per_row(runner: CliRunner) -> None:
    code, out = run(runner, "due", "-a", "Sở Tư pháp", str(PLANS), *FRESH)
    assert code == 0
    rows = [line for line in out.splitlines() if re.match(r"^[IVX]+-\d", line)]
    data = json.loads(runner.invoke(app, ["due", "-a", "Sở Tư pháp", str(PLANS), *FRESH, "-f", "json"]).stdout)
    assert len(rows) == len(data["items"])  # grep-able: one line per deadline


# --- 9. the smaller ones --------------------------------------------------------------------------


def test_explain_recurrence_in_words_with_next_occurrences(runner: CliRunner) -> None:
    code, out = run(runner, "explain", "Hàng tháng", *FRESH)
    assert code == 0 and "FREQ=" not in out
    assert "Lặp lại:     hằng tháng, vào ngày cuối tháng" in out
    assert "Các kỳ tới:  30/11/2026, 31/12/2026, 31/01/2027" in out
    code, out = run(runner, "explain", "Trước ngày 15 của tháng cuối quý", "--year", "2026", *FRESH)
    assert "hằng quý, vào ngày 15 của tháng cuối quý (15/03, 15/06, 15/09, 15/12)" in out
    assert "Các kỳ tới:  15/12/2026, 15/03/2027, 15/06/2027" in out


def test_explain_plan_without_id_is_a_usage_message(runner: CliRunner) -> None:
    code, out = run(runner, "explain", str(EXAMPLE))
    assert code == 2 and "error[U005] thiếu mã nhiệm vụ" in out
    assert f"ví dụ: cchc explain {EXAMPLE} I-1-a1" in out and "Loại:" not in out


def test_show_counts_subsections_and_gives_deadlines(runner: CliRunner) -> None:
    code, out = run(runner, "show", str(PLANS / "ha-tinh" / "2024.yaml"), "--today", "2024-06-01")
    assert code == 0 and "(0 nhiệm vụ)" not in out
    assert "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ VÀ ÁP DỤNG ISO (21 nhiệm vụ)" in out
    assert "Tổng: 76 nhiệm vụ." in out and "Ngày 01/06/2024: Quá hạn: 5" in out
    code, out = run(runner, "show", str(EXAMPLE), "I-1-a1", "--today", "2024-06-01")
    assert "Tiến độ: Hoàn thành, ngày 25/01/2024" in out
    assert "Thời hạn ngày 01/06/2024: hạn 31/01/2024 — Hoàn thành đúng hạn" in out


def test_show_keeps_line_breaks(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        'sections:\n  - number: I\n    title: X\n    items:\n      - id: a\n        text: "Dòng một\\nDòng hai"\n'
        "        lead: [Sở Tư pháp]\n        due: Quý I/2024\n"
    )
    code, out = run(runner, "show", str(path), "a", "--today", "2024-06-01")
    assert code == 0 and "⏎" not in out and "  Nội dung: Dòng một\n            Dòng hai" in out
    assert "Thời hạn ngày 01/06/2024: hạn 31/03/2024 — Quá hạn 62 ngày" in out


def test_diff_says_no_changes_once_and_never_hard_wraps(runner: CliRunner, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text, encoding="utf-8")
    code, out = run(runner, "diff", str(old), str(new))
    assert out == "Không có thay đổi (1 tệp kế hoạch).\n"
    long_text = "Xây dựng " + "kế hoạch chi tiết " * 20 + "xong"
    new.write_text(text.replace("3.1. Xây dựng dự thảo Kế hoạch, trình UBND tỉnh ban hành", long_text), "utf-8")
    code, out = run(runner, "diff", str(old), str(new), env={"COLUMNS": "80"})
    assert code == 0
    changed = next(line for line in out.splitlines() if "Nội dung" in line)
    assert changed.endswith("xong+}") and len(changed) > 200  # one line, whatever the width


def test_agencies_honours_suppressions_like_validate(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    code, out = run(runner, "agencies", str(PLANS))
    assert code == 0  # validate --strict passes on plans/, so does agencies
    assert "Tên chưa nhận ra nhưng đã ghi lý do bỏ qua (1)" in out and "văn bản gốc ghi 'UBND' không rõ cấp" in out
    item = "sections:\n  - number: I\n    title: X\n    items:\n      - id: a\n        text: Việc\n        lead:\n"
    with_reason = write_plan(item + "          - Hội Luật gia  # cchc: ignore[A101] hội chưa có trong danh mục\n")
    assert run(runner, "agencies", str(with_reason))[0] == 0
    without = write_plan(item + "          - Hội Luật gia  # cchc: ignore[A101]\n", "no-reason.yaml")
    code, out = run(runner, "agencies", str(without))
    assert code == 1 and "Tên cơ quan chưa có trong danh mục (1)" in out
