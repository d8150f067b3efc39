"""No data lost: every command that writes leaves the original file byte-identical when the write fails.

Failures are injected where a real disk fails: mid-write (half the bytes written, then EIO),
at fsync (ENOSPC, a full disk), at the final rename, and a Ctrl-C in the middle. Each time
the target keeps its old bytes, no temporary file is left beside it, and the command exits 2
with a message instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_import_formats import build_xlsx
from typer.testing import CliRunner

from cchc.cli import app
from cchc.errors import CchcError
from cchc.files import atomic_write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "2024.yaml"
ORIGINAL = b"# the user's file, which must survive\nformat: cchc-plan/1\n"


class _HalfWriter:
    """A file whose write stores half the bytes, then fails like a dying disk."""

    def __init__(self, handle: Any, error: BaseException) -> None:
        self._handle, self._error = handle, error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _fail_mid_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _HalfWriter(real(fd, *args, **kwargs), error)

    monkeypatch.setattr(os, "fdopen", fdopen)


def _raise(error: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


FAILURES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "eio-mid-write": lambda mp: _fail_mid_write(mp, OSError(errno.EIO, os.strerror(errno.EIO))),
    "enospc-mid-write": lambda mp: _fail_mid_write(mp, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
    "enospc-at-fsync": lambda mp: mp.setattr(os, "fsync", _raise(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))),
    "rename-refused": lambda mp: mp.setattr(os, "replace", _raise(OSError(errno.EACCES, os.strerror(errno.EACCES)))),
}


def _import_args(tmp_path: Path, target: Path) -> list[str]:
    source = build_xlsx(tmp_path / "annex.xlsx")
    return ["import", str(source), "-o", str(target), "--force", "--province", "Thái Nguyên", "--period", "2024"]


WRITERS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    # name: (target file name, arguments that overwrite it)
    "import": ("plan.yaml", _import_args),
    "render-xlsx": (
        "annex.xlsx",
        lambda tmp, target: ["render", str(EXAMPLE), "--to", "xlsx", "-o", str(target), "--force"],
    ),
    "render-md": ("annex.md", lambda tmp, target: ["render", str(EXAMPLE), "--to", "md", "-o", str(target), "--force"]),
    # The list exports (`--format xlsx`) write through the same atomic write.
    **{
        f"{command}-xlsx": (
            f"{command}.xlsx",
            lambda tmp, target, command=command: [
                command,
                str(EXAMPLE),
                "--today",
                "2024-06-01",
                "-f",
                "xlsx",
                "-o",
                str(target),
                "--force",
            ],
        )
        for command in ("due", "tasks", "agencies")
    },
}


def _commands() -> set[str]:
    import typer.main

    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _writers() -> dict[str, tuple[str, Callable[[Path, Path], list[str]]]]:
    found = dict(WRITERS)
    names = _commands()
    if "fmt" in names:
        found["fmt"] = ("plan.yaml", lambda tmp, target: ["fmt", str(_plan_copy(target))])
    if "validate" in names:
        found["validate-fix"] = ("plan.yaml", lambda tmp, target: ["validate", "--fix", str(_plan_copy(target))])
    return found


def _plan_copy(target: Path) -> Path:
    """For commands that rewrite a plan in place: the example plan, mis-spaced and with a tag to fix."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("  province: Ví Dụ", "  province:    Ví Dụ")
    text = text.replace("text: 3.1. Xây dựng dự thảo", "text: 3.1. Xây  dựng <b>dự thảo</b>")  # for validate --fix
    target.write_bytes(text.encode("utf-8"))
    return target


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("writer", sorted(_writers()))
def test_failed_write_keeps_the_original(
    writer: str, failure: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make_args = _writers()[writer]
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    target.write_bytes(ORIGINAL)
    args = make_args(tmp_path, target)
    before = target.read_bytes()
    FAILURES[failure](monkeypatch)
    result = runner.invoke(app, args)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [name]  # no temporary file left behind
    assert "Traceback" not in result.output


def test_the_writers_do_write_when_nothing_fails(tmp_path: Path, runner: CliRunner) -> None:
    for writer, (name, make_args) in sorted(_writers().items()):
        target = tmp_path / f"{writer}-{name}"
        target.write_bytes(ORIGINAL)
        result = runner.invoke(app, make_args(tmp_path, target))
        assert result.exit_code in (0, 1), (writer, result.output)
        assert target.read_bytes() != ORIGINAL, writer


def test_ctrl_c_mid_write_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    _fail_mid_write(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new" * 100_000)
    monkeypatch.undo()
    assert target.read_bytes() == ORIGINAL
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_killed_writer_leaves_the_original(tmp_path: Path) -> None:
    """A process killed (SIGKILL) in the middle of a big write: the target is old or new, never half."""
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    code = (
        "import os, sys\n"
        "from cchc import files as fsutil\n"
        "real = os.fsync\n"
        "def die(fd): os.kill(os.getpid(), 9)\n"
        "os.fsync = die\n"
        f"fsutil.atomic_write({str(target)!r}, b'x' * 5_000_000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    assert target.read_bytes() == ORIGINAL


def test_unwritable_folder_is_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "plan.yaml"
    target.write_bytes(ORIGINAL)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(CchcError) as info:
            atomic_write(target, b"new")
        assert info.value.problems[0].code == "W001"
        assert target.read_bytes() == ORIGINAL
    finally:
        folder.chmod(0o755)
