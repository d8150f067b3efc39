"""The check runner behind `cchc validate`: every problem of every plan file in one run.

For each file: load it (a file the loader refuses contributes its `L…` problems, and the
other files are still checked), run the check modules listed in `cchc.checks.CHECKS`, apply
the configuration (`cchc.checks.config`) and the inline suppressions (`# cchc: ignore[CODE] lý do`),
and report suppressions that lack a reason or hide nothing (S101). Problems come back sorted
by file, line and column (bean-check: load, validate, report).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.checks import CHECKS
from cchc.checks import suppression as sup_check
from cchc.checks.base import Context
from cchc.checks.config import Config
from cchc.errors import CchcError, Loc, Problem, Severity
from cchc.files import read_bytes
from cchc.plan import cache
from cchc.plan.loader import decode, discover, read_plan
from cchc.plan.model import Plan
from cchc.speed import no_gc

if TYPE_CHECKING:
    from cchc.agencies.registry import Registry


@dataclass(frozen=True)
class Report:
    """What a validation run found: problems (sorted) and the files it read."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail a run; with `strict`, warnings do too."""
        levels = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(p.severity in levels for p in self.problems)


def known_codes() -> set[str]:
    return {check.CODE for check in CHECKS}


def validate(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    today: date | None = None,
    registry: Registry | None = None,
    jobs: int = 0,
) -> Report:
    """Check every plan file under `paths`; raises `CchcError` only when a path cannot be found.

    Files are checked by `jobs` processes (0: one per CPU; 1: in this process). The report is the
    same either way: problems are sorted by file, line and column.
    """
    config = config if config is not None else Config()
    refused: list[Problem] = []
    files = discover(paths, refused)
    check = functools.partial(validate_file, config=config, today=today, registry=registry)
    problems: list[Problem] = list(refused)
    # The runner boundary of `cchc.speed.no_gc`: the collector stays off for the whole run (each
    # file's objects are freed by reference counting when the next file replaces them).
    with no_gc():
        for found in _map(check, files, jobs):
            problems.extend(found)
    return Report(tuple(sorted(problems, key=Problem.sort_key)), tuple(str(p) for p in files))


#: Below this many files a worker pool costs more than it saves (forking, sending results back).
MIN_FILES_PER_POOL = 4


def _map(check: Callable[[Path], list[Problem]], files: list[Path], jobs: int) -> Iterable[list[Problem]]:
    """`check` over `files`, in order: in worker processes when there are several CPUs and files.

    Workers are forked (Linux, macOS with fork available) with the checks imported, so they
    start warm; each checks one file at a time, as this process would, and writes the same cache
    entries. Where fork is unavailable, or for a few files, it all runs here.
    """
    import multiprocessing

    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers < 2 or len(files) < MIN_FILES_PER_POOL or "fork" not in multiprocessing.get_all_start_methods():
        return map(check, files)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(check, files))


def validate_file(
    path: str | Path, *, config: Config, today: date | None = None, registry: Registry | None = None
) -> list[Problem]:
    """The problems of one file after configuration and suppressions (unsorted).

    Results are cached (`cchc.plan.cache`) by everything they depend on: the file's bytes and path,
    the configuration, the day, the province registries beside the plan and all of cchc's code;
    a second run over unchanged files only reads and hashes them.
    """
    name = str(path)
    try:
        data = read_bytes(path)
    except CchcError as exc:
        return list(exc.problems)
    entry = _result_key(name, data, config, today) if registry is None else None
    if entry is not None:
        hit = cache.fetch(entry)
        if isinstance(hit, list) and all(isinstance(p, Problem) for p in hit):
            return hit
    problems = _check_file(name, data, config=config, today=today, registry=registry)
    if entry is not None:
        cache.store(entry, problems)
    return problems


def _result_key(name: str, data: bytes, config: Config, today: date | None) -> str | None:
    if not cache.enabled():
        return None
    from cchc.agencies.registry import registry_files

    registries = [part for p in registry_files(name) for part in (str(p), read_bytes(p))]
    return cache.key("validate", cache.package_fingerprint(), name, data, repr(config), str(today), *registries)


