"""Property tests of `cchc fmt` (cchc.plan.writer.format_text): idempotent, keeps every comment, keeps the data."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.errors import CchcError
from cchc.plan.loader import discover, load_plan, parse_plan
from cchc.plan.model import Plan
from cchc.plan.writer import format_text

ROOT = Path(__file__).resolve().parent.parent
PLANS = {p: p.read_text(encoding="utf-8") for p in discover([ROOT / "plans"])}
PROPS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.text(st.sampled_from("abcxyz ĐđệờẫỰ0123456789-_:,.()/"), min_size=1, max_size=24)


def data(plan: Plan) -> list[tuple[object, ...]]:
    """Everything a plan says, without where it says it."""
    meta = plan.meta
    rows: list[tuple[object, ...]] = [(meta.province, meta.title, meta.number, meta.date, meta.period.start)]
    rows += [(c.key, c.label) for c in plan.annex.columns]
    rows += [(s[-1].number, s[-1].title, len(s)) for s in plan.all_sections()]
    for e in plan.entries():
        i = e.item
        rows.append((i.id, i.number, i.kind, i.text, i.output, i.lead, i.support, i.start, i.due, i.funding, i.note))
        rows.append((dict(i.extra), dict(i.source), i.repairs, i.due_date, i.progress and i.progress.status))
    return rows


@st.composite
def commented(draw: st.DrawFn) -> tuple[Path, str, list[str]]:
    """A real plan with comments added on their own lines and at line ends."""
    path = draw(st.sampled_from(sorted(PLANS)))
    lines = PLANS[path].split("\n")
    comments: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(WORDS).strip() or "x"
        note = f"ghi chú {len(comments)} {words}"
        at = draw(st.integers(2, len(lines) - 2))  # after the schema line, before the end
        body = lines[at].rstrip()
        if draw(st.booleans()) and body and not body.lstrip().startswith("#") and not body.endswith(":"):
            lines[at] = f"{body}  # {note}"
        else:
            indent = len(lines[at]) - len(lines[at].lstrip())
            lines.insert(at, " " * indent + f"# {note}")
        comments.append(note)
    return path, "\n".join(lines), comments


@PROPS
@given(commented())
def test_fmt_keeps_comments_and_data_and_is_idempotent(case: tuple[Path, str, list[str]]) -> None:
    path, text, comments = case
    before = parse_plan(text, str(path))
    try:
        once = format_text(text, path)
    except CchcError as exc:  # a layout ruamel.yaml would drop a comment in: refused, never lost
        assert [p.code for p in exc.problems] == ["W003"]
        assert any(note in exc.problems[0].message for note in comments)
        return
    for note in comments:
        assert f"# {note}" in once, note
    assert data(parse_plan(once, str(path))) == data(before)
    assert format_text(once, path) == once


def test_a_comment_ruamel_would_drop_is_refused_not_lost() -> None:
    """Found by the property test: an own-line comment before a flow-mapping list item that has
    an end-of-line comment of its own is dropped by ruamel.yaml's round trip."""
    example = ROOT / "docs" / "examples" / "2024.yaml"
    text = example.read_text(encoding="utf-8").replace(
        "    - {key: funding, label: Kinh phí}",
        "    # ghi chú riêng\n    - {key: funding, label: Kinh phí}  # cuối dòng",
        1,
    )
    with pytest.raises(CchcError) as info:
        format_text(text, example)
    [problem] = info.value.problems
    assert (problem.code, problem.loc.line) == ("W003", 25)


def test_real_plans_are_already_canonical() -> None:
    for path, text in PLANS.items():
        assert format_text(text, path) == text, path


def _fmt(path: str) -> int:
    from typer.testing import CliRunner

    from cchc.cli import app

    return CliRunner().invoke(app, ["fmt", path]).exit_code


def test_concurrent_fmt_runs_leave_a_valid_file(tmp_path: Path) -> None:
    """Two `cchc fmt` on one file at once: last writer wins, the file is whole and loads."""
    source = ROOT / "plans" / "tuyen-quang" / "2024.yaml"
    target = tmp_path / "plans" / "2024.yaml"
    target.parent.mkdir()
    messy = source.read_text(encoding="utf-8").replace("\n  province: ", "\n  province:    ")
    for _ in range(2):
        target.write_text(messy, encoding="utf-8")
        with multiprocessing.get_context("spawn").Pool(4) as pool:
            codes = pool.map(_fmt, [str(target)] * 4)
        assert set(codes) <= {0}, codes
        final = target.read_text(encoding="utf-8")
        assert final == format_text(messy, target)
        assert data(load_plan(target)) == data(parse_plan(messy, str(target)))
        assert sorted(p.name for p in target.parent.iterdir()) == ["2024.yaml"]
