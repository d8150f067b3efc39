"""The command layer: one module per command (or two close ones), each command a module-level
function that parses options, calls the library and returns an exit code. `cchc.cli.COMMANDS`
registers them; `options` holds what several commands share. Keep top-level imports light."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

P = ParamSpec("P")
R = TypeVar("R")


def guarded(fn: Callable[P, int | None]) -> Callable[P, None]:
    """Run a command body: its int is the exit code; a `CchcError` prints its problems and exits 2.

    No Python traceback reaches a user (set CCHC_DEBUG=1 to see one).
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        from cchc.escape import SafeStream

        # Plan text never reaches a terminal raw, whichever presenter prints it (cchc.escape).
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
        try:
            _run(fn, *args, **kwargs)
        finally:
            sys.stdout, sys.stderr = saved

    return wrapper


def _run(fn: Callable[P, int | None], *args: P.args, **kwargs: P.kwargs) -> None:
    from cchc.errors import CchcError
    from cchc.speed import no_gc

    try:
        with no_gc():  # the command boundary (cchc.speed)
            code = fn(*args, **kwargs)
        registry = sys.modules.get("cchc.agencies.registry")
        if registry is not None:  # cell readings made by this command go to the cache, once
            registry.save_readings()
    except CchcError as exc:
        from cchc.output.problems import print_problems

        print_problems(exc.problems, sys.stderr)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # Output piped into `head` or a pager that quit: not an error of cchc.
        from cchc.escape import raw_stream

        raw_stream(sys.stderr).close()
        raise typer.Exit(0) from None
    except OSError as exc:
        if os.environ.get("CCHC_DEBUG"):
            raise
        # A full disk, a device error: the system's reason (in Vietnamese), not "internal error".
        from cchc.files import os_error_text

        where = f" {exc.filename}" if exc.filename else ""
        print(f"cchc: lỗi đọc/ghi (I/O error){where}: {os_error_text(exc)}", file=sys.stderr)
        raise typer.Exit(2) from None
    except Exception as exc:
        if os.environ.get("CCHC_DEBUG"):
            raise
        print(f"cchc: lỗi nội bộ (internal error): {type(exc).__name__}: {exc}", file=sys.stderr)
        print("Hãy báo lỗi kèm lệnh đã chạy; đặt biến môi trường CCHC_DEBUG=1 để xem chi tiết.", file=sys.stderr)
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)
