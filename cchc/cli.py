"""The `cchc` command line: a thin typer app. Each command lives in `cchc/commands/<name>.py`.

Commands parse options, call one library function, hand the result to a presenter and return
an exit code: 0 ok, 1 problems found, 2 unusable input or usage. Startup matters, so this
module and the command modules import only typer at the top; heavy libraries (rich,
openpyxl, jinja2, ruamel.yaml) are imported inside the commands that need them.
"""

from __future__ import annotations

import importlib
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

HELP = (
    "cchc — công cụ cho kế hoạch cải cách hành chính (CCHC) của tỉnh: kiểm tra, theo dõi thời hạn, "
    "phân công cơ quan, xuất phụ lục.\n\n"
    "Exit codes: 0 ok, 1 problems found, 2 unusable input or usage."
)

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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="In phiên bản (print the version)."),
    ] = None,
) -> None:
    """cchc — kế hoạch CCHC dưới dạng YAML."""


for _name in COMMANDS:
    importlib.import_module(f"cchc.commands.{_name}").register(app)


def main() -> int:
    try:
        app()
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0
