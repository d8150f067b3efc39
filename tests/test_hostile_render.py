"""Rendering hostile text and templates: text stays text in Excel, Markdown tables stay tables, templates stay boxed.

Complements tests/test_render.py with generated text (hypothesis) and template resource attacks.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import plan_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.loader import parse_plan
from cchc.render import render
from cchc.render.excel import excel_text

PROPS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY = st.sampled_from(
    ["=", "+", "-", "@", "\t=", "|", "<script>alert(1)</script>", "\n", "\r\n", "**", "`", "\\", "&lt;", "<br>"]
)
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=8)  # YAML refuses others
TEXTS = st.lists(NASTY | PRINTABLE, min_size=1, max_size=6).map("".join)


def hostile_plan(text: str, output: str, agency: str) -> str:
    # JSON strings are YAML double-quoted scalars: any text survives the trip.
    t, o, a = (json.dumps(x, ensure_ascii=False) for x in (text, output, agency))
    return plan_text(
        f"""\
        sections:
          - number: I
            title: {t}
            items:
              - id: t1
                number: {t}
                text: {t}
                lead: [{a}]
                due: {o}
              - id: t2
                text: {o}
                lead: [Sở Tư pháp]
                due: Quý II/2024
        """
    )


def meaningful(text: str) -> bool:
    return bool(excel_text(text).strip())


@PROPS
@given(TEXTS, TEXTS, TEXTS)
@example('=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1:A9)")
@example("-2+3", "=cmd|' /C calc'!A0", "\t=1")
def test_xlsx_cells_are_always_text(text: str, output: str, agency: str) -> None:
    import openpyxl

    plan = parse_plan(hostile_plan(text, output, agency), "hostile.yaml")
    workbook = openpyxl.load_workbook(io.BytesIO(render(plan, "xlsx")))
    sheet = workbook.worksheets[0]
    values = []
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                values.append(cell.value)
    for written in (text, output, agency):
        if meaningful(written):
            assert any(excel_text(written).strip() in str(v) for v in values), written


@PROPS
@given(TEXTS, TEXTS, TEXTS)
@example("a|b", "<script>alert(1)</script>", "x\n| y |")
def test_markdown_table_rows_keep_their_shape(text: str, output: str, agency: str) -> None:
    plan = parse_plan(hostile_plan(text, output, agency), "hostile.yaml")
    markdown = render(plan, "md").decode("utf-8")
    assert "<script" not in markdown.lower()
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    assert rows
    columns = {_cells(line) for line in rows}
    assert len(columns) == 1, rows  # no text adds or removes a column


def _cells(line: str) -> int:
    """Unescaped `|` separators in one table line."""
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


@pytest.mark.parametrize(
    "body",
    [
        "{{ ('a' * 10**10) | length }}",  # 10 GB string
        "{{ ([0] * 10**9) | length }}",
        "{{ 10 ** x }}",  # x = 10**9 from the loop below: an enormous integer
        "{% set x = 10**9 %}{{ 7 ** x }}",
        "{{ range(10**9) | list | length }}",  # jinja caps range() with OverflowError
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",  # unbounded recursion
        "{{ lipsum.__globals__ }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        "{{ '{0.__class__}'.format(1) }}",
        "{% include '/etc/passwd' %}",
    ],
)
def test_template_attacks_are_refused_quickly(runner: CliRunner, tmp_path: Path, body: str) -> None:
    import time

    example = Path(__file__).resolve().parent.parent / "docs" / "examples" / "2024.yaml"
    template = tmp_path / "t.md.j2"
    template.write_text(body.replace("10 ** x", "10 ** (10 ** 9)"), encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["render", str(example), "--to", "md", "-o", "-", "--template", str(template)])
    assert time.perf_counter() - start < 10
    assert result.exit_code == 2, result.output
    assert "R003" in result.output and "lỗi nội bộ" not in result.output and "Traceback" not in result.output


def test_ordinary_arithmetic_still_works(runner: CliRunner, tmp_path: Path, write_plan: Callable[..., Path]) -> None:
    template = tmp_path / "ok.md.j2"
    template.write_text("{{ '-' * 20 }} {{ 2 ** 10 }} {{ [1, 2] * 2 }}", encoding="utf-8")
    example = Path(__file__).resolve().parent.parent / "docs" / "examples" / "2024.yaml"
    result = runner.invoke(app, ["render", str(example), "--to", "md", "-o", "-", "--template", str(template)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "-" * 20 + " 1024 [1, 2, 1, 2]"
