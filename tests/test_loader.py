"""The loader: a valid plan becomes a model; every kind of bad input is one located error (exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cchc.errors import CchcError
from cchc.plan.loader import load_plan

ONE_ITEM = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: t1
        number: 1
        text: Ban hành Kế hoạch
        lead: [Sở Tư pháp]
        due: Tháng 12/2024
"""


def problems(path: Path) -> list[tuple[str, int, int]]:
    with pytest.raises(CchcError) as info:
        load_plan(path)
    return [(p.code, p.loc.line, p.loc.col) for p in info.value.problems]


def test_valid_plan_loads_with_locations(write_plan: Callable[..., Path]) -> None:
    plan = load_plan(write_plan(ONE_ITEM))
    item = plan.sections[0].items[0]
    assert item.id == "t1"
    assert item.number == "1"  # YAML int read as the text written
    assert item.lead == ("Sở Tư pháp",)
    assert (item.loc.line, item.loc.col) == (19, 9)
    assert (item.where("due").line, item.where("due").col) == (23, 14)
    assert plan.meta.date is not None and plan.meta.date.isoformat() == "2023-12-23"


def test_yaml_11_surprises_do_not_apply(write_plan: Callable[..., Path]) -> None:
    text = ONE_ITEM.replace("number: 1", "number: 1.10").replace("text: Ban hành Kế hoạch", "text: yes")
    item = load_plan(write_plan(text)).sections[0].items[0]
    assert item.number == "1.10"
    assert item.text == "yes"


def test_duplicate_key(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM + "        due: Quý II/2024\n")
    assert problems(path) == [("L003", 24, 9)]


def test_wrong_type(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("lead: [Sở Tư pháp]", "lead: {name: Sở Tư pháp}"))
    assert problems(path) == [("L005", 22, 15)]


def test_wrong_type_scalar_for_list(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("lead: [Sở Tư pháp]", "lead: Sở Tư pháp"))
    assert problems(path) == [("L005", 22, 15)]


def test_python_object_tag_refused(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("text: Ban hành Kế hoạch", "text: !!python/object:os.system ls"))
    assert problems(path) == [("L004", 21, 15)]


def test_unknown_tag_refused(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("text: Ban hành Kế hoạch", "text: !custom x"))
    assert problems(path) == [("L004", 21, 15)]


def test_alias_refused(write_plan: Callable[..., Path]) -> None:
    text = ONE_ITEM.replace("lead: [Sở Tư pháp]", "lead: &a [Sở Tư pháp]\n        support: *a")
    assert [c for c, _, _ in problems(write_plan(text))] == ["L004"]


def test_unknown_field_with_suggestion(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("due:", "deu:"))
    with pytest.raises(CchcError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert (problem.code, problem.loc.line, problem.loc.col) == ("L006", 23, 9)
    assert problem.hint == "bạn có muốn: due?"


def test_missing_required_field(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("      - id: t1\n        number: 1\n", "      - number: 1\n"))
    assert problems(path) == [("L007", 19, 9)]


def test_empty_required_field(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("title: CẢI CÁCH THỂ CHẾ", "title:"))
    assert problems(path) == [("L007", 17, 11)]


def test_duplicate_id(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM + "      - id: t1\n        text: Báo cáo\n")
    assert problems(path) == [("L008", 24, 13)]


def test_bad_date_and_bad_enum(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM + "        due_date: 31/12/2024\n        progress: {status: finished}\n")
    assert problems(path) == [("L005", 24, 19), ("L009", 25, 28)]


def test_every_problem_reported_at_once(write_plan: Callable[..., Path]) -> None:
    text = ONE_ITEM.replace("due:", "deu:").replace("lead: [Sở Tư pháp]", "lead: {x: 1}")
    assert [c for c, _, _ in problems(write_plan(text))] == ["L005", "L006"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    # "Kế hoạch cải cách" in Windows-1258: base letters with combining tone marks (0xEC acute, 0xF2 dot, 0xD2 hook).
    path.write_bytes(b"format: cchc-plan/1\ntitle: K\xea\xec hoa\xf2ch ca\xd2i ca\xecch\n")
    with pytest.raises(CchcError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert (problem.code, problem.loc.line) == ("L001", 2)
    assert "Windows-1258" in problem.message


def test_utf16_named(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes("format: cchc-plan/1\n".encode("utf-16"))
    with pytest.raises(CchcError) as info:
        load_plan(path)
    assert "UTF-16" in info.value.problems[0].message


def test_not_yaml(write_plan: Callable[..., Path]) -> None:
    path = write_plan("format: [unclosed\n  x: 1\n", raw=True)
    assert [c for c, _, _ in problems(path)] == ["L002"]


def test_empty_file(write_plan: Callable[..., Path]) -> None:
    assert problems(write_plan("", raw=True)) == [("L007", 1, 1)]


def test_unsupported_format(write_plan: Callable[..., Path]) -> None:
    path = write_plan(ONE_ITEM.replace("", "", 1)).read_text(encoding="utf-8").replace("cchc-plan/1", "cchc-plan/9")
    target = write_plan(path, raw=True)
    assert problems(target) == [("L010", 1, 9)]


def test_period_end_before_start(write_plan: Callable[..., Path]) -> None:
    text = write_plan(ONE_ITEM).read_text(encoding="utf-8").replace("end: 2024", "end: 2023")
    assert [c for c, _, _ in problems(write_plan(text, raw=True))] == ["L009"]
