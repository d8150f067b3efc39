"""Benchmark harness: each target command against its reference, interleaved, in one run.

    python bench/generate.py && python bench/run.py            # full run (a few minutes)
    python bench/run.py --tiny --runs 1 --warmup 0              # smoke run on 10-item plans (tests)

For every benchmark the target and its reference run alternately (warm-up first, then
`--runs` pairs), so both see the same machine state; the table shows medians, the ratio and
the peak resident memory of the target (from `os.wait4`). A command that is not in this
checkout (`cchc <cmd> --help` fails) is reported as "not available", never a crash.
Exit code 0 unless the harness itself breaks: a missed target is a result, not an error.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
PY = sys.executable
CCHC = str(BIN / "cchc") if (BIN / "cchc").exists() else (shutil.which("cchc") or "cchc")
TODAY = "2024-06-30"
AGENCY = "Sở Tư pháp"


@dataclass
class Sample:
    seconds: float
    rss_mib: float
    code: int


def run_once(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Wall time and peak RSS of one run (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_maxrss / 1024, proc.returncode)


@dataclass
class Bench:
    name: str
    cmd: list[str]
    ref: list[str] | None = None  # None: an absolute limit in seconds
    limit: float = 1.0  # max ratio to the reference, or max seconds without one
    needs: tuple[str, ...] = ()  # cchc subcommands (and tools) that must exist
    prep: Callable[[], None] | None = None  # before each target run (e.g. empty the cache)
    ref_prep: Callable[[], None] | None = None
    ok_codes: tuple[int, ...] = (0, 1)
    env: dict[str, str] = field(default_factory=dict)  # extra environment of the target
    runs: int | None = None  # fewer runs for the slow ones (None: --runs)
    scale: tuple[str, int] | None = None  # (command, items) for the growth table
    mem_limit: float | None = None
    info: bool = False  # measured beside a target for context, not a target of the issue itself
    target: list[Sample] = field(default_factory=list)
    reference: list[Sample] = field(default_factory=list)
    missing: str = ""

    def verdict(self) -> str:
        if self.missing:
            return "not available"
        bad = [s.code for s in self.target if s.code not in self.ok_codes]
        if bad:
            return f"failed (exit {bad[0]})"
        if self.info:
            return "(info)"
        ok = self.value() <= self.limit and (self.mem_limit is None or self.peak() <= self.mem_limit)
        return "met" if ok else "MISSED"

    def median(self, samples: list[Sample]) -> float:
        return statistics.median(s.seconds for s in samples) if samples else float("nan")

    def peak(self) -> float:
        return max((s.rss_mib for s in self.target), default=float("nan"))

    def value(self) -> float:
        t = self.median(self.target)
        return t / self.median(self.reference) if self.ref else t


def available(names: tuple[str, ...], env: dict[str, str]) -> str:
    """Empty when every needed cchc subcommand / tool exists, else what is missing."""
    for name in names:
        if name.startswith("tool:"):
            if not Path(name[5:]).exists() and not shutil.which(name[5:]):
                return f"{name[5:]} not installed"
            continue
        proc = subprocess.run([CCHC, name, "--help"], capture_output=True, env=env, check=False)
        if proc.returncode != 0:
            return f"`cchc {name}` not on this branch"
    return ""


def measure(bench: Bench, runs: int, warmup: int, cwd: Path, env: dict[str, str]) -> None:
    bench.missing = available(bench.needs, env)
    if bench.missing:
        return
    runs = min(runs, bench.runs or runs)
    warmup = min(warmup, 1) if bench.runs else warmup
    for i in range(warmup + runs):
        if bench.prep:
            bench.prep()
        sample = run_once(bench.cmd, cwd, {**env, **bench.env})
        if i >= warmup:
            bench.target.append(sample)
        if bench.ref:
            if bench.ref_prep:
                bench.ref_prep()
            ref = run_once(bench.ref, cwd, env)
            if i >= warmup:
                bench.reference.append(ref)


def cache_entries(cache: Path) -> tuple[int, int]:
    """Entries (`*.pickle`) in the cache folder and their bytes."""
    sizes = [p.stat().st_size for p in cache.glob("*.pickle")] if cache.is_dir() else []
    return len(sizes), sum(sizes)


def cache_works(cache: Path, cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Checks that the runs' cache folder is really used (cchc silently refuses one inside a git work tree,
    or one writable by others): a command on a plan must leave an entry there, else "warm" rows are cold."""
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    count, size = cache_entries(cache)
    if not count:
        return f"{cache} NOT USED (no entry written): the warm rows below are cold"
    return f"{cache}, used ({count} entries, {size / 1024:.0f} kB after one `cchc show`)"


