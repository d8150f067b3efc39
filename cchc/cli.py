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
    "Mã thoát (exit codes): 0 ổn, 1 có vấn đề, 2 đầu vào hoặc cách dùng không hợp lệ."
)


class _Vietnamese:
    """What `Command` and `Group` share: the usage line, the help option and usage errors in
    Vietnamese (`cchc.commands.vietnamese`). typer's click writes them in fixed English."""

    options_metavar: str | None

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from cchc.commands.vietnamese import USAGE_PREFIX

        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        from cchc.commands.vietnamese import HELP_OPTION

        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """typer's `main`, with usage errors shown in Vietnamese (standalone mode only)."""
        from typer import _click

        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except _click.exceptions.NoArgsIsHelpError as exc:
            _click.echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except _click.exceptions.ClickException as exc:
            _show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            from cchc.commands.vietnamese import gettext

            _click.echo(gettext("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _show_error(exc: Any) -> None:
    """A usage error as click shows it (usage line, help hint, the message), in Vietnamese."""
    from typer import _click

    from cchc.commands.vietnamese import ERROR_PREFIX, HINT, message

    ctx = getattr(exc, "ctx", None)
    head = ""
    if ctx is not None:
        head = ctx.get_usage() + "\n"
        if ctx.command.get_help_option(ctx) is not None:
            head += HINT.format(command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        head += "\n"
    _click.echo(f"{head}{ERROR_PREFIX}{message(exc.format_message())}", err=True)


class Command(_Vietnamese, TyperCommand):
    """A command whose usage line, help and usage errors speak Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cchc.commands.vietnamese import OPTIONS_METAVAR

        self.options_metavar = OPTIONS_METAVAR


class Group(_Vietnamese, TyperGroup):
    """The root group: as `Command`, and typer's completion options helped in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cchc.commands.vietnamese import COMMAND_METAVAR, OPTIONS_METAVAR

        self.options_metavar = OPTIONS_METAVAR
        self.subcommand_metavar = COMMAND_METAVAR

    def get_params(self, ctx: Any) -> list[Any]:
        from cchc.commands.vietnamese import translate_help

        params: list[Any] = super().get_params(ctx)
        for param in params:
            if getattr(param, "help", None):
                param.help = translate_help(param.help)
        return params


def build(names: tuple[str, ...] = NAMES, *, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """The typer app with the commands `names` (all of them by default, as `--help` lists)."""
    from cchc.commands import guarded
    from cchc.commands.vietnamese import install

    install()  # click's own messages (usage errors, help boilerplate) in Vietnamese
    app = typer.Typer(
        cls=cls or Group,
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
            app.command(name, cls=Command)(guarded(command))
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


class _LazyGroup(Group):
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
            Command(
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
        from cchc.files import os_error_text

        with contextlib.suppress(OSError):
            os.write(2, f"cchc: không ghi được kết quả (cannot write output): {os_error_text(exc)}\n".encode())
        code = 2
    os._exit(code)
