"""import → render → import keeps every item: texts, agencies and time texts survive the round trip.

Real plans (plans/) and generated plans (bench/generate.py, random seeds) are rendered to
.xlsx and imported back; every item's text, lead, support and time text must come back.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc.importers import Options, import_plan
from cchc.plan.loader import discover, load_plan, parse_plan
from cchc.plan.model import Entry, Plan
from cchc.render import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

POOLS = generate.collect()


def _readings(entry: Entry, name: str) -> set[object]:
    """A field's value, and the source cell's text when the importer mended it (`Thườn g xuyên`
    split by a page break becomes `Thường xuyên`, the original kept in `source`)."""
    owner = entry.owner(name)
    if owner is None:
        return {None}
    value = getattr(owner, name)
    return {value, owner.source.get(name, value)} if isinstance(value, str) else {value}


def _words(agencies: tuple[str, ...]) -> str:
    return " ".join(re.sub(r"[;,.\-–]", " ", " ".join(agencies)).split())


def assert_same_items(back: Plan, plan: Plan) -> None:
    """Item by item in document order: text, agencies and time texts as the annex shows them."""
    before, after = list(plan.entries()), list(back.entries())
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        # Every agency word comes back; a cell the importer splits differently (`A. - B`) is not a loss.
        assert _words(new.lead) == _words(old.lead) and _words(new.support) == _words(old.support), old.item.id
        for name in ("text", "due", "start", "output"):
            assert _readings(new, name) & _readings(old, name), (old.item.id, name)


def round_trip(plan: Plan, tmp: Path) -> Plan:
    xlsx = tmp / "annex.xlsx"
    xlsx.write_bytes(render(plan, "xlsx"))
    period = plan.meta.period
    options = Options(province=plan.meta.province, period=(period.start, period.end))
    return parse_plan(import_plan(xlsx, options).text, str(tmp / "back.yaml"))


@pytest.mark.parametrize("path", discover([ROOT / "plans"]), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_plans_survive_render_and_import(path: Path, tmp_path: Path) -> None:
    plan = load_plan(path)
    assert_same_items(round_trip(plan, tmp_path), plan)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), items=st.integers(3, 40), loose=st.booleans())
@example(seed=391, items=26, loose=True)  # an activity right under a section, after a task that sets `start`
@example(seed=828494, items=20, loose=True)  # a task row of its own whose merged `start` equals the row above
def test_generated_plans_survive_render_and_import(seed: int, items: int, loose: bool, tmp_path: Path) -> None:
    plan = parse_plan(generate.make_plan(POOLS, items, seed=seed, loose=loose), "generated.yaml")
    assert_same_items(round_trip(plan, tmp_path), plan)
