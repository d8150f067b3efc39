"""The province gazetteer and who issued a plan: found in the heading, subtitle or title lines."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.importers.gazetteer import gazetteer
from cchc.importers.metadata import issuer_of, read_meta


def test_the_gazetteer_holds_63_units_before_and_34_after_the_2025_reorganisation() -> None:
    g = gazetteer()
    assert (len(g.before), len(g.after)) == (63, 34)
    cities = ["Cần Thơ", "Huế", "Hà Nội", "Hải Phòng", "Hồ Chí Minh", "Đà Nẵng"]
    assert sorted(p.name for p in g.after if p.city) == cities
    # Every unit before the change is in exactly one unit after it.
    merged = [old for new in g.after for old in (new.merged_from or (new.name,))]
    assert sorted(merged) == sorted(p.name for p in g.before)
    assert len(merged) == len(set(merged))


@pytest.mark.parametrize(
    ("old", "new"),
    [("Hà Giang", "Tuyên Quang"), ("Bắc Kạn", "Thái Nguyên"), ("Bình Dương", "Hồ Chí Minh"), ("Hà Nam", "Ninh Bình")],
)
def test_mergers(old: str, new: str) -> None:
    g = gazetteer()
    province = g.lookup(old)
    assert province is not None and province.merged_into == new
    assert g.successor(province, date(2025, 6, 30)) is None
    after = g.successor(province, date(2025, 7, 1))
    assert after is not None and after.name == new
    unchanged = g.lookup("Hà Tĩnh")
    assert unchanged is not None and g.successor(unchanged, date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("line", "province"),
    [
        ("Kế hoạch thực hiện công tác CCHC tỉnh Lạng Sơn năm 2025", "Lạng Sơn"),
        ("KẾ HOẠCH THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TỈNH LẠNG SƠN NĂM 2025", "Lạng Sơn"),
        ("Ke hoach cai cach hanh chinh tinh Dak Lak nam 2025", "Đắk Lắk"),
        ("của UBND tỉnh Đăk Lăk", "Đắk Lắk"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Cần Thơ"),
        ("TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2025", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("trên địa bàn xã Minh Xuân, tỉnh Tuyên Quang", "Tuyên Quang"),
        ("tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("tỉnh Thừa Thiên Huế", "Huế"),
        ("của Ủy ban nhân dân Thành phố)", None),
        ("Sở Nội vụ tỉnh", None),
    ],
)
def test_a_line_names_a_province(line: str, province: str | None) -> None:
    found = gazetteer().find(line)
    assert (found.province.name if found else None) == province


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", ("province", "UBND tỉnh Tuyên Quang", "Tuyên Quang")),
        ("UBND THÀNH PHỐ HẢI PHÒNG", ("province", "UBND thành phố Hải Phòng", "Hải Phòng")),
        ("UBND thành phố Tuyên Quang", ("district", "UBND thành phố Tuyên Quang", "Tuyên Quang")),
        ("ỦY BAN NHÂN DÂN HUYỆN YÊN SƠN", ("district", "UBND huyện Yên Sơn", None)),
        ("ỦY BAN NHÂN DÂN XÃ MINH XUÂN", ("commune", "UBND xã Minh Xuân", None)),
        ("UBND phường Hà Giang 1", ("commune", "UBND phường Hà Giang 1", None)),
        ("SỞ NỘI VỤ", ("department", "Sở Nội vụ", None)),
        ("BỘ NỘI VỤ", ("ministry", "Bộ Nội vụ", None)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
        ("Số: 15/KH-UBND", None),
    ],
)
def test_issuer_of(text: str, issuer: tuple[str, str, str | None] | None) -> None:
    assert issuer_of(text) == issuer


@pytest.mark.parametrize(
    ("lines", "province", "issuer", "level"),
    [
        (
            ["PHỤ LỤC", "Kế hoạch thực hiện công tác CCHC tỉnh Lạng Sơn năm 2025", "(Kèm theo Kế hoạch số 8/KH-UBND)"],
            "Lạng Sơn",
            None,
            None,
        ),
        (
            ["ỦY BAN NHÂN DÂN", "XÃ MINH XUÂN", "Minh Xuân, ngày 20 tháng 8 năm 2025", "KẾ HOẠCH",
             "Cải cách hành chính năm 2025 trên địa bàn xã Minh Xuân, tỉnh Tuyên Quang"],
            "Tuyên Quang",
            "UBND xã Minh Xuân",
            "commune",
        ),
        (
            ["UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ", "Số: 210/KH-SNV", "Ninh Bình, ngày 10 tháng 02 năm 2025", "KẾ HOẠCH",
             "Cải cách hành chính năm 2025"],
            "Ninh Bình",
            "Sở Nội vụ",
            "department",
        ),
        (
            ["BỘ NỘI VỤ", "Số: 50/KH-BNV", "Hà Nội, ngày 15 tháng 01 năm 2025", "KẾ HOẠCH",
             "Cải cách hành chính năm 2025"],
            None,
            "Bộ Nội vụ",
            "ministry",
        ),
        (
            # A title set over two paragraphs, the second going on in lower case.
            ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ GIANG 1", "KẾ HOẠCH", "Cải cách hành chính nhà nước",
             "trên địa bàn phường Hà Giang 1, tỉnh Tuyên Quang năm 2025"],
            "Tuyên Quang",
            "UBND phường Hà Giang 1",
            "commune",
        ),
        (
            ["Số: 1/KH-UBND", "Minh Xuân, ngày 02 tháng 01 năm 2025", "KẾ HOẠCH", "Cải cách hành chính năm 2025"],
            None,
            None,
            None,
        ),
    ],
)  # fmt: skip
def test_province_and_issuer_from_the_heading(
    lines: list[str], province: str | None, issuer: str | None, level: str | None
) -> None:
    meta = read_meta(lines)
    assert (meta.province, meta.issuer, meta.issuer_level, meta.period) == (province, issuer, level, (2025, 2025))
