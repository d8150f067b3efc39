"""`git diff` and `git log -p` through the cchc driver: git hands the old side as a temporary file,
and the cache must not grow with those temporary paths (issue 20)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _git(repo: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    (repo / "plans" / "tinh").mkdir(parents=True)
    env = {
        **os.environ,
        "CCHC_NO_CACHE": "0",
        "CCHC_CACHE_DIR": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "PYTHONPATH": str(ROOT),
    }
    _git(repo, "init", "-q", env=env)
    plan = repo / "plans" / "tinh" / "2024.yaml"
    text = (ROOT / "plans" / "tuyen-quang" / "2024.yaml").read_text(encoding="utf-8")
    for month in range(1, 6):
        plan.write_text(text.replace("due: Tháng 12/2024", f"due: Tháng {month}/2024", 1), encoding="utf-8")
        _git(repo, "add", ".", env=env)
        _git(repo, "commit", "-qm", f"v{month}", env=env)
    command = f"{sys.executable} -m cchc show --for-diff"
    _git(repo, "config", "diff.cchc.textconv", command, env=env)
    (repo / ".gitattributes").write_text("plans/**/*.yaml diff=cchc\n", encoding="utf-8")
    plan.write_text(text, encoding="utf-8")  # an uncommitted edit: git diff passes the old side as a temp file
    return repo, env


def test_git_diff_and_log_do_not_grow_the_cache_with_temporary_paths(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    cache = Path(env["CCHC_CACHE_DIR"])
    first = _git(path, "diff", env=env)
    assert "due: Tháng 12/2024" in first or "Tháng 12/2024" in first
    after_diff = sorted(p.name for p in cache.glob("*.pickle"))
    assert len(after_diff) == 2  # the two versions compared, by content
    assert _git(path, "diff", env=env) == first
    assert sorted(p.name for p in cache.glob("*.pickle")) == after_diff  # a second diff adds nothing
    log = _git(path, "log", "-p", env=env)
    versions = len(sorted(p.name for p in cache.glob("*.pickle")))
    assert versions == 6  # five committed versions and the working tree's: one entry per content
    assert _git(path, "log", "-p", env=env) == log
    assert len(list(cache.glob("*.pickle"))) == versions
