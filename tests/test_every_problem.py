"""Every problem of a file in one run (issue 20): a loader problem no longer hides the checks.

Plants problems in a real plan and asserts each is reported, with its line and column, in one
`cchc validate` run, as text and as GitHub annotations; and that a check does not repeat what the
loader already said.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / "plans" / "tuyen-quang" / "2024.yaml").read_text(encoding="utf-8")
REGISTRY = (ROOT / "plans" / "tuyen-quang" / "agencies.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return text.count("\n", 0, starts[nth - 1]) + 1


def _plant(tmp_path: Path, edits: list[tuple[str, str]]) -> tuple[Path, str]:
    text = REAL
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path / "plans" / "tinh"
    folder.mkdir(parents=True)
    (folder / "agencies.yaml").write_text(REGISTRY, encoding="utf-8")
    path = folder / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _run(path: Path, fmt: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(path), "--format", fmt, "--today", "2024-06-01"])
    return result.exit_code, result.output


def _found(output: str, fmt: str) -> set[tuple[str, int, int]]:
    if fmt == "text":
        return {(c, int(line), int(col)) for line, col, c in re.findall(r":(\d+):(\d+): \w+\[(\w+)\]", output)}
    return {(c, int(line), int(col)) for line, col, c in re.findall(r"line=(\d+),col=(\d+),title=(\w+)::", output)}


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_duplicate_id_unknown_agency_and_unreadable_time_in_one_run(tmp_path: Path, fmt: str) -> None:
    path, text = _plant(
        tmp_path,
        [
            ("          - id: I-2\n", "          - id: I-1\n"),  # duplicate id
            ("              - Ban Quản lý các khu công nghiệp tỉnh\n", "              - Ban Không Có Thật\n"),
            ("            due: Tháng 12/2024\n", "            due: Quý XYZ sang năm\n"),
        ],
    )
    code, output = _run(path, fmt)
    found = _found(output, fmt)
    assert code == 1
    assert ("L008", _line_of(text, "- id: I-1", 2), 17) in found
    assert ("A101", _line_of(text, "- Ban Không Có Thật"), 17) in found
    assert ("T101", _line_of(text, "due: Quý XYZ sang năm"), 18) in found


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_unknown_field_wrong_type_and_unknown_agency_in_one_run(tmp_path: Path, fmt: str) -> None:
    path, text = _plant(
        tmp_path,
        [
            ("            output: Kế hoạch được ban hành và tổ chức thực hiện\n", "            outptu: Kế hoạch\n"),
            ("            output: Danh mục\n", "            output: [Danh, mục]\n"),  # a list where text is expected
            ("              - Ban Quản lý các khu công nghiệp tỉnh\n", "              - Ban Không Có Thật\n"),
        ],
    )
    code, output = _run(path, fmt)
    found = _found(output, fmt)
    assert code == 1
    assert ("L006", _line_of(text, "outptu:"), 13) in found
    assert ("L005", _line_of(text, "output: [Danh, mục]"), 21) in found
    assert ("A101", _line_of(text, "- Ban Không Có Thật"), 17) in found


def test_a_field_the_loader_refused_is_not_reported_again_by_a_check(tmp_path: Path) -> None:
    path, text = _plant(tmp_path, [("            due: Tháng 12/2024\n", "            due: [Tháng 12/2024]\n")])
    _, output = _run(path, "text")
    line = _line_of(text, "due: [Tháng 12/2024]")
    assert ("L005", line, 18) in _found(output, "text")
    item_line = _line_of(text, "- id: I-1")
    assert not [f for f in _found(output, "text") if f[0] == "N103" and f[1] == item_line]


def test_other_commands_still_refuse_a_plan_with_loader_problems(tmp_path: Path) -> None:
    path, _ = _plant(tmp_path, [("          - id: I-2\n", "          - id: I-1\n")])
    result = CliRunner().invoke(app, ["due", str(path), "--today", "2024-06-01"])
    assert result.exit_code == 2 and "L008" in result.output
