"""The agency registry: national base, province files, lookup, groups, successors, safety."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc.agencies.registry import load_registry, registry_for
from cchc.errors import CchcError

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ("tuyen-quang", "ha-tinh")


@pytest.mark.parametrize("province", [None, *PROVINCES])
def test_registries_are_consistent(province: str | None) -> None:
    files = (ROOT / "plans" / province / "agencies.yaml",) if province else ()
    registry = load_registry(files)
    assert registry.problems() == []
    assert len(registry) > 40


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("so tu phap", "Sở Tư pháp"),
        ("Sở TTTT", "Sở Thông tin và Truyền thông"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
        ("BCĐ CCHC", "Ban Chỉ đạo cải cách hành chính tỉnh"),
        ("tttt", "Sở Thông tin và Truyền thông"),  # a unique word match
    ],
)
def test_resolve(typed: str, name: str) -> None:
    assert load_registry().resolve(typed).name == name


def test_resolve_ambiguous_lists_candidates() -> None:
    with pytest.raises(CchcError) as err:
        load_registry().resolve("tư pháp")
    (problem,) = err.value.problems
    assert problem.code == "A002" and "Sở Tư pháp" in problem.message and "Bộ Tư pháp" in problem.message


def test_resolve_unknown_suggests() -> None:
    with pytest.raises(CchcError) as err:
        load_registry().resolve("So Tu phapp")
    (problem,) = err.value.problems
    assert problem.code == "A001" and (problem.hint or "").startswith("bạn có muốn: Sở Tư pháp")


def test_every_so_is_in_both_groups() -> None:
    registry = load_registry()
    for agency in registry:
        if agency.kind == "so":
            groups = {g.name for g in registry.groups_of(agency)}
            assert {"Các sở, ban, ngành", "Các cơ quan chuyên môn thuộc UBND tỉnh"} <= groups, agency.name


def test_mergers_of_2025() -> None:
    registry = load_registry()
    merged = {
        "Sở Kế hoạch và Đầu tư": ["Sở Tài chính"],
        "Sở Giao thông vận tải": ["Sở Xây dựng"],
        "Sở Thông tin và Truyền thông": ["Sở Khoa học và Công nghệ"],
        "Sở Tài nguyên và Môi trường": ["Sở Nông nghiệp và Môi trường"],
        "Sở Nông nghiệp và Phát triển nông thôn": ["Sở Nông nghiệp và Môi trường"],
        "Sở Lao động - Thương binh và Xã hội": ["Sở Nội vụ"],
    }
    for old, new in merged.items():
        agency = registry.get(old)
        assert agency.valid_to == date(2025, 2, 28)
        assert [a.name for a in registry.successors_of(agency)] == new
    district = registry.get("UBND cấp huyện")
    assert (district.valid_to, district.successors) == (date(2025, 6, 30), ())
    preds = {a.name for a in registry.predecessors(registry.get("Sở Nông nghiệp và Môi trường"))}
    assert preds == {"Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"}


def test_province_file_extends_and_adds(tmp_path: Path) -> None:
    (tmp_path / "agencies.yaml").write_text(
        "format: cchc-agencies/1\n"
        "province: Ví Dụ\n"
        "agencies:\n"
        "  - name: Sở Tư pháp\n"
        "    aliases: [Sở TP]\n"
        "  - name: Hội Luật gia tỉnh\n"
        "    kind: to-chuc\n",
        encoding="utf-8",
    )
    registry = registry_for(tmp_path / "2024.yaml")
    assert registry.resolve("so tp").name == "Sở Tư pháp"
    assert registry.get("Sở Tư pháp").kind == "so"  # extending keeps what the base said
    assert registry.resolve("hoi luat gia").kind == "to-chuc"
    assert registry_for(ROOT / "docs" / "examples" / "2024.yaml").lookup("Hội Luật gia tỉnh") is None


@pytest.mark.parametrize(
    ("body", "code", "line", "col"),
    [
        ("agencies:\n  - name: !!python/object:os.system x\n", "L004", 3, 11),
        ("agencies:\n  - name: A\n    name: B\n", "L003", 4, 5),
        ("agencies:\n  - name: A\n    kind: bộ\n", "L009", 4, 11),
        ("agencies:\n  - name: A\n    valid_to: 30/06/2025\n", "L005", 4, 15),
        ("agencies:\n  - nam: A\n", "L006", 3, 5),
    ],
)
def test_registry_yaml_is_read_safely(tmp_path: Path, body: str, code: str, line: int, col: int) -> None:
    path = tmp_path / "agencies.yaml"
    path.write_text("format: cchc-agencies/1\n" + body, encoding="utf-8")
    with pytest.raises(CchcError) as err:
        load_registry((path,))
    first = err.value.problems[0]
    assert (first.code, first.loc.line, first.loc.col) == (code, line, col)
