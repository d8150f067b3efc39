"""Collective agency lists, suggestions of the same kind of body, agencies no registry lists, and
group words read relative to the plan's issuer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.agencies.match import match_entries
from cchc.agencies.mentions import expand_entries, read_cell, read_cells
from cchc.agencies.normalize import head_noun
from cchc.agencies.registry import load_registry, plan_registry
from cchc.cli import app
from cchc.errors import CchcError
from cchc.plan.loader import load_plan, parse_plan

SVH = "Sở Văn hóa, Thể thao và Du lịch"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Các Sở: Tài chính; Công Thương; Văn hóa, Thể thao và Du lịch", ["Sở Tài chính", "Sở Công Thương", SVH]),
        ("các sở: Tư pháp, Nội vụ và Y tế", ["Sở Tư pháp", "Sở Nội vụ", "Sở Y tế"]),
        ("Các Sở: Tài chính, Văn hóa, Thể thao và Du lịch", ["Sở Tài chính", SVH]),
        ("Các cơ quan: Công an tỉnh, Thanh tra tỉnh", ["Công an tỉnh", "Thanh tra tỉnh"]),
        ("Các Sở:\n- Tài chính\n- Y tế", ["Sở Tài chính", "Sở Y tế"]),
        # A name the registry does not know is one agency, with the head noun unless it has its own.
        ("Các Sở: Tài chính, Ngoại vụ; Hội Nông dân tỉnh", ["Sở Tài chính", "??Sở Ngoại vụ", "??Hội Nông dân tỉnh"]),
        # A known agency after the list starts something else.
        ("Các sở: Tài chính; UBND cấp xã", ["Sở Tài chính", "UBND cấp xã"]),
        # Words before a colon that are not a collective's head are not a list.
        ("Sở Tư pháp: chủ trì thẩm định", ["Sở Tư pháp chủ trì thẩm định"]),
    ],
)
def test_collective_lists(cell: str, expected: list[str]) -> None:
    mentions = read_cell(cell, load_registry())
    assert [str(m) if m.resolved else "??" + m.text for m in mentions] == expected


def test_a_list_split_into_entries_keeps_its_head() -> None:
    entries = ("Các Sở: Tài chính", "Công Thương", "Văn hóa, Thể thao và Du lịch")
    assert [m.agency for m in read_cells(entries, load_registry())] == ["Sở Tài chính", "Sở Công Thương", SVH]
    assert expand_entries(list(entries), load_registry()) == ["Sở Tài chính", "Sở Công Thương", SVH]
    assert expand_entries(["Văn phòng UBND tỉnh", "Sở Tư pháp"], load_registry()) is None


def test_the_importer_writes_one_department_per_entry(tmp_path: Path) -> None:
    from cchc.importers import Options, import_plan

    src = tmp_path / "annex.txt"
    src.write_text(
        "TT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian\n"
        "I\tCẢI CÁCH THỂ CHẾ\t\t\t\n"
        "1\tRà soát\tSở Tư pháp\tCác Sở: Tài chính; Công Thương; Văn hóa, Thể thao và Du lịch\tQuý I/2025\n",
        encoding="utf-8",
    )
    (item,) = import_plan(src, Options(province="Lạng Sơn", period=(2025, 2025))).plan["sections"][0]["items"]
    assert item["support"] == ["Sở Tài chính", "Sở Công Thương", SVH]
    assert item["source"]["support"] == "Các Sở: Tài chính; Công Thương; Văn hóa, Thể thao và Du lịch"
    assert any("danh sách tập thể" in r for r in item["repairs"])


@pytest.mark.parametrize(
    ("text", "head"),
    [("Sở Tư pháp", "so"), ("Hội Nông dân tỉnh", "hoi"), ("Hội đồng thẩm định", "hoi dong"),
     ("VP UBND tỉnh", "van phong"), ("Ủy ban nhân dân xã", "ubnd"), ("Bộ phận Một cửa", "bo phan"),
     ("Bộ Nội vụ", "bo"), ("Tổng cục Thuế", None)],
)  # fmt: skip
def test_head_noun(text: str, head: str | None) -> None:
    assert head_noun(text) == head


def test_suggestions_only_of_the_same_kind_of_body() -> None:
    registry = load_registry()
    assert registry.suggest("Hội Nông dân tỉnh") == []
    assert registry.suggest("Sở Nông nghiep")[0] == "Sở Nông nghiệp và Môi trường"
    assert all(name.startswith(("Sở", "Các sở")) for name in registry.suggest("Sở Nông nghiep"))


PLAN = """\
format: cchc-plan/1
plan:
  province: Tuyên Quang
  {issuer}
  title: Kế hoạch CCHC năm 2025
  period: {{start: 2025, end: 2025}}
