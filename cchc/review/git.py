"""Plans as git has them: reading a file at a revision, comparing a revision with the working tree.

Old content is read with `git show REV:path` (no temporary files, no checkout), parsed with
`cchc.plan.loader.parse_plan`, and compared with `cchc.review.compare.diff_plans`. Problems that stop one
file from being compared (it does not parse on one side) are collected, not raised, so the
other files are still compared; a revision that does not exist stops everything (`CchcError`).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from cchc.errors import CchcError, Loc, Problem
from cchc.files import os_error_text
from cchc.plan.loader import decode, load_plan, parse_plan
from cchc.plan.model import Plan
from cchc.plan.spec import REGISTRY_NAME
from cchc.review.compare import FileDiff, diff_plans


@dataclass(frozen=True)
class DiffResult:
    """The files compared, and the problems of files that could not be compared."""

    files: tuple[FileDiff, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return any(f.changes or f.status in ("added", "removed") for f in self.files)


def git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run git with `args` in `cwd`, output captured as bytes; never raises for a git failure."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise CchcError.single(
            "G001", f"không chạy được git (cannot run git): {os_error_text(exc)}", Loc(str(cwd))
        ) from None


def toplevel(cwd: Path) -> Path:
    """The top folder of the git work tree containing `cwd`."""
    out = git(["rev-parse", "--show-toplevel"], cwd)
    if out.returncode != 0:
        raise CchcError.single(
            "G002",
            "không phải kho git (not a git repository)",
            Loc(str(cwd)),
            "chạy lệnh trong một kho git, hoặc so sánh hai tệp: cchc diff OLD NEW",
        )
    return Path(os.fsdecode(out.stdout.strip())).resolve()


def verify(rev: str, top: Path) -> str:
    """The commit id `rev` names; a clear error when it names nothing."""
    out = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if rev.startswith("-") or out.returncode != 0:
        raise CchcError.single(
            "G003",
            f"không có phiên bản (unknown revision) {rev!r} trong kho git",
            Loc(str(top)),
            "xem các phiên bản bằng git log --oneline",
        )
    return out.stdout.decode().strip()


def is_plan_path(rel: str) -> bool:
    """Plan files as `cchc.plan.loader.discover` finds them: YAML, not the agency registry, not hidden."""
    path = PurePosixPath(rel)
    return (
        path.suffix in (".yaml", ".yml")
        and path.name != REGISTRY_NAME
        and not any(part.startswith(".") for part in path.parts)
    )


def files_at(commit: str, top: Path, rels: Iterable[str]) -> list[str]:
    """Plan files under `rels` (paths relative to the top) at `commit`."""
    out = git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *rels], top)
    if out.returncode != 0:
        raise CchcError.single("G004", f"git ls-tree thất bại: {out.stderr.decode(errors='replace').strip()}", Loc(""))
    names = [os.fsdecode(n) for n in out.stdout.split(b"\0") if n]
    return sorted(n for n in names if is_plan_path(n))


def show(commit: str, rel: str, top: Path) -> bytes | None:
    """The bytes of `rel` at `commit`, or None when the file does not exist there."""
    out = git(["show", f"{commit}:{rel}"], top)
    return out.stdout if out.returncode == 0 else None


def _relative(paths: Sequence[Path], top: Path) -> list[str]:
    rels = []
    for path in paths:
        absolute = path.resolve()
        try:
            rel = absolute.relative_to(top).as_posix()
        except ValueError:
            raise CchcError.single(
                "G005", f"đường dẫn nằm ngoài kho git (path outside the repository): {path}", Loc(str(path))
            ) from None
        rels.append("" if rel == "." else rel)
    return rels


def _working_files(top: Path, rels: Sequence[str]) -> list[str]:
    found: set[str] = set()
    for rel in rels:
        path = top / rel
        if path.is_file():
            if is_plan_path(rel):
                found.add(rel)
        elif path.is_dir():
            for child in path.rglob("*.y*ml"):
                name = child.relative_to(top).as_posix()
                if is_plan_path(name):
                    found.add(name)
    return sorted(found)


class _Side(Protocol):
    """One version of the plans: a revision, or the working tree."""

    def files(self, rels: Sequence[str]) -> set[str]: ...
    def name(self, rel: str) -> str: ...
    def load(self, rel: str) -> Plan | None: ...


@dataclass(frozen=True)
class _Revision:
    rev: str
    commit: str
    top: Path

    def files(self, rels: Sequence[str]) -> set[str]:
        return set(files_at(self.commit, self.top, rels))

    def name(self, rel: str) -> str:
        return f"{self.rev}:{rel}"

    def load(self, rel: str) -> Plan | None:
        data = show(self.commit, rel, self.top)
        return parse_plan(decode(data, self.name(rel)), self.name(rel)) if data is not None else None


@dataclass(frozen=True)
class _WorkTree:
    top: Path
    here: Path

    def files(self, rels: Sequence[str]) -> set[str]:
        return set(_working_files(self.top, rels))

    def name(self, rel: str) -> str:
        return os.path.relpath(self.top / rel, self.here)

    def load(self, rel: str) -> Plan | None:
        return load_plan(self.name(rel)) if (self.top / rel).is_file() else None


def compare_revision(
    rev: str, paths: Sequence[Path] = (), cwd: Path | None = None, *, to: str | None = None
) -> DiffResult:
    """Plans under `paths` (default: the repository's `plans/`) at revision `rev` against the
    working tree, or against revision `to`."""
    here = (cwd or Path.cwd()).resolve()
    top = toplevel(here)
    old: _Side = _Revision(rev, verify(rev, top), top)
    new: _Side = _Revision(to, verify(to, top), top) if to is not None else _WorkTree(top, here)
    paths = paths or [top / "plans"]
    rels = _relative(paths, top)
    for rel, path in zip(rels, paths, strict=True):
        if not (top / rel).exists() and not old.files([rel]) and not new.files([rel]):
            raise CchcError.single("L000", f"không tìm thấy (not found): {path}", Loc(str(path)))
    files: list[FileDiff] = []
    problems: list[Problem] = []
    for rel in sorted(old.files(rels) | new.files(rels)):
        try:
            old_plan, new_plan = old.load(rel), new.load(rel)
        except CchcError as exc:
            problems.extend(exc.problems)
            continue
        files.append(file_diff(rel, old_plan, new_plan, old.name(rel), new.name(rel)))
    return DiffResult(tuple(files), tuple(problems))


def compare_files(old: Path, new: Path) -> DiffResult:
    """Two plan files on disk (either may be missing: all items added or removed)."""
    if not old.exists() and not new.exists():
        raise CchcError.single("L000", f"không tìm thấy (not found): {old}, {new}", Loc(str(old)))
    old_plan = load_plan(old) if old.exists() else None
    new_plan = load_plan(new) if new.exists() else None
    return DiffResult((file_diff(str(new), old_plan, new_plan, str(old), str(new)),))


def file_diff(path: str, old: Plan | None, new: Plan | None, old_name: str, new_name: str) -> FileDiff:
    either = new or old
    title = either.name if either is not None else ""
    return FileDiff(
        path,
        old_name if old is not None else None,
        new_name if new is not None else None,
        tuple(diff_plans(old, new)),
        title,
    )


#: The `.gitattributes` line that routes plan files through the cchc diff driver.
ATTRIBUTES_LINE = "plans/**/*.yaml diff=cchc"
#: Hunk headers name the section (`§ II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH`) of the textconv lines.
FUNCNAME = "^ *§ .*$"


def textconv_command() -> str:
    """`cchc show --for-diff` when `cchc` is on PATH, else this Python running the module."""
    import shlex
    import shutil
    import sys

    if shutil.which("cchc"):
        return "cchc show --for-diff"
    return f"{shlex.quote(sys.executable)} -m cchc show --for-diff"


def install_driver(cwd: Path, command: str | None = None) -> list[str]:
    """Configure `diff.cchc.*` and add the `.gitattributes` line; returns what was done (Vietnamese)."""
    from cchc.files import atomic_write, read_bytes

    top = toplevel(cwd.resolve())
    command = command or textconv_command()
    done: list[str] = []
    # cachetextconv: git keeps each blob's conversion in its notes, so `git log -p` converts a
    # version once (docs/review.md; bench/RESULTS.md measures it).
    settings = (("diff.cchc.textconv", command), ("diff.cchc.xfuncname", FUNCNAME), ("diff.cchc.cachetextconv", "true"))
    for key, value in settings:
        current = git(["config", "--local", "--get", key], top)
        if current.returncode == 0 and current.stdout.decode().strip() == value:
            done.append(f"đã có (already set): git config {key} {value!r}")
            continue
        out = git(["config", "--local", key, value], top)
        if out.returncode != 0:
            raise CchcError.single(
                "G006", f"git config thất bại: {out.stderr.decode(errors='replace').strip()}", Loc(str(top))
            )
        done.append(f"đã đặt (set): git config {key} {value!r}")
    attributes = top / ".gitattributes"
    text = read_bytes(attributes, within=top).decode("utf-8", "replace") if attributes.exists() else ""
    if ATTRIBUTES_LINE in (line.strip() for line in text.splitlines()):
        done.append(f"đã có (already present) trong .gitattributes: {ATTRIBUTES_LINE}")
    else:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        atomic_write(attributes, prefix + ATTRIBUTES_LINE + "\n")
        done.append(f"đã thêm (added) vào .gitattributes: {ATTRIBUTES_LINE}")
    return done
