"""Comparing two plans: what each kind of edit reports, inheritance, order, and the presenters."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import plan_text
from typer.testing import CliRunner

from cchc.cli import app
from cchc.escape import md_cell as md_escape
from cchc.plan.loader import parse_plan
from cchc.review.compare import Change, diff_plans, word_diff
from cchc.review.view import MARKDOWN, PLAIN, describe

BASE = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: t1
        number: "1"
        text: Ban hành Kế hoạch kiểm tra văn bản QPPL
        lead: [Sở Tư pháp]
        due: Quý II/2024
        items:
          - id: a1
            text: Xây dựng dự thảo
          - id: a2
            text: Trình ban hành
            lead: [Văn phòng UBND tỉnh]
      - id: t2
        number: "2"
        text: Rà soát văn bản
        lead: [Sở Tư pháp]
        support: ["Các sở, ban, ngành"]
        due: Tháng 12/2024
  - number: II
    title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH
    items:
      - id: t3
        number: "3"
        text: Niêm yết TTHC
        lead: ["Các sở, ban, ngành"]
        due: Thường xuyên
"""


def changes(old: str, new: str) -> list[dict[str, object]]:
    """The change list as JSON data, without locations (tested separately)."""
    out = []
    for change in diff_plans(parse_plan(plan_text(old), "old.yaml"), parse_plan(plan_text(new), "new.yaml")):
        data = change.to_json()
        data.pop("loc", None)
        data.pop("label", None)
        out.append(data)
    return out


def test_same_plan_has_no_changes() -> None:
    assert changes(BASE, BASE) == []


@pytest.mark.parametrize(
    ("new", "new_date", "days", "sentence"),
    [
        ("Quý III/2024", "2024-09-30", 92, "Quý II/2024 → Quý III/2024: lùi 92 ngày (30/06/2024 → 30/09/2024)"),
        ("Tháng 05/2024", "2024-05-31", -30, "Quý II/2024 → Tháng 05/2024: sớm hơn 30 ngày (30/06/2024 → 31/05/2024)"),
        (
            "Trước ngày 30/06/2024",
            "2024-06-30",
            0,
            "Quý II/2024 → Trước ngày 30/06/2024: không đổi ngày (30/06/2024 → 30/06/2024)",
        ),
        ("Thường xuyên", None, None, "Quý II/2024 → Thường xuyên (30/06/2024 → ?)"),
    ],
)
def test_deadline_shift(new: str, new_date: str | None, days: int | None, sentence: str) -> None:
    old_plan = parse_plan(plan_text(BASE), "o.yaml")
    new_plan = parse_plan(plan_text(BASE.replace("due: Quý II/2024", f"due: {new}")), "n.yaml")
    (change,) = diff_plans(old_plan, new_plan)
    data = change.to_json()
    data.pop("loc")
    data.pop("label")
    # The children inherit the new time: one change on t1, the children it reaches listed once.
    assert data == {
        "kind": "time",
        "target": "t1",
        "field": "due",
        "old": "Quý II/2024",
        "new": new,
        "old_date": "2024-06-30",
        "new_date": new_date,
        "affects": ["a1", "a2"],
        **({"shift_days": days} if days is not None else {}),
    }
    assert describe(change, PLAIN) == sentence + " (áp dụng cho cả 2 mục: a1, a2)"


def test_time_change_reads_both_dates() -> None:
    (change,) = diff_plans(
        parse_plan(plan_text(BASE), "o.yaml"),
        parse_plan(plan_text(BASE.replace("due: Tháng 12/2024", "due: Quý I/2025")), "n.yaml"),
    )
    assert (change.old_date, change.new_date, change.shift_days) == (date(2024, 12, 31), date(2025, 3, 31), 90)
    assert describe(change, PLAIN) == "Tháng 12/2024 → Quý I/2025: lùi 90 ngày (31/12/2024 → 31/03/2025)"


