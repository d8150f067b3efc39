"""The agency registry: canonical names, aliases, kinds, groups, validity and successors.

A registry is the national base shipped in `cchc/data/agencies.yaml` plus the province's own
`agencies.yaml` beside its plans (`plans/<province>/agencies.yaml`, format in docs/agencies.md).
A province entry whose name (or alias) is already known *extends* that agency (more aliases,
groups, members); any other entry adds a new agency. Files are read with the loader's node-based
safety (`cchc.plan.loader.parse_document`) and parsed once per process.

Lookup is by `cchc.agencies.normalize.key`, so `so tu phap` finds `Sở Tư pháp`; display always
uses the canonical name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.agencies.normalize import key, normalize
from cchc.errors import CchcError, Loc, Problem, Severity
from cchc.files import os_error_text
from cchc.plan.spec import DATE, REGISTRY_NAME, TEXT, TEXTS, Field, ListOf, Obj, Ref, Scalar
from cchc.record import field, record, replace

FORMAT = "cchc-agencies/1"

#: Kinds of agency (ASCII keys). `nhom` is a collective named as one (`Các sở, ban, ngành`).
KINDS = (
    "so",  # sở
    "ban",  # ban (Ban Quản lý …, Ban Dân tộc …)
    "nganh",  # ngành dọc, cơ quan ngành (Công an tỉnh …)
    "van-phong",  # Văn phòng UBND tỉnh, Văn phòng Đoàn ĐBQH và HĐND …
    "thanh-tra",  # Thanh tra tỉnh
    "ubnd-tinh",
    "ubnd-huyen",
    "ubnd-xa",
    "don-vi",  # đơn vị sự nghiệp, trung tâm, bộ phận
    "to-chuc",  # tổ, đoàn, hội đồng, ban chỉ đạo, tổ chức bên ngoài
    "trung-uong",  # bộ, ngành trung ương
    "nhom",  # a collective
)

#: Vietnamese labels of the kinds, for tables.
KIND_LABELS = {
    "so": "sở",
    "ban": "ban",
    "nganh": "ngành",
    "van-phong": "văn phòng",
    "thanh-tra": "thanh tra",
    "ubnd-tinh": "UBND tỉnh",
    "ubnd-huyen": "UBND cấp huyện",
    "ubnd-xa": "UBND cấp xã",
    "don-vi": "đơn vị",
    "to-chuc": "tổ chức",
    "trung-uong": "trung ương",
    "nhom": "nhóm",
}

_OBJECTS: dict[str, Obj] = {
    "agency": Obj(
        "agency",
        "One agency or collective.",
        {
            "name": Field(TEXT, "Canonical name, as it should be shown.", required=True),
            "aliases": Field(TEXTS, "Other ways plans write it (abbreviations, old names)."),
            "kind": Field(Scalar(enum=KINDS), "What it is: " + ", ".join(KINDS) + "."),
            "groups": Field(TEXTS, "Collectives it belongs to (names or aliases)."),
            "members": Field(TEXTS, "For a collective: agencies that belong to it."),
            "includes": Field(ListOf(Scalar(enum=KINDS)), "For a collective: every agency of these kinds belongs."),
            "valid_from": Field(DATE, "First day it exists (omit when always)."),
            "valid_to": Field(DATE, "Last day it exists (omit while it exists)."),
            "successors": Field(TEXTS, "Who took over its work after valid_to."),
            "note": Field(TEXT, "Free text (legal basis, explanations)."),
        },
    ),
}
_FILE = Obj(
    "agencies_file",
    "An agency registry.",
    {
        "format": Field(Scalar(const=FORMAT), f"Always `{FORMAT}`.", required=True),
        "province": Field(TEXT, "Province the file is for (omit for the national base)."),
        "agencies": Field(ListOf(Ref("agency")), "The agencies.", required=True),
    },
)


@record
class Agency:
    """One agency (or collective) with everything the registry knows about it."""

    name: str
    kind: str = "nhom"
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()
    note: str | None = None
    loc: Loc = field(default=Loc(""), compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def collective(self) -> bool:
        return self.kind == "nhom"

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Registry:
    """Agencies by canonical name, with a fold-key index over names and aliases."""

    def __init__(self, agencies: Iterable[Agency], sources: tuple[str, ...] = ()) -> None:
        self.sources = sources
        self.agencies: dict[str, Agency] = {}
        self._index: dict[str, list[str]] = {}
        for agency in agencies:
            self.add(agency)
        self._groups: dict[str, tuple[Agency, ...]] = {}
        self.cell_cache: dict[str, Any] = {}  # cell readings, kept by cchc.agencies.mentions
        self._suggested: dict[str, tuple[str, ...]] = {}
        # Set by `_load` when the registry lives in the cache (`remember` stores new cell readings).
        self.cache_entry: str | None = None
        self.cells_stored = 0

    def add(self, agency: Agency) -> None:
        known = self.lookup(agency.name)
        if known is not None:
            agency = _extend(known, agency)
            del self.agencies[known.name]
            for names in self._index.values():
                if known.name in names:
                    names.remove(known.name)
        self.agencies[agency.name] = agency
        for name in agency.names:
            names = self._index.setdefault(key(name), [])
            if agency.name not in names:
                names.append(agency.name)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies.values())

    def __len__(self) -> int:
        return len(self.agencies)

    def get(self, name: str) -> Agency:
        return self.agencies[name]

    def matches(self, text: str) -> list[Agency]:
        """Every agency whose name or an alias has the same key as `text`."""
        return [self.agencies[n] for n in self._index.get(key(text), ())]

    def lookup(self, text: str) -> Agency | None:
        """The agency `text` names exactly (up to the key), or None (also when ambiguous)."""
        found = self._index.get(key(text), ())
        return self.agencies[found[0]] if len(found) == 1 else None

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Closest canonical names, for "bạn có muốn …" messages (remembered per text)."""
        cached = self._suggested.get(text)
        if cached is None:
            cached = self._suggest(key(text), n)
            self._suggested[text] = cached
        return list(cached)

    def _suggest(self, wanted: str, n: int) -> tuple[str, ...]:
        best: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(b=wanted)
        for k, names in self._index.items():
            matcher.set_seq1(k)
            # The cheap upper bounds first, as difflib.get_close_matches does.
            if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
                continue
            ratio = matcher.ratio()
            for name in names:
                best[name] = max(best.get(name, 0.0), ratio)
        ranked = sorted((r, name) for name, r in best.items() if r >= 0.6)
        return tuple(name for _r, name in reversed(ranked[-n:]))

    def candidates(self, text: str) -> list[Agency]:
        """Agencies with a name or alias containing `text`'s key as whole words."""
        wanted = f" {key(text)} "
        found: dict[str, Agency] = {}
        for k, names in self._index.items():
            if wanted in f" {k} ":
                for name in names:
                    found[name] = self.agencies[name]
        return sorted(found.values(), key=lambda a: a.name)

    def resolve(self, text: str) -> Agency:
        """The one agency `text` means; `CchcError` (exit 2) with candidates or suggestions otherwise."""
        exact = self.matches(text)
        if len(exact) == 1:
            return exact[0]
        cands = exact or self.candidates(text)
        if len(cands) == 1:
            return cands[0]
        where = Loc("--agency")
        if cands:
            listed = "; ".join(a.name for a in cands[:10])
            message = f"tên cơ quan chưa rõ (ambiguous agency) {text!r}: có thể là {listed}"
            raise CchcError([Problem("A002", message, where, Severity.ERROR, "ghi tên đầy đủ hơn")])
        close = self.suggest(text)
        hint = f"bạn có muốn: {' hoặc '.join(close)}?" if close else "xem danh sách: cchc agencies"
        message = f"không biết cơ quan (unknown agency) {text!r}"
        raise CchcError([Problem("A001", message, where, Severity.ERROR, hint)])

    def groups_of(self, agency: Agency) -> tuple[Agency, ...]:
        """Collectives the agency belongs to (directly, by kind, or through another group)."""
        cached = self._groups.get(agency.name)
        if cached is not None:
            return cached
        found: dict[str, Agency] = {}
        todo = [agency]
        while todo:
            current = todo.pop()
            for group in self._direct_groups(current):
                if group.name not in found and group.name != agency.name:
                    found[group.name] = group
                    todo.append(group)
        result = tuple(sorted(found.values(), key=lambda a: a.name))
        self._groups[agency.name] = result
        return result

    def _direct_groups(self, agency: Agency) -> Iterator[Agency]:
        for name in agency.groups:
            group = self.lookup(name)
            if group is not None:
                yield group
        for other in self.agencies.values():
            if agency.kind in other.includes and other.name != agency.name:
                yield other
            elif any(self.lookup(m) is agency for m in other.members):
                yield other

    def predecessors(self, agency: Agency) -> tuple[Agency, ...]:
        """Agencies whose successor this is, directly or through a chain of successors."""
        found: dict[str, Agency] = {}
        todo = [agency]
        while todo:
            current = todo.pop()
            for other in self.agencies.values():
                if other.name not in found and any(self.lookup(s) is current for s in other.successors):
                    found[other.name] = other
                    todo.append(other)
        return tuple(found.values())

    def successors_of(self, agency: Agency) -> tuple[Agency, ...]:
        return tuple(a for a in (self.lookup(s) for s in agency.successors) if a is not None)

    def ended_note(self, agency: Agency) -> str | None:
        """`Sở Thông tin và Truyền thông không còn từ 01/03/2025 — nay là Sở Khoa học và Công nghệ`."""
        if agency.valid_to is None:
            return None
        ended = (agency.valid_to + timedelta(days=1)).strftime("%d/%m/%Y")
        now = " và ".join(a.name for a in self.successors_of(agency))
        return f"{agency.name} không còn từ {ended}" + (f" — nay là {now}" if now else "")

    def problems(self) -> list[Problem]:
        """References to unknown names (groups, members, successors) and names shared by two agencies."""
        out: list[Problem] = []
        for agency in self.agencies.values():
            refs = (("groups", agency.groups), ("members", agency.members), ("successors", agency.successors))
            for what, names in refs:
                for name in names:
                    if self.lookup(name) is None:
                        message = f"{agency.name}: {what} nhắc tới cơ quan không có trong danh mục: {name!r}"
                        out.append(Problem("A010", message, agency.loc, Severity.ERROR))
        for k, shared in self._index.items():
            if len(shared) > 1:
                last = self.agencies[shared[-1]]  # the later file is where the clash was added
                message = f"cùng một tên/viết tắt cho nhiều cơ quan ({k!r}): {'; '.join(shared)}"
                out.append(Problem("A011", message, last.loc, Severity.ERROR, "đổi hoặc bỏ bí danh trùng"))
        return out


