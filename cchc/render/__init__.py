"""Rendering the annex: `layout` builds one grid, `excel` and `markdown` draw it.

`render(plan, to, ...)` is the library entry point behind `cchc render`: it returns the bytes
of the rendered document (xlsx or UTF-8 Markdown).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cchc.plan.model import Plan

FORMATS = ("xlsx", "md")


def render(
    plan: Plan,
    to: str,
    *,
    agency: str | None = None,
    section: str | None = None,
    template: str | Path | None = None,
    progress: date | None = None,
) -> bytes:
    """The annex of `plan` as `to` ("xlsx" or "md"); an agency extract or one section when asked.

    `progress` (the day the extract is made): the agency's progress workbook instead, xlsx with
    an agency only (`cchc.render.progress_sheet`).
    """
    if progress is not None:
        from cchc.render.progress_sheet import extract_bytes

        if to != "xlsx" or agency is None:
            raise ValueError("a progress workbook is an agency's xlsx extract")
        return extract_bytes(plan, agency, today=progress, section=section)
    from cchc.render.layout import layout

    grid = layout(plan, agency=agency, section=section)
    if to == "xlsx":
        from cchc.render.excel import workbook_bytes

        return workbook_bytes(grid)
    from cchc.render.markdown import render_markdown

    return render_markdown(grid, plan, template=template).encode("utf-8")
