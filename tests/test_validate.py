"""`cchc validate`: all problems in one run, exact output formats, exit codes, config, suppressions, --fix."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.cli import app

FIVE = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: "1"
        text: <p>Rà soát văn bản</p>
        lead: [Sở Tư pháp]
        due: Quý II/2024
      - id: b
        number: "3"
        text: Số hóa  hồ sơ
        lead: [Uỷ ban nhân dân tỉnh]
        due: Quý III/2024
      - id: c
        number: "4"
        text: Chuẩn hóa quy trình, Ủy ban
        due: Năm 2024
"""


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Output format and configuration must not depend on where the tests run.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.stdout


def test_five_problems_in_one_run(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan(FIVE)
    code, out = run(runner, "plan.yaml")
    assert code == 1
    heads = [
        line.split(" ", 1)[0] + " " + line.split(" ", 2)[1] for line in out.splitlines() if line.startswith("plan")
    ]
    assert heads == [
        "plan.yaml:21:15: error[X101]",
        "plan.yaml:25:17: warning[N101]",
        "plan.yaml:26:21: warning[X104]",
        "plan.yaml:27:16: warning[X103]",
        "plan.yaml:29:9: warning[N102]",
    ]
    # Compiler style: the source line, a caret under the column, a hint; then a summary.
    lines = out.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("plan.yaml:26:21")))
    assert lines[at + 1] == "          text: Số hóa  hồ sơ"
    assert lines[at + 2] == "  " + " " * 20 + "^"
    assert lines[at + 3].startswith("  gợi ý: ")
    assert lines[-1] == (
        "1 lỗi (errors), 4 cảnh báo (warnings) trong 1 tệp; 3 có thể sửa tự động bằng `cchc validate --fix`."
    )


def test_other_files_are_checked_when_one_does_not_load(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan("sections: [", name="broken.yaml")
    write_plan(FIVE, name="plan.yaml")
    code, out = run(runner, ".", "--format", "json")
    assert code == 1
    codes = [(p["file"], p["code"]) for p in json.loads(out)["problems"]]
    assert codes[0] == ("broken.yaml", "L002")
    assert ("plan.yaml", "X101") in codes


GITHUB_PLAN = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: "1"
        text: <p>Rà soát văn bản</p>
        due: Quý II/2024
"""


def test_github_format_exact(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan(GITHUB_PLAN)
    code, out = run(runner, "plan.yaml", "--format", "github")
    assert code == 1
    assert out == (
        "::warning file=plan.yaml,line=19,col=9,title=N102::mục 1 không có cơ quan chủ trì (no lead agency), "
        "kể cả ở mục cha%0Agợi ý: thêm `lead:` cho mục này hoặc cho mục cha (ô gộp)\n"
        "::error file=plan.yaml,line=21,col=15,title=X101::còn thẻ định dạng trong văn bản (leftover markup): <p>"
        "%0Agợi ý: bỏ thẻ đi; `cchc validate --fix` làm việc này và giữ bản gốc trong `source`\n"
    )


def test_github_format_is_automatic_under_github_actions(
    runner: CliRunner, write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(GITHUB_PLAN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out = run(runner, "plan.yaml")
    assert out.startswith("::warning file=plan.yaml,line=19,col=9,title=N102::")


def test_json_format_exact(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan(GITHUB_PLAN)
    code, out = run(runner, "plan.yaml", "-f", "json")
    assert code == 1
    assert json.loads(out)["problems"] == [
        {
            "file": "plan.yaml",
            "line": 19,
            "col": 9,
            "code": "N102",
            "severity": "warning",
            "message": "mục 1 không có cơ quan chủ trì (no lead agency), kể cả ở mục cha",
            "hint": "thêm `lead:` cho mục này hoặc cho mục cha (ô gộp)",
            "fixable": False,
        },
        {
            "file": "plan.yaml",
            "line": 21,
            "col": 15,
            "code": "X101",
            "severity": "error",
            "message": "còn thẻ định dạng trong văn bản (leftover markup): <p>",
            "hint": "bỏ thẻ đi; `cchc validate --fix` làm việc này và giữ bản gốc trong `source`",
            "fixable": True,
        },
    ]


WARN_ONLY = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: "1"
        text: Rà soát văn bản
        due: Quý II/2024
"""


def test_exit_codes(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan(WARN_ONLY)
    assert run(runner, "plan.yaml")[0] == 0  # warnings only
    assert run(runner, "plan.yaml", "--strict")[0] == 1
    assert run(runner, "missing.yaml")[0] == 2
    assert run(runner, "plan.yaml", "--format", "xml")[0] == 2
    write_plan(
        WARN_ONLY.replace("        due: Quý II/2024\n", "        lead: [Sở Tư pháp]\n        due: Quý II/2024\n")
    )
    code, out = run(runner, "plan.yaml", "--strict")
    assert (code, out) == (0, "Không có vấn đề nào trong 1 tệp (no problems).\n")


def test_real_example_plan_is_clean(runner: CliRunner) -> None:
    example = Path(__file__).resolve().parent.parent / "docs" / "examples"
    assert run(runner, str(example), "--strict") == (0, "Không có vấn đề nào trong 1 tệp (no problems).\n")


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("", ["N101", "N102", "X101", "X103", "X104"]),
        ('select = ["X"]', ["X101", "X103", "X104"]),
        ('ignore = ["N1", "X104"]', ["X101", "X103"]),
        ('per-file-ignores = { "*.yaml" = ["X"] }', ["N101", "N102"]),
        ('per-file-ignores = { "other/*.yaml" = ["X"] }', ["N101", "N102", "X101", "X103", "X104"]),
    ],
)
def test_config_select_ignore(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path, config: str, expected: list[str]
) -> None:
    write_plan(FIVE)
    (tmp_path / ".cchc.toml").write_text(config + "\n", encoding="utf-8")
    _, out = run(runner, "plan.yaml", "-f", "json")
    assert sorted({p["code"] for p in json.loads(out)["problems"]}) == expected