def _extend(old: Agency, new: Agency) -> Agency:
    """A province entry for a known agency: lists are added to, given scalars replace."""

    def merged(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    return replace(
        old,
        aliases=merged(old.aliases, tuple(n for n in new.names if n != old.name)),
        groups=merged(old.groups, new.groups),
        members=merged(old.members, new.members),
        includes=merged(old.includes, new.includes),
        successors=merged(old.successors, new.successors),
        kind=new.kind if new.kind != "nhom" or old.kind == "nhom" else old.kind,
        valid_from=new.valid_from or old.valid_from,
        valid_to=new.valid_to or old.valid_to,
        note=new.note or old.note,
    )


def parse_registry(text: str, path: str) -> list[Agency]:
    """Agencies declared in one registry file (raises `CchcError` with located problems)."""
    from cchc.plan.loader import parse_document

    values, _loc = parse_document(text, path, _FILE, _OBJECTS)
    agencies = []
    for fields, loc, _locs in values.get("agencies", ()):
        data: dict[str, Any] = dict(fields)
        data["name"] = normalize(data["name"])
        data.setdefault("kind", "nhom")
        agencies.append(Agency(loc=loc, **data))
    return agencies


def _read(path: Path) -> list[Agency]:
    from cchc.plan.loader import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"không đọc được tệp (cannot read file): {os_error_text(exc)}"
        raise CchcError.single("L000", message, Loc(str(path))) from None
    return parse_registry(decode(data, str(path)), str(path))


@lru_cache(maxsize=1)
def _national() -> tuple[Agency, ...]:
    from importlib import resources  # ~1 ms; not needed when the registry comes from the cache

    source = resources.files("cchc").joinpath("data", REGISTRY_NAME)
    return tuple(parse_registry(source.read_text(encoding="utf-8"), "cchc/data/agencies.yaml"))


def registry_files(plan_path: str | Path) -> tuple[Path, ...]:
    """Province registries that apply to a plan: `agencies.yaml` in its folder and the one above."""
    folder = Path(plan_path).resolve().parent
    found = [p for p in (folder.parent / REGISTRY_NAME, folder / REGISTRY_NAME) if p.is_file()]
    return tuple(found)


def load_registry(files: tuple[Path, ...] = ()) -> Registry:
    """The national base plus `files` (province registries, applied in order).

    Parsed once per process for each set of files (a file changed on disk is read again).
    """
    stamps = []
    for path in files:
        try:
            stamps.append((path, path.stat().st_mtime_ns))
        except OSError:
            stamps.append((path, 0))
    return _load(tuple(stamps))


#: Registries parsed in this process, by their files and modification stamps (a file changed on
#: disk is another key): a command asks for the same registry once per plan.
_loaded: dict[tuple[tuple[Path, int], ...], Registry] = {}


def _load(files: tuple[tuple[Path, int], ...]) -> Registry:
    found = _loaded.get(files)
    if found is None:
        found = _loaded[files] = _read_registry(files)
    return found


def _read_registry(files: tuple[tuple[Path, int], ...]) -> Registry:
    from cchc.plan import cache

    entry = _cache_key(tuple(p for p, _ in files))
    stored = cache.fetch(entry) if entry else None
    if isinstance(stored, Registry) and isinstance(stored.cell_cache, dict):
        stored.cache_entry, stored.cells_stored = entry, len(stored.cell_cache)
        return stored
    agencies = list(_national())
    for path, _stamp in files:
        agencies.extend(_read(path))
    registry = Registry(agencies, ("cchc/data/agencies.yaml", *(str(p) for p, _ in files)))
    if entry:
        registry.cache_entry = entry
        cache.store(entry, registry)
    return registry


def _cache_key(files: tuple[Path, ...]) -> str | None:
    """Cache key of a registry and the cell readings kept in it: the bytes of the national and
    province registry files, the province files' paths (they are in every location) and the code
    that parses them and reads cells (`cchc/agencies/*.py`, `cchc/text.py`). None if unreadable."""
    from cchc.plan import cache

    if not cache.enabled():
        return None
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), here.parent / "text.py", here.parent / "data" / REGISTRY_NAME]
    parts: list[bytes | str] = []
    try:
        for source in sources:
            parts += [source.name, source.read_bytes()]
        for path in files:
            parts += [str(path), path.read_bytes()]
    except OSError:
        return None
    return cache.key("registry", *parts)


def remember(registry: Registry) -> None:
    """Store the registry again when cells were read since it was loaded or stored: the next run
    finds every cell reading of the same plans in the cache (reading cells is most of matching)."""
    if registry.cache_entry and len(registry.cell_cache) > registry.cells_stored:
        from cchc.plan import cache

        cache.store(registry.cache_entry, registry)
        registry.cells_stored = len(registry.cell_cache)


def save_readings() -> None:
    """`remember` every registry this process loaded: called once, when a command has finished
    (`cchc.commands.guarded`), never from a query."""
    for registry in _loaded.values():
        remember(registry)


def registry_for(plan_path: str | Path) -> Registry:
    """The registry a plan's agency names are read with (found from the plan's path)."""
    return load_registry(registry_files(plan_path))


def group_registries(paths: Iterable[str]) -> Mapping[str, Registry]:
    """Registry for each plan path."""
    return {p: registry_for(p) for p in paths}