def test_lead_change_on_parent_reported_once_with_the_items_it_reaches() -> None:
    # a2 sets its own lead, so only a1 inherits the new one.
    new = BASE.replace(
        "        lead: [Sở Tư pháp]\n        due: Quý II", "        lead: [Sở Nội vụ]\n        due: Quý II"
    )
    assert changes(BASE, new) == [
        {
            "kind": "agencies",
            "target": "t1",
            "field": "lead",
            "old": "Sở Tư pháp",
            "new": "Sở Nội vụ",
            "added": ["Sở Nội vụ"],
            "removed": ["Sở Tư pháp"],
            "affects": ["a1"],
        }
    ]


def test_child_overriding_the_parent_is_its_own_change() -> None:
    new = BASE.replace(
        "            text: Xây dựng dự thảo\n", "            text: Xây dựng dự thảo\n            lead: [Sở Nội vụ]\n"
    )
    assert changes(BASE, new) == [
        {
            "kind": "agencies",
            "target": "a1",
            "field": "lead",
            "old": "Sở Tư pháp",
            "new": "Sở Nội vụ",
            "added": ["Sở Nội vụ"],
            "removed": ["Sở Tư pháp"],
        }
    ]


def test_support_agency_added_keeps_the_others() -> None:
    two = BASE.replace('support: ["Các sở, ban, ngành"]', 'support: ["Các sở, ban, ngành", Sở Tài chính]')
    (change,) = changes(BASE, two)
    assert (change["added"], change.get("removed")) == (["Sở Tài chính"], None)
    # The same agencies in another order: reported, with nothing added or removed.
    swapped = two.replace('["Các sở, ban, ngành", Sở Tài chính]', '[Sở Tài chính, "Các sở, ban, ngành"]')
    (change,) = diff_plans(parse_plan(plan_text(two), "o.yaml"), parse_plan(plan_text(swapped), "n.yaml"))
    assert (change.kind, change.added, change.removed) == ("agencies", (), ())
    assert describe(change, PLAIN) == "đổi thứ tự: Các sở, ban, ngành; Sở Tài chính → Sở Tài chính; Các sở, ban, ngành"


def test_text_edit_word_segments() -> None:
    new = BASE.replace("text: Rà soát văn bản", "text: Rà soát, hệ thống hoá văn bản")
    assert changes(BASE, new) == [
        {
            "kind": "text",
            "target": "t2",
            "field": "text",
            "old": "Rà soát văn bản",
            "new": "Rà soát, hệ thống hoá văn bản",
            "words": [["=", "Rà"], ["-", "soát"], ["+", "soát, hệ thống hoá"], ["=", "văn bản"]],
        }
    ]


def test_word_diff_merges_runs() -> None:
    assert word_diff("a b c d", "a x y d") == (("=", "a"), ("-", "b c"), ("+", "x y"), ("=", "d"))
    assert word_diff("", "a") == (("+", "a"),)


def test_added_removed_moved_renumbered_in_document_order() -> None:
    new = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: t1
        number: "1"
        text: Ban hành Kế hoạch kiểm tra văn bản QPPL
        lead: [Sở Tư pháp]
        due: Quý II/2024
        items:
          - id: a1
            text: Xây dựng dự thảo
          - id: a2
            text: Trình ban hành
            lead: [Văn phòng UBND tỉnh]
      - id: t4
        number: "2"
        text: Tập huấn
        lead: [Sở Tư pháp]
        due: Quý III/2024
        items:
          - id: t4a
            text: Tập huấn cấp tỉnh
  - number: II
    title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH
    items:
      - id: t3
        number: "4"
        text: Niêm yết TTHC
        lead: ["Các sở, ban, ngành"]
        due: Thường xuyên
      - id: a2b
        text: Công khai kết quả
