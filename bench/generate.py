"""Deterministic generator of realistic cchc-plan/1 files for the benchmarks.

Every phrase, agency and time text comes from real plans: the YAML plans in `plans/` when
present (read with cchc's own loader), plus the seed text dumps (`/work/shared/seeds/*.txt`,
tables as tab-separated rows; override with CCHC_SEEDS). Only the structure and the mix are
random, from a seeded `random.Random`, so the same arguments give the same bytes.

    python bench/generate.py                 # sizes 100/500/5000 + 34 provinces x 5 years corpus
    python bench/generate.py --items 10 --corpus 2x1 --out /tmp/b   # tiny (used by the tests)

Output (git-ignored): `bench/out/plan-<N>.yaml` and `bench/out/corpus/<province>/<year>.yaml`.
The files are written in the canonical layout `cchc fmt` enforces, so `fmt --check` has
nothing to change and every file loads cleanly.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc.text import clean, strip_markup  # noqa: E402

SEEDS = Path(os.environ.get("CCHC_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
SIZES = (100, 500, 5000)
YEARS = (2021, 2022, 2023, 2024, 2025)
#: The 34 provinces and cities after the 2025 merger.
PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
SEED_PROVINCES = ("Tuyên Quang", "Hà Tĩnh", "Ví Dụ")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

#: Header words → the field a column holds (checked in order; first match wins).
_COLUMN_WORDS = (
    ("chủ trì", "lead"),
    ("phối hợp", "support"),
    ("hoàn thành", "due"),
    ("thời gian thực hiện", "start"),
    ("thời gian", "due"),
    ("kết quả", "output"),
    ("sản phẩm", "output"),
    ("kinh phí", "funding"),
    ("ghi chú", "note"),
    ("hoạt động", "text"),
    ("nhiệm vụ", "text"),
    ("mục tiêu", "text"),
    ("chỉ tiêu", "text"),
    ("nội dung", "text"),
)
_ROMAN_RE = re.compile(r"^[IVX]+$")


@dataclass
class Pools:
    """Real wording, by field: what the generator draws from."""

    text: set[str] = field(default_factory=set)
    output: set[str] = field(default_factory=set)
    agency: list[str] = field(default_factory=list)  # with repeats: common agencies stay common
    start: set[str] = field(default_factory=set)
    due: set[str] = field(default_factory=set)
    funding: set[str] = field(default_factory=set)
    section: set[str] = field(default_factory=set)

    def add(self, name: str, value: str | None) -> None:
        if value:
            value = clean(value)
            if 2 <= len(value) <= 600:
                pool = getattr(self, name)
                pool.append(value) if isinstance(pool, list) else pool.add(value)

    def frozen(self) -> dict[str, list[str]]:
        """Sorted lists (set order is not deterministic across runs)."""
        out = {name: sorted(getattr(self, name)) for name in self.__dataclass_fields__}
        for name, fallback in (("start", "Năm 2024"), ("funding", "Theo dự toán được cấp"), ("section", "KHÁC")):
            out[name] = out[name] or [fallback]
        return out


def _columns(header: list[str]) -> dict[int, str]:
    cols: dict[int, str] = {}
    for index, label in enumerate(header):
        low = label.lower()
        for word, name in _COLUMN_WORDS:
            if word in low:
                cols[index] = name
                break
    return cols


def read_seed(path: Path, pools: Pools) -> None:
    """Cells of a seed text dump: a header row (TT/STT …) names the columns of the rows after it."""
    cols: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = [strip_markup(c) for c in line.split("\t")]
        if cells[0].upper() in ("TT", "STT"):
            cols = _columns(cells)
            continue
        if not cols:
            continue
        if _ROMAN_RE.match(cells[0]) and len(cells) > 1:
            pools.add("section", cells[1])
            continue
        for index, name in cols.items():
            if index >= len(cells) or not cells[index]:
                continue
            cell = cells[index]
            if name in ("lead", "support"):
                for part in re.split(r";|\n", cell):
                    pools.add("agency", part.strip(" -.;,"))
            elif name == "text":
                pools.add("text", re.sub(r"^\d+(\.\d+)*\.?\s+", "", cell))
            else:
                pools.add(name, cell)


def read_plans(folder: Path, pools: Pools) -> int:
    """Wording of the YAML plans already in the repository (real plans arrive from `import`)."""
    from cchc.errors import CchcError
    from cchc.plan.loader import discover, load_plan

    count = 0
    for path in discover([folder]) if folder.is_dir() else []:
        try:
            plan = load_plan(path)
        except CchcError:
            continue
        count += 1
        for trail in plan.all_sections():
            pools.add("section", trail[-1].title)
        for entry in plan.entries():
            item = entry.item
            pools.add("text", item.text)
            for name in ("output", "start", "due", "funding"):
                pools.add(name, getattr(item, name))
            for agency in (*(item.lead or ()), *(item.support or ())):
                pools.add("agency", agency)
    return count


def collect(plans_dir: Path = ROOT / "plans", seeds: Path = SEEDS) -> dict[str, list[str]]:
    pools = Pools()
    read_plans(plans_dir, pools)
    for seed in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        read_seed(seed, pools)
    return pools.frozen()


# --- YAML emission (canonical layout, written by hand: ruamel.yaml would take minutes for the corpus) ---

_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`=+][^\n]*$")
_NOT_STR = re.compile(
    r"^(?:[-+]?[0-9_.:]+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.(?:inf|Inf|INF|nan|NaN|NAN)|"
    r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|"
    r"\d{4}-\d\d?-\d\d?.*)$"
)


def scalar(value: str) -> str:
    """A YAML scalar for `value`: plain when that reads back as the same string, else double-quoted."""
    if _PLAIN_OK.match(value) and not _NOT_STR.match(value) and ": " not in value and " #" not in value:
        if not value.endswith((" ", ":")):
            return value
    return json.dumps(value, ensure_ascii=False)


def _slug(text: str) -> str:
    from cchc.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass
class Writer:
    lines: list[str] = field(default_factory=list)

    def kv(self, indent: int, key: str, value: str | None, first: bool = False) -> None:
        if value is None:
            return
        prefix = " " * indent + ("- " if first else "")
        self.lines.append(f"{prefix}{key}: {scalar(value)}")

    def agencies(self, indent: int, key: str, names: Iterable[str]) -> None:
        self.lines.append(" " * indent + f"{key}:")
        self.lines.extend(" " * (indent + 2) + "- " + scalar(n) for n in names)


class PlanMaker:
    """One plan: sections of objectives → tasks → activities, `items` of them in all."""

    def __init__(
        self, pools: dict[str, list[str]], rng: random.Random, province: str, year: int, loose: bool = True
    ) -> None:
        self.loose = loose  # allow activities straight under a section (blank objective and task cells)
        self.p = pools
        self.rng = rng
        self.province = province
        self.year = year
        self.w = Writer()
        self.made = 0
        self.number = 0

    def pick(self, name: str) -> str:
        text = self.rng.choice(self.p[name])
        for seed in SEED_PROVINCES:
            text = text.replace(seed, self.province)
        return re.sub(r"\b20(2[0-9]|30)\b", str(self.year), text) if name in ("due", "start") else text

    def agencies(self, n: int) -> list[str]:
        names: list[str] = []
        while len(names) < n:
            name = self.pick("agency")
            if name not in names:
                names.append(name)
        return names

    def header(self) -> None:
        y = self.year
        number = f"{self.rng.randint(10, 400)}/KH-UBND"
        day = self.rng.randint(1, 28)
        self.w.lines += [
            "# yaml-language-server: $schema=../../schema/cchc-plan-1.schema.json",
            "format: cchc-plan/1",
            "plan:",
            f"  issuer: UBND tỉnh {self.province}",
            f"  province: {self.province}",
            "  kind: Kế hoạch",
            f'  number: "{number}"' if scalar(number) != number else f"  number: {number}",
            f"  date: {y - 1}-12-{day:02d}",
            f"  title: Kế hoạch cải cách hành chính năm {y}",
            f"  period: {{start: {y}, end: {y}}}",
            "annex:",
            f"  title: NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {y}",
            f"  subtitle: (Kèm theo Kế hoạch số {number} ngày {day} tháng 12 năm {y - 1}"
            f" của UBND tỉnh {self.province})",
            "  column_numbers: true",
            "  columns:",
            "    - {key: number, label: TT}",
            "    - {key: objective, label: Mục tiêu/Chỉ tiêu}",
            "    - {key: task, label: Nhiệm vụ}",
            "    - {key: activity, label: Hoạt động}",
            '    - {key: output, label: "Kết quả, sản phẩm"}',
            "    - {key: lead, label: Chủ trì}",
            "    - {key: support, label: Phối hợp}",
            "    - {key: start, label: Thời gian thực hiện}",
            "    - {key: due, label: Thời gian hoàn thành}",
            "    - {key: funding, label: Kinh phí}",
            "sections:",
        ]

    def item(self, indent: int, item_id: str, kind: str, numbered: str, leaf: bool) -> None:
        w, rng = self.w, self.rng
        self.made += 1
        w.kv(indent, "id", item_id, first=True)
        ind = indent + 2
        w.kv(ind, "number", numbered or None)
        w.kv(ind, "kind", kind)
        w.kv(ind, "text", f"{numbered}. {self.pick('text')}" if numbered else self.pick("text"))
        if leaf or rng.random() < 0.3:  # responsibility on a parent = a merged cell, inherited
            w.kv(ind, "output", self.pick("output"))
            w.agencies(ind, "lead", self.agencies(1 + (rng.random() < 0.2)))
            w.agencies(ind, "support", self.agencies(rng.randint(1, 3)))
            if rng.random() < 0.4:
                w.kv(ind, "start", self.pick("start"))
            w.kv(ind, "due", self.pick("due"))
            if rng.random() < 0.5:
                w.kv(ind, "funding", self.pick("funding"))
        if leaf and rng.random() < 0.15:
            w.lines.append(" " * ind + "progress:")
            w.kv(ind + 2, "status", rng.choice(("not_started", "in_progress", "done")))

    def build(self, items: int) -> str:
        self.header()
        sections = max(1, min(len(ROMAN), items // 40 or 1))
        per_section = [items // sections + (i < items % sections) for i in range(sections)]
        for s, budget in enumerate(per_section):
            self.w.kv(2, "number", ROMAN[s], first=True)
            self.w.kv(4, "title", self.pick("section").upper())
            self.w.lines.append("    items:")
            start = self.made
            o = 0
            while self.made - start < budget:
                o += 1
                oid = f"{ROMAN[s]}-{o}"
                left = budget - (self.made - start)
                if left < 3:  # too few for a whole objective: single rows straight under the section
                    self.item(6, oid, "activity" if self.loose else "objective", f"{o}", leaf=True)
                    continue
                self.item(6, oid, "objective", f"{o}", leaf=False)
                self.w.lines.append("        items:")
                tasks = self.rng.randint(1, 3)
                for t in range(1, tasks + 1):
                    left = budget - (self.made - start)
                    if left < 2:
                        break
                    tid = f"{oid}-t{t}"
                    self.number += 1
                    self.item(10, tid, "task", "", leaf=False)
                    self.w.lines.append("            items:")
                    acts = min(self.rng.randint(1, 4), left - 1)
                    for a in range(1, acts + 1):
                        self.item(14, f"{tid}-a{a}", "activity", "", leaf=True)
        return "\n".join(self.w.lines) + "\n"


def make_plan(
    pools: dict[str, list[str]],
    items: int,
    *,
    seed: int,
    province: str = "Ví Dụ",
    year: int = 2024,
    loose: bool = True,
) -> str:
    """The text of one plan with `items` items (objectives, tasks and activities)."""
    return PlanMaker(pools, random.Random(seed), province, year, loose).build(items)


def canonical(text: str, path: Path) -> str:
    """The text in `cchc fmt`'s exact layout when this checkout has it (so `fmt --check` finds nothing)."""
    try:
        from cchc.plan.writer import format_text
    except ImportError:
        return text
    return format_text(text, path)


def generate(out: Path, sizes: Iterable[int], provinces: int, years: int, corpus_items: int) -> list[Path]:
    pools = collect()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n in sizes:
        path = out / f"plan-{n}.yaml"
        path.write_text(canonical(make_plan(pools, n, seed=n), path), encoding="utf-8")
        written.append(path)
    for p, province in enumerate(PROVINCES[:provinces]):
        folder = out / "corpus" / _slug(province)
        folder.mkdir(parents=True, exist_ok=True)
        for year in YEARS[:years]:
            path = folder / f"{year}.yaml"
            text = make_plan(pools, corpus_items, seed=p * 100 + year, province=province, year=year)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--items", type=int, nargs="*", default=list(SIZES), help="plan sizes (items)")
    parser.add_argument("--corpus", default="34x5", help="PROVINCESxYEARS (0x0 for none)")
    parser.add_argument("--corpus-items", type=int, default=500)
    args = parser.parse_args(argv)
    provinces, years = (int(x) for x in args.corpus.split("x"))
    written = generate(args.out, args.items, provinces, years, args.corpus_items)
    total = sum(p.stat().st_size for p in written)
    print(f"{len(written)} files, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
