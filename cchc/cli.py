"""The `cchc` command line: a thin typer app over the commands of `cchc/commands/`, registered here.

Commands parse options, call one library function, hand the result to a presenter and return
an exit code: 0 ok, 1 problems found, 2 unusable input or usage. Startup matters, so this
module and the command modules import only typer at the top; heavy libraries (rich,
openpyxl, jinja2, ruamel.yaml) are imported inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer.models import CommandInfo

from cchc import __version__

#: Every command, registered here and nowhere else: its name, the module under `cchc.commands`
#: and the module-level function that is the command (importable and callable without typer),
#: in the order `cchc --help` lists them. `cchc <name> …` imports and builds only that command:
#: typer evaluates every parameter of every registered command on each run (12-27 ms for all of
#: them), and a run uses one.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("due", "due", "due_cmd"),
    ("calendar", "calendar", "calendar_cmd"),
    ("site", "site", "site_cmd"),
    ("tasks", "tasks", "tasks_cmd"),
    ("agencies", "agencies", "agencies_cmd"),
    ("explain", "explain", "explain_cmd"),
    ("plans", "plans", "plans_cmd"),
    ("validate", "validate", "validate_cmd"),
    ("fmt", "fmt", "fmt_cmd"),
    ("render", "render", "render_cmd"),
    ("diff", "diff", "diff_cmd"),
    ("git-setup", "diff", "git_setup_cmd"),
    ("show", "show", "show_cmd"),
    ("import", "import_", "import_cmd"),
    ("schema", "schema", "schema_cmd"),
    ("done", "done", "done_cmd"),
    ("progress", "done", "progress_cmd"),
    ("report", "report", "report_cmd"),
)
NAMES = tuple(name for name, _, _ in COMMANDS)

HELP = (
    "cchc — công cụ cho kế hoạch cải cách hành chính (CCHC) của tỉnh: kiểm tra, theo dõi thời hạn, "
    "phân công cơ quan, xuất phụ lục.\n\n"
    "Exit codes: 0 ok, 1 problems found, 2 unusable input or usage."
)


def build(names: tuple[str, ...] = NAMES, *, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """The typer app with the commands `names` (all of them by default, as `--help` lists)."""
    from cchc.commands import guarded

    app = typer.Typer(
        cls=cls,
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
    for name, module, function in COMMANDS:
        if name in names:
            command = getattr(importlib.import_module(f"cchc.commands.{module}"), function)
            app.command(name)(guarded(command))
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


class _LazyGroup(TyperGroup):
    """The root group of `main` when no command is named (`cchc --help`, `cchc`, completion).

    It holds a help-only placeholder per command and builds a command's parameters only when
    that command is looked up to run or complete; listing commands in the help reads the
    placeholders, so `cchc --help` does not evaluate 13 commands' parameters (~10 ms).
    """

    infos: dict[str, CommandInfo]
    _listing = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if not self._listing and cmd_name in self.infos:
            info = self.infos.pop(cmd_name)
            self.commands[cmd_name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=True, rich_markup_mode=None
            )
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


def _root_command() -> Any:
    """The click group of every command, each built only when it is looked up (see `_LazyGroup`)."""
    full = build(cls=_LazyGroup)
    infos = {info.name or "": info for info in full.registered_commands}
    full.registered_commands = []
    group = typer.main.get_command(full)
    assert isinstance(group, _LazyGroup)
    group.infos = infos
    for name, info in infos.items():
        doc = info.help if info.help is not None else inspect.getdoc(info.callback)
        group.add_command(
            TyperCommand(
                name=name,
                help=inspect.cleandoc(doc) if doc else doc,
                short_help=info.short_help,
                hidden=info.hidden,
                deprecated=info.deprecated,
                rich_markup_mode=None,
            )
        )
    return group


def main() -> int:
    argv = sys.argv[1:]
    name = argv[0] if argv and argv[0] in NAMES else None
    try:
        # prog_name: usage lines say `cchc` also under `python -m cchc` (argv[0] is __main__.py).
        command = build((name,)) if name else _root_command()
        command(prog_name="cchc")
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0


def run() -> None:
    """The `cchc` console script and `python -m cchc`: run `main`, flush, and end the process.

    The process ends with `os._exit` once the output is flushed: tearing the heap down object
    by object at interpreter exit (a loaded 500-item plan is ~100 000 objects) costs ~15 ms of a
    ~100 ms `cchc due`, and there is nothing left to clean up when a command has returned: every
    write is atomic and closed by then, and cchc registers no `atexit` work. `main` stays an
    ordinary function for tests and embedding code.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        # `cchc due | head`: the reader left; what it did not read is not an error of ours.
        pass
    except ValueError:
        pass  # a stream already closed (after a broken pipe): nothing left to flush
    except OSError as exc:  # a full disk under `cchc … > report.txt`: the output is lost, say so
        with contextlib.suppress(OSError):
            os.write(2, f"cchc: không ghi được kết quả (cannot write output): {exc.strerror}\n".encode())
        code = 2
    os._exit(code)