annex:
  title: PHỤ LỤC
  columns:
    - {{key: number, label: STT}}
    - {{key: task, label: Nhiệm vụ}}
    - {{key: lead, label: Chủ trì}}
    - {{key: support, label: Phối hợp}}
    - {{key: due, label: Thời gian}}
sections:
  - number: I
    title: CHỈ ĐẠO
    items:
      - {{id: a1, number: "1", text: Ban hành kế hoạch, lead: [UBND xã], support: [Hội Nông dân tỉnh], due: Quý I/2025}}
      - {{id: a2, number: "2", text: Tuyên truyền, lead: [Hội Nông dân tỉnh; Đoàn Thanh niên], due: Quý II/2025}}
      - {{id: a3, number: "3", text: Kiểm tra, lead: [Các UBND xã], support: [Văn phòng HĐND và UBND xã], due: Quý III/2025}}
      - {{id: a4, number: "4", text: Tổng kết, lead: [Sở Nội vụ], due: Quý IV/2025}}
"""  # noqa: E501


def _plan(tmp_path: Path, issuer: str = "") -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(issuer=issuer), encoding="utf-8")
    return path


def test_an_agency_no_registry_lists_is_found_by_its_own_words(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    result = CliRunner().invoke(app, ["tasks", str(path), "--agency", "Hoi Nong dan tinh", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["items"]
    assert [(r["id"], r["role"]) for r in rows] == [("a1", "support"), ("a2", "lead")]
    assert "Hội Nông dân tỉnh không có trong danh mục" in result.stderr
    # Nothing names it: still the unknown-agency error, with suggestions of the same kind only.
    with pytest.raises(CchcError) as err:
        list(match_entries([load_plan(path)], "Hoi Cuu chien binh tinh"))
    assert err.value.problems[0].code == "A001" and "Sở" not in (err.value.problems[0].hint or "")


def test_group_words_are_read_relative_to_the_issuer(tmp_path: Path) -> None:
    province = load_plan(_plan(tmp_path))
    commune = parse_plan(
        PLAN.format(issuer="issuer: UBND xã Minh Xuân\n  issuer_level: commune"), str(tmp_path / "commune.yaml")
    )
    read = {
        name: [m.agency for e in plan.leaves() for m in read_cells((*e.lead, *e.support), plan_registry(plan))]
        for name, plan in (("province", province), ("commune", commune))
    }
    # A province's plan: `Văn phòng HĐND và UBND xã` is an unknown office beside the group of communes.
    assert read["province"] == [
        "UBND cấp xã", None, None, None, "UBND cấp xã", None, "UBND cấp xã", "Sở Nội vụ"
    ]  # fmt: skip
    assert read["commune"] == [
        "UBND xã Minh Xuân", None, None, None, "UBND cấp xã", "Văn phòng HĐND và UBND xã Minh Xuân", "Sở Nội vụ"
    ]  # fmt: skip
    # `cchc tasks --agency "ubnd xa"` in the commune's plan: its own committee, named directly, and
    # through the group `Các UBND xã` it belongs to.
    found = [(m.entry.item.id, m.how) for m in match_entries([commune], "ubnd xa")]
    assert found == [("a1", "trực tiếp"), ("a3", 'qua nhóm "UBND cấp xã"')]


def test_department_and_ministry_plans_name_their_own_units(tmp_path: Path) -> None:
    text = PLAN.format(issuer="issuer: Sở Nội vụ\n  issuer_level: department").replace("[Sở Nội vụ]", "[các phòng]")
    plan = parse_plan(text, str(tmp_path / "so.yaml"))
    registry = plan_registry(plan)
    assert [m.agency for m in read_cell("các phòng", registry)] == ["Các phòng, đơn vị thuộc Sở Nội vụ"]
    assert [m.agency for m in read_cell("Phòng Cải cách hành chính", registry)] == [None]
    ministry = parse_plan(
        PLAN.format(issuer="issuer: Bộ Nội vụ\n  issuer_level: ministry").replace("  province: Tuyên Quang\n", ""),
        str(tmp_path / "bo.yaml"),
    )
    assert ministry.meta.province == "" and ministry.name == "Bộ Nội vụ 2025"
    assert [m.agency for m in read_cell("Các Vụ, Cục", plan_registry(ministry))] == ["Các đơn vị thuộc Bộ Nội vụ"]
