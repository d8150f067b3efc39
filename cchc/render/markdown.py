"""The annex as Markdown: one jinja2 environment, configured here, over `templates/`.

The default template `annex.md.j2` is package data (`cchc/templates/`, loaded through
`importlib.resources` so an installed cchc has it); the repository's `templates/` folder is a
link to that folder, the copy users read and change. A template given with `--template` is
untrusted: it runs in jinja2's `SandboxedEnvironment` (it can read the grid but not reach Python
internals), bounded here in time, output, memory and what one expression may build, and every way
it can fail is `R003` at the template's file and line, exit 2 (`_render_user`).

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

import functools
import re
import time
import traceback
from collections.abc import Generator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from cchc.errors import CchcError, Loc
from cchc.escape import md_cell as cell
from cchc.escape import md_inline as inline
from cchc.plan.model import Plan
from cchc.record import record
from cchc.render.layout import Grid
from cchc.text import thousands

if TYPE_CHECKING:
    from jinja2 import Environment

DEFAULT_TEMPLATE = "annex.md.j2"
#: Template names ending so are HTML: autoescaped.
HTML_TEMPLATES = ("html.j2",)

# Limits on a user's `--template` (docs/render.md); breaking any of them is R003, exit 2.
#: Wall-clock seconds a template may run.
TEMPLATE_SECONDS = 10.0
#: Characters a template may write (the default template writes ~0.3 M for the largest real plan).
MAX_TEMPLATE_OUTPUT = 10_000_000
#: How much the address space may grow while a template runs (Linux): a backstop for what the
#: checks below do not foresee (a string doubled in a loop with `~`).
TEMPLATE_MEMORY = 512 * 1024 * 1024
#: Longest string or list one `*` or `+` may build.
MAX_TEMPLATE_ITEMS = 10_000_000
#: Largest integer one `*` or `**` may build, in bits (~30 000 digits).
MAX_TEMPLATE_BITS = 100_000
#: Longest `range()`.
MAX_TEMPLATE_RANGE = 100_000
#: Widest format field (`%9s`, `{:>9}`) and largest count given to padding methods, `lipsum`,
#: and the filters `center`, `indent`, `batch`, `slice`, `wordwrap`.
MAX_TEMPLATE_WIDTH = 10_000
#: Largest template file (the default template is 1.5 kB).
MAX_TEMPLATE_BYTES = 1024 * 1024


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
    """The one jinja2 environment: templates from `extra_dir` then the package's, StrictUndefined, our filters.

    `sandboxed=True` is the environment of a user's `--template`: jinja2's sandbox, bounded (`_bounded_sandbox`).
    Templates named `*.html.j2` (the site's) are autoescaped.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    dirs = [str(extra_dir)] if extra_dir else []
    paths = [*dirs, str(_package_templates())]
    env = (_bounded_sandbox() if sandboxed else Environment)(
        loader=_bounded_loader(paths) if sandboxed else FileSystemLoader(paths),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=HTML_TEMPLATES, default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = cell
    env.filters["inline"] = inline
    if sandboxed:
        for name, function in list(env.filters.items()):
            env.filters[name] = _counted(name, function)
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
    """The annex as Markdown through the default template, or a user's template in the bounded sandbox."""
    if template is None:
        return environment().get_template(DEFAULT_TEMPLATE).render(context(grid, plan))
    path = Path(template)
    if not path.is_file():
        raise CchcError.single("R002", "không tìm thấy mẫu (template not found)", Loc(str(path)))
    return _render_user(path, context(grid, plan))


class OutputTooLarge(Exception):
    """A user template wrote more than `MAX_TEMPLATE_OUTPUT` characters."""


def _render_user(path: Path, values: dict[str, object]) -> str:
    """A user's template rendered under every limit; any failure is `R003` at the template's file and line."""
    from cchc.bounds import TimeLimitExceeded, memory_limit, time_limit

    env = environment(sandboxed=True, extra_dir=path.parent.resolve())
    out: list[str] = []
    size = 0
    try:
        with time_limit(TEMPLATE_SECONDS) as deadline, memory_limit(TEMPLATE_MEMORY):
            chunks = cast(Generator[str, None, None], env.get_template(path.name).generate(values))
            for chunk in chunks:
                size += len(chunk)
                # Thrown into the template, so the error carries the template line that wrote too much.
                if size > MAX_TEMPLATE_OUTPUT:
                    chunks.throw(OutputTooLarge())
                if time.monotonic() > deadline.at:  # where no alarm could be set (not the main thread)
                    chunks.throw(TimeLimitExceeded(deadline.seconds))
                out.append(chunk)
    except Exception as exc:  # noqa: BLE001 - whatever a user template does wrong is R003, never an internal error
        file, line = _where(exc, path, env)
        raise CchcError.single(
            "R003",
            f"mẫu không dùng được (template error): {_reason(exc)}",
            Loc(file, line, 1 if line else 0),
            hint=f"mẫu chạy trong sandbox của jinja2: chỉ đọc được dữ liệu, tối đa {TEMPLATE_SECONDS:g} giây và "
            f"{thousands(MAX_TEMPLATE_OUTPUT)} ký tự (docs/render.md)",
        ) from None
    return "".join(out)


def _reason(exc: Exception) -> str:
    """What went wrong, for a user: Vietnamese first, then jinja2's or Python's own words."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from cchc.bounds import TimeLimitExceeded

    if isinstance(exc, TimeLimitExceeded):
        return f"mẫu chạy quá {exc.seconds:g} giây (template ran longer than {exc.seconds:g} s)"
    if isinstance(exc, OutputTooLarge):
        return (
            f"mẫu viết ra quá {thousands(MAX_TEMPLATE_OUTPUT)} ký tự "
            f"(template output over {thousands(MAX_TEMPLATE_OUTPUT)} characters)"
        )
    if isinstance(exc, MemoryError):
        return "mẫu cần quá nhiều bộ nhớ (template needs too much memory)"
    if isinstance(exc, RecursionError):
        return "mẫu gọi lồng nhau quá sâu (template recursion too deep)"
    if isinstance(exc, ZeroDivisionError):
        return f"chia cho 0 (division by zero): {type(exc).__name__}: {exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"cú pháp mẫu sai (template syntax error): {type(exc).__name__}: {exc.message}"
    if isinstance(exc, TemplateNotFound):
        return f"không tìm thấy mẫu được gọi tới (template not found): {exc.name}"
    if isinstance(exc, SecurityError):
        return f"không được phép trong sandbox (not allowed in the sandbox): {type(exc).__name__}: {exc.message}"
    if isinstance(exc, UndefinedError):
        return f"tên không có trong dữ liệu (undefined name): {type(exc).__name__}: {exc.message}"
    return f"lỗi khi chạy mẫu (template failed): {type(exc).__name__}: {exc}"


def _where(exc: Exception, path: Path, env: Environment) -> tuple[str, int]:
    """The template file and line an error happened on: the syntax error's own, else the innermost
    template frame of the traceback (jinja2 rewrites template frames to template lines); the main
    template is named as the user gave it."""
    from jinja2 import TemplateSyntaxError

    loaded: set[str] = getattr(env.loader, "loaded", set())
    file: str | None = None
    line = 0
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        file, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in loaded]
        if frames:
            file, line = frames[-1].filename, frames[-1].lineno or 0
    main = str(path.parent.resolve() / path.name)
    if file is None or file == main:
        return str(path), line
    return file, line


@functools.cache
def _bounded_sandbox() -> type[Environment]:
    """jinja2's sandbox, plus bounds on what one expression may build (limits at the top of this module).

    `*`, `+`, `**` and `%` are checked before they run (`'a' * 10**10` would take 10 GB, `7 ** 10**9` hours);
    `range()` is capped; a format string may not ask for a field wider than `MAX_TEMPLATE_WIDTH`
    (`'%999999999d' % 1`, `'{:>999999999}'.format(1)`) nor for its width from an argument; padding methods
    and `lipsum` take counts up to `MAX_TEMPLATE_WIDTH`. Time, output and memory bound the rest.
    """
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.globals["range"] = _range

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            if getattr(obj, "__name__", None) in _COUNTED_CALLS:
                _check_counts(args, kwargs)
            return super().call(context, obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            wrapped = super().wrap_str_format(value)
            if wrapped is not None:
                _check_format(value.__self__)
            return wrapped

    return BoundedSandbox


#: Callables whose integer arguments are counts or widths of what they build.
_COUNTED_CALLS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs", "generate_lorem_ipsum"})
#: Filters whose integer (or, for `indent`, string) arguments are counts or widths.
_COUNTED_FILTERS = frozenset({"center", "indent", "batch", "slice", "wordwrap", "format"})


def _refuse(message: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(message)


def _check_counts(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_TEMPLATE_WIDTH:
            raise _refuse(f"số lượng hoặc độ rộng quá lớn (count or width too large): {thousands(value)}")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(n, int) and len(seq) * max(n, 0) > MAX_TEMPLATE_ITEMS:
                raise _refuse(f"kết quả quá lớn (result too large): > {thousands(MAX_TEMPLATE_ITEMS)}")
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > MAX_TEMPLATE_BITS
        ):
            raise _refuse(f"số quá lớn (number too large): > {thousands(MAX_TEMPLATE_BITS)} bit")
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized) and len(left) + len(right) > MAX_TEMPLATE_ITEMS:
            raise _refuse(f"kết quả quá lớn (result too large): > {thousands(MAX_TEMPLATE_ITEMS)}")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if left.bit_length() * right > MAX_TEMPLATE_BITS:
                raise _refuse(f"số quá lớn (number too large): > {thousands(MAX_TEMPLATE_BITS)} bit")
    elif operator == "%" and isinstance(left, str):
        _check_printf(left)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d*)(?:\.(\*|\d*))?")


def _check_printf(fmt: str) -> None:
    """`'%9999999s' % x` and `'%*s' % (n, x)`: a printf-style field as wide as asked."""
    for width, precision in _PRINTF.findall(fmt.replace("%%", "")):
        _check_width(width, precision)


def _check_format(fmt: str) -> None:
    """`'{:>9999999}'.format(x)` and `'{:{}}'.format(x, n)`: a format field as wide as asked."""
    import string

    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will say what is wrong with it
    for _literal, _name, spec, _conversion in fields:
        if spec:
            if "{" in spec:
                _check_width("*", "")
            for number in re.findall(r"\d+", spec):
                _check_width(number, "")


def _check_width(*numbers: str) -> None:
    for number in numbers:
        if number == "*":
            raise _refuse("độ rộng lấy từ tham số không được phép (width taken from an argument)")
        if number and int(number) > MAX_TEMPLATE_WIDTH:
            raise _refuse(f"độ rộng quá lớn (field too wide): {number} > {thousands(MAX_TEMPLATE_WIDTH)}")


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_TEMPLATE_RANGE:
        raise _refuse(f"range() quá dài (range too long): {thousands(len(numbers))} > {thousands(MAX_TEMPLATE_RANGE)}")
    return numbers


def _counted(name: str, function: Any) -> Any:
    """A filter whose count and width arguments are checked first (`"x" | center(10**9)`)."""
    if name not in _COUNTED_FILTERS:
        return function

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_counts(args[1:], kwargs)
        if name == "indent":
            for width in (*args[1:2], kwargs.get("width")):
                if isinstance(width, str) and len(width) > MAX_TEMPLATE_WIDTH:
                    raise _refuse(f"thụt lề quá rộng (indent too wide): > {thousands(MAX_TEMPLATE_WIDTH)}")
        if name == "format" and args and isinstance(args[0], str):
            _check_printf(args[0])
        return function(*args, **kwargs)

    return bounded


def _bounded_loader(paths: list[str]) -> Any:
    """Templates read through `cchc.files.read_bytes` (regular files of at most `MAX_TEMPLATE_BYTES`),
    UTF-8, never from outside their folder (a link to `/etc/passwd` beside the template is refused)."""
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.exceptions import SecurityError, TemplateError
    from jinja2.loaders import split_template_path

    from cchc.files import read_bytes

    class BoundedLoader(FileSystemLoader):
        def __init__(self, searchpath: list[str]) -> None:
            super().__init__(searchpath)
            self.loaded: set[str] = set()

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)
            for folder in self.searchpath:
                root = Path(folder).resolve()
                candidate = root.joinpath(*pieces)
                if not candidate.is_file():
                    continue
                if not candidate.resolve().is_relative_to(root):
                    raise SecurityError(
                        f"mẫu trỏ ra ngoài thư mục của nó (template links outside its folder): {template}"
                    )
                try:
                    text = read_bytes(candidate, MAX_TEMPLATE_BYTES).decode("utf-8")
                except CchcError as exc:
                    raise TemplateError(exc.problems[0].message) from None
                except UnicodeDecodeError:
                    raise TemplateError(f"mẫu không phải UTF-8 (template is not UTF-8): {template}") from None
                self.loaded.add(str(candidate))
                return text, str(candidate), lambda: True
            raise TemplateNotFound(template)

    return BoundedLoader(paths)
