"""Reading plan files into the model: bytes → text → YAML node tree → validated `Plan`.

Plans are read with libyaml's composer (`yaml.compose` with `CSafeLoader`): fast, and every
node keeps its line and column. The model is built from the nodes here, against the format in
`cchc.plan.spec`, so YAML 1.1 implicit typing never applies (`1.10` stays `1.10`, `yes` stays
`yes`), duplicate keys are errors, and only the standard tags are accepted. Anchors and
aliases are refused, which also stops alias bombs. Files that must keep their comments when
rewritten go through ruamel.yaml instead (`fmt`, fixes, import output).

Every problem in a file is collected, then raised together as one `CchcError` (exit code 2).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc import files
from cchc.errors import CchcError, Loc, Problem, Severity
from cchc.files import read_bytes
from cchc.plan import cache, model
from cchc.plan.spec import OBJECTS, PLAN_FILE, REGISTRY_NAME, Field, ListOf, MapOf, Obj, Ref, Scalar, Type

if TYPE_CHECKING:
    import yaml
else:

    class _LazyYaml:
        """PyYAML, imported on first use (~9 ms): a plan served from the cache is never parsed.

        The first attribute access imports it and puts the module itself in this module's
        globals, so later `yaml.X` lookups cost what they cost with a top-level import."""

        def __getattr__(self, name: str) -> Any:
            import yaml as module

            globals()["yaml"] = module
            return getattr(module, name)

    yaml = _LazyYaml()

#: Plan files larger than this are refused with a message rather than read (`cchc.files`).
MAX_BYTES = files.MAX_BYTES

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

_CLASSES: dict[str, type[model.Node]] = {
    "meta": model.Meta,
    "period": model.Period,
    "annex": model.Annex,
    "column": model.Column,
    "section": model.Section,
    "item": model.Item,
    "progress": model.Progress,
    "occurrence": model.Occurrence,
}

_KIND_WORDS = {"str": "văn bản (text)", "int": "số nguyên (integer)", "date": "ngày YYYY-MM-DD", "bool": "true/false"}


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file, or a located error naming the encoding it most likely has."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = guess_encoding(data)
        iconv = next((name for key, name in _ICONV.items() if guess.startswith(key)), None)
        raise CchcError.single(
            "L001",
            f"tệp không phải UTF-8 (file is not UTF-8); có lẽ là {guess}",
            Loc(path, line, col),
            "lưu lại tệp với mã hoá UTF-8 (save the file as UTF-8)"
            + (f", ví dụ: iconv -f {iconv} -t UTF-8 {path} > utf8.yaml" if iconv else ""),
        ) from None


#: Converter names (glibc iconv) for the guesses; TCVN5712-1 reads TCVN3 (ABC) text.
_ICONV = {"UTF-16": "UTF-16", "Windows-1258": "CP1258", "TCVN3 (ABC,": "TCVN5712-1"}
#: Windows-1258 writes tones as combining marks after the vowel: grave, hook, tilde, acute, dot below.
_CP1258_TONES = frozenset(b"\xcc\xd2\xde\xec\xf2")
#: What may precede a tone mark in Windows-1258: ASCII vowels and the letters ă â ê ô ơ ư (both cases).
_CP1258_VOWELS = frozenset(b"aeiouyAEIOUY\xe3\xe2\xea\xf4\xf5\xfd\xc3\xc2\xca\xd4\xd5\xdd")


def guess_encoding(data: bytes) -> str:
    """A best guess at the encoding of text that is not UTF-8, for the message only.

    UTF-16 shows as NUL bytes between ASCII letters. Windows-1258 puts a tone mark byte right
    after (nearly) every toned vowel. TCVN3 (ABC, the .VnTime fonts) maps each Vietnamese
    letter to one byte in 0xA1-0xFE and uses nothing in 0x80-0xA0.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 20:
        return "UTF-16"
    sample = data[:200_000]
    high = [i for i, b in enumerate(sample) if b >= 0x80]
    if not high:
        return "một mã hoá khác (another encoding)"
    tones_after_vowel = sum(1 for i in high if sample[i] in _CP1258_TONES and i and sample[i - 1] in _CP1258_VOWELS)
    if tones_after_vowel / len(high) > 0.25:
        return "Windows-1258 (CP1258)"
    if all(sample[i] >= 0xA1 and sample[i] != 0xFF for i in high):
        return "TCVN3 (ABC, phông .VnTime)"
    return "TCVN3 (ABC) hoặc Windows-1258"


