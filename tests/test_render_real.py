"""`cchc render` on the three real plans: the workbook a clerk opens, golden Markdown, and the round trip.

Golden files live in tests/golden/. After an intended change to the output (or to a real plan),
regenerate them with `CCHC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_real.py` and
review the diff before committing.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cchc.plan.loader import load_plan
from cchc.plan.model import Item, Plan
from cchc.render import render
from cchc.render.layout import layout

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
REAL = ["tuyen-quang/2024", "tuyen-quang/2025-2030", "ha-tinh/2024"]
#: Agency extracts kept as golden files: (plan, agency).
EXTRACTS = [("ha-tinh/2024", "Sở Nội vụ")]


def real_plan(name: str) -> Plan:
    return load_plan(ROOT / "plans" / f"{name}.yaml")


@pytest.mark.parametrize("name", REAL)
def test_real_workbook(name: str) -> None:
    plan = real_plan(name)
    grid = layout(plan)
    data = render(plan, "xlsx")
    assert data == render(plan, "xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    ncols = len(plan.annex.columns)
    assert ws.cell(1, 1).value == "PHỤ LỤC" and ws.cell(2, 1).value == plan.annex.title.upper()
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == plan.annex.columns[0].label)
    assert [ws.cell(header, c).value for c in range(1, ncols + 1)] == [c.label for c in plan.annex.columns]
    body = header + (2 if plan.annex.column_numbers else 1)
    assert ws.print_title_rows == f"${header}:${body - 1}" and ws.freeze_panes == f"A{body}"
    assert ws.page_setup.orientation == "landscape" and (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    # Every drawn cell is where the grid puts it, with its merge; covered cells are empty.
    merged = {str(r) for r in ws.merged_cells.ranges}
    for offset, row in enumerate(grid.rows):
        for col, cell in enumerate(row.cells, start=1):
            if cell is None:
                continue
            r = body + offset
            assert (ws.cell(r, col).value or "") == cell.text, (r, col)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = ws.cell(r + cell.rowspan - 1, col + cell.colspan - 1).coordinate
                assert f"{ws.cell(r, col).coordinate}:{end}" in merged
    last = body + len(grid.rows) - 1
    corner = ws.cell(last, ncols)
    assert corner.border.right.style == "thin" and corner.border.bottom.style == "thin"
    assert corner.font.name == "Times New Roman" and corner.alignment.wrap_text
    leaves = sum(1 for _ in plan.leaves())
    assert sum(1 for r in grid.rows if r.kind == "item") >= leaves


def test_objective_spans_its_tasks_in_tuyen_quang_2024() -> None:
    plan = real_plan("tuyen-quang/2024")
    first = plan.sections[0].items[0]
    assert first.items, "the first objective of seed 000 holds several tasks"
    grid = layout(plan)
    col = grid.keys.index("objective")
    cell = grid.rows[1].cells[col]
    assert cell is not None and cell.text == first.text and cell.rowspan == len(first.items)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with CCHC_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", REAL)
def test_real_markdown_golden(name: str) -> None:
    _golden(name.replace("/", "-") + ".md", render(real_plan(name), "md").decode())


@pytest.mark.parametrize(("name", "agency"), EXTRACTS)
def test_agency_extract_golden(name: str, agency: str) -> None:
    text = render(real_plan(name), "md", agency=agency).decode()
    assert "| Vai trò |" in text
    _golden(f"{name.replace('/', '-')}-extract.md", text)


# --- round trip: render to xlsx, import it back, same items (ids aside) -----------------------

COMPARED = ("number", "kind", "text", "output", "lead", "support", "start", "due", "funding", "note", "extra")


def _model_items(items: tuple[Item, ...], depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for item in items:
        values = {k: getattr(item, k) for k in COMPARED}
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v not in (None, {})}
        out.append((depth, values))
        out.extend(_model_items(item.items, depth + 1))
    return out


def _imported_items(items: list[dict[str, Any]], depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for item in items:
        out.append((depth, {k: v for k, v in item.items() if k in COMPARED}))
        out.extend(_imported_items(item.get("items", []), depth + 1))
    return out


def _sections(sections: Any, model: bool) -> list[Any]:
    out: list[Any] = []
    for sec in sections:
        number, title = (sec.number, sec.title) if model else (sec["number"], sec["title"])
        subs = sec.sections if model else sec.get("sections", [])
        items = sec.items if model else sec.get("items", [])
        out.append((number, title, _model_items(items) if model else _imported_items(items)))
        out.extend(_sections(subs, model))
    return out


@pytest.mark.parametrize("name", REAL)
def test_round_trip_through_import(name: str, tmp_path: Path) -> None:
    from cchc import importers

    plan = real_plan(name)
    path = tmp_path / "annex.xlsx"
    path.write_bytes(render(plan, "xlsx"))
    options = importers.Options(
        province=plan.meta.province, period=(plan.meta.period.start, plan.meta.period.end), title=plan.meta.title
    )
    imported = importers.import_plan(path, options)
    assert [c["label"] for c in imported.plan["annex"]["columns"]] == [c.label for c in plan.annex.columns]
    meta = imported.plan["plan"]
    assert (meta.get("number"), meta.get("date")) == (plan.meta.number, plan.meta.date)  # read from the title block
    assert _sections(imported.plan["sections"], model=False) == _sections(plan.sections, model=True)
