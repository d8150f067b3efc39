"""Hostile and broken input: each is refused with a located message, quickly and in bounded memory.

Alias bombs, code-running tags, deep nesting (which crashed libyaml's composer), oversized
files, and text in legacy encodings (UTF-16, Windows-1258, TCVN3).
"""

from __future__ import annotations

import functools
import itertools
import time
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
import yaml.scanner

import cchc.plan.loader as loader_module
from cchc.errors import CchcError
from cchc.plan.loader import MAX_BYTES, MAX_DEPTH, guess_encoding, load_plan

GOOD_ITEMS = """\
sections:
  - number: I
    title: CẢI CÁCH THỂ CHẾ
    items:
      - id: t1
        text: Ban hành Kế hoạch
        lead: [Sở Tư pháp]
        due: Tháng 12/2024
"""


def codes(path: Path) -> list[str]:
    with pytest.raises(CchcError) as info:
        load_plan(path)
    assert all(p.loc.file == str(path) for p in info.value.problems)
    return [p.code for p in info.value.problems]


def bounded(fn: Callable[[], object], *, seconds: float = 5.0, mib: float = 64.0) -> None:
    """Run `fn`; fail if it takes longer or allocates more (Python heap peak) than allowed."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        fn()
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < mib * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"


# --- alias bombs -------------------------------------------------------------------------

LAUGHS = "\n".join(
    ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 30)]
)


@pytest.mark.parametrize(
    "where",
    [
        "{laughs}\n",  # at the top, as unknown keys
        "format: cchc-plan/1\nx-defs:\n  {indented}\nsections: [*l29, *l29]\n",  # expanded where a list is read
        "x-defs:\n  {indented}\n" + GOOD_ITEMS.replace("text: Ban hành Kế hoạch", "text: *l29"),
        "x-defs:\n  {indented}\n" + GOOD_ITEMS.replace("lead: [Sở Tư pháp]", "lead: *l29"),
    ],
    ids=["top", "sections", "text", "lead"],
)
def test_billion_laughs_refused_quickly(write_plan: Callable[..., Path], where: str) -> None:
    # 9**30 strings if expanded: only refusing aliases outright keeps this cheap.
    indented = LAUGHS.replace("\n", "\n  ")
    text = where.format(laughs=LAUGHS, indented=indented)
    path = write_plan(text, raw=not text.startswith("x-defs"))
    found: list[str] = []
    bounded(lambda: found.extend(codes(path)), seconds=5, mib=32)
    assert found
    if "*l29" in where.replace("{laughs}", ""):
        assert {"L004", "L005"} & set(found)  # alias refused, or its (unexpanded) list is the wrong type


def test_alias_message_names_the_alias_line(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        GOOD_ITEMS.replace("lead: [Sở Tư pháp]", "lead: &sotp [Sở Tư pháp]")
        + "      - id: t2\n        text: Khác\n        lead: *sotp\n"
    )
    with pytest.raises(CchcError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert problem.code == "L004"
    assert "alias" in problem.message
    # libyaml resolves an alias to the anchored node itself, so the place shown is the anchor's.
    assert (
        problem.loc.line == path.read_text(encoding="utf-8").splitlines().index("        lead: &sotp [Sở Tư pháp]") + 1
    )


# --- tags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['echo pwned > /tmp/cchc-pwned']",
        "!!python/object:builtins.dict {a: 1}",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!custom text",
        "!<tag:example.com,2024:x> text",
    ],
)
def test_code_and_unknown_tags_refused(write_plan: Callable[..., Path], value: str, tmp_path: Path) -> None:
    path = write_plan(GOOD_ITEMS.replace("text: Ban hành Kế hoạch", f"text: {value}"))
    assert codes(path) == ["L004"]
    assert not Path("/tmp/cchc-pwned").exists()


# --- nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "format: " + "[" * 100_000 + "]" * 100_000,  # libyaml's composer segfaulted past ~20 000
        "sections: " + "{a: " * 50_000 + "b" + "}" * 50_000,
        "sections:\n" + "- " * 100_000 + "x\n",  # compact nested sequences on one line
        "? " * 50_000 + "x\n",
        "sections:\n" + "".join(" " * i + "- s:\n" for i in range(0, 2_000, 2)),  # block nesting
        # sections nested inside sections: valid at every level, the builder recursed in Python
        "format: cchc-plan/1\nsections:\n"
        + "".join(
            "  " * i + "- number: I\n" + "  " * i + "  title: x\n" + "  " * i + "  sections:\n" for i in range(600)
        ),
    ],
    ids=["flow-seq", "flow-map", "compact-seq", "complex-keys", "block", "sections"],
)
def test_deep_nesting_refused_not_crashing(write_plan: Callable[..., Path], text: str) -> None:
    path = write_plan(text, raw=True)
    found: list[str] = []
    bounded(lambda: found.extend(codes(path)), seconds=5, mib=64)
    assert found == ["L012"]


_PURE_PARSE = functools.partial(yaml.parse, Loader=yaml.SafeLoader)  # before any test patches yaml.parse


def _parse_without_limit(text: str, Loader: object = None) -> Iterator[yaml.Event]:
    """libyaml 0.2.5 (PyYAML 6.0.2): no nesting limit of its own. The pure parser has none either."""
    del Loader
    return _PURE_PARSE(text)


def _parser_with_limit(limit: int, problem: str, context: str) -> Callable[..., Iterator[yaml.Event]]:
    """A libyaml that refuses at `limit` levels itself, with its own words (as newer releases do)."""

    def parse(text: str, Loader: object = None) -> Iterator[yaml.Event]:
        del Loader
        depth = 0
        for event in _PURE_PARSE(text):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth >= limit:
                raise yaml.scanner.ScannerError(context, event.start_mark, problem, event.start_mark)
            yield event

    return parse


LIBYAML_LAYERS = {
    "no-limit": _parse_without_limit,
    "pyyaml-6.0.4-scanner": _parser_with_limit(1000, "exceeded maximum nesting depth", "while increasing flow level"),
    "libyaml-master-parser": _parser_with_limit(
        150, "Maximum nesting level reached, set with yaml_set_max_nest_level())", "while parsing"
    ),
}


@pytest.mark.parametrize("layer", sorted(LIBYAML_LAYERS))
@pytest.mark.parametrize(
    "text",
    [
        "format: " + "[" * 3_000 + "]" * 3_000,
        "sections:\n" + "".join(" " * i + "- s:\n" for i in range(0, 2_400, 2)),
        "sections: " + "{a: " * 2_000 + "b" + "}" * 2_000,
    ],
    ids=["flow-seq", "block", "flow-map"],
)
def test_nesting_refusal_means_the_same_whichever_layer_refuses(
    write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, text: str, layer: str
) -> None:
    """L012 at the collection that crosses MAX_DEPTH, whether our walk or libyaml stops first."""
    path = write_plan(text, raw=True)
    monkeypatch.setattr(loader_module.yaml, "parse", LIBYAML_LAYERS[layer])
    with pytest.raises(CchcError) as info:
        load_plan(path)
    [problem] = info.value.problems
    events = _PURE_PARSE(text)
    starts = (e.start_mark for e in events if isinstance(e, yaml.CollectionStartEvent))
    mark = next(itertools.islice(starts, MAX_DEPTH, None))  # the (MAX_DEPTH + 1)th level opens here
    assert (problem.code, problem.loc.line, problem.loc.col) == ("L012", mark.line + 1, mark.column + 1)


def test_libyaml_of_this_install_refuses_as_l012_at_the_same_place(write_plan: Callable[..., Path]) -> None:
    """Whatever libyaml the lock installs: the real C parser gives the answer of a limit-free one."""
    text = "format: " + "[" * 3_000 + "]" * 3_000
    with pytest.raises(CchcError) as info:
        load_plan(write_plan(text, raw=True))
    [problem] = info.value.problems
    # the top-level mapping is level 1, so the bracket opening level MAX_DEPTH + 1 is the MAX_DEPTH-th
    assert (problem.code, problem.loc.line, problem.loc.col) == ("L012", 1, len("format: ") + MAX_DEPTH)


def test_real_depth_is_not_refused(write_plan: Callable[..., Path]) -> None:
    # objectives → tasks → activities inside nested sections: what real plans need, and more
    body = (
        "sections:\n  - number: I\n    title: A\n    sections:\n      - number: A\n        title: B\n        items:\n"
    )
    indent = 10
    for level in range(8):
        pad = " " * indent
        body += f"{pad}- id: i{level}\n{pad}  text: t\n{pad}  items:\n"
        indent += 4
    body += " " * indent + "- id: leaf\n" + " " * indent + "  text: t\n"
    plan = load_plan(write_plan(body))
    assert [e.item.id for e in plan.entries()][-1] == "leaf"


# --- size ---------------------------------------------------------------------------------


def test_50_mb_plan_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(b"format: cchc-plan/1\n")
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    found: list[str] = []
    bounded(lambda: found.extend(codes(path)), seconds=1, mib=4)
    assert found == ["L011"]
    assert 50 * 1024 * 1024 > MAX_BYTES


# --- encodings ----------------------------------------------------------------------------

#: TCVN3 (ABC) bytes of the lower-case Vietnamese letters (same as glibc iconv's TCVN5712-1).
TCVN3 = {
    **dict(zip("ăâêôơưđ", range(0xA8, 0xAF), strict=True)),
    **dict(zip("ĂÂÊÔƠƯĐ", range(0xA1, 0xA8), strict=True)),
    **dict(zip("àảãáạ", range(0xB5, 0xBA), strict=True)),
    **dict(zip("ằẳẵắ", range(0xBB, 0xBF), strict=True)),
    "ặ": 0xC6,
    **dict(zip("ầẩẫấậ", range(0xC7, 0xCC), strict=True)),
    "è": 0xCC,
    **dict(zip("ẻẽéẹềểễếệìỉ", range(0xCE, 0xD9), strict=True)),
    **dict(zip("ĩíịò", range(0xDC, 0xE0), strict=True)),
    **dict(zip("ỏõóọồổỗốộờởỡớợù", range(0xE1, 0xF0), strict=True)),
    **dict(zip("ủũúụừửữứựỳỷỹýỵ", range(0xF1, 0xFF), strict=True)),
}

SAMPLE = GOOD_ITEMS.replace("text: Ban hành Kế hoạch", "text: Rà soát, đơn giản hóa thủ tục hành chính nội bộ")


def to_tcvn3(text: str) -> bytes:
    return bytes(TCVN3[c] if c in TCVN3 else ord(c) for c in unicodedata.normalize("NFC", text.lower()))


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters (ă â ê ô ơ ư đ) precomposed, tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("encode", "expected", "iconv"),
    [
        (lambda t: t.encode("utf-16"), "UTF-16", "UTF-16"),
        (lambda t: t.encode("utf-16-le"), "UTF-16", "UTF-16"),
        (lambda t: t.encode("utf-16-be"), "UTF-16", "UTF-16"),
        (to_cp1258, "Windows-1258", "CP1258"),
        (to_tcvn3, "TCVN3", "TCVN5712-1"),
    ],
    ids=["utf16-bom", "utf16le", "utf16be", "cp1258", "tcvn3"],
)
def test_legacy_encoding_is_named(
    write_plan: Callable[..., Path], encode: Callable[[str], bytes], expected: str, iconv: str
) -> None:
    path = write_plan("")
    path.write_bytes(encode(path.read_text(encoding="utf-8") + SAMPLE))
    with pytest.raises(CchcError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert problem.code == "L001"
    assert expected in problem.message
    assert problem.hint is not None and f"iconv -f {iconv} -t UTF-8" in problem.hint


def test_tcvn3_table_reads_back() -> None:
    assert to_tcvn3("đơn giản hóa") == b"\xae\xacn gi\xb6n h\xe3a"
    assert guess_encoding(to_tcvn3(SAMPLE)).startswith("TCVN3")
    assert guess_encoding(to_cp1258(SAMPLE)).startswith("Windows-1258")


def test_unclear_bytes_get_a_hedged_guess() -> None:
    # Windows smart quotes (0x93, 0x94) are neither TCVN3 letters nor tone marks.
    assert guess_encoding(b"\x93quoted\x94 text") == "TCVN3 (ABC) hoặc Windows-1258"
    assert guess_encoding(b"plain ascii") == "một mã hoá khác (another encoding)"
