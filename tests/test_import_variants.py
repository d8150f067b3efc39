"""The variant corpus (tests/variants): annexes laid out the way other provinces lay them out.

Every variant is written as a real .docx and .xlsx and imported; every row must land in the
section its reader sees, under the item it belongs to, with its own effective lead, coordination
and time; `cchc tasks --agency <name typed without diacritics>` must list exactly the rows that
concern the agency; the heading's province must be found without `--province`; and the round trip
import → `cchc render --to xlsx` → import must keep every row's effective values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner
from variants.check import FileResult, check_file
from variants.make_corpus import VARIANTS, CorpusFile, Variant, outline, write_docx, write_xlsx

from cchc.cli import app
from cchc.importers import Options, import_plan
from cchc.plan.loader import parse_plan
from cchc.plan.model import Plan
from cchc.render import render

FILES = [(v, ext) for v in VARIANTS for ext in ("docx", "xlsx")]
IDS = [f"{v.name}.{ext}" for v, ext in FILES]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorpusFile]:
    folder = tmp_path_factory.mktemp("corpus")
    files = {}
    for variant, ext in FILES:
        writer = write_docx if ext == "docx" else write_xlsx
        files[f"{variant.name}.{ext}"] = CorpusFile(writer(variant, folder / f"{variant.name}.{ext}"), variant)
    return files


@pytest.fixture(scope="module")
def results(corpus: dict[str, CorpusFile], tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    work = tmp_path_factory.mktemp("imported")
    return {name: check_file(cf, work) for name, cf in corpus.items()}


@pytest.mark.parametrize("name", IDS)
def test_every_row_in_its_section_with_its_own_lead_coordination_and_time(
    name: str, results: dict[str, FileResult]
) -> None:
    result = results[name]
    assert result.error is None
    wrong = [(row.expected.text, {"want": row.expected.__dict__, "got": row.got}) for row in result.rows if not row.ok]
    assert wrong == []
    assert result.extra_leaves == []


@pytest.mark.parametrize("name", IDS)
def test_outline_is_the_one_the_table_shows(name: str, results: dict[str, FileResult], corpus: dict) -> None:
    result = results[name]
    assert result.outline == outline(corpus[name].variant)
    # The summary prints it, so a person can check it at a glance.
    for path, title in result.outline:
        number = f"{path[-1]}. " if path[-1] else ""
        assert f"{'  ' * len(path)}{number}{title[:60]}" in result.summary


@pytest.mark.parametrize("name", IDS)
def test_agency_row_counts_typed_without_diacritics(name: str, results: dict[str, FileResult]) -> None:
    counts = results[name].queries
    assert counts, "every variant asks for at least one agency"
    assert {typed: got for typed, (_want, got) in counts.items()} == {
        typed: want for typed, (want, _got) in counts.items()
    }


@pytest.mark.parametrize("name", IDS)
def test_province_and_issuer_come_from_the_heading(name: str, results: dict[str, FileResult], corpus: dict) -> None:
    variant: Variant = corpus[name].variant
    result = results[name]
    assert result.province_found, "imported without --province"
    assert (result.province, result.issuer, result.level) == (variant.province, variant.issuer, variant.level)


@pytest.mark.parametrize("name", [i for i in IDS if i.endswith(".docx")])
def test_import_command_needs_no_province_for_a_docx_that_names_it(
    name: str, corpus: dict[str, CorpusFile], tmp_path: Path
) -> None:
    cf = corpus[name]
    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(app, ["import", str(cf.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Dàn ý (outline)" in result.output
    plan = parse_plan(out.read_text(encoding="utf-8"), str(out))
    assert plan.meta.province == (cf.variant.province or "")


@pytest.mark.parametrize("name", IDS)
def test_no_numbering_gap_is_invented(name: str, results: dict[str, FileResult]) -> None:
    path = results[name].plan_path
    assert path is not None
    assert "numbering gap" not in path.read_text(encoding="utf-8")


def _effective(plan: Plan) -> dict[str, tuple[object, ...]]:
    return {
        (e.item.text or ""): (tuple(s.number for s in e.sections), e.lead, e.support, e.start, e.due)
        for e in plan.leaves()
    }


@pytest.mark.parametrize("name", IDS)
def test_round_trip_through_render_keeps_every_row(name: str, results: dict[str, FileResult], tmp_path: Path) -> None:
    path = results[name].plan_path
    assert path is not None
    plan = parse_plan(path.read_text(encoding="utf-8"), str(path))
    xlsx = tmp_path / "annex.xlsx"
    xlsx.write_bytes(render(plan, "xlsx"))
    period = plan.meta.period
    options = Options(province=plan.meta.province or None, period=(period.start, period.end))
    back = parse_plan(import_plan(xlsx, options).text, str(tmp_path / "back.yaml"))
    assert _effective(back) == _effective(plan)
