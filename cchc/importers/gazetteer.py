"""The provinces and centrally-run cities, before and after the 2025 reorganisation, by any spelling.

Read from `cchc/data/provinces.yaml`: the 63 units in force until 2025-06-30 and the 34 from
2025-07-01, with the units each new one was formed from (Nghị quyết 202/2025/QH15). Names are
found folded (no marks, any case, `đ`→`d`), so `tinh Dak Lak`, `TỈNH ĐẮK LẮK` and `tỉnh Đăk Lăk`
all name Đắk Lắk; `TP.`/`TP`/`thành phố` and `tỉnh` introduce a name in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from cchc.text import fold

_WORDS = re.compile(r"[^a-z0-9]+")
# What introduces a province's name in running text, folded: `tỉnh X`, `thành phố X`, `TP. X`, `TP.X`.
_INTRO = re.compile(r"(?:^| )(tinh|thanh pho|tp)(?= )")


def name_key(text: str) -> str:
    """Folded words of a name: `Bà Rịa - Vũng Tàu` and `BA RIA VUNG TAU` give `ba ria vung tau`."""
    return " ".join(_WORDS.sub(" ", fold(text)).split())


@dataclass(frozen=True)
class Province:
    """A provincial-level unit: its name, and where it stands in the 2025 reorganisation."""

    name: str
    kind: str  # `tỉnh` or `thành phố` (centrally-run city); the kind after 2025-07-01 when it exists then
    aliases: tuple[str, ...] = ()
    before: bool = False  # one of the 63 until 2025-06-30
    after: bool = False  # one of the 34 from 2025-07-01
    merged_into: str | None = None  # the unit it became part of on 2025-07-01 (None when it kept its name)
    merged_from: tuple[str, ...] = ()  # the units it was formed from on 2025-07-01

    @property
    def city(self) -> bool:
        return self.kind == "thành phố"

    @property
    def committee(self) -> str:
        """`UBND tỉnh Tuyên Quang`, `UBND thành phố Hải Phòng`."""
        return f"UBND {self.kind} {self.name}"


@dataclass(frozen=True)
class Found:
    """A province named in a line, and the word that introduced it (`tinh`, `thanh pho`, `tp` or "")."""

    province: Province
    word: str = ""

    @property
    def local_city(self) -> bool:
        """`thành phố Tuyên Quang`: a city inside a province (district level), not the province itself."""
        return self.word in ("thanh pho", "tp") and not self.province.city


@dataclass
class Gazetteer:
    provinces: dict[str, Province]
    changed_on: date
    _keys: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for province in self.provinces.values():
            for name in (province.name, *province.aliases):
                self._keys.setdefault(name_key(name), province.name)
        self._longest = max(len(k.split()) for k in self._keys)

    @property
    def before(self) -> list[Province]:
        return [p for p in self.provinces.values() if p.before]

    @property
    def after(self) -> list[Province]:
        return [p for p in self.provinces.values() if p.after]

    def lookup(self, text: str) -> Province | None:
        """The unit `text` names exactly (any spelling), or None."""
        name = self._keys.get(name_key(text))
        return self.provinces[name] if name else None

    def starts(self, words: list[str]) -> tuple[Province, int] | None:
        """The unit whose name the folded `words` start with (longest name first), and its word count."""
        for n in range(min(self._longest, len(words)), 0, -1):
            name = self._keys.get(" ".join(words[:n]))
            if name:
                return self.provinces[name], n
        return None

    def _name_at(self, words: list[str]) -> Province | None:
        found = self.starts(words)
        return found[0] if found else None

    def find(self, line: str) -> Found | None:
        """The first province a line names after `tỉnh`, `thành phố` or `TP.`."""
        text = " " + name_key(line) + " "
        for match in _INTRO.finditer(text):
            province = self._name_at(text[match.end() :].split())
            if province is not None:
                return Found(province, match.group(1))
        return None

    def successor(self, province: Province, on: date) -> Province | None:
        """The unit that holds `province`'s territory on `on`, when it is another one."""
        if on < self.changed_on or province.merged_into is None or province.merged_into == province.name:
            return None
        return self.provinces.get(province.merged_into)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with cchc (parsed once per process)."""
    from importlib import resources

    import yaml

    text = resources.files("cchc").joinpath("data", "provinces.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    merged_into = {old: new["name"] for new in data["after"] for old in new.get("from", ())}
    provinces: dict[str, Province] = {}
    for entry in data["before"]:
        provinces[entry["name"]] = Province(
            name=entry["name"],
            kind=entry["kind"],
            aliases=tuple(entry.get("aliases", ())),
            before=True,
            merged_into=merged_into.get(entry["name"]),
        )
    for entry in data["after"]:
        old = provinces.get(entry["name"])
        provinces[entry["name"]] = Province(
            name=entry["name"],
            kind=entry["kind"],
            aliases=old.aliases if old else (),
            before=old is not None,
            after=True,
            merged_from=tuple(entry.get("from", ())),
        )
    return Gazetteer(provinces, data["changed_on"])
