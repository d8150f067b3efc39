"""Property tests: the loader turns ANY input into a plan or a located `CchcError`, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc.errors import CchcError
from cchc.plan.loader import decode, load_plan, parse_plan
from cchc.plan.model import Plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "docs" / "examples" / "2024.yaml").read_text(encoding="utf-8")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Characters that matter to YAML, plus Vietnamese text and control characters.
YAML_CHARS = st.sampled_from([*":-[]{}&*!|>'\"#%@`?,\n\t \\", "ệ", "Đ", "\u0301", "\x00", "\ufeff", "\x85"])


def outcome(text: str, path: str = "fuzz.yaml") -> Plan | CchcError:
    """What loading `text` gives: a plan, or the error (any other exception fails the test)."""
    try:
        return parse_plan(text, path)
    except CchcError as exc:
        assert exc.problems, "an error must say what is wrong"
        for problem in exc.problems:
            assert problem.loc.file == path
            assert problem.code.startswith("L")
            assert problem.message
        return exc


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_plan_or_a_located_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_bytes(data)
        try:
            load_plan(path)
        except CchcError as exc:
            assert all(p.loc.file == str(path) for p in exc.problems)


@FUZZ
@given(st.text(YAML_CHARS | st.characters(), max_size=400))
@example("\ud800")  # a lone surrogate reached libyaml as UnicodeEncodeError (found by this test)
@example("a: \x00")
def test_any_text_gives_a_plan_or_a_located_error(text: str) -> None:
    outcome(text)


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """The example plan with a few random cuts, insertions and duplications."""
    text = EXAMPLE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["cut", "insert", "repeat"]))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.text(YAML_CHARS, min_size=1, max_size=6)) + text[at:]
        else:
            end = min(len(text), at + draw(st.integers(1, 200)))
            text = text[:end] + text[at:end] + text[end:]
    return text


@FUZZ
@given(mutated_example())
def test_damaged_plans_give_a_plan_or_located_errors(text: str) -> None:
    result = outcome(text)
    lines = len(text.splitlines()) + 1  # YAML, like splitlines, also breaks lines at \x85 and \u2028
    if isinstance(result, CchcError):
        assert all(0 <= p.loc.line <= lines + 1 for p in result.problems)
    else:
        assert all(0 < e.item.loc.line <= lines for e in result.entries())


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
PLAN_KEYS = st.sampled_from(["format", "plan", "annex", "sections", "items", "id", "lead", "due", "number", "title"])


@FUZZ
@given(st.dictionaries(PLAN_KEYS, JSONISH, max_size=6))
def test_wrong_shapes_give_located_errors(data: dict[str, object]) -> None:
    outcome(yaml.safe_dump(data, allow_unicode=True))


@FUZZ
@given(st.binary(max_size=300))
def test_decode_never_raises_anything_else(data: bytes) -> None:
    try:
        text = decode(data, "f.yaml")
    except CchcError as exc:
        (problem,) = exc.problems
        assert problem.code == "L001"
        assert problem.loc.line >= 1 and problem.loc.col >= 1
    else:
        assert isinstance(text, str)
