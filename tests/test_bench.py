"""The benchmark generator and harness still run (tiny inputs, one run; never timing assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc.plan.loader import load_plan, load_plans

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


def test_generated_plans_load_with_the_requested_size(tmp_path: Path) -> None:
    written = generate.generate(tmp_path, (10, 37), provinces=2, years=2, corpus_items=12)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "plan-10.yaml",
        "plan-37.yaml",
        "corpus/ha-noi/2021.yaml",
        "corpus/ha-noi/2022.yaml",
        "corpus/hue/2021.yaml",
        "corpus/hue/2022.yaml",
    ]
    plan = load_plan(tmp_path / "plan-37.yaml")
    assert sum(1 for _ in plan.entries()) == 37
    assert {e.item.kind for e in plan.entries()} <= {"objective", "task", "activity"}
    assert all(e.lead for e in plan.leaves())  # every row of work has a lead, own or inherited
    corpus = load_plans([tmp_path / "corpus"])
    assert [(p.meta.province, p.meta.period.start) for p in corpus] == [
        ("Hà Nội", 2021),
        ("Hà Nội", 2022),
        ("Huế", 2021),
        ("Huế", 2022),
    ]
    assert all(sum(1 for _ in p.entries()) == 12 for p in corpus)


def test_generator_is_deterministic() -> None:
    pools = generate.collect()
    assert generate.make_plan(pools, 50, seed=7) == generate.make_plan(pools, 50, seed=7)
    assert generate.make_plan(pools, 50, seed=7) != generate.make_plan(pools, 50, seed=8)


def test_wording_comes_from_real_plans() -> None:
    pools = generate.collect()
    assert "Sở Tư pháp" in pools["agency"]
    assert "Thường xuyên" in pools["due"]
    assert len(pools["text"]) >= 5


def test_scalars_read_back_as_the_same_text() -> None:
    import yaml

    for text in ["1", "1.10", "yes", "- gạch đầu dòng", "a: b", "x #y", "2024-06-30", "@abc", "=SUM(A1)", "ok: "]:
        assert yaml.safe_load(f"k: {generate.scalar(text)}") == {"k": text}


def test_harness_runs_on_tiny_inputs(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--tiny", "--runs", "1", "--warmup", "0", "--report", report],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    text = report.read_text(encoding="utf-8")
    assert "| `cchc --help` |" in text
    help_row = next(line for line in text.splitlines() if line.startswith("| `cchc --help` |"))
    assert help_row.endswith(("| met |", "| MISSED |"))  # measured, whatever the verdict
    assert "nproc" in text and "Python 3." in text
    assert "used (" in text  # the runs' cache folder is outside the work tree and really written
    assert "textconv" in text and "GROWS" not in text  # issue 20: repeating git diff / log -p adds no entries
