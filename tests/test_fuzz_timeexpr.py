"""Property tests of the time reader: it never raises, and its readings hold their invariants."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc.plan.loader import load_plans
from cchc.schedule.timeexpr import RECURRING, Reading, parse_time

ROOT = Path(__file__).resolve().parent.parent
PROPS = settings(max_examples=200, deadline=None)

#: Every time text of the plans in the repository (real wording, read before by the importer).
PHRASES = sorted(
    {
        text
        for plan in load_plans([ROOT / "plans"])
        for entry in plan.entries()
        for text in (entry.item.start, entry.item.due)
        if text
    }
)
WORDS = [
    *"Quý quý I II III IV V tháng Tháng THÁNG năm ngày trước Trước sau Sau khi hàng Hằng và từ đến kể".split(),
    *["định kỳ", "thường xuyên", "6 tháng đầu năm", "cuối năm", "/", "-", ",", ";", ":", "(", ")", "\n"],
    *["0", "1", "12", "13", "31", "32", "29/02", "2024", "2023", "0000", "9999", "99999", "15 ngày làm việc"],
    # the grammar's other words: open starts, ranges, digit dates, bullets, verbs before a time
    *["từ", "trở đi", "đến hết", "chậm nhất", "hoàn thành", "đột xuất", "theo", "+", "•", ".", "12/2025"],
    *["2025-10-31", "31.10.2025", "31-10-2025", "9999-12-31", "số 12/QĐ-UBND ngày", "giai đoạn 2025-2030"],
]
TEXTS = st.one_of(
    st.sampled_from(PHRASES),
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    st.tuples(st.sampled_from(PHRASES), st.sampled_from(PHRASES)).map("; ".join),
    st.text(max_size=60),
)
YEARS = st.one_of(st.none(), st.integers(1900, 2100))


def check(reading: Reading) -> None:
    if reading.start and reading.due:
        assert reading.start <= reading.due, reading
    if reading.kind == RECURRING:
        assert reading.recurrence, reading
    for milestone in reading.milestones:
        check(milestone)


def test_phrases_come_from_real_plans() -> None:
    assert len(PHRASES) >= 5


@PROPS
@given(st.one_of(TEXTS, st.none()), st.one_of(st.none(), st.integers(1, 9999)))
@example("1/1/0000", None)  # year 0 raised ValueError from date() (found by this test)
@example("6 tháng đầu năm 0000", None)
@example("Trước tháng 1/0001", None)  # the day before the first day there is raised OverflowError
@example("Sau ngày 31/12/9999", None)
def test_never_raises(text: str | None, year: int | None) -> None:
    reading = parse_time(text, year=year)
    assert isinstance(reading.kind, str) and reading.kind


@PROPS
@given(TEXTS, YEARS)
@example(
    "- Quý IV/2025: Kế hoạch giai đoạn 2025-2030; Trước 25/12/2023", None
)  # milestones out of order gave start > due
def test_readings_hold_their_invariants(text: str, year: int | None) -> None:
    check(parse_time(text, year=year))


@PROPS
@given(TEXTS, YEARS)
def test_kind_stable_under_whitespace_and_case(text: str, year: int | None) -> None:
    kind = parse_time(text, year=year).kind
    for variant in (f"  {text} ", text.upper(), text.lower(), text.replace(" ", "  ")):
        assert parse_time(variant, year=year).kind == kind, variant
