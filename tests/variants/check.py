"""Import every file of the variant corpus and compare it with what a reader of the table sees.

`check_file` returns, for one .docx/.xlsx, every row's verdict (section path and parent, lead,
coordination, time) and the `cchc tasks --agency` counts; `python tests/variants/check.py` prints
the totals over the whole corpus (the numbers quoted in reviews: before and after a change).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script
    sys.path.insert(0, str(HERE.parent))

from cchc.errors import CchcError  # noqa: E402
from cchc.importers import Options, import_plan  # noqa: E402
from cchc.plan.model import Entry, Plan  # noqa: E402
from cchc.text import clean  # noqa: E402
from variants.make_corpus import CorpusFile, Expected, build, outline, query_counts, rows_of  # noqa: E402


@dataclass
class RowResult:
    expected: Expected
    found: bool = False
    placed: bool = False
    lead: bool = False
    support: bool = False
    time: bool = False
    got: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.found and self.placed and self.lead and self.support and self.time


@dataclass
class FileResult:
    name: str
    province_found: bool = False
    province: str | None = None
    issuer: str | None = None
    level: str | None = None
    error: str | None = None
    outline_ok: bool = False
    outline: list[tuple[list[str], str]] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    extra_leaves: list[str] = field(default_factory=list)
    queries: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # typed -> (expected, got)
    plan_path: Path | None = None
    summary: str = ""


def _registry(plan: Plan) -> Any:
    from cchc.agencies import registry

    relative = getattr(registry, "plan_registry", None)
    return relative(plan) if relative is not None else registry.registry_for(plan.path)


def _agencies(cells: tuple[str, ...], reg: Any) -> list[str]:
    from cchc.agencies.mentions import read_cells

    return [m.agency or m.text for m in read_cells(cells, reg)]


def _sections(plan: Plan) -> list[tuple[list[str], str]]:
    return [([s.number for s in path], path[-1].title) for path in plan.all_sections()]


def _import(cf: CorpusFile, work: Path, result: FileResult) -> Plan | None:
    from cchc.plan.loader import parse_plan

    variant = cf.variant
    out = work / cf.path.stem / cf.path.suffix.lstrip(".") / "plan.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    options = Options(**variant.options)  # type: ignore[arg-type]
    try:
        imported = import_plan(cf.path, options, out)
        result.province_found = True
    except CchcError as exc:
        if not any(p.code == "I009" for p in exc.problems):
            result.error = str(exc.problems[0].message)
            return None
        # The heading names the province, but the importer did not find it: score the rest anyway.
        retry = Options(province=variant.province or "Không rõ", period=(2025, 2025))
        try:
            imported = import_plan(cf.path, retry, out)
        except CchcError as again:
            result.error = str(again.problems[0].message)
            return None
    meta = imported.plan["plan"]
    result.province = meta.get("province")
    result.issuer = meta.get("issuer")
    result.level = meta.get("issuer_level", "province")
    if result.province_found and (result.province or None) != variant.province:
        result.province_found = False
    import io

    from cchc.commands.import_ import print_summary

    buf = io.StringIO()
    print_summary(imported.summary, out, buf)
    result.summary = buf.getvalue()
    out.write_text(imported.text, encoding="utf-8")
    result.plan_path = out
    return parse_plan(imported.text, str(out))


def _leaf_text(entry: Entry) -> str:
    return clean(entry.item.text or "")


def check_file(cf: CorpusFile, work: Path, *, queries: bool = True) -> FileResult:
    """Import one corpus file and judge every row against the variant's expected reading."""
    result = FileResult(cf.path.name)
    plan = _import(cf, work, result)
    if plan is None:
        result.rows = [RowResult(e) for e in rows_of(cf.variant)]
        return result
    result.outline = _sections(plan)
    result.outline_ok = result.outline == outline(cf.variant)
    reg = _registry(plan)
    leaves = {(_leaf_text(e)): e for e in plan.leaves()}
    matched: set[str] = set()
    for expected in rows_of(cf.variant):
        row = RowResult(expected)
        entry = leaves.get(clean(expected.text))
        result.rows.append(row)
        if entry is None:
            continue
        matched.add(clean(expected.text))
        row.found = True
        path = [s.number for s in entry.sections]
        parent = clean(entry.ancestors[-1].text or "") if entry.ancestors else None
        lead, support = _agencies(entry.lead, reg), _agencies(entry.support, reg)
        row.got = {"path": path, "parent": parent, "lead": lead, "support": support, "start": entry.start,
                   "due": entry.due}  # fmt: skip
        row.placed = path == expected.path and parent == (clean(expected.parent) if expected.parent else None)
        row.lead = lead == expected.lead
        row.support = support == expected.support
        row.time = (entry.start, entry.due) == (expected.start, expected.due)
    result.extra_leaves = [t for t in leaves if t not in matched]
    if queries and result.plan_path is not None:
        for typed, count in query_counts(cf.variant).items():
            result.queries[typed] = (count, _tasks_count(result.plan_path, typed))
    return result


def _tasks_count(path: Path, typed: str) -> int | None:
    """Rows `cchc tasks --agency typed` lists for the plan (None when the command fails)."""
    from typer.testing import CliRunner

    from cchc.cli import app

    out = CliRunner().invoke(app, ["tasks", str(path), "--agency", typed, "--format", "json"])
    if out.exit_code != 0:
        return None
    try:
        return len(json.loads(out.stdout)["items"])
    except ValueError:
        return None


@dataclass
class Totals:
    files: int = 0
    rows: int = 0
    found: int = 0
    placed: int = 0
    lead: int = 0
    support: int = 0
    time: int = 0
    all_right: int = 0
    outlines: int = 0
    provinces: int = 0
    queries: int = 0
    queries_exact: int = 0
    errors: int = 0
    extra: int = 0

    def add(self, res: FileResult) -> None:
        self.files += 1
        self.errors += res.error is not None
        self.outlines += res.outline_ok
        self.provinces += res.province_found
        self.extra += len(res.extra_leaves)
        for row in res.rows:
            self.rows += 1
            self.found += row.found
            self.placed += row.found and row.placed
            self.lead += row.found and row.lead
            self.support += row.found and row.support
            self.time += row.found and row.time
            self.all_right += row.ok
        for want, got in res.queries.values():
            self.queries += 1
            self.queries_exact += want == got


def main(argv: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = build(work / "corpus")
        totals = Totals()
        for cf in files:
            res = check_file(cf, work / "out")
            totals.add(res)
            if "-v" in argv:
                bad = [r for r in res.rows if not r.ok]
                queries = {k: v for k, v in res.queries.items() if v[0] != v[1]}
                print(
                    f"{res.name}: province {res.province!r} found={res.province_found} outline={res.outline_ok} "
                    f"bad rows {len(bad)} extra {len(res.extra_leaves)} queries off {queries} {res.error or ''}"
                )
                if "-vv" in argv:
                    for r in bad:
                        print("   ", r.expected.text[:50], {k: v for k, v in r.got.items()}, r.found, r.placed,
                              r.lead, r.support, r.time)  # fmt: skip
    t = totals
    print(
        f"files {t.files} (import errors {t.errors}), rows {t.rows}: found {t.found}, placed right {t.placed}, "
        f"lead {t.lead}, coordination {t.support}, time {t.time}, all right {t.all_right}; "
        f"extra leaves {t.extra}; outlines right {t.outlines}/{t.files}; province found {t.provinces}/{t.files}; "
        f"agency counts exact {t.queries_exact}/{t.queries}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
