"""The annex as Markdown: one jinja2 environment, configured here, over `templates/`.

The default template `annex.md.j2` is package data (`cchc/templates/`, loaded through
`importlib.resources` so an installed cchc has it); the repository's `templates/` folder is a
link to that folder, the copy users read and change. A template given with `--template` runs in
jinja2's `SandboxedEnvironment`: it can read the grid but not reach Python internals.

Markdown renderers pass HTML through, so every plan text goes through an explicit filter:
`cell` (table cells: HTML-escaped, `|` and Markdown emphasis escaped, line breaks as `<br>`)
or `inline` (headings and title lines: the same, line breaks as spaces). Autoescape is off for
Markdown templates because the target is Markdown, not HTML; the filters are the escaping.

The same environment serves the HTML templates of `cchc site` (`cchc/templates/site/*.html.j2`):
autoescape is on for every template whose name ends in `.html.j2`, so each value a page shows is
HTML-escaped unless the code marked it safe (`markupsafe.Markup`: the SVG charts, escaped where
they are built).
"""

from __future__ import annotations

import traceback
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.errors import CchcError, Loc
from cchc.escape import md_cell as cell
from cchc.escape import md_inline as inline
from cchc.plan.model import Plan
from cchc.record import record
from cchc.render.layout import Grid

if TYPE_CHECKING:
    from jinja2 import Environment

DEFAULT_TEMPLATE = "annex.md.j2"
#: Template names ending so are HTML: autoescaped.
HTML_TEMPLATES = ("html.j2",)
#: Longest string or list a user template may build with `*`.
MAX_TEMPLATE_ITEMS = 10_000_000


@record
class Block:
    """A section heading and the table rows directly under it (merged cells: text on their first row)."""

    level: int
    number: str
    title: str
    rows: tuple[tuple[str, ...], ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


def blocks(grid: Grid) -> list[Block]:
    """Split the grid at its section rows: GitHub tables cannot hold a row spanning the table."""
    out: list[Block] = []
    rows: list[tuple[str, ...]] = []
    head: tuple[int, str, str] | None = None
    for row in grid.rows:
        if row.kind == "section":
            if head is not None:
                out.append(Block(*head, tuple(rows)))
            texts = [c.text for c in row.cells if c is not None]
            number, title = (texts[0], texts[1]) if len(texts) > 1 else ("", texts[0])
            head, rows = (row.level, number, title), []
        else:
            rows.append(tuple(c.text if c is not None else "" for c in row.cells))
    if head is not None:
        out.append(Block(*head, tuple(rows)))
    return out


def _package_templates() -> Path:
    return Path(str(resources.files("cchc") / "templates"))


def environment(*, sandboxed: bool = False, extra_dir: Path | None = None) -> Environment:
    """The one jinja2 environment: templates from `extra_dir` then the package's, StrictUndefined, our filters."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """The sandbox, plus a cap on `*` and `**`: `{{ 'a' * 10**10 }}` would take 10 GB."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            sizes = [len(x) for x in (left, right) if isinstance(x, str | bytes | list | tuple)]
            counts = [x for x in (left, right) if isinstance(x, int)]
            if operator == "*" and sizes and counts and sizes[0] * max(counts[0], 0) > MAX_TEMPLATE_ITEMS:
                raise SecurityError(f"kết quả quá lớn (result too large): > {MAX_TEMPLATE_ITEMS:,}")
            if operator == "**" and isinstance(right, int) and abs(right) > 10_000:
                raise SecurityError("số mũ quá lớn (exponent too large)")
            return super().call_binop(context, operator, left, right)

    dirs = [str(extra_dir)] if extra_dir else []
    cls = BoundedSandbox if sandboxed else Environment
    env = cls(
        loader=FileSystemLoader([*dirs, str(_package_templates())]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=HTML_TEMPLATES, default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = cell
    env.filters["inline"] = inline
    return env


def context(grid: Grid, plan: Plan) -> dict[str, object]:
    """What a template sees (documented in docs/render.md)."""
    return {
        "plan": plan,
        "title": grid.title,
        "subtitle": grid.subtitle,
        "extract": grid.extract,
        "labels": grid.labels,
        "keys": grid.keys,
        "column_numbers": grid.column_numbers,
        "blocks": blocks(grid),
    }


def render_markdown(grid: Grid, plan: Plan, *, template: str | Path | None = None) -> str:
    """The annex as Markdown through the default template, or a user's template in the sandbox."""
    from jinja2 import TemplateError

    if template is None:
        return environment().get_template(DEFAULT_TEMPLATE).render(context(grid, plan))
    path = Path(template)
    if not path.is_file():
        raise CchcError.single("R002", "không tìm thấy mẫu (template not found)", Loc(str(path)))
    env = environment(sandboxed=True, extra_dir=path.resolve().parent)
    try:
        return env.get_template(path.name).render(context(grid, plan))
    except (TemplateError, OverflowError, MemoryError, RecursionError) as exc:
        # OverflowError: the sandbox's range() cap; MemoryError/RecursionError: a template that never ends.
        line = getattr(exc, "lineno", None) or _template_line(exc, path)
        message = getattr(exc, "message", None) or exc
        raise CchcError.single(
            "R003",
            f"mẫu không dùng được (template error): {type(exc).__name__}: {message}",
            Loc(str(path), line or 0, 1 if line else 0),
            hint="mẫu chạy trong sandbox của jinja2: chỉ đọc được dữ liệu, không truy cập được Python",
        ) from None


def _template_line(exc: BaseException, path: Path) -> int | None:
    """The template line a runtime error happened on (jinja2 puts template frames in the traceback)."""
    name = str(path.resolve())
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == name]
    return lines[-1] if lines else None