#: Years a plan may name (periods, dates): wide for real plans, and far enough from the end of the
#: calendar that date arithmetic (deadlines, recurrences, horizons) can never overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2200

#: Every code the loader reports, with its meaning (docs/plan-format.md and the README list them;
#: a test keeps this table, the docs and the codes raised in this module equal).
CODES: dict[str, str] = {
    "L000": "file or folder cannot be read / not found",
    "L001": "not UTF-8 (the message names the likely encoding: UTF-16, Windows-1258, TCVN3)",
    "L002": "not valid YAML",
    "L003": "duplicate key",
    "L004": "tag, anchor or alias not allowed",
    "L005": "wrong type (e.g. a mapping where a list is expected, a bad date)",
    "L006": 'unknown field (with "bạn có muốn …")',
    "L007": "missing or empty required field; empty file",
    "L008": "duplicate item id",
    "L009": "invalid value (enum, id pattern, period)",
    "L010": "unsupported format version",
    "L011": "file too large",
    "L012": "nested too deeply (more than 100 levels of lists/mappings)",
}


#: Deepest nesting of lists/mappings accepted. Real plans need about 20; libyaml's composer
#: recurses in C and crashes the interpreter (SIGSEGV) somewhere past 20 000 levels, and the
#: builder recurses in Python, so hostile nesting is refused before composing.
MAX_DEPTH = 100
#: A line starting with two block indicators (`- - x`, `? - x`, `: - x`): nesting on one line.
_CHAIN = re.compile(r"(?:\A|\n) *[-?:][ \t]+[-?](?:[ \t\n]|\Z)")


def _may_nest_deeply(text: str) -> bool:
    """Cheap test (~2 ms on 600 kB) that is True whenever nesting could exceed ~150 levels.

    A nested block collection is indented deeper, or sits on the same line after a chain of
    indicators (`- - x`, `? - x`); a flow collection opens with `[` or `{`. With fewer than
    MAX_DEPTH/2 brackets, no line indented MAX_DEPTH/2 columns and no indicator chains, the depth
    is bounded well inside what the composer and the builder handle.
    """
    half = MAX_DEPTH // 2
    return text.count("[") + text.count("{") >= half or "\n" + " " * half in text or _CHAIN.search(text) is not None


#: Limits libyaml itself may enforce, by the words of its message, and what they mean to us.
#: PyYAML 6.0.4 bundles a libyaml whose scanner stops at 1 000 levels ("exceeded maximum nesting
#: depth", while increasing flow/block level); libyaml's own master says "Maximum nesting level
#: reached" from the parser; PyYAML 6.0.2 bundles 0.2.5, which has no limit. Its other limits
#: (input of SIZE_MAX/2 bytes, a %YAML version of ten digits) are beyond our size cap or plain
#: invalid YAML (L002).
_LIBYAML_LIMITS = ((re.compile(r"nesting (?:depth|level)", re.IGNORECASE), "L012"),)


def _depth_error(path: str, mark: yaml.Mark | yaml._yaml.Mark | None) -> CchcError:
    return CchcError.single(
        "L012",
        f"lồng nhau quá sâu (nested more than {MAX_DEPTH} levels)",
        Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path),
        "kế hoạch thật chỉ cần vài cấp: phần → mục tiêu → nhiệm vụ → hoạt động",
    )


