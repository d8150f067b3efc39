"""`cchc validate` configuration: `[tool.cchc]` in pyproject.toml, or a `.cchc.toml`.

Searched from the current folder upward; the first `.cchc.toml`, or `pyproject.toml` that has
a `[tool.cchc]` table, wins (ruff's discovery). Keys (codes match by prefix, like ruff: `N`
selects every N… check)::

    select = ["N", "X"]            # only these checks (default: all)
    ignore = ["N101"]              # never these
    severity = { N102 = "error" }  # change a check's severity: error, warning, info
    per-file-ignores = { "plans/2023/*.yaml" = ["X103"] }  # globs relative to the config file
    event-grace = "30d"            # `Sau khi …` work is due this long after its event (`cchc due`)

Loader problems (L…) cannot be ignored: a plan the loader refuses cannot be used at all.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cchc.errors import CchcError, Loc, Severity

KEYS = ("select", "ignore", "severity", "per-file-ignores", "event-grace")

_GRACE = re.compile(r"^\s*(\d{1,4})\s*(d|ngay|ngày|w|tuan|tuần)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path = Path(".")
    source: str | None = None
    #: Days after its event that a `Sau khi …` item is due (`event-grace`); None: no deadline until `due_date`.
    event_grace: int | None = None

    def enabled(self, code: str, file: str | None = None) -> bool:
        """Whether problems with `code` are reported (for `file`, when given)."""
        if code.startswith("L"):
            return True
        if self.select and not _matches(code, self.select):
            return False
        if _matches(code, self.ignore):
            return False
        if file is not None:
            rel = _relative(file, self.root)
            for pattern, codes in self.per_file_ignores:
                if fnmatch.fnmatch(rel, pattern) and _matches(code, codes):
                    return False
        return True

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)


def with_codes(config: Config, *, select: str | None = None, ignore: str | None = None) -> Config:
    """`config` with `--select` (replaces) and `--ignore` (adds to) given as comma-separated codes."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(c.strip().upper() for c in text.split(",") if c.strip())

    if select is not None:
        config = replace(config, select=split(select))
    if ignore is not None:
        config = replace(config, ignore=config.ignore + split(ignore))
    return config


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def _relative(file: str, root: Path) -> str:
    path = Path(file).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(file).as_posix()


def find(start: Path | None = None) -> Config:
    """The configuration that applies in `start` (default: the current folder), else the defaults."""
    folder = (start or Path.cwd()).resolve()
    for parent in (folder, *folder.parents):
        dot = parent / ".cchc.toml"
        if dot.is_file():
            return parse(_read(dot), dot)
        pyproject = parent / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("cchc")
            if table is not None:
                return parse(table, pyproject)
    return Config()


def _read(path: Path) -> dict[str, Any]:
    from cchc.files import read_bytes

    try:
        return tomllib.loads(read_bytes(path, 1024 * 1024, within=path.parent).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CchcError.single("C001", f"không đọc được cấu hình (cannot read config): {exc}", Loc(str(path))) from None


def _kind(value: object) -> str:
    """What a TOML value is, in words (for messages)."""
    kinds = {list: "một danh sách", dict: "một bảng", str: "chữ", bool: "true/false", int: "số", float: "số"}
    return f"{kinds.get(type(value), type(value).__name__)} {value!r}"[:120]


def parse(table: Mapping[str, Any], path: Path) -> Config:
    """A `Config` from a `[tool.cchc]` table; unknown keys and bad values are errors (exit 2)."""
    where = Loc(str(path))

    def fail(message: str) -> CchcError:
        return CchcError.single("C001", f"cấu hình cchc không hợp lệ (invalid config): {message}", where)

    for key in table:
        if key not in KEYS:
            raise fail(f"khoá không xác định {key!r}; dùng một trong {', '.join(KEYS)}")

    def codes(value: Any, what: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise fail(f'{what} cần một danh sách mã, ví dụ ["N101"], gặp {_kind(value)}')
        return tuple(c.strip().upper() for c in value)

    def mapping(key: str) -> Mapping[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, Mapping):
            raise fail(f"{key} cần một bảng (a table: [tool.cchc.{key}]), gặp {_kind(value)}")
        return value

    severity: dict[str, Severity] = {}
    for code, level in mapping("severity").items():
        if not isinstance(level, str):
            raise fail(f"severity.{code}: cần error, warning hoặc info, gặp {_kind(level)}")
        try:
            severity[code.upper()] = Severity(level.lower())
        except ValueError:
            raise fail(f"severity.{code}: cần error, warning hoặc info, gặp {level!r}") from None
    per_file = tuple(
        (str(glob), codes(value, f"per-file-ignores.{glob}")) for glob, value in mapping("per-file-ignores").items()
    )
    grace = table.get("event-grace")
    if grace is not None:
        found = _GRACE.match(str(grace)) if isinstance(grace, (str, int)) and not isinstance(grace, bool) else None
        if found is None:
            raise fail(f'event-grace cần số ngày hoặc tuần, ví dụ "30d" hoặc "2w"; gặp {grace!r}')
        unit = (found.group(2) or "d").lower()
        grace = int(found.group(1)) * (7 if unit in ("w", "tuan", "tuần") else 1)
    return Config(
        select=codes(table.get("select", []), "select"),
        ignore=codes(table.get("ignore", []), "ignore"),
        severity=severity,
        per_file_ignores=per_file,
        root=path.parent,
        source=str(path),
        event_grace=grace,
    )
