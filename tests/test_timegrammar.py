"""The time grammar: cores found inside phrases, compound cells cut into parts, open starts.

`VARIANTS` is written the way other provinces write their time cells (verbs before a time, labels
after it, `;` / line break / bullet compounds, ISO dates, open starts, `hằng`/`hàng`, `năm` vs `/`,
case, trailing dots), each with what it must mean in a 2025 plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import load_plan, load_plans
from cchc.schedule.deadlines import classify, deadlines
from cchc.schedule.timeexpr import (
    BEFORE_DATE,
    COMPOUND,
    DATE,
    EMPTY,
    EVENT,
    FROM,
    HALF_YEAR,
    KINDS,
    MONTH,
    MONTH_RANGE,
    ONGOING,
    QUARTER,
    QUARTER_LIST,
    QUARTER_RANGE,
    RANGE,
    RECURRING,
    RELATIVE,
    UNPARSED,
    YEAR,
    YEAR_RANGE,
    parse_time,
)
from cchc.schedule.timegrammar import DAY, MARK, NUM, WORD, tokenize

D = date
N = None
Labels = tuple[str | None, ...]

#: (text, kind, start, due, labels) in a 2025 plan; labels: the reading's, or each milestone's.
VARIANTS: list[tuple[str, str, date | None, date | None, Labels]] = [
    # a verb or a label before the time
    ("Triển khai thường xuyên", ONGOING, N, N, ("Triển khai",)),
    ("Thực hiện trong Quý II/2025", QUARTER, D(2025, 4, 1), D(2025, 6, 30), ("Thực hiện",)),
    ("Hoàn thành trước ngày 30/6/2025", BEFORE_DATE, N, D(2025, 6, 30), ("Hoàn thành",)),
    ("Tổ chức vào tháng 9/2025", MONTH, D(2025, 9, 1), D(2025, 9, 30), ("Tổ chức",)),
    ("Hoàn thành năm 2025", YEAR, D(2025, 1, 1), D(2025, 12, 31), ("Hoàn thành",)),
    ("Hoàn thành trước 31/12/2025.", BEFORE_DATE, N, D(2025, 12, 31), ("Hoàn thành",)),
    ("Nghiệm thu Quý III/2025", QUARTER, D(2025, 7, 1), D(2025, 9, 30), ("Nghiệm thu",)),
    ("Tổ chức thực hiện sau khi có hướng dẫn của Bộ Nội vụ", EVENT, N, N, ("Tổ chức thực hiện",)),
    (
        "Xây dựng Kế hoạch năm 2026 trong Quý IV/2025",
        QUARTER,
        D(2025, 10, 1),
        D(2025, 12, 31),
        ("Xây dựng Kế hoạch năm 2026",),
    ),  # `năm 2026` names the plan, not the time
    (
        "Triển khai Quyết định số 1234/QĐ-UBND ngày 15/3/2025 trong Quý II/2025",
        QUARTER,
        D(2025, 4, 1),
        D(2025, 6, 30),
        ("Triển khai Quyết định số 1234/QĐ-UBND ngày 15/3/2025",),
    ),  # the document's own date
    # a label after the time
    ("Quý IV/2025 (báo cáo UBND tỉnh)", QUARTER, D(2025, 10, 1), D(2025, 12, 31), ("báo cáo UBND tỉnh",)),
    (
        "Quý IV/2025: Kế hoạch giai đoạn 2026-2030",
        QUARTER,
        D(2025, 10, 1),
        D(2025, 12, 31),
        ("Kế hoạch giai đoạn 2026-2030",),
    ),
    ("Tháng 10/2025 (dự kiến)", MONTH, D(2025, 10, 1), D(2025, 10, 31), (N,)),  # "expected": no name
    ("Dự kiến Quý IV/2025", QUARTER, D(2025, 10, 1), D(2025, 12, 31), (N,)),
    # compounds: `;`, line breaks, bullets, sentence ends, `và`, commas
    (
        "Hoàn thành trong năm 2025; tổ chức thực hiện thường xuyên",
        COMPOUND,
        D(2025, 1, 1),
        N,
        ("Hoàn thành", "tổ chức thực hiện"),
    ),
    (
        "Xây dựng đề án Quý II/2025; Nghiệm thu Quý III/2025",
        COMPOUND,
        D(2025, 4, 1),
        D(2025, 9, 30),
        ("Xây dựng đề án", "Nghiệm thu"),
    ),
    (
        "- Xây dựng kế hoạch: Quý I/2025\n- Tổ chức thực hiện: Quý II - Quý IV/2025",
        COMPOUND,
        D(2025, 1, 1),
        D(2025, 12, 31),
        ("Xây dựng kế hoạch", "Tổ chức thực hiện"),
    ),
    (
        "+ Năm 2025: thí điểm; + Năm 2026: nhân rộng",
        COMPOUND,
        D(2025, 1, 1),
        D(2026, 12, 31),
        ("thí điểm", "nhân rộng"),
    ),
    ("• Quý I/2025 • Quý III/2025", COMPOUND, D(2025, 1, 1), D(2025, 9, 30), (N, N)),
    ("Ban hành trong Quý I/2025. Triển khai từ Quý II/2025", COMPOUND, D(2025, 1, 1), N, ("Ban hành", "Triển khai")),
    ("Tháng 12/2025\nThường xuyên", COMPOUND, D(2025, 12, 1), N, (N, N)),
    ("Quý II/2025; Quý IV/2025", COMPOUND, D(2025, 4, 1), D(2025, 12, 31), (N, N)),
    ("Sơ kết -\nQuý IV/2027", QUARTER, D(2027, 10, 1), D(2027, 12, 31), ("Sơ kết",)),  # a part that only names
    (
        "Báo cáo 6 tháng trước ngày 15/6/2025, báo cáo năm trước ngày 15/12/2025",
        COMPOUND,
        N,
        D(2025, 12, 15),
        ("Báo cáo 6 tháng", "báo cáo năm"),
    ),
    ("Tháng 6 và tháng 12/2025", COMPOUND, D(2025, 6, 1), D(2025, 12, 31), (N, N)),
    ("Tháng 3, 6, 9, 12/2025", COMPOUND, D(2025, 3, 1), D(2025, 12, 31), (N, N, N, N)),
    ("Năm 2025, 2026", COMPOUND, D(2025, 1, 1), D(2026, 12, 31), (N, N)),
    ("1. Quý I/2025; 2. Quý II/2025", COMPOUND, D(2025, 1, 1), D(2025, 6, 30), (N, N)),  # numbering is no name
    # dates in digits: the YAML format's ISO style and others
    ("2025-10-31", DATE, N, D(2025, 10, 31), (N,)),
    ("31-10-2025", DATE, N, D(2025, 10, 31), (N,)),
    ("31.10.2025", DATE, N, D(2025, 10, 31), (N,)),
    ("Hoàn thành trước 2025-10-31", BEFORE_DATE, N, D(2025, 10, 31), ("Hoàn thành",)),
    ("Ngày 05 tháng 9 năm 2025", DATE, N, D(2025, 9, 5), (N,)),
    # open starts: a start and no deadline
    ("Từ tháng 7/2025", FROM, D(2025, 7, 1), N, (N,)),
    ("Bắt đầu từ 01/9/2025", FROM, D(2025, 9, 1), N, (N,)),
    ("Từ Quý III/2025 trở đi", FROM, D(2025, 7, 1), N, (N,)),
    ("Từ ngày 01/01/2026", FROM, D(2026, 1, 1), N, (N,)),
    ("Kể từ ngày 01/7/2025", FROM, D(2025, 7, 1), N, (N,)),
    ("Năm 2026 và các năm tiếp theo", FROM, D(2026, 1, 1), N, (N,)),
    ("Sau ngày 30/6/2025", FROM, D(2025, 7, 1), N, (N,)),  # from the day after
    ("Thường xuyên từ năm 2025", FROM, D(2025, 1, 1), N, (N,)),
    # ranges
    ("Từ tháng 7 đến tháng 9/2025", MONTH_RANGE, D(2025, 7, 1), D(2025, 9, 30), (N,)),
    ("Tháng 11/2025 - tháng 01/2026", MONTH_RANGE, D(2025, 11, 1), D(2026, 1, 31), (N,)),
    ("Quý II - Quý III/2025", QUARTER_RANGE, D(2025, 4, 1), D(2025, 9, 30), (N,)),
    ("Từ Quý II đến Quý IV/2025", QUARTER_RANGE, D(2025, 4, 1), D(2025, 12, 31), (N,)),
    ("Quý I, Quý II năm 2025", QUARTER_LIST, D(2025, 1, 1), D(2025, 6, 30), (N,)),
    ("Từ 01/7/2025 đến 31/12/2025", RANGE, D(2025, 7, 1), D(2025, 12, 31), (N,)),
    ("Từ tháng 7/2025 đến Quý II/2026", RANGE, D(2025, 7, 1), D(2026, 6, 30), (N,)),
    ("Năm 2025 - 2026", YEAR_RANGE, D(2025, 1, 1), D(2026, 12, 31), (N,)),
    ("Từ năm 2025 đến năm 2030", YEAR_RANGE, D(2025, 1, 1), D(2030, 12, 31), (N,)),
    ("Giai đoạn 2026-2030", YEAR_RANGE, D(2026, 1, 1), D(2030, 12, 31), (N,)),
    # by a day, before a period, until the end of one
    ("Chậm nhất ngày 30/9/2025", BEFORE_DATE, N, D(2025, 9, 30), (N,)),
    ("Hạn chót: 31/10/2025", BEFORE_DATE, N, D(2025, 10, 31), (N,)),
    ("Không quá ngày 31/12/2025", BEFORE_DATE, N, D(2025, 12, 31), (N,)),
    ("Đến hết ngày 31/12/2025", BEFORE_DATE, N, D(2025, 12, 31), (N,)),
    ("Trước tháng 9/2025", BEFORE_DATE, N, D(2025, 8, 31), (N,)),  # before September: by 31 August
    ("Chậm nhất trong Quý III/2025", BEFORE_DATE, N, D(2025, 9, 30), (N,)),
    ("Từ nay đến hết năm 2025", BEFORE_DATE, N, D(2025, 12, 31), (N,)),
    # case, `năm` vs `/`, trailing dots, missing years
    ("quý iii/2025.", QUARTER, D(2025, 7, 1), D(2025, 9, 30), (N,)),
    ("Quý 3 năm 2025", QUARTER, D(2025, 7, 1), D(2025, 9, 30), (N,)),
    ("THÁNG 10 NĂM 2025", MONTH, D(2025, 10, 1), D(2025, 10, 31), (N,)),
    ("Tháng 09 / 2025", MONTH, D(2025, 9, 1), D(2025, 9, 30), (N,)),
    ("Năm 2025.", YEAR, D(2025, 1, 1), D(2025, 12, 31), (N,)),
    ("Trong năm 2025", YEAR, D(2025, 1, 1), D(2025, 12, 31), (N,)),
    ("Cả năm 2025", YEAR, D(2025, 1, 1), D(2025, 12, 31), (N,)),
    ("Cuối năm", YEAR, D(2025, 1, 1), D(2025, 12, 31), (N,)),
    ("Cuối Quý II/2025", QUARTER, D(2025, 4, 1), D(2025, 6, 30), (N,)),
    ("Trước 30/6", BEFORE_DATE, N, D(2025, 6, 30), (N,)),
    ("6 tháng đầu năm 2025", HALF_YEAR, D(2025, 1, 1), D(2025, 6, 30), (N,)),
    ("Sáu tháng cuối năm", HALF_YEAR, D(2025, 7, 1), D(2025, 12, 31), (N,)),
    # `hằng` / `hàng` / `mỗi` / `định kỳ`
    ("Hằng quý", RECURRING, D(2025, 1, 1), N, (N,)),
    ("hàng quý", RECURRING, D(2025, 1, 1), N, (N,)),
    ("HẰNG THÁNG", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Mỗi năm", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Định kỳ 6 tháng", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Ngày 15 hằng tháng", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Trước ngày 20 hàng tháng", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Vào tháng 6 hằng năm", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Hằng năm, trước ngày 15/12", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Hàng năm vào Quý IV", RECURRING, D(2025, 1, 1), N, (N,)),
    ("Hàng tháng, bắt đầu từ tháng 7/2025", RECURRING, D(2025, 7, 1), N, (N,)),
    ("Hàng năm, khi có yêu cầu", RECURRING, D(2025, 1, 1), N, (N,)),
    # ongoing, events, relative
    ("Thường xuyên, liên tục", ONGOING, N, N, (N,)),
    ("Thường xuyên; khi có yêu cầu", ONGOING, N, N, (N,)),
    ("Sau khi Đề án được phê duyệt", EVENT, N, N, (N,)),
    ("Trong vòng 30 ngày kể từ ngày Quyết định có hiệu lực", RELATIVE, N, N, (N,)),
    # not a time: kept, never guessed
    ("Kế hoạch giai đoạn 2025-2030", UNPARSED, N, N, (N,)),
    ("Kế hoạch số 12/KH-UBND ngày 15/01/2025", UNPARSED, N, N, (N,)),
    ("Nghị định 45/2025/NĐ-CP", UNPARSED, N, N, (N,)),
    ("Quý V/2025", UNPARSED, N, N, (N,)),
    ("Quý V hằng năm", UNPARSED, N, N, (N,)),
    ("Ngày 32 hằng tháng", UNPARSED, N, N, (N,)),
    ("30/02/2025", UNPARSED, N, N, (N,)),
    ("Đột xuất", UNPARSED, N, N, (N,)),
]


@pytest.mark.parametrize(("text", "kind", "start", "due", "names"), VARIANTS)
def test_variant(text: str, kind: str, start: date | None, due: date | None, names: Labels) -> None:
    reading = parse_time(text, year=2025)
    got = tuple(m.label for m in reading.milestones) if reading.milestones else (reading.label,)
    assert (reading.kind, reading.start, reading.due, got) == (kind, start, due, names)
    assert reading.text == text


def test_the_variant_table_is_large_and_distinct() -> None:
    texts = [row[0] for row in VARIANTS]
    assert len(texts) >= 60 and len(set(texts)) == len(texts)


def test_new_kinds_have_vietnamese_names() -> None:
    assert KINDS[FROM] == "từ thời điểm" and KINDS[RANGE] == "khoảng thời gian"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Hoàn thành trong năm 2025; tổ chức thực hiện thường xuyên", [YEAR, ONGOING]),
        ("Ban hành trong Quý I/2025. Triển khai từ Quý II/2025", [QUARTER, FROM]),
        ("Quý II/2025; Quý V/2025", [QUARTER, UNPARSED]),  # the malformed part is kept, and flagged
        ("Báo cáo 6 tháng trước ngày 15/6/2025, báo cáo năm trước ngày 15/12/2025", [BEFORE_DATE, BEFORE_DATE]),
    ],
)
def test_milestone_kinds(text: str, kinds: list[str]) -> None:
    assert [m.kind for m in parse_time(text, year=2025).milestones] == kinds


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Thực hiện trong Quý II/2025", "trong Quý II/2025"),
        ("Hoàn thành trước ngày 30/6/2025", "trước ngày 30/6/2025"),
        ("Hàng năm (thực hiện từ Quý IV/2025)", "Hàng năm (thực hiện từ Quý IV/2025)"),
        ("Các sở, ban, ngành", None),
    ],
)
def test_core_is_the_wording_read_as_a_time(text: str, core: str | None) -> None:
    assert parse_time(text, year=2025).core == core


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("Thường xuyên; khi có yêu cầu", ("kèm điều kiện: khi có yêu cầu",)),
        ("Hàng năm hoặc đột xuất.", ("lặp từ đầu năm kế hoạch: 2025", "ngoài lịch định kỳ còn có: đột xuất")),
        ("Thực hiện trong Quý II", ("năm lấy theo kế hoạch: 2025",)),
        ("Từ tháng 7 đến tháng 9/2025", ()),  # the year written at the end serves both months
    ],
)
def test_assumptions_and_notes(text: str, notes: tuple[str, ...]) -> None:
    assert parse_time(text, year=2025).assumptions == notes


@pytest.mark.parametrize(
    ("text", "rule", "start"),
    [
        ("Ngày 15 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=15", D(2025, 1, 1)),
        ("Định kỳ 6 tháng", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", D(2025, 1, 1)),
        ("Vào tháng 6 hằng năm", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1", D(2025, 1, 1)),
        ("Hằng năm, trước ngày 15/12", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15", D(2025, 1, 1)),
        ("Hàng tháng, bắt đầu từ tháng 7/2025", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2025, 7, 1)),
    ],
)
def test_recurrence_rules_of_variants(text: str, rule: str, start: date) -> None:
    reading = parse_time(text, year=2025)
    assert (reading.recurrence, reading.recurrence_start) == (rule, start)


def test_an_event_runs_on_over_the_parts_after_it() -> None:
    reading = parse_time("Sau khi có hướng dẫn của Bộ. TP. Hà Nội tổ chức")
    assert (reading.kind, reading.event) == (EVENT, "có hướng dẫn của Bộ. TP. Hà Nội tổ chức")


def test_tokens() -> None:
    toks = tokenize("truoc 2025-10-31, 31.10.2025; quy iv/2025")
    assert [(t.kind, t.text) for t in toks] == [
        (WORD, "truoc"),
        (DAY, "2025-10-31"),
        (MARK, ","),
        (DAY, "31.10.2025"),
        (MARK, ";"),
        (WORD, "quy"),
        (WORD, "iv"),
        (MARK, "/"),
        (NUM, "2025"),
    ]
    assert toks[1].dmy == toks[3].dmy == (31, 10, 2025)
    assert [t.kind for t in tokenize("thang 10-11/2024")] == [WORD, NUM, MARK, NUM, MARK, NUM]


# ---------------------------------------------------------------- the plans in plans/

PLANS = Path(__file__).resolve().parent.parent / "plans"
REAL_PLANS = ["tuyen-quang/2024.yaml", "tuyen-quang/2025-2030.yaml", "ha-tinh/2024.yaml"]
needs_plans = pytest.mark.skipif(not all((PLANS / p).exists() for p in REAL_PLANS), reason="real plans not imported")


@needs_plans
def test_every_time_cell_of_the_seed_plans_reads() -> None:
    """Each time column of each row that carries a task (merged cells inherited) reads as something."""
    empty, read = [], 0
    for plan in load_plans([PLANS]):
        columns = sorted({c.key for c in plan.annex.columns} & {"start", "due"})
        for entry in plan.leaves():
            for name in columns:
                reading = parse_time(getattr(entry, name), year=plan.meta.period.start)
                assert reading.kind != UNPARSED, (plan.path, entry.item.id, name, reading.text)
                assert not any(m.kind == UNPARSED for m in reading.milestones), (plan.path, entry.item.id)
                if reading.kind == EMPTY:
                    empty.append((Path(plan.path).relative_to(PLANS).as_posix(), entry.item.id, name))
                else:
                    read += 1
    # Two completion cells are blank in the original annex (marked `cchc: ignore[N103]` in the plan).
    assert empty == [("tuyen-quang/2024.yaml", "VI-56", "due"), ("tuyen-quang/2024.yaml", "VII-60", "due")]
    assert read >= 200


# ---------------------------------------------------------------- open starts in deadlines and explain


@pytest.mark.parametrize(
    ("today", "state"),
    [(D(2024, 6, 30), "upcoming"), (D(2024, 7, 1), "ongoing"), (D(2029, 1, 1), "ongoing")],
)
def test_an_open_start_is_never_overdue(write_plan: Callable[..., Path], today: date, state: str) -> None:
    body = "sections:\n  - number: I\n    title: X\n    items:\n      - id: a\n        due: Từ tháng 7/2024\n"
    plan = load_plan(write_plan(body))  # a 2024 plan (tests/conftest.py)
    entry = plan.entry("a")
    assert entry is not None
    [deadline] = deadlines(entry, plan, today=today)
    assert (deadline.start, deadline.due) == (D(2024, 7, 1), None)
    status = classify(deadline, None, today)
    assert (status.state, status.days) == (state, None)


def test_explain_shows_each_part_and_what_was_assumed() -> None:
    text = "Thực hiện trong Quý II; Nghiệm thu Quý III/2025"
    result = CliRunner().invoke(app, ["explain", text, "--year", "2025"])
    assert result.exit_code == 0
    out = result.output
    assert "Mốc 1: Thực hiện trong Quý II" in out and "Mốc 2: Nghiệm thu Quý III/2025" in out
    assert "Đọc được:    trong Quý II" in out and "Mốc:         Thực hiện" in out
    assert "Giả định:    năm lấy theo kế hoạch: 2025" in out
    assert "hạn 30/09/2025 (hết ngày)" in out
    opened = CliRunner().invoke(app, ["explain", "Từ Quý III/2025 trở đi", "--year", "2025"]).output
    assert "từ thời điểm (from)" in opened and "không có hạn" in opened
