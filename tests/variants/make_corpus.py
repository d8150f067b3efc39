"""A corpus of annex tables written the way other provinces write them, with the answers.

Each `Variant` below is one plan's annex as a province might lay it out: lettered groups above or
below the Roman sections, cells merged down across the boundary between two tasks, a number cell
merged over rows whose task cell is left empty, collective agency lists (`Các Sở: Tài chính; …`),
other column orders and labels, a two-row header, headings that name the province (or a commune,
a department, a ministry) in different ways. The texts and agencies are those of the seeds
(`shared/seeds/`), rearranged.

Every variant is written as a real .docx (python-docx, merged cells with `merge`) and a real .xlsx
(openpyxl, `merge_cells`), and carries what a person reading the table sees — the expected answer,
written down here by hand, never computed by cchc:
- the section path of every row (`("A", "I")`) and the item it belongs to;
- every row's effective lead, coordination and time (a merged cell's value applies to every row it
  covers);
- the province, issuer and issuer level the heading names;
- how many rows `cchc tasks --agency <name typed without diacritics>` must list.

Run `python tests/variants/make_corpus.py OUT` to write the files and `expected.json` into OUT.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: A cell covered by the merged cell above it (vertical merge).
UP = "^"


@dataclass(frozen=True)
class Ag:
    """An agency cell: the text as the province wrote it, and the agencies a reader finds in it
    (the registry's name for a known agency, the text as written for one it does not know)."""

    written: str
    names: tuple[str, ...]


def ag(*names: str) -> Ag:
    """A cell naming these agencies, one per line entry, written with `; `."""
    return Ag("; ".join(names), names)


@dataclass(frozen=True)
class H:
    """A section or group heading row.

    style: `split` — the number in the number column, the title merged across the other columns;
    `full` — `A. TITLE` in one cell merged across the whole row; `lone` — `A. TITLE` as the only text
    of the row, in column `col`, nothing merged.
    """

    path: tuple[str, ...]
    title: str
    style: str = "split"
    col: int = 0


@dataclass(frozen=True)
class R:
    """An item row: cells by column key (`UP` = merged with the cell above, "" = empty).

    `parent` names the item the row's deepest item belongs to when it is not the one the row's own
    cells say (a row continuing a merged number cell with its task cell left empty).
    """

    cells: dict[str, str | Ag]
    parent: str | None = None
    heads: bool = False  # the row's item holds the rows numbered under it (`1` over `1.1`, `1.2`): not a leaf


@dataclass
class Variant:
    name: str
    note: str
    #: Lines above the table (docx paragraphs, xlsx rows); a tuple of two lines is a layout-table row.
    heading: list[str | tuple[str, str]]
    #: Header rows: labels; None = covered by the cell to the left, UP = by the cell above.
    header: list[list[str | None]]
    keys: list[str]  # the column key of each column, in order
    body: list[H | R]
    province: str | None
    issuer: str
    level: str = "province"
    #: (typed without diacritics, the name that reaches the rows) for `cchc tasks --agency`.
    queries: list[tuple[str, str]] = field(default_factory=list)
    #: Options the import needs (the variant's heading does not say them).
    options: dict[str, str] = field(default_factory=dict)


# --- the oracle for `cchc tasks`: agencies, kinds, and the collectives that reach them -------------

KINDS = {
    "Sở Nội vụ": "so",
    "Sở Tư pháp": "so",
    "Sở Tài chính": "so",
    "Sở Công Thương": "so",
    "Sở Y tế": "so",
    "Sở Khoa học và Công nghệ": "so",
    "Sở Văn hóa, Thể thao và Du lịch": "so",
    "Văn phòng UBND tỉnh": "van-phong",
    "Thanh tra tỉnh": "thanh-tra",
    "Công an tỉnh": "nganh",
    "Trung tâm Phục vụ hành chính công tỉnh": "don-vi",
}
#: Collectives of the national registry and the kinds every one of them takes in (docs/agencies.md).
GROUPS = {
    "Các sở, ban, ngành": {"so", "ban", "nganh", "van-phong", "thanh-tra"},
    "Các cơ quan chuyên môn thuộc UBND tỉnh": {"so", "van-phong", "thanh-tra"},
}


def reaches(names: tuple[str, ...], target: str) -> bool:
    """True when a row naming `names` concerns `target`: named itself, or through a collective."""
    kind = KINDS.get(target)
    return target in names or any(kind in GROUPS.get(n, set()) for n in names if kind)


# --- the variants ---------------------------------------------------------------------------------

SNV, STP, STC, SCT = "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương"
SKHCN, SVH, SYT = "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"
VP, TTRA, CA, PVHCC = "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Công an tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"
SBN, XA, LQ = "Các sở, ban, ngành", "UBND cấp xã", "Các cơ quan, đơn vị có liên quan"
VPX = "Văn phòng HĐND và UBND xã Minh Xuân"  # in the commune's own plan: its own office
BNV_UNITS = "Các đơn vị thuộc Bộ Nội vụ"  # in the ministry's own plan: its own units

VARIANTS: list[Variant] = [
    Variant(
        name="01-lang-son-nhom-tren",
        note="lettered groups above Roman sections, `A. …` merged across the whole row; numbering restarts",
        heading=[
            "PHỤ LỤC",
            "Kế hoạch thực hiện công tác CCHC tỉnh Lạng Sơn năm 2025",
            "(Kèm theo Kế hoạch số 08/KH-UBND ngày 10 tháng 01 năm 2025)",
        ],
        header=[["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]],
        keys=["number", "task", "lead", "support", "due"],
        body=[
            H(("A",), "CÁC NHIỆM VỤ TRỌNG TÂM", "full"),
            H(("A", "I"), "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            R({"number": "1", "task": "Ban hành Kế hoạch cải cách hành chính năm 2025", "lead": ag(SNV),
               "support": ag(SBN), "due": "Tháng 01/2025"}),
            R({"number": "2", "task": "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị",
               "lead": ag(SNV), "support": ag(VP, STP), "due": "Quý III/2025"}),
            H(("A", "II"), "CẢI CÁCH THỂ CHẾ"),
            R({"number": "1", "task": "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "lead": ag(STP),
               "support": ag(SBN), "due": "Quý IV/2025"}),
            R({"number": "2", "task": "Kiểm tra văn bản quy phạm pháp luật do HĐND, UBND cấp xã ban hành",
               "lead": ag(STP), "support": ag(XA), "due": "Thường xuyên"}),
            H(("B",), "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH VÀ CÁC CHỈ SỐ LIÊN QUAN", "full"),
            H(("B", "I"), "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)"),
            R({"number": "1", "task": "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2025", "lead": ag(SNV),
               "support": ag(SBN), "due": "Tháng 12/2025"}),
            R({"number": "2", "task": "Phân tích kết quả Chỉ số CCHC, đề ra giải pháp khắc phục", "lead": UP,
               "support": UP, "due": "Quý II/2025"}),
            H(("B", "II"), "CHỈ SỐ HÀI LÒNG (SIPAS)"),
            R({"number": "1", "task": "Điều tra xã hội học đo lường sự hài lòng của người dân", "lead": ag(SNV),
               "support": ag("Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"), "due": "Quý III/2025"}),
            R({"number": "2", "task": "Khắc phục hạn chế theo kết quả đo lường SIPAS", "lead": ag(SBN),
               "support": ag(SNV), "due": "Quý IV/2025"}),
        ],
        province="Lạng Sơn",
        issuer="UBND tỉnh Lạng Sơn",
        queries=[("so noi vu", SNV), ("so tu phap", STP), ("hoi nong dan tinh", "Hội Nông dân tỉnh"),
                 ("van phong ubnd tinh", VP)],
    ),
    Variant(
        name="02-binh-dinh-nhom-duoi",
        note="lettered groups below Roman sections: `A | title` rows and `B. title` alone in a text or number cell",
        heading=[
            ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
            ("Số: 25/KH-UBND", "Bình Định, ngày 20 tháng 01 năm 2025"),
            "KẾ HOẠCH",
            "Cải cách hành chính nhà nước năm 2025",
            "PHỤ LỤC",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "(Kèm theo Kế hoạch số 25/KH-UBND ngày 20/01/2025 của UBND tỉnh)",
        ],
        header=[["TT", "Nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời hạn"]],
        keys=["number", "task", "output", "lead", "support", "due"],
        body=[
            H(("I",), "CẢI CÁCH TÀI CHÍNH CÔNG"),
            H(("I", "A"), "Quản lý ngân sách nhà nước"),
            R({"number": "1", "task": "Giao dự toán ngân sách nhà nước năm 2025", "output": "Quyết định",
               "lead": ag(STC), "support": ag(SBN, XA), "due": "Tháng 01/2025"}),
            R({"number": "2", "task": "Công khai ngân sách theo quy định", "output": "Báo cáo", "lead": ag(STC),
               "support": UP, "due": "Quý I/2025"}),
            H(("I", "B"), "Quản lý tài sản công", "lone", 1),
            R({"number": "3", "task": "Rà soát, sắp xếp lại tài sản công", "output": "Báo cáo", "lead": ag(STC),
               "support": ag(LQ), "due": "Quý III/2025"}),
            H(("II",), "XÂY DỰNG CHÍNH QUYỀN SỐ"),
            H(("II", "A"), "Hạ tầng số"),
            R({"number": "1", "task": "Nâng cấp mạng truyền số liệu chuyên dùng", "output": "Hệ thống",
               "lead": ag(SKHCN), "support": ag(CA), "due": "Năm 2025"}),
            R({"number": "2", "task": "Bảo đảm an toàn thông tin mạng", "output": "Báo cáo", "lead": UP,
               "support": ag(CA), "due": "Thường xuyên"}),
            H(("II", "B"), "Dữ liệu số", "lone", 0),
            R({"number": "1", "task": "Xây dựng kho dữ liệu dùng chung của tỉnh", "output": "Kho dữ liệu",
               "lead": ag(SKHCN), "support": ag(SBN), "due": "Quý IV/2025"}),
        ],
        province="Bình Định",
        issuer="UBND tỉnh Bình Định",
        queries=[("so tai chinh", STC), ("cong an tinh", CA), ("so khoa hoc va cong nghe", SKHCN)],
    ),
    Variant(
        name="03-quang-ninh-gop-qua-nhiem-vu",
        note="objective → task → activity; lead, coordination and time merged down across task boundaries",
        heading=[
            "PHỤ LỤC",
            "KHUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "(Kèm theo Quyết định số 45/QĐ-UBND ngày 05/01/2025 của Ủy ban nhân dân tỉnh Quảng Ninh)",
        ],
        header=[["TT", "Mục tiêu", "Nhiệm vụ", "Hoạt động", "Kết quả, sản phẩm", "Chủ trì", "Phối hợp",
                 "Thời gian hoàn thành"]],
        keys=["number", "objective", "task", "activity", "output", "lead", "support", "due"],
        body=[
            H(("I",), "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            R({"number": "1", "objective": "1.1. Nâng cao chất lượng công tác chỉ đạo, điều hành CCHC",
               "task": "2.1. Ban hành Kế hoạch CCHC năm 2025", "activity": "3.1. Xây dựng dự thảo Kế hoạch",
               "output": "Dự thảo", "lead": ag(SNV), "support": ag(SBN), "due": "Tháng 01/2025"}),
            R({"number": UP, "objective": UP, "task": UP, "activity": "3.2. Trình UBND tỉnh ban hành Kế hoạch",
               "output": "Kế hoạch", "lead": UP, "support": ag(VP), "due": UP}),
            R({"number": UP, "objective": UP, "task": "2.2. Tuyên truyền CCHC",
               "activity": "3.3. Xây dựng Kế hoạch tuyên truyền", "output": "Kế hoạch", "lead": UP, "support": UP,
               "due": "Quý II/2025"}),
            R({"number": UP, "objective": UP, "task": "2.3. Tổ chức hội nghị sơ kết, tổng kết",
               "activity": "3.4. Hội nghị sơ kết 6 tháng", "output": "Báo cáo", "lead": UP, "support": UP,
               "due": UP}),
            R({"number": UP, "objective": UP, "task": UP, "activity": "3.5. Hội nghị tổng kết năm",
               "output": "Báo cáo", "lead": UP, "support": UP, "due": UP}),
            R({"number": "2", "objective": "1.2. Nâng cao chất lượng công tác kiểm tra CCHC",
               "task": "2.4. Kiểm tra CCHC tại các cơ quan, đơn vị", "activity": "3.6. Ban hành Kế hoạch kiểm tra",
               "output": "Kế hoạch", "lead": ag(STP), "support": ag(SNV, TTRA), "due": "Quý III/2025"}),
            R({"number": UP, "objective": UP, "task": UP, "activity": "3.7. Kiểm tra theo kế hoạch",
               "output": "Biên bản", "lead": ag(TTRA), "support": UP, "due": UP}),
            R({"number": UP, "objective": UP, "task": "", "activity": "3.8. Báo cáo kết quả kiểm tra",
               "output": "Báo cáo", "lead": UP, "support": UP, "due": "Quý IV/2025"},
              parent="1.2. Nâng cao chất lượng công tác kiểm tra CCHC"),
            H(("II",), "CẢI CÁCH THỂ CHẾ"),
            R({"number": "1", "objective": "1.3. Văn bản QPPL ban hành đúng quy trình",
               "task": "2.5. Nâng cao chất lượng xây dựng văn bản QPPL", "activity": "3.9. Thẩm định dự thảo",
               "output": "Báo cáo thẩm định", "lead": ag(STP), "support": ag(SBN, XA), "due": "Thường xuyên"}),
            R({"number": UP, "objective": UP, "task": UP, "activity": "3.10. Lấy ý kiến dự thảo",
               "output": "Văn bản góp ý", "lead": UP, "support": UP, "due": UP}),
            R({"number": "2", "objective": "1.4. Văn bản QPPL được rà soát định kỳ",
               "task": "2.6. Rà soát văn bản QPPL", "activity": "3.11. Lập danh mục văn bản cần rà soát",
               "output": "Danh mục", "lead": ag(STP), "support": UP, "due": "Quý II/2025"}),
            R({"number": UP, "objective": UP, "task": UP, "activity": "3.12. Công bố kết quả rà soát",
               "output": "Quyết định", "lead": UP, "support": UP, "due": "Quý IV/2025"}),
        ],
        province="Quảng Ninh",
        issuer="UBND tỉnh Quảng Ninh",
        queries=[("so noi vu", SNV), ("thanh tra tinh", TTRA), ("van phong ubnd tinh", VP), ("so tu phap", STP)],
    ),
    Variant(
        name="04-hai-phong-so-gop",
        note="task → activity with a number cell merged over rows whose task cell is left empty; start merged "
        "across tasks",
        heading=[
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HẢI PHÒNG",
            "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH THÀNH PHỐ HẢI PHÒNG NĂM 2025",
            "PHỤ LỤC",
            "DANH MỤC NHIỆM VỤ",
        ],
        header=[["TT", "Nhiệm vụ", "Hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
                 "Thời gian hoàn thành"]],
        keys=["number", "task", "activity", "lead", "support", "start", "due"],
        body=[
            H(("I",), "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            R({"number": "1", "task": "Rà soát, đơn giản hóa thủ tục hành chính",
               "activity": "Lập danh mục thủ tục hành chính cần rà soát", "lead": ag(VP), "support": ag(SBN),
               "start": "Tháng 01/2025", "due": "Tháng 3/2025"}),
            R({"number": UP, "task": UP, "activity": "Rà soát và đề xuất phương án đơn giản hóa", "lead": UP,
               "support": UP, "start": UP, "due": "Quý III/2025"}),
            R({"number": UP, "task": "", "activity": "Báo cáo kết quả rà soát thủ tục hành chính", "lead": UP,
               "support": ag(STP), "start": UP, "due": "Quý IV/2025"},
              parent="Rà soát, đơn giản hóa thủ tục hành chính"),
            R({"number": "2", "task": "Công khai thủ tục hành chính",
               "activity": "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa", "lead": ag(PVHCC),
               "support": ag(XA), "start": UP, "due": "Thường xuyên"}),
            R({"number": UP, "task": UP, "activity": "Cập nhật thủ tục hành chính trên Cổng dịch vụ công",
               "lead": UP, "support": ag(SKHCN), "start": "Tháng 02/2025", "due": UP}),
            H(("II",), "CẢI CÁCH TỔ CHỨC BỘ MÁY"),
            R({"number": "1", "task": "Sắp xếp tổ chức bộ máy", "activity": "Rà soát chức năng, nhiệm vụ các cơ quan",
               "lead": ag(SNV), "support": ag(SBN), "start": "Quý I/2025", "due": "Quý II/2025"}),
            R({"number": UP, "task": UP, "activity": "Trình phương án sắp xếp tổ chức", "lead": UP, "support": UP,
               "start": UP, "due": UP}),
            R({"number": "2", "task": "Quản lý biên chế", "activity": "Giao biên chế công chức năm 2025", "lead": UP,
               "support": ag(STC), "start": UP, "due": "Tháng 12/2025"}),
            R({"number": UP, "task": UP, "activity": "Thẩm định đề án vị trí việc làm", "lead": UP, "support": UP,
               "start": UP, "due": UP}),
        ],
        province="Hải Phòng",
        issuer="UBND thành phố Hải Phòng",
        queries=[("so noi vu", SNV), ("van phong ubnd tinh", VP), ("so tai chinh", STC), ("so tu phap", STP)],
    ),
    Variant(
        name="05-dak-lak-danh-sach",
        note="collective lists (`Các Sở: Tài chính; Công Thương; …`), line breaks, bullets; coordination before "
        "lead; a heading without diacritics",
        heading=[
            "PHU LUC",
            "Ke hoach cai cach hanh chinh tinh Dak Lak nam 2025",
            "(Kem theo Ke hoach so 30/KH-UBND ngay 15/01/2025)",
        ],
        header=[["STT", "Nội dung công việc", "Đơn vị phối hợp", "Đơn vị chủ trì", "Tiến độ thực hiện",
                 "Sản phẩm đầu ra", "Ghi chú"]],
        keys=["number", "task", "support", "lead", "due", "output", "note"],
        body=[
            H(("I",), "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            R({"number": "1", "task": "Rà soát quy trình nội bộ giải quyết thủ tục hành chính",
               "support": Ag("Các Sở: Tài chính; Công Thương; Văn hóa, Thể thao và Du lịch", (STC, SCT, SVH)),
               "lead": ag(VP), "due": "Quý II/2025", "output": "Quy trình", "note": ""}),
            R({"number": "2", "task": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
               "support": Ag("các sở: Tư pháp, Nội vụ và Y tế", (STP, SNV, SYT)), "lead": ag(PVHCC),
               "due": "Năm 2025", "output": "Dữ liệu số", "note": ""}),
            R({"number": "3", "task": "Tiếp nhận hồ sơ trực tuyến toàn trình",
               "support": Ag("Các cơ quan: Công an tỉnh, Thanh tra tỉnh", (CA, TTRA)), "lead": ag(SKHCN),
               "due": "Thường xuyên", "output": "Hồ sơ trực tuyến", "note": ""}),
            R({"number": "4", "task": "Đánh giá chất lượng giải quyết thủ tục hành chính",
               "support": Ag("Sở Nội vụ\nSở Tư pháp", (SNV, STP)),
               "lead": Ag("- Văn phòng UBND tỉnh\n- Sở Khoa học và Công nghệ", (VP, SKHCN)), "due": "Quý IV/2025",
               "output": "Báo cáo", "note": ""}),
            H(("II",), "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
            R({"number": "1", "task": "Tuyển dụng công chức theo vị trí việc làm",
               "support": Ag("Các Sở: Tài chính, Văn hóa, Thể thao và Du lịch", (STC, SVH)), "lead": ag(SNV),
               "due": "Quý III/2025", "output": "Kết quả tuyển dụng", "note": ""}),
            R({"number": "2", "task": "Bồi dưỡng kiến thức cải cách hành chính cho công chức",
               "support": ag("Hội Nông dân tỉnh", "Đài Phát thanh và Truyền hình tỉnh"), "lead": ag(SNV),
               "due": "Quý III/2025", "output": "Lớp bồi dưỡng", "note": "Theo dự toán"}),
            R({"number": "3", "task": "Tuyên truyền cải cách hành chính đến hội viên nông dân", "support": ag(SNV),
               "lead": ag("Hội Nông dân tỉnh"), "due": "Thường xuyên", "output": "Tin, bài", "note": ""}),
        ],
        province="Đắk Lắk",
        issuer="UBND tỉnh Đắk Lắk",
        queries=[("hoi nong dan tinh", "Hội Nông dân tỉnh"), ("so van hoa the thao va du lich", SVH),
                 ("so tai chinh", STC), ("so tu phap", STP), ("cong an tinh", CA), ("so cong thuong", SCT)],
    ),
    Variant(
        name="06-ho-chi-minh-tieu-de-hai-dong",
        note="a two-row header (`Cơ quan thực hiện` over `Chủ trì | Phối hợp`), numbered sub-sections `1. …` "
        "merged across the row, a centrally-run city",
        heading=[
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HỒ CHÍ MINH",
            "Số: 100/KH-UBND",
            "TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2025",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2025",
            "PHỤ LỤC",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "(Kèm theo Kế hoạch số 100/KH-UBND ngày 05/02/2025 của Ủy ban nhân dân Thành phố)",
        ],
        header=[
            ["TT", "Nhiệm vụ", "Cơ quan thực hiện", None, "Thời gian", None],
            [UP, UP, "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành"],
        ],
        keys=["number", "task", "lead", "support", "start", "due"],
        body=[
            H(("I",), "CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC"),
            H(("I", "1"), "Cải cách thủ tục hành chính", "full"),
            R({"number": "1", "task": "Rà soát thủ tục hành chính thuộc thẩm quyền giải quyết của Thành phố",
               "lead": ag(STP), "support": ag(SBN), "start": "Tháng 02/2025", "due": "Quý IV/2025"}),
            R({"number": "2", "task": "Đơn giản hóa thành phần hồ sơ thủ tục hành chính", "lead": ag(STP),
               "support": UP, "start": UP, "due": UP}),
            H(("I", "2"), "Cải cách tổ chức bộ máy", "full"),
            R({"number": "1", "task": "Sắp xếp các đơn vị sự nghiệp công lập", "lead": ag(SNV), "support": ag(STC),
               "start": "Quý I/2025", "due": "Quý III/2025"}),
            H(("II",), "XÂY DỰNG CHÍNH QUYỀN SỐ"),
            R({"number": "1", "task": "Triển khai nền tảng số dùng chung của Thành phố", "lead": ag(SKHCN),
               "support": ag(SBN, XA), "start": "Tháng 3/2025", "due": "Tháng 12/2025"}),
            R({"number": "2", "task": "Kết nối dữ liệu dân cư với cơ sở dữ liệu chuyên ngành",
               "lead": ag("Công an Thành phố"), "support": ag(SKHCN), "start": "Quý II/2025", "due": "Thường xuyên"}),
        ],
        province="Hồ Chí Minh",
        issuer="UBND thành phố Hồ Chí Minh",
        queries=[("so tu phap", STP), ("so tai chinh", STC), ("cong an thanh pho", "Công an Thành phố")],
    ),
    Variant(
        name="07-minh-xuan-cap-xa",
        note="a commune's own plan: `UBND xã` is that commune's committee",
        heading=[
            "ỦY BAN NHÂN DÂN",
            "XÃ MINH XUÂN",
            "Số: 15/KH-UBND",
            "Minh Xuân, ngày 20 tháng 8 năm 2025",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2025 trên địa bàn xã Minh Xuân, tỉnh Tuyên Quang",
            "PHỤ LỤC",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "(Kèm theo Kế hoạch số 15/KH-UBND ngày 20/8/2025 của UBND xã Minh Xuân)",
        ],
        header=[["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]],
        keys=["number", "task", "lead", "support", "due"],
        body=[
            H(("I",), "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            R({"number": "1", "task": "Ban hành Kế hoạch cải cách hành chính của xã năm 2025",
               "lead": Ag("UBND xã", ("UBND xã Minh Xuân",)), "support": Ag("Văn phòng HĐND và UBND xã", (VPX,)),
               "due": "Tháng 8/2025"}),
            R({"number": "2", "task": "Kiện toàn Bộ phận Một cửa của xã", "lead": Ag("UBND xã", ("UBND xã Minh Xuân",)),
               "support": ag(PVHCC), "due": "Tháng 9/2025"}),
            H(("II",), "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            R({"number": "1", "task": "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa",
               "lead": Ag("Văn phòng HĐND và UBND xã", (VPX,)), "support": Ag("UBND xã", ("UBND xã Minh Xuân",)),
               "due": "Quý IV/2025"}),
            R({"number": "2", "task": "Báo cáo tình hình giải quyết thủ tục hành chính", "lead": UP,
               "support": ag(SNV), "due": "Quý IV/2025"}),
        ],
        province="Tuyên Quang",
        issuer="UBND xã Minh Xuân",
        level="commune",
        queries=[("ubnd xa", "UBND xã Minh Xuân"), ("van phong hdnd va ubnd xa", VPX)],
    ),
    Variant(
        name="08-ninh-binh-so-noi-vu",
        note="a department's own plan: `các phòng` are its own divisions",
        heading=[
            "UBND TỈNH NINH BÌNH",
            "SỞ NỘI VỤ",
            "Số: 210/KH-SNV",
            "Ninh Bình, ngày 10 tháng 02 năm 2025",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2025 của Sở Nội vụ",
            "PHỤ LỤC",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
            "(Kèm theo Kế hoạch số 210/KH-SNV ngày 10/02/2025 của Sở Nội vụ)",
        ],
        header=[["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]],
        keys=["number", "task", "lead", "support", "due"],
        body=[
            H(("I",), "CẢI CÁCH HÀNH CHÍNH NỘI BỘ"),
            R({"number": "1", "task": "Xây dựng Kế hoạch cải cách hành chính của Sở năm 2025",
               "lead": ag("Phòng Cải cách hành chính"),
               "support": Ag("Các phòng, đơn vị thuộc Sở", ("Các phòng, đơn vị thuộc Sở Nội vụ",)),
               "due": "Tháng 02/2025"}),
            R({"number": "2", "task": "Rà soát quy trình nội bộ giải quyết thủ tục hành chính của Sở",
               "lead": ag("Văn phòng Sở"), "support": ag("Phòng Cải cách hành chính"), "due": "Quý II/2025"}),
            R({"number": "3", "task": "Tự chấm điểm Chỉ số cải cách hành chính của Sở",
               "lead": ag("Phòng Cải cách hành chính"),
               "support": Ag("các phòng", ("Các phòng, đơn vị thuộc Sở Nội vụ",)), "due": "Tháng 11/2025"}),
        ],
        province="Ninh Bình",
        issuer="Sở Nội vụ",
        level="department",
        queries=[("phong cai cach hanh chinh", "Phòng Cải cách hành chính"), ("van phong so", "Văn phòng Sở")],
    ),
    Variant(
        name="09-bo-noi-vu",
        note="a ministry's plan: no province; its place-date line (`Hà Nội, ngày …`) is not its province",
        heading=[
            "BỘ NỘI VỤ",
            "Số: 50/KH-BNV",
            "Hà Nội, ngày 15 tháng 01 năm 2025",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2025 của Bộ Nội vụ",
            "PHỤ LỤC",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        ],
        header=[["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]],
        keys=["number", "task", "lead", "support", "due"],
        body=[
            H(("I",), "CẢI CÁCH THỂ CHẾ"),
            R({"number": "1", "task": "Xây dựng dự án Luật Cán bộ, công chức (sửa đổi)",
               "lead": ag("Vụ Công chức - Viên chức"), "support": ag("Vụ Pháp chế"), "due": "Quý II/2025"}),
            R({"number": "2", "task": "Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực nội vụ",
               "lead": ag("Vụ Pháp chế"), "support": Ag("Các Vụ, Cục, đơn vị thuộc Bộ", (BNV_UNITS,)),
               "due": "Quý IV/2025"}),
            R({"number": "3", "task": "Theo dõi, đánh giá Chỉ số cải cách hành chính",
               "lead": ag("Vụ Cải cách hành chính"), "support": UP, "due": "Tháng 12/2025"}),
        ],
        province=None,
        issuer="Bộ Nội vụ",
        level="ministry",
        queries=[("vu phap che", "Vụ Pháp chế")],
    ),
    Variant(
        name="10-can-tho-dong-chi-co-tieu-de",
        note="groups and sections written as the only text of a row (`A. …` in the number cell, `I. …` in the "
        "goal cell, nothing merged); a goal cell over numbered tasks; times merged across goals",
        heading=[
            "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
            "KẾ HOẠCH",
            "Cải cách hành chính thành phố Cần Thơ năm 2025",
            "PHỤ LỤC",
            "NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        ],
        header=[["TT", "Mục tiêu", "Nhiệm vụ, giải pháp", "Kết quả/Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
                 "Thời gian thực hiện", "Thời gian hoàn thành"]],
        keys=["number", "objective", "task", "output", "lead", "support", "start", "due"],
        body=[
            H(("A",), "NHIỆM VỤ CHUNG", "lone", 0),
            H(("A", "I"), "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "lone", 1),
            R({"number": "1", "objective": "100% nhiệm vụ trong Kế hoạch CCHC được triển khai",
               "task": "Ban hành Kế hoạch CCHC năm 2025", "output": "Kế hoạch", "lead": ag(SNV), "support": ag(SBN),
               "start": "Tháng 01/2025", "due": "Tháng 02/2025"}),
            R({"number": "2", "objective": UP, "task": "Ban hành Kế hoạch tuyên truyền CCHC", "output": "Kế hoạch",
               "lead": ag(SNV), "support": ag(VP), "start": "Quý I/2025", "due": "Quý IV/2025"}),
            R({"number": "3", "objective": UP, "task": "Tổ chức tập huấn nghiệp vụ CCHC", "output": "Lớp tập huấn",
               "lead": ag(STP), "support": UP, "start": UP, "due": UP}),
            R({"number": "4", "objective": "Nâng cao Chỉ số hài lòng của người dân",
               "task": "Khảo sát sự hài lòng của người dân", "output": "Báo cáo", "lead": ag(STP), "support": ag(LQ),
               "start": "Năm 2025", "due": UP}),
            R({"number": "5", "objective": UP, "task": "Công bố kết quả khảo sát", "output": "Quyết định",
               "lead": UP, "support": UP, "start": UP, "due": "Thường xuyên"}),
            H(("B",), "NHIỆM VỤ CỤ THỂ", "lone", 0),
            H(("B", "I"), "CẢI CÁCH THỂ CHẾ", "lone", 1),
            R({"number": "1", "objective": "Văn bản QPPL ban hành kịp thời",
               "task": "Rà soát văn bản QPPL của thành phố", "output": "Danh mục", "lead": ag(STP),
               "support": ag(SBN), "start": "Quý I/2025", "due": "Quý III/2025"}),
            H(("B", "II"), "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "lone", 1),
            R({"number": "1", "objective": "Thủ tục hành chính được công khai",
               "task": "Công khai thủ tục hành chính trên Cổng dịch vụ công", "output": "Dữ liệu",
               "lead": ag(PVHCC), "support": ag(SKHCN), "start": "Thường xuyên", "due": "Thường xuyên"}),
        ],
        province="Cần Thơ",
        issuer="UBND thành phố Cần Thơ",
        queries=[("so noi vu", SNV), ("so tu phap", STP), ("van phong ubnd tinh", VP)],
    ),
    Variant(
        name="11-gia-lai-so-phan-cap",
        note="one text column with sub-tasks numbered `1.1`, `1.2` under `1`; unnumbered headings merged across "
        "the row; time before the agency; `Đơn vị thực hiện` as the only agency column; a province formed in 2025",
        heading=[
            "ỦY BAN NHÂN DÂN",
            "TỈNH GIA LAI",
            "Số: 05/KH-UBND",
            "Gia Lai, ngày 08 tháng 01 năm 2026",
            "KẾ HOẠCH",
            "Cải cách hành chính nhà nước năm 2026",
            "PHỤ LỤC",
            "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        ],
        header=[["STT", "Nội dung", "Thời gian thực hiện", "Đơn vị thực hiện", "Kinh phí", "Ghi chú"]],
        keys=["number", "objective", "due", "lead", "funding", "note"],
        body=[
            H(("I",), "CẢI CÁCH THỂ CHẾ"),
            H(("I", ""), "Nhiệm vụ trọng tâm", "full"),
            R({"number": "1", "objective": "Xây dựng, hoàn thiện thể chế của tỉnh sau hợp nhất"}, heads=True),
            R({"number": "1.1", "objective": "Ban hành quy định chức năng, nhiệm vụ của các sở", "due": "Quý I/2026",
               "lead": ag(SNV), "funding": "Ngân sách tỉnh"},
              parent="Xây dựng, hoàn thiện thể chế của tỉnh sau hợp nhất"),
            R({"number": "1.2", "objective": "Rà soát văn bản QPPL sau sắp xếp đơn vị hành chính",
               "due": "Quý II/2026", "lead": ag(STP)},
              parent="Xây dựng, hoàn thiện thể chế của tỉnh sau hợp nhất"),
            R({"number": "2", "objective": "Kiểm tra việc thi hành pháp luật", "due": "Năm 2026",
               "lead": ag(STP, "Hội Luật gia tỉnh"), "note": "Phối hợp Mặt trận"}),
            H(("I", ""), "Nhiệm vụ thường xuyên", "full"),
            R({"number": "3", "objective": "Theo dõi tình hình thi hành pháp luật", "due": "Thường xuyên",
               "lead": ag(STP)}),
            H(("II",), "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
            R({"number": "1", "objective": "Giải quyết thủ tục hành chính trên môi trường điện tử"}, heads=True),
            R({"number": "1.1", "objective": "Số hóa kết quả giải quyết thủ tục hành chính", "due": "Quý IV/2026",
               "lead": ag(PVHCC)},
              parent="Giải quyết thủ tục hành chính trên môi trường điện tử"),
            R({"number": "1.2", "objective": "Cung cấp dịch vụ công trực tuyến toàn trình", "due": UP,
               "lead": ag(SKHCN)},
              parent="Giải quyết thủ tục hành chính trên môi trường điện tử"),
        ],
        province="Gia Lai",
        issuer="UBND tỉnh Gia Lai",
        queries=[("so tu phap", STP), ("hoi luat gia tinh", "Hội Luật gia tỉnh"), ("trung tam pvhcc", PVHCC)],
    ),
]  # fmt: skip


# --- what a reader of each table sees ---------------------------------------------------------------

TEXT_KEYS = ("objective", "task", "activity")


@dataclass
class Expected:
    """One row as a reader of the table understands it."""

    text: str  # the row's deepest text cell: the item that carries the row
    path: list[str]  # section path, outermost first
    parent: str | None  # the text of the item it belongs to (None: directly in its section)
    lead: list[str]
    support: list[str]
    start: str | None
    due: str | None


def _names(value: str | Ag) -> list[str]:
    if isinstance(value, Ag):
        return list(value.names)
    return [value] if value else []


def rows_of(variant: Variant) -> Iterator[Expected]:
    """The expected reading of every item row of a variant."""
    path: tuple[str, ...] = ()
    above: dict[str, str | Ag] = {}  # the value each column shows on the last row (merged cells resolved)
    owners: dict[str, str] = {}  # the text item open at each level
    for entry in variant.body:
        if isinstance(entry, H):
            path, above, owners = entry.path, {}, {}
            continue
        cells = {k: (above.get(k, "") if v == UP else v) for k, v in entry.cells.items()}
        levels = [k for k in TEXT_KEYS if k in variant.keys]
        deepest = max(i for i, k in enumerate(levels) if entry.cells.get(k) not in (None, "", UP))
        for i, key in enumerate(levels):
            if entry.cells.get(key) not in (None, "", UP):
                owners[key] = str(entry.cells[key])
                for deeper in levels[i + 1 :]:
                    owners.pop(deeper, None)
        parent = entry.parent
        if parent is None:
            # The nearest shallower text cell the row fills itself or shows through a merge.
            parent = next(
                (owners[k] for k in reversed(levels[:deepest]) if k in owners and entry.cells.get(k) not in (None, "")),
                None,
            )
        above = cells
        if entry.heads:
            continue
        yield Expected(
            text=str(entry.cells[levels[deepest]]),
            path=list(path),
            parent=parent,
            lead=_names(cells.get("lead", "")),
            support=_names(cells.get("support", "")),
            start=str(cells["start"]) or None if "start" in cells else None,
            due=str(cells["due"]) or None if "due" in cells else None,
        )


def outline(variant: Variant) -> list[tuple[list[str], str]]:
    """Every section and group, as (path, title), in document order."""
    return [(list(e.path), e.title) for e in variant.body if isinstance(e, H)]


def query_counts(variant: Variant) -> dict[str, int]:
    """How many rows `cchc tasks --agency <typed>` must list, per typed name."""
    rows = list(rows_of(variant))
    return {typed: sum(1 for r in rows if reaches((*r.lead, *r.support), name)) for typed, name in variant.queries}


# --- writing .docx and .xlsx ---------------------------------------------------------------------


def _text(value: str | Ag) -> str:
    return value.written if isinstance(value, Ag) else value


def _grid(variant: Variant) -> list[list[str | None]]:
    """Body rows as cell texts: None where a merge covers the cell (UP above, or the heading's span)."""
    n = len(variant.keys)
    out: list[list[str | None]] = []
    for entry in variant.body:
        if isinstance(entry, H):
            number = entry.path[-1]
            if entry.style == "split":
                out.append([number, entry.title, *([None] * (n - 2))])
            elif entry.style == "full":
                out.append([f"{number}. {entry.title}" if number else entry.title, *([None] * (n - 1))])
            else:
                row: list[str | None] = [""] * n
                row[entry.col] = f"{number}. {entry.title}"
                out.append(row)
            continue
        out.append([None if entry.cells.get(k) == UP else _text(entry.cells.get(k, "")) for k in variant.keys])
    return out


def _merges(variant: Variant) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based in the body rows."""
    n = len(variant.keys)
    merges: list[tuple[int, int, int, int]] = []
    for r, entry in enumerate(variant.body):
        if isinstance(entry, H):
            if entry.style == "split":
                merges.append((r, 1, r, n - 1))
            elif entry.style == "full":
                merges.append((r, 0, r, n - 1))
            continue
        for c, key in enumerate(variant.keys):
            if entry.cells.get(key) == UP:
                continue
            end = r
            while end + 1 < len(variant.body):
                below = variant.body[end + 1]
                if isinstance(below, H) or below.cells.get(key) != UP:
                    break
                end += 1
            if end > r:
                merges.append((r, c, end, c))
    return merges


def _header_merges(header: list[list[str | None]]) -> list[tuple[int, int, int, int]]:
    merges = []
    for r, row in enumerate(header):
        for c, label in enumerate(row):
            if label is None or label == UP:
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] is None:
                right += 1
            down = r
            while down + 1 < len(header) and header[down + 1][c] == UP:
                down += 1
            if right > c or down > r:
                merges.append((r, c, down, right))
    return merges


def write_docx(variant: Variant, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in variant.heading:
        if isinstance(line, tuple):
            layout = document.add_table(rows=1, cols=2)
            layout.cell(0, 0).text, layout.cell(0, 1).text = line
        else:
            document.add_paragraph(line)
    header, body = variant.header, _grid(variant)
    n = len(variant.keys)
    table = document.add_table(rows=len(header) + len(body), cols=n)
    table.style = "Table Grid"
    for r, row in enumerate(header):
        for c, label in enumerate(row):
            if label not in (None, UP):
                table.cell(r, c).text = str(label)
    for r1, c1, r2, c2 in _header_merges(header):
        text = table.cell(r1, c1).text
        table.cell(r1, c1).merge(table.cell(r2, c2)).text = text
    top = len(header)
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            if text:
                table.cell(top + r, c).text = text
    for r1, c1, r2, c2 in _merges(variant):
        text = table.cell(top + r1, c1).text
        table.cell(top + r1, c1).merge(table.cell(top + r2, c2)).text = text
    document.save(str(path))
    return path


def write_xlsx(variant: Variant, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    n = len(variant.keys)
    r = 1
    for line in variant.heading:
        if isinstance(line, tuple):
            for c, text in enumerate(line):
                sheet.cell(r, 1 + c * (n // 2), text)
        else:
            sheet.cell(r, 1, line)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    r += 1  # a blank row before the table
    top = r
    for i, row in enumerate(variant.header):
        for c, label in enumerate(row):
            if label not in (None, UP):
                sheet.cell(top + i, c + 1, label)
    for r1, c1, r2, c2 in _header_merges(variant.header):
        sheet.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
    first = top + len(variant.header)
    for i, row in enumerate(_grid(variant)):
        for c, text in enumerate(row):
            if text:
                sheet.cell(first + i, c + 1, int(text) if text.isdigit() else text)
    for r1, c1, r2, c2 in _merges(variant):
        sheet.merge_cells(start_row=first + r1, start_column=c1 + 1, end_row=first + r2, end_column=c2 + 1)
    workbook.save(path)
    return path


@dataclass
class CorpusFile:
    path: Path
    variant: Variant


def build(out: Path) -> list[CorpusFile]:
    """Write every variant as .docx and .xlsx into `out`, with `expected.json` beside them."""
    out.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    expected: dict[str, object] = {}
    for variant in VARIANTS:
        for ext, writer in (("docx", write_docx), ("xlsx", write_xlsx)):
            files.append(CorpusFile(writer(variant, out / f"{variant.name}.{ext}"), variant))
        expected[variant.name] = {
            "note": variant.note,
            "province": variant.province,
            "issuer": variant.issuer,
            "level": variant.level,
            "outline": outline(variant),
            "rows": [asdict(r) for r in rows_of(variant)],
            "queries": query_counts(variant),
        }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return files


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "variants-out")
    built = build(target)
    rows = sum(len(list(rows_of(v))) for v in VARIANTS)
    print(f"{len(built)} files, {len(VARIANTS)} variants, {rows} rows per format → {target}")
