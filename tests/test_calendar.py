"""`cchc calendar` and `cchc due --format ics`: the .ics parses back, one entry per open deadline,
alarms, stable ids and bytes, one changed deadline changes one entry, hostile text stays inside."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2024-06-01"

ITEMS = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: I-1
        number: "1"
        text: Rà soát văn bản quy phạm pháp luật
        lead: [Sở Tư pháp]
        due: Quý II/2024
      - id: I-2
        number: "2"
        text: Kế hoạch và báo cáo
        lead: [Sở Nội vụ]
        support: [Sở Tư pháp]
        due: Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024
      - id: I-3
        number: "3"
        text: Báo cáo tháng
        lead: ["Các sở, ban, ngành"]
        due: Hàng tháng
      - id: I-4
        number: "4"
        text: Tuyên truyền
        lead: [Sở Tư pháp]
        due: Thường xuyên
      - id: I-5
        number: "5"
        text: Triển khai khi có thông báo
        lead: [Sở Tư pháp]
        due: Sau khi có thông báo của Bộ Tư pháp
      - id: I-6
        number: "6"
        text: Việc đã xong
        lead: [Sở Tư pháp]
        due: Quý I/2024
        progress: {status: done, done_date: 2024-03-20}
      - id: I-7
        number: "7"
        text: Việc đã hủy
        lead: [Sở Tư pháp]
        due: Quý III/2024
        progress: {status: cancelled}
"""

#: The open deadlines of ITEMS on TODAY: I-1, both milestones of I-2 (the first one overdue), the
#: seven monthly occurrences of I-3 from June to December; nothing for ongoing, waiting, done, cancelled.
EXPECTED = [
    ("plan/I-2/m1@cchc", date(2024, 1, 31)),
    ("plan/I-1@cchc", date(2024, 6, 30)),
    *[(f"plan/I-3/{d.isoformat()}@cchc", d) for d in (date(2024, m + 1, 1) - timedelta(days=1) for m in range(6, 12))],
    ("plan/I-2/m2@cchc", date(2024, 12, 10)),
    ("plan/I-3/2024-12-31@cchc", date(2024, 12, 31)),
]


def ics(runner: CliRunner, *args: str) -> bytes:
    result = runner.invoke(app, ["calendar", *args, "--today", TODAY, "-o", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def events(data: bytes) -> list[Calendar]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def blocks(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's bytes by its UID."""
    found = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)
    return {re.search(rb"\r\nUID:(.*?)\r\n", b, re.S).group(1).decode(): b for b in found}  # type: ignore[union-attr]


@pytest.fixture
def plan(tmp_path: Path, write_plan: Callable[..., Path]) -> Path:
    folder = tmp_path / "tq"
    folder.mkdir()
    return write_plan(ITEMS, "tq/plan.yaml")


def test_one_entry_per_open_deadline_with_required_properties_and_alarms(runner: CliRunner, plan: Path) -> None:
    data = ics(runner, str(plan))
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert "cchc" in str(cal["PRODID"])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    found = events(data)
    assert [(str(e["UID"]).removeprefix("tq/"), e.decoded("DTSTART")) for e in found] == EXPECTED
    for event in found:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "SEQUENCE", "LAST-MODIFIED"):
            assert prop in event, prop
        assert type(event.decoded("DTSTART")) is date  # all-day
        assert event.decoded("DTEND") == event.decoded("DTSTART") + timedelta(days=1)
        alarms = event.walk("VALARM")
        assert [a.decoded("TRIGGER") for a in alarms] == [
            -timedelta(days=6, hours=15),
            -timedelta(days=2, hours=15),
            -timedelta(hours=15),
        ]
    assert len(found) == 10
    assert sum(len(e.walk("VALARM")) for e in found) == 30


def test_summary_and_description_say_who_what_and_why(runner: CliRunner, plan: Path) -> None:
    by_uid = {str(e["UID"]): e for e in events(ics(runner, str(plan)))}
    first = by_uid["tq/plan/I-1@cchc"]
    assert str(first["SUMMARY"]) == "[Sở Tư pháp] Rà soát văn bản quy phạm pháp luật"
    text = str(first["DESCRIPTION"])
    assert "Kế hoạch: Tuyên Quang 2024 — Kế hoạch số 268/KH-UBND" in text
    assert "id I-1" in text
    assert "Thời gian (theo văn bản): Quý II/2024" in text
    assert f"cchc explain {plan} I-1" in text
    milestone = by_uid["tq/plan/I-2/m2@cchc"]
    assert str(milestone["SUMMARY"]) == "[Sở Nội vụ] (Báo cáo) Kế hoạch và báo cáo"
    assert "Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024" in str(milestone["DESCRIPTION"])


def test_agency_and_role_select_the_entries(runner: CliRunner, plan: Path) -> None:
    lead = [str(e["UID"]) for e in events(ics(runner, str(plan), "--agency", "so tu phap", "--role", "lead"))]
    # I-1 directly, and the monthly report through the group "Các sở, ban, ngành".
    assert lead == ["tq/" + uid for uid, _ in EXPECTED if "I-2" not in uid]
    support = events(ics(runner, str(plan), "--agency", "so tu phap", "--role", "support"))
    assert [str(e["UID"]) for e in support] == ["tq/plan/I-2/m1@cchc", "tq/plan/I-2/m2@cchc"]
    assert "Vai trò của Sở Tư pháp: phối hợp (trực tiếp)" in str(support[0]["DESCRIPTION"])
    anyrole = [str(e["UID"]) for e in events(ics(runner, str(plan), "-a", "Sở Tư pháp"))]
    assert len(anyrole) == 10
    name = Calendar.from_ical(ics(runner, str(plan), "-a", "so tu phap"))["X-WR-CALNAME"]
    assert str(name) == "Thời hạn CCHC — Sở Tư pháp (Tuyên Quang)"


def test_two_runs_give_the_same_bytes_and_due_format_ics_is_the_same_calendar(runner: CliRunner, plan: Path) -> None:
    first = ics(runner, str(plan))
    assert ics(runner, str(plan)) == first
    result = runner.invoke(app, ["due", str(plan), "--today", TODAY, "--format", "ics"])
    assert result.exit_code == 0
    assert result.stdout_bytes == first


def test_entries_do_not_change_from_day_to_day(runner: CliRunner, plan: Path) -> None:
    today = blocks(ics(runner, str(plan)))
    result = runner.invoke(app, ["calendar", str(plan), "--today", "2024-06-05", "-o", "-"])
    later = blocks(result.stdout_bytes)
    assert later == today


def test_changing_one_deadline_changes_only_that_entry(runner: CliRunner, plan: Path) -> None:
    before = blocks(ics(runner, str(plan)))
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: Quý II/2024", "due: Quý III/2024"), encoding="utf-8")
    after = blocks(ics(runner, str(plan)))
    assert set(after) == set(before)
    changed = {uid for uid in before if before[uid] != after[uid]}
    assert changed == {"tq/plan/I-1@cchc"}
    event = Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + after["tq/plan/I-1@cchc"] + b"END:VCALENDAR\r\n")
    (moved,) = event.walk("VEVENT")
    assert moved.decoded("DTSTART") == date(2024, 9, 30)
    assert moved.decoded("DTSTAMP") != Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + before["tq/plan/I-1@cchc"] + b"END:VCALENDAR\r\n"
    ).walk("VEVENT")[0].decoded("DTSTAMP")


