"""The `cchc` command line: a thin typer app. Each command lives in `cchc/commands/<name>.py`.

Commands parse options, call one library function, hand the result to a presenter and return
an exit code: 0 ok, 1 problems found, 2 unusable input or usage. Startup matters, so this
module and the command modules import only typer at the top; heavy libraries (rich,
openpyxl, jinja2, ruamel.yaml) are imported inside the commands that need them.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Optional

import typer

from cchc import __version__

#: Command modules, in the order `cchc --help` lists them. Each has `register(app)`.
COMMANDS = (
    "due",
    "tasks",
    "agencies",
    "explain",
    "plans",
    "validate",
    "fmt",
    "render",
    "diff",
    "show",
    "import_",
    "schema",
)

#: Which module registers each command name. `cchc <name> …` imports and builds only that
#: module's commands: typer evaluates every parameter of every registered command on each run
#: (12-27 ms for all of them), and a run uses one. `tests/test_cli.py` keeps this in sync.
MODULE_OF = {
    "due": "due",
    "tasks": "tasks",
    "agencies": "agencies",
    "explain": "explain",
    "plans": "plans",
    "validate": "validate",
    "fmt": "fmt",
    "render": "render",
    "diff": "diff",
    "git-setup": "diff",
    "show": "show",
    "import": "import_",
    "schema": "schema",
}

HELP = (
    "cchc — công cụ cho kế hoạch cải cách hành chính (CCHC) của tỉnh: kiểm tra, theo dõi thời hạn, "
    "phân công cơ quan, xuất phụ lục.\n\n"
    "Exit codes: 0 ok, 1 problems found, 2 unusable input or usage."
)


def build(modules: tuple[str, ...] = COMMANDS) -> typer.Typer:
    """The typer app with the commands of `modules` (all of them by default, as `--help` lists)."""
    app = typer.Typer(
        name="cchc",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        # Plain click help: typer's rich help imports rich.markdown & co (+55 ms on every `--help`).
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name in modules:
        importlib.import_module(f"cchc.commands.{name}").register(app)
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit(0)


def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="In phiên bản (print the version)."),
    ] = None,
) -> None:
    """cchc — kế hoạch CCHC dưới dạng YAML."""


_full: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """`cchc.cli.app`: every command, built on first use (what tests and embedding code call)."""
    global _full
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _full is None:
        _full = build()
    return _full


def main() -> int:
    argv = sys.argv[1:]
    module = MODULE_OF.get(argv[0]) if argv else None
    try:
        build((module,))() if module else __getattr__("app")()
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0
