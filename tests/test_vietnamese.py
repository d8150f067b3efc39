"""Staff read Vietnamese: click's and typer's own messages, help boilerplate and OS errors too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "docs" / "examples" / "2024.yaml")

#: English that must never reach a user.
ENGLISH = (
    "Usage:",
    "Error:",
    "Try '",
    "No such",
    "Did you mean",
    "Possible options",
    "Missing argument",
    "Missing option",
    "Show this message",
    "requires an argument",
    "Invalid value",
    "is not a valid",
    "Got unexpected",
    "Aborted",
    "No such file or directory",
    "Is a directory",
    "[default:",
    "[required]",
    "Options:",
    "Arguments:",
    "Commands:",
    "[OPTIONS]",
)


def english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["imprt"], "Lỗi: Không có lệnh 'imprt'. Có phải bạn muốn 'import'?"),
        (["due", "--bogus"], "Lỗi: Không có tùy chọn --bogus"),
        (["due", "--agenc", "x"], "Lỗi: Không có tùy chọn --agenc (có phải: --agency"),
        (["explain"], "Lỗi: Thiếu đối số 'THỜI_GIAN|KẾ_HOẠCH'."),
        (["show"], "Lỗi: Thiếu đối số 'KẾ_HOẠCH'."),
        (["due", "--today"], "Lỗi: Tùy chọn '--today' cần một giá trị."),
        (
            ["validate", "--jobs", "x"],
            "Lỗi: Giá trị không hợp lệ cho '--jobs' / '-j': 'x' không phải là số nguyên hợp lệ.",
        ),
        (["due", "--year", "năm"], "Lỗi: Giá trị không hợp lệ cho '--year'"),
        (["plans", "a", "--version", "x"], "Cách dùng: cchc"),
    ],
)
def test_usage_errors_in_vietnamese(runner: CliRunner, args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert expected in result.output
    assert not english(result.output), result.output


def test_usage_line_and_hint(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--bogus"])
    lines = result.output.splitlines()
    assert lines[0] == "Cách dùng: cchc due [TÙY CHỌN] [KẾ_HOẠCH]..."
    assert lines[1] == "Xem hướng dẫn: 'cchc due -h'."


@pytest.mark.parametrize("command", ["due", "tasks", "agencies", "explain", "render", "diff", "show", "validate"])
def test_help_in_vietnamese(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Cách dùng: cchc {command} [TÙY CHỌN]")
    assert "-h, --help" in result.output and "In hướng dẫn này rồi thoát." in result.output
    assert "Tùy chọn:" in result.output
    assert not english(result.output), english(result.output)


def test_root_help_and_no_arguments(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "Lệnh:" in result.output and "Cài tự hoàn thành" in result.output
    assert not english(result.output), english(result.output)
    bare = runner.invoke(app, [])
    assert "Cách dùng: cchc [TÙY CHỌN] LỆNH [ĐỐI SỐ]..." in bare.output and not english(bare.output)


def test_defaults_and_environment_variables_are_named_in_vietnamese(runner: CliRunner) -> None:
    out = " ".join(runner.invoke(app, ["due", "--help"]).output.split())
    assert "[mặc định: table]" in out and "biến môi trường CCHC_TODAY" in out
    result = runner.invoke(app, ["due", EXAMPLE], env={"CCHC_TODAY": "hôm qua"})
    assert result.exit_code == 2 and "ngày không hợp lệ cho biến môi trường CCHC_TODAY: 'hôm qua'" in result.output


def test_os_errors_in_vietnamese(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", EXAMPLE, "-o", str(tmp_path / "no" / "such" / "x.xlsx")])
    assert result.exit_code == 2 and "không ghi được tệp (cannot write file): không có tệp hoặc thư mục này" in (
        result.output
    )
    result = runner.invoke(app, ["explain", str(tmp_path), "a"])
    assert result.exit_code == 2 and "thư mục (a directory)" in result.output
    result = runner.invoke(app, ["import", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 2 and not english(result.output), result.output


def test_the_console_entry_speaks_vietnamese_too() -> None:
    """`cchc …` builds only the command named: its group and command are the Vietnamese ones."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_NO_CACHE": "1", "LANG": "C", "LC_ALL": "C.UTF-8"}
    for args, expected in ((["due", "--bogus"], "Không có tùy chọn --bogus"), (["bao-cao"], "Không có lệnh")):
        proc = subprocess.run([sys.executable, "-m", "cchc", *args], env=env, capture_output=True, check=False)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and expected in err and not english(err), err