def test_hostile_text_cannot_break_the_file(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    nasty = "Dòng 1\\nBEGIN:VEVENT;x=1,\\u0007\\u001b[31m\\r\\nEND:VCALENDAR\\u0085 " + "dài " * 60
    plan = write_plan(
        f"""\
        sections:
          - number: I
            title: T
            items:
              - id: x
                text: "{nasty}"
                lead: ["Sở Tư pháp;\\nBEGIN:VALARM"]
                due: Quý II/2024
        """
    )
    data = ics(runner, str(plan))
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1
    assert data.count(b"\r\nEND:VCALENDAR\r\n") == 1 and data.endswith(b"END:VCALENDAR\r\n")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    (event,) = events(data)
    summary = str(event["SUMMARY"])
    assert summary.startswith("[Sở Tư pháp, BEGIN:VALARM] Dòng 1 BEGIN:VEVENT;x=1,")
    assert len(summary) <= 120 and summary.endswith("…")
    assert "END:VCALENDAR" in str(event["DESCRIPTION"])
    assert len(event.walk("VALARM")) == 3


@pytest.mark.parametrize("today", ["2024-06-01", "2026-03-01"])
def test_real_plans_parse_back_with_unique_ids(runner: CliRunner, today: str) -> None:
    result = runner.invoke(app, ["calendar", str(ROOT / "plans"), "--today", today, "-o", "-"])
    assert result.exit_code == 0
    found = events(result.stdout_bytes)
    uids = [str(e["UID"]) for e in found]
    assert len(found) > 100 and len(set(uids)) == len(uids)
    assert all(len(e.walk("VALARM")) == 3 for e in found)
    days = [e.decoded("DTSTART") for e in found]
    assert days == sorted(days)


def test_writes_the_file_and_says_how_many(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "lich.ics"
    result = runner.invoke(app, ["calendar", str(plan), "--today", TODAY, "-o", str(target)])
    assert result.exit_code == 0
    assert "10 hạn" in result.stderr
    assert target.read_bytes() == ics(runner, str(plan))
    bad = runner.invoke(app, ["calendar", str(plan), "--role", "boss", "-o", str(target)])
    assert bad.exit_code == 2 and "U004" in bad.stderr