def test_config_severity_in_pyproject_found_upward(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(WARN_ONLY)
    (tmp_path / "pyproject.toml").write_text('[tool.cchc]\nseverity = { N102 = "error" }\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out = run(runner, "../plan.yaml", "-f", "json")
    assert code == 1
    assert [p["severity"] for p in json.loads(out)["problems"]] == ["error"]


def test_bad_config_is_exit_2(runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path) -> None:
    write_plan(WARN_ONLY)
    (tmp_path / ".cchc.toml").write_text('ignor = ["N102"]\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "plan.yaml"])
    assert result.exit_code == 2
    assert "khoá không xác định 'ignor'" in result.stderr


# --- inline suppressions -----------------------------------------------------------------------


def suppressed(comment_on_id: str, comment_on_text: str = "") -> str:
    return f"""\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a{comment_on_id}
        number: "1"
        text: <p>Rà soát văn bản</p>{comment_on_text}
        due: Quý II/2024
"""


@pytest.mark.parametrize(
    ("on_id", "on_text", "expected"),
    [
        # On the item's line: covers every line of the item.
        ("  # cchc: ignore[N102, X101] chưa phân công; thẻ giữ theo bản gốc", "", []),
        # On a field line: covers that line only.
        ("", "  # cchc: ignore[X101] giữ nguyên như bản giấy", [("N102", 19, 9)]),
        # Without a reason: it still suppresses, and is reported.
        ("  # cchc: ignore[N102]", "", [("S101", 19, 16), ("X101", 21, 15)]),
        # Suppressing nothing (no N101 problem here) and an unknown code.
        ("  # cchc: ignore[N101, N102] lý do", "", [("S101", 19, 16), ("X101", 21, 15)]),
        ("  # cchc: ignore[Z999, N102] lý do", "", [("S101", 19, 16), ("X101", 21, 15)]),
    ],
)
def test_suppressions(
    runner: CliRunner,
    write_plan: Callable[..., Path],
    on_id: str,
    on_text: str,
    expected: list[tuple[str, int, int]],
) -> None:
    write_plan(suppressed(on_id, on_text))
    _, out = run(runner, "plan.yaml", "-f", "json")
    assert [(p["code"], p["line"], p["col"]) for p in json.loads(out)["problems"]] == expected


# --- --fix --------------------------------------------------------------------------------------


def test_fix_repairs_in_place_keeps_comments_and_source(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_plan(FIVE.replace("      - id: b\n", "      # hàng thứ hai\n      - id: b\n"))
    code, out = run(runner, "plan.yaml", "--fix")
    assert "plan.yaml:21:15: đã sửa (fixed) [X101] '<p>Rà soát văn bản</p>' → 'Rà soát văn bản'" in out
    assert "đã sửa (fixed) [X104] 'Số hóa  hồ sơ' → 'Số hóa hồ sơ'" in out
    assert "đã sửa (fixed) [X103] 'Uỷ ban nhân dân tỉnh' → 'Ủy ban nhân dân tỉnh'" in out
    assert "Đã sửa 3 chỗ trong 1 tệp (fixed 3 texts)." in out
    text = path.read_text(encoding="utf-8")
    assert "# hàng thứ hai" in text
    assert "        source:\n          task: <p>Rà soát văn bản</p>\n" in text
    assert "Uỷ" not in text and "hóa  hồ" not in text
    # What is left is what --fix may not decide: the numbering and the missing lead.
    assert code == 0
    assert [p["code"] for p in json.loads(run(runner, "plan.yaml", "-f", "json")[1])["problems"]] == ["N101", "N102"]


def test_fix_leaves_suppressed_problems_alone(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    path = write_plan(suppressed("", "  # cchc: ignore[X101] giữ như bản gốc"))
    run(runner, "plan.yaml", "--fix")
    assert "text: <p>Rà soát văn bản</p>  # cchc: ignore[X101]" in path.read_text(encoding="utf-8")


def test_info_severity_is_a_github_notice_and_never_fails(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    write_plan(WARN_ONLY)
    (tmp_path / ".cchc.toml").write_text('severity = { N102 = "info" }\n', encoding="utf-8")
    code, out = run(runner, "plan.yaml", "-f", "github", "--strict")
    assert code == 0
    assert out.startswith("::notice file=plan.yaml,line=19,col=9,title=N102::")
    assert run(runner, "plan.yaml")[1].splitlines()[-1] == (
        "0 lỗi (errors), 0 cảnh báo (warnings), 1 thông tin (info) trong 1 tệp."
    )


def test_select_and_ignore_on_the_command_line(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    write_plan(FIVE)
    (tmp_path / ".cchc.toml").write_text('ignore = ["X101"]\n', encoding="utf-8")

    def codes(*args: str) -> list[str]:
        return sorted({p["code"] for p in json.loads(run(runner, "plan.yaml", "-f", "json", *args)[1])["problems"]})

    assert codes() == ["N101", "N102", "X103", "X104"]
    assert codes("--select", "x") == ["X103", "X104"]  # the config's ignore still applies
    assert codes("--select", "N,X103", "--ignore", "N101") == ["N102", "X103"]


def test_text_colour_only_when_asked() -> None:
    from cchc.errors import Loc, Problem, Severity
    from cchc.output.problems import format_text

    problem = Problem("N102", "thiếu chủ trì", Loc("nowhere.yaml", 3, 5), Severity.WARNING)
    assert format_text(problem) == "nowhere.yaml:3:5: warning[N102] thiếu chủ trì"
    assert format_text(problem, colour=True) == (
        "\033[1mnowhere.yaml:3:5:\033[0m \033[1;33mwarning[N102]\033[0m thiếu chủ trì"
    )


def test_worker_processes_give_the_same_report_as_one_process(
    runner: CliRunner, write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    # Several files (a pool starts at MIN_FILES_PER_POOL), dirty, one that does not load, one clean.
    from cchc.checks.runner import MIN_FILES_PER_POOL

    (tmp_path / "plans").mkdir()
    for i in range(MIN_FILES_PER_POOL + 2):
        write_plan(FIVE.replace("Rà soát", f"Rà soát {i}"), f"plans/p{i}.yaml")
    write_plan("format: cchc-plan/1\nplan: [1, 2\n", "plans/broken.yaml", raw=True)
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "plans" / "real.yaml").write_bytes((root / "plans" / "ha-tinh" / "2024.yaml").read_bytes())
    results = {jobs: runner.invoke(app, ["validate", "--jobs", jobs, "--format", "json", "plans"]) for jobs in "120"}
    assert {r.exit_code for r in results.values()} == {1}
    serial = json.loads(results["1"].stdout)["problems"]
    assert {p["code"] for p in serial} >= {"X101", "N101", "L002"}
    assert results["2"].stdout == results["1"].stdout == results["0"].stdout


def test_jobs_must_not_be_negative(runner: CliRunner, write_plan: Callable[..., Path]) -> None:
    write_plan(FIVE)
    result = runner.invoke(app, ["validate", "--jobs", "-1", "plan.yaml"])
    assert result.exit_code == 2
