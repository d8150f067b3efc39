"""Reading agency cells into mentions: every distinct lead/coordination cell of the three seed plans.

Cells are as the importer stores them: HTML and bullets kept, rows split by a page break joined.
Expected values are `str(Mention)`: the canonical agency, `(sub-unit)`, then qualifiers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.agencies.mentions import Mention, read_cell, read_cells
from cchc.agencies.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


def registry(province: str):  # type: ignore[no-untyped-def]
    return load_registry((ROOT / "plans" / province / "agencies.yaml",))


SEED_CELLS = [
    ("tuyen-quang", "Sở Tư pháp", ["Sở Tư pháp"]),
    (
        "tuyen-quang",
        "Văn phòng UBND tỉnh; các cơ quan, đơn vị có liên quan",
        ["Văn phòng UBND tỉnh", "Các cơ quan, đơn vị có liên quan"],
    ),
    (
        "tuyen-quang",
        "Các cơ quan chuyên môn thuộc UBND tỉnh; Ban Quản lý các khu công nghiệp tỉnh",
        ["Các cơ quan chuyên môn thuộc UBND tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"],
    ),
    ("tuyen-quang", "Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"]),
    ("tuyen-quang", "Các sở, ban, ngành; UBND huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("tuyen-quang", "Các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("tuyen-quang", "Các Sở, ban, ngành; UBND huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    (
        "tuyen-quang",
        "Các cơ quan chuyên môn thuộc UBND tỉnh; Ban Quản lý các khu công nghiệp tỉnh; UBND huyện, thành phố.",
        ["Các cơ quan chuyên môn thuộc UBND tỉnh", "Ban Quản lý các khu công nghiệp tỉnh", "UBND cấp huyện"],
    ),
    (
        "tuyen-quang",
        "Các cơ quan chuyên môn thuộc UBND tỉnh; Ban Quản lý các khu công nghiệp tỉnh theo lĩnh vực quản lý nhà nước",
        [
            "Các cơ quan chuyên môn thuộc UBND tỉnh",
            "Ban Quản lý các khu công nghiệp tỉnh theo lĩnh vực quản lý nhà nước",
        ],
    ),
    ("tuyen-quang", "Các Sở, ban, ngành", ["Các sở, ban, ngành"]),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Văn phòng UBND tỉnh đăng tải trên Công báo; Sở Tư pháp đăng tải trên Cơ sở dữ liệu - Các cơ quan, đơn vị đăng tải tài liệu tuyên truyền pháp luật ',  # noqa: E501
        [
            "Văn phòng UBND tỉnh đăng tải trên Công báo",
            "Sở Tư pháp đăng tải trên Cơ sở dữ liệu",
            "Các cơ quan, đơn vị đăng tải tài liệu tuyên truyền pháp luật",
        ],
    ),
    (
        "tuyen-quang",
        "Các cơ quan chuyên môn thuộc UBND tỉnh; UBND cấp huyện, cấp xã",
        ["Các cơ quan chuyên môn thuộc UBND tỉnh", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "tuyen-quang",
        "Sở Tư pháp; phòng Tư pháp huyện, thành phố; công chức tư pháp- hộ tịch",
        ["Sở Tư pháp", "Phòng Tư pháp cấp huyện", "Công chức Tư pháp - Hộ tịch cấp xã"],
    ),
    (
        "tuyen-quang",
        "Sở Thông tin và Truyền thông; các cơ quan, đơn vị liên quan.",
        ["Sở Thông tin và Truyền thông", "Các cơ quan, đơn vị có liên quan"],
    ),
    ("tuyen-quang", "Các sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("tuyen-quang", "Các cơ quan, đơn vị liên quan.", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        "Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "tuyen-quang",
        "Các sở, ban, ngành; UBND cấp huyện, cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "tuyen-quang",
        "- Sở Thông tin và Truyền thông; - Các cơ quan, đơn vị liên quan.",
        ["Sở Thông tin và Truyền thông", "Các cơ quan, đơn vị có liên quan"],
    ),
    ("tuyen-quang", "Các cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        "Các sở ban, ngành; UBND cấp huyện, UBND cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "tuyen-quang",
        "- Các sở ban, ngành trình Chủ tịch UBND tỉnh phê duyệt TTHC cấp tỉnh. - UBND cấp huyện phê duyệt TTHC cấp huyện, xã.",  # noqa: E501
        [
            "Các sở, ban, ngành trình Chủ tịch UBND tỉnh phê duyệt TTHC cấp tỉnh",
            "UBND cấp huyện phê duyệt TTHC cấp huyện, xã",
        ],
    ),
    ("tuyen-quang", "Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
    ("tuyen-quang", "Các Sở, ban, ngành; UBND huyện/thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    (
        "tuyen-quang",
        "Sở Thông tin và Truyền thông và các đơn vị liên quan",
        ["Sở Thông tin và Truyền thông", "Các cơ quan, đơn vị có liên quan"],
    ),
    (
        "tuyen-quang",
        "Các Sở, ban, ngành, UBND các huyện, thành phố; Các cơ quan, đơn vị liên quan",
        ["Các sở, ban, ngành", "UBND cấp huyện", "Các cơ quan, đơn vị có liên quan"],
    ),
    (
        "tuyen-quang",
        "Các cơ quan, tổ chức, đơn vị; Ủy ban nhân dân huyện, thành phố",
        ["Các cơ quan, đơn vị", "UBND cấp huyện"],
    ),
    ("tuyen-quang", "Sở Nội vụ", ["Sở Nội vụ"]),
    ("tuyen-quang", "Các sở, ban, ngành; Ủy ban nhân dân Sơn Dương", ["Các sở, ban, ngành", "UBND huyện Sơn Dương"]),
    ("tuyen-quang", "<p>Sở Nội vụ</p>", ["Sở Nội vụ"]),
    ("tuyen-quang", "<p>Các cơ quan, đơn vị liên quan</p>", ["Các cơ quan, đơn vị có liên quan"]),
    ("tuyen-quang", "Sở Tài chính", ["Sở Tài chính"]),
    ("tuyen-quang", "Đơn vị sự nghiệp công lập", ["Đơn vị sự nghiệp công lập"]),
    ("tuyen-quang", "Tổ giúp việc cổ phần hoá ĐVSNCL", ["Tổ giúp việc cổ phần hóa ĐVSNCL"]),
    (
        "tuyen-quang",
        "Tổ chuyên viên giúp việc Ban chỉ đạo cổ phần hóa",
        ["Tổ chuyên viên giúp việc Ban chỉ đạo cổ phần hóa"],
    ),
    ("tuyen-quang", "Các sở, ban, ngành, UBND huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("tuyen-quang", "Các sở, ban, ngành, UBND các huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("tuyen-quang", "Các sở, ban, ngành; UBND các huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    (
        "tuyen-quang",
        "Các sở, ban, ngành; UBND các huyện, thành phố; các cơ quan, đơn vị liên quan",
        ["Các sở, ban, ngành", "UBND cấp huyện", "Các cơ quan, đơn vị có liên quan"],
    ),
    ("tuyen-quang", "Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng UBND tỉnh"]),
    ("tuyen-quang", "Các Sở, ban, ngành; UBND các huyện, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("tuyen-quang", "Sở Y tế", ["Sở Y tế"]),
    (
        "tuyen-quang",
        "Sở Thông tin và Truyền thông; các sở, ban, ngành, UBND các huyện, thành phố",
        ["Sở Thông tin và Truyền thông", "Các sở, ban, ngành", "UBND cấp huyện"],
    ),
    ("tuyen-quang", "Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("tuyen-quang", "Sở nông nghiệp và Phát triển nông thôn", ["Sở Nông nghiệp và Phát triển nông thôn"]),
    ("tuyen-quang", "Công an tỉnh", ["Công an tỉnh"]),
    ("tuyen-quang", "Sở Văn hoá, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    (
        "tuyen-quang",
        "Sở Nội vụ; các sở, ban, ngành; UBND cấp huyện, cấp xã",
        ["Sở Nội vụ", "Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("tuyen-quang", "Các cơ quan liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        "Sở Nội vụ; Các sở, ban, ngành; UBND cấp huyện, cấp xã",
        ["Sở Nội vụ", "Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("tuyen-quang", "Sở Nội vụ; các cơ quan liên quan", ["Sở Nội vụ", "Các cơ quan, đơn vị có liên quan"]),
    ("tuyen-quang", "Các sở, ban, ngành; UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("tuyen-quang", "Ủy ban nhân dân các huyện, thành phố", ["UBND cấp huyện"]),
    ("tuyen-quang", "Các cơ quan liên quan.", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        "<p>- Sở Nội vụ; - Các Sở, ban, ngành thành viên BCĐ CCHC tỉnh.</p>",
        ["Sở Nội vụ", "Các sở, ban, ngành thành viên BCĐ CCHC tỉnh"],
    ),
    ("tuyen-quang", "<p>Các cơ quan đơn vị có liên quan</p>", ["Các cơ quan, đơn vị có liên quan"]),
    ("tuyen-quang", "<p>- Sở Nội vụ; - Văn phòng UBND tỉnh.</p>", ["Sở Nội vụ", "Văn phòng UBND tỉnh"]),
    (
        "tuyen-quang",
        "<p>- Các Sở, ban, ngành; - Báo và PTTH tỉnh</p>",
        ["Các sở, ban, ngành", "Báo và Phát thanh, Truyền hình Tuyên Quang"],
    ),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Sở Nội vụ; - Văn phòng UBND tỉnh ',
        ["Sở Nội vụ", "Văn phòng UBND tỉnh"],
    ),
    ("tuyen-quang", "- Các cơ quan đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Sở Nội vụ; - Các Sở, ban, ngành ',
        ["Sở Nội vụ", "Các sở, ban, ngành"],
    ),
    ("tuyen-quang", "- Các cơ quan, tổ chức liên quan.", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Sở Tư pháp; - Các Sở, ban, ngành ',
        ["Sở Tư pháp", "Các sở, ban, ngành"],
    ),
    ("tuyen-quang", "Các cơ quan đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("tuyen-quang", "Sở Nội vụ; các Sở, ban, ngành", ["Sở Nội vụ", "Các sở, ban, ngành"]),
    ("tuyen-quang", "- Các Sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("tuyen-quang", "- Sở Tài chính; - Các sở, ban, ngành", ["Sở Tài chính", "Các sở, ban, ngành"]),
    ("tuyen-quang", "- Sở Tài chính; - Các Sở, ban, ngành", ["Sở Tài chính", "Các sở, ban, ngành"]),
    (
        "tuyen-quang",
        "- Sở Khoa học và công nghệ; - Văn phòng UBND tỉnh; - Các Sở, ban, ngành",
        ["Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Các sở, ban, ngành"],
    ),
    ("tuyen-quang", "Văn phòng UBND tỉnh (Ban Tiếp công dân tỉnh)", ["Văn phòng UBND tỉnh (Ban Tiếp công dân tỉnh)"]),
    ("tuyen-quang", "- Các Sở, ban, ngành; - UBND các xã, phường.", ["Các sở, ban, ngành", "UBND cấp xã"]),
    ("tuyen-quang", "- Văn phòng UBND tỉnh; - Các Sở, ban, ngành.", ["Văn phòng UBND tỉnh", "Các sở, ban, ngành"]),
    (
        "tuyen-quang",
        "- Văn phòng UBND tỉnh; - Sở Khoa học và Công nghệ; - Sở Tư pháp.",
        ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Sở Tư pháp"],
    ),
    ("tuyen-quang", '<ul style="list-style-type: none"> - Sở Nội vụ ', ["Sở Nội vụ"]),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Sở Tư pháp, Sở Tài chính, Văn phòng UBND tỉnh; - Các cơ quan, đơn vị liên quan ',  # noqa: E501
        ["Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND tỉnh", "Các cơ quan, đơn vị có liên quan"],
    ),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Sở Nội vụ; - Sở Khoa học và công nghệ ',
        ["Sở Nội vụ", "Sở Khoa học và Công nghệ"],
    ),
    (
        "tuyen-quang",
        '<ul style="list-style-type: none"> - Các cơ quan, đơn vị liên quan ',
        ["Các cơ quan, đơn vị có liên quan"],
    ),
    ("tuyen-quang", "- Sở Nội vụ; - Các Sở, ban, ngành", ["Sở Nội vụ", "Các sở, ban, ngành"]),
    ("tuyen-quang", "- Sở Nội vụ; - Các sở, ban, ngành", ["Sở Nội vụ", "Các sở, ban, ngành"]),
    (
        "tuyen-quang",
        "- Thanh tra tỉnh; - Các Sở, ban, ngành; - UBND các xã, phường.",
        ["Thanh tra tỉnh", "Các sở, ban, ngành", "UBND cấp xã"],
    ),
    (
        "ha-tinh",
        "Các cơ quan chủ trì CCHC của tỉnh, các cơ quan liên quan khác",
        ["Các cơ quan chủ trì CCHC của tỉnh", "Các cơ quan, đơn vị có liên quan khác"],
    ),
    ("ha-tinh", "Các sở, ban ngành cấp tỉnh, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    (
        "ha-tinh",
        "Các sở, ban ngành cấp tỉnh, UBND các huyện, thành phố, thị xã",
        ["Các sở, ban, ngành", "UBND cấp huyện"],
    ),
    (
        "ha-tinh",
        "Các cơ quan chủ trì CCHC của tỉnh, các cơ quan liên quan",
        ["Các cơ quan chủ trì CCHC của tỉnh", "Các cơ quan, đơn vị có liên quan"],
    ),
    ("ha-tinh", "Các cơ quan chủ trì CCHC của tỉnh", ["Các cơ quan chủ trì CCHC của tỉnh"]),
    ("ha-tinh", "Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
    ("ha-tinh", "Các cơ quan, đơn vị, địa phương", ["Các cơ quan, đơn vị, địa phương"]),
    (
        "ha-tinh",
        "Các cơ quan chủ trì các lĩnh vực CCHC tỉnh; cơ quan, đơn vị, địa phương",
        ["Các cơ quan chủ trì CCHC của tỉnh", "Các cơ quan, đơn vị, địa phương"],
    ),
    ("ha-tinh", "Cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    (
        "ha-tinh",
        "Các cơ quan chủ trì CCHC của tỉnh, các đơn vị được kiểm tra",
        ["Các cơ quan chủ trì CCHC của tỉnh", "Các đơn vị được kiểm tra"],
    ),
    ("ha-tinh", "Sở Nội vụ, Thành viên Đoàn kiểm tra CCHC tỉnh", ["Sở Nội vụ", "Đoàn kiểm tra CCHC tỉnh"]),
    ("ha-tinh", "Sở Nội vụ, Đoàn Kiểm tra, HĐĐ CCHC tỉnh;", ["Sở Nội vụ", "Đoàn kiểm tra CCHC tỉnh", "HĐĐ CCHC tỉnh"]),
    ("ha-tinh", "các cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("ha-tinh", "Các sở, ban, ngành cấp tỉnh", ["Các sở, ban, ngành"]),
    ("ha-tinh", "Sở, ban, ngành có liên quan", ["Các sở, ban, ngành có liên quan"]),
    ("ha-tinh", "Sở, ban, ngành cấp tỉnh, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("ha-tinh", "Sở, ban, ngành cấp tỉnh,", ["Các sở, ban, ngành"]),
    ("ha-tinh", "UBND cấp huyện", ["UBND cấp huyện"]),
    ("ha-tinh", "Sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("ha-tinh", "Văn phòng UBND tỉnh, Sở KH&CN", ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"]),
    (
        "ha-tinh",
        "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    ("ha-tinh", "Sở, ban, ngành cấp tỉnh; UBND các huyện, thành phố, thị xã", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    (
        "ha-tinh",
        "Bộ phận một cửa cấp tỉnh, cấp huyện, cấp xã",
        ["Bộ phận Một cửa cấp tỉnh", "Bộ phận Một cửa cấp huyện", "Bộ phận Một cửa cấp xã"],
    ),
    (
        "ha-tinh",
        "Sở Tư pháp, Văn phòng UBND tỉnh, Sở Thông tin truyền thông",
        ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"],
    ),
    (
        "ha-tinh",
        "Văn phòng UBND tỉnh; Tổ công tác theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh",
        ["Văn phòng UBND tỉnh", "Tổ công tác theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh"],
    ),
    (
        "ha-tinh",
        "Các sở, ngành cấp tỉnh; UBND cấp huyện, UBND cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "ha-tinh",
        "Văn phòng UBND tỉnh, Trung tâm hỗ trợ phát triển doanh nghiệp và Xúc tiến đầu tư",
        ["Văn phòng UBND tỉnh", "Trung tâm Hỗ trợ phát triển doanh nghiệp và Xúc tiến đầu tư"],
    ),
    (
        "ha-tinh",
        "Sở Kế hoạch và Đầu tư, Sở Công Thương, các cơ quan, đơn vị liên quan",
        ["Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Các cơ quan, đơn vị có liên quan"],
    ),
    ("ha-tinh", "Các sở, cơ quan, đơn vị thuộc UBND tỉnh", ["Các sở, cơ quan, đơn vị thuộc UBND tỉnh"]),
    (
        "ha-tinh",
        "Các sở, cơ quan, đơn vị thuộc UBND tỉnh, UBND cấp huyện",
        ["Các sở, cơ quan, đơn vị thuộc UBND tỉnh", "UBND cấp huyện"],
    ),
    ("ha-tinh", "Địa phương, sở, ban ngành có liên quan", ["Các địa phương", "Các sở, ban, ngành có liên quan"]),
    ("ha-tinh", "Các Sở, ban, ngành, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("ha-tinh", "Sở Tài chính (TT Tư vấn dịch vụ tài chính)", ["Sở Tài chính (TT Tư vấn dịch vụ tài chính)"]),
    ("ha-tinh", "Các sở, ngành, đơn vị, UBND các huyện, thị xã, thành phố", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("ha-tinh", "VP UBND tỉnh", ["Văn phòng UBND tỉnh"]),
    ("ha-tinh", "Sở TTTT, các cơ quan liên quan", ["Sở Thông tin và Truyền thông", "Các cơ quan, đơn vị có liên quan"]),
    ("ha-tinh", "Sở TTTT", ["Sở Thông tin và Truyền thông"]),
    ("ha-tinh", "Các cơ quan, đơn vị áp dụng", ["Các cơ quan, đơn vị áp dụng"]),
    ("ha-tinh", "Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),
    ("ha-tinh", "Các trung tâm và đơn vị", ["Các trung tâm và đơn vị"]),
    ("ha-tinh", "UBND các huyện, thị xã, thành phố", ["UBND cấp huyện"]),
    ("ha-tinh", "Các trường và đơn vị tư vấn", ["Các trường học", "Các đơn vị tư vấn"]),
    (
        "ha-tinh",
        "Bộ Khoa học và Công nghệ và các đơn vị liên quan; 02 UBND cấp huyện được lựa chọn; các Sở, ngành liên quan",
        [
            "Bộ Khoa học và Công nghệ",
            "Các cơ quan, đơn vị có liên quan",
            "UBND cấp huyện 02 được lựa chọn",
            "Các sở, ban, ngành liên quan",
        ],
    ),
    (
        "ha-tinh",
        "Văn phòng UBND tỉnh; Các Sở, ban, ngành liên quan.",
        ["Văn phòng UBND tỉnh", "Các sở, ban, ngành liên quan"],
    ),
    ("ha-tinh", "Sở Nội vụ; các cơ quan, đơn vị.", ["Sở Nội vụ", "Các cơ quan, đơn vị"]),
    (
        "ha-tinh",
        "Sở Khoa học và Công nghệ (chủ trì, phối hợp kiểm tra)",
        ["Sở Khoa học và Công nghệ (chủ trì, phối hợp kiểm tra)"],
    ),
    ("ha-tinh", "Các cơ quan, đơn vị", ["Các cơ quan, đơn vị"]),
    (
        "ha-tinh",
        "Các cơ quan, đơn vị; tổ chức đào tạo, chứng nhận hệ thống",
        ["Các cơ quan, đơn vị", "Tổ chức đào tạo, chứng nhận hệ thống"],
    ),
    (
        "ha-tinh",
        "Các Sở, ban, ngành; UBND cấp huyện, UBND cấp xã",
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"],
    ),
    (
        "ha-tinh",
        "Các UBND cấp xã đạt chuẩn NTM, đơn vị tư vấn, Sở Khoa học và Công nghệ",
        ["UBND cấp xã đạt chuẩn NTM", "Các đơn vị tư vấn", "Sở Khoa học và Công nghệ"],
    ),
    (
        "ha-tinh",
        "Sở Nội vụ chủ trì đối với nhân rộng mô hình hay; Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC",  # noqa: E501
        [
            "Sở Nội vụ chủ trì đối với nhân rộng mô hình hay",
            "Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC",
        ],
    ),
]


def test_seed_cells_are_distinct() -> None:
    assert len({cell for _p, cell, _m in SEED_CELLS}) == len(SEED_CELLS) == 131


@pytest.mark.parametrize(("province", "cell", "expected"), SEED_CELLS)
def test_seed_cell(province: str, cell: str, expected: list[str]) -> None:
    mentions = read_cell(cell, registry(province))
    assert [str(m) if m.resolved else "??" + m.text for m in mentions] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A list in disguise: the head word applies to every name after the colon.
        ("Các Sở: Tư pháp, Tài chính, Nội vụ", ["Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ"]),
        ("Các sở: Y tế; Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("UBND cấp huyện, cấp xã", ["UBND cấp huyện", "UBND cấp xã"]),
        # Commas and `và` inside a name never split it.
        ("Sở Văn hóa, Thể thao và Du lịch và Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
        ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
        ("Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
        # Old tone marks, capitals, abbreviations.
        ("SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Sở KH & CN; Sở TT&TT", ["Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"]),
        ("Uỷ ban nhân dân cấp xã", ["UBND cấp xã"]),
        (
            "Trung tâm PVHCC; BCĐ CCHC",
            ["Trung tâm Phục vụ hành chính công tỉnh", "Ban Chỉ đạo cải cách hành chính tỉnh"],
        ),
    ],
)
def test_cell_shapes(cell: str, expected: list[str]) -> None:
    assert [str(m) for m in read_cell(cell, load_registry())] == expected


def test_unresolved_text_stays_text() -> None:
    mentions = read_cell("Sở Tư pháp; Hội Luật gia tỉnh", load_registry())
    assert mentions == (Mention("Sở Tư pháp", "Sở Tư pháp"), Mention("Hội Luật gia tỉnh"))
    assert not mentions[1].resolved


def test_sub_unit_and_qualifier_are_kept_apart() -> None:
    reg = load_registry()
    (unit,) = read_cell("Sở Tài chính (TT Tư vấn dịch vụ tài chính)", reg)
    (qual,) = read_cell("Sở Khoa học và Công nghệ (chủ trì, phối hợp kiểm tra)", reg)
    assert (unit.agency, unit.unit, unit.qualifiers) == ("Sở Tài chính", "TT Tư vấn dịch vụ tài chính", ())
    assert (qual.agency, qual.unit, qual.qualifiers) == (
        "Sở Khoa học và Công nghệ",
        None,
        ("(chủ trì, phối hợp kiểm tra)",),
    )


def test_read_cells_reads_every_entry_of_a_list() -> None:
    names = [m.agency for m in read_cells(("Sở Tư pháp", "VP UBND tỉnh; Sở TTTT"), load_registry())]
    assert names == ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"]