def machine() -> str:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        mem = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        mem = "unknown"
    return (
        f"- CPU: {model}, nproc {os.cpu_count()}\n- Memory: {mem}\n"
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}\n"
        f"- check-jsonschema's YAML reader: {_ruamel_reader()}\n"
    )


def _ruamel_reader() -> str:
    """check-jsonschema reads YAML with ruamel.yaml: 4x faster with its C extension (ruamel.yaml.clib)."""
    try:
        import _ruamel_yaml  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return "ruamel.yaml, pure Python (install ruamel.yaml.clib for the issue's reference: 4x faster)"
    return "ruamel.yaml with its C extension (ruamel.yaml.clib)"


def fmt_s(seconds: float) -> str:
    return "–" if seconds != seconds else (f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s")


def table(benches: list[Bench]) -> str:
    rows = [
        "| Benchmark | Target median | Reference median | Ratio / time | Limit | Peak RSS | Result |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for b in benches:
        if b.missing:
            rows.append(f"| {b.name} | – | – | – | – | – | not available ({b.missing}) |")
            continue
        value = f"{b.value():.2f}×" if b.ref else fmt_s(b.value())
        limit = "–" if b.info else (f"≤ {b.limit}×" if b.ref else f"≤ {fmt_s(b.limit)}")
        if b.mem_limit:
            limit += f", ≤ {b.mem_limit:.0f} MiB"
        ref = fmt_s(b.median(b.reference)) if b.ref else "–"
        target = fmt_s(b.median(b.target))
        rows.append(f"| {b.name} | {target} | {ref} | {value} | {limit} | {b.peak():.0f} MiB | {b.verdict()} |")
    return "\n".join(rows)


def growth(benches: list[Bench]) -> str:
    """Time per item between sizes: linear growth keeps the two slopes close (startup cancels out)."""
    by_cmd: dict[str, dict[int, float]] = {}
    for b in benches:
        if b.scale and not b.missing and b.target:
            by_cmd.setdefault(b.scale[0], {})[b.scale[1]] = b.median(b.target)
    sizes_seen = sorted({n for t in by_cmd.values() for n in t})[:3]
    if len(sizes_seen) < 3:
        return "(not enough sizes measured)"
    a, b, c = sizes_seen
    rows = [
        f"| Command | {a} items | {b} items | {c} items | ms/item {a}→{b} | ms/item {b}→{c} | slope ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for cmd, t in by_cmd.items():
        sizes = sorted(t)
        if len(sizes) < 3:
            continue
        a, b, c = sizes[:3]
        s1 = (t[b] - t[a]) / (b - a) * 1000
        s2 = (t[c] - t[b]) / (c - b) * 1000
        ratio = f"{s2 / s1:.2f}" if s1 > 0 else "–"
        rows.append(f"| `{cmd}` | {fmt_s(t[a])} | {fmt_s(t[b])} | {fmt_s(t[c])} | {s1:.2f} | {s2:.2f} | {ratio} |")
    return "\n".join(rows)


def commands(benches: list[Bench], out: Path) -> str:
    def show(cmd: list[str]) -> str:
        files = [a for a in cmd if a.endswith(".yaml") and "/corpus/" in a]
        if len(files) > 3:  # the corpus listed file by file for check-jsonschema
            cmd = [a for a in cmd if a not in files] + [str(out / "corpus" / "*" / "*.yaml")]
        words = [a.replace(str(out), "$OUT").replace(PY, "python").replace(CCHC, "cchc") for a in cmd]
        words = [w.replace(str(BIN) + "/", "") for w in words]
        return " ".join(
            w if w.replace("/", "").replace("$", "").replace("-", "").isalnum() or " " not in w else repr(w)
            for w in words
        )

    lines = []
    for b in benches:
        prefix = "".join(f"{k}={v} " for k, v in b.env.items())
        lines.append(f"- {b.name}: `{prefix}{show(b.cmd)}`" + (f" vs `{show(b.ref)}`" if b.ref else ""))
    return "\n".join(lines)


def benches(out: Path, cache: Path, sizes: tuple[int, ...], mid: int) -> list[Bench]:
    plan = str(out / f"plan-{mid}.yaml")
    corpus = out / "corpus"
    files = [str(p) for p in sorted(corpus.rglob("*.yaml"))]
    schema = out / "cchc-plan-1.schema.json"
    cjs = str(BIN / "check-jsonschema") if (BIN / "check-jsonschema").exists() else "check-jsonschema"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    nocache = {"CCHC_NO_CACHE": "1"}
    yaml_ref = [PY, "-c", f"import yaml; yaml.load(open({plan!r}).read(), Loader=yaml.CSafeLoader)"]
    due = [CCHC, "due", "--agency", AGENCY, "--today", TODAY, plan]
    xlsx = str(out / "work" / "plan.xlsx")
    out_list: list[Bench] = [
        Bench("`cchc --help`", [CCHC, "--help"], [PY, "-c", "import typer"], 1.3),
        Bench(f"`cchc due` {mid} items (cache warm)", due, yaml_ref, 1.5, needs=("due",)),
        # The first run after a plan changes parses it (the issue's own figures reach the target
        # with a content-keyed cache, as the row above does): shown for context.
        Bench(
            f"`cchc due` {mid} items (first run: CCHC_NO_CACHE=1)",
            due,
            yaml_ref,
            1.5,
            needs=("due",),
            env=nocache,
            info=True,
        ),
        Bench(
            f"`cchc validate` corpus ({len(files)} files, cold cache)",
            [CCHC, "validate", str(corpus)],
            [cjs, "--schemafile", str(schema), *files],
            0.5,
            needs=("validate", f"tool:{cjs}"),
            prep=clear,
            mem_limit=300,
            runs=3,
        ),
        Bench(
            "`cchc validate` corpus, 2nd run (unchanged files) vs 1st",
            [CCHC, "validate", str(corpus)],
            [CCHC, "validate", str(corpus)],
            0.2,
            needs=("validate",),
            ref_prep=clear,
            mem_limit=300,
            runs=3,
        ),
        Bench(
            f"`cchc render --to xlsx` {mid} items",
            [CCHC, "render", plan, "--to", "xlsx", "-o", xlsx, "--force"],
            None,
            1.0,
            needs=("render",),
        ),
        Bench(f"`cchc fmt --check` {mid} items", [CCHC, "fmt", "--check", plan], None, 2.0, needs=("fmt",)),
        # Issue 19: the static site with its calendars; measured for the record, not a target.
        Bench(
            "`cchc site plans/` (the real plans, with calendars)",
            [CCHC, "site", str(ROOT / "plans"), "-o", str(out / "work" / "site"), "--today", TODAY],
            None,
            10,
            needs=("site",),
            env=nocache,
            runs=3,
            info=True,
        ),
        Bench(
            f"`cchc site` {mid} items (with calendars)",
            [CCHC, "site", plan, "-o", str(out / "work" / "site-gen"), "--today", TODAY],
            None,
            10,
            needs=("site",),
            env=nocache,
            runs=3,
            info=True,
        ),
        Bench(
            f"loader `load_plans` corpus (cold cache, {len(files)} files)",
            [PY, "-c", f"from cchc.plan.loader import load_plans; load_plans([{str(corpus)!r}])"],
            None,
            60,
            prep=clear,
            info=True,
        ),
        Bench(
            f"loader `load_plans` corpus (warm cache, {len(files)} files)",
            [PY, "-c", f"from cchc.plan.loader import load_plans; load_plans([{str(corpus)!r}])"],
            None,
            60,
            info=True,
        ),
    ]
    # Growth with size: the same commands on 100 / 500 / 5 000 items, no cache (see the growth table).
    for n in sizes:
        f = str(out / f"plan-{n}.yaml")
        slow = 3 if n == sizes[-1] else None
        out_list += [
            Bench(f"scale: `cchc due` {n} items", [*due[:-1], f], None, 60, needs=("due",), env=nocache,
                  runs=slow, scale=("cchc due", n)),
            Bench(f"scale: `cchc validate` {n} items", [CCHC, "validate", f], None, 60, needs=("validate",),
                  env=nocache, runs=slow, scale=("cchc validate", n)),
            Bench(f"scale: `cchc render --to xlsx` {n} items",
                  [CCHC, "render", f, "--to", "xlsx", "-o", xlsx, "--force"], None, 60, needs=("render",),
                  env=nocache, runs=slow, scale=("cchc render --to xlsx", n)),
            Bench(f"scale: `cchc fmt --check` {n} items", [CCHC, "fmt", "--check", f], None, 60, needs=("fmt",),
                  env=nocache, runs=slow, scale=("cchc fmt --check", n)),
        ]  # fmt: skip
    return out_list


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "out", help="generated plans (bench/generate.py)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--tiny", action="store_true", help="generate 10/20/40-item plans in a temp dir and use them")
    parser.add_argument("--only", default="", help="run only benchmarks whose name contains this text")
    parser.add_argument("--report", type=Path, help="also write the Markdown report here")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cchc-bench-cache",
        help="CCHC_CACHE_DIR of the runs: outside any git work tree (cchc refuses a cache folder inside one)",
    )
    args = parser.parse_args(argv)

    sizes, mid = (100, 500, 5000), 500
    tmp = None
    if args.tiny:
        tmp = tempfile.TemporaryDirectory()
        args.out = Path(tmp.name)
        sizes, mid = (10, 20, 40), 20
        sys.path.insert(0, str(HERE))
        import generate

        generate.generate(args.out, sizes, 2, 1, 10)
    if not (args.out / f"plan-{mid}.yaml").exists():
        print(f"no plans in {args.out}: run bench/generate.py first", file=sys.stderr)
        return 2
    work = args.out / "work"
    work.mkdir(parents=True, exist_ok=True)
    cache = Path(tmp.name) / "cache" if tmp else args.cache.resolve()
    env = {**os.environ, "CCHC_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("CCHC_NO_CACHE", None)
    schema = subprocess.run([CCHC, "schema"], capture_output=True, env=env, check=False)
    (args.out / "cchc-plan-1.schema.json").write_bytes(schema.stdout)
    warm = cache_works(cache, [CCHC, "show", str(args.out / f"plan-{mid}.yaml")], work, env)
    print(f"  cache folder {cache}: {warm}", file=sys.stderr, flush=True)

    todo = [b for b in benches(args.out, cache, sizes, mid) if args.only in b.name]
    for b in todo:
        measure(b, args.runs, args.warmup, work, env)
        print(f"  {b.name}: {b.verdict()}", file=sys.stderr, flush=True)
    sections = []
    if args.only in "textconv git diff log":  # issue 20: the git diff driver, on a repository of plans/
        sys.path.insert(0, str(HERE))
        import textconv

        sections.append(textconv.measure(min(args.runs, 5), min(args.warmup, 1)))
        print(f"  {textconv.NAME}: measured", file=sys.stderr, flush=True)
    report = "\n\n".join(
        [
            f"### Results ({args.runs} runs each after {args.warmup} warm-up, slow ones 3 after 1; medians)",
            table([b for b in todo if not b.scale]),
            "### Growth with plan size (no cache)",
            growth(todo),
            table([b for b in todo if b.scale]),
            *sections,
            "### Command lines ($OUT = the generated plans folder)",
            commands(todo, args.out),
            "### Machine",
            machine() + f"- Cache folder (CCHC_CACHE_DIR): {warm}\n",
        ]
    )
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