"""
    result = changes(BASE, new)
    assert [(c["kind"], c["target"]) for c in result] == [
        ("removed", "t2"),
        ("added", "t4"),
        ("renumbered", "t3"),
        ("added", "a2b"),
    ]
    assert result[1] == {
        "kind": "added",
        "target": "t4",
        "field": "I",
        "new": "Tập huấn",
        "detail": "chủ trì: Sở Tư pháp; hạn: Quý III/2024",
        "affects": ["t4a"],
    }
    assert result[0] == {
        "kind": "removed",
        "target": "t2",
        "field": "I",
        "old": "Rà soát văn bản",
        "detail": "chủ trì: Sở Tư pháp; phối hợp: Các sở, ban, ngành; hạn: Tháng 12/2024",
    }
    assert result[2] == {"kind": "renumbered", "target": "t3", "field": "number", "old": "3", "new": "4"}


def test_item_moved_to_another_section_takes_the_new_inherited_values() -> None:
    new = BASE.replace(
        "          - id: a2\n            text: Trình ban hành\n            lead: [Văn phòng UBND tỉnh]\n", ""
    ).replace(
        "        due: Thường xuyên\n",
        "        due: Thường xuyên\n        items:\n          - id: a2\n            text: Trình ban hành\n",
    )
    assert changes(BASE, new) == [
        {"kind": "moved", "target": "a2", "old": "I › t1", "new": "II › t3"},
        {
            "kind": "agencies",
            "target": "a2",
            "field": "lead",
            "old": "Văn phòng UBND tỉnh",
            "new": "Các sở, ban, ngành",
            "added": ["Các sở, ban, ngành"],
            "removed": ["Văn phòng UBND tỉnh"],
        },
        {
            "kind": "time",
            "target": "a2",
            "field": "due",
            "old": "Quý II/2024",
            "new": "Thường xuyên",
            "old_date": "2024-06-30",
            "new_date": None,
        },
    ]


def test_sections_meta_annex_and_progress() -> None:
    old = BASE + "      - id: t5\n        text: Báo cáo\n        progress: {status: in_progress}\n"
    new = (
        old.replace(
            "title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ KIỂM SOÁT TTHC"
        ).replace("status: in_progress}", "status: done, done_date: 2024-05-02}")
        + "  - number: III\n    title: CẢI CÁCH TỔ CHỨC BỘ MÁY\n"
    )
    a = parse_plan(plan_text(old), "o.yaml")
    b_text = plan_text(new).replace("number: 268/KH-UBND", "number: 270/KH-UBND")
    b_text = b_text.replace("{key: due, label: THỜI GIAN HOÀN THÀNH}", "{key: due, label: THỜI HẠN}")
    b = parse_plan(b_text, "n.yaml")
    got = [(c.kind, c.target, c.field, c.old, c.new) for c in diff_plans(a, b)]
    assert got == [
        ("meta", "plan", "plan.number", "268/KH-UBND", "270/KH-UBND"),
        ("annex", "annex", "annex.columns.due", "THỜI GIAN HOÀN THÀNH", "THỜI HẠN"),
        (
            "section_renamed",
            "II",
            "title",
            "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ KIỂM SOÁT TTHC",
        ),
        ("progress", "t5", "progress.status", "in_progress", "done"),
        ("progress", "t5", "progress.done_date", None, "2024-05-02"),
        ("section_added", "III", None, None, "CẢI CÁCH TỔ CHỨC BỘ MÁY"),
    ]


def test_removed_section_sits_at_its_old_place() -> None:
    old = BASE.replace("  - number: II\n", "  - number: IB\n    title: MỤC PHỤ\n  - number: II\n")
    result = changes(old, BASE)
    assert [(c["kind"], c["target"]) for c in result] == [("section_removed", "IB")]


def test_file_added_or_removed_lists_every_root_item() -> None:
    new = parse_plan(plan_text(BASE), "n.yaml")
    added = diff_plans(None, new)
    assert [(c.kind, c.target, c.affects) for c in added] == [
        ("section_added", "I", ()),
        ("added", "t1", ("a1", "a2")),
        ("added", "t2", ()),
        ("section_added", "II", ()),
        ("added", "t3", ()),
    ]
    assert [c.kind for c in diff_plans(new, None)] == [
        "section_removed",
        "removed",
        "removed",
        "section_removed",
        "removed",
    ]


def test_locations_point_at_the_new_value() -> None:
    new_text = plan_text(BASE.replace("due: Tháng 12/2024", "due: Quý I/2025"))
    (change,) = diff_plans(parse_plan(plan_text(BASE), "o.yaml"), parse_plan(new_text, "n.yaml"))
    assert change.loc is not None and change.loc.file == "n.yaml"
    assert new_text.splitlines()[change.loc.line - 1].strip() == "due: Quý I/2025"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<script>", "&lt;script&gt;"),
        ("dòng 1\ndòng 2", "dòng 1<br>dòng 2"),
        ("**đậm** _x_", "\\*\\*đậm\\*\\* \\_x\\_"),
    ],
)
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_markdown_marks_words() -> None:
    change = Change("text", "t2", "text", "a b", "a c", words=(("=", "a"), ("-", "b"), ("+", "c")))
    assert describe(change, MARKDOWN) == "a ~~b~~ **c**"
    assert describe(change, PLAIN) == "a [-b-] {+c+}"


def test_cli_two_files(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    old = write_plan(BASE, "old.yaml")
    new = write_plan(BASE.replace("due: Quý II/2024", "due: Quý III/2024"), "new.yaml")
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["changed"] is True
    assert [c["shift_days"] for c in doc["files"][0]["changes"]] == [92]
    assert runner.invoke(app, ["diff", str(old), str(new), "--exit-code"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(old), str(old), "--exit-code"]).exit_code == 0
    text = runner.invoke(app, ["diff", str(old), str(new)])
    assert "Quý II/2024 → Quý III/2024: lùi 92 ngày (30/06/2024 → 30/09/2024)" in text.output


def test_cli_usage_and_bad_files(runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path) -> None:
    old = write_plan(BASE, "old.yaml")
    one = runner.invoke(app, ["diff", str(old)])
    assert one.exit_code == 2 and "cần hai tệp" in one.output
    bad = write_plan("sections: [", "bad.yaml")
    result = runner.invoke(app, ["diff", str(old), str(bad)])
    assert result.exit_code == 2 and "L002" in result.output and "Traceback" not in result.output
    missing = runner.invoke(app, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert missing.exit_code == 2 and "không tìm thấy" in missing.output
    # A file missing on one side: everything added.
    added = runner.invoke(app, ["diff", str(tmp_path / "none.yaml"), str(old), "--format", "json"])
    assert added.exit_code == 0
    assert json.loads(added.output)["files"][0]["status"] == "added"


def test_markdown_names_an_item_once_for_its_changes() -> None:
    from cchc.review.compare import FileDiff
    from cchc.review.view import markdown

    new = BASE.replace("due: Tháng 12/2024", "due: Quý I/2025").replace(
        "text: Rà soát văn bản", "text: Rà soát | xử lý"
    )
    diff = diff_plans(parse_plan(plan_text(BASE), "o.yaml"), parse_plan(plan_text(new), "n.yaml"))
    text = markdown([FileDiff("p.yaml", "o.yaml", "n.yaml", tuple(diff), "Tuyên Quang 2024")])
    assert text.splitlines()[-2:] == [
        "| `t2` \\[2\\] Rà soát \\| xử lý | Nội dung | Rà soát ~~văn bản~~ **\\| xử lý** |",
        "|  | Thời gian hoàn thành | Tháng 12/2024 → Quý I/2025: lùi 90 ngày (31/12/2024 → 31/03/2025) |",
    ]


@pytest.mark.parametrize(
    ("color", "expected"),
    [
        (None, "Nội dung: Rà [-soát-] {+soát, hệ thống hoá+} văn bản"),
        ("truecolor", "\x1b[9;31msoát\x1b[0m"),
    ],
)
def test_terminal_marks_words_with_or_without_colour(color: str | None, expected: str) -> None:
    import io

    from rich.console import Console

    from cchc.output.diff import print_rich
    from cchc.review.compare import FileDiff

    new = BASE.replace("text: Rà soát văn bản", "text: Rà soát, hệ thống hoá văn bản")
    diff = diff_plans(parse_plan(plan_text(BASE), "o.yaml"), parse_plan(plan_text(new), "n.yaml"))
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=color, force_terminal=color is not None)  # type: ignore[arg-type]
    print_rich([FileDiff("p.yaml", "o.yaml", "n.yaml", tuple(diff), "TQ")], console)
    assert expected in out.getvalue()


def test_sections_with_a_duplicated_number_stay_apart() -> None:
    dup = BASE.replace("  - number: II\n", "  - number: I\n")
    renamed = dup.replace("title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "title: THỦ TỤC HÀNH CHÍNH")
    result = changes(dup, renamed)
    assert [(c["kind"], c["target"], c.get("new")) for c in result] == [
        ("section_renamed", "I#2", "THỦ TỤC HÀNH CHÍNH")
    ]


def test_whitespace_only_edit_says_so() -> None:
    (change,) = diff_plans(
        parse_plan(plan_text(BASE), "o.yaml"),
        parse_plan(plan_text(BASE.replace("text: Rà soát văn bản", 'text: "Rà soát\\nvăn bản"')), "n.yaml"),
    )
    assert describe(change, PLAIN) == "Rà soát\nvăn bản (chỉ đổi khoảng trắng, xuống dòng — whitespace only)"


def test_section_inserted_before_renumbers_without_moving_items() -> None:
    # A new section I: the old I and II become II and III, matched by their titles.
    old_plan = parse_plan(plan_text(BASE), "o.yaml")
    sections = "\n".join(
        [
            "sections:",
            "  - number: I",
            "    title: CHỈ ĐẠO ĐIỀU HÀNH",
            BASE.split("sections:\n", 1)[1]
            .replace("  - number: I\n", "  - number: II\n", 1)
            .replace("  - number: II\n    title: CẢI CÁCH THỦ", "  - number: III\n    title: CẢI CÁCH THỦ"),
        ]
    )
    new_plan = parse_plan(plan_text(sections), "n.yaml")
    got = [(c.kind, c.target, c.field, c.old, c.new) for c in diff_plans(old_plan, new_plan)]
    assert got == [
        ("section_added", "I", None, None, "CHỈ ĐẠO ĐIỀU HÀNH"),
        ("section_renamed", "II", "number", "I", "II"),
        ("section_renamed", "III", "number", "II", "III"),
    ]


def test_a_subtree_moved_together_is_one_move() -> None:
    t1 = BASE[BASE.index("      - id: t1\n") : BASE.index("      - id: t2\n")]
    moved = BASE.replace(t1, "").replace("        due: Thường xuyên\n", "        due: Thường xuyên\n" + t1)
    result = changes(BASE, moved)
    assert result[0] == {"kind": "moved", "target": "t1", "old": "I", "new": "II", "affects": ["a1", "a2"]}
    assert [(c["kind"], c["target"]) for c in result] == [("moved", "t1")]
    (change,) = diff_plans(parse_plan(plan_text(BASE), "o.yaml"), parse_plan(plan_text(moved), "n.yaml"))
    assert describe(change, PLAIN) == "I → II (cùng 2 mục con: a1, a2)"


def test_importer_notes_show_entries_added_and_dropped() -> None:
    old = BASE.replace("        text: Rà soát văn bản\n", "        text: Rà soát văn bản\n        repairs: [a, b]\n")
    new = old.replace("repairs: [a, b]", "repairs: [b, c]")
    (change,) = diff_plans(parse_plan(plan_text(old), "o.yaml"), parse_plan(plan_text(new), "n.yaml"))
    assert (change.kind, change.field, change.added, change.removed) == ("field", "repairs", ("c",), ("a",))
    assert describe(change, PLAIN) == "thêm c; bỏ a"
