"""The pre-commit hooks (.pre-commit-hooks.yaml): what they match and that their commands work.

The full round trip through pre-commit itself (`pre-commit try-repo`, which installs cchc
from the repository with pip) needs the network; docs/ci.md gives it as a manual check. Here
the hook definitions are checked, their entries run on a temporary plan repository, and — when
`pre-commit` is installed — pre-commit runs the same entries as `repo: local` hooks, offline.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent
HOOKS: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

BAD = """\
format: cchc-plan/1
plan:
  province: Ví Dụ
  title: Kế hoạch CCHC năm 2024
  period: {start: 2024, end: 2024}
annex:
  title: PHỤ LỤC
  columns:
    - {key: number, label: TT}
    - {key: task, label: NHIỆM VỤ}
    - {key: lead, label: CHỦ TRÌ}
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: a
        number: 1
        text: <p>Rà soát văn bản</p>
        lead: [Sở Tư pháp]
"""


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"  # the venv's, when the venv is not activated
    return str(beside) if beside.exists() else shutil.which("pre-commit")


PRE_COMMIT = _pre_commit()


def hook(hook_id: str) -> dict[str, Any]:
    return next(h for h in HOOKS if h["id"] == hook_id)


def test_hooks_are_defined() -> None:
    assert [h["id"] for h in HOOKS] == ["cchc-validate", "cchc-fmt"]
    for h in HOOKS:
        assert h["language"] == "python"
        assert h["entry"].split()[0] == "cchc"
        assert re.search(h["files"], "plans/ha-tinh/2024.yaml")
        assert re.search(h["files"], "plans/tuyen-quang/2025-2030.yml")
        assert not re.search(h["files"], "docs/example.yaml")
        assert re.search(h["exclude"], "plans/ha-tinh/agencies.yaml")


def test_hook_entries_on_changed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pre-commit calls `entry` with the changed files that match `files` as arguments.
    monkeypatch.chdir(tmp_path)
    plan = tmp_path / "plans" / "vi-du" / "2024.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text(BAD, encoding="utf-8")
    runner = CliRunner()
    validate = shlex.split(hook("cchc-validate")["entry"])[1:]
    assert runner.invoke(app, [*validate, "plans/vi-du/2024.yaml"]).exit_code == 1
    fmt = shlex.split(hook("cchc-fmt")["entry"])[1:]
    assert runner.invoke(app, [*fmt, "plans/vi-du/2024.yaml"]).exit_code == 0
    assert '        number: "1"\n' in plan.read_text(encoding="utf-8")  # pre-commit sees the change: hook fails


def test_pre_commit_runs_the_hooks(tmp_path: Path) -> None:
    python = shlex.quote(sys.executable)
    hooks = "".join(
        f"      - id: {h['id']}\n        name: {h['name']}\n        entry: {python} -m {h['entry']}\n"
        f"        language: system\n        files: '{h['files']}'\n        exclude: '{h['exclude']}'\n"
        for h in HOOKS
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: local\n    hooks:\n{hooks}", encoding="utf-8")
    plan = tmp_path / "plans" / "vi-du" / "2024.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text(BAD, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    env_home = {
        "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
    }
    result = subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env_home,
        check=False,
    )
    assert result.returncode == 1
    assert "cchc validate" in result.stdout and "Failed" in result.stdout
    assert "error[X101]" in result.stdout
    assert "files were modified by this hook" in result.stdout
