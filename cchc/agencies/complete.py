"""Shell completion of agency names for `--agency`.

Kept cheap: only registries are read (the national base and `plans/*/agencies.yaml` under the
current folder), never plans. Matching is on the fold key, so `so tu` offers `Sở Tư pháp`.
"""

from __future__ import annotations

from pathlib import Path


def agency_names(root: Path = Path("plans")) -> tuple[list[str], list[str]]:
    """Canonical names and (other) aliases known to the registries under `root`, deduplicated."""
    from cchc.agencies.registry import load_registry
    from cchc.errors import CchcError
    from cchc.plan.spec import REGISTRY_NAME

    files = sorted(root.glob(f"*/{REGISTRY_NAME}")) if root.is_dir() else []
    names: dict[str, None] = {}
    aliases: dict[str, None] = {}
    for path in [None, *files]:
        try:
            registry = load_registry((path,) if path else ())
        except CchcError:  # a broken registry must not break the shell
            continue
        for agency in registry:
            names[agency.name] = None
            aliases.update(dict.fromkeys(agency.aliases))
    return list(names), [a for a in aliases if a not in names]


def complete_agency(incomplete: str) -> list[str]:
    """Names whose fold key has a word starting with what was typed so far.

    Names that start as typed come first (`so tu` → `Sở Tư pháp` before `Các sở …`), then
    canonical names before aliases, then alphabetical order.
    """
    # Imported here: command modules import this one at startup (`cchc --help` lists them all).
    from cchc.agencies.normalize import key
    from cchc.text import fold

    wanted = key(incomplete)
    typed = fold(incomplete)
    names, aliases = agency_names()
    found: list[tuple[bool, bool, bool, str]] = []
    for is_alias, group in ((False, names), (True, aliases)):
        for name in group:
            k = key(name)
            if not wanted or k.startswith(wanted) or f" {wanted}" in f" {k}":
                found.append((not fold(name).startswith(typed), not k.startswith(wanted), is_alias, name))
    return [name for *_rank, name in sorted(found)]


def complete_agency_param(ctx: object, param: object, incomplete: str) -> list[str]:
    """`shell_complete=` form of `complete_agency`, for every `--agency` option.

    Typer's `autocompletion=` keeps only values that start with the typed text, which would
    drop `Sở Tư pháp` for `so tu`; the click-level hook returns the fold-key matches as they are.
    """
    return complete_agency(incomplete)
