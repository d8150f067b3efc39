"""Issue 20: the cchc git diff driver (textconv) timed on a repository of the real plans.

    python bench/textconv.py --runs 5            # or through bench/run.py (the section "textconv")

A temporary git repository holds a copy of `plans/` and a few commits that each edit one item of
one plan, plus one uncommitted edit. Timed side by side:

- `git diff` of the uncommitted edit (work tree against the index: git's own textconv cache does
  not apply to a work-tree file, only cchc's cache does) and `git diff HEAD~1 HEAD` (one committed
  edit: both sides are blobs);
- `git log -p` over the whole history;

each plain (`--no-textconv`: what git shows without the driver) and through the driver installed
by `cchc git-setup` (which sets `diff.cchc.cachetextconv`): cold (cchc's cache folder emptied and
git's `refs/notes/textconv/cchc` deleted before every run), warm (nothing cleared), and warm with
cchc's cache only (`-c diff.cchc.cachetextconv=false`). After each run the cache folder's entry
count and bytes are recorded: repeating a command must not add entries (an entry is keyed by the
plan's bytes only, never by git's temporary file name).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BIN, CCHC, ROOT, fmt_s, run_once  # noqa: E402

NAME = "textconv: git diff / git log -p through the cchc driver (issue 20)"
#: (file, occurrence of an item `text:` line) edited by each commit after the first; then one uncommitted edit.
EDITS = (
    ("plans/tuyen-quang/2024.yaml", 3),
    ("plans/ha-tinh/2024.yaml", 5),
    ("plans/tuyen-quang/2025-2030.yaml", 2),
    ("plans/tuyen-quang/2024.yaml", 40),
)
WORKTREE_EDIT = ("plans/ha-tinh/2024.yaml", 30)
NOTES = "refs/notes/textconv/cchc"
_TEXT_LINE = re.compile(r"^(\s+text: [^'\"|>].*[^:\s])$", re.M)


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def _edit(path: Path, occurrence: int, mark: str) -> None:
    """Append a few words to the `occurrence`-th plain item text (stays a valid plan)."""
    text = path.read_text(encoding="utf-8")
    match = list(_TEXT_LINE.finditer(text))[occurrence]
    path.write_text(text[: match.end()] + f" ({mark})" + text[match.end() :], encoding="utf-8")


def build_repo(root: Path, env: dict[str, str]) -> Path:
    repo = root / "repo"
    shutil.copytree(ROOT / "plans", repo / "plans")
    _git(repo, env, "init", "-q", "-b", "main")
    setup = subprocess.run([CCHC, "git-setup"], cwd=repo, env=env, capture_output=True, text=True, check=False)
    if setup.returncode != 0:
        raise RuntimeError(f"cchc git-setup failed: {setup.stderr}")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "plans + .gitattributes (cchc git-setup)")
    for n, (rel, occurrence) in enumerate(EDITS, 1):
        _edit(repo / rel, occurrence, f"sửa lần {n}")
        _git(repo, env, "commit", "-q", "-am", f"edit {n}")
    _edit(repo / WORKTREE_EDIT[0], WORKTREE_EDIT[1], "sửa chưa commit")
    return repo


@dataclass
class Row:
    command: str
    mode: str
    times: list[float] = field(default_factory=list)
    after: list[tuple[int, int, int]] = field(default_factory=list)  # (entries, bytes, git notes) after each run
    codes: set[int] = field(default_factory=set)


def _entries(cache: Path) -> tuple[int, int]:
    sizes = [p.stat().st_size for p in cache.glob("*.pickle")] if cache.is_dir() else []
    return len(sizes), sum(sizes)


def _notes(repo: Path, env: dict[str, str]) -> int:
    proc = subprocess.run(["git", "notes", "--ref", NOTES, "list"], cwd=repo, env=env, capture_output=True, check=False)
    return len(proc.stdout.splitlines()) if proc.returncode == 0 else 0


def measure(runs: int, warmup: int = 1) -> str:
    if not shutil.which("git"):
        return f"### {NAME}\n\nnot available (git not installed)"
    probe = subprocess.run([CCHC, "git-setup", "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        return f"### {NAME}\n\nnot available (`cchc git-setup` not on this branch)"
    with tempfile.TemporaryDirectory(prefix="cchc-bench-textconv-") as tmp:
        root = Path(tmp)
        cache = root / "cache"  # outside any work tree: the repository is root/repo
        env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # `cchc` of this venv for git-setup and git
            "CCHC_CACHE_DIR": str(cache),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "bench",
            "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@example.invalid",
            "GIT_PAGER": "cat",
        }
        env.pop("CCHC_NO_CACHE", None)
        repo = build_repo(root, env)
        driver = _git(repo, env, "config", "--get", "diff.cchc.textconv").strip()
        cached = _git(repo, env, "config", "--get", "diff.cchc.cachetextconv").strip()

        def cold() -> None:
            shutil.rmtree(cache, ignore_errors=True)
            subprocess.run(["git", "update-ref", "-d", NOTES], cwd=repo, env=env, capture_output=True, check=False)

        commands = {
            "`git diff` (uncommitted edit)": ["diff"],
            "`git diff HEAD~1 HEAD` (one committed edit)": ["diff", "HEAD~1", "HEAD"],
            f"`git log -p` ({len(EDITS) + 1} commits)": ["log", "-p"],
        }
        modes: list[tuple[str, list[str], list[str], Callable[[], None] | None]] = [
            ("plain (`--no-textconv`)", [], ["--no-textconv"], None),
            ("driver, cold (both caches emptied)", [], [], cold),
            ("driver, warm", [], [], None),
            ("driver, warm, cchc cache only (cachetextconv=false)", ["-c", "diff.cchc.cachetextconv=false"], [], None),
        ]
        rows: list[Row] = []
        for label, args in commands.items():
            cold()
            for mode, pre, post, prep in modes:
                row = Row(label, mode)
                cmd = ["git", "--no-pager", *pre, args[0], *post, *args[1:]]
                for i in range(warmup + runs):
                    if prep:
                        prep()
                    sample = run_once(cmd, repo, env)
                    row.codes.add(sample.code)
                    if i >= warmup:
                        row.times.append(sample.seconds)
                        row.after.append((*_entries(cache), _notes(repo, env)))
                rows.append(row)
            cold()
        return report(rows, driver, cached, runs, warmup)


def report(rows: list[Row], driver: str, cached: str, runs: int, warmup: int) -> str:
    lines = [
        f"### {NAME}",
        f"Repository: a copy of `plans/` + {len(EDITS)} commits editing one item each + `cchc git-setup`"
        f" (`diff.cchc.textconv={driver.replace(str(BIN) + '/', '')}`, `diff.cchc.cachetextconv={cached}`)"
        f" + one uncommitted edit. {runs} runs after {warmup} warm-up; medians. Entries = `*.pickle` in"
        " CCHC_CACHE_DIR after each run (first run → last run); notes = git's cached conversions.",
        "",
        "| Command | Mode | Median | Min | Entries after runs (first → last) | Bytes after last | git notes | Exit |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        first, last = r.after[0], r.after[-1]
        entries = f"{first[0]} → {last[0]}" + (" (no growth)" if first[0] == last[0] else " (GROWS)")
        lines.append(
            f"| {r.command} | {r.mode} | {fmt_s(statistics.median(r.times))} | {fmt_s(min(r.times))} | {entries}"
            f" | {last[1] / 1024:.0f} kB | {last[2]} | {','.join(map(str, sorted(r.codes)))} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args(argv)
    print(measure(args.runs, args.warmup))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