def _walk_depth(text: str, path: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _depth_error(path, event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _limit_code(exc: yaml.MarkedYAMLError) -> str | None:
    words = f"{exc.problem or ''} {exc.context or ''}"
    return next((code for pattern, code in _LIBYAML_LIMITS if pattern.search(words)), None)


def _check_depth(text: str, path: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, found with libyaml's (non-recursive) event parser.

    The meaning must not depend on which layer refuses first: a libyaml with a nesting limit of
    its own can stop while scanning ahead, before the event that crosses MAX_DEPTH is produced.
    Its limit is above ours, so the text before its mark holds the place where ours is crossed:
    walking that prefix reports the same code at the same place as a libyaml without a limit.
    """
    if not _may_nest_deeply(text):
        return
    try:
        _walk_depth(text, path)
    except yaml.MarkedYAMLError as exc:
        if _limit_code(exc) is None:
            raise
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and mark.index:
            try:
                _walk_depth(text[: mark.index], path)
            except yaml.YAMLError:
                pass  # the prefix ends mid-token; the limit's own mark stands
        raise _depth_error(path, mark) from None


def compose(text: str, path: str) -> yaml.Node | None:
    try:
        _check_depth(text, path)
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _limit_code(exc) is not None:
            raise _depth_error(path, mark) from None
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        what = exc.problem or exc.context or "YAML error"
        raise CchcError.single("L002", f"YAML không hợp lệ (invalid YAML): {what}", loc) from None
    except yaml.YAMLError as exc:
        raise CchcError.single("L002", f"YAML không hợp lệ (invalid YAML): {exc}", Loc(path)) from None
    except UnicodeEncodeError as exc:  # a lone surrogate in text handed to parse_plan (files are decoded strictly)
        line = text.count("\n", 0, exc.start) + 1
        col = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise CchcError.single(
            "L001", f"ký tự không hợp lệ (invalid character) {text[exc.start]!r}", Loc(path, line, col)
        ) from None


class _Builder:
    """Turns a node tree into model objects, collecting every problem on the way."""

    def __init__(self, path: str, text: str, objects: Mapping[str, Obj] = OBJECTS) -> None:
        self.path = path
        self.objects = objects
        self.problems: list[Problem] = []
        #: Objects built without a field the loader refused (a wrong type, an unknown value): the
        #: checks must not report that field again as missing (`Parsed.dropped`).
        self.dropped: set[Loc] = set()
        self.seen: set[int] = set()
        # An alias is written `*name`: text without a `*` has none, and the seen-set is skipped.
        self.aliases = "*" in text

    def loc(self, node: yaml.Node) -> Loc:
        return Loc(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, code: str, message: str, node: yaml.Node, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, self.loc(node), Severity.ERROR, hint))

    def safe(self, node: yaml.Node) -> bool:
        if self.aliases:
            if id(node) in self.seen:
                self.fail("L004", "không dùng anchor/alias trong kế hoạch (anchors and aliases are not allowed)", node)
                return False
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            ok = node.tag in _SCALAR_TAGS
        elif isinstance(node, yaml.SequenceNode):
            ok = node.tag == _STD + "seq"
        else:
            ok = node.tag == _STD + "map"
        if not ok:
            self.fail("L004", f"thẻ YAML không được phép (tag not allowed): {node.tag}", node, "bỏ thẻ này đi")
        return ok

    def value(self, node: yaml.Node, typ: Type, what: str) -> Any:
        if not self.safe(node):
            return None
        if isinstance(typ, Scalar):
            return self.scalar(node, typ, what)
        if isinstance(typ, ListOf):
            if isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null":
                return ()
            if not isinstance(node, yaml.SequenceNode):
                self.fail(
                    "L005",
                    f"{what}: cần một danh sách (expected a list), gặp {_found(node)}",
                    node,
                    "viết mỗi phần tử trên một dòng bắt đầu bằng '- '",
                )
                return None
            values = [self.value(child, typ.of, what) for child in node.value]
            return tuple(v for v in values if v is not None)
        if isinstance(typ, MapOf):
            return self.mapping_of(node, typ, what)
        assert isinstance(typ, Ref)
        return self.obj(node, self.objects[typ.name], what)

    def scalar(self, node: yaml.Node, typ: Scalar, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.fail("L005", f"{what}: cần {_KIND_WORDS[typ.kind]}, gặp {_found(node)}", node)
            return None
        if node.tag == _STD + "null":
            return None
        raw: str = node.value
        if typ.kind == "int":
            if re.fullmatch(r"-?\d{1,64}", raw.strip()):
                value = int(raw)
                if FIRST_YEAR <= value <= LAST_YEAR:  # the only integers of the format are years
                    return value
                self.fail(
                    "L009", f"{what}: năm {value} ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} (year out of range)", node
                )
                return None
            self.fail("L005", f"{what}: cần số nguyên (expected an integer), gặp {raw!r}", node)
            return None
        if typ.kind == "date":
            try:
                if _DATE.match(raw):
                    day = date.fromisoformat(raw)
                    if FIRST_YEAR <= day.year <= LAST_YEAR:
                        return day
                    self.fail(
                        "L009", f"{what}: ngày {raw} ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} (date out of range)", node
                    )
                    return None
            except ValueError:
                pass
            self.fail(
                "L005", f"{what}: cần ngày dạng YYYY-MM-DD (expected a date), gặp {raw!r}", node, "ví dụ 2024-06-30"
            )
            return None
        if typ.kind == "bool":
            if raw in _TRUE or raw in _FALSE:
                return raw in _TRUE
            self.fail("L005", f"{what}: cần true hoặc false (expected a boolean), gặp {raw!r}", node)
            return None
        if typ.const is not None and raw != typ.const:
            self.fail(
                "L010", f"{what}: định dạng không được hỗ trợ (unsupported format) {raw!r}", node, f"cần {typ.const!r}"
            )
            return None
        if typ.enum is not None and raw not in typ.enum:
            self.fail(
                "L009",
                f"{what}: giá trị không hợp lệ (invalid value) {raw!r}; cần một trong {', '.join(typ.enum)}",
                node,
                _did_you_mean(raw, typ.enum),
            )
            return None
        if typ.pattern is not None and not re.match(typ.pattern, raw):
            self.fail(
                "L009",
                f"{what}: giá trị không hợp lệ (invalid value) {raw!r}; cần khớp {typ.pattern}",
                node,
                "chỉ dùng chữ ASCII, số, '.', '_' và '-'",
            )
            return None
        return raw

    def pairs(self, node: yaml.MappingNode, what: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not self.safe(key_node):
                self.fail("L005", f"{what}: khoá phải là chữ (keys must be text)", key_node)
                continue
            key = key_node.value
            if key in seen:
                first = self.loc(seen[key])
                self.fail(
                    "L003",
                    f"khoá bị lặp (duplicate key) {key!r}; đã có ở dòng {first.line}",
                    key_node,
                    "xoá một trong hai",
                )
                continue
            seen[key] = key_node
            yield key, key_node, value_node

    def mapping_of(self, node: yaml.Node, typ: MapOf, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.fail("L005", f"{what}: cần một bảng khoá: giá trị (expected a mapping), gặp {_found(node)}", node)
            return None
        out: dict[str, Any] = {}
        for key, key_node, value_node in self.pairs(node, what):
            if typ.keys is not None and not re.match(typ.keys, key):
                self.fail(
                    "L009",
                    f"{what}: khoá không hợp lệ (invalid key) {key!r}; cần khớp {typ.keys}",
                    key_node,
                    "kỳ viết YYYY-MM (tháng), YYYY-Qn (quý) hoặc YYYY (năm)" if "Q" in typ.keys else None,
                )
                continue
            value = self.value(value_node, typ.of or Scalar("str"), f"{what}.{key}")
            if value is not None:
                out[key] = value
        return out

    def obj(self, node: yaml.Node, spec: Obj, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.fail("L005", f"{what}: cần một bảng khoá: giá trị (expected a mapping), gặp {_found(node)}", node)
            return None
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        # Only a required field the loader could not read fails the object; any other refused field
        # is left out, so the rest of the plan is still built and checked (every problem in one run).
        failed = False
        present: set[str] = set()
        for key, key_node, value_node in self.pairs(node, what):
            present.add(key)
            fld: Field | None = spec.fields.get(key)
            if fld is None:
                self.fail(
                    "L006",
                    f"trường không xác định (unknown field) {key!r} trong {what}",
                    key_node,
                    _did_you_mean(key, spec.fields),
                )
                continue
            before = len(self.problems)
            value = self.value(value_node, fld.type, f"{what}.{key}" if what else key)
            if value is None and fld.required and len(self.problems) == before:
                self.fail("L007", f"trường bắt buộc {key!r} đang để trống (required field is empty)", value_node)
            if value is None and len(self.problems) > before:
                failed |= fld.required
                self.dropped.add(self.loc(node))
            if value is not None:
                attr = fld.attr or key
                values[attr] = value
                locs[attr] = self.loc(value_node)
                if isinstance(value_node, yaml.SequenceNode) and isinstance(fld.type, ListOf):
                    # Each entry of a list of names (lead, support) has its own place: checks point at it.
                    for i, child in enumerate(value_node.value):
                        locs[f"{attr}.{i}"] = self.loc(child)
        for key, fld in spec.fields.items():
            if fld.required and (fld.attr or key) not in values and key not in present:
                self.fail("L007", f"thiếu trường bắt buộc (missing required field) {key!r} trong {what or 'tệp'}", node)
                failed = True
        if failed:
            return None
        cls = _CLASSES.get(spec.name)
        if cls is None:
            return values, self.loc(node), locs
        try:
            return cls(loc=self.loc(node), field_locs=locs, **values)
        except TypeError:  # a required field is missing; already reported
            return None


def _found(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách (a list)"
    if isinstance(node, yaml.MappingNode):
        return "một bảng (a mapping)"
    return f"{node.value!r}"


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"bạn có muốn: {close[0]}?" if close else None


def parse_plan(text: str, path: str) -> model.Plan:
    """Build a plan from YAML text; raises `CchcError` with every problem found."""
    return parse_plan_tree(text, path)[0]


def parse_plan_tree(text: str, path: str) -> tuple[model.Plan, yaml.Node]:
    """The plan built from YAML text, and the node tree it was built from; raises `CchcError`
    with every problem found (what every command but `validate` wants: no plan with problems)."""
    parsed = read_plan(text, path)
    if parsed.problems or parsed.plan is None or parsed.tree is None:
        raise CchcError(list(parsed.problems))
    return parsed.plan, parsed.tree


@dataclass(frozen=True)
class Parsed:
    """What the loader made of a file that is YAML: the plan as far as it could be built (None
    when a required part is unreadable), its node tree, every problem, and the objects built
    without a field it refused (their place)."""

    plan: model.Plan | None
    tree: yaml.Node | None
    problems: tuple[Problem, ...]
    dropped: frozenset[Loc] = frozenset()


def read_plan(text: str, path: str) -> Parsed:
    """Build as much of the plan as the YAML allows, recording every problem (validate's view).

    Raises `CchcError` only when the text is not YAML at all (or too deep): then nothing can be
    built. An unknown field is skipped, a wrongly typed value is left out of its item, an item
    without a required field is left out of its list, duplicate ids are kept (each item is its
    own entry); every such problem is in `problems`.
    """
    root = compose(text, path)
    builder = _Builder(path, text)
    if root is None:
        raise CchcError.single("L007", "tệp rỗng (empty file): cần một kế hoạch", Loc(path, 1, 1))
    result = builder.obj(root, PLAN_FILE, "")
    plan = None
    if result is not None:
        values, loc, locs = result
        plan = model.Plan(loc=loc, field_locs=locs, path=path, **values)
        _check_ids(plan, builder)
        _check_period(plan, builder)
    problems = tuple(sorted(builder.problems, key=Problem.sort_key))
    return Parsed(plan, root, problems, frozenset(builder.dropped))


def parse_document(text: str, path: str, spec: Obj, objects: Mapping[str, Obj]) -> tuple[dict[str, Any], Loc]:
    """Read another YAML format declared like the plan format (e.g. the agency registry).

    Same node-based safety as plans (no tags, anchors or duplicate keys; unknown fields are
    errors). Nested objects come back as `(values, loc, field_locs)` tuples. Raises `CchcError`.
    """
    root = compose(text, path)
    builder = _Builder(path, text, objects)
    if root is None:
        raise CchcError.single("L007", "tệp rỗng (empty file)", Loc(path, 1, 1))
    result = builder.obj(root, spec, "")
    if builder.problems or result is None:
        raise CchcError(sorted(builder.problems, key=Problem.sort_key))
    values, loc, _locs = result
    return values, loc


def _check_ids(plan: model.Plan, builder: _Builder) -> None:
    first: dict[str, model.Item] = {}
    for entry in plan.entries():
        item = entry.item
        if item.id in first:
            where = first[item.id].where("id")
            builder.problems.append(
                Problem(
                    "L008",
                    f"id bị trùng (duplicate id) {item.id!r}; đã dùng ở dòng {where.line}",
                    item.where("id"),
                    Severity.ERROR,
                    "mỗi mục cần một id riêng",
                )
            )
        else:
            first[item.id] = item


def _check_period(plan: model.Plan, builder: _Builder) -> None:
    period = plan.meta.period
    if period.end < period.start:
        builder.problems.append(
            Problem(
                "L009",
                f"plan.period: năm kết thúc {period.end} trước năm bắt đầu {period.start}",
                period.where("end"),
            )
        )


def load_plan(path: str | Path) -> model.Plan:
    """Read and validate one plan file; raises `CchcError` (exit 2) on unusable input."""
    name = str(path)
    data = read_bytes(path)
    # Same bytes, same path, same code → the model parsed last time (see cchc.plan.cache).
    entry = cache.key("plan", name, data)
    cached = cache.fetch(entry)
    if isinstance(cached, model.Plan) and cached.path == name:
        return cached
    plan = parse_plan(decode(data, name), name)
    cache.store(entry, plan)
    return plan


#: Files looked at when searching one folder for plans (a repository of plans holds dozens).
MAX_FOUND = 20_000


def discover(paths: Iterable[str | Path], problems: list[Problem] | None = None) -> list[Path]:
    """Plan files named by `paths`: files as given, directories searched for `*.yaml`/`*.yml`.

    In directories, the agency registry (`agencies.yaml`) and hidden folders are skipped, links
    to folders are not followed, and a file that leads out of the folder through a symlink is
    refused (`cchc.files.outside`): appended to `problems` when given, else raised.
    """
    found: list[Path] = []
    refused: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in _walk(path):
                error = files.outside(candidate, path)
                if error is None:
                    found.append(candidate)
                else:
                    refused.extend(error.problems)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise CchcError.single("L000", f"không tìm thấy (not found): {path}", Loc(str(path)))
    if refused and problems is None:
        raise CchcError(refused)
    if problems is not None:
        problems.extend(refused)
    return found


def _walk(root: Path) -> list[Path]:
    """`*.yaml`/`*.yml` under `root` in sorted order, without following links to folders."""
    import os

    out: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")) and name != REGISTRY_NAME and not name.startswith("."):
                out.append(Path(folder) / name)
        if len(out) > MAX_FOUND:
            raise CchcError.single("L000", f"quá nhiều tệp YAML trong {root} (more than {MAX_FOUND})", Loc(str(root)))
    return sorted(out)


def load_plans(paths: Iterable[str | Path]) -> list[model.Plan]:
    """Load every plan under `paths`; all problems of all files are raised together."""
    plans: list[model.Plan] = []
    problems: list[Problem] = []
    for path in discover(paths, problems):
        try:
            plans.append(load_plan(path))
        except CchcError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CchcError(problems)
    return plans
