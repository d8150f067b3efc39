"""The model holds each annex layout of the seeds; merged cells are written once and inherited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cchc.plan.loader import load_plan

# Seed 000 (Tuyên Quang 2024): a goal cell spans several numbered task rows; two time columns.
FLAT_GOALS = """\
format: cchc-plan/1
plan: {province: Tuyên Quang, number: 268/KH-UBND, title: KH CCHC 2024, period: {start: 2024, end: 2024}}
annex:
  title: NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024
  columns:
    - {key: number, label: TT}
    - {key: objective, label: MỤC TIÊU NĂM 2024}
    - {key: task, label: "NHIỆM VỤ, GIẢI PHÁP"}
    - {key: output, label: KẾT QUẢ/ SẢN PHẨM}
    - {key: lead, label: CƠ QUAN CHỦ TRÌ}
    - {key: support, label: CƠ QUAN PHỐI HỢP}
    - {key: start, label: THỜI GIAN THỰC HIỆN}
    - {key: due, label: THỜI GIAN HOÀN THÀNH}
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: g1
        kind: objective
        text: Tiếp tục xây dựng, hoàn thiện hệ thống văn bản QPPL
        items:
          - id: t1
            number: "1"
            kind: task
            text: Ban hành Kế hoạch công tác xây dựng, kiểm tra, rà soát văn bản QPPL
            output: Kế hoạch được ban hành và tổ chức thực hiện
            lead: [Sở Tư pháp]
            support: [Văn phòng UBND tỉnh; các cơ quan, đơn vị có liên quan]
            start: Tháng 12/2023
            due: Tháng 12/2024
          - id: t2
            number: "2"
            kind: task
            text: Lập Danh mục văn bản QPPL
            lead: [Sở Tư pháp]
            start: Sau khi có thông báo của Bộ Tư pháp
            due: Sau khi có thông báo của Bộ Tư pháp
"""

# Seed 001 (Tuyên Quang 2025–2030): five columns, one time column, multi-year period.
FIVE_COLUMNS = """\
format: cchc-plan/1
plan: {province: Tuyên Quang, number: 138/KH-UBND, date: 2025-12-10, title: KH, period: {start: 2025, end: 2030}}
annex:
  title: Phân công nhiệm vụ
  columns:
    - {key: number, label: STT}
    - {key: objective, label: Chỉ tiêu cụ thể}
    - {key: lead, label: "Cơ quan, đơn vị chủ trì"}
    - {key: support, label: "Cơ quan, đơn vị phối hợp"}
    - {key: due, label: Thời gian}
sections:
  - number: V
    title: Sơ kết, tổng kết
    items:
      - id: s18
        number: "18"
        text: Các cơ quan, đơn vị tổ chức sơ kết; tổng kết bằng văn bản
        lead: [Sở Nội vụ, "Các sở, ban, ngành"]
        support: ["Các cơ quan, tổ chức liên quan."]
        due: "- Sơ kết: Quý IV/2027. - Tổng kết: Quý IV/2030."
"""


def test_flat_goal_rows(write_plan: Callable[..., Path]) -> None:
    plan = load_plan(write_plan(FLAT_GOALS, raw=True))
    leaves = list(plan.leaves())
    assert [e.item.id for e in leaves] == ["t1", "t2"]
    assert [e.number for e in leaves] == ["1", "2"]
    assert leaves[0].ancestors[0].text == "Tiếp tục xây dựng, hoàn thiện hệ thống văn bản QPPL"
    assert (leaves[0].start, leaves[0].due) == ("Tháng 12/2023", "Tháng 12/2024")
    assert plan.annex.text_column("task") == "task"
    assert plan.annex.text_column(None) == "objective"
    assert len(plan.annex.columns) == 8


def test_five_columns_multi_year(write_plan: Callable[..., Path]) -> None:
    plan = load_plan(write_plan(FIVE_COLUMNS, raw=True))
    (entry,) = plan.leaves()
    assert plan.name == "Tuyên Quang 2025–2030"
    assert entry.lead == ("Sở Nội vụ", "Các sở, ban, ngành")
    assert entry.due == "- Sơ kết: Quý IV/2027. - Tổng kết: Quý IV/2030."
    assert plan.annex.text_column(entry.item.kind) == "objective"


def test_objective_task_activity_inherits_responsibility() -> None:
    # Seed 002 layout, in the example plan: lead written once on the task, inherited by its activities.
    plan = load_plan(Path(__file__).resolve().parent.parent / "docs" / "examples" / "2024.yaml")
    by_id = {e.item.id: e for e in plan.entries()}
    a1, a2 = by_id["I-1-a1"], by_id["I-1-a2"]
    assert a1.lead == a2.lead == ("Sở Tư pháp",)
    assert a1.owner("lead") is a2.owner("lead") is by_id["I-1-t1"].item
    assert a1.item.lead is None  # not copied
    assert [a.item.id for a in (a1, a2)] == ["I-1-a1", "I-1-a2"]
    assert a2.number == "1"  # shown under its objective's number
    assert a2.value("funding") == "Theo dự toán được cấp"
    assert [s.number for s in by_id["II-A-1-a2"].sections] == ["II", "A"]
    assert by_id["I-1-a1"].item.progress is not None and by_id["I-1-a1"].item.progress.status == "done"
    assert plan.item("I-2-a1") is by_id["I-2-a1"].item