def _check_file(
    name: str, data: bytes, *, config: Config, today: date | None = None, registry: Registry | None = None
) -> list[Problem]:
    try:
        text = decode(data, name)
    except CchcError as exc:
        return list(exc.problems)
    try:
        parsed = read_plan(text, name)  # only text that is not YAML stops here
    except CchcError as exc:
        return list(exc.problems)
    loaded = list(parsed.problems)
    if parsed.plan is None:
        return loaded
    plan = parsed.plan
    ctx = Context(plan, today=today, text=text, tree=parsed.tree, given=registry)
    raw: list[Problem] = []
    for check in CHECKS:
        raw.extend(check.check(plan, ctx))
    raw = _not_again(raw, loaded, parsed.dropped)
    enabled = {code: config.enabled(code, name) for code in {p.code for p in raw}}  # per code, not per problem
    kept = [_with_severity(p, config.severity_of(p.code, p.severity)) for p in raw if enabled[p.code]]
    return loaded + _suppress(kept, plan, text, config)


def _not_again(found: list[Problem], loaded: list[Problem], dropped: frozenset[Loc]) -> list[Problem]:
    """The checks' problems minus those the loader already reported: one on a line the loader
    reported, or one about an object the loader built without a field it refused (a check would
    call that field missing, when the loader said why)."""
    lines = {p.loc.line for p in loaded}
    return [p for p in found if p.loc.line not in lines and p.loc not in dropped]


def _with_severity(problem: Problem, severity: Severity) -> Problem:
    if problem.severity is severity:
        return problem
    return Problem(problem.code, problem.message, problem.loc, severity, problem.hint, problem.fixable)


def _anchors(plan: Plan) -> list[int]:
    """Start lines of every item and section: an item's own lines run up to the next one."""
    lines = {entry.item.loc.line for entry in plan.entries()}
    lines.update(path[-1].loc.line for path in plan.all_sections())
    return sorted(lines)


def _span(line: int, anchors: Sequence[int]) -> range:
    """Lines a suppression on `line` covers: the item's own lines when it sits on an item's first line."""
    if line not in anchors:
        return range(line, line + 1)
    index = anchors.index(line)
    end = anchors[index + 1] if index + 1 < len(anchors) else 10**9
    return range(line, end)


def silenced(plan: Plan, text: str, code: str, line: int, config: Config | None = None) -> str | None:
    """Why `validate` would not report `code` on `line` of the plan file `text`: the reason of a
    `# cchc: ignore[CODE] lý do` comment that covers the line (a comment without a reason does
    not count: validate reports it), or the configuration ignoring the code; else None.

    For commands that report the same findings by other means (`cchc agencies` lists unknown
    agency names, A101) and must agree with `validate` about what is settled.
    """
    if config is not None and not config.enabled(code, plan.path):
        return f"cấu hình bỏ qua {code} ({config.source or 'mặc định'})"
    anchors = _anchors(plan)
    for sup in sup_check.parse(text, plan.path):
        if code in sup.codes and sup.reason and line in _span(sup.loc.line, anchors):
            return sup.reason
    return None


def _suppress(problems: list[Problem], plan: Plan, text: str, config: Config) -> list[Problem]:
    found = sup_check.parse(text, plan.path)
    if not found:
        return problems
    anchors = _anchors(plan)
    used: set[tuple[int, str]] = set()
    kept: list[Problem] = []
    for problem in problems:
        hiding = [s for s in found if problem.code in s.codes and problem.loc.line in _span(s.loc.line, anchors)]
        if hiding:
            used.update((s.loc.line, problem.code) for s in hiding)
        else:
            kept.append(problem)
    if not config.enabled(sup_check.CODE, plan.path):
        return kept
    known = known_codes()
    severity = config.severity_of(sup_check.CODE, sup_check.SEVERITY)
    for s in found:
        if not s.reason:
            kept.append(_with_severity(sup_check.without_reason(s), severity))
        for code in s.codes:
            live = code in known and config.enabled(code, plan.path)
            if (s.loc.line, code) not in used and (live or code not in known):
                kept.append(_with_severity(sup_check.unused(s, code), severity))
    return kept
