"""The command line: help, version, the plans listing, and located errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import NAMES, app

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in NAMES:
        assert name.rstrip("_") in result.output


def test_version(runner: CliRunner) -> None:
    from cchc import __version__

    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output.strip()) == (0, f"cchc {__version__}")


def test_python_dash_m() -> None:
    out = subprocess.run([sys.executable, "-m", "cchc", "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("cchc ")


def test_plans_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plans", str(ROOT / "docs" / "examples")])
    assert result.exit_code == 0
    assert "Ví Dụ" in result.output and "01/KH-UBND" in result.output and "20/12/2023" in result.output


def test_bad_plan_exits_2_with_location(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan("sections:\n  - number: I\n    title: X\n    items:\n      - id: a\n        id: b\n")
    result = runner.invoke(app, ["plans", str(path)])
    assert result.exit_code == 2
    assert f"{path}:20:9: error[L003]" in result.output
    assert "Traceback" not in result.output


def test_missing_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plans", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "không tìm thấy" in result.output


def test_every_command_is_a_module_level_function_registered_once() -> None:
    """Commands are importable functions; `cchc.cli.COMMANDS` is the one place that names them."""
    import importlib
    import inspect

    from cchc.cli import COMMANDS, build

    assert len({name for name, _, _ in COMMANDS}) == len(COMMANDS)
    for name, module, function in COMMANDS:
        fn = getattr(importlib.import_module(f"cchc.commands.{module}"), function)
        assert inspect.isfunction(fn) and fn.__module__ == f"cchc.commands.{module}", name
        assert [info.name for info in build((name,)).registered_commands] == [name]


def test_main_runs_the_invoked_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from cchc import cli

    monkeypatch.setattr(sys, "argv", ["cchc", "plans", str(ROOT / "docs" / "examples")])
    assert cli.main() == 0
    assert "01/KH-UBND" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["cchc", "import", "--help"])
    assert cli.main() == 0
    assert "Cách dùng: cchc import" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--help"], [], ["--version"], ["nope"], ["due", "--help"]])
def test_main_root_group_behaves_like_the_full_app(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cchc --help` lists commands from help-only placeholders: same text and exit code as `app`."""
    from cchc import cli

    def run(call: Callable[[], object]) -> tuple[object, str, str]:
        try:
            call()
            code: object = 0
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    monkeypatch.setattr(sys, "argv", ["cchc", *args])
    lazy = run(lambda: cli._root_command()(prog_name="cchc"))
    full = run(lambda: cli.app(prog_name="cchc"))
    assert lazy == full
    if args == ["--help"]:
        assert all(name in lazy[1] for name in cli.NAMES)


def _console(*args: str) -> subprocess.Popen[bytes]:
    """`python -m cchc …` as a user's shell runs it: `cchc.cli.run`, which ends with `os._exit`."""
    return subprocess.Popen(
        [sys.executable, "-m", "cchc", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_console_entry_flushes_everything_before_it_exits() -> None:
    # Output to a pipe is block-buffered: all of it must be out before `os._exit`.
    proc = _console("due", "--all", "--format", "json", "--today", "2024-06-01", "plans/")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert len(out) > 65536 and out.rstrip().endswith(b"}")
    import json

    assert json.loads(out)["today"] == "2024-06-01"


def test_console_entry_keeps_exit_codes_and_messages() -> None:
    proc = _console("validate", "no-such-plan.yaml")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert b"no-such-plan.yaml: error[L000]" in err


def test_console_entry_is_quiet_when_the_reader_leaves() -> None:
    # `cchc due --all --format json | head -c 10`: more than a pipe buffer, and the reader goes away.
    proc = _console("due", "--all", "--format", "json", "--today", "2024-06-01", "plans/")
    assert proc.stdout is not None and proc.stderr is not None
    assert len(proc.stdout.read(10)) == 10
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux /dev/full")
def test_output_to_a_full_disk_is_an_io_error_exit_2() -> None:
    # `cchc due … > report.json` on a full disk: the system's words, exit 2, no "internal error".
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "cchc", "due", "--all", "--format", "json", "--today", "2024-06-01", "plans/"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 2
    # The system's reason in Vietnamese, not its English ("No space left on device").
    assert "cchc: lỗi đọc/ghi (I/O error): hết chỗ trên ổ đĩa" in err and "No space left" not in err
    assert "internal error" not in err and "Traceback" not in err


def test_readme_exit_code_table_is_the_code_s() -> None:
    from cchc.cli import NAMES
    from cchc.commands.options import EXIT_ONE, exit_code_table

    assert set(EXIT_ONE) == set(NAMES)
    # every documented exit 1 is exercised: here, or for `progress import` in tests/test_progress_import.py
    assert {name for name, meaning in EXIT_ONE.items() if meaning} - set(EXIT_ONE_CASES) <= {"progress"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- exit-codes:begin -->\n", 1)[1].split("\n<!-- exit-codes:end -->", 1)[0]
    assert block == exit_code_table(NAMES), "regenerate with cchc.commands.options.exit_code_table(cchc.cli.NAMES)"


EXIT_ONE_CASES = {
    "validate": (["validate", "BAD"], "bad"),
    "fmt": (["fmt", "--check", "MESSY"], "messy"),
    "agencies": (["agencies", "UNKNOWN"], "unknown"),
    "due": (["due", "GOOD", "--fail-on-overdue", "--today", "2030-01-01"], "good"),
    "diff": (["diff", "GOOD", "UNKNOWN", "--exit-code"], "unknown"),
}


@pytest.mark.parametrize("command", sorted(EXIT_ONE_CASES))
def test_every_documented_exit_1_happens(command: str, tmp_path: Path, runner: CliRunner) -> None:
    from cchc.commands.options import EXIT_ONE

    assert EXIT_ONE[command]
    good = ROOT / "plans" / "tuyen-quang" / "2024.yaml"
    text = good.read_text(encoding="utf-8")
    files = {
        "GOOD": good,
        "BAD": tmp_path / "bad.yaml",
        "MESSY": tmp_path / "messy.yaml",
        "UNKNOWN": tmp_path / "unknown.yaml",
    }
    files["BAD"].write_text(text.replace("due: Tháng 12/2024", "due: [x]", 1), encoding="utf-8")
    files["MESSY"].write_text(text.replace("\n  province: ", "\n  province:    "), encoding="utf-8")
    files["UNKNOWN"].write_text(text.replace("- Sở Tư pháp\n", "- Ban Không Có Thật\n", 1), encoding="utf-8")
    args, _ = EXIT_ONE_CASES[command]
    result = runner.invoke(app, [str(files.get(a, a)) for a in args])
    assert result.exit_code == 1, result.output
    commands_without_one = [name for name, meaning in EXIT_ONE.items() if not meaning]
    assert command not in commands_without_one
