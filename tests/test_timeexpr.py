"""Reading time cells: every distinct time cell of the three seed plans, then each variant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc.plan.loader import load_plans
from cchc.schedule.timeexpr import (
    BEFORE_DATE,
    COMPOUND,
    DATE,
    EMPTY,
    EVENT,
    HALF_YEAR,
    KINDS,
    MONTH,
    MONTH_RANGE,
    ONGOING,
    QUARTER,
    QUARTER_LIST,
    QUARTER_RANGE,
    RECURRING,
    RELATIVE,
    UNPARSED,
    YEAR,
    YEAR_RANGE,
    parse_time,
)

D = date

#: Every distinct time cell of seeds 000, 001 (plan year 2025) and 002, with its reading:
#: (text, plan year, kind, start, due). Cells that are fragments of a page break stay unparsed.
SEED_CELLS: list[tuple[str, int, str, date | None, date | None]] = [
    # seed 000 — Tuyên Quang 2024, THỜI GIAN THỰC HIỆN / THỜI GIAN HOÀN THÀNH
    ("", 2024, EMPTY, None, None),
    ("2024", 2024, YEAR, D(2024, 1, 1), D(2024, 12, 31)),
    ("<p>Năm 2024</p>", 2024, YEAR, D(2024, 1, 1), D(2024, 12, 31)),
    (
        "Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024",
        2024,
        COMPOUND,
        D(2024, 1, 1),
        D(2024, 12, 10),
    ),
    ("Các sở, ban, ngành", 2024, UNPARSED, None, None),  # an agency shifted into the time column
    ("Hàng tháng", 2024, RECURRING, D(2024, 1, 1), None),
    (
        "Ngay sau khi văn bản được ban hành và khi nhận được văn bản thuộc đối tượng kiểm tra "
        "hoặc khi nhận được yêu cầu, phản ánh, kiến nghị",
        2024,
        EVENT,
        None,
        None,
    ),
    ("Năm 2024", 2024, YEAR, D(2024, 1, 1), D(2024, 12, 31)),
    ("Năm 2025", 2024, YEAR, D(2025, 1, 1), D(2025, 12, 31)),
    ("Quyết định công bố trước ngày văn bản được quy định chi tiết hết hiệu lực", 2024, RELATIVE, None, None),
    ("Sau khi có thông báo của Bộ Tư pháp", 2024, EVENT, None, None),
    ("Sau khi có văn bản chỉ đạo, hướng dẫn của Bộ Công an", 2024, EVENT, None, None),
    ("Theo Kế hoạch của Bộ Nội vụ", 2024, EVENT, None, None),
    ("Theo chỉ đạo của Văn phòng Chính phủ", 2024, EVENT, None, None),
    ("Theo quy định", 2024, EVENT, None, None),
    ("Theo yêu cầu của cơ quan, đơn vị lấy ý kiến tham gia", 2024, EVENT, None, None),
    ("Tháng 01/2024", 2024, MONTH, D(2024, 1, 1), D(2024, 1, 31)),
    ("Tháng 01/2024 và tháng 12/2024", 2024, COMPOUND, D(2024, 1, 1), D(2024, 12, 31)),
    ("Tháng 03/2024", 2024, MONTH, D(2024, 3, 1), D(2024, 3, 31)),
    ("Tháng 04/2024", 2024, MONTH, D(2024, 4, 1), D(2024, 4, 30)),
    ("Tháng 05/2024", 2024, MONTH, D(2024, 5, 1), D(2024, 5, 31)),
    ("Tháng 06/2024", 2024, MONTH, D(2024, 6, 1), D(2024, 6, 30)),
    ("Tháng 10 - 11/2024", 2024, MONTH_RANGE, D(2024, 10, 1), D(2024, 11, 30)),
    ("Tháng 12/2023", 2024, MONTH, D(2023, 12, 1), D(2023, 12, 31)),
    ("Tháng 12/2024", 2024, MONTH, D(2024, 12, 1), D(2024, 12, 31)),
    ("Tháng 7/2024", 2024, MONTH, D(2024, 7, 1), D(2024, 7, 31)),
    ("Thường xuyên", 2024, ONGOING, None, None),
    ("Thường xuyên, khi nhận được yêu cầu", 2024, ONGOING, None, None),
    ("Trong 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ gửi thẩm định", 2024, RELATIVE, None, None),
    (
        "Trình UBND tỉnh chậm nhất là 10 ngày trước ngày văn bản được quy định chi tiết hết hiệu lực",
        2024,
        RELATIVE,
        None,
        None,
    ),
    ("Trước ngày 31/01/2024", 2024, BEFORE_DATE, None, D(2024, 1, 31)),
    ("thường xuyên", 2024, ONGOING, None, None),
    ("Thườn g xuyên", 2024, ONGOING, None, None),  # broken by a page break (000 and 002)
    # seed 001 — Tuyên Quang 2025–2030, Thời gian
    ("- Sơ kết: Quý IV/2027. - Tổng kết: Quý IV/2030.", 2025, COMPOUND, D(2027, 10, 1), D(2030, 12, 31)),
    (
        "<p>- Quý IV/2025: Kế hoạch giai đoạn 2025-2030; - Quý IV hàng năm: Kế hoạch năm tiếp theo.</p>",
        2025,
        COMPOUND,
        D(2025, 1, 1),
        None,  # the last milestone repeats every year
    ),
    ("<p>- Tháng 12/2025 - Thường xuyên</p>", 2025, COMPOUND, D(2025, 12, 1), None),
    ("Hàng năm", 2025, RECURRING, D(2025, 1, 1), None),
    ("Hàng năm (thực hiện từ Quý IV/2025)", 2025, RECURRING, D(2025, 10, 1), None),
    ("Hàng năm hoặc đột xuất.", 2025, RECURRING, D(2025, 1, 1), None),
    ("Hàng năm.", 2025, RECURRING, D(2025, 1, 1), None),
    ("Hằng năm", 2025, RECURRING, D(2025, 1, 1), None),
    ("Quý I, II/2026", 2025, QUARTER_LIST, D(2026, 1, 1), D(2026, 6, 30)),
    ("Quý I/2026", 2025, QUARTER, D(2026, 1, 1), D(2026, 3, 31)),
    ("Quý I/2026.", 2025, QUARTER, D(2026, 1, 1), D(2026, 3, 31)),
    ("Quý II/2026", 2025, QUARTER, D(2026, 4, 1), D(2026, 6, 30)),
    ("Quý IV/2025", 2025, QUARTER, D(2025, 10, 1), D(2025, 12, 31)),
    # seed 002 — Hà Tĩnh 2024, 7- Thời gian hoàn thành
    ("-------------------", 2024, UNPARSED, None, None),  # a stray separator row
    ("I/2024", 2024, UNPARSED, None, None),  # "Quý" / "I/2024" split by a page break
    ("Quý", 2024, UNPARSED, None, None),
    ("Năm", 2024, UNPARSED, None, None),
    ("công bố chỉ số CCHC tỉnh năm 2024", 2024, UNPARSED, None, None),  # tail of a broken event cell
    ("Khi có chỉ đạo của Trung ương", 2024, EVENT, None, None),
    ("Năm 2024-2026", 2024, YEAR_RANGE, D(2024, 1, 1), D(2026, 12, 31)),
    ("Quý I", 2024, QUARTER, D(2024, 1, 1), D(2024, 3, 31)),
    ("Quý I, II năm 2024", 2024, QUARTER_LIST, D(2024, 1, 1), D(2024, 6, 30)),
    ("Quý I-IV năm 2024", 2024, QUARTER_RANGE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Quý I/2024", 2024, QUARTER, D(2024, 1, 1), D(2024, 3, 31)),
    ("Quý II", 2024, QUARTER, D(2024, 4, 1), D(2024, 6, 30)),
    ("Quý II, III/2024", 2024, QUARTER_LIST, D(2024, 4, 1), D(2024, 9, 30)),
    ("Quý II-IV năm 2024", 2024, QUARTER_RANGE, D(2024, 4, 1), D(2024, 12, 31)),
    ("Quý IV", 2024, QUARTER, D(2024, 10, 1), D(2024, 12, 31)),
    ("Quý IV/2024", 2024, QUARTER, D(2024, 10, 1), D(2024, 12, 31)),
    ("Sau khi Bộ Thông tin và Truyền thông công bố chỉ số DTI năm 2024", 2024, EVENT, None, None),
    ("Sau khi các cơ quan liên quan công bố chỉ số PAPI, Bộ Nội vụ", 2024, EVENT, None, None),
    ("Sau khi các cơ quan liên quan công bố chỉ số PCI năm 2024", 2024, EVENT, None, None),
    ("Theo kế hoạch thẩm định hằng năm", 2024, EVENT, None, None),
    ("Theo lộ trình đề án được phê duyệt", 2024, EVENT, None, None),
    ("Trước 25/12/2023", 2024, BEFORE_DATE, None, D(2023, 12, 25)),
    # as the importer writes them to plans/ (markup removed, page-break fragments joined)
    (
        "- Quý IV/2025: Kế hoạch giai đoạn 2025-2030; - Quý IV hàng năm: Kế hoạch năm tiếp theo.",
        2025,
        COMPOUND,
        D(2025, 1, 1),
        None,
    ),
    ("- Tháng 12/2025 - Thường xuyên", 2025, COMPOUND, D(2025, 12, 1), None),
    (
        "Sau khi các cơ quan liên quan công bố chỉ số PAPI, Bộ Nội vụ công bố chỉ số CCHC tỉnh năm 2024",
        2024,
        EVENT,
        None,
        None,
    ),
    # docs/examples/2024.yaml
    ("Quý II/2024", 2024, QUARTER, D(2024, 4, 1), D(2024, 6, 30)),
    # plan bodies (reporting cadence)
    ("Trước ngày 15 của tháng cuối quý", 2024, RECURRING, D(2024, 1, 1), None),
    ("Trước ngày 15/12 hằng năm", 2024, RECURRING, D(2024, 1, 1), None),
]

#: The texts of SEED_CELLS, for the check that every cell of the real plans is in the table.
KNOWN_TEXTS = frozenset(row[0] for row in SEED_CELLS)


@pytest.mark.parametrize(("text", "year", "kind", "start", "due"), SEED_CELLS)
def test_seed_cell(text: str, year: int, kind: str, start: date | None, due: date | None) -> None:
    reading = parse_time(text, year=year)
    assert (reading.kind, reading.start, reading.due) == (kind, start, due)
    assert reading.text == text  # the official wording is kept verbatim


def test_every_kind_has_a_vietnamese_name() -> None:
    kinds = {row[2] for row in SEED_CELLS} | {DATE, HALF_YEAR}
    assert kinds <= set(KINDS)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("Quý II/2024", QUARTER, D(2024, 6, 30)),
        ("Quý II năm 2024", QUARTER, D(2024, 6, 30)),
        ("Quý II , năm 2024", QUARTER, D(2024, 6, 30)),
        ("QUÝ II / 2024.", QUARTER, D(2024, 6, 30)),
        ("quý 2 năm 2024", QUARTER, D(2024, 6, 30)),
        ("Tháng 1/2024", MONTH, D(2024, 1, 31)),
        ("Tháng 01 năm 2024", MONTH, D(2024, 1, 31)),
        ("tháng 02 / 2024", MONTH, D(2024, 2, 29)),
        ("Tháng 10-11/2024", MONTH_RANGE, D(2024, 11, 30)),
        ("Tháng 11/2024 – tháng 02/2025", MONTH_RANGE, D(2025, 2, 28)),
        ("Quý I – IV/2024", QUARTER_RANGE, D(2024, 12, 31)),
        ("<ul style='x'><li><i>Quý III/2024</i></li></ul>", QUARTER, D(2024, 9, 30)),
        ("Trước ngày 05 tháng 02 năm 2024", BEFORE_DATE, D(2024, 2, 5)),
        ("Ngày 20/11/2024", DATE, D(2024, 11, 20)),
        ("6 tháng đầu năm 2024", HALF_YEAR, D(2024, 6, 30)),
        ("6 tháng cuối năm 2024", HALF_YEAR, D(2024, 12, 31)),
        ("Giai đoạn 2025 - 2030", YEAR_RANGE, D(2030, 12, 31)),
        ("31/02/2024", UNPARSED, None),  # no such day: kept, not guessed
        ("Tháng 13/2024", UNPARSED, None),
        ("Quý III-I/2024", UNPARSED, None),
    ],
)
def test_variants(text: str, kind: str, due: date | None) -> None:
    reading = parse_time(text, year=2024)
    assert (reading.kind, reading.due) == (kind, due)


def test_hang_and_hang_read_alike() -> None:
    assert parse_time("Hàng năm", year=2024).recurrence == parse_time("HẰNG NĂM", year=2024).recurrence


def test_missing_year_is_an_assumption() -> None:
    reading = parse_time("Quý II", year=2024)
    assert reading.due == D(2024, 6, 30)
    assert reading.assumptions == ("năm lấy theo kế hoạch: 2024",)
    unknown = parse_time("Quý II")
    assert (unknown.kind, unknown.due) == (QUARTER, None)
    assert "chưa rõ năm" in unknown.assumptions[0]


def test_page_break_mend_is_recorded() -> None:
    reading = parse_time("Thườn g xuyên")
    assert reading.assumptions == ("ghép từ bị ngắt dòng: 'Thườn g' → 'Thường'",)


@pytest.mark.parametrize(
    ("text", "rule", "start"),
    [
        ("Hàng tháng", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2024, 1, 1)),
        ("Quý IV hàng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", D(2024, 1, 1)),
        ("Trước ngày 15 của tháng cuối quý", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=15", D(2024, 1, 1)),
        ("Hàng năm (thực hiện từ Quý IV/2025)", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", D(2025, 10, 1)),
        ("Hằng quý", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2024, 1, 1)),
    ],
)
def test_recurrence_rules(text: str, rule: str, start: date) -> None:
    reading = parse_time(text, year=2024)
    assert (reading.kind, reading.recurrence, reading.recurrence_start) == (RECURRING, rule, start)


def test_event_and_relative_parts() -> None:
    event = parse_time("Sau khi có thông báo của Bộ Tư pháp")
    assert (event.kind, event.event) == (EVENT, "có thông báo của Bộ Tư pháp")
    after = parse_time("Trong 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ gửi thẩm định")
    assert (after.event, after.offset_days, after.offset_direction, after.offset_base) == (
        "nhận đủ hồ sơ hợp lệ gửi thẩm định",
        15,
        "after",
        "calendar",
    )
    before = parse_time("Trình UBND tỉnh chậm nhất là 10 ngày trước ngày văn bản được quy định chi tiết hết hiệu lực")
    assert (before.label, before.offset_days, before.offset_direction) == ("Trình UBND tỉnh", 10, "before")
    working = parse_time("Trong 5 ngày làm việc kể từ ngày nhận hồ sơ")
    assert working.offset_base == "working"


def test_compound_milestones_are_labelled() -> None:
    reading = parse_time("Ban hành Kế hoạch trong tháng 01/2024; Báo cáo trước ngày 10/12/2024")
    assert [(m.label, m.kind, m.due) for m in reading.milestones] == [
        ("Ban hành Kế hoạch", MONTH, D(2024, 1, 31)),
        ("Báo cáo", BEFORE_DATE, D(2024, 12, 10)),
    ]
    review = parse_time("- Sơ kết: Quý IV/2027. - Tổng kết: Quý IV/2030.")
    assert [(m.label, m.due) for m in review.milestones] == [("Sơ kết", D(2027, 12, 31)), ("Tổng kết", D(2030, 12, 31))]
    after = parse_time("- Quý IV/2025: Kế hoạch giai đoạn 2025-2030; - Quý IV hàng năm: Kế hoạch năm tiếp theo.")
    assert [(m.label, m.kind) for m in after.milestones] == [
        ("Kế hoạch giai đoạn 2025-2030", QUARTER),
        ("Kế hoạch năm tiếp theo", RECURRING),
    ]


def test_a_note_in_brackets_is_a_label() -> None:
    reading = parse_time("Quý I/2024 (trình UBND tỉnh)")
    assert (reading.kind, reading.due, reading.label) == (QUARTER, D(2024, 3, 31), "trình UBND tỉnh")
    assert parse_time("Hàng năm (thực hiện từ Quý IV/2025)").recurrence_start == D(2025, 10, 1)


def test_events_with_dashes_and_semicolons_stay_whole() -> None:
    reading = parse_time("Theo chỉ đạo về phát triển kinh tế - xã hội; khi có yêu cầu")
    assert reading.kind == EVENT


PLANS = Path(__file__).resolve().parent.parent / "plans"
REAL_PLANS = ["tuyen-quang/2024.yaml", "tuyen-quang/2025-2030.yaml", "ha-tinh/2024.yaml"]


def test_every_time_cell_of_the_plans_is_in_the_table() -> None:
    cells = set()
    for plan in load_plans([PLANS]):
        for entry in plan.entries():
            cells.update(t for t in (entry.item.start, entry.item.due) if t is not None)
    new = sorted(cells - KNOWN_TEXTS)
    assert new == [], "time cells missing from tests/test_timeexpr.py SEED_CELLS: add them with their reading"


def test_no_time_cell_of_the_plans_is_unreadable() -> None:
    for plan in load_plans([PLANS]):
        for entry in plan.entries():
            for text in (entry.item.start, entry.item.due):
                assert parse_time(text, year=plan.meta.period.start).kind != UNPARSED, (plan.path, entry.item.id)
